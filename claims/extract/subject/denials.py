"""What a correction denies: a name right after "not" ("Constellation Energy, not Vistra, was …", "it was Siemens
Energy, not Siemens, that rose", "nicht Siemens, sondern Siemens Energy") is not whom the number is about, and a
figure set off by a comma and "not" (", not 1.8%", ", not at 38,250.09", ", nicht 1,8 Prozent") is one the text
withdraws: no claim; so are the figures of a sentence that tells what an earlier text of the publication said
("An earlier version of this story said Oracle fell 1.4%", "Friday's newsletter wrote that …", "We wrote that …";
English).
"""

from __future__ import annotations

from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.rules import word_set
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


TEXT_NOUNS = word_set("version story article issue edition newsletter letter caption headline column post")
OWN_MARKS = word_set("earlier previous original our this yesterday's")
REPORTING = word_set("said says wrote write writes reported stated gave put misstated")


def told_earlier(view: SentenceView, q: Quantity) -> str | None:
    """The words that make ``q`` a figure an earlier text of the publication gave ("An earlier version … said",
    "Friday's newsletter wrote", "We wrote"): a reporting verb before ``q`` whose subject, opening the sentence, is
    one of the publication's texts or "we"; None for any other."""
    if view.lang != "en":
        return None
    before = [t for t in view.toks if view.sentence.start <= t.start and t.end <= q.span[0]]
    verb = next((k for k, t in enumerate(before) if t.low in REPORTING), None)
    if verb is None or verb > 10:
        return None
    lead = [t.low for t in before[:verb]]
    days = {p.start for p in view.periods if p.end <= before[verb].start}
    owned = any(w in OWN_MARKS for w in lead) or any(t.start in days for t in before[:verb])
    if lead == ["we"] or (owned and any(w in TEXT_NOUNS for w in lead)):
        return " ".join(t.text for t in before[: verb + 1])
    return None


def names_a_text(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether day ``p`` is said as the owner of one of the publication's texts ("Friday's newsletter", "Tuesday's late
    edition", "Yesterday's issue"): the day of a text, not of a move."""
    owner = next((t for t in view.toks if t.start <= p.start and p.end <= t.end), None)
    if owner is None or not owner.low.endswith(("'s", "’s")):
        return False
    return any(t.low in TEXT_NOUNS for t in [t for t in view.toks if t.start >= owner.end][:3])
