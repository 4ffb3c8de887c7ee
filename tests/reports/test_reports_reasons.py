"""A period the resolver cannot use, and a price source that cannot deliver, give reasons as codes, worded per
language.

The claims below are SYNTHETIC (made up for their periods: a 5 % fall of Nvidia with a period no session fits);
the checker, the exchange calendars and the snapshot are the real ones. Every recorded reason must read back to
a code of ``checks.reasons.TEMPLATES`` (none falls back to free text), word back to the record, and come out
German in a German report.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from marketfact.checks.reasons import TEMPLATES, read_reasons
from marketfact.checks.runreport import RunReport
from marketfact.market.source import ChainedPriceSource, MarketDataError
from marketfact.reports import render_html
from marketfact.reports.i18n import Formatter
from marketfact.reports.reasontext import reason_text
from tests.reports.test_reports_language import own_words, phrases

PERIODS = {  # period → (publication time, the code its reason must have)
    "am Blubbertag": ("2025-01-29T08:00:00+01:00", "period_unknown_word"),
    "am Samstag": ("2025-01-29T08:00:00+01:00", "period_no_session"),
    "am 31. Februar": ("2025-03-05T08:00:00+01:00", "period_not_a_date"),
    "Montag, 28. Januar": ("2025-01-29T08:00:00+01:00", "period_wrong_weekday"),
    "vom 28. bis 27. Januar": ("2025-01-29T08:00:00+01:00", "period_reversed"),
    "in dieser Woche": ("2025-01-27T08:00:00+01:00", "period_span_none_closed"),
    "an den ersten drei Handelstagen dieser Woche": ("2025-01-29T08:00:00+01:00", "period_span_too_few"),
    "seit heute": ("2025-01-27T16:00:00+01:00", "period_empty"),
    "am Montag": ("1990-01-29T08:00:00+01:00", "published_outside_calendar"),
}


@pytest.fixture(scope="module")
def period_run() -> RunReport:
    from marketfact.claims.load import parse_claims
    from tests.checks.test_golden import golden

    claims = [
        {
            "id": f"p{i}",
            "text": "synthetic",
            "subject": "Nvidia",
            "instrument": "NVDA",
            "metric": "close_change",
            "direction": "down",
            "value": 5,
            "language": "de",
            "period": period,
            "published_at": published,
        }
        for i, (period, (published, _)) in enumerate(PERIODS.items())
    ]
    return golden.run_claims(parse_claims({"claims": claims}), validate=False)


def test_every_period_reason_has_its_code(period_run: RunReport) -> None:
    codes = {}
    for verdict, (_, want) in zip(period_run.verdicts, PERIODS.values(), strict=True):
        assert verdict.label.value == "UNVERIFIABLE"
        reasons = read_reasons(verdict.reason)
        assert [r.code for r in reasons] == [want], verdict.reason
        assert "; ".join(r.english() for r in reasons) == verdict.reason
        codes[want] = reason_text(reasons[0], Formatter("de"))
    assert codes["period_no_session"].startswith("an der Börse XNAS gab es am 25.01.2025 (Samstag) keinen Handel")
    assert "(die Woche vom 27.01.2025)" in codes["period_span_none_closed"]


def test_german_report_words_the_period_reasons(period_run: RunReport) -> None:
    german = own_words(render_html(period_run, "de", charts=False))
    assert sorted(p for p in phrases("en") if p in german) == []
    for english in ("had no trading session", "is not a date", "comes after", "sessions of the week", "Saturday"):
        assert english not in german


def test_fetch_errors_of_the_snapshot_have_codes(snapshot: Any) -> None:
    messages = []
    for symbol, start, end in (
        ("NOSUCH", date(2025, 1, 20), date(2025, 1, 24)),
        ("NVDA", date(2001, 1, 2), date(2001, 1, 5)),
    ):
        with pytest.raises(MarketDataError) as caught:
            snapshot.history(symbol, start, end)
        messages.append(str(caught.value))
    for message in messages:
        reasons = read_reasons(message)
        assert [r.code for r in reasons if r.code not in TEMPLATES] == [], message
        assert reasons[0].english() == message
        assert "snapshot" not in reason_text(reasons[0], Formatter("de"))


def test_no_source_lists_each_source_reason_as_its_own_code(snapshot: Any) -> None:
    """A chain of sources that all fail records "no source has …" and then each source's own reason, so that
    a German report words every part (it used to wrap them in one English parenthesis)."""
    chain = ChainedPriceSource([snapshot, snapshot])
    with pytest.raises(MarketDataError) as caught:
        chain.history("NOSUCH", date(2025, 1, 20), date(2025, 1, 24))
    reasons = read_reasons(str(caught.value))
    assert [r.code for r in reasons] == ["no_source", "snapshot_no_prices", "snapshot_no_prices"]
    assert "; ".join(r.english() for r in reasons) == str(caught.value)
    german = [reason_text(r, Formatter("de")) for r in reasons]
    assert german[0] == "keine Quelle hat Kurse für NOSUCH vom 20.01.2025 bis zum 24.01.2025"
    assert all("source" not in text and "snapshot" not in text for text in german)
