"""Which week a week word means when the sentence named a day before it: "gained 14% that week" after "on
Tuesday, Jan. 21" is that day's week, not the week of publication (``week_of_day``)."""

from __future__ import annotations

from marketfact.claims.extract.day import periodclauses
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.since import sinceclose
from marketfact.claims.numbers import Quantity
from marketfact.claims.periodwords import PeriodError, segments

_THIS_WEEK = {
    "en": frozenset({"this", "date", "week-to-date"}),
    "de": frozenset({"diese", "dieser", "diesen", "laufenden"}),
}
"""Words that make a week the week of publication whatever day the story told before ("this week", "week to date",
"in dieser Woche")."""
_LAST_WEEK = frozenset({"last", "previous", "past", "vergangene", "vergangenen", "letzte", "letzten", "vorigen"})


def week_of_day(view: SentenceView, q: Quantity, period: PeriodSpan) -> PeriodSpan | None:
    """ "Oracle soared 7.2% on Tuesday, Jan. 21, and gained 14% that week", "tumbled 7.3% on Wednesday, Feb. 5, …
    and finished the week down 9.2%": a week said with no "this" and no day of its own is the week of the day the
    sentence named before it (not a look back or a close a move is measured from), not the week of publication.
    That day, or None. Only the sentence's: a day of an earlier sentence is too often a look back ("… below the
    $147.22 at which it closed on Jan. 23. But the S&P 500 finished the week at 6,114.63")."""
    lows = [w.strip(".,").lower() for w in period.words.split()]
    if period.single_day or not any(w in ("week", "woche", "week's") for w in lows):
        return None
    try:  # "in the week to Feb. 7" names its own day
        if any(s.kind in ("day", "count") for s in segments(period.words, view.lang)):
            return None
    except PeriodError:
        return None
    if any(w in _THIS_WEEK[view.lang] or w in _LAST_WEEK for w in lows):
        return None
    here = [p for p in view.periods if p.single_day and p.end <= q.span[0] and p.end <= period.start]
    here = [p for p in here if not periodclauses.period_tells_earlier(view, p)]  # "since its Jan. 24 close"
    here = [p for p in here if not sinceclose.is_reference_close(view, p)]  # "3% above where it ended on Jan. 24"
    return max(here, key=lambda p: p.start) if here else None
