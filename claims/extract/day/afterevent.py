"""A move dated only by the event it follows: "Nvidia bounced back 1.7% following Monday's slide", "In the wake of
Monday's plunge, TSMC rebounded 2.1%", "Nach dem Zollschock vom Montag legte der Dax um 0,4 Prozent zu", "Im
Anschluss an den Ausverkauf vom Montag erholte sich Tokyo Electron um gut 1 Prozent". The day named is the event's;
a number outside the phrase tells of the session after it, and so do the sentences after it in the paragraph that
name no day. The event's words of direction ("slide", "Ausverkauf", "Minus") tell of the event, not of the move; a
number inside the phrase ("Monday's 4.6% plunge") is the event's own, on its day.

Only phrases whose day belongs to the event by their grammar: an English possessive ("after Monday's rout"), an
English phrase that opens the sentence ("Following the sell-off on Monday, …"), a German "vom"/"von" after the
noun ("nach dem Minus vom Montag"). "fell 3% after the sell-off on Monday" may be Monday's fall, and "nach dem
Ausverkauf am Montag" Monday's move: those are left to the other rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.sentences import Token
from marketfact.claims.numbers import Quantity

if TYPE_CHECKING:
    from marketfact.claims.extract.decide import Context

_LEADS = {
    "en": (("after",), ("following",), ("in", "the", "wake", "of")),
    "de": (("nach",), ("im", "anschluss", "an")),
}
"""Words that open a phrase of the event a move follows."""
_ARTICLES = {
    "en": frozenset({"the", "a", "an", "its", "their", "last"}),
    "de": frozenset({"dem", "den", "der", "einem", "seinem", "ihrem", "dessen", "deren"}),
}
_OF_DAY = {"en": frozenset({"on"}), "de": frozenset({"vom", "von"})}
"""The word that ties a day to the event noun before it ("the sell-off on Monday", "dem Minus vom Montag")."""
_OF_NUMBER = {"en": "of", "de": "von"}
"""The word that ties a number to the event noun before it ("after Thursday's gain of 0.5%"): the event's number."""
_NO_SESSION = frozenset({"holiday", "holidays", "feiertag"})
"""Events that are no session ("as trading resumed after Tuesday's holiday"): the session after is not a shift of
one session from that day; the other rules read the day."""


@dataclass(frozen=True)
class EventPhrase:
    """ "following Monday's slide": from its first word (``start``) to the end of the event's noun (``end``)."""

    start: int
    end: int
    day: PeriodSpan
    words: str


def phrases(view: SentenceView) -> list[EventPhrase]:
    """The phrases of the sentence that date an event a move follows, in order."""
    toks = [t for t in view.toks if view.sentence.start <= t.start < view.sentence.end]
    out = []
    for p in view.periods:
        if not p.single_day or not p.last or any(c.isdigit() for c in p.words):
            continue
        found = _possessive(view, toks, p) or _of_day(view, toks, p)
        if found is not None:
            out.append(found)
    return out


def _possessive(view: SentenceView, toks: list[Token], p: PeriodSpan) -> EventPhrase | None:
    """ "after Monday's rout", "in the wake of Monday's 4.6% plunge" (English)."""
    k = next((i for i, t in enumerate(toks) if t.start < p.end <= t.end), None)
    if view.lang != "en" or k is None or not toks[k].low.endswith(("'s", "’s")):
        return None
    lead = _lead_before(view, toks, k)
    rest = [t for t in toks[k + 1 :] if t.kind == "word" and t.low not in ("%", "percent")]
    if lead is None or not rest or rest[0].start - toks[k].end > 12 or rest[0].low in _NO_SESSION:
        return None  # the noun comes next, after a number at most
    end = rest[0].end
    after = [t for t in toks if t.start >= end][:2]
    if len(after) == 2 and after[0].low == _OF_NUMBER[view.lang] and after[1].kind == "num":  # "gain of 0.5%"
        end = next((q.span[1] for q in view.quantities if q.span[0] <= after[1].start < q.span[1]), after[1].end)
    return _phrase(view, toks, lead, end, p)


def _of_day(view: SentenceView, toks: list[Token], p: PeriodSpan) -> EventPhrase | None:
    """ "nach dem Zollschock vom Montag" (German, the day after the noun); "Following the sell-off on Monday, …"
    (English, only when the phrase opens the sentence, before its subject and verb)."""
    first = next((i for i, t in enumerate(toks) if t.start >= p.start), None)
    if first is None:
        return None
    k = first if toks[first].low in _OF_DAY[view.lang] else first - 1
    if k < 1 or toks[k].low not in _OF_DAY[view.lang]:
        return None
    articles = _ARTICLES[view.lang]
    nouns = k  # one or two words of the event ("dem schwachen Wochenauftakt"), then an article, then the lead
    while nouns > 0 and k - nouns < 2 and toks[nouns - 1].kind == "word" and toks[nouns - 1].low not in articles:
        nouns -= 1
    if nouns == k or nouns < 2 or toks[nouns - 1].low not in articles:
        return None
    lead = _lead_before(view, toks, nouns - 1)
    if lead is None or (view.lang == "en" and lead != 0):
        return None
    return _phrase(view, toks, lead, p.end, p)


def _lead_before(view: SentenceView, toks: list[Token], k: int) -> int | None:
    """The index of the lead's first word right before ``toks[k]``, if a lead stands there."""
    for lead in _LEADS[view.lang]:
        i = k - len(lead)
        if i >= 0 and tuple(t.low for t in toks[i:k]) == lead:
            return i
    return None


def _phrase(view: SentenceView, toks: list[Token], lead: int, end: int, p: PeriodSpan) -> EventPhrase:
    start = toks[lead].start
    return EventPhrase(start, end, p, view.sentence.text[start - view.sentence.start : end - view.sentence.start])


def inside(view: SentenceView, pos: int, q: Quantity) -> bool:
    """Whether ``pos`` stands in an event phrase that ``q`` stands outside of."""
    return any(e.start <= pos < e.end and not e.start <= q.span[0] < e.end for e in phrases(view))


def is_event_day(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether ``p`` is the day of an event a move of the sentence follows: not the story's day ("Here is the week
    after Friday's close", with no number, still names the story's day)."""
    return any(e.day is p and _moves_after(view, e) for e in phrases(view))


def _only_event(view: SentenceView) -> EventPhrase | None:
    """The sentence's one event phrase when it names no other single day."""
    events = phrases(view)
    others = [p for p in view.periods if p.single_day and all(p is not e.day for e in events)]
    return events[0] if len(events) == 1 and not others else None


def session_after(view: SentenceView, q: Quantity) -> tuple[PeriodSpan, int, float, str] | None:
    """(the event's day, +1, a penalty, a note) for a number outside the sentence's one event phrase when the
    sentence names no other single day."""
    e = _only_event(view)
    if e is None or e.start <= q.span[0] < e.end:
        return None
    return e.day, 1, 0.1, f"{e.words!r}: the session after {e.day.words!r}, the day of the event the move follows"


def remember(view: SentenceView, ctx: Context) -> None:
    """The sentences after one with an event phrase, a number outside it and no other day, in its paragraph, tell
    of the session after the event's day ("Nach dem Zollschock vom Montag hat sich der Dax gefangen: Der Leitindex
    legte um 0,4 Prozent zu. Siemens Energy gab 2,5 Prozent nach")."""
    e = _only_event(view)
    if e is not None and _moves_after(view, e):
        ctx.next_day[view.sentence.paragraph] = (e.day, 1, e.words)


def _moves_after(view: SentenceView, e: EventPhrase) -> bool:
    """Whether a number of the sentence stands outside the event phrase ``e``."""
    return any(not e.start <= q.span[0] < e.end for q in view.quantities)
