"""The period a number of an article is about, as read from its sentence and the numbers before it: its own
words, the previous number's day when it tells more of the same move, "that Monday" as the day named before,
and a counted period anchored on the story's day. Used by ``claims.extract.extract`` for every claim it drafts."""

from __future__ import annotations

import dataclasses

from marketfact.claims.extract import rules
from marketfact.claims.extract.day import perfectcount, periodclauses
from marketfact.claims.extract.day.dayagain import said_anew, that_day
from marketfact.claims.extract.day.periodof import PeriodReading, counts_forward, period_of, story_day
from marketfact.claims.extract.day.relativephrase import find_phrase
from marketfact.claims.extract.day.timewords import PeriodSpan, is_counted
from marketfact.claims.extract.day.toldbefore import another_subject, day_right_before, span_told
from marketfact.claims.extract.day.weekof import week_of_day
from marketfact.claims.extract.decide import Context, Draft
from marketfact.claims.extract.entities import Listing
from marketfact.claims.extract.kind import fromlevel, kinds
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.since import closelevelof, rangeclose, sinceclose
from marketfact.claims.extract.since.measuredfrom import reference_close
from marketfact.claims.numbers import Quantity
from marketfact.claims.periods import PeriodError, candidate_sessions, resolve_period


@dataclasses.dataclass(frozen=True)
class When:
    """The period a number is about, as read: the period, the sessions before it (``shift``), the day a counted
    period ends on (``anchor``) or starts after (``forward``), with notes and the penalty."""

    period: PeriodSpan | None
    shift: int
    anchor: PeriodSpan | None
    forward: bool
    notes: list[str]
    penalty: float
    after: PeriodSpan | None = None  # the close a move is measured from: it runs from the next session to period
    anchor_shift: int = 0  # the count ends this many sessions after ``anchor`` ("Tags darauf …, in zwei Handelstagen")
    week: bool = False  # the period is the week of ``anchor`` ("gained 14% on Tuesday, Jan. 21, and 20% that week")
    after_shift: int = 0  # the close measured from is this many sessions after ``after`` ("a day later, … Since then")


def when_of(view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None, d_words: str, kind: str) -> When:
    """The period of a number: its own words, or the previous number's when it tells more of the same move
    (a participle clause, no verb of its own, a record, a clause opened by "when"), "that Monday" as the
    day named before; a counted period ("over the two sessions") anchored on the story's day."""
    # "…, erasing $593bn": a participle clause tells more of the same move, so it shares its period
    participle = lang_is_en_participle(view, d_words, q)
    shares_move = not d_words or participle or kind == "record" or (kind in kinds.PRICE_KINDS and _same_move(view, q))
    if shares_move and d_words and kind in kinds.PRICE_KINDS and another_subject(view, q, previous):
        shares_move = False  # "…, and the Nasdaq Composite ended at 19,523.40": a close of its own, not the move's
    gapped_from = previous.period if previous is not None and shares_move else None
    if previous is not None and previous.after is not None and kind == kinds.CLOSE_LEVEL and _of_close(view, q):
        gapped_from = previous.after  # "slipped 0.4% from Thursday's record close of 22,612": the close's level
    period, shift, p_penalty, p_note = period_of(view, q, ctx, gapped_from, previous)
    shift, notes = fromlevel.session_before(view, q, period, shift)  # "fell from $206.38 to …": the close before
    shift = _shared_shift(view, period, shift, gapped_from, previous)
    period, shift, p_penalty, p_note, told = _clause_day(
        view, q, ctx, previous, kind, (period, shift, p_penalty, p_note)
    )
    if told is None and kind in ("", kinds.POINTS_CHANGE) and shift == 0 and rangeclose.range_from_close(view, q):
        p_note, p_penalty = "", 0.0  # "Vom Kursrutsch am 3. Februar bis Donnerstag": both ends named, none carried
    notes += [p_note] if p_note else []
    after, after_shift = None, 0
    if told is None:
        period, after, after_shift, r_notes = reference_close(view, q, ctx, kind, shift, period, previous)
        notes += r_notes
    got = _borrowed_span(view, q, ctx, previous, d_words, kind, shift) if after is None else None
    if got:
        period, shift, after, notes, p_penalty = *got[:4], p_penalty + got[4]
    anchor, forward, a_shift, a_notes = _anchor_of(view, q, ctx, period, shift, previous)
    week = period is not None and shift == 0 and anchor is None and after is None
    week_day = week_of_day(view, q, period) if week and period is not None else None
    if week_day is not None:  # the sessions say whether it is another week than publication's (build._week_of)
        anchor = week_day
    notes += a_notes
    same = span_told(view, q, ctx, previous, period, shift) if after is None else None
    if same is not None:  # "Broadcom fell 11.6% over the same five sessions": the span of the claim told before
        told_draft, note = same
        period, shift, after, after_shift = (
            told_draft.period,
            told_draft.shift,
            told_draft.after,
            told_draft.after_shift,
        )
        anchor, forward, a_shift = told_draft.anchor, told_draft.forward, told_draft.anchor_shift
        week_day = anchor if told_draft.anchor_week else None
        notes = [n for n in notes if n not in a_notes] + [note]
        p_penalty += 0.1
    elif gapped_from is not None and period is gapped_from and anchor is None and previous is not None:
        # "Broadcom fell 11.6% over the same five sessions and Microsoft 6.5%": the previous number's span, ending
        # where its own ends
        anchor, forward, a_shift = previous.anchor, previous.forward, previous.anchor_shift
        week_day = anchor if previous.anchor_week else None
    several = periodclauses.several_periods(view, period)
    # the period was not q's own words, or a count told in the present perfect runs up to now, past the day named
    to_now = period is not None and is_counted(period.words, view.lang) and perfectcount.after_day(view, q)
    if several and period is not None and (p_note or anchor or after or to_now):
        named = ", ".join(repr(w) for w in several)
        notes.append(f"the sentence names several periods ({named}): which is this number's was inferred")
    return When(period, shift, anchor, forward, notes, p_penalty, after, a_shift, week_day is not None, after_shift)


def _shared_shift(
    view: SentenceView, period: PeriodSpan | None, shift: int, gapped_from: PeriodSpan | None, previous: Draft | None
) -> int:
    """ "another 5.7% the following session, to $308.55": a number that shares the previous one's day shares its
    session shift too, that next session's close; not after where a move started ("from $206.38 to $191.33")."""
    if gapped_from is not None and period is gapped_from and shift == 0 and previous is not None and previous.shift:
        return 0 if fromlevel.starts_move(view, previous.q) else previous.shift
    return shift


def _clause_day(
    view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None, kind: str, read: PeriodReading
) -> tuple[PeriodSpan | None, int, float, str, PeriodSpan | None]:
    """The day of q as its clause tells it, from what ``period_of`` read (period, shift, penalty, note): "that Monday"
    or "The following Monday" as a day named before, the day of a clause opened by "when" (the close named before it,
    the day named right before it, else the previous number's), a record's move's day. (period, shift, penalty, note,
    the close named before a "when" clause or None)."""
    period, shift, p_penalty, p_note = read
    if shift == 0 and period is not None:
        again = not sinceclose.is_reference_close(view, period)  # "Seit dem Schlusskurs jenes Montags": reference_close
        # "Gegenüber dem Schlusskurs von 9.681 Yen an jenem Montag": the close's own level is of that Monday
        again = again or (kind == kinds.CLOSE_LEVEL and closelevelof.is_level_of_close(view, q))
        earlier = that_day(view, ctx, period) if again else None
        following = said_anew(view, ctx, period) if earlier is None else None
        if earlier is not None:
            p_note = f"{earlier[1]} {period.words!r}: the day named before, {earlier[0].words!r}"
            period, p_penalty = earlier[0], p_penalty + 0.1
        elif following is not None:
            period, p_note = following
            p_penalty += 0.1
    when = _when_clause(view, q) if shift == 0 else None
    told = None
    if shift == 0 and kind != "record":
        told = sinceclose.when_after_reference(view, q, previous.after if previous is not None else None)
    r0, r1 = view.clause(q.span[0])
    if told is not None:
        # "up 14% since the Jan. 27 rout, when it plunged nearly 21%": the day of the close named before
        opener = sinceclose.clause_opener(view, q.span[0]) or ""
        period, p_penalty = told, 0.1
        closed = all(p is not told for p in view.periods) or sinceclose.is_reference_close(view, told)
        what = "the day of the close named before it" if closed else "the day named right before it"
        p_note = f"{opener!r} opens the clause: {what}, {told.words!r}"
    elif kind == "record" and previous is not None and shift == 0 and not any(r0 <= p.start < r1 for p in view.periods):
        # "when its shares slid 17%, their biggest drop since March 2020": the record is that move's day (not when it
        # was set "a day after" it: "slipped 0.3% on Friday, a day after setting a record close" keeps Thursday)
        period, shift, p_penalty = previous.period, previous.shift, 0.05
        p_note = "the record is said of the move before it in the sentence: its day"
    elif when is not None and (right_before := day_right_before(view, q)) is not None:
        # "rose 2.4% this week, most of it on Monday, Feb. 10, when the power producer jumped 3.9%": that day
        period, shift, p_penalty = right_before, 0, 0.1
        p_note = f"{when!r} opens the clause: the day named right before it, {right_before.words!r}"
    elif when is not None and previous is not None:
        period, shift, p_penalty = previous.period, previous.shift, 0.1
        p_note = f"{when!r} opens the clause: the day of the previous number of the sentence"
    return period, shift, p_penalty, p_note, told


def before_the_open(when: When, view: SentenceView, ctx: Context, listing: Listing) -> When:
    """ "Börsen-Frühstück … vor dem Handelsstart, Mittwoch, 12. Februar 2025 … Der Dax schloss 0,6 Prozent höher": a
    day carried over from elsewhere (the title's, the dateline's, a lede's "heute") whose session on the claim's
    exchange had not opened when the article appeared told nothing yet; the move is of the session before it. Not in
    a live ticker, nor for a day the sentence names itself."""
    period = when.period
    if period is None or when.shift or when.after is not None or when.anchor is not None or ctx.live:
        return when
    if period in view.periods or ctx.published_at is None or not (listing.mic and listing.timezone):
        return when
    try:
        day = resolve_period(period.words, ctx.published_at, listing.mic, listing.timezone, view.lang).last
        started = candidate_sessions(ctx.published_at, listing.mic, 1, include_running=True)
    except (PeriodError, ValueError, IndexError):
        return when
    if not started or day <= started[-1]:
        return when
    note = sinceclose.NOT_OPENED_NOTE.format(words=period.words, mic=listing.mic)
    return dataclasses.replace(when, shift=-1, notes=[*when.notes, note])


def _anchor_of(
    view: SentenceView, q: Quantity, ctx: Context, period: PeriodSpan | None, shift: int, previous: Draft | None
) -> tuple[PeriodSpan | None, bool, int, list[str]]:
    """(the day a counted period ends on or runs on from, whether it runs on, sessions after that day, the note)."""
    if period is None or shift != 0 or not is_counted(period.words, view.lang):
        return None, False, 0, []
    forward = counts_forward(view, period)
    anchor, a_note = story_day(view, q, ctx, period, forward)
    again = that_day(view, ctx, anchor) if anchor is not None else None  # "On Tariff Monday …; over the next three"
    said = [f"{again[1]} {anchor.words!r}: the day named before, {again[0].words!r}"] if again and anchor else []
    anchor, a_shift = again[0] if again else anchor, 0
    nxt = None if forward or again else _next_day_before(view, q, previous, period)
    if nxt is not None:
        anchor, a_shift, a_note = nxt
    return anchor, forward and anchor is not None, a_shift, [a_note, *said] if anchor is not None else []


def _next_day_before(
    view: SentenceView, q: Quantity, previous: Draft | None, counted: PeriodSpan
) -> tuple[PeriodSpan, int, str] | None:
    """ "Tags darauf ging es um weitere 3,7 Prozent nach oben – in zwei Handelstagen summierte sich das Plus auf 8,8
    Prozent", "The following day it jumped another 4.3%, bringing its gain over the two sessions to 6.6%": a count
    after a number of the same sentence told as the session after a day ends on that session, when no day is named
    between them."""
    if previous is None or previous.view is not view or previous.shift != 1 or previous.period is None:
        return None
    if any(previous.q.span[1] <= p.start < q.span[0] and p is not counted for p in view.periods):
        return None
    day = previous.period
    note = f"{counted.words!r} counted back from the session after {day.words!r}, the previous number's day"
    return day, 1, note


def _borrowed_span(
    view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None, d_words: str, kind: str, shift: int
) -> tuple[PeriodSpan | None, int, PeriodSpan | None, list[str], float] | None:
    """The span of another claim a number with none of its own takes: its sentence's previous number's, when it has no
    verb ("…, Vistra 22.6%"), or the claim told before "im selben Zeitraum"; with a penalty to add."""
    shared = _shared_span(view, q, d_words, kind, shift, previous)
    if shared is not None:
        return shared[0], shift, shared[1], shared[2], 0.0
    same = _same_period(view, q, ctx, previous)
    return (*same, 0.1) if same is not None else None


def _shared_span(
    view: SentenceView, q: Quantity, d_words: str, kind: str, shift: int, previous: Draft | None
) -> tuple[PeriodSpan | None, PeriodSpan, list[str]] | None:
    """ "Oracle is up 7.4% since Monday's close, Vistra 22.6%": a percent move with no verb of its own, in a clause
    naming no period, shares the span of the previous number of its sentence: (its period, its close, a note)."""
    if previous is None or previous.view is not view or previous.after is None or shift != 0:
        return None
    r0, r1 = view.clause(q.span[0])
    if d_words or kind != "" or any(r0 <= p.start < r1 for p in view.periods):
        return None
    ref = previous.after
    return previous.period, ref, [f"since the close of {ref.words!r}, shared with the previous number of the sentence"]


def _same_period(
    view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None
) -> tuple[PeriodSpan, int, PeriodSpan | None, list[str]] | None:
    """ "Der Dax gewann im selben Zeitraum 0,3 Prozent, Schneider Electric verloren 3,4 Prozent", "down 8.7% over the
    same stretch": the period (shift and close measured from) of the claim told before, in the sentence or earlier,
    when q's clause names no other."""
    c0, c1 = view.clause(q.span[0])  # the phrase in q's clause or one before it in the sentence
    hit = find_phrase(view, (view.sentence.start, c1), rules.SAME_PERIOD[view.lang])
    if hit is None or any(c0 <= p.start < c1 for p in view.periods):
        return None
    if previous is not None and previous.view is view and previous.period is not None:
        told = (previous.period, previous.shift, previous.after)
    elif ctx.last_period is not None:
        told = ctx.last_period
    else:
        return None
    note = f"{hit[0]!r}: the period of the claim before, {told[0].words!r}, carried over from earlier"
    return told[0], told[1], told[2], [note]


def _same_move(view: SentenceView, q: Quantity) -> bool:
    """A level right after a move ("fell 3.07% to 19,341.83", "dropped $24.20 to $118.42") is where that move
    ended: it shares its day."""
    lows = [t.low for t in view.toks if t.end <= q.span[0]]
    return bool(lows) and lows[-1] in ("to", "at", "auf", "bei", "von", "of")


def _of_close(view: SentenceView, q: Quantity) -> bool:
    """ "… close of 22,612", "Schlusskurs von 57,10 Euro": the level is the close's named just before."""
    lows = [t.low for t in view.toks if t.end <= q.span[0]][-2:]
    return len(lows) == 2 and lows[-1] in ("of", "von") and lows[0] in sinceclose.CLOSE_WORDS[view.lang]


def _when_clause(view: SentenceView, q: Quantity) -> str | None:
    """ "…it lost a day earlier, when its shares slid 17%": a clause opening with "when"/"als" and naming no
    day of its own tells of the day right before it or the previous number's day."""
    c0, c1 = view.clause(q.span[0])
    if any(c0 <= p.start < c1 for p in view.periods):
        return None
    first = next((t for t in view.toks if t.start >= c0), None)
    return first.text if first is not None and first.low in ("when", "als", "wobei", "whereby") else None


def lang_is_en_participle(view: SentenceView, words: str, q: Quantity) -> bool:
    """Whether the direction word opens q's clause as an English -ing participle (", erasing …")."""
    if view.lang != "en" or not words.endswith("ing"):
        return False
    c0, _ = view.clause(q.span[0])
    first = next((t for t in view.toks if t.start >= c0), None)
    return first is not None and first.text == words
