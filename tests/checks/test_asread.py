"""What a verdict says about how its claim was read (``checks.asread.outcome_as_read``): real verdicts of the
checker on the shipped snapshot, one per kind of reason."""

from __future__ import annotations

from datetime import date
from typing import Any

from marketfact.checks.asread import is_data_reason, outcome_as_read
from marketfact.checks.reasons import TEMPLATES
from marketfact.checks.run import run_in_process
from marketfact.claims.extract.calibration import NO_DATA
from marketfact.claims.model import ClaimFile
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

MONDAY = date(2025, 1, 27)


def _verdicts(snapshot: Any, *claims: dict[str, Any]) -> dict[str, Any]:
    base = {"text": "t", "subject": "s", "metric": "close_change", "direction": "down", "value": 17}
    data = ClaimFile.model_validate({
        "claims": [base | c for c in claims],
        "instruments": [{"symbol": "RHM.DE", "name": "Rheinmetall", "mic": "XETR", "timezone": "Europe/Berlin",
                         "currency": "EUR"}],
    })  # fmt: skip
    run = run_in_process(data, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource())
    return {v.claim_id: v for v in run.verdicts}


def test_each_outcome_as_the_reading_sees_it(snapshot: Any) -> None:
    verdicts = _verdicts(
        snapshot,
        {"id": "pass", "instrument": "NVDA", "sessions": [MONDAY]},  # −16.97 %
        {"id": "fail", "instrument": "NVDA", "sessions": [MONDAY], "value": 5},
        {"id": "no-prices", "instrument": "RHM.DE", "sessions": [MONDAY]},  # a listing the snapshot lacks
        {"id": "no-rows", "instrument": "NVDA", "sessions": [date(2026, 11, 2)]},  # after the snapshot ends
        {"id": "unknown", "instrument": "XYZ.DE", "sessions": [MONDAY]},  # the reading's company, unknown
        {
            "id": "not-closed",
            "instrument": "NVDA",
            "period": "am Dienstag",
            "published_at": "2025-01-28T08:00:00+01:00",
        },
    )
    got = {claim_id: outcome_as_read(v) for claim_id, v in verdicts.items()}
    assert got == {
        "pass": "pass", "fail": "fail", "no-prices": NO_DATA, "no-rows": NO_DATA, "unknown": "unverifiable",
        "not-closed": "unverifiable",
    }, {k: v.reason for k, v in verdicts.items()}  # fmt: skip


def test_the_data_reasons_are_reasons_the_checker_writes() -> None:
    data = [code for code in TEMPLATES if is_data_reason(code)]
    assert {"snapshot_no_prices", "snapshot_no_rows", "yahoo_unreachable", "quality_failed_for", "no_shares"} <= set(
        data
    )
    claim_side = {"not_closed", "unknown_instrument", "other_currency", "period_no_session", "not_a_session"}
    assert not claim_side & set(data)
