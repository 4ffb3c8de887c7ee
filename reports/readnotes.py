"""How an article was read, in the report's language: the extractor's notes, read back by their wording.

``claims.extract`` records how it read each claim as English notes ("'des Chipkonzerns' read as Nvidia:
'Nvidia', named in sentence 4", "period 'am Montag': the most recent Monday on or before the publication date
in America/New_York (2025-01-28) → XNAS 2025-01-27"), and why a number is no claim ("about 'Kosten', not a
market price"). A German report writes them in German: each rule (``reports.readrules``,
``reports.periodrules``) is one note's English wording (a regular expression with named parts) and its German
sentence; the article's own words stay quoted (in German quotation marks), dates are written as the report writes
dates, a time zone by its city. A note no rule knows is shown as recorded. ``tests/reports/test_reports_readnotes.py``
runs the test articles and fails when a note of theirs has no rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date

from babel.dates import format_date

from marketfact.reports.i18n import Formatter
from marketfact.reports.periodrules import HOW, ISO_DATE, QUOTED, SPAN, WEEKDAYS_DE, WHY, Rule
from marketfact.reports.phrases import zone_city
from marketfact.reports.readreasons import REASONS
from marketfact.reports.readrules import ALIAS_NOTES_DE, NOTES, WHERE_DE
from marketfact.reports.uncertain import UNCERTAIN


def _q(text: str) -> str:
    """A repr-quoted word in German quotation marks."""
    return f"„{text[1:-1]}“"


def _day(text: str, fmt: Formatter) -> str:
    return fmt.day(date.fromisoformat(text))


def _days(text: str, fmt: Formatter) -> str:
    return re.sub(ISO_DATE, lambda m: _day(m.group(0), fmt), text)


_NAMED_IN = re.compile(r"named in sentence (\d+)")


def _apply(rules: tuple[Rule, ...], text: str, param: Callable[[str, str], str]) -> str | None:
    for pattern, german in rules:
        m = pattern.match(text)
        if m:
            return german.format(**{k: param(k, v) for k, v in m.groupdict().items()})
    return None


def _span(text: str, fmt: Formatter) -> str:
    found = _apply(SPAN, text, lambda k, v: _param(k, v, fmt))
    if found is not None:
        return found
    m = re.fullmatch(r"([A-Z][a-z]+) (\d{4})", text)  # "January 2025"
    if m:
        try:
            month = date(int(m.group(2)), _MONTHS.index(m.group(1)) + 1, 1)
        except ValueError:
            return text
        return format_date(month, "MMMM y", locale=fmt.locale)
    return text


_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
]  # fmt: skip


def _param(name: str, value: str, fmt: Formatter) -> str:
    if re.fullmatch(QUOTED, value):
        return _q(value)
    if re.fullmatch(ISO_DATE, value):
        return _day(value, fmt)
    if name == "weekday":
        return WEEKDAYS_DE.get(value, value)
    if name == "zone":
        return zone_city(value, fmt.lang)
    if name == "why":
        return _apply(WHY, value, lambda k, v: _param(k, v, fmt)) or value
    if name == "span":
        return _span(value, fmt)
    if name == "how":
        found = _apply(HOW, value, lambda k, v: _param(k, v, fmt))
        if found is not None:
            return found
        m = _NAMED_IN.fullmatch(value)
        if m:
            return f"genannt in Satz {m.group(1)}"
        return WHERE_DE.get(value, value)
    if name == "where":
        return WHERE_DE.get(value, value)
    if name == "inferred":
        return "; ".join(UNCERTAIN["de"].get(k, k) for k in value.split(", "))
    if name == "confidence":
        try:
            return fmt.decimal(float(value), digits=2)
        except ValueError:
            return value
    if name == "alias_note":
        return ALIAS_NOTES_DE.get(value, value)
    return _days(value, fmt) if name in ("level", "error") else value


def period_clause(text: str, fmt: Formatter) -> str:
    """A clause of ``claims.periods`` saying how (or over what) a period resolved, in German; as recorded when
    no rule reads it."""
    return _apply(WHY, text, lambda k, v: _param(k, v, fmt)) or _span(text, fmt)


@functools.lru_cache(maxsize=4096)
def _german(kind: str, text: str, locale: str) -> str | None:
    fmt = Formatter("de")
    rules = NOTES if kind == "note" else REASONS
    return _apply(rules, " ".join(text.split()), lambda k, v: _param(k, v, fmt))


def note_text(note: str, fmt: Formatter) -> str:
    """An extraction note in the report's language (English: as recorded; unknown: as recorded)."""
    if fmt.lang == "en":
        return note
    return _german("note", note, str(fmt.locale)) or note


def skip_reason_text(reason: str, fmt: Formatter) -> str:
    """Why a number is no claim, or a name unresolved, in the report's language."""
    if fmt.lang == "en":
        return reason
    return _german("reason", reason, str(fmt.locale)) or reason


def known(kind: str, text: str) -> bool:
    """Whether a rule reads this note (``kind`` "note") or reason ("reason")."""
    return _german(kind, text, "de") is not None
