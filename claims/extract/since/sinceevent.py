"""A move since an event of a named day (German): the day as the attribute of the event's noun ("seit den
Quartalszahlen vom 4. Februar", "seit der Zinsentscheidung der EZB vom 30. Januar") or in apposition to a weekday
named by its event ("seit dem Zoll-Montag, dem 3. Februar,"). Like "seit dem Kurssturz vom 27. Januar", the day is
the close the move is measured from (``claims.extract.since.sinceclose.is_reference_close``). A day named after
"und" in a second predicate of the number's clause ("… 1,6 Prozent gewonnen und am Freitag leicht nachgegeben") is
that predicate's, not the move's (``second_predicate``, for ``sinceclose.opening_reference``).
"""

from __future__ import annotations

from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.direction import directionwords
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.numbers import Quantity

_ARTICLES = frozenset({"dem", "den", "das", "des", "der", "die"})


def noun_start(view: SentenceView, p: PeriodSpan, c0: int) -> int:
    """Where the clause of day ``p`` starts, or that of the noun before it when the day is set off after it in
    parentheses ("Seit dem Crash-Montag (27. Januar)") or in apposition ("seit dem Zoll-Montag, dem 3. Februar,")."""
    opener = next((t for t in reversed(view.toks) if t.end <= p.start), None)
    if opener is not None and opener.text == "(" and opener.start > view.sentence.start:
        return view.clause(opener.start - 1)[0]
    return view.clause(c0 - 2)[0] if apposed(view, p, c0) else c0


def apposed(view: SentenceView, p: PeriodSpan, c0: int) -> bool:
    """Whether day ``p`` opens a clause set off by a comma, an article at most before it ("…, dem 3. Februar,"): a
    date in apposition to the noun before the comma."""
    if c0 - 1 not in view.breaks or c0 - 1 <= view.sentence.start:
        return False
    return all(t.low in _ARTICLES for t in view.words_between(c0, p.start))


def event_of_day(words: list[str], lang: str) -> bool:
    """ "seit den Quartalszahlen vom 4. Februar", "seit der Zinsentscheidung der EZB vom 30. Januar", "seit dem
    Zoll-Montag, dem 3. Februar": after "seit", a noun with the day as its attribute ("vom") or a weekday named by
    its event: the move runs on from that day's close."""
    if lang != "de" or words[0] != "seit":
        return False
    if any(w.rpartition("-")[0].isalpha() and w.rpartition("-")[2] in _WEEKDAYS_DE for w in words[1:]):
        return True
    at = words.index("vom") if "vom" in words else 0
    return any(w not in _ARTICLES for w in words[1:at])


_WEEKDAYS_DE = frozenset({"montag", "dienstag", "mittwoch", "donnerstag", "freitag"})


_AND = frozenset({"und", "and"})


def second_predicate(view: SentenceView, q: Quantity, p: PeriodSpan) -> bool:
    """Whether period ``p`` stands after "und"/"and" after ``q``: the day of a second predicate ("seit dem Zoll-Montag,
    dem 3. Februar, gut 1,6 Prozent gewonnen und am Freitag leicht nachgegeben", "… und am Freitag 0,4 Prozent
    abgegeben"), not of q's move."""
    return any(t.low in _AND for t in view.words_between(q.span[1], p.start))


def own_day_stands(view: SentenceView, q: Quantity) -> bool:
    """Whether ``q``'s clause names a day of its own move, which a reference close opening the sentence does not
    override: not a day after "und" in a second predicate (``second_predicate``), nor in German a single day of a move
    compared with that close, said by a comparative right after the number ("Gegenüber dem Schlusskurs vom 7. Februar,
    38.787 Punkte, lag der Nikkei am Mittwoch 0,5 Prozent höher": the move from that close to Wednesday)."""
    c0, c1 = view.clause(q.span[0])
    own = [p for p in view.periods if c0 <= p.start < c1 and not second_predicate(view, q, p)]
    after = [t.low for t in view.toks if t.start >= q.span[1]][:1]
    compared = view.lang == "de" and bool(after) and after[0] in directionwords.AFTER_NUMBER["de"]
    return bool(own) and not (compared and all(p.single_day for p in own))
