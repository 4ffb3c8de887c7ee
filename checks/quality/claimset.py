"""The claim-set suite: checks on the claims themselves, across the whole set.

pydantic already rejects a malformed claim file; this suite looks at what a schema cannot: a fall of
more than 100 %, a claim about sessions after its own publication, the same claim twice under two ids,
an implausible daily move. Each row is one claim (``claims_frame``); failures name claim ids, and
``ValidationOutcome.failures_for_row(claim_id)`` tells the engine which claims they hit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from marketfact.checks.quality.spec import Batch, Spec, when_all
from marketfact.claims.model import Claim, Metric

SUITE = "claim_set"
DATASET = "claim set"
COLUMNS = (
    "claim_id",
    "subject",
    "instrument",
    "metric",
    "direction",
    "unit",
    "currency",
    "magnitude",
    "range_low",
    "range_high",
    "first_session",
    "last_session",
    "published",
)
PLAUSIBLE_PERCENT = 50.0
"""A claimed move of more than 50 % is rare enough to double-check the claim's reading."""


def _critical(name: str, gx_class: str, kwargs: dict, notes: str, when: tuple[str, ...] = ()) -> Spec:
    column = kwargs.get("column") or kwargs.get("column_A")
    return Spec(
        name,
        gx_class,
        kwargs,
        "evidence",
        (str(column),) if column else (),
        when_all(*when) if when else None,
        notes,
        quote=tuple(c for c in (kwargs.get("column_B"),) if c),
    )


def _warning(name: str, gx_class: str, kwargs: dict, notes: str, when: tuple[str, ...] = ()) -> Spec:
    column = kwargs.get("column")
    return Spec(
        name, gx_class, kwargs, "context", (str(column),) if column else (), when_all(*when) if when else None, notes
    )


SPECS: tuple[Spec, ...] = (
    Spec(
        "required_columns",
        "ExpectTableColumnsToMatchSet",
        {"column_set": list(COLUMNS), "exact_match": False},
        "dataset",
        notes="The claim table has every column of claims_frame().",
    ),
    _critical("claim_id_not_null", "ExpectColumnValuesToNotBeNull", {"column": "claim_id"}, "Every claim has an id."),
    _critical("claim_id_unique", "ExpectColumnValuesToBeUnique", {"column": "claim_id"}, "Claim ids are unique."),
    _critical(
        "metric_known",
        "ExpectColumnValuesToBeInSet",
        {"column": "metric", "value_set": [m.value for m in Metric]},
        "The metric is one marketfact can measure.",
    ),
    _critical(
        "direction_known",
        "ExpectColumnValuesToBeInSet",
        {"column": "direction", "value_set": ["up", "down"]},
        "The claim says up or down (a close or a market value may be stated without a direction).",
        ("needs_direction",),
    ),
    _critical(
        "magnitude_not_null",
        "ExpectColumnValuesToNotBeNull",
        {"column": "magnitude"},
        "A number is claimed (a record states none: the session's close or move against its history).",
        ("states_number",),
    ),
    _critical(
        "money_claim_has_currency",
        "ExpectColumnValuesToNotBeNull",
        {"column": "currency"},
        "A money amount names its currency.",
        ("is_money",),
    ),
    _critical(
        "currency_code",
        "ExpectColumnValuesToMatchRegex",
        {"column": "currency", "regex": r"^[A-Z]{3}$"},
        "Currencies are ISO 4217 codes.",
    ),
    _critical(
        "fall_at_most_100pct",
        "ExpectColumnValuesToBeBetween",
        {"column": "magnitude", "max_value": 100},
        "A price cannot fall by more than 100 %.",
        ("is_percent_fall",),
    ),
    _critical(
        "range_ordered",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "range_high",
            "column_B": "range_low",
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
        "A claimed range runs from low to high.",
    ),
    _critical(
        "sessions_ordered",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "last_session",
            "column_B": "first_session",
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
        "The first session comes before the last.",
    ),
    _critical(
        "claim_not_before_its_sessions",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "published",
            "column_B": "last_session",
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
        "A report cannot state a move of a session after its own publication date.",
    ),
    _warning(
        "instrument_named",
        "ExpectColumnValuesToNotBeNull",
        {"column": "instrument"},
        "The claim names a listing symbol (otherwise it must be resolved from its subject).",
    ),
    _warning(
        "percent_move_plausible",
        "ExpectColumnValuesToBeBetween",
        {"column": "magnitude", "max_value": PLAUSIBLE_PERCENT},
        "A claimed percent move above 50 % is unusual; check the claim's reading.",
        ("is_percent",),
    ),
    _warning(
        "sessions_on_weekdays",
        "ExpectColumnValuesToBeInSet",
        {"column": "weekday_sessions", "value_set": [True]},
        "Claimed sessions fall on weekdays (the exchange calendar is checked when resolving).",
    ),
    _warning(
        "no_duplicate_claims",
        "ExpectCompoundColumnsToBeUnique",
        {"column_list": ["instrument", "metric", "direction", "first_session", "last_session", "magnitude"]},
        "The same claim does not appear twice under different ids.",
    ),
)


def claims_frame(claims: Sequence[Claim]) -> pd.DataFrame:
    """One row per claim in the shape ``validate_claims`` expects (``COLUMNS``).

    Built column by column: a dict per claim was ≈60 MB at 100 000 claims, at the validation's peak.
    """
    from marketfact.claims.store import rows_of  # a ClaimStore's rows: no model built per claim

    cs = rows_of(claims)
    ranges = [c.range if c.range is not None else (None, None) for c in cs]
    columns: dict[str, list[Any] | np.ndarray] = {
        "claim_id": [c.id for c in cs],
        "subject": [c.subject for c in cs],
        "instrument": [c.instrument for c in cs],
        "metric": [c.metric.value for c in cs],
        "direction": [c.direction.value if c.direction else "" for c in cs],
        "unit": [c.unit for c in cs],
        "currency": [c.currency for c in cs],
        "magnitude": [c.value if c.value is not None else r[1] for c, r in zip(cs, ranges, strict=True)],
        "range_low": [r[0] for r in ranges],
        "range_high": [r[1] for r in ranges],
        "first_session": _days([c.sessions[0] if c.sessions else None for c in cs]),
        "last_session": _days([c.sessions[-1] if c.sessions else None for c in cs]),
        # The publication's own calendar date: a Tokyo session that day may be in the report.
        "published": _days([c.published_at.date() if c.published_at else None for c in cs]),
    }
    frame = pd.DataFrame(columns, columns=list(COLUMNS)) if cs else pd.DataFrame([], columns=list(COLUMNS))
    for col in ("magnitude", "range_low", "range_high"):
        frame[col] = frame[col].astype("float64")
    for col in ("first_session", "last_session", "published"):
        frame[col] = pd.to_datetime(frame[col])
    return frame


_EPOCH = date(1970, 1, 1).toordinal()


def _days(days: list[date | None]) -> np.ndarray:
    """Dates (None: NaT) as one datetime64[s] column (the unit pandas gives dates), from their day numbers.

    A ``pd.Timestamp`` per claim and column was ≈0.6 s of CPU at 100 000 SYNTHETIC claims; numpy reading the
    date objects themselves ≈0.07 s a column; their day numbers (``toordinal``) ≈0.01 s.
    """
    ordinals = np.fromiter((_EPOCH if d is None else d.toordinal() for d in days), dtype=np.int64, count=len(days))
    out = (ordinals - _EPOCH).astype("datetime64[D]")
    out[np.fromiter((d is None for d in days), dtype=bool, count=len(days))] = np.datetime64("NaT")
    return out.astype("datetime64[s]")


def on_weekdays(days: pd.Series) -> pd.Series:
    """Per row: the day is Monday to Friday, or none is given.

    Column-wise: a ``pd.Timestamp`` per claim was ≈0.7 s of CPU at 100 000 SYNTHETIC claims.
    """
    days = pd.to_datetime(days)
    return days.isna() | (days.dt.day_of_week < 5)


def claims_batch(table: pd.DataFrame) -> Batch:
    """The claim table with helper flags, ready for the claim-set suite."""
    frame = table.reset_index(drop=True).copy()
    unit = frame.get("unit", pd.Series("percent", index=frame.index))
    direction = frame.get("direction", pd.Series(None, index=frame.index))
    metric = frame.get("metric", pd.Series("close_change", index=frame.index))
    frame["needs_direction"] = (~metric.isin(["close_level", "market_cap_level"])).astype(bool)
    frame["states_number"] = (metric != "record").astype(bool)
    frame["is_money"] = (unit == "money").astype(bool)
    frame["is_percent"] = (unit == "percent").astype(bool)
    frame["is_percent_fall"] = ((unit == "percent") & (direction == "down")).astype(bool)
    no_day = pd.Series(pd.NaT, index=frame.index)
    first, last = frame.get("first_session", no_day), frame.get("last_session", no_day)
    frame["weekday_sessions"] = (on_weekdays(first) & on_weekdays(last)).astype(bool)
    return Batch(suite=SUITE, frame=frame, row_key="claim_id", datasets={"claims": DATASET})
