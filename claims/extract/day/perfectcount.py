"""A count of sessions told in the present perfect after a day named for another verb: "jumped 2.2% on Wednesday
and has gained 3.9% over the past three sessions", "Constellation Energy, up 2.4% on Wednesday, has risen 1.1% in the
past four sessions". The auxiliary "has"/"have" between the day and the number opens a predicate of its own whose time
is now: the count runs back from the last session at publication, not from the day named ("rose 2.2% on Wednesday
and gained 4.4% over two sessions" still ends on Wednesday). English only. Used by ``day.periodof.story_day``, and
by ``day.whenof`` for the note that the sentence names several periods."""

from __future__ import annotations

from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.sentenceview import SentenceView
from marketfact.claims.numbers import Quantity

PERFECT = {"en": frozenset({"has", "have"})}
"""Auxiliaries of the present perfect."""


def runs_to_now(view: SentenceView, q: Quantity, day: PeriodSpan) -> bool:
    """Whether a present-perfect auxiliary stands between ``day`` (named before ``q``) and ``q``, with no other number
    between it and q: the day is another predicate's, and q's count runs up to now."""
    aux = [t for t in view.words_between(day.end, q.span[0]) if t.low in PERFECT.get(view.lang, ())]
    if not aux:
        return False
    return not any(aux[-1].end <= o.span[0] < q.span[0] for o in view.quantities if o is not q)


def after_day(view: SentenceView, q: Quantity) -> bool:
    """Whether some single day named before ``q`` in its sentence is another predicate's (``runs_to_now``)."""
    return any(p.single_day and p.end <= q.span[0] and runs_to_now(view, q, p) for p in view.periods)
