"""A record said by the bare noun after a level ("schloss bei 22.037,83 Punkten - ein Rekord", "das ist ein neuer
Rekord", "finished at 22,037.83, a new record"): the level is the highest close, as "Rekordhoch" says. Only the
noun alone after an article, ending its clause, and only after a level (points, a price or a bare number) in the
same sentence (not "ein Rekord beim Umsatz", not "a record 21,732", which ``records`` reads)."""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.kind.recordwords import RecordPhrase
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.sentences import Token

_NOUNS = rules.word_set("rekord record")
_LEADS = rules.word_set("ein einen neuer neuen a new")


def level_records(view: SentenceView) -> list[RecordPhrase]:
    """The record phrases of the sentence's bare record nouns after a level ("Schlussrekord" is ``records``')."""
    found = (level_record(view, view.toks, i) for i in range(len(view.toks)))
    return [r for r in found if r is not None]


def level_record(view: SentenceView, toks: list[Token], i: int) -> RecordPhrase | None:
    """The record phrase the noun at ``i`` makes of the level before it, or None."""
    t = toks[i]
    if t.low not in _NOUNS or i == 0 or toks[i - 1].low not in _LEADS:
        return None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.kind != "punct":
        return None
    level = any(
        q.span[1] <= t.start and q.kind in ("points", "index_points", "money", "number") and q.scale == "one"
        for q in view.quantities
    )
    if not level:
        return None
    first = toks[i - 1]
    return RecordPhrase("highest_close", first.start, t.end, f"{first.text} {t.text}", None)
