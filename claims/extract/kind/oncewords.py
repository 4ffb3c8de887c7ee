"""Translated copy's "once" before the verb of a move marks the day's extreme, as "at one point" does: "During the
session it once fell to US$197.98", "after once rising to 9,720 yen", "it once climbed to 8,774 yen" (Chinese yidu,
Japanese ichiji). Only right before a word of a rise or fall: "once again", "once the results were out" and "a once
mighty name" say no extreme. Used by ``reading`` for the sentence's basis words."""

from __future__ import annotations

from itertools import pairwise

from marketfact.claims.extract.sentences import Token
from marketfact.claims.extract.sentenceview import Word

AT_ONE_POINT = "at one point"
"""The hedge phrase (``claims.hedges``, basis intraday) such a "once" reads as."""


def once_words(toks: list[Token], directions: list[Word], lang: str) -> list[Word]:
    """Each English "once" standing right before a word of a rise or fall, as a word of the day's extreme."""
    if lang != "en":
        return []
    starts = {w.start for w in directions}
    pairs = pairwise(toks)
    return [Word(t.start, t.end, t.text, AT_ONE_POINT) for t, nxt in pairs if t.low == "once" and nxt.start in starts]
