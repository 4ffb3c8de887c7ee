"""A sentence with no number that opens with a listed name ("Constellation Energy had a better day still.", "Oracle was
the laggard on Wednesday."): the name is whom "it" in the paragraph refers to next (``opening_name``, used by
``claims.extract.story``), and when its verb is a copula the one day it names is the day of the claims after it that
name none ("Oracle was the laggard on Wednesday. It dropped 2.8%": Wednesday's drop; ``says_its_day``)."""

from __future__ import annotations

from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.entities import Mention
from marketfact.claims.extract.reading import SentenceView

_COPULA = {"en": frozenset({"was", "were"}), "de": frozenset({"war", "waren"})}


def opening_name(view: SentenceView) -> Mention | None:
    """The listed name a sentence with no number opens with (an article aside), if any."""
    if view.quantities or not view.mentions:
        return None
    first = min(view.mentions, key=lambda m: m.start)
    lead = [t.low for t in view.toks if max(view.sentence.start, view.body_start) <= t.start < first.start]
    if lead not in ([], ["the"]) or first.modifier or first.entry is None or first.lookup.status != "resolved":
        return None
    return first


def says_its_day(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether the sentence opens with a listed name and a copula and names ``p``, one day, as the day of that name
    ("Oracle was the laggard on Wednesday."): the claims after it that name no day tell of it."""
    first = opening_name(view)
    if first is None or not p.single_day or view.sentence.text.rstrip().endswith("?"):
        return False
    after = [t.low for t in view.toks if t.start >= first.end][:1]
    return after != [] and after[0] in _COPULA[view.lang] and [x for x in view.periods if x.single_day] == [p]
