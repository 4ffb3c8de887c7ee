"""Which relative clauses take the day of the sentence's main move (a relative clause takes none otherwise): one after
"as did <name>" (``day.asdid``), and one right after an index's name that tells the index's move or close in the simple
past ("Oracle stieg am Donnerstag und profitierte vom Schwung an der Nasdaq, die 1,5 Prozent höher schloss", "…, half
the S&P 500, which closed 0.7% higher"): in a market report the index closed on the session of the company's move.
Not in the perfect or pluperfect ("die seit Jahresbeginn 5 Prozent gewonnen hat", "which had lost 2% on Friday"): a
look back of its own. Used by ``day.periodclauses.main_day``."""

from __future__ import annotations

from marketfact.claims.extract.day import asdid
from marketfact.claims.extract.sentenceview import SentenceView

_PERFECT = {
    "de": frozenset({"hat", "haben", "hatte", "hatten", "war", "waren", "ist", "sind", "seit", "seither", "zuvor"}),
    "en": frozenset({"has", "have", "had", "since", "earlier", "before"}),
}
"""Words of a relative clause that tell a time of its own: the perfect, the pluperfect, a span since a day."""


def takes_day(view: SentenceView, c0: int) -> bool:
    """Whether the relative clause at ``c0`` takes the day of the sentence's main move: after "as did <name>", or
    right after an index's name and told in the simple past (``index_move``)."""
    return asdid.after_as_did(view, c0) or index_move(view, c0)


def index_move(view: SentenceView, c0: int) -> bool:
    """Whether the relative clause at ``c0`` follows an index's name right before its comma (", an der Nasdaq, die …",
    "the Nasdaq, which …") and has no word of a time of its own (``_PERFECT``)."""
    before = [t for t in view.toks if t.end <= c0 and t.kind != "punct"]
    if not before:
        return False
    last = before[-1]
    index = any(m.end == last.end and m.entry is not None and m.entry.symbol.startswith("^") for m in view.mentions)
    _, c1 = view.clause(c0)
    own = any(t.low in _PERFECT.get(view.lang, ()) for t in view.words_between(c0, c1))
    return index and not own
