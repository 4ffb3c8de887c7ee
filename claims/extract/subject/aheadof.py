"""Another name's move given as a comparison: "up 5.1%, ahead of ASML at 3.9%", "behind the Dax at 1.7%", "ahead of
Nvidia at 4.8%". The percent after "at" is that name's move over the same span, in the direction of the move it is
compared with (a sign or a move word of its own still wins). English.
"""

from __future__ import annotations

from marketfact.claims.extract.sentenceview import SentenceView, Subject
from marketfact.claims.numbers import Quantity

LEADS = (("ahead", "of"), ("behind",), ("trailing",), ("outpacing",), ("lagging",))
"""The words of a comparison before the name."""
_FILL = frozenset({"well", "far", "just", "slightly", "only", "the"})


def compared(
    view: SentenceView, q: Quantity, previous: str | None
) -> tuple[Subject, tuple[str, str, float, str]] | None:
    """(the name compared, the direction) when ``q`` is a percent right after "at" that follows "ahead of <name>" or
    "behind <name>" in its clause, with a move told before it in the sentence (``previous``: its direction)."""
    if view.lang != "en" or q.kind != "percent" or not previous:
        return None
    c0, _ = view.clause(q.span[0])
    before = view.words_between(c0, q.span[0])
    if len(before) < 3 or before[-1].low != "at":
        return None
    name = next((s for s in view.subjects if s.end == before[-2].end and s.kind != "pronoun"), None)
    if name is None:
        return None
    lead = [t.low for t in before if t.end <= name.start and t.low not in _FILL]
    said = next((words for words in LEADS if tuple(lead[-len(words) :]) == words), None)
    if said is None:
        return None
    note = f"{' '.join(said)!r} {name.text!r} at a percent: that name's move, in the direction of the move before it"
    return name, (previous, "", 0.1, note)  # no words of its own: it shares the period of the move before it
