"""A weekday said as "the Friday before" with nothing after "before" ("ended the week at $138.85, about 7% above
where it stood the Friday before", "below Monday's close and the Friday before"): the Friday before the first day
of the period the sentence named just before it (the week of 10-14 Feb: 7 Feb; "Monday's close", 27 Jan: 24 Jan),
not the latest Friday. Its span keeps its place in the text; its words become that date ("February 7"), which the
period resolver reads as one day. Without a period named before it in its sentence the weekday is left as it was.
English only. Called by ``claims.extract.reading.read_sentence`` on the periods ``timewords.find_periods`` found."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from marketfact.claims.extract.day.timewords import PeriodSpan, probe
from marketfact.claims.extract.sentences import Token

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""English weekdays, in the order of ``date.weekday()``."""


def weekday_before(toks: list[Token], periods: list[PeriodSpan], published_at: datetime, lang: str) -> list[PeriodSpan]:
    """``periods`` with each "the <weekday> before" (see the module) made the date it names."""
    if lang != "en":
        return periods
    out: list[PeriodSpan] = []
    for k, p in enumerate(periods):
        day = _weekday_before(toks, periods[:k], p, published_at)
        out.append(p if day is None else replace(p, words=f"{day:%B} {day.day}", last=day.isoformat(), single_day=True))
    return out


def _weekday_before(toks: list[Token], before: list[PeriodSpan], p: PeriodSpan, published_at: datetime) -> date | None:
    words = p.words.lower().split()
    if words[:1] == ["the"]:
        words = words[1:]
    if len(words) != 1 or words[0] not in WEEKDAYS or not before:
        return None
    after = [t for t in toks if t.start >= p.end][:2]
    if not after or after[0].low != "before" or (len(after) > 1 and after[1].kind == "word"):
        return None  # "the Friday before the rout": a day before an event, read elsewhere
    meaning = probe(before[-1].words, published_at, "en")
    if meaning is None or meaning[0] == "no-session":
        return None
    first = date.fromisoformat(meaning[0])
    back = (first.weekday() - WEEKDAYS.index(words[0])) % 7 or 7
    return first - timedelta(days=back)
