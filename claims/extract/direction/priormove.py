"""An earlier move told in a "nach" phrase between a German verb and its number ("Schneider Electric gab nach 9,5
Prozent am Montag gestern noch einmal 7,5 Prozent ab", "Oracle verlor nach einem Plus von 2,6 Prozent am Montag
gestern knapp 1 Prozent"): the phrase is a move of its own, and the clause's verb is the move of the number after
it, not a direction to carry over from the phrase. Used by ``claims.extract.decide.direction_of``.
"""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.reading import SentenceView, Word
from marketfact.claims.extract.sentences import Token
from marketfact.claims.numbers import Quantity

PRIOR = {"de": frozenset({"nach"})}
"""The preposition that opens the phrase of an earlier move."""
_PHRASE = rules.word_set("einem einer dem von mehr als")
"""Words of the phrase besides its number, hedges and nouns of a move ("nach einem Plus von gut 2 Prozent")."""
_AGAIN = rules.word_set("einmal abermals erneut wieder")
"""Words between the phrase and the next number that say "more of the same" ("gestern noch einmal 7,5 Prozent")."""
NOTE = "the verb {verb!r} is this number's: {phrase!r} before it tells an earlier move"


def _of_a_move(low: str) -> bool:
    """A noun of a move: "Plus", "Minus", "Kursplus", "Tagesverlust" (``rules.DIRECTION_NOUNS`` and compounds)."""
    return low in rules.DIRECTION_NOUNS or low.endswith(("plus", "minus", "verlust", "gewinn"))


def phrase_before(view: SentenceView, q: Quantity) -> tuple[Token, Quantity] | None:
    """("nach", the phrase's number) when the number before ``q`` in its clause stands in a "nach" phrase."""
    c0, _ = view.clause(q.span[0])
    before = [o for o in view.quantities if c0 <= o.span[0] and o.span[1] <= q.span[0]]
    return _opened(view, before[-1]) if before else None


def own_noun(view: SentenceView, q: Quantity, words: list[Word]) -> Word | None:
    """The noun of a move in the "nach" phrase ``q`` stands in ("nach einem Plus von 2,6 Prozent"), among the
    direction ``words`` near ``q``: the phrase's move, not the clause's verb before it."""
    found = _opened(view, q)
    return next((w for w in words if found and found[0].end <= w.start < q.span[0]), None)


def _opened(view: SentenceView, p: Quantity) -> tuple[Token, Quantity] | None:
    """("nach", p) when number ``p`` stands in a "nach" phrase with only articles, hedges and a noun of a move
    between "nach" and it, and a verb of a move before "nach" in its clause."""
    if view.lang not in PRIOR:
        return None
    c0, _ = view.clause(p.span[0])
    toks = view.words_between(c0, p.span[0])
    at = max((k for k, t in enumerate(toks) if t.low in PRIOR[view.lang]), default=None)
    if at is None:
        return None
    inner = toks[at + 1 :]
    if any(not (t.low in _PHRASE or t.low in rules.GAP_WORDS["de"] or _of_a_move(t.low)) for t in inner):
        return None
    if not any(c0 <= w.start < toks[at].start for w in view.directions):
        return None
    return toks[at], p


def verb_past_phrase(view: SentenceView, q: Quantity, loose: list[Token]) -> tuple[str, str, float, str] | None:
    """(direction, verb, penalty, note) of the clause's verb for ``q`` when a "nach" phrase of an earlier move stands
    between the verb and ``q`` and ``loose`` (q's words after the phrase's number that are no period, name, hedge or
    glue) holds only the verb's particle ("gab … ab") and words of "more of the same" ("noch einmal")."""
    found = phrase_before(view, q)
    if found is None:
        return None
    nach, p = found
    c0, _ = view.clause(q.span[0])
    verbs: list[Word] = [w for w in view.directions if c0 <= w.start < nach.start]
    if not verbs:
        return None
    verb = verbs[-1]
    particle = verb.text.split(" … ")[-1].lower() if " … " in verb.text else None
    if any(t.low not in _AGAIN and t.low != particle for t in loose):
        return None
    phrase = " ".join([t.text for t in view.words_between(nach.start, p.span[0])] + [p.text])
    return verb.value, verb.text, 0.0, NOTE.format(verb=verb.text, phrase=phrase)
