"""Period words ("am Montag", "over two days", "seit Jahresbeginn") → the listing exchange's sessions.

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
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from babel.dates import get_day_names, get_month_names

from marketfact.claims.numbers import UnknownUnitError, parse_number
from marketfact.market.calendars import (
    CALENDAR_SPAN,
    FX_CALENDAR,
    is_session,
    nearest_sessions,
    session_days,
    session_index,
    sessions_between,
)


class PeriodError(ValueError):
    """A period cannot be resolved to sessions."""


class UnknownPeriodError(PeriodError):
    """A word in a period is not one the resolver knows; never ignored."""

    def __init__(self, word: str, words: str) -> None:
        super().__init__(f"unknown period word {word!r} in {words!r}")
        self.word = word


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


# ---- vocabulary ----------------------------------------------------------------------------------------
_LOCALE = {"de": "de_DE", "en": "en_US"}


def _names(getter: Callable[..., Mapping[int, str]], lang: str, extra: dict[str, int]) -> dict[str, int]:
    """Babel's wide and abbreviated names (as in running text and stand-alone) → number."""
    out: dict[str, int] = {}
    for width, context in (("wide", "format"), ("abbreviated", "format"), ("abbreviated", "stand-alone")):
        for key, name in getter(width, context, locale=_LOCALE[lang]).items():
            out[name.casefold()] = key
    return out | extra


_WEEKDAYS = {
    "de": _names(get_day_names, "de", {}),
    "en": _names(get_day_names, "en", {"tues": 1, "thur": 3, "thurs": 3}),
}
_MONTHS = {
    "de": _names(get_month_names, "de", {"jänner": 1, "feber": 2, "mrz": 3, "mrz.": 3}),
    "en": _names(get_month_names, "en", {"sept": 9}),
}


def _table(*rows: tuple[str, int, str]) -> dict[str, tuple[str, int]]:
    """(kind, value, "phrase|phrase") rows → phrase: (kind, value)."""
    return {p: (kind, value) for kind, value, phrases in rows for p in phrases.split("|")}


_CONN = "–|—|-"
# fmt: off
_FIXED = {
    "de": _table(
        ("rel", 0, "heute"), ("rel", -1, "gestern"), ("rel", -2, "vorgestern"),
        ("ytd", 0, "seit jahresbeginn|seit jahresanfang|seit beginn des jahres|seit anfang des jahres|"
                   "seit dem jahreswechsel|seit jahreswechsel|im bisherigen jahresverlauf|in diesem jahr|dieses jahr"),
        ("week", -1, "vergangene woche|vergangenen woche|letzte woche|letzten woche|vorige woche|vorigen woche|"
                     "vorwoche"),
        ("week", 0, "diese woche|dieser woche|laufenden woche|wochensicht|auf wochensicht|in der woche|die woche|"
                    "der woche|im wochenverlauf|auf wochenbasis"),
        ("weekstart", 0, "wochenauftakt|wochenstart|wochenbeginn|wochenanfang"),
        ("month", -1, "vergangenen monat|letzten monat|vormonat"),
        ("month", 0, "diesen monat|diesem monat|laufenden monat"),
        ("since", 0, "seit"), ("conn", 0, f"und|bis|sowie|{_CONN}"),
        ("fill", 0, "am|an|den|dem|der|die|im|in|vom|von|binnen|innerhalb|zum|zu|während|über"),
        ("last", 0, "vergangenen|vergangener|vergangene|letzten|letzter|letzte|vorigen"),
        ("this", 0, "diesen|diesem|dieser"),
    ),
    "en": _table(
        ("rel", 0, "today"), ("rel", -1, "yesterday"), ("rel", -2, "the day before yesterday"),
        ("ytd", 0, "year to date|year-to-date|ytd|so far this year|this year|since the start of the year|"
                   "since the beginning of the year"),
        ("week", -1, "last week|previous week"),
        ("week", 0, "this week|for the week|on the week|over the week|the week|the week's"),
        ("weekstart", 0, "at the start of the week|at the beginning of the week"),
        ("month", -1, "last month|previous month"), ("month", 0, "this month"),
        ("since", 0, "since"), ("conn", 0, f"and|to|through|until|{_CONN}"),
        ("fill", 0, "on|the|in|over|within|during|across|from|for|of"),
        ("last", 0, "last|previous|past"), ("this", 0, "this"),
    ),
}
_COUNT_ADJ = {"de": {"aufeinanderfolgenden", "aufeinanderfolgende", "folgenden"},
              "en": {"consecutive", "straight", "successive"}}
_COUNT_UNIT = {"de": {"tag", "tage", "tagen", "handelstag", "handelstage", "handelstagen", "börsentag",
                      "börsentage", "börsentagen", "sitzungen", "handelssitzungen"},
               "en": {"day", "days", "session", "sessions", "trading day", "trading days", "trading sessions"}}
_COUNT_TAIL = {"de": ("in folge", "hintereinander"), "en": ("in a row",)}
_GENITIVE = {"zweier": 2, "dreier": 3, "vierer": 4}
_FIRST = {"de": {"ersten"}, "en": {"first"}}
_BOTH = {"de": {"beiden": 2}, "en": {}}
_OF_WEEK = {"de": ("der woche", "dieser woche"), "en": ("of the week", "of this week")}
# fmt: on

_TOKEN = re.compile(
    r"(?P<iso>\d{4}-\d{1,2}-\d{1,2})|(?P<dmy>\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?)|(?P<ord>\d{1,2}(?:st|nd|rd|th)\b)"
    r"|(?P<dday>\d{1,2}\.)|(?P<num>\d+)|(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?)|(?P<sym>[–—-])|(?P<skip>[,;:()]+)"
    r"|(?P<other>\S)"
)


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    key: str
    text: str


@dataclass(frozen=True, slots=True)
class _Day:
    """One day as written: a weekday, a day relative to the writer's date, or a calendar date."""

    text: str
    weekday: int | None = None
    strict: bool = False  # "vergangenen Montag": strictly before the reference date
    offset: int | None = None
    ymd: tuple[int | None, int | None, int | None] | None = None  # (year, month, day)


@dataclass(frozen=True, slots=True)
class _Seg:
    kind: str  # day | count | since | ytd | week | weekstart | weekfirst | month | conn
    text: str
    day: _Day | None = None
    n: int = 0
    ym: tuple[int | None, int] | None = None  # a named month: (year, month)


def _tokens(words: str, lang: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN.finditer(words):
        if m.lastgroup == "skip":
            continue
        if m.lastgroup == "other":
            raise UnknownPeriodError(m.group(), words)
        parts = m.group().split("-")
        if len(parts) == 2 and all(_lookup(p.casefold(), _WEEKDAYS[lang]) for p in parts):  # "Montag-Dienstag"
            toks += [_Tok("word", parts[0].casefold(), parts[0]), _Tok("sym", "-", "-")]
            toks.append(_Tok("word", parts[1].casefold(), parts[1]))
            continue
        toks.append(_Tok(m.lastgroup or "other", m.group().casefold(), m.group()))
    return toks


def _lookup(key: str, table: Mapping[str, object]) -> str | None:
    for k in (key, key.rstrip(".")):
        if k in table:
            return k
    return None


def _fixed(toks: list[_Tok], i: int, lang: str) -> tuple[str, int, int] | None:
    """Longest fixed phrase at ``i``: (kind, value, tokens used)."""
    for n in range(min(6, len(toks) - i), 0, -1):
        hit = _lookup(" ".join(t.key for t in toks[i : i + n]), _FIXED[lang])
        if hit:
            return (*_FIXED[lang][hit], n)
    return None


def _count_word(tok: _Tok, lang: str) -> int | None:
    if tok.key in _GENITIVE and lang == "de":
        return _GENITIVE[tok.key]
    try:
        value = parse_number(tok.text, lang).value
    except UnknownUnitError:
        return None
    return int(value) if value == int(value) and value >= 1 else None


def _count(toks: list[_Tok], i: int, lang: str) -> tuple[int, int] | None:
    """ "zwei aufeinanderfolgende Tage", "two straight sessions", "two-day", "zweitägigen": (n, next i)."""
    tok = toks[i]
    glued = re.fullmatch(r"(.+?)-(?:day|session)s?" if lang == "en" else r"(.+?)tägig(?:e|en|er|es)?", tok.key)
    if glued:
        n = _count_word(_Tok("word", glued.group(1), glued.group(1)), lang)
        return (n, i + 1) if n else None
    n = _count_word(tok, lang)
    if n is None:
        return None
    j = i + 1
    while j < len(toks) and toks[j].key in _COUNT_ADJ[lang]:
        j += 1
    for width in (2, 1):
        if " ".join(t.key for t in toks[j : j + width]) in _COUNT_UNIT[lang] and j + width <= len(toks):
            j += width
            break
    else:
        return None
    for tail in _COUNT_TAIL[lang]:
        if " ".join(t.key for t in toks[j : j + len(tail.split())]) == tail:
            j += len(tail.split())
    return n, j


def _week_first(toks: list[_Tok], i: int, lang: str) -> tuple[int, int] | None:
    """ "an den ersten beiden Handelstagen der Woche", "the first two sessions of the week": (n, next i)."""
    if toks[i].key not in _FIRST[lang] or i + 1 >= len(toks):
        return None
    j = i + 1
    if toks[j].key in _BOTH[lang]:
        n, j = _BOTH[lang][toks[j].key], j + 1
        for width in (2, 1):
            if j + width <= len(toks) and " ".join(t.key for t in toks[j : j + width]) in _COUNT_UNIT[lang]:
                j += width
                break
        else:
            return None
    else:
        counted = _count(toks, j, lang)
        if counted is None:
            return None
        n, j = counted
    for tail in _OF_WEEK[lang]:
        words = tail.split()
        if [t.key for t in toks[j : j + len(words)]] == words:
            return n, j + len(words)
    return None


def _year(toks: list[_Tok], j: int) -> tuple[int | None, int]:
    if j < len(toks) and toks[j].kind == "num" and len(toks[j].key) == 4:
        return int(toks[j].key), j + 1
    return None, j


def _date(toks: list[_Tok], i: int, lang: str) -> tuple[_Day, int] | None:
    """An explicit date at ``i``: ISO, 27.01.2025, "27. Januar 2025", "January 27, 2025", "27." (day only)."""
    tok, months = toks[i], _MONTHS[lang]
    if tok.kind == "iso":
        y, m, d = (int(x) for x in tok.key.split("-"))
        return _Day(tok.text, ymd=(y, m, d)), i + 1
    if tok.kind == "dmy":
        parts = [p for p in tok.key.split(".") if p]
        year = int(parts[2]) + (2000 if len(parts[2]) == 2 else 0) if len(parts) == 3 else None
        return _Day(tok.text, ymd=(year, int(parts[1]), int(parts[0]))), i + 1
    if tok.kind in ("dday", "ord", "num") and len(re.sub(r"\D", "", tok.key)) <= 2:
        day = int(re.sub(r"\D", "", tok.key))
        k = i + 2 if i + 2 < len(toks) and toks[i + 1].key == "of" else i + 1  # "the 27th of January"
        month = _lookup(toks[k].key, months) if k < len(toks) else None
        if month:
            year, j = _year(toks, k + 1)
            return _Day(" ".join(t.text for t in toks[i:j]), ymd=(year, months[month], day)), j
        if tok.kind != "num":  # "vom 27. bis 28. Januar": the month comes from the other end
            return _Day(tok.text, ymd=(None, None, day)), i + 1
        return None
    month = _lookup(tok.key, months) if tok.kind == "word" else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if month and nxt is not None and nxt.kind in ("num", "ord", "dday") and len(re.sub(r"\D", "", nxt.key)) <= 2:
        year, j = _year(toks, i + 2)
        day = int(re.sub(r"\D", "", nxt.key))
        return _Day(" ".join(t.text for t in toks[i:j]), ymd=(year, months[month], day)), j
    return None


def _segments(words: str, lang: str) -> list[_Seg]:
    """Split the words into known pieces; the first unknown word raises ``UnknownPeriodError``."""
    toks = _tokens(words, lang)
    segs: list[_Seg] = []
    i, modifier = 0, None
    while i < len(toks):
        tok = toks[i]
        got = _date(toks, i, lang)
        if got:
            segs.append(_Seg("day", got[0].text, day=got[0]))
            i = got[1]
            continue
        first = _week_first(toks, i, lang)
        if first:
            segs.append(_Seg("weekfirst", " ".join(t.text for t in toks[i : first[1]]), n=first[0]))
            i = first[1]
            continue
        fixed = _fixed(toks, i, lang)
        # "vergangenen Montag", "in den letzten zwei Tagen", "over the past two sessions"
        follows = i + 1 < len(toks) and (_lookup(toks[i + 1].key, _WEEKDAYS[lang]) or _count(toks, i + 1, lang))
        if fixed and fixed[0] in ("last", "this") and follows:
            modifier, i = fixed[0], i + 1
            continue
        if fixed and fixed[0] not in ("last", "this"):
            kind, value, n = fixed
            if kind == "rel":
                segs.append(_Seg("day", tok.text, day=_Day(" ".join(t.text for t in toks[i : i + n]), offset=value)))
            elif kind != "fill":
                segs.append(_Seg(kind, " ".join(t.text for t in toks[i : i + n]), n=value))
            i += n
            continue
        weekday = _lookup(tok.key, _WEEKDAYS[lang]) if tok.kind == "word" else None
        if weekday:
            day = _Day(tok.text, weekday=_WEEKDAYS[lang][weekday], strict=modifier == "last")
            dated = _date(toks, i + 1, lang) if i + 1 < len(toks) else None
            if dated:  # "Montag, 27. Januar": the date decides, the weekday must agree
                day, i = _Day(f"{tok.text} {dated[0].text}", weekday=day.weekday, ymd=dated[0].ymd), dated[1] - 1
            segs.append(_Seg("day", day.text, day=day))
            modifier, i = None, i + 1
            continue
        counted = _count(toks, i, lang)
        if counted:
            segs.append(_Seg("count", " ".join(t.text for t in toks[i : counted[1]]), n=counted[0]))
            modifier, i = None, counted[1]
            continue
        month = _lookup(tok.key, _MONTHS[lang]) if tok.kind == "word" else None
        if month:
            year, j = _year(toks, i + 1)
            segs.append(_Seg("month", " ".join(t.text for t in toks[i:j]), ym=(year, _MONTHS[lang][month])))
            i = j
            continue
        raise UnknownPeriodError(tok.text, words)
    if not any(s.kind != "conn" for s in segs):
        raise UnknownPeriodError(words.strip(), words)
    return segs


def vocabulary(lang: str) -> dict[str, str]:
    """Every period word or phrase the resolver knows in ``lang``: phrase → its kind ("rel", "ytd",
    "week", "weekstart", "month", "since", "conn", "fill", "last", "this", "weekday", "month name")."""
    fixed = {p: kind for p, (kind, _) in _FIXED[lang].items()}
    return fixed | dict.fromkeys(_WEEKDAYS[lang], "weekday") | dict.fromkeys(_MONTHS[lang], "month name")


# ---- resolution ----------------------------------------------------------------------------------------


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


def _day(ctx: _Ctx, day: _Day, anchor: date | None, later: _Day | None) -> tuple[date, str]:
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


def resolve_period(words: str, published_at: datetime, calendar: str, exchange_tz: str, lang: str) -> PeriodResolution:
    """Resolve period ``words`` (de or en) written at ``published_at`` to sessions of ``calendar``."""
    if lang not in _LOCALE:
        raise ValueError(f"language {lang!r} is not supported; use 'de' or 'en'")
    ctx = _Ctx(words, published_at, calendar, ZoneInfo(exchange_tz))
    segs = _segments(words, lang)
    ref = ctx.ref_session()  # also checks published_at
    days = [s.day for s in segs if s.day is not None]
    counts = [s.n for s in segs if s.kind == "count"]
    kinds = {s.kind for s in segs} - {"conn", "day", "count"}
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


def _named_span(ctx: _Ctx, seg: _Seg, ref: date) -> PeriodResolution:
    """Year to date, a week, the start of a week, or a month: first..last session, capped at ``ref``."""
    base = ctx.writer
    if seg.kind == "ytd":
        start, end, what = date(base.year, 1, 1), ref, f"year to date ({base.year})"
    elif seg.kind == "weekfirst":  # the first n sessions of this week
        start = base - timedelta(days=base.weekday())
        end, what = start + timedelta(days=6), f"the first {seg.n} sessions of the week of {start}"
    elif seg.kind in ("week", "weekstart"):
        start = base - timedelta(days=base.weekday()) + timedelta(weeks=seg.n)
        end, what = start + timedelta(days=6), f"the week of {start}"
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
    return _result(ctx, first, last, f"{what}: the {ctx.calendar} sessions that had closed")


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
