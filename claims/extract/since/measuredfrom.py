"""The close a move is measured from ("since its Wednesday close", "Seit dem Kurssturz vom 27. Januar, …",
"Wer am 3. Februar Nvidia-Aktien kaufte, …", "… is still down 6.2%", "It has since gained 9.6%"): ``reference_close``
reads it for ``claims.extract.day.whenof``, with the day the move ends on and the notes."""

from __future__ import annotations

import dataclasses

from marketfact.claims.extract.day.dayagain import that_day
from marketfact.claims.extract.day.timewords import PeriodSpan, is_counted
from marketfact.claims.extract.decide import Context, Draft
from marketfact.claims.extract.kind import kinds
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.since import closelevelof, rangeclose, sinceclose
from marketfact.claims.numbers import Quantity
from marketfact.claims.periods import PeriodError, resolve_period


def reference_close(
    view: SentenceView, q: Quantity, ctx: Context, kind: str, shift: int, period: PeriodSpan | None,
    previous: Draft | None,
) -> tuple[PeriodSpan | None, PeriodSpan | None, int, list[str]]:  # fmt: skip
    """(the period, the close the move is measured from, sessions after that close's day, a note) for a move since a
    named close, its own
    ("since its Wednesday close") or one opening the sentence ("Seit dem Kurssturz vom 27. Januar, …, hat es sich
    um knapp 15 Prozent erholt"); (period, None, 0, []) for any other."""
    if (
        kind == kinds.CLOSE_LEVEL
        and shift == 0
        and period is not None
        and closelevelof.day_after_own_level(view, q, period)
        and sinceclose.is_reference_close(view, period)
    ):  # "ended at 39,461.47, up 1.28 pct, from Wednesday": the level is the close of the story's day
        end = sinceclose.end_of_move(view, q, ctx, period)
        if end is not None:
            return end, None, 0, [sinceclose.LEVEL_NOTE.format(ref=period.words, end=end.words)]
    if kind not in ("", kinds.POINTS_CHANGE) or shift != 0:
        return period, None, 0, []
    ranged = rangeclose.range_from_close(view, q)
    if ranged is not None:  # "Vom Schlusskurs des 3. Februar bis zum Freitag": the close and the day both named
        start, again = _close_again(view, ctx, ranged[0], [])
        return ranged[1], start, 0, [*again, rangeclose.RANGE_NOTE.format(ref=ranged[0].words, end=ranged[1].words)]
    bought = _bought(view, q, ctx)
    if bought is not None:  # "Wer am 3. Februar Nvidia-Aktien kaufte, konnte sich am Freitag über ein Plus …"
        return bought[0], bought[1], 0, bought[2]
    told = rangeclose.until_after_told(view, q, ctx, period)
    if told is not None and period is not None:  # "… schloss Broadcom bei 206,35 Dollar. Bis Freitag kletterte …"
        return period, told, 0, [rangeclose.UNTIL_NOTE.format(end=period.words, ref=told.words)]
    after = period if period is not None and sinceclose.is_reference_close(view, period) else None
    after = after or sinceclose.opening_reference(view, q) or sinceclose.reference_after(view, q)
    fronted = closelevelof.fronted_level_close(view, q) if after is None else None
    after = fronted if fronted is not None and sinceclose.is_reference_close(view, fronted) else after
    after = after or rangeclose.since_purchase(view, q, ctx)  # "Gemessen am Kaufkurs liege ich … im Plus"
    notes: list[str] = []
    after_shift = 0
    if after is None:
        after, notes = _still_since(view, q, ctx)
    if after is None:
        after, after_shift, notes = _since_then(view, q, ctx, previous, period)
    if after is None:
        return period, None, 0, []
    after, notes = _close_again(view, ctx, after, notes)
    end = sinceclose.end_of_move(view, q, ctx, after)
    said = {"end": end.words} if end is not None else {}
    note = (sinceclose.END_NOTE if said else sinceclose.OPEN_NOTE).format(ref=after.words, **said)
    return end, after, after_shift, [*notes, note]


def _close_again(view: SentenceView, ctx: Context, ref: PeriodSpan, notes: list[str]) -> tuple[PeriodSpan, list[str]]:
    """ "Seit dem Schlusskurs jenes Montags": a close named by a weekday said again is that of the day named before."""
    probe = ref
    if not ref.last and ctx.published_at is not None:  # the first day of a range read as one ("Montags bis …")
        try:
            last = resolve_period(ref.words, ctx.published_at, "XNYS", "America/New_York", view.lang).last
        except (PeriodError, ValueError):
            return ref, notes
        probe = dataclasses.replace(ref, last=last.isoformat())
    earlier = that_day(view, ctx, probe)
    if earlier is None:
        return ref, notes
    return earlier[0], [*notes, f"{earlier[1]} {ref.words!r}: the day named before, {earlier[0].words!r}"]


def _bought(view: SentenceView, q: Quantity, ctx: Context) -> tuple[PeriodSpan | None, PeriodSpan, list[str]] | None:
    """(the day the move ends on, the day of the purchase, the notes) for a buyer's gain or loss ("Wer am 3. Februar
    Nvidia-Aktien kaufte, konnte sich am Freitag über ein Plus von 11,3 Prozent freuen"); None for any other move."""
    bought = rangeclose.bought_on(view, q, ctx)
    if bought is None:
        return None
    ref, notes = bought
    end = sinceclose.end_of_move(view, q, ctx, ref)
    if end is None:
        return None, ref, [*notes, sinceclose.OPEN_NOTE.format(ref=ref.words)]
    if end not in view.periods:  # the story's day, not one the sentence names
        notes.append(sinceclose.END_NOTE.format(ref=ref.words, end=end.words))
    return end, ref, notes


STILL = {"en": frozenset({"still", "has", "have"}), "de": frozenset({"noch", "hat", "haben"})}


def _still_since(view: SentenceView, q: Quantity, ctx: Context) -> tuple[PeriodSpan | None, list[str]]:
    """ "… still down 6.2% from its Jan. 24 close. Constellation Energy, …, is still almost 10% lower.": in a
    sentence naming no period, right after one whose last claim was measured from a named close, a move said with
    "still"/"noch" or in the present perfect ("Nvidia has regained only about 1.4%", "hat … zugelegt") is measured
    from that close too."""
    ref = ctx.reference.get(view.sentence.paragraph)
    if ref is None or ref[0] != view.sentence.index - 1 or view.periods:
        return None, []
    word = next((t.text for t in view.words_between(*sinceclose.stretch(view, q)) if t.low in STILL[view.lang]), "")
    if not word:
        return None, []
    return ref[1], [f"{word!r}: the move since the close of {ref[1].words!r}, carried over from earlier"]


def _since_then(
    view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None, period: PeriodSpan | None
) -> tuple[PeriodSpan | None, int, list[str]]:
    """ "It has since gained 9.6%", "is up 11% since then", "since that Monday", "Seitdem hat sie sich … erholt":
    the day told before (the sentence's previous number's, else the latest claim's; "that Monday": the day named
    before), or the session after it when that was told as "the following session" ("a day later, to $191.60. Since
    then …"), is the close the move is measured from: (that day, the sessions after it, the notes). (None, 0, []) for
    any other number, or a count ("has since risen for three straight sessions": counted on from that day)."""
    words = sinceclose.since_then(view, q)
    if not words or (period is not None and is_counted(period.words, view.lang)):
        return None, 0, []
    s0, s1 = sinceclose.stretch(view, q)
    own = [p for p in view.periods if s0 <= p.start < s1 and p.single_day and not sinceclose.ends_move(view, p)]
    shift = 0
    if words.split()[-1].lower() in ("that", "jenem"):
        day = period if own and period is not None and period.single_day else None
    elif own:
        return None, 0, []  # a day of its own: "has since gained 5% on Friday"
    elif previous is not None and previous.view is view and previous.period is not None and previous.shift >= 0:
        day, shift = (previous.period, previous.shift) if previous.period.single_day else (None, 0)
    else:
        day, shift = ctx.last_day if ctx.last_day is not None and ctx.last_day[1] >= 0 else (None, 0)
    if day is None:
        return None, 0, []
    if shift:
        return day, shift, [f"{words!r}: the move since the session after {day.words!r}, the day told before"]
    return day, 0, [f"{words!r}: the move since the day told before, {day.words!r}"]
