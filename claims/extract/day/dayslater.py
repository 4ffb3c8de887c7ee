"""A move told a count of calendar days after the day told before: "Microsoft's 6.2% slide three days later", "Drei
Tage später verlor Microsoft 6,2 Prozent". ``claims.extract.day.periodof`` reads the phrase as a count of sessions after
that day (``sessionslater``); here the count becomes the sessions up to that calendar day (Friday and three days later
is Monday, one session on), for ``claims.extract.drafting``."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from marketfact.claims.extract.day import sessionslater
from marketfact.claims.extract.day.whenof import When

CALENDAR_TAILS = (("days", "later"), ("tage", "später"))
"""The last words of a phrase of ``sessionslater.PHRASES`` that counts calendar days, not sessions."""


def in_days(when: When) -> When:
    """``when`` with the session count of a calendar-day phrase made the weekdays up to that day (its note says the
    count as "N sessions after '<day>'"); other readings unchanged. Only for a day told with no shift of its own."""
    base = when.period
    note = next((n for n in when.notes if " sessions after " in n and n.startswith(("'", '"'))), None)
    if base is None or note is None or not base.single_day or not base.last:
        return when
    words = note[1 : note.index(note[0], 1)]
    if tuple(words.lower().split()[-2:]) not in CALENDAR_TAILS:
        return when
    n = sessionslater.count(words)
    if when.shift != n:
        return when
    start = date.fromisoformat(base.last)
    weekdays = sum((start + timedelta(days=k)).weekday() < 5 for k in range(1, n + 1))
    if weekdays == n or weekdays == 0:
        return when
    said = f"{n} sessions after {base.words!r}"
    now = "the session after" if weekdays == 1 else f"{weekdays} sessions after"
    notes = [x.replace(said, f"{now} {base.words!r}", 1) if x is note else x for x in when.notes]
    return dataclasses.replace(when, shift=weekdays, notes=notes)
