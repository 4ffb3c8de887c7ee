"""Futures on an index are not the index: "S&P 500 futures fell 0.9% on the report", "Der Dax-Future gab 0,5 Prozent
nach". Before the open a live blog or a morning note tells the futures' move; the index's own session is another
claim, so a number in a clause whose only name is an index followed by "futures" is said as no claim (``drafting``).
"""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.sentenceview import SentenceView
from marketfact.claims.numbers import Quantity

FUTURES = rules.word_set("futures future")


def futures_named(view: SentenceView, q: Quantity) -> str | None:
    """The words "<index> futures" when the index is the only name in q's clause; None otherwise."""
    c0, c1 = view.clause(q.span[0])
    names = [m for m in view.mentions if c0 <= m.start < c1 and m.entry is not None]
    if len(names) != 1 or names[0].entry is None or names[0].entry.kind != "index":
        return None
    m = names[0]
    glued = next((t for t in view.toks if t.start == m.start and t.end > m.end), None)  # "Dax-Future": one token
    if glued is not None:
        tail = glued.low[m.end - m.start :].lstrip("-")
        return glued.text if tail in FUTURES else None
    after = [t for t in view.toks if t.start >= m.end][:1]
    if not after or after[0].low not in FUTURES or after[0].start - m.end > 2:
        return None
    return f"{m.text} {after[0].text}"
