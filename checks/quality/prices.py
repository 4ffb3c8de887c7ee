"""The daily-prices suites: what a price series must satisfy before a verdict may rest on it.

Two suites, one per frame of ``pricebatch``:

- ``daily_prices`` on the window frame: critical checks on what no row can be trusted without
  (columns, currency, a tz-naive exchange-local index whose dates are sessions), and warnings on every
  row of the window (gaps, stale fills, bar order, jumps, splits) shown next to the verdict;
- ``daily_prices_evidence`` on the evidence cells: the same flaws, critical, but only on the values a
  verdict rests on (a close-to-close verdict needs two closes, not that day's high).

Each failing evidence cell is named for its column ("close_not_null", "low_le_close"), so a report
reads the same names at both severities.
"""

from __future__ import annotations

from marketfact.checks.quality.pricebatch import BAR, BASIS_TOLERANCE, MAX_DAILY_MOVE
from marketfact.checks.quality.spec import Spec, when_all
from marketfact.market.model import MAX_VALUE, PRICE_COLUMNS

WINDOW_SUITE = "daily_prices"
EVIDENCE_SUITE = "daily_prices_evidence"
ALL = (*BAR, "adj_close", "volume")
BAR_ORDER = (  # (name, larger column, smaller column)
    ("low_le_open", "open", "low"),
    ("low_le_close", "close", "low"),
    ("open_le_high", "high", "open"),
    ("close_le_high", "high", "close"),
    ("low_le_high", "high", "low"),
)
BASIS_BAND = {"min_value": 1 / (1 + BASIS_TOLERANCE), "max_value": 1 + BASIS_TOLERANCE}

_NOTES = {
    "session_present": "Every session of the exchange calendar in the window has a row.",
    "dates_unique": "Each session appears once.",
    "dates_increasing": "Sessions come in strictly increasing order.",
    "no_stale_fill": "No zero-volume row repeats the previous close (a vendor's forward-filled gap).",
    "daily_move_within_50pct": "The close moves less than ±50 % from the previous close, unless a split "
    "noted with the series explains it (a 100× unit slip or an unannounced split fails here).",
    "no_split_in_window": "No split noted with the series takes effect on the session (in the window: "
    "any noted split, a warning; on a verdict's values: one the prices show, i.e. raw prices on two "
    "bases; Yahoo's split-adjusted prices carry the note but not the break).",
    "price_basis_consistent": "Prices are on one basis: no split or unit slip lies between the values "
    "a verdict compares (in the window: between a row and most other rows), so a verdict spanning one "
    "is caught even when it does not use that day.",
    "raw_close_present": "A raw (unadjusted) close exists where the vendor delivered an adjusted close; "
    "news quote raw prices, so an adjusted-only series cannot confirm them.",
}


def _window(name: str, gx_class: str, kwargs: dict, columns: tuple[str, ...] = ALL, **more: object) -> Spec:
    notes = str(more.pop("notes", _NOTES.get(name, "")))
    return Spec(name, gx_class, kwargs, "context", columns, notes=notes, **more)  # type: ignore[arg-type]


def _dataset(name: str, gx_class: str, kwargs: dict, notes: str, **more: object) -> Spec:
    return Spec(name, gx_class, kwargs, "dataset", notes=notes, **more)  # type: ignore[arg-type]


def _window_specs() -> list[Spec]:
    specs = [
        _dataset(
            "required_columns",
            "ExpectColumnValuesToBeInSet",
            {"column": "missing_columns", "value_set": [""]},
            "The series has every column of the price-frame shape: " + ", ".join(PRICE_COLUMNS) + ".",
            quote=("missing_columns",),
        ),
        _dataset(
            "currency_is_instruments",
            "ExpectColumnPairValuesToBeEqual",
            {"column_A": "currency", "column_B": "expected_currency"},
            "The series is quoted in the listing currency of its instrument.",
            quote=("currency", "expected_currency"),
        ),
        _dataset(
            "index_tz_naive",
            "ExpectColumnValuesToBeInSet",
            {"column": "index_tz", "value_set": ["naive"]},
            "Session dates are tz-naive exchange-local dates, not timestamps in some time zone.",
            quote=("index_tz",),
        ),
        _dataset(
            "dates_at_midnight",
            "ExpectColumnValuesToBeInSet",
            {"column": "at_midnight", "value_set": [True]},
            "Every index entry is a date at midnight; a time of day means a shifted index.",
        ),
        _dataset(
            "dates_are_sessions",
            "ExpectColumnValuesToBeInSet",
            {"column": "is_session", "value_set": [True]},
            "Every traded row falls on a session of the listing exchange; a row on a weekend or holiday "
            "means the dates are not exchange-local (e.g. UTC dates of a Tokyo listing).",
            when=when_all("traded"),
        ),
        _window("session_present", "ExpectColumnValuesToBeInSet", {"column": "in_data", "value_set": [True]}),
    ]
    for col in BAR:
        specs.append(
            _window(
                f"{col}_not_null",
                "ExpectColumnValuesToNotBeNull",
                {"column": col},
                (col,),
                notes=f"The {col} is present.",
            )
        )
    specs += [
        _window(
            "volume_not_null",
            "ExpectColumnValuesToNotBeNull",
            {"column": "volume"},
            ("volume",),
            when=when_all("in_data", "volume_expected"),
            notes="The volume is present (currencies trade without a reported volume and are exempt).",
        ),
        _window(
            "raw_close_present",
            "ExpectColumnValuesToBeInSet",
            {"column": "adjusted_only", "value_set": [False]},
            ("close",),
            quote=("adj_close",),
        ),
    ]
    for col in (*BAR, "adj_close"):
        specs.append(
            _window(
                f"{col}_positive",
                "ExpectColumnValuesToBeBetween",
                {"column": col, "min_value": 0, "strict_min": True, "max_value": MAX_VALUE},
                (col,),
                notes=f"The {col} is positive and below 10^15 (beyond it a price is damage: 1e308 came through).",
            )
        )
    specs.append(
        _window(
            "volume_not_negative",
            "ExpectColumnValuesToBeBetween",
            {"column": "volume", "min_value": 0, "max_value": MAX_VALUE},
            ("volume",),
            notes="The volume is zero or more, and below 10^15.",
        )
    )
    for name, bigger, smaller in BAR_ORDER:
        specs.append(
            _window(
                name,
                "ExpectColumnPairValuesAToBeGreaterThanB",
                {"column_A": bigger, "column_B": smaller, "or_equal": True, "ignore_row_if": "either_value_is_missing"},
                (smaller, bigger),
                notes=f"The day's {smaller} is at most its {bigger}.",
            )
        )
    specs += [
        _window("dates_unique", "ExpectCompoundColumnsToBeUnique", {"column_list": ["symbol", "session"]}),
        _window("dates_increasing", "ExpectColumnValuesToBeInSet", {"column": "order_ok", "value_set": [True]}),
        _window(
            "no_stale_fill",
            "ExpectColumnValuesToBeInSet",
            {"column": "stale_fill", "value_set": [False]},
            quote=("close", "prev_close", "volume"),
        ),
        _window(
            "daily_move_within_50pct",
            "ExpectColumnValuesToBeBetween",
            {"column": "unexplained_move", "min_value": -MAX_DAILY_MOVE, "max_value": MAX_DAILY_MOVE},
            BAR,
            quote=("close", "prev_close"),
        ),
        _window(
            "no_split_in_window",
            "ExpectColumnValuesToBeInSet",
            {"column": "split_noted", "value_set": [False]},
            BAR,
            quote=("close", "prev_close"),
        ),
        _window(
            "price_basis_consistent",
            "ExpectColumnValuesToBeBetween",
            {"column": "basis_level", **BASIS_BAND},
            BAR,
            quote=("close", "basis_level"),
        ),
        _window(
            "close_not_repeated",
            "ExpectColumnValuesToBeInSet",
            {"column": "close_repeats", "value_set": [False]},
            ("close",),
            quote=("prev_close", "volume"),
            notes="A traded session rarely closes exactly where the previous one did; an identical close "
            "may be a vendor artifact and is worth a look (a warning only).",
        ),
    ]
    return specs


def _cell(name: str, gx_class: str, kwargs: dict, *, template: str | None = None, **more: object) -> Spec:
    notes = str(more.pop("notes", _NOTES.get(name, "")))
    quote = ("value", *more.pop("quote", ()))  # type: ignore[misc]
    return Spec(name, gx_class, kwargs, "evidence", notes=notes, name_template=template, quote=quote, **more)  # type: ignore[arg-type]


EVIDENCE_SPECS: tuple[Spec, ...] = (
    _cell("session_present", "ExpectColumnValuesToBeInSet", {"column": "in_data", "value_set": [True]}),
    _cell(
        "value_not_null",
        "ExpectColumnValuesToNotBeNull",
        {"column": "value"},
        template="{column}_not_null",
        when=when_all("in_data"),
        notes="The value a verdict uses is present.",
    ),
    _cell(
        "value_positive",
        "ExpectColumnValuesToBeBetween",
        {"column": "price_value", "min_value": 0, "strict_min": True, "max_value": MAX_VALUE},
        template="{column}_positive",
        notes="The price a verdict uses is positive and below 10^15.",
    ),
    _cell(
        "value_above_bar_floor",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {"column_A": "value", "column_B": "floor", "or_equal": True, "ignore_row_if": "either_value_is_missing"},
        template="{floor_rule}",
        quote=("floor",),
        notes="The value is not below what the day's bar puts under it (a close not below the low).",
    ),
    _cell(
        "value_below_bar_ceiling",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {"column_A": "ceiling", "column_B": "value", "or_equal": True, "ignore_row_if": "either_value_is_missing"},
        template="{ceiling_rule}",
        quote=("ceiling",),
        notes="The value is not above what the day's bar puts over it (a low not above the close).",
    ),
    _cell("dates_unique", "ExpectCompoundColumnsToBeUnique", {"column_list": ["symbol", "session", "column"]}),
    _cell("dates_increasing", "ExpectColumnValuesToBeInSet", {"column": "order_ok", "value_set": [True]}),
    _cell(
        "no_stale_fill",
        "ExpectColumnValuesToBeInSet",
        {"column": "stale_fill", "value_set": [False]},
        quote=("prev_close",),
    ),
    _cell(
        "daily_move_within_50pct",
        "ExpectColumnValuesToBeBetween",
        {"column": "unexplained_move", "min_value": -MAX_DAILY_MOVE, "max_value": MAX_DAILY_MOVE},
        quote=("prev_close", "unexplained_move"),
    ),
    _cell(
        "no_split_in_window",
        "ExpectColumnValuesToBeInSet",
        {"column": "split_shift", "value_set": [False]},
        quote=("prev_close",),
    ),
    _cell(
        "price_basis_consistent",
        "ExpectColumnValuesToBeBetween",
        {"column": "basis_level", **BASIS_BAND},
        quote=("basis_level",),
    ),
    _cell("raw_close_present", "ExpectColumnValuesToBeInSet", {"column": "raw_close_missing", "value_set": [False]}),
)
WINDOW_SPECS: tuple[Spec, ...] = tuple(_window_specs())
