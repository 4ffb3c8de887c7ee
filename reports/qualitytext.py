"""What a data-quality expectation found, in the report's language: the rows, columns and values a failed
expectation names ("27.01.2025 Schluss 118,42 (Vortagesschluss 142,62)"; rows that found the same are one
entry), and where a result applies.
"""

from __future__ import annotations

import math
from datetime import date

from marketfact.checks.quality.outcome import ExpectationResult
from marketfact.reports.i18n import Formatter
from marketfact.reports.reasontext import column_text, reason_text


def value_text(value: float | int | bool | str | date | None, fmt: Formatter) -> str:
    """A value a data-quality detail quotes: six significant digits, volumes whole, dates as the report's."""
    empty = {"en": "empty", "de": "leer"}
    if value is None:
        return empty[fmt.lang]
    if isinstance(value, bool):
        return {"en": str(value).lower(), "de": "ja" if value else "nein"}[fmt.lang]
    if isinstance(value, int | float):
        x = float(value)
        if not math.isfinite(x):
            return fmt.decimal(x)
        if x.is_integer() and (abs(x) >= 1e4 or isinstance(value, int)):
            return fmt.decimal(x, digits=0)
        digits = max(0, 5 - math.floor(math.log10(abs(x)))) if x else 0
        text = fmt.decimal(x, digits=digits)
        sep = "," if fmt.lang == "de" else "."
        return text.rstrip("0").rstrip(sep) if sep in text else text
    if isinstance(value, date):
        return fmt.day(value)
    return str(value)


def detail_text(result: ExpectationResult, fmt: Formatter) -> str:
    """What a failed expectation found, in the report's language, dates as the report writes them (the
    checker's record, ``result.detail``, when it names no facts or rows)."""
    if not (result.facts or result.found):
        return result.detail
    parts = [reason_text(f, fmt) for f in result.facts]
    # Rows that found the same ("Eröffnung leer") are one entry: "17.01.2025, 20.01.2025 (Eröffnung leer)".
    keys_by_finding: dict[str, list[str]] = {}
    for row in result.found:
        label = fmt.day(row.key) if isinstance(row.key, date) else row.key
        finding = f" {column_text(row.column, fmt)}" if row.column is not None else ""
        if row.has_cell:
            finding += f" {value_text(row.cell, fmt)}"
        values = ", ".join(f"{column_text(c, fmt)} {value_text(v, fmt)}" for c, v in row.values)
        keys_by_finding.setdefault(f"{finding} ({values})" if values else finding, []).append(label)
    rows = [", ".join(keys) + finding for finding, keys in keys_by_finding.items()]
    if result.more:
        rows.append({"en": f"and {result.more} more", "de": f"und {result.more} weitere"}[fmt.lang])
    if rows:
        parts.append("; ".join(rows))
    return "; ".join(p for p in parts if p)


def where_text(result: ExpectationResult, fmt: Formatter) -> str:
    """Which columns, sessions and rows a result is about; a session its detail names as a row found is left to
    the detail, which says what was found there."""
    columns = (column_text(c, fmt) for c in result.columns)
    found = {row.key for row in result.found}
    sessions = (fmt.day(s) for s in result.sessions if s not in found)
    return ", ".join([*columns, *sessions, *result.rows])
