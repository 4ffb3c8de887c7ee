"""What a claim's own words claim: the price it speaks of (its basis), the interval its number and hedge
stand for, the "mostly" margin and the stated rounding's half: the claim table's TERM_COLUMNS.

``claim_terms`` decides them for one claim; ``term_columns`` for many at once, by the same rules, each applied
once per distinct input (``claims.resolve`` builds the claim table from either).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

import numpy as np
import pandas as pd

from marketfact.claims.hedges import Basis, Bound, HedgeReading, claimed_interval, mostly_margin, read_hedge
from marketfact.claims.metrics import LEVELS, Direction, Metric
from marketfact.claims.model import Claim

TERM_COLUMNS = ("basis", "lo", "hi", "lo_closed", "hi_closed", "margin", "half")
"""The columns ``claim_terms`` decides from the claim's own words."""

Terms = tuple[str, float, float, bool, bool, float, float]


def _group(*fields: Sequence[object] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group rows by equal values in all ``fields``: (group code per row, first row of each group).

    Factorised field by field and combined: no key object per row, no groupby over object columns.
    """
    codes = np.zeros(len(fields[0]), dtype=np.int64)
    for field in fields:
        values = field if isinstance(field, np.ndarray) else pd.Series(cast(Any, field), dtype=object)
        part, uniques = pd.factorize(values, use_na_sentinel=False)
        codes, _ = pd.factorize(codes * (len(uniques) + 1) + part)
    _, first = np.unique(codes, return_index=True)
    return codes, first


def _basis(metric: Metric, hedge: HedgeReading) -> Basis:
    """Which price a claim speaks of: the day's extreme for an intraday metric or hedge, else the close."""
    if metric in (Metric.INTRADAY_EXTREME, Metric.INTRADAY_LEVEL):
        return Basis.INTRADAY
    return Basis.CLOSE if metric in (Metric.CLOSE_LEVEL, Metric.RECORD) else (hedge.basis or Basis.CLOSE)


def _interval_terms(low: float, high: float | None, precision: int, bound: Bound) -> tuple[float, ...]:
    """TERM_COLUMNS after ``basis``: the claimed interval, the "mostly" margin and the stated rounding's half."""
    interval = claimed_interval(low, high, precision, bound)
    return (
        interval.lo, interval.hi, interval.lo_closed, interval.hi_closed,
        mostly_margin(low, high), 0.5 * 10.0**-precision,
    )  # fmt: skip


def _truncated_level(terms: tuple[float, ...]) -> tuple[float, ...]:
    """A level stated exactly may be cut, not rounded: "bei 39.016 Punkten" for 39,016.87 is how news writes
    the close. Its interval runs to the next step of the last digit stated: [39015.5, 39017)."""
    lo, hi, lo_closed, hi_closed, margin, half = terms
    return (lo, _plus(hi, half), lo_closed, hi_closed, margin, half)


def _plus(a: float, b: float) -> float:
    """``a + b`` in decimal, as the claimed interval is computed (39.55 + 0.05 is 39.6, not 39.599999999999994)."""
    return float(Decimal(repr(a)) + Decimal(repr(b)))


NO_NUMBER = (math.nan, math.nan, True, True, 0.0, 0.0)
"""TERM_COLUMNS after ``basis`` of a claim that states no number (a record): set once its history is measured."""


def claim_terms(claim: Claim) -> Terms:
    """TERM_COLUMNS of a claim: basis, claimed interval, "mostly" margin and the stated rounding's half."""
    hedge = read_hedge(claim.hedge)
    low, high = claim.range if claim.range is not None else (claim.value, None)
    if low is None:
        return (_basis(claim.metric, hedge).value, *NO_NUMBER)  # type: ignore[return-value]
    terms = _interval_terms(low, high, claim.precision, hedge.bound)
    if claim.metric in LEVELS and high is None and hedge.bound is Bound.EXACT:
        terms = _truncated_level(terms)
    return (_basis(claim.metric, hedge).value, *terms)  # type: ignore[return-value]


_FIELDS = (
    "id", "instrument", "metric", "direction", "sessions", "unit", "currency", "fx", "scale",
    "hedge", "value", "range", "value_text", "decimals", "record", "since",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ClaimColumns:
    """The claim fields the table reads (``_FIELDS``), one tuple per field."""

    id: tuple[str, ...]
    instrument: tuple[str | None, ...]
    metric: tuple[Metric, ...]
    direction: tuple[Direction, ...]
    sessions: tuple[list[date] | None, ...]
    unit: tuple[str, ...]
    currency: tuple[str | None, ...]
    fx: tuple[str, ...]
    scale: tuple[str, ...]
    hedge: tuple[str | None, ...]
    value: tuple[float | None, ...]
    range: tuple[tuple[float, float] | None, ...]
    value_text: tuple[str | None, ...]
    decimals: tuple[int | None, ...]
    record: tuple[object, ...]
    since: tuple[date | None, ...]

    @classmethod
    def of(cls, claims: Sequence[Claim]) -> ClaimColumns:
        """One C-level getter call per claim, transposed by ``zip``: no Python loop per field."""
        if not claims:
            return cls(*(() for _ in _FIELDS))
        from marketfact.claims.store import rows_of  # a ClaimStore's rows: no model built per claim

        return cls(*zip(*map(operator.attrgetter(*_FIELDS), rows_of(claims)), strict=True))


def term_columns(claims: Sequence[Claim], cols: ClaimColumns) -> pd.DataFrame:
    """TERM_COLUMNS of every claim, the same rules as ``claim_terms``, each applied once per distinct input.

    The wording is read once per distinct (metric, hedge), the stated precision once per distinct way the
    number was written, the claimed interval once per distinct (low, high, precision, bound): news numbers
    and hedges repeat, and 100 000 claims come down to a few thousand of each.
    """
    worded, first = _group(cols.metric, cols.hedge)
    readings = [(cols.metric[i], read_hedge(cols.hedge[i])) for i in first]
    basis = np.array([_basis(metric, hedge).value for metric, hedge in readings], dtype=object)[worded]
    bound = np.array([hedge.bound.value for _, hedge in readings], dtype=object)[worded]
    written, first = _group(cols.value_text, cols.decimals, cols.range)
    precision = np.array([claims[i].precision for i in first], dtype=np.int64)[written]
    lows = [v if r is None else r[0] for v, r in zip(cols.value, cols.range, strict=True)]
    low_numbers = [math.nan if v is None else v for v in lows]
    highs = [math.nan if r is None else r[1] for r in cols.range]
    low, high = np.array(low_numbers, dtype="float64"), np.array(highs, dtype="float64")
    same, first = _group(low, high, precision, bound)
    rows = [  # Python floats from lows/highs: the interval's exact arithmetic reads their repr
        NO_NUMBER
        if lows[i] is None
        else _interval_terms(lows[i], None if math.isnan(highs[i]) else highs[i], int(precision[i]), Bound(bound[i]))
        for i in first
    ]
    terms = pd.DataFrame(rows, columns=list(TERM_COLUMNS[1:])).iloc[same].reset_index(drop=True)
    cut = np.fromiter((m in LEVELS for m in cols.metric), dtype=bool, count=len(claims))
    cut &= (bound == Bound.EXACT.value) & np.isnan(high) & ~np.isnan(low)
    if cut.any():  # as _truncated_level
        his, halves = terms.loc[cut, "hi"].tolist(), terms.loc[cut, "half"].tolist()
        terms.loc[cut, "hi"] = [_plus(h, d) for h, d in zip(his, halves, strict=True)]
    terms.insert(0, "basis", basis)
    return terms
