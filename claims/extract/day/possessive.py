"""A day said as a possessive right before a number ("Wednesday's 7.3% plunge", "Tuesday's 0.6% dip", "Wednesday's
nearly 3% drop") is the day of that number's move alone: no other number of its clause shares it ("adding to
Wednesday's 1.1% loss as they sank as low as $199.23" tells the low of the story's day; "Tuesday's 0.6% dip and
Wednesday's 1.25% slide gave way to a 3.2% jump": the jump is not Tuesday's). A possessive that owns a noun with no
number ("Monday's session saw Nvidia fall 17%", "on Monday's news") keeps its day for the clause, as before.
Used by ``claims.extract.day.periodof``."""

from __future__ import annotations

from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.numbers import Quantity

_BETWEEN = 2
"""Words at most between the possessive and its number: hedges and adjectives ("Wednesday's nearly 3% drop",
"Friday's steep 4% slide")."""


def of_other(view: SentenceView, p: PeriodSpan, q: Quantity) -> bool:
    """Whether period ``p`` is an English possessive day ("Wednesday's") whose number, the one right after it in its
    clause, is another than ``q``."""
    if view.lang != "en":
        return False
    day = next((t for t in view.toks if t.start < p.end <= t.end), None)
    if day is None or day.end <= p.end or not day.low.endswith(("'s", "’s")):
        return False
    _, c1 = view.clause(p.start)
    after = [o for o in view.quantities if day.end <= o.span[0] < c1]
    if not after:
        return False
    first = min(after, key=lambda o: o.span[0])
    between = [t for t in view.words_between(day.end, first.span[0]) if t.kind == "word"]
    return len(between) <= _BETWEEN and first is not q
