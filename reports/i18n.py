"""The report's words and number formats in German and English, through Babel.

Every word a report prints comes from ``WORDS``; every number and date goes through ``Formatter``, so a
German report reads "−16,97 %" and "27.01.2025" and an English one "−16.97%" and "Jan 27, 2025".
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

Lang = Literal["de", "en"]
LANGS: tuple[Lang, ...] = ("en", "de")
MINUS = "\u2212"

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "marketfact report",
        "index_title": "marketfact runs",
        "synthetic_banner": "Synthetic data: these prices were generated for a benchmark and are not market data.",
        "summary": "Summary",
        "claims_checked": "claims checked",
        "pass": "pass",
        "fail": "fail",
        "unverifiable": "unverifiable",
        "unverifiable_note": "Unverifiable claims are never counted as a pass.",
        "provenance": "Provenance",
        "run": "Run",
        "started": "started",
        "finished": "finished",
        "claims_file": "claims file",
        "article": "Article",
        "publisher": "publisher",
        "published": "published",
        "data_sources": "Data sources",
        "source": "source",
        "mode": "mode",
        "retrieved": "retrieved",
        "detail": "provenance",
        "versions": "Library versions",
        "library": "library",
        "version": "version",
        "claim": "Claim",
        "subject": "subject",
        "quote": "quote",
        "verdict": "verdict",
        "explanation": "explanation",
        "claimed": "claimed",
        "measured": "measured",
        "claimed_interval": "claimed interval",
        "sessions": "sessions",
        "time_zone": "time zone",
        "exchange": "exchange",
        "currency": "currency",
        "price_basis": "price",
        "base": "base",
        "end": "end",
        "extreme": "extreme",
        "window": "window",
        "context": "context",
        "chart": "Price path",
        "chart_alt": "Price path around the claimed window, with the claimed interval against the measured move",
        "no_chart": "No price path: there was no data to draw.",
        "evidence": "Evidence",
        "session": "session",
        "role": "role",
        "field": "field",
        "value": "value",
        "no_evidence": "No prices were used.",
        "alternatives": "Other bases",
        "basis": "basis",
        "admits": "inside the claimed interval",
        "yes": "yes",
        "no": "no",
        "quality": "Data quality",
        "quality_ok": "No critical expectation failed on the values this verdict rests on.",
        "critical_failures": "Critical expectations failed (verdict unverifiable)",
        "quality_warnings": "Warnings",
        "expectation": "expectation",
        "severity": "severity",
        "data_docs": "Great Expectations Data Docs",
        "quality_page": "what was checked",
        "validations": "Validations",
        "dataset": "dataset",
        "suite": "suite",
        "result": "result",
        "passed": "passed",
        "failed": "failed",
        "fx": "FX rate",
        "shares": "shares outstanding",
        "reason": "reason",
        "warnings": "Notes",
        "claim_source": "claim published at",
        "unbounded": "no upper limit",
        "points": "points",
        "index_points": "index points (no currency)",
        "close": "close",
        "open": "open",
        "high": "high",
        "low": "low",
        "intraday low": "intraday low",
        "intraday high": "intraday high",
        "close (one-day move)": "close (one-day move)",
        "history extreme": "history extreme",
        "close move (%)": "close move (%)",
        "market value change": "market value change",
        "adj_close": "adj_close",
        "adjusted close": "adjusted close",
        "intraday": "intraday",
        "price_axis": "price",
        "move_axis": "change",
        "level_axis": "level",
        "history_window": "history",
        "streak_axis": "streak",
        "sessions_unit": "sessions",
        "streak (sessions)": "streak (sessions)",
        "measured_move": "measured",
        "claimed_move": "claimed",
        "unsafe_url": "link not shown (not an http(s) address)",
        "runs": "Runs",
        "report": "report",
        "total": "total",
        "none": "none",
        "live": "live",
        "snapshot": "snapshot",
        "offline snapshot": "offline snapshot",
        "offline snapshot, yfinance where it does not cover": "offline snapshot, yfinance where it does not cover",
        "live (yfinance, cached)": "live (yfinance, cached)",
        "ECB euro reference rate": "ECB euro reference rate",
        "label_CORRECT": "Correct",
        "label_MOSTLY_CORRECT": "Mostly correct",
        "label_MISLEADING": "Misleading",
        "label_INCORRECT": "Incorrect",
        "label_UNVERIFIABLE": "Unverifiable",
        "checked_by": "checked by marketfact",
        "view_claim": "claim",
        "synthetic": "synthetic",
        "incomplete": "incomplete",
        "incomplete_note": "This run was stopped before it finished: its report or the verdict history may lack parts.",
        "no_data": "no data",
        "charts_off": (
            "Charts were left out of this report: it checks {total} claims, and charts are drawn for runs of up "
            "to {limit} claims. Every number a chart would show is in the tables below."
        ),
        "index_group_count": "{count} claims",
        "digest_heading": "Claims on this page",
        "digest_intro": "This run checked {total} claims, more than one page shows (at most {limit}).",
        "digest_shown_all": "Below are all claims that are not correct ({shown}), the least favourable verdicts first.",
        "digest_shown_some": (
            "Below are {shown} of the {not_correct} claims that are not correct: each verdict gets an equal share "
            "of the page, the least favourable first."
        ),
        "digest_all_correct": "Every claim of this run is correct, so none is shown below.",
        "digest_left_out": "Claims left out of this page: {left_out}.",
        "digest_json": "report.json, next to this page, lists every claim with its verdict, evidence and sources.",
        "digest_parquet": (
            "verdicts.parquet, next to this page, holds every claim's verdict; report.json lists the claims shown "
            "here with their evidence and sources."
        ),
        "digest_claims": "claims",
        "digest_shown": "shown",
        "digest_left_out_column": "left out",
        "validations_passed": "Passed, not listed here: {count} (each is in report.json and the Data Docs)",
    },
    "de": {
        "title": "marketfact-Bericht",
        "index_title": "marketfact-Läufe",
        "synthetic_banner": (
            "Synthetische Daten: Diese Kurse wurden für einen Benchmark erzeugt und sind keine Marktdaten."
        ),
        "summary": "Übersicht",
        "claims_checked": "Aussagen geprüft",
        "pass": "bestanden",
        "fail": "nicht bestanden",
        "unverifiable": "nicht überprüfbar",
        "unverifiable_note": "Nicht überprüfbare Aussagen zählen nie als bestanden.",
        "provenance": "Herkunft",
        "run": "Lauf",
        "started": "gestartet",
        "finished": "beendet",
        "claims_file": "Aussagendatei",
        "article": "Artikel",
        "publisher": "Herausgeber",
        "published": "veröffentlicht",
        "data_sources": "Datenquellen",
        "source": "Quelle",
        "mode": "Modus",
        "retrieved": "abgerufen",
        "detail": "Herkunft",
        "versions": "Bibliotheksversionen",
        "library": "Bibliothek",
        "version": "Version",
        "claim": "Aussage",
        "subject": "Gegenstand",
        "quote": "Zitat",
        "verdict": "Urteil",
        "explanation": "Begründung",
        "claimed": "behauptet",
        "measured": "gemessen",
        "claimed_interval": "behauptetes Intervall",
        "sessions": "Handelstage",
        "time_zone": "Zeitzone",
        "exchange": "Börse",
        "currency": "Währung",
        "price_basis": "Kurs",
        "base": "Basis",
        "end": "Ende",
        "extreme": "Extremwert",
        "window": "Zeitraum",
        "context": "Umfeld",
        "chart": "Kursverlauf",
        "chart_alt": (
            "Kursverlauf um den behaupteten Zeitraum, mit dem behaupteten Intervall neben der gemessenen Bewegung"
        ),
        "no_chart": "Kein Kursverlauf: Es gab keine Daten zum Zeichnen.",
        "evidence": "Belege",
        "session": "Handelstag",
        "role": "Rolle",
        "field": "Feld",
        "value": "Wert",
        "no_evidence": "Es wurden keine Kurse verwendet.",
        "alternatives": "Zum Vergleich: andere Messgrundlagen",
        "basis": "Grundlage",
        "admits": "im behaupteten Intervall",
        "yes": "ja",
        "no": "nein",
        "quality": "Datenqualität",
        "quality_ok": "Die Kurse, auf denen dieses Urteil beruht, haben alle kritischen Datenprüfungen bestanden.",
        "critical_failures": "Kritische Erwartungen verletzt (Urteil nicht überprüfbar)",
        "quality_warnings": "Warnungen",
        "expectation": "Erwartung",
        "severity": "Schwere",
        "data_docs": "Data Docs (Great Expectations)",
        "quality_page": "was geprüft wurde",
        "validations": "Validierungen",
        "dataset": "Datensatz",
        "suite": "Suite",
        "result": "Ergebnis",
        "passed": "erfüllt",
        "failed": "verletzt",
        "fx": "Wechselkurs",
        "shares": "ausstehende Aktien",
        "reason": "Grund",
        "warnings": "Hinweise",
        "claim_source": "Aussage veröffentlicht unter",
        "unbounded": "ohne Obergrenze",
        "points": "Punkte",
        "index_points": "Indexpunkte (keine Währung)",
        "close": "Schlusskurs",
        "open": "Eröffnungskurs",
        "high": "Tageshoch",
        "low": "Tagestief",
        "intraday low": "Tagestief",
        "intraday high": "Tageshoch",
        "close (one-day move)": "Schlusskurs (Tagesbewegung)",
        "history extreme": "Extrem der Historie",
        "close move (%)": "Tagesbewegung des Schlusskurses (%)",
        "market value change": "Tagesänderung des Börsenwerts",
        "adj_close": "bereinigter Schlusskurs",
        "adjusted close": "bereinigter Schlusskurs",
        "intraday": "im Tagesverlauf",
        "price_axis": "Kurs",
        "move_axis": "Veränderung",
        "measured_move": "gemessen",
        "claimed_move": "behauptet",
        "level_axis": "Stand",
        "history_window": "Historie",
        "streak_axis": "Serie",
        "sessions_unit": "Handelstage",
        "streak (sessions)": "Serie (Handelstage)",
        "unsafe_url": "Link nicht angezeigt (keine http(s)-Adresse)",
        "runs": "Läufe",
        "report": "Bericht",
        "total": "gesamt",
        "none": "keine",
        "live": "live",
        "snapshot": "mitgelieferter Datenstand",
        "offline snapshot": "mitgelieferter Datenstand (offline)",
        "offline snapshot, yfinance where it does not cover": "mitgelieferter Datenstand (offline), sonst yfinance",
        "live (yfinance, cached)": "live (yfinance, zwischengespeichert)",
        "ECB euro reference rate": "Euro-Referenzkurse der EZB",
        "label_CORRECT": "Richtig",
        "label_MOSTLY_CORRECT": "Größtenteils richtig",
        "label_MISLEADING": "Irreführend",
        "label_INCORRECT": "Falsch",
        "label_UNVERIFIABLE": "Nicht überprüfbar",
        "checked_by": "geprüft von marketfact",
        "view_claim": "Aussage",
        "synthetic": "synthetisch",
        "incomplete": "unvollständig",
        "incomplete_note": "Lauf vor seinem Ende abgebrochen: Bericht oder Verlauf können unvollständig sein.",
        "no_data": "keine Daten",
        "charts_off": (
            "Dieser Bericht zeigt keine Diagramme: Er prüft {total} Aussagen, Diagramme werden nur für Läufe mit "
            "höchstens {limit} Aussagen gezeichnet. Alle Zahlen stehen in den Tabellen darunter."
        ),
        "index_group_count": "{count} Aussagen",
        "digest_heading": "Aussagen auf dieser Seite",
        "digest_intro": "Dieser Lauf hat {total} Aussagen geprüft, mehr als eine Seite zeigt (höchstens {limit}).",
        "digest_shown_all": (
            "Unten stehen alle Aussagen, die nicht richtig sind ({shown}), die ungünstigsten Urteile zuerst."
        ),
        "digest_shown_some": (
            "Unten stehen {shown} der {not_correct} Aussagen, die nicht richtig sind: Jedes Urteil erhält einen "
            "gleichen Teil der Seite, das ungünstigste zuerst."
        ),
        "digest_all_correct": "Alle Aussagen dieses Laufs sind richtig, darum steht unten keine.",
        "digest_left_out": "Auf dieser Seite weggelassene Aussagen: {left_out}.",
        "digest_json": (
            "Die Datei report.json neben dieser Seite enthält jede Aussage mit Urteil, Belegen und Quellen."
        ),
        "digest_parquet": (
            "Die Datei verdicts.parquet neben dieser Seite enthält das Urteil zu jeder Aussage; report.json enthält "
            "die hier gezeigten Aussagen mit Belegen und Quellen."
        ),
        "digest_claims": "Aussagen",
        "digest_shown": "gezeigt",
        "digest_left_out_column": "weggelassen",
        "validations_passed": (
            "Erfüllt, hier nicht einzeln aufgeführt: {count} (jeder in report.json und den Data Docs)"
        ),
    },
}


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
        text = format_percent(abs(value) / 100, format=_percent_pattern(self.lang, digits), locale=self.locale)
        return _signed(text, value < 0 and round(abs(value), digits) != 0, plus and value > 0)

    def decimal(self, value: float | None, *, digits: int = 2, plus: bool = False) -> str:
        """A plain number with ``digits`` decimals and the locale's separators."""
        if value is None or not math.isfinite(value):
            return "∞" if value is not None and value > 0 else ("−∞" if value is not None else "–")
        if abs(value) >= PRINTABLE:
            return _as_it_is(value)
        text = format_decimal(abs(value), format=_decimal_pattern(digits), locale=self.locale)
        return _signed(text, value < 0 and round(abs(value), digits) != 0, plus and value > 0)

    def money(self, value: float | None, currency: str | None, *, plus: bool = False) -> str:
        """A price in its currency, with the currency's usual decimals ("$142.62", "10.050 ¥")."""
        if value is None or not math.isfinite(value):
            return "–"
        if not currency:
            return self.decimal(value, plus=plus)
        if abs(value) >= PRINTABLE:
            return _as_it_is(value, currency)
        text = format_currency(abs(value), currency, locale=self.locale)
        return _signed(text, value < 0, plus and value > 0)

    def big_money(self, value: float | None, currency: str | None, *, plus: bool = True, digits: int = 1) -> str:
        """A large amount in compact form with ``digits`` decimals ("−€603.4B" / "−603,4 Mrd. €")."""
        if value is None or not math.isfinite(value):
            return "∞" if value is not None and value > 0 else "–"
        if not currency:
            return self.decimal(value, digits=digits, plus=plus)
        if abs(value) >= PRINTABLE:
            return _as_it_is(value, currency)
        text = format_compact_currency(abs(value), currency, locale=self.locale, fraction_digits=digits)
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
