"""The shares-outstanding suite: the count a market-value verdict multiplies prices by.

A market value is shares × price, so a count in the wrong unit (millions instead of shares, as filings'
cover pages print it) moves the verdict by a factor of a million. The suite checks every count a run's
verdicts use: one row per (symbol, session it is used for), one dataset per symbol (``shares: NVDA``).
A failure names the sessions whose count broke it, so it touches only the verdicts on those sessions;
the number of datasets follows the instruments, not the claims (≈18 000 (symbol, session) datasets
were ≈500 symbols at 100 000 SYNTHETIC claims).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from marketfact.checks.quality.spec import Batch, Scope, Spec
from marketfact.market.model import SharesQuote

SUITE = "shares_outstanding"
MIN_SHARES = 1e5
MAX_SHARES = 1e12
"""Listed companies have between a hundred thousand and a trillion shares; outside is a unit slip."""
MAX_AGE_DAYS_CRITICAL = 400
MAX_AGE_DAYS_WARNING = 135
"""A count more than a quarter and a filing lag old is stale enough to mention; over a year, unusable."""
COLUMNS = ("shares",)
"""What a failure implicates: the count a market value multiplies by."""


def _spec(name: str, gx_class: str, kwargs: dict, scope: Scope, notes: str, quote: list[str]) -> Spec:
    return Spec(name, gx_class, kwargs, scope, COLUMNS, notes=notes, quote=tuple(quote))


SPECS: tuple[Spec, ...] = (
    _spec(
        "shares_not_null",
        "ExpectColumnValuesToNotBeNull",
        {"column": "shares"},
        "evidence",
        "A share count is known.",
        ["shares"],
    ),
    _spec(
        "shares_in_units",
        "ExpectColumnValuesToBeBetween",
        {"column": "shares", "min_value": MIN_SHARES, "max_value": MAX_SHARES},
        "evidence",
        "The count is in shares, between 1e5 and 1e12 (not in millions or thousands).",
        ["shares"],
    ),
    _spec(
        "count_not_after_claim",
        "ExpectColumnValuesToBeBetween",
        {"column": "age_days", "min_value": 0},
        "evidence",
        "The count is dated on or before the session it is used for.",
        ["as_of"],
    ),
    _spec(
        "count_within_a_year",
        "ExpectColumnValuesToBeBetween",
        {"column": "age_days", "max_value": MAX_AGE_DAYS_CRITICAL},
        "evidence",
        "The count is less than about a year older than the session.",
        ["as_of", "age_days"],
    ),
    _spec(
        "count_recent",
        "ExpectColumnValuesToBeBetween",
        {"column": "age_days", "max_value": MAX_AGE_DAYS_WARNING},
        "context",
        "The count is from the last quarterly filing or so.",
        ["as_of", "age_days"],
    ),
    _spec(
        "source_named",
        "ExpectColumnValueLengthsToBeBetween",
        {"column": "source", "min_value": 1},
        "context",
        "The count names its source.",
        ["source"],
    ),
    _spec(
        "uncertainty_stated",
        "ExpectColumnValuesToBeBetween",
        {"column": "relative_uncertainty", "min_value": 0, "max_value": 0.05},
        "context",
        "The count's stated relative uncertainty is between 0 and 5 %.",
        ["relative_uncertainty"],
    ),
)


def shares_dataset(symbol: str) -> str:
    """The dataset name of a symbol's share counts: ``shares: NVDA``."""
    return f"shares: {symbol}"


def shares_key(symbol: str, on: date) -> str:
    """The count used on one session, as a verdict's reason names it: ``shares: NVDA on 2025-01-27``."""
    return f"shares: {symbol} on {on.isoformat()}"


def shares_batch(items: Sequence[tuple[SharesQuote, date]]) -> Batch:
    """One row per (count, session it is used for), all validated in one pass; one dataset per symbol.

    Every row is a value a verdict rests on (the ``evidence`` scope), keyed by its session: a failure
    lists the sessions whose count broke it (``ValidationOutcome.failures_touching``).
    """
    frame = pd.DataFrame(
        {
            "symbol": [q.symbol for q, _ in items],
            "shares": [float(q.shares) for q, _ in items],
            "as_of": pd.to_datetime([q.as_of for q, _ in items]),
            "on": pd.to_datetime(list(on for _, on in items)),
            "source": [q.source or "" for q, _ in items],
            "relative_uncertainty": [float(q.relative_uncertainty) for q, _ in items],
        }
    )
    frame["age_days"] = (frame["on"] - frame["as_of"]).dt.days.astype("float64")
    datasets = {s: shares_dataset(s) for s in dict.fromkeys(frame["symbol"])}
    return Batch(suite=SUITE, frame=frame, row_key="on", datasets=datasets, group_key="symbol")
