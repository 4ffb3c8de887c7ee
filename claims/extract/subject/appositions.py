"""An apposition that describes the name before it: "Power producers, darlings of the AI trade until last month,
lagged", "ASML, Europe's most valuable tech company in January, edged up 0.4%". Enclosed by two commas or two dashes
right after the sentence's first clause or a clause that ends in a name, which hold no number, period or move word,
it says no move, holds no number and opens with no preposition or word of time: the day it names is part of the
description, never the day of a move told in another clause. Used by ``claims.extract.day.periodclauses.shared_day``.
Both languages; a German apposition opening with its day ("im Januar noch Liebling der Anleger") is not covered."""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.reading import SentenceView

MARKS = (frozenset({","}), frozenset({"–", "—", "-"}))
"""The marks that open and close an apposition: a pair of commas or a pair of dashes."""

TIME_OPENERS = {
    "en": frozenset({"when", "where", "while", "as", "after", "before", "since", "until", "once"}),
    "de": frozenset({"wenn", "als", "wo", "während", "nachdem", "bevor", "seit", "seitdem", "bis", "sobald"}),
}
"""Words that open a clause of time, not a description (", when trading resumed on Monday,")."""

MIN_WORDS = 2
"""Words besides the day that make an enclosed clause a description (", on Monday," is only a day's label)."""


def enclosed(view: SentenceView, pos: int) -> tuple[int, int] | None:
    """The bounds of ``pos``'s clause when two commas or two dashes enclose it after the sentence's first clause
    (an apposition here, an insertion in ``periodclauses.in_insertion``), else None."""
    c0, c1 = view.clause(pos)
    if c0 <= max(view.sentence.start, view.body_start) or c1 >= view.sentence.end:
        return None
    marks = {t.start: t.text for t in view.toks if t.start in (c0 - 1, c1)}
    if not any(marks.get(c0 - 1) in m and marks.get(c1) in m for m in MARKS):
        return None
    return c0, c1


def describes_name(view: SentenceView, pos: int) -> bool:
    """Whether ``pos`` (a period's start) lies in an apposition to the name before it (see the module)."""
    if (bounds := enclosed(view, pos)) is None:
        return False
    c0, c1 = bounds
    start = max(view.sentence.start, view.body_start)
    if any(c0 <= o.span[0] < c1 for o in view.quantities) or any(c0 <= w.start < c1 for w in view.directions):
        return False
    first = next((t for t in view.toks if t.start >= c0 and t.kind == "word"), None)
    if first is None or first.low in TIME_OPENERS[view.lang] or first.low in rules.PREPOSITIONS[view.lang]:
        return False  # ", when trading resumed on Monday,", ", on Monday,": the clause tells a time
    h0, h1 = view.clause(c0 - 1)
    before = [s for s in view.subjects if h0 <= s.start < h1]
    last = max((t.end for t in view.words_between(h0, h1)), default=0)
    if h0 > start and (not before or max(s.end for s in before) < last):
        return False  # a name ends the clause before ("while ASML,"), or that clause opens the sentence
    if any(h0 <= p.start < h1 for p in view.periods) or any(h0 <= w.start < h1 for w in view.directions):
        return False
    if any(h0 <= o.span[0] < h1 for o in view.quantities):
        return False
    spans = [p for p in view.periods if c0 <= p.start < c1]
    words = [
        t for t in view.words_between(c0, c1) if t.kind == "word" and not any(p.start <= t.start < p.end for p in spans)
    ]
    return len(words) >= MIN_WORDS
