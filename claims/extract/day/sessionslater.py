"""A move told a count of sessions after the day told before: "Two sessions later, the stock was up 5.2%", "Three
trading days after that, Oracle slipped 0.4%", "Zwei Handelstage später …". ``claims.extract.day.periodof`` puts it that
many sessions after that day, as it puts "the following day" one session after it."""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.reading import SentenceView

COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5,
          "zwei": 2, "drei": 3, "vier": 4, "fünf": 5}  # fmt: skip
"""The counts a phrase may open with."""

_EN = ("sessions later", "trading days later", "trading sessions later", "sessions after that",
       "trading days after that", "trading sessions after that", "days later")  # fmt: skip
_DE = ("handelstage später", "handelstage darauf", "sitzungen später", "börsentage später", "tage später")
PHRASES = {
    lang: tuple(sorted(((n, *tail.split()) for n in COUNTS for tail in tails if n.isdigit() or n in words), key=len))[
        ::-1
    ]
    for lang, tails, words in (
        ("en", _EN, {"two", "three", "four", "five"}),
        ("de", _DE, {"zwei", "drei", "vier", "fünf"}),
    )
}
"""Lowercased phrases, longest first, as ``relativephrase.find_phrase`` wants them."""


def count(words: str) -> int:
    """The number of sessions a phrase of ``PHRASES`` counts: "Two sessions later" → 2."""
    return COUNTS[words.split()[0].lower()]


_SPAN_BEFORE = {"en": frozenset({"the"}), "de": frozenset()}
"""A word right before a phrase of ``PHRASES`` that makes it a span ("In the three sessions after that"), no day."""
_ON_BEFORE = {"en": frozenset({"next", "following"}), "de": frozenset()}
_ON_AFTER = {"en": (("after", "that"), ("after", "it"), ("thereafter",)), "de": ()}


def a_day(view: SentenceView, hit: tuple[str, int] | None) -> tuple[str, int] | None:
    """``hit`` (a phrase of ``PHRASES`` and where it ends), unless an article stands before it: "In the three sessions
    after that it won back 7.6%" tells of those sessions (``runs_on``), not of the third."""
    if hit is None:
        return None
    toks = [t for t in view.toks if t.end <= hit[1]]
    before = toks[-len(hit[0].split()) - 1 : -len(hit[0].split())]
    return None if before and before[0].low in _SPAN_BEFORE[view.lang] else hit


def runs_on(view: SentenceView, counted: PeriodSpan) -> bool:
    """Whether a count of sessions is said of the sessions after the day told before: "Over the next three
    sessions", "over the following three sessions", "In the three sessions after that" (they run on from the session
    after that day, as "It has since risen for three straight sessions" does)."""
    inside = [t.low for t in view.toks if counted.start <= t.start < counted.end]
    before = [t.low for t in view.toks if t.end <= counted.start][-2:]
    if any(w in _ON_BEFORE[view.lang] for w in inside + before):
        return True
    after = tuple(t.low for t in view.toks if t.start >= counted.end)
    return any(after[: len(words)] == words for words in _ON_AFTER[view.lang])


def looks_back(view: SentenceView, end: int, span: PeriodSpan) -> bool:
    """Whether a look-back word stands between a number (ending at ``end``) and a span after it ("rose 0.9% after two
    days of gains"); not when the span runs on from the day told before ("rallied 8.2% over the following three
    sessions": "following" is no look back there)."""
    if runs_on(view, span):
        return False
    return any(t.low in rules.LOOK_BACK_LEADS[view.lang] for t in view.words_between(end, span.start))
