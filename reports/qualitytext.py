"""What a data-quality expectation found, in the report's language: the rows, columns and values a failed
expectation names ("27.01.2025 Schluss 118,42 (Vortagesschluss 142,62)"), and where a result applies.
English reports show the checker's recorded detail.
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
    """What a failed expectation found, in the report's language (English: the checker's record)."""
    if fmt.lang == "en" or not (result.facts or result.found):
        return result.detail
    parts = [reason_text(f, fmt) for f in result.facts]
    rows = []
    for row in result.found:
        label = fmt.day(row.key) if isinstance(row.key, date) else row.key
        if row.column is not None:
            label += f" {column_text(row.column, fmt)}"
        if row.has_cell:
            label += f" {value_text(row.cell, fmt)}"
        values = ", ".join(f"{column_text(c, fmt)} {value_text(v, fmt)}" for c, v in row.values)
        rows.append(f"{label} ({values})" if values else label)
    if result.more:
        rows.append(f"und {result.more} weitere")
    if rows:
        parts.append("; ".join(rows))
    return "; ".join(p for p in parts if p)


def where_text(result: ExpectationResult, fmt: Formatter) -> str:
    """Which columns, sessions and rows a result is about."""
    columns = (column_text(c, fmt) for c in result.columns)
    return ", ".join([*columns, *(fmt.day(s) for s in result.sessions), *result.rows])
