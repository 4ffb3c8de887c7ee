"""Which number of a clause a day named in it belongs to: the nearest one, except that a day standing right after
"und"/"and" that follows a number opens the next number's part of the clause ("gewann am Dienstag 0,6 Prozent und am
Mittwoch nochmals 0,5 Prozent", "am Dienstag um 1,2 Prozent und am Mittwoch um weitere 0,4 Prozent"): a word between
it and its own number ("nochmals", "um weitere") may put it nearer the number before, which it does not belong to;
the particle of the verb may stand before "und" ("gab … 1 Prozent nach und am Mittwoch noch einmal 2,8 Prozent").
Used by ``periodof``."""

from __future__ import annotations

from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.direction import directionwords
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.rules import word_set
from marketfact.claims.numbers import Quantity

_AND = {"de": word_set("und sowie"), "en": word_set("and")}
_PARTICLES = {"de": frozenset(w for _, particles in directionwords.PARTICLE_VERBS["de"].values() for w in particles)}


def owner(view: SentenceView, p: PeriodSpan, numbers: list[Quantity]) -> Quantity:
    """The number of ``numbers`` (those of p's clause) that the day ``p`` belongs to."""
    nearest = min(numbers, key=lambda o: _gap(p, o.span))
    before = [o for o in numbers if o.span[1] <= p.start]
    after = [o for o in numbers if o.span[0] >= p.end]
    if not before or not after or nearest not in before:
        return nearest
    last = max(before, key=lambda o: o.span[0])
    lead = [t.low for t in view.words_between(last.span[1], p.start) if t.kind != "punct" or t.text != ","]
    # "gab am Dienstag knapp 1 Prozent nach und am Mittwoch noch einmal 2,8 Prozent": the verb's particle may close
    # the first part
    lead = lead[1:] if len(lead) == 2 and lead[0] in _PARTICLES.get(view.lang, frozenset()) else lead
    if lead not in ([w] for w in _AND[view.lang]):
        return nearest
    return min(after, key=lambda o: o.span[0])


def _gap(p: PeriodSpan, span: tuple[int, int]) -> int:
    """Characters between a period phrase and a number (0 when they touch)."""
    return max(span[0] - p.end, p.start - span[1], 0)
