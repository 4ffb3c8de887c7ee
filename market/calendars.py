"""Exchange sessions from exchange_calendars, cached per exchange.

Every date in marketfact is an exchange-local session date. A weekday word is turned into a date first,
then checked against THAT exchange's calendar: 20 January 2025 was a session in Frankfurt and Tokyo but
not in New York (Martin Luther King Jr. Day).
"""

from __future__ import annotations

import functools
from datetime import date

import pandas as pd

FX_CALENDAR = "24/5"
"""Pseudo-calendar for currencies: every weekday is a fixing day."""

# The calendars are built for this span once; claims outside it fail loudly, not silently.
_SPAN = ("2000-01-01", "2030-12-31")


class UnknownExchangeError(ValueError):
    """The exchange code is not one exchange_calendars knows."""


@functools.cache
def session_index(calendar: str) -> pd.DatetimeIndex:
    """All sessions of ``calendar`` (an ISO MIC such as XNYS, XETR, XTKS) as tz-naive dates."""
    if calendar == FX_CALENDAR:
        return pd.bdate_range(*_SPAN)
    import exchange_calendars as xcals

    try:
        cal = xcals.get_calendar(calendar, start=_SPAN[0], end=_SPAN[1])
    except xcals.errors.InvalidCalendarName as exc:
        raise UnknownExchangeError(f"unknown exchange calendar {calendar!r}") from exc
    return pd.DatetimeIndex(cal.sessions.tz_localize(None) if cal.sessions.tz else cal.sessions)


def sessions_between(calendar: str, start: date, end: date) -> pd.DatetimeIndex:
    """Sessions of ``calendar`` from ``start`` to ``end`` inclusive."""
    idx = session_index(calendar)
    return idx[(idx >= pd.Timestamp(start)) & (idx <= pd.Timestamp(end))]


def is_session(calendar: str, day: date) -> bool:
    """Whether ``day`` was a trading session of ``calendar``."""
    idx = session_index(calendar)
    pos = idx.searchsorted(pd.Timestamp(day))
    return bool(pos < len(idx) and idx[pos] == pd.Timestamp(day))


def nearest_sessions(calendar: str, day: date) -> tuple[date, date]:
    """The sessions just before and just after ``day`` (for a helpful message on a non-session)."""
    idx = session_index(calendar)
    ts = pd.Timestamp(day)
    pos = idx.searchsorted(ts)
    before = idx[pos - 1] if pos > 0 else idx[0]
    after_pos = pos + 1 if pos < len(idx) and idx[pos] == ts else pos
    after = idx[min(after_pos, len(idx) - 1)]
    return before.date(), after.date()


def shift_sessions(calendar: str, day: date, n: int) -> date:
    """The session ``n`` sessions after (n > 0) or before (n < 0) the session ``day``."""
    idx = session_index(calendar)
    pos = int(idx.searchsorted(pd.Timestamp(day)))
    return idx[pos + n].date()


def session_positions(calendar: str, days: pd.DatetimeIndex | pd.Series) -> tuple[pd.Index, pd.Index]:
    """Vectorised: (position in the calendar, whether each day is a session)."""
    idx = session_index(calendar)
    values = pd.DatetimeIndex(days)
    pos = idx.searchsorted(values)
    clipped = pos.clip(0, len(idx) - 1)
    return pd.Index(pos), pd.Index(idx[clipped] == values)
