"""Resolve claims into the claim table: instrument, exchange sessions, basis and claimed interval.

The claim table (``CLAIM_TABLE``) is the one shape the vectorised core works on: one row per claim,
plain columns, no Python objects. A claim that cannot be resolved keeps its row with ``problem`` set,
so it becomes an UNVERIFIABLE verdict with the reason while the other claims are still judged.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from claims.hedges import Basis, claimed_interval, mostly_margin
from claims.model import Claim, Metric
from market.calendars import UnknownExchangeError, is_session, nearest_sessions, session_index
from market.model import Instrument

CLAIM_TABLE = (
    "CLAIM_TABLE: claim_id, symbol, calendar, timezone, listing_currency, metric, direction (+1/-1), "
    "basis, start/end/base (datetime64 session dates), lo, hi, lo_closed, hi_closed, margin, unit, "
    "currency, scale, problem ('' when resolvable)"
)
CLAIM_COLUMNS = (
    "claim_id", "symbol", "calendar", "timezone", "listing_currency", "metric", "direction", "basis",
    "start", "end", "base", "lo", "hi", "lo_closed", "hi_closed", "margin", "unit", "currency", "scale",
    "problem",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Window:
    """The first and last session a claim speaks of."""

    first: pd.Timestamp
    last: pd.Timestamp


def _window(claim: Claim, instrument: Instrument) -> Window | str:
    """Sessions of the claim on its exchange, or the reason they cannot be found."""
    if claim.sessions:
        first, last = claim.sessions[0], claim.sessions[-1]
    elif claim.period:
        from claims.periods import resolve_period

        if claim.published_at is None:
            return f"the period {claim.period!r} needs the article's publication time (published_at)"
        try:
            res = resolve_period(claim.period, claim.published_at, instrument.calendar, instrument.timezone, "auto")
        except ValueError as exc:
            return str(exc)
        first, last = res.first, res.last
    else:
        return "no session given; give sessions or a period"
    for day in {first, last}:
        if not is_session(instrument.calendar, day):
            before, after = nearest_sessions(instrument.calendar, day)
            return (
                f"{day.isoformat()} was not a trading session of {instrument.calendar} "
                f"({instrument.name}); the nearest sessions are {before.isoformat()} and {after.isoformat()}"
            )
    return Window(pd.Timestamp(first), pd.Timestamp(last))


def claim_row(claim: Claim, instrument: Instrument | None) -> dict[str, object]:
    """One CLAIM_TABLE row for ``claim`` (``problem`` set when it cannot be resolved)."""
    hedge = claim.hedge_reading
    basis = Basis.INTRADAY if claim.metric is Metric.INTRADAY_EXTREME else (hedge.basis or Basis.CLOSE)
    low, high = claim.range if claim.range is not None else (claim.value, None)
    assert low is not None
    interval = claimed_interval(low, high, claim.precision, hedge.bound)
    row: dict[str, object] = {
        "claim_id": claim.id,
        "symbol": claim.instrument or "",
        "calendar": "",
        "timezone": "",
        "listing_currency": "",
        "metric": claim.metric.value,
        "direction": claim.direction.sign,
        "basis": basis.value,
        "start": pd.NaT,
        "end": pd.NaT,
        "base": pd.NaT,
        "lo": interval.lo,
        "hi": interval.hi,
        "lo_closed": interval.lo_closed,
        "hi_closed": interval.hi_closed,
        "margin": mostly_margin(low, high),
        "unit": claim.unit,
        "currency": claim.currency or "",
        "scale": claim.scale_factor,
        "problem": "",
    }
    if instrument is None:
        row["problem"] = (
            f"unknown instrument {claim.instrument!r} for {claim.subject!r}: not in the instrument table"
            if claim.instrument
            else f"no instrument given for {claim.subject!r}"
        )
        return row
    row.update(calendar=instrument.calendar, timezone=instrument.timezone, listing_currency=instrument.currency)
    if claim.metric is Metric.MARKET_CAP_CHANGE and instrument.kind != "equity":
        row["problem"] = f"{instrument.symbol} is an {instrument.kind}, which has no market value"
        return row
    try:
        window = _window(claim, instrument)
    except UnknownExchangeError as exc:
        window = str(exc)
    if isinstance(window, str):
        row["problem"] = window
        return row
    row.update(start=window.first, end=window.last)
    return row


def claim_table(claims: Sequence[Claim], instruments: Mapping[str, Instrument]) -> pd.DataFrame:
    """The CLAIM_TABLE of ``claims``, with each base session (the session before the window) filled in."""
    rows = [claim_row(c, instruments.get(c.instrument or "")) for c in claims]
    table = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    for col in ("start", "end", "base"):
        table[col] = pd.to_datetime(table[col])
    return add_base_sessions(table)


def add_base_sessions(table: pd.DataFrame) -> pd.DataFrame:
    """Vectorised: the base of a window is the session before its first session, on its own calendar."""
    base = np.full(len(table), np.datetime64("NaT"), dtype="datetime64[ns]")
    ok = (table["problem"] == "").to_numpy()
    for calendar, idx in table[ok].groupby("calendar").groups.items():
        sessions = session_index(str(calendar))
        pos = sessions.searchsorted(pd.DatetimeIndex(table.loc[idx, "start"]))
        base[table.index.get_indexer(idx)] = sessions[np.maximum(pos - 1, 0)].to_numpy()
    table = table.copy()
    table["base"] = base
    return table


def is_unbounded(hi: float) -> bool:
    """Whether an interval has no upper limit ("more than")."""
    return math.isinf(hi)
