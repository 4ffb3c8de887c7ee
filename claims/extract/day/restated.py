"""A figure said again in another unit between commas does not end its clause: "The S&P 500 fell 0.95%, or 57.58
points, to 6,025.99 on Friday", "It had slumped 2.66%, or 1,052.40 points, on Monday", "Der Dax verlor 1,4 Prozent,
oder 304 Punkte, am Montag". The commas set off the restatement as an aside; the day and the level after it belong
to the move before it, so the two commas are no clause breaks (``reading.read_sentence``).
"""

from __future__ import annotations

from marketfact.claims.extract.sentences import Token
from marketfact.claims.extract.sentenceview import SentenceView

OR_WORDS = frozenset({"or", "oder", "bzw", "beziehungsweise"})


def joined_breaks(view: SentenceView) -> list[int]:
    """The sentence's clause breaks less the two commas around ", or <figure>," right after a figure."""
    toks, breaks = view.toks, set(view.breaks)
    starts = {q.span[0]: q for q in view.quantities}
    ends = {q.span[1] for q in view.quantities}
    drop: set[int] = set()
    for i, t in enumerate(toks[:-2]):
        if t.text != "," or t.start not in breaks or t.start not in ends or toks[i + 1].low not in OR_WORDS:
            continue
        q = starts.get(toks[i + 2].start)
        after = next((u for u in toks[i + 2 :] if u.start >= q.span[1]), None) if q is not None else None
        if after is not None and after.text == "," and after.start in breaks:
            drop |= {t.start, after.start}
    return [b for b in view.breaks if b not in drop]


_ARTICLES = frozenset({"a", "an", "ein", "einem"})
_OF = frozenset({"of", "von"})


def move_noun(view: SentenceView, lead: list[Token]) -> bool:
    """Whether the words ``lead`` before a number that opens a later clause name the move before it by a noun: ", ein
    Minus von gut 4 Prozent", ", a drop of just over 4%" (an article, a noun of a move, "von"/"of"). Such a clause
    says that move again, so it has its day, also when the move is told in the pluperfect."""
    if len(lead) != 3 or lead[0].low not in _ARTICLES or lead[2].low not in _OF:
        return False
    return any(w.start == lead[1].start for w in view.directions)
