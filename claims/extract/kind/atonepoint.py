"""A level a move reached "at one point" and the percent set after it: "climbed to 39,581.47 at one point in the
afternoon, a gain of 1.6%", "At one point in the morning the shares fell to 9,345 yen, down 5.2%". The level is the
day's high or low in the direction of the verb right before its "to" (``moved_to``; before, such a level was no claim:
"no rise or fall is stated"), and a percent in an apposition right after it, a clause of no verb of its own opened by
an article or "up"/"down" (", a gain of 1.6%", ", down 5.2%"), is the same extreme in percent: the intraday words of
the level's clause are its too (``shares_extreme``). In German the level reached "bis auf" with an intraday word and
an apposition opened by an article or "plus"/"minus" ("zwischenzeitlich bis auf 748,68 Dollar, ein Abschlag von 3,6
Prozent", "in der Spitze bis auf 60,54 Euro, ein Plus von 5,7 Prozent") read alike (German levels were read before).
Used by ``claims.extract.drafting`` and ``claims.extract.decide.hedge_of``."""

from __future__ import annotations

from marketfact.claims.extract.reading import SentenceView, Word
from marketfact.claims.numbers import Quantity

_TO = frozenset({"to", "back"})
"""Words between a move verb and the level it reached ("fell to", "fell back to")."""
_APPOSITION = {
    "en": frozenset({"a", "an", "up", "down", "off"}),
    "de": frozenset({"ein", "eine", "einem", "einen", "plus", "minus"}),
}
"""The first word of an apposition that restates a move (", a gain of 1.6%", ", down 5.2%")."""
_LEVEL_KINDS = frozenset({"money", "index_points", "number"})


def moved_to(view: SentenceView, q: Quantity) -> Word | None:
    """The move verb right before "to" and level ``q`` in q's clause ("fell to 9,345 yen", "climbed to 39,581.47")."""
    if view.lang != "en":
        return None
    c0, _ = view.clause(q.span[0])
    before = [w for w in view.directions if c0 <= w.end <= q.span[0]]
    if not before:
        return None
    w = max(before, key=lambda w: w.start)
    between = [t.low for t in view.words_between(w.end, q.span[0]) if t.kind == "word"]
    return w if between and between[-1] == "to" and set(between) <= _TO else None


def shares_extreme(view: SentenceView, q: Quantity, w: Word) -> bool:
    """Whether basis word ``w`` (an intraday word of the clause before q's) is said of ``q`` too: q, a percent, stands
    alone in an apposition opened by an article or "up"/"down" right after that clause, whose nearest number to ``w``
    is a level a move reached (``moved_to``)."""
    if q.kind != "percent":
        return False
    c0, c1 = view.clause(q.span[0])
    if any(c0 <= o.span[0] < c1 for o in view.quantities if o is not q) or c0 <= view.sentence.start:
        return False
    first = next((t for t in view.toks if t.start >= c0), None)
    if first is None or first.low not in _APPOSITION[view.lang]:
        return False
    h0, h1 = view.clause(c0 - 1)
    if not (h0 <= w.start < h1) or h1 != c0 - 1:
        return False
    levels = [o for o in view.quantities if h0 <= o.span[0] < h1]
    if not levels:
        return False
    level = min(levels, key=lambda o: max(o.span[0] - w.end, w.start - o.span[1], 0))
    return level.kind in _LEVEL_KINDS and (moved_to(view, level) is not None or _bis_auf(view, level))


def _bis_auf(view: SentenceView, level: Quantity) -> bool:
    """Whether a German level was reached "bis auf" ("zeitweise bis auf 38.401,82 Punkte gefallen")."""
    before = [t.low for t in view.toks if t.end <= level.span[0]][-2:]
    return view.lang == "de" and before == ["bis", "auf"]
