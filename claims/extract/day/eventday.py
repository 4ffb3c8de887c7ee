"""A weekday named by an event ("Tariff Monday", "On DeepSeek Monday, Vistra plunged 28.3%", "Jobs Friday"): a name
right before an English weekday, capitalised, that is no word of time and no listed company or index ("Nvidia Monday
said" is Nvidia on Monday). It is the event's day: the day of that weekday the article dated before ("Feb. 3 became
Tariff Monday", read by ``claims.extract.day.dayagain.that_day`` as "that Monday" is), else a day the text does not
give, read as the latest such weekday with a note that lowers its confidence (``undated``; calibration's "day: named by
an event")."""

from __future__ import annotations

from datetime import date

from marketfact.claims.extract import rules
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.decide import Context
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.sentences import Token

_NO_EVENT = rules.word_set(
    "on last next this that these those by since until till from through to every each early late and but or the a an "
    "for after before of in at during over so then also again only even mid its their his her our same following "
    "previous prior monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec"
)
"""Capitalised words before a weekday that name no event: words of time and the words that open a sentence."""


def event_word(view: SentenceView, period: PeriodSpan) -> Token | None:
    """The event's name right before a bare English weekday ("Tariff" in "On Tariff Monday"), if any."""
    if view.lang != "en" or not period.single_day or not period.last or any(c.isdigit() for c in period.words):
        return None
    if period.words.strip().lower() not in _WEEKDAYS:
        return None
    before = [t for t in view.toks if t.end <= period.start][-1:]
    if not before or before[0].kind != "word" or not before[0].text[:1].isupper():
        return None
    word = before[0]
    if word.low.rstrip(".") in _NO_EVENT or word.start < view.sentence.start:
        return None
    listed = any(
        m.start <= word.start < m.end and m.lookup.status == "resolved" for m in view.mentions
    )  # "Nvidia Monday said …": the company, on Monday
    return None if listed else word


_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday"})


def undated(view: SentenceView, ctx: Context, period: PeriodSpan) -> tuple[PeriodSpan, str] | None:
    """ "On Jobs Friday, Broadcom slid 2.8%" with no Friday dated before: the latest such weekday, noted as a guess."""
    word = event_word(view, period)
    if word is None or any(
        p.last and p.last < (period.last or "") and date.fromisoformat(p.last).weekday() == _weekday(period)
        for p in ctx.days
    ):
        return None
    note = f"{word.text!r} {period.words!r}: a weekday named by an event the article does not date, read as the latest"
    return period, note + " such day"


def _weekday(period: PeriodSpan) -> int:
    return date.fromisoformat(period.last).weekday() if period.last else -1
