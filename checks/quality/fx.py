"""The FX-fixings suite: reference rates a money verdict converts with.

Input is a table of fixings as ``EcbFxSource.table`` holds them: a date index and one column per
currency, each value the units of that currency per one unit of the base (EUR for the ECB). The suite
validates it in long form, one row per (fixing, currency), so one suite serves any set of currencies.
Evidence is the fixings a verdict reads (``fx_evidence`` builds it from the ``FxQuote``s used).

A vendor's FX bar series (Yahoo's EURUSD=X, with open/high/low/close) is validated by the prices suite
instead, where its bar-order and calendar checks apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
import pandas as pd

from marketfact.checks.quality.spec import Batch, Spec, paired, when_all
from marketfact.market.model import FxQuote

SUITE = "fx_fixings"
MAX_DAILY_MOVE = 0.10
"""A major currency pair does not move 10 % between two fixings; a larger step is a data error."""
MAX_GAP_DAYS = 5
"""Calendar days between fixings beyond which a gap is worth a warning (TARGET's Easter closes 4)."""


def _specs() -> list[Spec]:
    in_data = when_all("in_data")
    return [
        Spec(
            "currency_codes",
            "ExpectColumnValuesToMatchRegex",
            {"column": "currency", "regex": r"^[A-Z]{3}$"},
            "dataset",
            notes="Every rate column is an ISO 4217 currency code.",
        ),
        Spec(
            "base_is_expected",
            "ExpectColumnValuesToBeInSet",
            {"column": "base", "value_set": {"$PARAMETER": "base"}},
            "dataset",
            notes="Rates are quoted per one unit of the expected base currency.",
        ),
        *paired(
            "fixing_present",
            "ExpectColumnValuesToBeInSet",
            {"column": "in_data", "value_set": [True]},
            columns=(),
            evidence=when_all("need"),
            context=None,
            notes="A verdict's fixing date has a row in the table.",
        ),
        *paired(
            "rate_not_null",
            "ExpectColumnValuesToNotBeNull",
            {"column": "rate"},
            columns=(),
            evidence=when_all("need", "in_data"),
            context=when_all("in_data", "weekday"),
            notes="The rate is present on every weekday row of the table.",
        ),
        *paired(
            "rate_positive",
            "ExpectColumnValuesToBeBetween",
            {"column": "rate", "min_value": 0, "strict_min": True},
            columns=(),
            evidence=when_all("need"),
            context=None,
            notes="The rate is positive.",
        ),
        *paired(
            "fixing_on_weekday",
            "ExpectColumnValuesToBeInSet",
            {"column": "weekday", "value_set": [True]},
            columns=(),
            evidence=when_all("need", "in_data"),
            context=in_data,
            notes="Fixings are published on weekdays only; a weekend date means shifted dates.",
        ),
        *paired(
            "fixing_unique",
            "ExpectCompoundColumnsToBeUnique",
            {"column_list": ["fixing", "base", "currency"]},
            columns=(),
            evidence=when_all("need", "in_data"),
            context=in_data,
            notes="One rate per currency pair and fixing date.",
        ),
        *paired(
            "fixings_increasing",
            "ExpectColumnValuesToBeInSet",
            {"column": "after_previous", "value_set": [True]},
            columns=(),
            evidence=when_all("need", "in_data"),
            context=in_data,
            notes="Fixing dates increase down the table.",
        ),
        *paired(
            "daily_move_within_10pct",
            "ExpectColumnValuesToBeBetween",
            {"column": "rate_change", "min_value": -MAX_DAILY_MOVE, "max_value": MAX_DAILY_MOVE},
            columns=(),
            evidence=when_all("need"),
            context=None,
            notes="The rate moves less than ±10 % from the previous fixing (a unit slip fails here).",
        ),
        Spec(
            "no_long_gap",
            "ExpectColumnValuesToBeBetween",
            {"column": "gap_days", "max_value": MAX_GAP_DAYS},
            "context",
            notes=f"No more than {MAX_GAP_DAYS} calendar days pass between two fixings.",
            quote=("gap_days",),
        ),
    ]


SPECS: tuple[Spec, ...] = tuple(_specs())


def fx_evidence(quotes: Iterable[FxQuote], base: str = "EUR") -> dict[date, frozenset[str]]:
    """Fixing date → currencies read, for the quotes a verdict used (crosses read both legs)."""
    evidence: dict[date, set[str]] = {}
    for q in quotes:
        evidence.setdefault(q.on, set()).update(c for c in (q.base, q.quote) if c != base)
    return {d: frozenset(c) for d, c in evidence.items()}


def _long(rates: pd.DataFrame, base: str) -> pd.DataFrame:
    index = pd.DatetimeIndex(rates.index)
    if index.tz is not None:
        index = index.tz_localize(None)
    wide = rates.set_axis(index.normalize(), axis=0)
    frames = []
    for currency in wide.columns:
        column = pd.to_numeric(wide[currency], errors="coerce")
        prev = column.ffill().shift(1)
        fixing = pd.Series(column.index, index=pd.RangeIndex(len(column)))
        frames.append(
            pd.DataFrame(
                {
                    "fixing": fixing.to_numpy(),
                    "currency": str(currency),
                    "base": base,
                    "rate": column.to_numpy(),
                    "rate_change": (column / prev - 1).to_numpy(),
                    # The first fixing has nothing before it: in order by definition.
                    "after_previous": np.r_[True, (fixing.to_numpy()[1:] > fixing.to_numpy()[:-1])],
                    "gap_days": fixing.diff().dt.days.to_numpy(),
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["fixing", "currency", "base", "rate", "rate_change", "after_previous"])
    return pd.concat(frames, ignore_index=True)


def fx_batch(
    rates: pd.DataFrame,
    evidence: dict[date, frozenset[str]],
    *,
    base: str = "EUR",
    window: tuple[date, date] | None = None,
    dataset: str = "fx: ECB euro reference rates",
) -> Batch:
    """The long frame the FX suite validates: window rows, evidence rows, rows a verdict lacks."""
    long = _long(rates, base)
    wanted = {(pd.Timestamp(d), c) for d, cs in evidence.items() for c in cs}
    if window is not None:
        keep = long["fixing"].between(pd.Timestamp(window[0]), pd.Timestamp(window[1]))
        keep |= pd.Series(
            [(f, c) in wanted for f, c in zip(long["fixing"], long["currency"], strict=True)], index=long.index
        )
        long = long.loc[keep]
    long = long.assign(in_data=True)
    present = set(zip(long["fixing"], long["currency"], strict=True))
    missing = sorted(wanted - present)
    if missing:
        filler = pd.DataFrame(
            {"fixing": [f for f, _ in missing], "currency": [c for _, c in missing], "base": base}
        ).assign(rate=np.nan, rate_change=np.nan, after_previous=True, gap_days=np.nan, in_data=False)
        long = pd.concat([long, filler], ignore_index=True)
    frame = long.reset_index(drop=True)
    frame["fixing"] = pd.to_datetime(frame["fixing"])
    frame["weekday"] = (frame["fixing"].dt.weekday < 5).to_numpy()
    frame["need"] = [(f, c) in wanted for f, c in zip(frame["fixing"], frame["currency"], strict=True)]
    for col in ("in_data", "weekday", "need", "after_previous"):
        frame[col] = frame[col].astype(bool)
    return Batch(
        datasets={dataset: dataset},
        suite=SUITE,
        frame=frame,
        row_key="fixing",
        parameters={"base": [base]},
        column_key="currency",
    )


def quotes_batch(quotes: Sequence[FxQuote], dataset: str) -> Batch:
    """The rates a run converted with, on their own (no table around them): every row is evidence."""
    frame = pd.DataFrame(
        {
            "fixing": pd.to_datetime([q.on for q in quotes]),
            "currency": [q.quote for q in quotes],
            "base": [q.base for q in quotes],
            "rate": [float(q.rate) for q in quotes],
        }
    )
    frame = frame.assign(rate_change=np.nan, after_previous=True, gap_days=np.nan, in_data=True, need=True)
    frame["weekday"] = (frame["fixing"].dt.weekday < 5).to_numpy()
    for col in ("in_data", "weekday", "need", "after_previous"):
        frame[col] = frame[col].astype(bool)
    bases = sorted({q.base for q in quotes})
    return Batch(
        suite=SUITE,
        frame=frame,
        row_key="fixing",
        datasets={dataset: dataset},
        parameters={"base": bases},
        column_key="currency",
    )
