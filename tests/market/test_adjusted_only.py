"""Adjusted-only series (VST in the snapshot): percent changes on adjusted closes where exact, else one reason.

The snapshot's VST file has only Yahoo's adjusted close; its actions.csv says no dividend or split falls
between 13 Jan and 14 Feb 2025 (PROVENANCE.md). The live path uses Yahoo-shaped frames rebuilt from that
file; where a test adds a dividend it is synthetic and says so.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from marketfact.checks.run import run_in_process
from marketfact.checks.verdicts import Label
from marketfact.claims.model import ClaimFile
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

MONDAY = date(2025, 1, 27)


def _claims(*claims: dict[str, Any]) -> ClaimFile:
    base = {"text": "t", "subject": "Vistra", "instrument": "VST", "sessions": [MONDAY], "direction": "down"}
    return ClaimFile.model_validate({"claims": [{**base, **c} for c in claims]})


CLOSE = {"id": "close", "metric": "close_change", "value": 28.27}
INTRADAY = {"id": "low", "metric": "intraday_extreme", "value": 30, "hedge": "up to"}


def _run(source: Any, snapshot: Any, claims: ClaimFile, validate: bool = True) -> dict[str, Any]:
    report = run_in_process(
        claims, source, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource(), validate=validate
    )
    return {v.claim_id: v for v in report.verdicts}


def test_a_percent_change_is_measured_on_adjusted_closes_and_says_so(snapshot) -> None:  # type: ignore[no-untyped-def]
    verdicts = _run(snapshot, snapshot, _claims(CLOSE, INTRADAY))
    close = verdicts["close"]
    # 136.8435 / 190.7803 − 1 = −28.27 % (CNBC: "Vistra closed nearly 30 % lower").
    assert close.label is Label.CORRECT
    assert close.measured == pytest.approx(-28.27, abs=0.005)
    assert "dividend-adjusted" in close.explanation
    assert "raw closes" not in close.explanation
    assert any("no dividend or split falls between 2025-01-24 and 2025-01-27" in w for w in close.warnings)
    assert {e.field for e in close.evidence} == {"adj_close"}
    assert close.quality_failures == (), "Great Expectations checks the adjusted closes it rests on, and they pass"
    low = verdicts["low"]
    assert low.label is Label.UNVERIFIABLE
    assert low.explanation.count("Cannot be checked") == 1
    assert "only dividend-adjusted closes" in (low.reason or "")
    assert any(f.name == "raw_close_present" for f in low.quality_failures), "the flaw is still reported"


def test_the_live_source_uses_the_vendors_actions(yahoo, snapshot) -> None:  # type: ignore[no-untyped-def]
    from marketfact.market.yahoo import YFinanceSource

    def source(**events: Any) -> YFinanceSource:
        frame = yahoo.frame("VST", "America/New_York", **events)
        ticker = yahoo.Ticker("VST", frame, currency="USD")
        return YFinanceSource(ticker_factory=yahoo.Tickers(ticker), check_later_splits=False)

    clean = _run(source(), snapshot, _claims(CLOSE), validate=False)["close"]
    assert clean.label is Label.CORRECT
    assert any("the vendor's actions" in w for w in clean.warnings)
    # Synthetic: a dividend of 0.22 USD going ex on 27 Jan (VST had none in this window).
    spanned = _run(source(dividends={"2025-01-27": 0.22}), snapshot, _claims(CLOSE), validate=False)["close"]
    assert spanned.label is Label.UNVERIFIABLE
    assert "dividend 0.22 USD (ex-date 2025-01-27) falls between 2025-01-24 and 2025-01-27" in (spanned.reason or "")


def test_a_claim_without_a_day_on_an_adjusted_only_series_does_not_contradict_itself(snapshot) -> None:  # type: ignore[no-untyped-def]
    claims = ClaimFile.model_validate(
        {
            "article": {"published_at": "2025-01-28T07:00:00+01:00"},
            "claims": [
                {"id": "x", "text": "t", "subject": "Vistra", "instrument": "VST", "metric": "intraday_extreme",
                 "direction": "down", "value": 30},
            ],
        }
    )  # fmt: skip
    verdict = _run(snapshot, snapshot, claims)["x"]
    assert verdict.label is Label.UNVERIFIABLE
    assert "none of them could be checked" in verdict.explanation
    assert "fits" not in verdict.explanation
    # One reason, each failed expectation once with its dates (not once per date and column).
    assert verdict.explanation.count("only dividend-adjusted closes") == 1


def test_the_report_names_the_adjusted_close_as_the_price_read(snapshot) -> None:  # type: ignore[no-untyped-def]
    """report.json's price_field, the HTML's price line, base note and chart axis say the adjusted close (en, de)."""
    from bs4 import BeautifulSoup

    from marketfact.reports import report_json
    from marketfact.reports.html import render_html

    multi = {"id": "multi", "metric": "close_change", "value": 21.7, "sessions": [MONDAY, date(2025, 1, 28)]}
    claims = _claims(CLOSE, multi, {"id": "nvda", "instrument": "NVDA", "subject": "Nvidia", "metric": "close_change",
                                    "value": 16.97})  # fmt: skip
    report = run_in_process(
        claims, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource(), validate=False
    )
    fields = {c["claim"]["id"]: c["measured"]["price_field"] for c in report_json(report)["claims"]}
    assert fields == {"close": "adjusted close", "multi": "adjusted close", "nvda": "close"}
    notes = {v.claim_id: v.sessions_note for v in report.verdicts}
    assert notes["multi"].endswith("base: adjusted close of 2025-01-24")
    assert notes["nvda"].endswith("base: close of 2025-01-24")
    expected = {
        "en": ("price: adjusted close", "base: adjusted close of Jan 24, 2025", "price (USD, adjusted close)"),
        "de": ("Kurs: bereinigter Schlusskurs", "Basis: bereinigter Schlusskurs vom 24.01.2025",
               "Kurs (USD, bereinigter Schlusskurs)"),
    }  # fmt: skip
    for lang, (price, base, axis) in expected.items():
        page = render_html(report, lang)
        soup = BeautifulSoup(page, "html.parser")
        for claim_id in ("close", "multi"):
            card = soup.select_one(f"#claim-{claim_id}")
            assert card is not None
            text = card.get_text(" ", strip=True)
            assert price in text, (lang, claim_id, text)
            assert base in text, (lang, claim_id, text)
            assert axis in page, (lang, axis)
        nvda = soup.select_one("#claim-nvda").get_text(" ", strip=True)  # type: ignore[union-attr]
        assert price not in nvda, "a raw series still reads the close"
        assert base not in nvda
