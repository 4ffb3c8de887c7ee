"""Records of market value (#17): "the biggest one-day loss of market value since …" on the snapshot.

A record claim with ``unit: money`` (and a currency and scale) speaks of the session's change of market value,
shares outstanding × the close's one-day change, against every session of its history with the same share
count. The expected figures are computed here from market/data/prices/NVDA.csv and shares_outstanding.csv,
apart from the engine.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from pydantic import ValidationError

from marketfact.checks.reasons import read_reasons
from marketfact.checks.run import run_in_process
from marketfact.checks.verdicts import Verdict
from marketfact.claims.model import Claim, ClaimFile
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource
from marketfact.reports.i18n import Formatter
from marketfact.reports.sentences import explanation

DATA = Path(__file__).resolve().parents[2] / "market" / "data"
SINCE, MONDAY, TUESDAY = date(2025, 1, 14), date(2025, 1, 27), date(2025, 1, 28)


def _claim(claim_id: str, day: date, **fields: Any) -> Claim:
    base: dict[str, Any] = {
        "id": claim_id, "text": "t", "subject": "Nvidia", "instrument": "NVDA", "metric": "record",
        "record": "biggest_fall", "unit": "money", "currency": "USD", "scale": "billion", "since": SINCE,
        "sessions": [day],
    }  # fmt: skip
    return Claim(**{**base, **fields})


def _run(snapshot: Any, *claims: Claim, validate: bool = False) -> dict[str, Verdict]:
    report = run_in_process(
        ClaimFile(claims=list(claims)), snapshot, snapshot.instruments(), {"ecb": EcbFxSource()},
        SnapshotSharesSource(), validate=validate,
    )  # fmt: skip
    return {v.claim_id: v for v in report.verdicts}


def _nvda_value_changes() -> pd.Series:
    """NVDA's one-day change of market value in bn USD per session, from the CSVs (one share count)."""
    close = pd.read_csv(DATA / "prices" / "NVDA.csv", index_col="date", parse_dates=True)["close"]
    shares = pd.read_csv(DATA / "shares_outstanding.csv").set_index("symbol").loc["NVDA", "shares"]
    return (close.diff() * float(shares) / 1e9).dropna()


@pytest.mark.parametrize("validate", [False, True], ids=["no-gx", "gx"])
def test_the_biggest_loss_of_market_value_since(snapshot: Any, validate: bool) -> None:
    changes = _nvda_value_changes()
    monday = changes[pd.Timestamp(MONDAY)]
    history = changes[pd.Timestamp(SINCE) : pd.Timestamp(date(2025, 1, 24))]
    assert monday < history.min()  # the data: Monday's loss beat every session since 14 Jan
    verdict = _run(snapshot, _claim("loss", MONDAY), validate=validate)["loss"]
    assert verdict.label.value == "CORRECT"
    assert verdict.measured == pytest.approx(monday)
    assert verdict.unit == "bn USD"
    assert verdict.interval == pytest.approx((-history.min(), float("inf")))
    assert verdict.share_count is not None
    extreme = [e for e in verdict.evidence if e.role == "history extreme"]
    assert [(e.session, round(e.value, 6)) for e in extreme] == [(history.idxmin().date(), round(history.min(), 6))]
    assert "of market value" in verdict.explanation
    assert "%" not in verdict.explanation.split(";")[0]  # the fact is in money, not a percent move


def test_a_gain_the_day_after_and_the_same_loss_on_the_wrong_day(snapshot: Any) -> None:
    changes = _nvda_value_changes()
    verdicts = _run(snapshot, _claim("gain", TUESDAY, record="biggest_rise"), _claim("loss-tuesday", TUESDAY))
    gain = verdicts["gain"]
    assert gain.label.value == "CORRECT"
    assert gain.measured == pytest.approx(changes[pd.Timestamp(TUESDAY)])
    wrong = verdicts["loss-tuesday"]
    assert wrong.label.value == "MISLEADING"  # the record loss was Monday's, the session before
    assert "session before" in wrong.explanation


@pytest.mark.parametrize(
    ("fields", "code", "words"),
    [
        ({"currency": "EUR"}, "value_record_currency", "listing currency, USD, not EUR"),
        ({"instrument": "AVGO", "subject": "Broadcom"}, "no_shares", "no share count for AVGO"),
        ({"instrument": "^GSPC", "subject": "S&P 500"}, "no_market_value", "index, which has no market value"),
        ({"since": date(2020, 3, 16)}, "text", "--source yfinance"),
    ],
    ids=["other-currency", "no-shares", "index", "history-missing"],
)
def test_unverifiable_with_one_reason(snapshot: Any, fields: dict[str, Any], code: str, words: str) -> None:
    verdict = _run(snapshot, _claim("u", MONDAY, **fields))["u"]
    assert verdict.label.value == "UNVERIFIABLE"
    assert words in (verdict.reason or "")
    if code != "text":
        assert [r.code for r in read_reasons(verdict.reason or "")] == [code]


def test_the_german_sentence_speaks_of_market_value(snapshot: Any) -> None:
    verdicts = _run(snapshot, _claim("loss", MONDAY), _claim("eur", MONDAY, currency="EUR"))
    claim = _claim("loss", MONDAY)
    de = explanation(verdicts["loss"], claim, Formatter("de")).replace("\xa0", " ")
    assert "Börsenwert" in de
    assert "−592,66 Mrd. $" in de
    assert "%" not in de
    reason = explanation(verdicts["eur"], _claim("eur", MONDAY, currency="EUR"), Formatter("de"))
    assert "Börsenwährung" in reason


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"record": "lowest_close", "direction": None}, "unit"),
        ({"unit": "points", "currency": None, "scale": "one"}, "unit"),
        ({"hedge": "about"}, "hedge"),
    ],
    ids=["close-record-in-money", "points", "hedge"],
)
def test_the_claim_file_names_the_field(fields: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError, match=f"field '{field}'"):
        _claim("x", MONDAY, **fields)
