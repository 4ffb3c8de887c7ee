"""The period a number of an article is about, as read from its sentence and the numbers before it: its own
words, the previous number's day when it tells more of the same move, "that Monday" as the day named before,
and a counted period anchored on the story's day. Used by ``claims.extract.extract`` for every claim it drafts."""

from __future__ import annotations

import dataclasses

from marketfact.claims.extract import closelevelof, kinds, periodclauses, rangeclose, rules, sinceclose
from marketfact.claims.extract.dayagain import said_anew, that_day
from marketfact.claims.extract.decide import Context, Draft
from marketfact.claims.extract.entities import Listing
from marketfact.claims.extract.periodof import PeriodReading, counts_forward, period_of, story_day
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.relativephrase import find_phrase
from marketfact.claims.extract.timewords import PeriodSpan, is_counted
from marketfact.claims.extract.toldbefore import another_subject, day_right_before, same_count
from marketfact.claims.extract.weekof import week_of_day
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
    notes: list[str] = []
    # "…, erasing $593bn": a participle clause tells more of the same move, so it shares its period
    participle = lang_is_en_participle(view, d_words, q)
    shares_move = not d_words or participle or kind == "record" or (kind in kinds.PRICE_KINDS and _same_move(view, q))
    if shares_move and d_words and kind in kinds.PRICE_KINDS and another_subject(view, q, previous):
        shares_move = False  # "…, and the Nasdaq Composite ended at 19,523.40": a close of its own, not the move's
    gapped_from = previous.period if previous is not None and shares_move else None
    if previous is not None and previous.after is not None and kind == kinds.CLOSE_LEVEL and _of_close(view, q):
        gapped_from = previous.after  # "slipped 0.4% from Thursday's record close of 22,612": the close's level
    period, shift, p_penalty, p_note = period_of(view, q, ctx, gapped_from, previous)
    if gapped_from is not None and period is gapped_from and shift == 0 and previous is not None and previous.shift:
        shift = previous.shift  # "another 5.7% the following session, to $308.55": that next session's close
    period, shift, p_penalty, p_note, told = _clause_day(
        view, q, ctx, previous, kind, (period, shift, p_penalty, p_note)
    )
    if told is None and kind in ("", kinds.POINTS_CHANGE) and shift == 0 and rangeclose.range_from_close(view, q):
        p_note, p_penalty = "", 0.0  # "Vom Kursrutsch am 3. Februar bis Donnerstag": both ends named, none carried
    notes += [p_note] if p_note else []
    after, after_shift = None, 0
    if told is None:
        period, after, after_shift, r_notes = _reference(view, q, ctx, kind, shift, period, previous)
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
    same = same_count(view, ctx, previous, period) if shift == 0 and after is None else None
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
    if several and period is not None and (p_note or anchor or after):  # the period was not q's own words
        named = ", ".join(repr(w) for w in several)
        notes.append(f"the sentence names several periods ({named}): which is this number's was inferred")
    return When(period, shift, anchor, forward, notes, p_penalty, after, a_shift, week_day is not None, after_shift)


def _clause_day(
    view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None, kind: str, read: PeriodReading
) -> tuple[PeriodSpan | None, int, float, str, PeriodSpan | None]:
    """The day of q as its clause tells it, from what ``period_of`` read (period, shift, penalty, note): "that Monday"
    or "The following Monday" as a day named before, the day of a clause opened by "when" (the close named before it,
    the day named right before it, else the previous number's), a record's move's day. (period, shift, penalty, note,
    the close named before a "when" clause or None)."""
    period, shift, p_penalty, p_note = read
    if shift == 0 and period is not None:
        again = not sinceclose.is_reference_close(view, period)  # "Seit dem Schlusskurs jenes Montags": _reference
        earlier = that_day(view, ctx, period) if again else None
        following = said_anew(view, ctx, period) if earlier is None else None
        if earlier is not None:
            p_note = f"{earlier[1]} {period.words!r}: the day named before, {earlier[0].words!r}"
            period, p_penalty = earlier[0], p_penalty + 0.1
        elif following is not None:
            period, p_note = following
            p_penalty += 0.1
    when = _when_clause(view, q, previous) if shift == 0 else None
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


def _reference(
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


def _same_move(view: SentenceView, q: Quantity) -> bool:
    """A level right after a move ("fell 3.07% to 19,341.83", "dropped $24.20 to $118.42") is where that move
    ended: it shares its day."""
    lows = [t.low for t in view.toks if t.end <= q.span[0]]
    return bool(lows) and lows[-1] in ("to", "at", "auf", "bei", "von", "of")


def _of_close(view: SentenceView, q: Quantity) -> bool:
    """ "… close of 22,612", "Schlusskurs von 57,10 Euro": the level is the close's named just before."""
    lows = [t.low for t in view.toks if t.end <= q.span[0]][-2:]
    return len(lows) == 2 and lows[-1] in ("of", "von") and lows[0] in sinceclose.CLOSE_WORDS[view.lang]


def _when_clause(view: SentenceView, q: Quantity, previous: Draft | None) -> str | None:
    """ "…it lost a day earlier, when its shares slid 17%": a clause opening with "when"/"als" and naming no
    day of its own tells of the previous number's day."""
    if previous is None:
        return None
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
