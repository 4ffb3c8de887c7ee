"""Whom a relative clause's number is about: the name it hangs on. In "der stärkste Wert im Dax, der um 0,5 Prozent
stieg" or "rose with the Nasdaq, which added 1.5%", the clause opened by a relative pronoun right after a name says
its move of that name (the antecedent), even when the name stands after a preposition, where it would otherwise be
passed over for the sentence's subject. Used by ``claims.extract.subject.subjects.pick_subject``."""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.reading import SentenceView, Subject
from marketfact.claims.numbers import Quantity


def antecedent(view: SentenceView, q: Quantity) -> Subject | None:
    """The name right before the comma that opens ``q``'s clause with a relative pronoun (", der um 0,5 Prozent
    stieg", ", die 1,5 Prozent höher schloss", ", which added 1.5%"), when the clause names no one of its own before
    ``q``; None otherwise."""
    c0, _ = view.clause(q.span[0])
    if c0 <= view.sentence.start:
        return None
    first = next((t for t in view.toks if t.start >= c0), None)
    comma = next((t for t in reversed(view.toks) if t.end <= c0), None)
    if first is None or comma is None or comma.text != "," or first.start >= q.span[0]:
        return None
    if first.low not in rules.RELATIVE_PRONOUNS[view.lang] or first.low == "that":
        return None  # "that" also opens a clause of what is said ("said, that …"): no antecedent
    if any(c0 <= s.start < q.span[0] and s.kind != "pronoun" for s in view.subjects):
        return None  # ", die Aktie von Nvidia, …": the clause has a subject of its own
    return next((s for s in view.subjects if s.kind == "mention" and s.end == comma.start), None)
