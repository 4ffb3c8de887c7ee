"""A move told as a rate, as copy translated from Japanese says a day's change ("Die Rückgangsrate betrug 2,7
Prozent", "die Anstiegsrate lag bei 1,4 Prozent"): a German compound of a word of a rise or fall and "rate" says
that rise or fall. Used by ``claims.extract.reading`` (the sentence's words of direction) and
``claims.extract.extract`` (a noun of a move before "lag bei" makes the percent a move, not a level)."""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.direction import directionwords


def rate_of(low: str, lang: str) -> str | None:
    """ "up" or "down" for a German compound of a move and "rate" ("anstiegsrate", "rückgangsrate"), else None."""
    if lang != "de" or not low.endswith("rate") or len(low) <= 6:
        return None
    head = low[: -len("rate")]
    words = directionwords.DOWN["de"] | directionwords.UP["de"]
    head = head[:-1] if head.endswith("s") and head[:-1] in words else head  # "Rückgang-s-rate"
    if head in directionwords.DOWN["de"]:
        return "down"
    if head in directionwords.UP["de"]:
        return "up"
    return None


def move_noun(low: str, lang: str) -> bool:
    """Whether a word before "bei"/"auf" names a move, so the number after it is that move, not a level ("Plus",
    "Kursrückgang", "Anstiegsrate")."""
    tail = rules.tail_in(low, directionwords.DOWN_TAILS)
    return low in rules.DIRECTION_NOUNS or tail is not None or rate_of(low, lang) is not None
