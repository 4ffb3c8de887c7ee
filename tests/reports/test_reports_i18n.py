"""Numbers, money and dates in German and English, with a real minus sign."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest

from marketfact.reports.i18n import MINUS, Formatter, check_lang
from marketfact.reports.words import WORDS

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [
        ("en", -16.97, f"{MINUS}16.97%"),
        ("de", -16.97, f"{MINUS}16,97{NBSP}%"),
        ("en", 8.93, "+8.93%"),
        ("de", 8.93, f"+8,93{NBSP}%"),
        ("en", -19.9523, f"{MINUS}19.95%"),
        ("de", 1234.5, f"+1.234,50{NBSP}%"),
        ("en", -0.001, "0.00%"),  # rounds to zero: no sign
        ("en", None, "–"),
    ],
)
def test_percent(lang: str, value: float | None, expected: str) -> None:
    assert Formatter(lang).percent(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "value", "currency", "expected"),
    [
        ("en", 142.62, "USD", "$142.62"),
        ("de", 142.62, "USD", f"142,62{NBSP}$"),
        ("de", 48.32, "EUR", f"48,32{NBSP}€"),
        ("en", 10050.0, "JPY", "¥10,050"),
        ("de", 10050.0, "JPY", f"10.050{NBSP}¥"),
        ("en", -1.5, "EUR", f"{MINUS}€1.50"),
        ("en", math.nan, "EUR", "–"),
    ],
)
def test_money(lang: str, value: float, currency: str, expected: str) -> None:
    assert Formatter(lang).money(value, currency) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [("en", -602.8e9, f"{MINUS}€602.8B"), ("de", -602.8e9, f"{MINUS}602,8{NBSP}Mrd.{NBSP}€")],
)
def test_big_money(lang: str, value: float, expected: str) -> None:
    assert Formatter(lang).big_money(value, "EUR") == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "expected_day", "expected_short", "expected_moment"),
    [
        ("en", "Jan 27, 2025", "Jan 27", "Jan 27, 2025, 2:15:00\u202fPM UTC"),
        ("de", "27.01.2025", "27. Jan.", "27.01.2025, 14:15:00 UTC"),
    ],
)
def test_dates(lang: str, expected_day: str, expected_short: str, expected_moment: str) -> None:
    fmt = Formatter(lang)  # type: ignore[arg-type]
    assert fmt.day(date(2025, 1, 27)) == expected_day
    assert fmt.short_date(date(2025, 1, 27)) == expected_short
    assert fmt.moment(datetime(2025, 1, 27, 14, 15, tzinfo=UTC)) == expected_moment


def test_both_languages_have_the_same_words() -> None:
    assert set(WORDS["en"]) == set(WORDS["de"])
    assert all(WORDS["de"].values())


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="choose one of en, de"):
        check_lang("fr")


def test_cached_numbers_read_as_on_first_use_in_each_language_and_sign() -> None:
    """Babel's answers are kept per (language, unsigned amount): the sign, the language and the digits still
    tell equal amounts apart, and a second call reads as the first."""
    en, de = Formatter("en"), Formatter("de")
    first = [en.percent(-2.5), en.percent(2.5), de.percent(2.5), en.percent(2.5, digits=1), en.money(-5.0, "USD")]
    again = [en.percent(-2.5), en.percent(2.5), de.percent(2.5), en.percent(2.5, digits=1), en.money(-5.0, "USD")]
    assert first == again
    assert first[:4] == [f"{MINUS}2.50%", "+2.50%", f"+2,50{NBSP}%", "+2.5%"]
    assert first[4] == f"{MINUS}$5.00"
    assert en.decimal(5) == en.decimal(5.0) == "5.00"  # an int and a float are kept apart, and read alike
