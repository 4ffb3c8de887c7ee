"""A weekday said again of a day the article named before: "that Monday", "An jenem Montag" (``that_day``),
"The following Monday", "Am Montag darauf" (``weekday_after``), not the latest such weekday before publication."""

from __future__ import annotations

from datetime import date, timedelta

from marketfact.claims.extract import rules
from marketfact.claims.extract.day import eventday
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.decide import Context
from marketfact.claims.extract.reading import SentenceView


def that_day(view: SentenceView, ctx: Context, period: PeriodSpan) -> tuple[PeriodSpan, str] | None:
    """ "the 17% it lost that Monday", "An jenem Montag": a weekday after "that"/"jenem" is the day of that
    weekday the article named before (27 January), not the latest such weekday before publication."""
    before = [t for t in view.toks if t.end <= period.start][-1:]
    event = eventday.event_word(view, period) is not None  # "Feb. 3 became Tariff Monday. On Tariff Monday, …"
    if not before or not (before[0].low in rules.THAT_DAY[view.lang] or event) or not period.single_day:
        return None
    if not period.last:  # a weekday the calendar could not place
        return None
    weekday = date.fromisoformat(period.last).weekday()
    told = [*ctx.days, *(p for p in view.periods if p.single_day and p.end <= period.start)]  # "des 27. Januar, …: an
    # jenem Montag": one named earlier in the sentence too
    named = [p for p in told if p.last and p.last < period.last and date.fromisoformat(p.last).weekday() == weekday]
    return (named[-1], before[0].text) if named else None


_FOLLOWING = {"de": frozenset({"darauffolgenden", "folgenden"}), "en": frozenset({"following"})}
_THEREAFTER = {"de": frozenset({"darauf", "danach"}), "en": frozenset()}


def weekday_after(view: SentenceView, ctx: Context, period: PeriodSpan) -> tuple[PeriodSpan, str] | None:
    """ "Am Montag darauf", "am darauffolgenden Montag", "The following Monday": the first such weekday after the
    day named before (after "24. Januar": 27 January), not the latest such weekday before publication."""
    if not period.single_day or not period.last or any(c.isdigit() for c in period.words):
        return None
    after = [t for t in view.toks if t.start >= period.end][:1]
    before = [t for t in view.toks if t.end <= period.start][-1:]
    if after and after[0].low in _THEREAFTER[view.lang]:
        phrase = f"{period.words} {after[0].text}"
    elif before and before[0].low in _FOLLOWING[view.lang] and not _possessive(view, period):
        phrase = f"{before[0].text} {period.words}"
    else:
        return None
    named = [p for p in [*ctx.days, *view.periods] if p.single_day and p.last and p.end <= period.start]
    if not named:
        return None
    base = date.fromisoformat(named[-1].last)
    day = base + timedelta(days=(date.fromisoformat(period.last).weekday() - base.weekday() - 1) % 7 + 1)
    note = f"{phrase!r}: the first such weekday after the day named before, {named[-1].words!r}"
    return PeriodSpan(period.start, period.end, day.isoformat(), day.isoformat(), True), note


def _possessive(view: SentenceView, period: PeriodSpan) -> bool:
    """ "following Monday's slide": a day that owns the event a move follows (``afterevent``), not "the following
    Monday"."""
    return any(t.start < period.end <= t.end and t.low.endswith(("'s", "’s")) for t in view.toks)


_APPOSITION = {"de": frozenset({"dem", "den"}), "en": frozenset()}


def apposition_date(view: SentenceView, period: PeriodSpan) -> tuple[PeriodSpan, str] | None:
    """ "Am Mittwoch nach dem Ausverkauf, dem 29. Januar, legte ASML … zu": a weekday said with words of its own (no
    number among them) and then, between commas, "dem"/"den" and a date of that weekday is that date, not the latest
    such weekday."""
    if not period.single_day or not period.last or any(c.isdigit() for c in period.words):
        return None
    weekday = date.fromisoformat(period.last).weekday()
    for p in view.periods:
        if p.start <= period.end or not p.single_day or not p.last or date.fromisoformat(p.last).weekday() != weekday:
            continue
        toks = [t for t in view.toks if period.end <= t.start < p.end]
        k = next((i for i, t in enumerate(toks) if t.text[:1].isdigit()), 0)
        if (
            2 <= k <= 8
            and toks[k - 1].low in _APPOSITION[view.lang]
            and toks[k - 2].text == ","
            and not any(period.end <= o.span[0] < p.start for o in view.quantities)
        ):
            return p, f"{p.words!r}, said after {period.words!r}: its date"
        return None
    return None


def said_anew(view: SentenceView, ctx: Context, period: PeriodSpan) -> tuple[PeriodSpan, str] | None:
    """A weekday said with words that make it a day other than the latest such one (``weekday_after``,
    ``apposition_date``), or one named by an event the article does not date (``eventday.undated``): (day, note)."""
    return weekday_after(view, ctx, period) or apposition_date(view, period) or eventday.undated(view, ctx, period)
