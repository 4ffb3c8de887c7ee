"""A close named with its level between the lead and its day: "about 11% below its record close of $347.44 on Jan. 24",
"12 Prozent unter dem Schlusskurs von 270,65 Euro vom 24. Januar". The level is the close's own ("of $347.44"), not a
number of its own that ends the move's words, so the day after it is still the close the move is measured from (before,
the level cut the lead off and the day was read as the move's own). Used by ``claims.extract.since.sinceclose``."""

from __future__ import annotations

from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.numbers import Quantity

_OF = frozenset({"of", "von"})
_CLOSE_NOUNS = frozenset({"close", "schlusskurs", "schlusskurses", "schlussstand", "schlussstands"})


def is_level_of_close(view: SentenceView, o: Quantity) -> bool:
    """Whether ``o`` is a price or level right after a noun of the close and "of"/"von" ("close of $347.44"), or set
    off by commas right after a close named with its day ("Seit dem Schlusskurs vom Freitag, 174,46 Dollar, …")."""
    if o.kind not in ("money", "index_points", "number"):
        return False
    before = [t.low for t in view.toks if t.end <= o.span[0]][-2:]
    return (len(before) == 2 and before[1] in _OF and before[0] in _CLOSE_NOUNS) or apposed_day(view, o) is not None


def apposed_day(view: SentenceView, o: Quantity) -> PeriodSpan | None:
    """The day of a close named right before level ``o``, which stands alone in its clause set off by a comma ("Seit
    dem Schlusskurs vom Freitag, 174,46 Dollar, hat …", "Gegenüber dem Schlusskurs vom 7. Februar, 38.787 Punkte, …"):
    the level is that day's close. None for any other number."""
    c0, c1 = view.clause(o.span[0])
    if o.kind == "number" or c0 - 1 not in view.breaks or c0 <= view.sentence.start:
        return None
    if any(t.kind != "punct" for t in view.words_between(c0, o.span[0]) + view.words_between(o.span[1], c1)):
        return None
    p0, _ = view.clause(c0 - 1)
    days = [p for p in view.periods if p.single_day and p0 <= p.start and p.end <= c0]
    if not days or any(t.kind != "punct" for t in view.words_between(days[-1].end, c0)):
        return None
    nouns = [t for t in view.words_between(p0, days[-1].start) if t.low in _CLOSE_NOUNS]
    return days[-1] if nouns else None


def day_after_own_level(view: SentenceView, q: Quantity, period: PeriodSpan) -> bool:
    """Whether the close named after level ``q`` ("ended at 39,461.47, up 1.28 pct, from Wednesday") may be the close
    a move is measured from, leaving q the close of the story's day: not when q is that close's own level ("its record
    close of $347.44 on Jan. 24": the level of Jan. 24)."""
    return period.start > q.span[1] and not is_level_of_close(view, q)


def fronted_level_close(view: SentenceView, q: Quantity) -> PeriodSpan | None:
    """ "Gegenüber dem Schlusskurs von 9.681 Yen an jenem Montag liegt sie 1,8 Prozent tiefer": the day of a close named
    before ``q`` with its own level between its noun and the day (at most three words between level and day), and no
    other number between that day and q; the caller checks that it is named as a close measured from. None for any
    other number."""
    for o in reversed([o for o in view.quantities if o.span[1] <= q.span[0] and is_level_of_close(view, o)]):
        days = [p for p in view.periods if p.single_day and o.span[1] <= p.start < q.span[0]]
        if not days or len(view.words_between(o.span[1], days[0].start)) > 3:
            continue
        if any(days[0].end <= x.span[0] < q.span[0] for x in view.quantities):
            return None
        return days[0]
    return None
