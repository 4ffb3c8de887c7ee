"""Which period a number's move is told of: ``period_of`` reads the day words of one number (a day said relative
to another, a day of its sentence, or one carried over from the story so far), with a session shift, a penalty
and a note; ``story_day`` and ``counts_forward`` anchor a counted period ("over the two sessions") on the
story's day. ``claims.extract.day.whenof`` puts these together for every claim drafted."""

from __future__ import annotations

from datetime import date, timedelta

from marketfact.claims.extract import rules
from marketfact.claims.extract.day import (
    afterevent,
    listheads,
    parens,
    perfectcount,
    periodclauses,
    possessive,
    sessionslater,
)
from marketfact.claims.extract.day.dayowner import owner
from marketfact.claims.extract.day.relativephrase import find_phrase, relative_back, relative_phrase, session_after
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.decide import Context, Draft, not_price_cue, segment
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.since import closelevelof, sinceclose
from marketfact.claims.numbers import Quantity

PeriodReading = tuple[PeriodSpan | None, int, float, str]
"""(the period words, the session shift: -1 for the session before, a penalty, a note)."""


def period_of(
    view: SentenceView, q: Quantity, ctx: Context, gapped_from: PeriodSpan | None, previous: Draft | None = None
) -> PeriodReading:
    """The period words for ``q`` (with a session shift for "the previous session" or "the following day"), a
    penalty and a note.

    In order: a day said relative to another; q's own clause; the previous number's period when q shares its
    verb; a clause of the sentence that has no number of its own and is no aside or look back, or the day of the
    sentence's main move; the paragraph's last period; the article's."""
    paired = periodclauses.paired_day(view, q, ctx)
    if paired is not None:  # "jumped 4.7% and 5.7% on Wednesday and Thursday": one day each, in order
        return paired[0], 0, 0.1, paired[1]
    found = _relative_day(view, q, ctx, previous) or _this_day(view, q, ctx)
    if found is None:
        found = _day_in_sentence(view, q, gapped_from)
    return found if found is not None else _day_carried_over(view, ctx)


def _relative_day(view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None) -> PeriodReading | None:
    """A day said relative to another: "the day after its results on January 29", "the following day", "the
    previous session" (before a day of the sentence, else before the story's day)."""
    event = _day_beside_event(view, q) or afterevent.session_after(view, q)
    event = event or periodclauses.session_before_previous(view, q, previous)
    if event is not None:
        return event
    same = _same_day(view, q, ctx, previous)
    if same is not None:
        return same
    after = periodclauses.day_after_phrase(view, q) if previous is None or previous.view is not view else None
    story = ctx.paragraph_period.get(view.sentence.paragraph) or ctx.article_period
    if after is not None and story is not None:
        # "The selling came a day after Nvidia had jumped 3.1%": the session before the story's day
        return story, -1, 0.15, f"{after!r}: the session before {story.words!r}, the day of the story so far"
    later = sessionslater.a_day(view, relative_phrase(view, q, sessionslater.PHRASES[view.lang]))  # "Two … later"
    if later is not None:
        return session_after(view, ctx, later, previous, sessionslater.count(later[0]))
    ahead = relative_phrase(view, q, rules.NEXT_SESSION[view.lang])
    if ahead is not None:
        return session_after(view, ctx, ahead, previous)
    # in q's clause ("Vor drei Wochen schloss der Dax bei …": "drei" is a number, no bound) or a leading one
    week = find_phrase(view, view.clause(q.span[0]), rules.WEEK_BEFORE[view.lang])
    week = week or relative_phrase(view, q, rules.WEEK_BEFORE[view.lang])
    if week is not None and not any(view.clause(q.span[0]) == view.clause(p.start) for p in view.periods):
        return _week_before(view, ctx, week)
    before = relative_phrase(view, q, rules.PREVIOUS_SESSION[view.lang])
    back = relative_back(view, segment(view, q)) or (before[0] if before is not None else None)
    if back is None:
        return None
    c0, c1 = view.clause(q.span[0])
    anchors = [p for p in view.periods if c0 <= p.start < c1] or [p for p in view.periods if p.single_day]
    if anchors:
        anchor = min(anchors, key=lambda p: _gap(p, q.span))
        return anchor, -1, 0.05, f"{back!r}: the session before {anchor.words!r}"
    story = ctx.paragraph_period.get(view.sentence.paragraph) or ctx.article_period
    if story is not None:
        return story, -1, 0.15, f"{back!r}: the session before {story.words!r}, the day of the story so far"
    return None


THIS_DAY = {
    "de": (
        ("an", "diesem", "tag"), ("an", "jenem", "tag"), ("am", "selben", "tag"), ("am", "gleichen", "tag"),
        ("an", "diesem", "handelstag"), ("an", "jenem", "handelstag"),
    ),
    "en": (("on", "that", "day"), ("that", "day"), ("the", "same", "day"), ("that", "session")),
}  # fmt: skip
"""A day said again without its name: the day named last before it."""


def _this_day(view: SentenceView, q: Quantity, ctx: Context) -> PeriodReading | None:
    """ "Oracle, dessen Chef am Mittwoch auf einer Konferenz sprach, verlor an diesem Tag 2,8 Prozent", "Am Montag
    kündigte Constellation Energy einen Zukauf an. Die Aktie stieg an jenem Tag um 3,9 Prozent": in q's clause, which
    names no period, the day named last before it in the sentence (a relative clause's too), else the day the
    sentences before told last."""
    c0, c1 = view.clause(q.span[0])
    if any(c0 <= p.start < c1 for p in view.periods):
        return None
    hit = find_phrase(view, (c0, c1), THIS_DAY[view.lang])
    if hit is None:
        return None
    words, end = hit
    before = [p for p in view.periods if p.single_day and p.end <= end - len(words)]
    day, shift = (before[-1], 0) if before else ctx.last_day or (None, 0)
    if day is None:
        return None
    return day, shift, 0.1, f"{words!r}: the day named before, {day.words!r}"


def _same_day(view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None) -> PeriodReading | None:
    """ "lost 5.7% on Jan. 27 and as much as 8.2% during that session", "Oracle gained 0.4% the same day": a phrase of
    the day told before in q's stretch of its clause is the day the sentence named last before it (the session after
    it when the previous number was told so), else the previous number's day of the sentence, else the latest
    claim's."""
    s0, s1 = segment(view, q)
    hit = next(((a, w) for a, b, w in periodclauses.same_day_phrases(view) if s0 <= a < s1), None)
    if hit is None:
        return None
    named = [p for p in view.periods if p.single_day and p.end <= hit[0]]
    same_view = previous is not None and previous.view is view
    if named:  # "smaller than Nvidia's on Monday: the chipmaker shed nearly $593 billion that day"
        base = named[-1]
        shift = previous.shift if previous is not None and same_view and previous.period is base else 0
    elif previous is not None and same_view and previous.period is not None:
        base, shift = previous.period, previous.shift
    elif ctx.last_day is not None:
        base, shift = ctx.last_day
    else:
        return None
    return base, shift, 0.1, f"{hit[1]!r}: the same day as told before, {base.words!r}"


def _week_before(view: SentenceView, ctx: Context, week: tuple[str, int]) -> PeriodReading | None:
    """ "Eine Woche zuvor hatte sie bei 56,88 Euro geschlossen", "A week earlier it had jumped 5.2%": the same
    weekday a week before the day of the story so far (the paragraph's, the story's, the dateline's)."""
    words, end = week
    n = next((rules.WEEKS[w] for w in words.lower().split() if w in rules.WEEKS), 1)
    story = ctx.paragraph_period.get(view.sentence.paragraph) or ctx.article_period or ctx.frame
    if story is not None and story.single_day and story.last:
        base, what = date.fromisoformat(story.last), f"{story.words!r}, the day of the story so far"
    elif ctx.published is not None:  # "Vor drei Wochen schloss der Dax …" before any day: from publication
        base = ctx.published - timedelta(days=max(ctx.published.weekday() - 4, 0))
        what = f"{base.isoformat()!r}, the last weekday on or before publication"
    else:
        return None
    day = (base - timedelta(days=7 * n)).isoformat()
    span = PeriodSpan(end - len(words), end, day, day, True)
    return span, 0, 0.15, f"{words!r}: {'a week' if n == 1 else f'{n} weeks'} before {what}"


def _day_in_sentence(view: SentenceView, q: Quantity, gapped_from: PeriodSpan | None) -> PeriodReading | None:
    """A day the sentence itself names for ``q``: its own, one left over from the number before, the previous
    number's, a leading one, a later day it happened the session before, one of a clause without numbers, or
    one said of the next number in its clause."""
    c0, c1 = view.clause(q.span[0])
    # "erholten sich vom Kurssturz zum Wochenauftakt um 4,7 Prozent": the fall's day is not the move's
    in_clause = [p for p in view.periods if c0 <= p.start < c1 and not periodclauses.from_event(view, p.start)]
    in_clause = [p for p in in_clause if not parens.in_clause_parenthesis(view, p.start)]  # "(Tokyo was shut today)"
    in_clause = [p for p in in_clause if not possessive.of_other(view, p, q)]  # "Wednesday's 7.3% plunge": its own
    in_clause = [p for p in in_clause if not afterevent.inside(view, p.start, q)]  # "nach dem Minus vom Montag"
    # A period belongs to the number nearest to it in its clause ("fell 17% on Monday and 9% on Tuesday").
    numbers = [o for o in view.quantities if c0 <= o.span[0] < c1]
    own = [p for p in in_clause if owner(view, p, numbers) is q and not _looks_past(view, q, p)]
    own = [p for p in own if not periodclauses.span_of_later_predicate(view, q, p)]
    if own:
        return min(own, key=lambda p: _gap(p, q.span)), 0, 0.0, ""
    if (apposed := closelevelof.apposed_day(view, q)) is not None:  # "Seit dem Schlusskurs vom Freitag, 174,46 Dollar,"
        return apposed, 0, 0.0, ""
    spare = spare_day(view, q)
    if spare is not None:
        return spare, 0, 0.1, f"{spare.words!r} named after the previous number, which has a day of its own"
    if gapped_from is not None:
        return gapped_from, 0, 0.0, f"{gapped_from.words!r} shared with the previous number of the sentence"
    # "Am Montag brach Nvidia um 17 Prozent ein und Broadcom verlor 17,4 Prozent": a leading period is shared.
    leading = [p for p in in_clause if all(p.end <= o.span[0] for o in numbers)]
    if leading:
        return leading[-1], 0, 0.0, ""
    # "brach zunächst um 12 Prozent ein, ehe am Mittwoch eine Erholung folgte", "fell 12% before rebounding
    # 4% on Tuesday": a move told before a later day is the session before that day.
    later = sorted((p for p in view.periods if p.start >= q.span[1] and p.single_day), key=lambda p: p.start)
    for p in later[:1]:
        between = view.words_between(q.span[1], p.start)
        word = next((t.text for t in between if t.low in rules.LATER[view.lang]), None)
        if word is not None:
            return p, -1, 0.1, f"{word!r} {p.words!r} follows: the move before it was the session before"
    shared = periodclauses.shared_day(view, q)
    if shared is not None:
        return shared
    # "Nvidia fell 17% and the Nasdaq slid 3.1% on Monday" shares the day; "lost 5.2% after an 8.3% slump
    # on Monday" does not: a look back ("after", "nach") separates two days.
    for p in sorted(in_clause, key=lambda p: _gap(p, q.span)):
        if periodclauses.span_of_later_predicate(view, q, p) or sinceclose.is_reference_close(view, p):
            continue  # "added 0.4% and now trades 3.3% above where it ended on Jan. 24": not the 0.4%'s day
        between = view.words_between(min(q.span[1], p.end), max(q.span[0], p.start))
        if not any(t.low in rules.LOOK_BACK[view.lang] | rules.LOOK_BACK_LEADS[view.lang] for t in between):
            return p, 0, 0.1, f"{p.words!r} said of the next number in the clause, read as shared"
    return None


def _day_carried_over(view: SentenceView, ctx: Context) -> PeriodReading:
    """No day in the sentence: the paragraph's, a scene set in a question, the story's, the dateline's or title's
    (in a live ticker the day of the ticker comes before the story's)."""
    after = ctx.next_day.get(view.sentence.paragraph)
    if after is not None:
        base, shift, words = after
        return base, shift, 0.1, f"{words!r}: the session after {base.words!r}, told in a sentence before it"
    inherited = ctx.paragraph_period.get(view.sentence.paragraph)
    if inherited is not None:
        return inherited, 0, 0.1, f"no period in this sentence: {inherited.words!r} carried over from the paragraph"
    heading = listheads.heading_day(view, ctx)  # "- Microsoft slipped 1.5%." under "STOCKS (also on Friday)"
    if heading is not None:
        return heading
    para = view.sentence.paragraph
    scene = ctx.scene.get(para) or (ctx.scene.get(para - 1) if para - 1 not in ctx.stated else None)
    if scene is not None:
        return scene, 0, 0.15, f"no period in this sentence: {scene.words!r} set the scene in a question before it"
    if ctx.article_period is not None and not (ctx.live and ctx.frame is not None):
        words = ctx.article_period.words
        return ctx.article_period, 0, 0.15, f"no period in this paragraph: {words!r} carried over from earlier"
    if ctx.frame is not None:
        return ctx.frame, 0, 0.15, f"no day named: {ctx.frame.words!r}, the day of the dateline or title"
    return None, 0, 0.0, ""


_EVENT_DAY = {
    "en": {
        ("the", "day", "after"): 1,
        ("a", "day", "after"): 1,
        ("the", "day", "before"): -1,
        ("a", "day", "before"): -1,
    },
    "de": {
        ("am", "tag", "nach"): 1,
        ("einen", "tag", "nach"): 1,
        ("am", "tag", "vor"): -1,
        ("einen", "tag", "vor"): -1,
    },
}
"""Words that put a move one session after or before an event whose day follows ("the day after its results on
January 29", "am Tag nach den Zahlen vom 29. Januar")."""


def _day_beside_event(view: SentenceView, q: Quantity) -> tuple[PeriodSpan, int, float, str] | None:
    """ "fell 6.2% the day after its results on January 29": the session after the day of the event named."""
    c0, c1 = view.clause(q.span[0])
    toks = view.words_between(c0, c1)
    lows = [t.low for t in toks]
    for i in range(len(lows) - 2):
        shift = _EVENT_DAY[view.lang].get((lows[i], lows[i + 1], lows[i + 2]))
        if shift is None:
            continue
        end = toks[i + 2].end
        days = [p for p in view.periods if end <= p.start < c1 and p.single_day]
        if not days or any(end <= o.span[0] < days[0].start for o in view.quantities):
            continue
        if any(q.span[1] <= o.span[0] < toks[i].start for o in view.quantities if o is not q):
            continue  # another number stands between q and the phrase
        words = " ".join(t.text for t in toks[i : i + 3])
        return days[0], shift, 0.1, f"{words!r} {days[0].words!r}: the session {'after' if shift > 0 else 'before'} it"
    return None


def _looks_past(view: SentenceView, q: Quantity, p: PeriodSpan) -> bool:
    """ "rose 0.9% after two days of gains": a span after q behind a look-back word tells of the days before
    q's move, not of q."""
    if p.single_day or p.start < q.span[1]:
        return p.start >= q.span[1] and periodclauses.day_of_event_after(view, q, p)
    return sessionslater.looks_back(view, q.span[1], p)  # "rose 0.9% after two days", not "over the following two"


def story_day(
    view: SentenceView, q: Quantity, ctx: Context, counted: PeriodSpan, forward: bool = False
) -> tuple[PeriodSpan | None, str]:
    """The day a counted period ("over the two sessions") ends on: the nearest single day the sentence names
    before the number (not one of a look back, nor one of another clause in the pluperfect when q's is not: "Schon am
    Mittwoch hatten die Papiere fast 5 Prozent gewonnen, auf Zweitagessicht steht damit ein Plus von 8,8 Prozent"),
    else the paragraph's day, the article's day, the dateline's. (None, "") when the
    article has named no day: the count then runs back from publication. ``forward``: the count runs on from
    that day instead ("It has since risen for three straight sessions")."""
    how = "counted on from" if forward else "counted back from"
    limit = min(q.span[0], counted.start) if forward else q.span[0]  # forward: a day named before the count
    here = [p for p in view.periods if p.single_day and p.end <= limit and p is not counted]
    past, own = not periodclauses.tells_earlier(view, q.span[0]), view.clause(q.span[0])  # (not "extending Friday's")
    here = [p for p in here if not periodclauses.period_tells_earlier(view, p, past and view.clause(p.start) != own)]
    if not forward and any(perfectcount.runs_to_now(view, q, p) for p in here):
        return None, ""  # "jumped 2.2% on Wednesday and has gained 3.9% over the past three sessions": up to now
    if here:
        nearest = max(here, key=lambda p: p.start)
        return nearest, f"{counted.words!r} {how} {nearest.words!r}, named before it in the sentence"
    for day, where in (
        (ctx.paragraph_period.get(view.sentence.paragraph), "the paragraph's day"),
        (ctx.article_period, "the day of the story so far"),
        (ctx.frame, "the dateline's day"),
    ):
        if day is not None:
            return day, f"{counted.words!r} {how} {day.words!r}, {where}"
    return None, ""


def counts_forward(view: SentenceView, counted: PeriodSpan) -> bool:
    """Whether "since"/"seitdem" stands before the counted period in its clause: the count runs on from the
    day the article named ("It has since risen for three straight sessions")."""
    c0, _ = view.clause(counted.start)
    since = any(t.low in rules.SINCE_THEN[view.lang] for t in view.words_between(c0, counted.start))
    return since or sessionslater.runs_on(view, counted)  # "Over the next three sessions"


def spare_day(view: SentenceView, q: Quantity) -> PeriodSpan | None:
    """ "slipped 1% on Thursday and extended the slide on Friday, dropping another 1.8%", "fiel am Montag um
    4,9 Prozent und setzte die Talfahrt am Dienstag fort, mit einem weiteren Minus von 5,7 Prozent": a day
    named after the numbers of an earlier clause whose numbers have a nearer day of their own or are no price
    ("Die Inflationsrate von 3,0 Prozent hat heute in Tokio kaum Spuren hinterlassen: Der Nikkei stieg …") belongs
    to the next number, when q's clause names none."""
    c0, c1 = view.clause(q.span[0])
    if any(c0 <= p.start < c1 for p in view.periods):
        return None
    before = [p for p in view.periods if p.single_day and p.end <= c0]
    if not before:
        return None
    p = max(before, key=lambda p: p.start)
    if any(p.end <= o.span[0] < q.span[0] for o in view.quantities if o is not q):
        return None  # another number stands between the day and q
    p0, p1 = view.clause(p.start)
    numbers = [o for o in view.quantities if p0 <= o.span[0] < p1]
    if not numbers or any(o.span[1] > p.start for o in numbers):
        return None
    others = [x for x in view.periods if p0 <= x.start < p1 and x is not p]
    priced = [o for o in numbers if not_price_cue(view, p0, o.span[0]) is None]
    if not all(any(_gap(x, o.span) < _gap(p, o.span) for x in others) for o in priced):
        return None
    return p


def _gap(p: PeriodSpan, span: tuple[int, int]) -> int:
    """Characters between a period phrase and a number (0 when they touch)."""
    return max(span[0] - p.end, p.start - span[1], 0)
