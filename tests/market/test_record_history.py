"""Records on the live path: yfinance fetches the history a record needs, once per instrument (no network).

The tickers answer with Yahoo-shaped frames rebuilt from the shipped snapshot (tests/market/conftest.py);
where a test blanks a close to make a flaw, it says so. The snapshot alone cannot check a record since
2020 or over all history; the live source can, and Great Expectations validates that history.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from marketfact.checks.run import run_in_process
from marketfact.checks.verdicts import Label
from marketfact.claims.model import ClaimFile
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

NY = "America/New_York"


def _claims(*claims: dict[str, Any]) -> ClaimFile:
    base = {"text": "t", "subject": "Nvidia", "instrument": "NVDA", "sessions": [date(2025, 1, 27)]}
    return ClaimFile.model_validate({"claims": [{**base, **c} for c in claims]})


def _run(yahoo: Any, snapshot: Any, frame: Any, claims: ClaimFile, validate: bool = False) -> Any:
    from marketfact.market.yahoo import YFinanceSource

    ticker = yahoo.Ticker("NVDA", frame, currency="USD")
    source = YFinanceSource(ticker_factory=yahoo.Tickers(ticker), check_later_splits=False)
    report = run_in_process(
        claims, source, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource(), validate=validate
    )
    return report, ticker


RECORDS = (
    {"id": "low", "metric": "record", "record": "lowest_close", "since": date(2025, 1, 13)},
    {"id": "fall-ever", "metric": "record", "record": "biggest_fall"},
    {"id": "move", "metric": "close_change", "direction": "down", "value": 17},
)


def test_a_record_is_checked_on_the_history_yfinance_fetches_once_per_instrument(yahoo, snapshot):
    report, ticker = _run(yahoo, snapshot, yahoo.frame("NVDA", NY), _claims(*RECORDS))
    labels = {v.claim_id: v.label for v in report.verdicts}
    # 118.42 on 27 Jan is below every close since 13 Jan (lowest before: 131.76 on 14 Jan); −16.97 % is
    # the biggest fall of all the history this ticker has (its frame starts on 13 Jan 2025).
    assert labels == {"low": Label.CORRECT, "fall-ever": Label.CORRECT, "move": Label.CORRECT}
    (call,) = [c for c in ticker.calls if "shares" not in c]  # one request for the three claims
    assert call["start"] == "2000-01-03", "no since: all the history the calendars hold (from 2000)"
    low = next(v for v in report.verdicts if v.claim_id == "low")
    assert any(e.role == "history extreme" and e.value == 131.76 for e in low.evidence)
    assert "131.76 USD on 2025-01-14" in low.explanation
    assert low.path[0].session <= date(2025, 1, 13), "the chart shows the history the record rests on"


def test_the_same_records_on_the_snapshot_name_the_missing_history_and_the_option(snapshot):
    from marketfact.checks.run import run_in_process as run

    claims = _claims(*RECORDS, {"id": "low-2020", "metric": "record", "record": "lowest_close", "since": "2020-03-16"})
    report = run(claims, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource())
    by_id = {v.claim_id: v for v in report.verdicts}
    assert by_id["low"].label is Label.CORRECT
    for cid in ("fall-ever", "low-2020"):
        verdict = by_id[cid]
        assert verdict.label is Label.UNVERIFIABLE
        assert "--source yfinance" in (verdict.reason or "")
        assert "2025-01-13" in (verdict.reason or ""), "it says where the snapshot's closes start"
        assert verdict.explanation.count("Cannot be checked") == 1


def test_great_expectations_validates_the_history_a_record_rests_on(yahoo, snapshot):
    frame = yahoo.frame("NVDA", NY)
    # A flaw made for this test: the close of 16 Jan blanked (the real close is 133.57).
    frame.loc[frame.index[frame.index.day == 16][0], "Close"] = np.nan
    claims = _claims(RECORDS[0], RECORDS[2])
    report, _ = _run(yahoo, snapshot, frame, claims, validate=True)
    by_id = {v.claim_id: v for v in report.verdicts}
    record = by_id["low"]
    assert record.label is Label.UNVERIFIABLE
    assert any(f.name == "close_not_null" and date(2025, 1, 16) in f.sessions for f in record.quality_failures)
    # The close-to-close claim does not rest on 16 Jan: it is judged as before.
    assert by_id["move"].label is Label.CORRECT
