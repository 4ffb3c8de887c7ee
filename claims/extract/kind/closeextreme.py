"""A close at the day's extreme: "closed at its low of the day, €232.40", "ended at its session high, 21,585.93 points",
"finishing at the day's low of ¥25,350". The level is the close and the day's low (or high) at once, and the words
"at its low" there say where the close stood: they set no intraday basis for the move told before them ("fell
another 7.5% on Tuesday and closed at its low of the day"). And a price set off by commas after the close it is
("At Friday's close, $174.46, Oracle …"). English.
"""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.sentenceview import SentenceView, Word
from marketfact.claims.extract.since import closelevelof
from marketfact.claims.numbers import Quantity

CLOSE_VERBS = rules.word_set(
    "closed closes close closing ended ends end ending finished finishes finish finishing settled settles settling"
)
EXTREMES = {"low": "down", "lows": "down", "high": "up", "highs": "up"}
_BETWEEN = rules.word_set("at its the their day's session's day session trading of , intraday")
"""Words between the close verb and the level, the extreme aside ("at its low of the day,", "at the day's low of")."""


def close_at_extreme(view: SentenceView, q: Quantity) -> tuple[str, str] | None:
    """(the direction of the extreme, the words) when ``q`` is the level of a close said to stand at the day's low
    or high; None otherwise."""
    if view.lang != "en" or q.kind == "percent":
        return None
    span = _phrase_before(view, q.span[0])
    if span is None:
        return None
    start, extreme = span
    return EXTREMES[extreme], " ".join(t.text for t in view.words_between(start, q.span[0]) if t.kind == "word")


def _phrase_before(view: SentenceView, end: int) -> tuple[int, str] | None:
    """(start of the close verb, the extreme's word) of "closed at its low of the day" ending right before ``end``."""
    before = [t for t in view.toks if view.sentence.start <= t.start and t.end <= end][-9:]
    extreme: str | None = None
    for k in range(len(before) - 1, -1, -1):
        low = before[k].low
        if low in EXTREMES:
            extreme = extreme or low
        elif low in CLOSE_VERBS and extreme is not None and k + 1 < len(before) and before[k + 1].low == "at":
            return before[k].start, extreme
        elif low not in _BETWEEN:
            return None
    return None


def in_close_phrase(view: SentenceView, w: Word) -> bool:
    """Whether the basis word ``w`` ("at its low") stands in "closed at its low (of the day)": where the close stood."""
    before = [t for t in view.toks if view.sentence.start <= t.start and t.end <= w.start][-2:]
    return bool(before) and any(t.low in CLOSE_VERBS for t in before) and any(e in w.value for e in EXTREMES)


def after_named_close(view: SentenceView, q: Quantity) -> bool:
    """ "At Friday's close, $174.46,", "at the close on Monday, Feb. 3, $116.66,", "Seit dem Schlusskurs vom Freitag,
    174,46 Dollar, …": a price set off by a comma right after a close named with its day is that close's level."""
    if view.lang == "de":
        return closelevelof.apposed_day(view, q) is not None
    before = [t for t in view.toks if view.sentence.start <= t.start and t.end <= q.span[0]]
    if view.lang != "en" or len(before) < 2 or before[-1].text != ",":
        return False
    k = len(before) - 2
    while k >= 0 and (before[k].low in ("on", "of") or any(p.start <= before[k].start < p.end for p in view.periods)):
        k -= 1  # the day of the close ("on Monday, Feb. 3")
    return k >= 0 and before[k].low in ("close", "closing")
