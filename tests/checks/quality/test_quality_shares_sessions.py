"""Share counts are validated as one dataset per symbol; a failing session still marks only its own claims.

The data are the snapshot's: NVDA's one count (NVIDIA's 10-Q, 24 490 million shares) and the seed article's
claims, plus the seed's market-value claim moved to Tuesday 28 January. The failing count is derived from the
snapshot's own: the same count in millions (24 490, as the filing's cover page prints it), used on Tuesday only.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from marketfact.checks.runreport import RunReport

TUESDAY = date(2025, 1, 28)
MONDAY_CLAIM = "nvda-market-value-at-times"
TUESDAY_CLAIM = "nvda-market-value-tuesday"


class MillionsOnTuesday:
    """The snapshot's share counts, except that the count used on Tuesday is in millions (a unit slip)."""

    name = "snapshot (count in millions on 2025-01-28)"

    def __init__(self) -> None:
        from marketfact.market.snapshot import SnapshotSharesSource

        self.real = SnapshotSharesSource()

    def shares(self, symbol: str, on: date):  # type: ignore[no-untyped-def]
        quote = self.real.shares(symbol, on)
        return dataclasses.replace(quote, shares=quote.shares / 1e6) if on == TUESDAY else quote


def _run(seed_claims, snapshot, shares) -> RunReport:  # type: ignore[no-untyped-def]
    from marketfact.checks.run import run_in_process
    from marketfact.market.snapshot import EcbFxSource

    monday = next(c for c in seed_claims.claims if c.id == MONDAY_CLAIM)
    tuesday = monday.model_copy(update={"id": TUESDAY_CLAIM, "sessions": [TUESDAY]})
    claims = seed_claims.model_copy(update={"claims": [*seed_claims.claims, tuesday]})
    return run_in_process(claims, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, shares)


@pytest.fixture(scope="module")
def runs(seed_claims, snapshot) -> tuple[RunReport, RunReport]:  # type: ignore[no-untyped-def]
    from marketfact.market.snapshot import SnapshotSharesSource

    return _run(seed_claims, snapshot, SnapshotSharesSource()), _run(seed_claims, snapshot, MillionsOnTuesday())


def test_a_failing_session_marks_only_the_claims_that_need_it(runs: tuple[RunReport, RunReport]) -> None:
    sound, damaged = ({v.claim_id: v for v in run.verdicts} for run in runs)
    assert sound[TUESDAY_CLAIM].label.value != "UNVERIFIABLE"  # judged on the real count
    broken = damaged[TUESDAY_CLAIM]
    assert broken.label.value == "UNVERIFIABLE"
    # The reason names the count used on that session, as it did when each (symbol, session) was a dataset.
    assert broken.reason == "shares_in_units failed on shares: NVDA on 2025-01-28"
    for claim_id, verdict in sound.items():  # Monday's market value, on the same symbol's batch, and the rest
        if claim_id != TUESDAY_CLAIM:
            got = damaged[claim_id]
            assert (got.label, got.measured, got.reason) == (verdict.label, verdict.measured, verdict.reason), claim_id


def test_the_symbol_is_one_dataset_whose_failure_names_the_session(runs: tuple[RunReport, RunReport]) -> None:
    sound, damaged = runs
    shares = [[o for o in run.validations if o.suite == "shares_outstanding"] for run in runs]
    assert [[o.dataset for o in found] for found in shares] == [["shares: NVDA"], ["shares: NVDA"]]
    assert shares[0][0].success
    (failure,) = shares[1][0].critical_failures()
    assert (failure.name, failure.sessions) == ("shares_in_units", (TUESDAY,))
    assert failure.detail == "2025-01-28 (shares 24,490)"
    assert len(sound.validations) == len(damaged.validations)
