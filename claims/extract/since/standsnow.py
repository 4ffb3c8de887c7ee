"""Where a price stands now against a named close, said with a verb of being and a direction word: "It had slumped
2.66% on Monday and is still down almost 2% from Friday's close", "remains up about 5% from its Jan. 27 close",
"sits 3% lower than Friday's close". The move runs up to now (the last session closed at publication), not to a day
a look back in the pluperfect told before it in the sentence (``sinceclose.end_of_move``)."""

from __future__ import annotations

from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.numbers import Quantity

NOW_VERBS = frozenset({"is", "are", "stands", "stand", "remains", "remain", "sits", "sit", "trades", "trade"})
STANDING = frozenset({"down", "up", "lower", "higher", "off"})
FILLERS = frozenset({"still", "now", "almost", "nearly", "about", "around", "roughly", "some", "just", "more", "than"})
"""Words that may stand between the verb, the direction word and the number: "is still down almost 2%"."""


def stands_now(view: SentenceView, q: Quantity) -> bool:
    """Whether q (English) is where the price stands now: a verb of being, a direction word and the number, only
    "still", "now" or hedge words between ("is still down almost 2%", "remains up about 5%")."""
    if view.lang != "en":
        return False
    toks = view.words_between(view.clause(q.span[0])[0], q.span[0])
    lead = [t.low for t in toks[-6:] if t.low not in FILLERS]
    return len(lead) >= 2 and lead[-2] in NOW_VERBS and lead[-1] in STANDING


def after_look_back(view: SentenceView, q: Quantity) -> bool:
    """Whether q stands now (``stands_now``) after a verb in the pluperfect earlier in its sentence ("It had slumped
    2.66% on Monday and is still down almost 2% from Friday's close"): none of the sentence's days ends its move."""
    had = any(t.low == "had" for t in view.words_between(view.sentence.start, q.span[0]))
    return had and stands_now(view, q)


NOW_DE = frozenset({"jetzt", "nun", "inzwischen", "mittlerweile", "derzeit", "aktuell", "momentan"})
PRESENT_DE = frozenset({"liegt", "liegen", "steht", "stehen", "notiert", "notieren", "ist", "sind", "beträgt"})


def now_de(view: SentenceView, q: Quantity) -> bool:
    """Whether q (German) is where the price stands now: a present verb of standing and a word of now in its clause
    ("Gegenüber dem Schlusskurs vom Freitag liegt die Aktie jetzt mehr als 6 Prozent im Minus"): the move since a
    close runs up to now, not to a day the paragraph told before."""
    if view.lang != "de":
        return False
    c0, c1 = view.clause(q.span[0])
    lows = {t.low for t in view.words_between(c0, c1)}
    return bool(lows & NOW_DE) and bool(lows & PRESENT_DE)
