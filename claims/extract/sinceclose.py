"""A move measured from a named close: "down almost 16% from its Jan. 24 close", "has climbed 5.9% since its
Wednesday close", "6.2% lower than at Wednesday's close", "seit dem Schlusskurs vom Freitag 0,1 Prozent im Plus",
"Gegenüber dem Schlusskurs vom Freitag … mehr als 5 Prozent". The day named is the reference, not the move's day:
the move runs from the session after it to the story's day (a day the sentence names before the number, else the
paragraph's, the story's or the dateline's; with none, the last session closed at publication). Used by
``claims.extract.whenof``; ``claims.extract.build`` turns it into sessions.
"""

from __future__ import annotations

from datetime import date, datetime

from marketfact.claims.extract import periodclauses
from marketfact.claims.extract.decide import Context, Draft
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.timewords import PeriodSpan
from marketfact.claims.numbers import Quantity
from marketfact.claims.periods import PeriodError, candidate_sessions, resolve_period
from marketfact.market.calendars import shift_sessions

CLOSE_WORDS = {
    "en": frozenset({"close", "closing", "closed"}),
    "de": frozenset(
        {"schlusskurs", "schlusskurses", "schlussstand", "schlussstands", "schluss", "handelsschluss", "börsenschluss"}
    ),
}
"""Words that make a day the reference of a move: its close."""

LEADS = {
    "en": frozenset({"since", "from", "than", "above", "below", "over", "under", "versus", "vs"}),
    "de": frozenset({"seit", "gegenüber", "über", "unter", "vergleich", "verglichen", "zum"}),
}
"""Words before the close named that make it the start of a move ("since", "from", "below", "gegenüber")."""

END_NOTE = (
    "since the close of {ref!r}: the move runs on from the session after the day named to {end!r}, the story's day"
)
OPEN_NOTE = (
    "since the close of {ref!r}: the move runs on from the session after the day named to the last session closed "
    "at publication"
)


def is_reference_close(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether single day ``p`` is named as the close a move is measured from: a lead word ("since", "from",
    "gegenüber") before it in its clause, with a close word ("close", "Schlusskurs") after that lead or right
    after the day ("its Jan. 24 close", "Thursday's record close"), and no number between."""
    if not p.single_day:
        return False
    c0, c1 = view.clause(p.start)
    s0 = max([c0] + [o.span[1] for o in view.quantities if o.span[1] <= p.start])
    before = [t.low for t in view.words_between(s0, p.end)][-8:]
    after = [t.low for t in view.toks if t.end > p.end and t.start < c1][:3]
    leads = [i for i, w in enumerate(before) if w in LEADS[view.lang]]
    if not leads:
        return False
    closes = CLOSE_WORDS[view.lang]
    return any(w in closes for w in before[leads[0] + 1 :]) or any(w in closes for w in after)


def end_of_move(view: SentenceView, q: Quantity, ctx: Context, ref: PeriodSpan) -> PeriodSpan | None:
    """The story's day a move since the close of ``ref`` runs to: a later single day the sentence names before
    ``q`` that looks back at nothing, else the paragraph's day (in a live ticker the ticker's), the story's, the
    dateline's; None when none is later than ``ref``."""
    here = [
        p
        for p in view.periods
        if p.single_day
        and p is not ref
        and p.end <= q.span[0]
        and p.last > ref.last
        and not periodclauses.period_tells_earlier(view, p)
        and not is_reference_close(view, p)
    ]
    if here:
        return max(here, key=lambda p: p.start)
    story = [ctx.paragraph_period.get(view.sentence.paragraph)]
    story += [ctx.frame, ctx.article_period] if ctx.live else [ctx.article_period, ctx.frame]
    return next((d for d in story if d is not None and d.last > ref.last), None)


def sessions(d: Draft, published_at: datetime, lang: str, notes: list[str]) -> list[date] | None:
    """The sessions of a move measured from the close of ``d.after``: the session after it to the day of
    ``d.period`` (with none, the last session closed at publication); None when they do not resolve."""
    mic, tz = d.listing.mic, d.listing.timezone
    if d.after is None or not (mic and tz):
        return None
    try:
        ref = resolve_period(d.after.words, published_at, mic, tz, lang).last
        if d.period is not None:
            last = resolve_period(d.period.words, published_at, mic, tz, lang).last
        else:
            last = candidate_sessions(published_at, mic, 1)[-1]
        first = shift_sessions(mic, ref, 1)
    except (PeriodError, ValueError, IndexError) as exc:
        notes.append(f"the close of {d.after.words!r} does not resolve to sessions: {exc}")
        d.penalty += 0.1
        return None
    if first > last:
        notes.append(f"the close of {d.after.words!r} ({ref}) is not before {last}: the move's sessions are unknown")
        d.penalty += 0.1
        return None
    notes.append(f"period from the session after the close of {d.after.words!r} ({ref}): {first} to {last}")
    return [first] if first == last else [first, last]
