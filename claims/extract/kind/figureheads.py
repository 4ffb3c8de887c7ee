"""A figure that heads its own line: "28.3% – Vistra's drop on Monday", "5,994.57 — where the S&P 500 ended on Monday",
"About $3.15 trillion — Nvidia's market value at Thursday's close" (the "in N numbers" list). The words after its dash
say what the figure is, as the words before a number do in prose: the dash opens no clause of its own, and a price,
a level or an amount is a close when those words name a close, a market value when they name one. Both languages (a
list's layout is no matter of language; the close words are English and German).
"""

from __future__ import annotations

from collections.abc import Callable

from marketfact.claims.extract import rules
from marketfact.claims.extract.sentenceview import SentenceView, Word
from marketfact.claims.numbers import Quantity

DASHES = frozenset({"–", "—", "-"})
"""The dash between a heading figure and the words that say what it is."""

CLOSE_WORDS = rules.word_set(
    "close closes closed closing ended ends finished finishes settled settles "
    "schluss schlusskurs schlussstand schloss schlossen beendete beendeten"
)
"""Words after the dash that make a heading price or level a close ("Tokyo Electron's close on Friday", "where the
Nasdaq Composite closed")."""


def heading_figure(
    view: SentenceView, masked: str, hedges: Callable[[SentenceView, Quantity], list[Word]]
) -> tuple[int, int] | None:
    """(start of the figure, offset of its dash) when the sentence opens its line with a figure (its hedge words
    aside: "More than 27% –") right before a dash; else None."""
    if not view.quantities:
        return None
    q = view.quantities[0]
    line = masked.rfind("\n", 0, view.sentence.start) + 1
    if masked[line : view.sentence.start].strip():
        return None  # the sentence does not open its line
    hedged = hedges(view, q)
    lead = hedged[0].start if hedged else q.span[0]
    if any(t.start < lead for t in view.toks):
        return None
    after = [t for t in view.toks if t.start >= q.span[1]]
    if len(after) < 2 or after[0].text not in DASHES or after[1].kind == "punct":
        return None
    return q.span[0], after[0].start


def close_word(view: SentenceView, q: Quantity) -> str | None:
    """The word after a heading figure's dash, in its clause, that names a close; None when there is none."""
    _, c1 = view.clause(q.span[0])
    return next((t.text for t in view.words_between(q.span[1], c1) if t.low in CLOSE_WORDS), None)
