"""A parenthesis that is a clause of its own: "+0.04% at 38,801.17 (Tokyo is shut today for a holiday)". It holds no
number and more words than its day, so the day it names is its own news, not the day of the figure before it
("(on Monday)", "(also on Friday)" and "(down 17.4% that day)" are not such)."""

from __future__ import annotations

from marketfact.claims.extract.reading import SentenceView

MIN_WORDS = 3
"""Words besides the day that make a parenthesis a clause ("Tokyo was shut … for a holiday"), not a day's label."""


def in_clause_parenthesis(view: SentenceView, pos: int) -> bool:
    """Whether ``pos`` lies inside a parenthesis that holds no number and at least ``MIN_WORDS`` words outside the
    periods it names."""
    opens = [t for t in view.toks if t.text == "(" and t.start < pos]
    if not opens:
        return False
    start = opens[-1].end
    end = next((t.start for t in view.toks if t.text == ")" and t.start >= start), None)
    if end is None or end < pos or any(start <= q.span[0] < end for q in view.quantities):
        return False
    spans = [p for p in view.periods if start <= p.start < end]
    words = [
        t
        for t in view.words_between(start, end)
        if t.kind == "word" and not any(p.start <= t.start < p.end for p in spans)
    ]
    return len(words) >= MIN_WORDS
