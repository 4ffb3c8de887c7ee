"""A number in a look back that opens an English sentence is about the main clause's subject after it: "After a
4.6% drop on Monday, TSMC's U.S. shares rebounded 2.1%", "In the wake of Monday's 4.6% plunge, TSMC rebounded",
"Following a 3% slide, Oracle …" (not the company named in the sentence before). A name that owns the number
("After Nvidia's 17% drop, …") is read first (``subjects._owner``). German puts the verb before the subject
("Nach dem Kurssturz von 4,6 Prozent erholte sich TSMC"), which the other rules read."""

from __future__ import annotations

from marketfact.claims.extract.reading import SentenceView, Subject
from marketfact.claims.numbers import Quantity

_LEADS = (("after",), ("following",), ("in", "the", "wake", "of"))
"""Words that open a sentence with a look back."""


def main_subject(view: SentenceView, q: Quantity) -> Subject | None:
    """The first name after the opening look back that holds ``q`` and names no one, ending with a comma."""
    if view.lang != "en":
        return None
    c0, c1 = view.clause(q.span[0])
    toks = view.words_between(view.sentence.start, c1)
    lows = tuple(t.low for t in toks)
    if c0 > view.sentence.start or not any(lows[: len(lead)] == lead for lead in _LEADS):
        return None
    comma = next((t for t in view.toks if c1 <= t.start and t.text.strip()), None)
    if comma is None or comma.text != "," or any(c0 <= s.start < c1 for s in view.subjects):
        return None
    n0, n1 = view.clause(comma.end + 1)
    return next((s for s in view.subjects if n0 <= s.start < n1 and s.kind != "pronoun"), None)
