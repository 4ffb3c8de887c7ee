"""What a correction denies: a name right after "not" ("Constellation Energy, not Vistra, was …", "it was Siemens
Energy, not Siemens, that rose", "nicht Siemens, sondern Siemens Energy") is not whom the number is about, and a
figure set off by a comma and "not" (", not 1.8%", ", not at 38,250.09", ", nicht 1,8 Prozent") is one the text
withdraws: no claim.
"""

from __future__ import annotations

from marketfact.claims.extract.sentenceview import SentenceView, Subject
from marketfact.claims.numbers import Quantity

NOT = {"en": frozenset({"not"}), "de": frozenset({"nicht"})}
_GLUE = {"en": frozenset({"at", "to", "as", "of"}), "de": frozenset({"bei", "auf", "um", "von"})}
"""Words between "not" and a withdrawn figure ("not at 21,340")."""


def denied_name(view: SentenceView, s: Subject) -> bool:
    """Whether name ``s`` stands right after "not" ("Siemens Energy, not Siemens, …")."""
    before = [t for t in view.toks if t.end <= s.start]
    return bool(before) and before[-1].low in NOT[view.lang]


def withdrawn(view: SentenceView, q: Quantity, lead_end: int) -> str | None:
    """The words that withdraw ``q`` (whose hedge words, if any, start at ``lead_end``): a comma, "not" and at most
    one preposition right before it (", not 9.8%", ", not at 21,340"); None when there are none."""
    before = [t for t in view.toks if view.sentence.start <= t.start and t.end <= lead_end][-3:]
    lows = [t.low for t in before]
    if lows[-1:] and lows[-1] in _GLUE[view.lang]:
        before, lows = before[-3:], lows[-3:]
    else:
        before, lows = before[-2:], lows[-2:]
    if len(lows) >= 2 and lows[0] == "," and lows[1] in NOT[view.lang]:
        return " ".join(t.text for t in before[1:])
    return None
