"""Period words ("am Montag", "over two days", "seit Jahresbeginn") → the listing exchange's sessions (the words
themselves, their vocabulary and segments: ``claims.periodwords``).

Three clocks matter, and each word uses the one a reader would:

* A weekday ("Montag", "on Monday") is the most recent such day on or before the publication date in
  the EXCHANGE's time zone: an article published Tuesday 01:00 CET is still Monday in New York.
* "heute"/"today", "gestern"/"yesterday" count from the writer's date: the publication date in the
  offset ``published_at`` carries (a Tokyo paper's "yesterday" at 08:00 JST is Monday in New York too).
* Counted and open-ended periods ("over two days", "seit Jahresbeginn", "vergangene Woche" … up to
  now) end at the last session that had CLOSED when the article appeared (its close from
  exchange_calendars), so a Tokyo session still trading at publication is not part of "two days".

A resolved day on which the exchange had no session raises ``NoSessionError`` naming the exchange, the
date and the nearest sessions. ``PeriodResolution.closed_at_publication`` says whether the last session
had closed when the article appeared; a claim about a session that had not (New York's Monday, read at
09:00 CET that Monday) cannot be about its close, and the verdict should say so.
"""

from __future__ import annotations

import functools
from calendar import monthrange
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from marketfact.claims.periodwords import LOCALE, Day, PeriodError, Seg, UnknownPeriodError, segments, vocabulary
from marketfact.market.calendars import (
    CALENDAR_SPAN,
    FX_CALENDAR,
    is_session,
    nearest_sessions,
    session_days,
    session_index,
    sessions_between,
)

__all__ = [
    "NoSessionError",
    "PeriodError",
    "PeriodResolution",
    "UnknownPeriodError",
    "candidate_sessions",
    "resolve_period",
    "vocabulary",
]


class NoSessionError(PeriodError):
    """The period names a day on which the exchange had no trading session."""

    def __init__(self, calendar: str, day: date, before: date, after: date) -> None:
        if not before <= day <= after or before == after:  # nearest_sessions clamps to the calendar's span
            message = (
                f"{day.isoformat()} ({day:%A}) is outside the {calendar} calendar marketfact knows "
                f"({before.isoformat()} is its nearest session): no session can be checked then"
            )
        else:
            message = (
                f"{calendar} had no trading session on {day.isoformat()} ({day:%A}); "
                f"nearest sessions: {before.isoformat()} and {after.isoformat()}"
            )
        super().__init__(message)
        self.calendar, self.day, self.before, self.after = calendar, day, before, after


@dataclass(frozen=True, slots=True)
class PeriodResolution:
    """The exchange-local sessions a period spans, first to last, and how that was decided."""

    first: date
    last: date
    n_sessions: int
    how: str
    closed_at_publication: bool = True


@functools.cache
def _bounds(calendar: str) -> tuple[np.ndarray, np.ndarray]:
    """UTC open and close instants (int64 ns) of every session, aligned with ``session_days(calendar)``.

    Integers, so that the few look-ups a period needs are numpy searches, not pandas scalar comparisons.
    """
    idx = session_index(calendar)
    if calendar == FX_CALENDAR:  # currencies: a fixing day runs midnight to midnight UTC
        return idx.asi8.copy(), (idx + pd.Timedelta(days=1)).asi8.copy()
    import exchange_calendars as xcals

    # The same arguments as market.calendars, so exchange_calendars hands back its cached calendar.
    cal = xcals.get_calendar(calendar, start=CALENDAR_SPAN[0], end=CALENDAR_SPAN[1])
    return pd.DatetimeIndex(cal.opens).as_unit("ns").asi8, pd.DatetimeIndex(cal.closes).as_unit("ns").asi8


def _ns(moment: datetime) -> int:
    """An aware datetime as int64 nanoseconds since 1970 UTC, the unit of ``_bounds``."""
    return (moment - _EPOCH_UTC) // timedelta(microseconds=1) * 1000


_EPOCH_UTC = datetime(1970, 1, 1, tzinfo=UTC)
_FIRST_DAY = _EPOCH_UTC.date()  # day 0 of ``session_days``


def _sessions_by(published_at: datetime, calendar: str, *, started: bool) -> int:
    """How many sessions (from the calendar's first) had closed (or, with ``started``, opened) by ``published_at``."""
    if published_at.tzinfo is None or published_at.utcoffset() is None:
        raise ValueError("published_at needs a time zone offset, e.g. 2025-01-29T08:00:00+01:00")
    opens, closes = _bounds(calendar)
    stamp = _ns(published_at)
    if not opens[0] <= stamp <= closes[-1]:
        first, last = CALENDAR_SPAN
        raise PeriodError(f"{published_at.isoformat()} is outside the {calendar} calendar ({first}..{last})")
    return int(np.searchsorted(opens if started else closes, stamp, side="right"))


def candidate_sessions(
    published_at: datetime, calendar: str, n: int = 5, *, include_running: bool = False
) -> list[date]:
    """The last ``n`` sessions before publication, for a claim that names no day (exchange-local dates).

    Only sessions that had closed count, unless ``include_running`` admits one still trading.
    """
    done = _sessions_by(published_at, calendar, started=include_running)
    return session_days(calendar)[max(done - n, 0) : done].astype("datetime64[D]").tolist()


@dataclass(frozen=True, slots=True)
class _Ctx:
    words: str
    published_at: datetime
    calendar: str
    tz: ZoneInfo

    @property
    def local(self) -> date:
        return self.published_at.astimezone(self.tz).date()

    @property
    def writer(self) -> date:
        return self.published_at.date()

    def ref_session(self) -> date:
        done = _sessions_by(self.published_at, self.calendar, started=False)
        if not done:
            raise PeriodError(f"no {self.calendar} session had closed by {self.published_at.isoformat()}")
        return _FIRST_DAY + timedelta(days=int(session_days(self.calendar)[done - 1]))

    def session(self, day: date) -> date:
        if not is_session(self.calendar, day):
            raise NoSessionError(self.calendar, day, *nearest_sessions(self.calendar, day))
        return day

    def back(self, last: date, n: int) -> date:
        """The first of the ``n`` sessions that end with session ``last``."""
        pos = int(session_index(self.calendar).searchsorted(pd.Timestamp(last))) - n + 1
        if n < 1 or pos < 0:
            raise PeriodError(f"{self.words!r}: {n} sessions up to {last} do not fit the {self.calendar} calendar")
        return session_index(self.calendar)[pos].date()


def _on_or_before(anchor: date, weekday: int, strict: bool) -> date:
    back = (anchor.weekday() - weekday) % 7
    return anchor - timedelta(days=7 if strict and back == 0 else back)


def _make_date(text: str, year: int, month: int, dom: int) -> date:
    try:
        return date(year, month, dom)
    except ValueError:
        raise PeriodError(f"{text!r} is not a date") from None


def _day(ctx: _Ctx, day: Day, anchor: date | None, later: Day | None) -> tuple[date, str]:
    """Resolve one written day to a calendar date, with a clause saying how."""
    if day.offset is not None:
        z = ctx.published_at.strftime("%z")
        off = f"{z[:3]}:{z[3:5]}"
        rel = {0: "", -1: "the day before ", -2: "two days before "}[day.offset]
        return ctx.writer + timedelta(days=day.offset), f"{rel}the publication date {ctx.writer} (UTC{off})"
    base = anchor or ctx.local
    if day.ymd is not None:
        year, month, dom = day.ymd
        if month is None and later is not None and later.ymd is not None and anchor is not None:
            year, month = anchor.year, later.ymd[1]  # "27. bis 28. Januar": the other end's month and year
        if year is None and month is None and dom is not None:  # "on the 31st", "am 28.": no month either
            got = _latest_day_of_month(day.text, base, dom)
        else:
            got = _make_date(day.text, year or base.year, month or base.month, dom or 1)
        if year is None and got > base:  # a date without a year is the most recent one
            got = _make_date(day.text, got.year - 1, got.month, got.day)
        if day.weekday is not None and got.weekday() != day.weekday:
            raise PeriodError(f"{got} was a {got:%A}, not the weekday named in {day.text!r}")
        return got, "the date as written" + ("" if year else f", year from {base}")
    assert day.weekday is not None
    got = _on_or_before(base, day.weekday, day.strict)
    where = "that day" if anchor else f"the publication date in {ctx.tz.key} ({base})"
    return got, f"the most recent {got:%A} {'before' if day.strict else 'on or before'} {where}"


def _latest_day_of_month(text: str, base: date, dom: int) -> date:
    """A day of the month said with no month ("on the 31st", "On the 28th", "am 28."): the latest such day on or before
    ``base``, in the month before when this month's is later or does not exist ("the 31st" written on 6 Feb is 31 Jan,
    not a day of the year before)."""
    year, month = base.year, base.month
    for _ in range(12):
        if dom <= monthrange(year, month)[1] and date(year, month, dom) <= base:
            return date(year, month, dom)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    raise PeriodError(f"{text!r} is not a date")


def _of_relative_month(ctx: _Ctx, segs: list[Seg], days: list[Day]) -> list[Day] | None:
    """ "the 28th of last month", "the 3rd of this month", as translated copy dates a day: that day of the month named
    relative to the writer's date; None for any other words."""
    months = [s for s in segs if s.kind == "month"]
    if len(months) != 1 or months[0].ym is not None or len(days) != 1 or len(segs) != 2:
        return None
    ymd = days[0].ymd
    if ymd is None or ymd[0] is not None or ymd[1] is not None or ymd[2] is None or days[0].weekday is not None:
        return None
    n, base = months[0].n, ctx.writer
    year, month = base.year + (base.month + n - 1) // 12, (base.month + n - 1) % 12 + 1
    return [replace(days[0], text=ctx.words, ymd=(year, month, ymd[2]))]


def _apposed_weekday(segs: list[Seg]) -> list[Day] | None:
    """ "vom 24. Januar, dem Freitag vor dem DeepSeek-Schock", "on Jan. 24, the Friday before …": a date and its weekday
    in apposition, no joining word between, are one day (as "Friday, Jan. 24" is), not a span from the date to the
    latest such weekday; a weekday that is not the date's is an error, as in "Thursday, Jan. 24"."""
    if len(segs) != 2 or any(s.kind != "day" or s.day is None for s in segs):
        return None
    dated = [s.day for s in segs if s.day is not None and s.day.ymd is not None and s.day.weekday is None]
    named = [s.day for s in segs if s.day is not None and s.day.ymd is None and s.day.weekday is not None]
    if len(dated) != 1 or len(named) != 1 or named[0].offset is not None or named[0].strict:
        return None
    text = " ".join(s.text for s in segs)
    return [Day(text=text, weekday=named[0].weekday, ymd=dated[0].ymd)]


def resolve_period(words: str, published_at: datetime, calendar: str, exchange_tz: str, lang: str) -> PeriodResolution:
    """Resolve period ``words`` (de or en) written at ``published_at`` to sessions of ``calendar``."""
    if lang not in LOCALE:
        raise ValueError(f"language {lang!r} is not supported; use 'de' or 'en'")
    ctx = _Ctx(words, published_at, calendar, ZoneInfo(exchange_tz))
    segs = segments(words, lang)
    ref = ctx.ref_session()  # also checks published_at
    days = _apposed_weekday(segs) or [s.day for s in segs if s.day is not None]
    counts = [s.n for s in segs if s.kind == "count"]
    kinds = {s.kind for s in segs} - {"conn", "day", "count"}
    of_month = _of_relative_month(ctx, [s for s in segs if s.kind != "conn"], days)
    if of_month is not None:  # "the 28th of last month": one day
        days, kinds = of_month, set()
    if kinds == {"since", "weekstart"} and not (days or counts):  # "seit Wochenbeginn": the week so far
        start = next(s for s in segs if s.kind == "weekstart")
        return _named_span(ctx, replace(start, kind="week"), ref)
    week = next((s for s in segs if s.kind == "week"), None)
    if kinds == {"week"} and week is not None and week.n == 0 and len(days) == 1 and not counts:
        # "the week to Friday", "der Woche bis Freitag": the week's sessions up to that day
        last_day, why = _day(ctx, days[0], None, None)
        last = ctx.session(last_day)
        first = sessions_between(ctx.calendar, last_day - timedelta(days=last_day.weekday()), last)[0].date()
        return _result(ctx, first, last, f"from {first} to {last} ({why})")
    if kinds == {"overnight"} and not (days or counts):
        # "On Wall Street overnight" in Tokyo or Frankfurt copy: the exchange's session that closed last
        return _result(ctx, ref, ref, f"overnight: the last {calendar} session that had closed when it appeared")
    if len(counts) > 1 or len(kinds) > 1 or (kinds and (days or counts) and kinds != {"since"}):
        raise PeriodError(f"cannot combine the parts of {words!r}: {[s.text for s in segs if s.kind != 'conn']}")
    if kinds == {"since"}:
        if len(days) != 1 or counts:
            raise PeriodError(f"{words!r}: 'since' needs exactly one day")
        first, why = _day(ctx, days[0], None, None)
        return _result(ctx, ctx.session(first), ref, f"from {first} ({why}) to the last closed session")
    if kinds:
        return _named_span(ctx, next(s for s in segs if s.kind in kinds), ref)
    if not days:
        return _result(ctx, ctx.back(ref, counts[0]), ref, f"the last {counts[0]} sessions that had closed")
    last_day, why = _day(ctx, days[-1], None, None)
    last = ctx.session(last_day)
    if len(days) == 1:
        if counts:
            return _result(ctx, ctx.back(last, counts[0]), last, f"{counts[0]} sessions ending {last} ({why})")
        return _result(ctx, last, last, why)
    first = ctx.session(_day(ctx, days[0], last_day, days[-1])[0])
    if first > last:
        raise PeriodError(f"{words!r}: {first} comes after {last}")
    res = _result(ctx, first, last, f"from {first} to {last} ({why})")
    if counts and counts[0] != res.n_sessions:
        raise PeriodError(f"{words!r} names {counts[0]} days but {first}..{last} holds {res.n_sessions} sessions")
    return res


def _named_span(ctx: _Ctx, seg: Seg, ref: date) -> PeriodResolution:
    """Year to date, a span back from now ("from a year ago"), a week, the start of a week, or a month: first..last
    session, capped at ``ref``."""
    base = ctx.writer
    if seg.kind == "ytd":
        start, end, what = date(base.year, 1, 1), ref, f"year to date ({base.year})"
    elif seg.kind == "ago":  # from the close a year, month or week before the writer's day to now
        back = (pd.Timestamp(base) - (pd.DateOffset(months=seg.n) if seg.n else pd.DateOffset(weeks=1))).date()
        start, end, what = back + timedelta(days=1), ref, f"from the close of {back}"
    elif seg.kind == "weekfirst":  # the first n sessions of this week
        start = base - timedelta(days=base.weekday())
        end, what = start + timedelta(days=6), f"the first {seg.n} sessions of the week of {start}"
    elif seg.kind == "monthweek":  # "in der letzten Januarwoche": by the Mondays of the month, the last with -1
        start = _month_week(base, seg)
        what = f"the week of {start}"
        end = start + timedelta(days=6)
    elif seg.kind in ("week", "weekstart", "weekend"):
        start = base - timedelta(days=base.weekday()) + timedelta(weeks=seg.n)
        end, what = start + timedelta(days=6), f"the week of {start}"
        what = f"the last session of the week of {start}" if seg.kind == "weekend" else what
    else:
        year, month = seg.ym or (None, 0)
        if not month:  # last/this month
            year, month = base.year + (base.month + seg.n - 1) // 12, (base.month + seg.n - 1) % 12 + 1
        start = date(year or base.year, month, 1)
        if year is None and start > base:
            start = date(start.year - 1, month, 1)
        end, what = (pd.Timestamp(start) + pd.offsets.MonthEnd(0)).date(), f"{start:%B %Y}"
    sessions = sessions_between(ctx.calendar, start, min(end, ref))
    if not len(sessions):
        raise PeriodError(f"{seg.text!r}: no {ctx.calendar} session of {what} had closed by {ctx.published_at}")
    first = sessions[0].date()
    if seg.kind == "weekfirst" and len(sessions) < seg.n:
        raise PeriodError(f"{seg.text!r}: only {len(sessions)} {ctx.calendar} session(s) of {what} had closed")
    last = first if seg.kind == "weekstart" else sessions[seg.n - 1 if seg.kind == "weekfirst" else -1].date()
    if seg.kind == "weekend":  # "zum Wochenausklang", "to end the week": the week's last session
        first = last
    return _result(ctx, first, last, f"{what}: the {ctx.calendar} sessions that had closed")


def _month_week(base: date, seg: Seg) -> date:
    """The Monday of week ``seg.n`` of the month ``seg.ym`` names (its latest before ``base``; -1: the last week)."""
    month = seg.ym[1] if seg.ym else base.month
    year = base.year if date(base.year, month, 1) <= base else base.year - 1
    first = date(year, month, 1)
    mondays = [first + timedelta(days=d) for d in range(31) if (first + timedelta(days=d)).month == month]
    mondays = [d for d in mondays if d.weekday() == 0]
    if not -len(mondays) <= (seg.n - 1 if seg.n > 0 else seg.n) < len(mondays):
        raise PeriodError(f"{seg.text!r}: {first:%B %Y} has {len(mondays)} weeks")
    return mondays[seg.n - 1 if seg.n > 0 else seg.n]


def _result(ctx: _Ctx, first: date, last: date, why: str) -> PeriodResolution:
    if first > last:  # e.g. "since today" in an article that appeared before today's session closed
        raise PeriodError(f"{ctx.words.strip()!r}: {why}, but {first} comes after {last}: no session is left")
    days = session_days(ctx.calendar)
    lo, hi = np.searchsorted(days, [(first - _FIRST_DAY).days, (last - _FIRST_DAY).days])  # days since 1970
    n = max(int(hi - lo) + 1, 0)  # first and last are sessions
    close = _bounds(ctx.calendar)[1][int(hi)]
    closed = bool(close <= _ns(ctx.published_at))
    how = f"{ctx.words.strip()!r}: {why} → {ctx.calendar} {first}" + (f" to {last}" if last != first else "")
    if not closed:
        local = pd.Timestamp(ctx.published_at).tz_convert(ctx.tz.key)
        how += f"; the {last} session had not closed when the article appeared ({local:%Y-%m-%d %H:%M} {ctx.tz.key})"
    return PeriodResolution(first, last, n, how, closed)
