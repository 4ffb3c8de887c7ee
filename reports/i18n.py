"""The report's words and number formats in German and English, through Babel.

Every word a report prints comes from ``WORDS`` (``reports.words``); every number and date goes through
``Formatter``, so a German report reads "−16,97 %" and "27.01.2025" and an English one "−16.97%" and "Jan 27, 2025".
Negative numbers carry a real minus sign (U+2212), because Babel's locales print a hyphen-minus.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton
from babel.numbers import (
    NumberPattern,
    format_compact_currency,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_symbol,
    parse_pattern,
)

from marketfact.reports.words import WORDS

Lang = Literal["de", "en"]
LANGS: tuple[Lang, ...] = ("en", "de")
MINUS = "\u2212"


SCALE_WORDS: dict[str, dict[str, str]] = {
    "en": {"one": "", "thousand": "k", "million": "m", "billion": "bn", "trillion": "tn"},
    "de": {"one": "", "thousand": "Tsd.", "million": "Mio.", "billion": "Mrd.", "trillion": "Bio."},
}
"""Short-scale abbreviations (a German "Mrd." is an English billion)."""


def check_lang(lang: str) -> Lang:
    """``lang`` if the report speaks it; a ValueError naming the choices otherwise."""
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}; choose one of {', '.join(LANGS)}")
    return lang  # type: ignore[return-value]


# A report formats thousands of numbers and dates. Babel parses the locale name and the number pattern
# on every call unless handed the parsed objects, so those are parsed once per language here, and a
# date (sessions repeat across claims) is formatted once per language.


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@functools.cache
def _percent_pattern(lang: str, digits: int) -> NumberPattern:
    return parse_pattern(_locale(lang).percent_formats[None].pattern.replace("#,##0", "#,##0." + "0" * digits))


@functools.cache
def _decimal_pattern(digits: int) -> NumberPattern:
    return parse_pattern("#,##0." + "0" * digits if digits else "#,##0")


def _day(lang: str, day: date) -> str:
    # Only plain dates are cached: equal datetimes in different zones can fall on different dates.
    return _cached_day(lang, day) if type(day) is date else format_date(day, "medium", locale=_locale(lang))


@functools.lru_cache(maxsize=8192)
def _cached_day(lang: str, day: date) -> str:
    return format_date(day, "medium", locale=_locale(lang))


def _skeleton(lang: str, skeleton: str, day: date) -> str:
    if type(day) is date:
        return _cached_skeleton(lang, skeleton, day)
    return format_skeleton(skeleton, day, locale=_locale(lang))


@functools.lru_cache(maxsize=4096)
def _cached_skeleton(lang: str, skeleton: str, day: date) -> str:
    return format_skeleton(skeleton, day, locale=_locale(lang))


# The same numbers come back card after card (a session's close, a hedge's bound): at 100 000 SYNTHETIC
# claims the digest's 2 000 cards and report.json asked Babel for ≈52 000 numbers, ≈15 000 of them distinct.
# Each unsigned amount is formatted once per language (``typed``: an int and an equal float stay apart).


@functools.lru_cache(maxsize=16384, typed=True)
def _percent_text(lang: str, amount: float, digits: int) -> str:
    return format_percent(amount / 100, format=_percent_pattern(lang, digits), locale=_locale(lang))


@functools.lru_cache(maxsize=16384, typed=True)
def _decimal_text(lang: str, amount: float, digits: int) -> str:
    return format_decimal(amount, format=_decimal_pattern(digits), locale=_locale(lang))


@functools.lru_cache(maxsize=16384, typed=True)
def _money_text(lang: str, amount: float, currency: str) -> str:
    return format_currency(amount, currency, locale=_locale(lang))


@functools.lru_cache(maxsize=16384, typed=True)
def _big_money_text(lang: str, amount: float, currency: str, digits: int) -> str:
    return format_compact_currency(amount, currency, locale=_locale(lang), fraction_digits=digits)


PRINTABLE = 1e18
"""Babel prints numbers through ``decimal`` with 28 digits: beyond this no market figure goes (prices and
market values stay below 10¹⁵), and a value from damaged data (a close of 1e308) is shown as it is."""


def _as_it_is(value: float, unit: str = "") -> str:
    """A value beyond ``PRINTABLE`` in three digits and an exponent, with its unit: ``7.04e+307 %``."""
    return f"{value:.3g}".replace("-", MINUS) + (f" {unit}" if unit else "")


def _signed(text: str, negative: bool, plus: bool) -> str:
    """Put a real minus sign (or an explicit plus) in front of an unsigned formatted number."""
    if negative:
        return MINUS + text
    return ("+" + text) if plus else text


@dataclass(frozen=True, slots=True)
class Formatter:
    """Numbers, money and dates in one locale."""

    lang: Lang

    @property
    def locale(self) -> Locale:
        """The Babel locale."""
        return _locale(self.lang)

    def word(self, key: str) -> str:
        """A word of the report; an unknown key is shown as itself (a field name from the data)."""
        return WORDS[self.lang].get(key, key)

    def percent(self, value: float | None, *, plus: bool = True, digits: int = 2) -> str:
        """``value`` in percent points (−16.97 → "−16.97%" / "−16,97 %")."""
        if value is None or not math.isfinite(value):
            return "∞" if value is not None and value > 0 else ("−∞" if value is not None else "–")
        if abs(value) >= PRINTABLE:
            return _as_it_is(value, "%")
        text = _percent_text(self.lang, abs(value), digits)
        return _signed(text, value < 0 and round(abs(value), digits) != 0, plus and value > 0)

    def decimal(self, value: float | None, *, digits: int = 2, plus: bool = False) -> str:
        """A plain number with ``digits`` decimals and the locale's separators."""
        if value is None or not math.isfinite(value):
            return "∞" if value is not None and value > 0 else ("−∞" if value is not None else "–")
        if abs(value) >= PRINTABLE:
            return _as_it_is(value)
        text = _decimal_text(self.lang, abs(value), digits)
        return _signed(text, value < 0 and round(abs(value), digits) != 0, plus and value > 0)

    def money(self, value: float | None, currency: str | None, *, plus: bool = False) -> str:
        """A price in its currency, with the currency's usual decimals ("$142.62", "10.050 ¥")."""
        if value is None or not math.isfinite(value):
            return "–"
        if not currency:
            return self.decimal(value, plus=plus)
        if abs(value) >= PRINTABLE:
            return _as_it_is(value, currency)
        text = _money_text(self.lang, abs(value), currency)
        return _signed(text, value < 0, plus and value > 0)

    def big_money(self, value: float | None, currency: str | None, *, plus: bool = True, digits: int = 1) -> str:
        """A large amount in compact form with ``digits`` decimals ("−€603.4B" / "−603,4 Mrd. €")."""
        if value is None or not math.isfinite(value):
            return "∞" if value is not None and value > 0 else "–"
        if not currency:
            return self.decimal(value, digits=digits, plus=plus)
        if abs(value) >= PRINTABLE:
            return _as_it_is(value, currency)
        text = _big_money_text(self.lang, abs(value), currency, digits)
        return _signed(text, value < 0, plus and value > 0)

    def money_unit(self, scale: str, currency: str) -> str:
        """The unit of a scaled amount: "bn EUR" / "Mrd. EUR"."""
        return " ".join(p for p in (SCALE_WORDS[self.lang].get(scale, scale), currency) if p)

    def money_symbol_unit(self, scale: str, currency: str) -> str:
        """The unit of a scaled amount with the currency's sign where the locale has one: "bn €" / "Mrd. €"."""
        symbol = get_currency_symbol(currency, locale=self.locale) if currency else ""
        return self.money_unit(scale, symbol)

    def day(self, day: date | None) -> str:
        """A session date: "Jan 27, 2025" / "27.01.2025"."""
        return _day(self.lang, day) if day else "–"

    def weekday_date(self, day: date) -> str:
        """A session date with its weekday: "Mon, Jan 27, 2025" / "Mo., 27. Jan. 2025"."""
        return _skeleton(self.lang, "yMMMEd", day)

    def short_date(self, day: date) -> str:
        """A chart tick: "Jan 27" / "27. Jan."."""
        return _skeleton(self.lang, "MMMd", day)

    def moment(self, moment: datetime | None) -> str:
        """A retrieval or run time in UTC, saying so (naive times are taken as UTC)."""
        if moment is None:
            return "–"
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return format_datetime(aware, "medium", tzinfo=UTC, locale=self.locale) + " UTC"

    def local_moment(self, moment: datetime | None) -> str:
        """A publication time in its own zone, named by its UTC offset: "28.01.2025, 07:30:00 (UTC+01:00)".

        An article's time is shown as the article gave it, not turned into UTC; a naive time is taken as UTC.
        """
        if moment is None:
            return "–"
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        offset = aware.utcoffset()
        if not offset:
            return self.moment(aware)
        minutes = int(offset.total_seconds()) // 60
        sign, minutes = ("+" if minutes >= 0 else "−"), abs(minutes)
        name = getattr(aware.tzinfo, "key", None)  # a ZoneInfo names its zone
        zone = f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
        text = format_datetime(aware, "medium", tzinfo=aware.tzinfo, locale=self.locale)
        return f"{text} ({name + ', ' if name else ''}{zone})"
