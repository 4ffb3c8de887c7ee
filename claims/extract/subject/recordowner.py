"""Whose record a record word in an apposition is: "vom Dax, der 0,6 Prozent auf 22.038 Punkte zulegte
(Rekordhoch)", "… um 0,5 Prozent auf 22.148 Punkte stieg – ein Rekordhoch". A record said in a clause of its own that
names no one, after the move before it in its sentence, is that move's: its day is already taken from it
(``whenof``), and so is whom it is about, not the name the sentence opens with. Used by ``claims.extract.extract``.
"""

from __future__ import annotations

from marketfact.claims.extract.decide import Draft
from marketfact.claims.extract.reading import SentenceView, Subject
from marketfact.claims.numbers import Quantity


def owner_of_record(view: SentenceView, pq: Quantity, previous: Draft | None) -> Subject | None:
    """The subject of ``previous``, the move before the record at ``pq`` in its sentence, when the record's clause
    ("(Rekordhoch)", "– ein Rekordhoch", ", a record") names no one and the move stands in an earlier clause; None
    otherwise (the record's own reading stands)."""
    if previous is None or previous.subject is None or previous.view.sentence.start != view.sentence.start:
        return None
    c0, c1 = view.clause(pq.span[0])
    if c0 <= view.sentence.start or previous.q.span[0] >= c0:
        return None  # the record opens the sentence, or shares its clause with the move: its subject is the clause's
    if any(c0 <= s.start < c1 and s.kind != "pronoun" for s in view.subjects):
        return None  # "…, während der Dax ein Rekordhoch erreichte": the clause names its own
    return previous.subject
