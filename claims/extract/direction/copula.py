"""A German clause whose only verb is a copula with "es" or "das" and a number: the move told right before it, said
again. With a word of the day's extreme it is that move at its extreme ("Oracle verloren 2,8 Prozent; zeitweise waren
es mehr als 3,6 Prozent", "in der Spitze waren es sogar 6,6 Prozent"); without one it restates the move in another
unit or over a longer span ("Je Aktie waren das gut 10 Dollar", "Das waren knapp 191 Punkte", "legte um 3,9 Prozent
zu, seit dem Schlusskurs vom 6. Februar sind es 3,2 Prozent"), in its direction, when that move was told in the same
sentence or the one right before it in its paragraph and no word of contrast stands in the clause ("dennoch",
"aber"). Used by ``claims.extract.extract``."""

from __future__ import annotations

import itertools

from marketfact.claims.extract.decide import Draft
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.numbers import Quantity

ES_COPULA = frozenset({"war", "waren", "ist", "sind"})
EXTREME_WORDS = frozenset({"zeitweise", "zwischenzeitlich", "spitze"})
_SUBJECTS = frozenset({"es", "das"})
_SPAN_WORDS = frozenset({"woche", "wochen", "monat", "monaten", "jahr", "jahres", "tage", "tagen", "handelstagen"})
_CONTRAST = frozenset({"aber", "dennoch", "trotzdem", "jedoch", "allerdings", "immerhin", "noch"})
EXTREME_NOTE = (
    "'es' and a copula, no verb of its own: the direction is carried over from the clause before, at its extreme"
)
SAID_AGAIN_NOTE = (
    "'es' or 'das' and a copula, no verb of its own: the direction is carried over from the move told before"
)


def carried(
    view: SentenceView, q: Quantity, previous: Draft | None, told: Draft | None
) -> tuple[str, str, float, str] | None:
    """(direction, words, penalty, note) of ``q`` in such a clause, or None. ``previous``: the number before it in
    the sentence; ``told``: the latest claim of the sentences before."""
    if view.lang != "de":
        return None
    c0, _ = view.clause(q.span[0])
    s0 = max([c0] + [o.span[1] for o in view.quantities if o.span[1] <= q.span[0]])
    lows = [t.low for t in view.words_between(s0, q.span[0])]
    pairs = set(itertools.pairwise(lows))
    if EXTREME_WORDS & set(lows):
        es = any((w, "es") in pairs or ("es", w) in pairs for w in ES_COPULA)
        if not es or previous is None or not previous.direction or previous.view is not view:
            return None
        return previous.direction, "", 0.1, EXTREME_NOTE
    said = any((w, s) in pairs or (s, w) in pairs for w in ES_COPULA for s in _SUBJECTS)
    if not said or _CONTRAST & set(lows) or _unread_span(view, s0, q.span[0]):
        return None
    before = previous if previous is not None and previous.view is view else told
    if before is None or not before.direction or not _right_before(view, before):
        return None
    return before.direction, "", 0.15, SAID_AGAIN_NOTE


def _unread_span(view: SentenceView, start: int, end: int) -> bool:
    """Whether a word of a span stands in the clause outside any period read ("Allein in der abgelaufenen Woche waren es
    3,3 Prozent"): the span of the move is not known, and it is not the move before's."""
    spans = [(p.start, p.end) for p in view.periods]
    words = [t for t in view.words_between(start, end) if t.low in _SPAN_WORDS]
    return any(not any(a <= t.start < b for a, b in spans) for t in words)


def _right_before(view: SentenceView, before: Draft) -> bool:
    """Whether ``before`` was told in this sentence or in the one right before it, in the same paragraph."""
    s = before.view.sentence
    return s.paragraph == view.sentence.paragraph and view.sentence.index - s.index in (0, 1)
