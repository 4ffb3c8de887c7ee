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
    "basis, start/end/base (datetime64 session dates), lo, hi, lo_closed, hi_closed, margin, half (the "
    "stated precision's rounding), unit, "
    "currency, scale, problem ('' when resolvable), searched (True on the candidate rows of a claim that "
    "names no day: one row per session searched, collapsed after judging)"
)
CLAIM_COLUMNS = (
    "claim_id", "symbol", "calendar", "timezone", "listing_currency", "metric", "direction", "basis",
    "start", "end", "base", "lo", "hi", "lo_closed", "hi_closed", "margin", "half", "unit", "currency", "scale",
    "problem", "searched",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Window:
    """The first and last session a claim speaks of."""

    first: pd.Timestamp
    last: pd.Timestamp


SEARCH_SESSIONS = 5
"""A claim that names no day is measured on this many sessions before publication."""


def _period_window(claim: Claim, instrument: Instrument) -> Window | str:
    """Resolve ``claim.period`` from the publication time on the listing's exchange."""
    from claims.periods import resolve_period

    assert claim.period is not None
    if claim.published_at is None:
        return f"the period {claim.period!r} needs the article's publication time (published_at)"
    errors = []
    for lang in [claim.language] if claim.language else ["de", "en"]:
        try:
            res = resolve_period(claim.period, claim.published_at, instrument.calendar, instrument.timezone, lang)
        except ValueError as exc:
            errors.append(str(exc))
            continue
        if not res.closed_at_publication and claim.metric is not Metric.INTRADAY_EXTREME:
            return (
                f"{res.last.isoformat()} had not closed on {instrument.calendar} when the article appeared "
                f"({claim.published_at.isoformat()}): a close-based claim cannot be checked against that day"
            )
        return Window(pd.Timestamp(res.first), pd.Timestamp(res.last))
    return errors[0]


def _window(claim: Claim, instrument: Instrument) -> Window | str | list[Window]:
    """Sessions of the claim on its exchange (a list of candidates when it names no day), or why not."""
    if claim.sessions:
        first, last = claim.sessions[0], claim.sessions[-1]
    elif claim.period:
        window = _period_window(claim, instrument)
        if isinstance(window, str):
            return window
        first, last = window.first.date(), window.last.date()
    elif claim.published_at is not None:
        from claims.periods import candidate_sessions

        days = candidate_sessions(claim.published_at, instrument.calendar, SEARCH_SESSIONS)
        return [Window(pd.Timestamp(d), pd.Timestamp(d)) for d in days] or "no session before publication"
    else:
        return "no session given; give sessions, a period, or the publication time to search before"
    for day in {first, last}:
        if not is_session(instrument.calendar, day):
            before, after = nearest_sessions(instrument.calendar, day)
            return (
                f"{day.isoformat()} was not a trading session of {instrument.calendar} "
                f"({instrument.name}); the nearest sessions are {before.isoformat()} and {after.isoformat()}"
            )
    return Window(pd.Timestamp(first), pd.Timestamp(last))


def claim_rows(claim: Claim, instrument: Instrument | None) -> list[dict[str, object]]:
    """CLAIM_TABLE rows for ``claim``: one, or one per candidate session when it names no day."""
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
        "half": 0.5 * 10.0**-claim.precision,
        "unit": claim.unit,
        "currency": claim.currency or "",
        "scale": claim.scale_factor,
        "problem": "",
        "searched": False,
    }
    if instrument is None:
        row["problem"] = (
            f"unknown instrument {claim.instrument!r} for {claim.subject!r}: not in the instrument table"
            if claim.instrument
            else f"no instrument given for {claim.subject!r}"
        )
        return [row]
    row.update(calendar=instrument.calendar, timezone=instrument.timezone, listing_currency=instrument.currency)
    if claim.metric is Metric.MARKET_CAP_CHANGE and instrument.kind != "equity":
        row["problem"] = f"{instrument.symbol} is an {instrument.kind}, which has no market value"
        return [row]
    try:
        window = _window(claim, instrument)
    except UnknownExchangeError as exc:
        window = str(exc)
    if isinstance(window, str):
        row["problem"] = window
        return [row]
    if isinstance(window, list):
        return [{**row, "start": w.first, "end": w.last, "searched": True} for w in window]
    row.update(start=window.first, end=window.last)
    return [row]


def claim_table(claims: Sequence[Claim], instruments: Mapping[str, Instrument]) -> pd.DataFrame:
    """The CLAIM_TABLE of ``claims``, with each base session (the session before the window) filled in."""
    rows = [row for c in claims for row in claim_rows(c, instruments.get(c.instrument or ""))]
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
