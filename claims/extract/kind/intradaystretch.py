"""Which words of a clause tell whether a level is the day's extreme: those of the level's own conjunct. "Die Aktien
fielen um 3,3 Prozent auf 185,34 Dollar und hatten zeitweise 4,4 Prozent verloren": "zeitweise" is the later move's,
and 185,34 Dollar stays the close; "zeitweise bis auf 62,38 Euro", "touched $188.03" keep theirs. A conjunct ends at
a joining word ("und", "and", "while", "after", "nachdem" …) between the level and another number of the clause."""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.sentenceview import SentenceView
from marketfact.claims.numbers import Quantity

JOINING = {
    "de": rules.word_set("und sowie aber doch jedoch während nachdem bevor ehe"),
    "en": rules.word_set("and but while whereas after before"),
}


def conjunct_lows(view: SentenceView, q: Quantity) -> list[str]:
    """The lower-cased words of q's conjunct in its comma-clause: from the clause start, or the last joining word
    after another number before q, to the first joining word after q that another number of the clause follows."""
    c0, c1 = view.clause(q.span[0])
    others = [o for o in view.quantities if c0 <= o.span[0] < c1 and o is not q]
    toks = view.words_between(c0, c1)
    joins = [t for t in toks if t.low in JOINING[view.lang]]
    start, end = c0, c1
    before = [o.span[1] for o in others if o.span[1] <= q.span[0]]
    if before:
        cut = [t.start for t in joins if max(before) <= t.start < q.span[0]]
        start = cut[-1] if cut else start
    after = [o.span[0] for o in others if o.span[0] >= q.span[1]]
    if after:
        cut = [t.start for t in joins if q.span[1] <= t.start < min(after)]
        end = cut[0] if cut else end
    return [t.low for t in toks if start <= t.start < end]
