"""The price or level a move started from: "Alphabet fell from $206.38 to $191.33 on Wednesday", "closed at $178.92,
up from $174.46 on Friday", "stieg am Mittwoch von 57,30 Euro auf 60,14 Euro" is a close, not a change in money: the
close of the session before the move's day, or of the day said right after it ("from $174.46 on Friday"). A "from
X to Y" after a move is then no range (``kinds.split_moves_to_levels`` splits it).

English: "from" after a word of a move ("fell from", "down from", "up from") or before "to" and a number. German:
"von" before "auf" and a number ("von 57,30 Euro auf 60,14 Euro"); "ein Plus von 2,84 Euro" is a change, and
"nach 244,15 Euro am Vortag" is left to the other rules."""

from __future__ import annotations

from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.numbers import Quantity

_FROM = {"en": "from", "de": "von"}
_TO = {"en": "to", "de": "auf"}


def starts_move(view: SentenceView, q: Quantity) -> bool:
    """Whether ``q``, a price or level, is where a move started from."""
    if q.kind not in ("money", "index_points", "number") or q.scale != "one" or q.high is not None:
        return False
    before = [t for t in view.toks if t.end <= q.span[0] and t.start >= view.sentence.start][-2:]
    if not before or before[-1].low != _FROM[view.lang]:
        return False
    if _to_follows(view, q):
        return True
    return view.lang == "en" and len(before) == 2 and any(w.start == before[0].start for w in view.directions)


def _to_follows(view: SentenceView, q: Quantity) -> bool:
    """ "from $206.38 to $191.33", "von 57,30 Euro auf 60,14 Euro": "to"/"auf" and a number right after ``q``."""
    after = [t for t in view.toks if t.start >= q.span[1]][:1]
    if not after or after[0].low != _TO[view.lang]:
        return False
    return any(0 <= o.span[0] - after[0].end <= 2 for o in view.quantities)


def session_before(view: SentenceView, q: Quantity, period: PeriodSpan | None, shift: int) -> tuple[int, list[str]]:
    """(the session shift, its notes) for ``q`` with ``period``: the session before when ``q`` is where a move started
    from and its day is the move's (not one said right after ``q``, "from $174.46 on Friday", nor one already shifted,
    "a day earlier"); else ``shift`` unchanged and no note."""
    if period is None or shift != 0 or not starts_move(view, q):
        return shift, []
    if 0 <= period.start - q.span[1] <= 4:  # its own day, right after it
        return shift, []
    return -1, [f"{q.text!r}: the level the move started from, the close of the session before {period.words!r}"]
