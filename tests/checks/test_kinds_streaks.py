"""Records of duration (#17): "its longest winning (losing) streak since …" on the snapshot.

A streak is the run of sessions in a row, up to the claimed one, whose close is above (below) the session
before. It is compared with the longest run that ended before it began, counted from ``since`` on. The
expected figures are computed here from the snapshot CSVs with a plain loop, apart from the engine.
"""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from marketfact.checks.run import run_in_process
from marketfact.checks.verdicts import Verdict
from marketfact.claims.model import Claim, ClaimFile
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource
from marketfact.reports.i18n import Formatter
from marketfact.reports.sentences import explanation

PRICES = Path(__file__).resolve().parents[2] / "market" / "data" / "prices"


def _claim(claim_id: str, symbol: str, record: str, since: date, day: date) -> Claim:
    return Claim(
        id=claim_id, text="t", subject=symbol, instrument=symbol, metric="record", record=record, since=since,
        sessions=[day],
    )  # fmt: skip


def _run(snapshot: Any, claims: list[Claim], validate: bool = False) -> dict[str, Verdict]:
    report = run_in_process(
        ClaimFile(claims=claims), snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource(),
        validate=validate,
    )  # fmt: skip
    return {v.claim_id: v for v in report.verdicts}


def _expected(symbol: str, record: str, since: date, day: date) -> tuple[int, int]:
    """(the streak up to ``day``, the longest one before it began from ``since`` on), by a plain loop."""
    close = pd.read_csv(PRICES / f"{symbol}.csv", index_col="date", parse_dates=True)["close"]
    sign = [0] + [(-1 if b < a else 1 if b > a else 0) for a, b in itertools.pairwise(close)]
    want = -1 if record == "losing_streak" else 1
    days = [d.date() for d in close.index]
    end = days.index(day)
    own = 0
    while own <= end and sign[end - own] == want:
        own += 1
    longest = run = 0
    for i in range(days.index(since), end - own + 1):
        run = run + 1 if sign[i] == want else 0
        longest = max(longest, run)
    return own, longest


CASES = [  # every session of the snapshot from 21 Jan on, for three instruments and both kinds
    (symbol, record, day.date())
    for symbol in ("NVDA", "^GSPC", "SU.PA")
    for record in ("losing_streak", "winning_streak")
    for day in pd.read_csv(PRICES / f"{symbol}.csv", index_col="date", parse_dates=True).index
    if day >= pd.Timestamp("2025-01-21")
]
SINCE = date(2025, 1, 14)


def _id(symbol: str, record: str, day: date) -> str:
    return f"{symbol.lstrip('^')}-{record}-{day}"


@pytest.fixture(scope="module")
def verdicts(snapshot: Any) -> dict[str, Verdict]:
    claims = [_claim(_id(s, r, d), s, r, SINCE, d) for s, r, d in CASES]
    return _run(snapshot, claims)


@pytest.mark.parametrize(("symbol", "record", "day"), CASES, ids=[f"{s}-{r}-{d}" for s, r, d in CASES])
def test_every_session_against_a_plain_loop(verdicts: dict[str, Verdict], symbol: str, record: str, day: date) -> None:
    own, longest = _expected(symbol, record, SINCE, day)
    verdict = verdicts[_id(symbol, record, day)]
    assert verdict.measured == own
    holds = own >= max(longest, 1)
    if holds:
        assert verdict.label.value == "CORRECT", (own, longest, verdict.explanation)
    else:
        assert verdict.label.value in ("INCORRECT", "MISLEADING"), (own, longest, verdict.explanation)
    assert verdict.interval is not None
    assert verdict.interval[0] == max(longest, 1)


def test_the_session_after_the_record_is_misleading_and_german_says_why(snapshot: Any) -> None:
    # NVDA closed higher on 4-10 Feb (5 sessions), lower on 11 Feb.
    claims = [
        _claim("win", "NVDA", "winning_streak", SINCE, date(2025, 2, 10)),
        _claim("next", "NVDA", "winning_streak", SINCE, date(2025, 2, 11)),
    ]
    got = _run(snapshot, claims, validate=True)
    assert got["win"].label.value == "CORRECT"
    assert got["win"].unit == "sessions"
    assert got["next"].label.value == "MISLEADING"
    assert "session before" in got["next"].explanation
    de = explanation(got["win"], claims[0], Formatter("de"))
    assert "an 5 Handelstagen in Folge höher" in de
    assert "es ist also die längste Gewinnserie seit dem 14.01.2025" in de


def test_a_gap_in_the_history_is_named(snapshot: Any) -> None:
    got = _run(snapshot, [_claim("gap", "ENR.DE", "losing_streak", SINCE, date(2025, 1, 28))])["gap"]
    assert got.label.value == "UNVERIFIABLE"
    assert "lacks" in (got.reason or "")
    assert "2025-01-20" in (got.reason or "")
