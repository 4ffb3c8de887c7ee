"""How far a German separable verb's particle may stand from its stem ("legte … zu", "gab … nach"): to the end of the
stem's clause, past the comma that closes a day's date in apposition ("legte am Donnerstag, dem 13. Februar, um 3,7
Prozent zu"), and past a relative clause set between commas ("Broadcom legte am Montag an der Nasdaq, die 1 Prozent
höher schloss, um 4,5 Prozent zu"): the number after it is the stem's move. Used by ``claims.extract.reading``."""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.sentenceview import SentenceView


def particle_end(view: SentenceView, start: int) -> tuple[int, int]:
    """(the break that ends the stem's clause at ``start``, the offset up to which its particle may stand)."""
    stop = _next_break(view, start)
    if any(p.end == stop and "," in p.words for p in view.periods):  # "am Donnerstag, dem 13. Februar,"
        return stop, _next_break(view, stop)
    if _relative_between_commas(view, stop):  # ", die 1 Prozent höher schloss,"
        return stop, _next_break(view, _next_break(view, stop))
    return stop, stop


def _next_break(view: SentenceView, pos: int) -> int:
    return min((b for b in view.breaks if b > pos), default=view.sentence.end)


def _relative_between_commas(view: SentenceView, stop: int) -> bool:
    """Whether a comma at ``stop`` opens a relative clause (a relative pronoun not followed by a name: ", der Nasdaq
    gab …" is a clause of its own) that a comma closes again before the sentence ends."""
    after = [t for t in view.toks if t.start >= stop]
    if len(after) < 3 or after[0].text != "," or after[1].low not in rules.RELATIVE_PRONOUNS[view.lang]:
        return False
    if any(m.start == after[2].start and m.entry is not None for m in view.mentions):
        return False
    close = _next_break(view, stop)
    return close < view.sentence.end and any(t.start == close and t.text == "," for t in view.toks)
