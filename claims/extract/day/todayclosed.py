"""A level or market value said of "today" on a day its exchange had no session (a Saturday column: "Und heute? …
der Konzern ist an der Börse knapp 3,2 Billionen Dollar wert", "Today the stock is worth …") is where it stood at the
close of the last session before that day: no trading since has moved it (before, "heute" resolved to no session and
the claim had no day). A move keeps no day: a day without trading has no move. Used by ``claims.extract.build``."""

from __future__ import annotations

from datetime import date

from marketfact.claims.extract import rules
from marketfact.claims.extract.decide import Draft
from marketfact.claims.extract.kind import kinds
from marketfact.claims.periods import NoSessionError

TODAY = rules.word_set("heute today")
LEVELS = frozenset({kinds.CLOSE_LEVEL, kinds.MARKET_CAP_LEVEL})
NOTE = (
    "period {words!r}: {day} had no session; a level said of that day stands at the close of the session before: {last}"
)


def last_close(d: Draft, exc: Exception, notes: list[str]) -> list[date] | None:
    """The last session before the sessionless day ``exc`` names, for a level or market value whose period is a
    word of today ("heute", "today"); else None."""
    if not isinstance(exc, NoSessionError) or d.kind not in LEVELS or d.period is None or d.shift:
        return None
    if not (exc.before < exc.day < exc.after) or d.period.words.lower().split()[-1] not in TODAY:
        return None
    notes.append(NOTE.format(words=d.period.words, day=exc.day.isoformat(), last=exc.before.isoformat()))
    return [exc.before]
