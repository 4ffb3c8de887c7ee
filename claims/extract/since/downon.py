"""A British paper's move measured from a named close with "down on"/"up on": "nearly 12% down on last Friday's
close", "about 1.6% down on its Jan. 31 close", "0.7% up on last Monday's close". The day named is the close the move
is measured from (``since.sinceclose.is_reference_close``), not the day of a one-day move. "on" is such a lead
only right after "down"/"up" and with a word of the close right after the day: "down 2% on Friday, closing at …" tells
Friday's move."""

from __future__ import annotations

_DIRECTIONS = frozenset({"down", "up", "higher", "lower"})
"""The word right before "on" that makes it mean "compared with"."""
_CLOSE = frozenset({"close", "closing"})


def is_lead(before: list[str], i: int, after: list[str]) -> bool:
    """Whether word ``i`` of ``before`` (the words before the day, lowered) is the "on" of "down on"/"up on" whose
    day is said with its close right after it (``after``: the words from the day's own possessive on)."""
    if before[i] != "on" or i == 0 or before[i - 1] not in _DIRECTIONS:
        return False
    rest = [w for w in after if not w.endswith(("'s", "’s"))][:1]
    return bool(rest) and rest[0] in _CLOSE
