"""Exchange sessions from exchange_calendars, cached per exchange.

Every date in marketfact is an exchange-local session date. A weekday word is turned into a date first,
then checked against THAT exchange's calendar: 20 January 2025 was a session in Frankfurt and Tokyo but
not in New York (Martin Luther King Jr. Day).
"""

from __future__ import annotations

import functools
from datetime import date

import numpy as np
import pandas as pd

FX_CALENDAR = "24/5"
"""Pseudo-calendar for currencies: every weekday is a fixing day."""

# The calendars are built for this span once; claims outside it fail loudly, not silently.
CALENDAR_SPAN = ("2000-01-01", "2030-12-31")
"""The dates every exchange calendar is built for (exchange_calendars): sessions outside are unknown."""


class UnknownExchangeError(ValueError):
    """The exchange code is not one exchange_calendars knows."""


@functools.cache
def session_index(calendar: str) -> pd.DatetimeIndex:
    """All sessions of ``calendar`` (an ISO MIC such as XNYS, XETR, XTKS) as tz-naive dates."""
    if calendar == FX_CALENDAR:
        return pd.bdate_range(*CALENDAR_SPAN)
    import exchange_calendars as xcals

    try:
        cal = xcals.get_calendar(calendar, start=CALENDAR_SPAN[0], end=CALENDAR_SPAN[1])
    except xcals.errors.InvalidCalendarName as exc:
        raise UnknownExchangeError(f"unknown exchange calendar {calendar!r}") from exc
    return pd.DatetimeIndex(cal.sessions.tz_localize(None) if cal.sessions.tz else cal.sessions)


@functools.cache
def session_days(calendar: str) -> np.ndarray:
    """The sessions of ``session_index(calendar)`` as whole days since 1970 (sorted int64, read-only)."""
    days = session_index(calendar).to_numpy(dtype="datetime64[D]").astype(np.int64)
    days.flags.writeable = False  # shared by every caller through the cache
    return days


_EPOCH = date(1970, 1, 1).toordinal()


def _ordinal(day: date) -> int:
    """``day`` as whole days since 1970, the unit of ``session_days``."""
    return day.toordinal() - _EPOCH


def _date(days: np.int64) -> date:
    return date.fromordinal(int(days) + _EPOCH)


# The scalar helpers below search the int64 day array: a claim on its own path asks several of them, and
# a pandas comparison or scalar index costs tens of µs where a numpy search on integers costs one.


def sessions_between(calendar: str, start: date, end: date) -> pd.DatetimeIndex:
    """Sessions of ``calendar`` from ``start`` to ``end`` inclusive."""
    days = session_days(calendar)
    first = int(np.searchsorted(days, _ordinal(start), side="left"))
    last = int(np.searchsorted(days, _ordinal(end), side="right"))
    return session_index(calendar)[first : max(last, first)]


def is_session(calendar: str, day: date) -> bool:
    """Whether ``day`` was a trading session of ``calendar``."""
    days, key = session_days(calendar), _ordinal(day)
    pos = int(np.searchsorted(days, key))
    return bool(pos < len(days) and days[pos] == key)


def calendar_span(calendar: str) -> tuple[date, date]:
    """The first and last session marketfact knows of ``calendar`` (its calendars span 2000 to 2030)."""
    days = session_days(calendar)
    return _date(days[0]), _date(days[-1])


def outside_calendar(calendar: str, day: date) -> str | None:
    """Why ``day`` cannot be checked on ``calendar`` when it lies outside the calendar's span, else None."""
    first, last = calendar_span(calendar)
    if first <= day <= last:
        return None
    return (
        f"{day.isoformat()} is outside the {calendar} calendar marketfact knows ({first.isoformat()} to "
        f"{last.isoformat()}): no session can be checked then"
    )


def nearest_sessions(calendar: str, day: date) -> tuple[date, date]:
    """The sessions just before and just after ``day`` (for a helpful message on a non-session)."""
    days, key = session_days(calendar), _ordinal(day)
    pos = int(np.searchsorted(days, key))
    before = days[pos - 1] if pos > 0 else days[0]
    after_pos = pos + 1 if pos < len(days) and days[pos] == key else pos
    after = days[min(after_pos, len(days) - 1)]
    return _date(before), _date(after)


def shift_sessions(calendar: str, day: date, n: int) -> date:
    """The session ``n`` sessions after (n > 0) or before (n < 0) the session ``day``."""
    pos = int(np.searchsorted(session_days(calendar), _ordinal(day)))
    return _date(session_days(calendar)[pos + n])


def session_positions(calendar: str, days: pd.DatetimeIndex | pd.Series | np.ndarray) -> tuple[pd.Index, pd.Index]:
    """Vectorised: (position in the calendar, whether each day is a session)."""
    idx = session_index(calendar)
    values = pd.DatetimeIndex(days)
    pos = idx.searchsorted(values)
    clipped = pos.clip(0, len(idx) - 1)
    return pd.Index(pos), pd.Index(idx[clipped] == values)
