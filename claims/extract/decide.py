"""Number by number: is it a market claim, and if so about whom, which way, how hedged and when?

``decide`` looks at one quantity of one sentence and returns a ``Draft`` (a claim still to be built), a
``NonMarketNumber`` or an ``Unresolved`` name. Context from earlier sentences (names to refer back to,
the paragraph's period) comes in through ``Context``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marketfact.claims.extract import rules
from marketfact.claims.extract.entities import AliasEntry, Listing
from marketfact.claims.extract.model import NonMarketNumber, Unresolved
from marketfact.claims.extract.reading import SentenceView, Subject, Word
from marketfact.claims.extract.timewords import PeriodSpan
from marketfact.claims.hedges import HEDGES, UnknownHedgeError, read_hedge
from marketfact.claims.numbers import Quantity


@dataclass
class Context:
    """What earlier sentences leave behind for later ones."""

    named: list[tuple[int, int, AliasEntry, str]] = field(default_factory=list)  # sentence, paragraph, entry, words
    demoted: set[tuple[int, str]] = field(default_factory=set)  # (sentence, symbol): named, not as a subject
    paragraph_period: dict[int, PeriodSpan] = field(default_factory=dict)
    article_period: PeriodSpan | None = None
    frame: PeriodSpan | None = None  # the day a dateline or the title gives the article
    scene: dict[int, PeriodSpan] = field(default_factory=dict)  # per paragraph: a day named in a question
    live: bool = False  # a live ticker (entries opening with a clock time): an entry's day is the ticker's
    paragraph_subject: dict[int, tuple[AliasEntry, Listing]] = field(default_factory=dict)
    last_company: tuple[AliasEntry, Listing] | None = None  # the subject of the latest claim about a company
    last_day: tuple[PeriodSpan, int] | None = None  # the single day (and shift) of the latest claim told
    days: list[PeriodSpan] = field(default_factory=list)  # every single day the article named, in order


@dataclass
class Draft:
    """A claim in the making: everything read from the text, before ids and sessions."""

    view: SentenceView
    q: Quantity
    entry: AliasEntry
    listing: Listing
    subject_words: str
    direction: str
    direction_words: str
    hedge: str | None
    hedge_words: str
    intraday: bool
    period: PeriodSpan | None
    notes: list[str]
    penalty: float = 0.0
    subject: Subject | None = None
    shift: int = 0  # sessions before the period ("the previous session"): -1
    anchor: PeriodSpan | None = None  # a counted period ("over the two sessions") ends on this day
    forward: bool = False  # … or starts the session after it ("has since risen for three straight sessions")
    kind: str = ""  # a kind beyond percent moves (claims.extract.kinds): close_level, points_change, record …
    record: str = ""  # for kind record: lowest_close | highest_close | biggest_fall | biggest_rise
    since: PeriodSpan | None = None  # for kind record: the words after "since"/"seit"
    record_unit: str = ""  # for kind record: "money" for a record of market value ("so viel Börsenwert wie nie")


Outcome = Draft | NonMarketNumber | Unresolved
BOUNDS = {h.phrase: h.bound for h in HEDGES}


def non_claim(view: SentenceView, q: Quantity, kind: str, reason: str) -> NonMarketNumber:
    s = view.sentence
    return NonMarketNumber(" ".join(q.text.split()), kind, reason, s.text, s.index, q.span)


def tokens_after(view: SentenceView, q: Quantity, n: int) -> list[str]:
    return [t.low for t in view.toks if t.start >= q.span[1]][:n]


def not_price_cue(view: SentenceView, start: int, end: int) -> str | None:
    """The first word between ``start`` and ``end`` that marks a number as not about a price."""
    lang = view.lang
    toks = view.words_between(start, end)
    lows = [t.low for t in toks]
    for words in rules.NOT_MARKET_PHRASES[lang]:
        for i in range(len(lows) - len(words) + 1):
            if tuple(lows[i : i + len(words)]) == words:
                return " ".join(t.text for t in toks[i : i + len(words)])
    for t in toks:
        if t.low in rules.NOT_MARKET[lang] or rules.tail_in(t.low, rules.NOT_MARKET_TAILS[lang]):
            return t.text
    return None


def market_value_words(view: SentenceView) -> str | None:
    lows = [t.low for t in view.toks]
    for words in rules.MARKET_VALUE[view.lang]:
        for i in range(len(lows) - len(words) + 1):
            if tuple(lows[i : i + len(words)]) == words:
                return " ".join(t.text for t in view.toks[i : i + len(words)])
    return next((t.text for t in view.toks if t.low in rules.MARKET_VALUE_VERBS[view.lang]), None)


def _segment(view: SentenceView, q: Quantity) -> tuple[int, int]:
    """The stretch of q's clause between the neighbouring numbers: the words that belong to q alone."""
    c0, c1 = view.clause(q.span[0])
    prev_end = max((o.span[1] for o in view.quantities if o.span[1] <= q.span[0]), default=c0)
    next_start = min((o.span[0] for o in view.quantities if o.span[0] >= q.span[1]), default=c1)
    return max(c0, prev_end), min(c1, next_start)


def _gapped(view: SentenceView, seg: tuple[int, int], q: Quantity, skip: list[tuple[int, int]]) -> bool:
    """Whether q's words are only names, glue and hedges ("…, Broadcom um 17,4 Prozent"): the verb is shared."""
    spans = skip + [q.span] + [(m.start, m.end) for m in view.mentions] + [(p.start, p.end) for p in view.periods]
    for t in view.words_between(*seg):
        if any(s <= t.start and t.end <= e for s, e in spans):
            continue
        if t.kind == "punct" or t.low in rules.GAP_WORDS[view.lang] or t.low in rules.RESPECTIVELY[view.lang]:
            continue
        return False
    return True


def direction_of(
    view: SentenceView, q: Quantity, hedges: list[Word], previous: str | None
) -> tuple[str, str, float, str] | None:
    """(direction, the words that set it, confidence penalty, note) or None when no rise or fall is stated."""
    if q.sign:
        return ("up" if q.sign > 0 else "down"), q.text.split()[0] if q.text[0].isalpha() else q.text[0], 0.0, ""
    after = tokens_after(view, q, 1)
    if after and after[0] in rules.AFTER_NUMBER[view.lang]:
        return rules.AFTER_NUMBER[view.lang][after[0]], after[0], 0.0, ""
    seg = _segment(view, q)
    taken = [(h.start, h.end) for h in hedges]
    words = [w for w in view.directions if seg[0] <= w.start < seg[1] and not any(s <= w.start < e for s, e in taken)]
    if words:
        best = min(words, key=lambda w: (abs(w.start - q.span[0]), w.start > q.span[0]))
        kinds = {w.value for w in words}
        note = f"up and down words both near the number; took the nearest, {best.text!r}" if len(kinds) > 1 else ""
        return best.value, best.text, 0.15 if note else 0.0, note
    if previous and _gapped(view, seg, q, taken):
        return previous, "", 0.1, "no verb of its own: the direction is carried over from the same sentence"
    further = [t for t in view.words_between(seg[0], q.span[0]) if t.low in rules.FURTHER[view.lang]]
    if previous and further:
        # "tags darauf kamen weitere 4,9 Prozent hinzu": more of the move before it
        return previous, further[-1].text, 0.1, f"{further[-1].text!r}: more of the previous number's move"
    return _from_clause_before(view, q, taken)


def _from_clause_before(
    view: SentenceView, q: Quantity, taken: list[tuple[int, int]]
) -> tuple[str, str, float, str] | None:
    """ "verlor zwei Tage in Folge, insgesamt 10,3 Prozent", "legte zu, ebenso Nvidia mit 0,8 Prozent": a
    clause that is only a number (with names, hedges, periods and glue) takes the move of the nearest clause
    before it that has a move and no number of its own."""
    c0, c1 = view.clause(q.span[0])
    if c0 <= view.sentence.start:
        return None
    extra = rules.VERBLESS[view.lang] | rules.GAP_WORDS[view.lang]
    spans = taken + [q.span] + [(m.start, m.end) for m in view.mentions] + [(p.start, p.end) for p in view.periods]
    for t in view.words_between(c0, c1):
        if any(a <= t.start and t.end <= b for a, b in spans) or t.kind == "punct" or t.low in extra:
            continue
        return None
    numbered = {view.clause(o.span[0]) for o in view.quantities}
    for w in sorted((w for w in view.directions if w.start < c0), key=lambda w: -w.start):
        where = view.clause(w.start)
        if where in numbered or view.is_aside(w.start):
            return None
        return w.value, w.text, 0.1, f"a clause without a verb: the move {w.text!r} of the clause before it"
    return None


def hedge_of(view: SentenceView, q: Quantity, hedges: list[Word]) -> tuple[str | None, str, bool, float, str]:
    """(hedge for the claim file, the words as written, intraday?, penalty, note)."""
    c0, c1 = view.clause(q.span[0])
    numbered = {view.clause(o.span[0]) for o in view.quantities if o is not q}

    def applies(w: Word) -> bool:
        """In q's clause and nearer q than any other number there ("fiel zeitweise um mehr als 15 Prozent und
        schloss 12 Prozent tiefer"), or in an earlier clause of the sentence that has no number of its own."""
        where = view.clause(w.start)
        if c0 <= w.start < c1:
            here = [o for o in view.quantities if c0 <= o.span[0] < c1]
            span = (w.start, w.end)
            return min(here, key=lambda o: (_span_gap(span, o.span), o.span[0] < w.start)) is q
        return w.start < c0 and where not in numbered

    # Away from the number only words that set the basis alone count ("zeitweise"); "as much as" bounds
    # the value too, so it counts only right before the number (it is then among ``hedges``).
    basis = [
        w
        for w in view.basis_words
        if applies(w) and BOUNDS.get(w.value) is None and not any(h.start == w.start for h in hedges)
    ]
    phrases = [w.value for w in basis] + [h.value for h in hedges]
    written = " ".join(w.text for w in sorted(basis + hedges, key=lambda w: w.start))
    if not phrases:
        return None, "", False, 0.0, ""
    penalty, note = 0.0, ""
    try:
        reading = read_hedge(" ".join(phrases))
    except UnknownHedgeError as exc:
        # Two bounds ("as much as ~17 %"): the word next to the number wins; basis-only words cannot clash.
        phrases = [w.value for w in basis] + [hedges[-1].value]
        reading = read_hedge(" ".join(phrases))
        penalty, note = 0.15, f"hedge words disagree ({exc}); kept {hedges[-1].text!r}, the one next to the number"
    return " ".join(phrases), written, reading.basis is not None, penalty, note


def period_of(
    view: SentenceView, q: Quantity, ctx: Context, gapped_from: PeriodSpan | None, previous: Draft | None = None
) -> tuple[PeriodSpan | None, int, float, str]:
    """The period words for ``q`` (with a session shift for "the previous session" or "the following day"), a
    penalty and a note.

    In order: q's own clause; the previous number's period when q shares its verb; a clause of the
    sentence that has no number of its own and is no aside; the paragraph's last period; the article's.
    """
    c0, c1 = view.clause(q.span[0])
    seg = _segment(view, q)
    event = _day_beside_event(view, q)
    if event is not None:
        return event
    ahead = _relative_phrase(view, q, rules.NEXT_SESSION[view.lang])
    if ahead is not None:
        return _session_after(view, ctx, ahead, previous)
    before = _relative_phrase(view, q, rules.PREVIOUS_SESSION[view.lang])
    back = _relative_back(view, seg) or (before[0] if before is not None else None)
    in_clause = [p for p in view.periods if c0 <= p.start < c1]
    if back is not None:
        anchors = in_clause or view.periods
        if anchors:
            anchor = min(anchors, key=lambda p: _gap(p, q.span))
            return anchor, -1, 0.05, f"{back!r}: the session before {anchor.words!r}"
        story = ctx.paragraph_period.get(view.sentence.paragraph) or ctx.article_period
        if story is not None:
            return story, -1, 0.15, f"{back!r}: the session before {story.words!r}, the day of the story so far"
    # A period belongs to the number nearest to it in its clause ("fell 17% on Monday and 9% on Tuesday").
    numbers = [o for o in view.quantities if c0 <= o.span[0] < c1]
    own = [p for p in in_clause if min(numbers, key=lambda o: _gap(p, o.span)) is q and not _looks_past(view, q, p)]
    if own:
        return min(own, key=lambda p: _gap(p, q.span)), 0, 0.0, ""
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
    numbered = [view.clause(o.span[0]) for o in view.quantities]
    free = [p for p in view.periods if view.clause(p.start) not in numbered and not view.is_aside(p.start)]
    if free:
        return min(free, key=lambda p: _gap(p, q.span)), 0, 0.0, ""
    # "Nvidia fell 17% and the Nasdaq slid 3.1% on Monday" shares the day; "lost 5.2% after an 8.3% slump
    # on Monday" does not: a look back ("after", "nach") separates two days.
    for p in sorted(in_clause, key=lambda p: _gap(p, q.span)):
        between = view.words_between(min(q.span[1], p.end), max(q.span[0], p.start))
        if not any(t.low in rules.LOOK_BACK[view.lang] | rules.LOOK_BACK_LEADS[view.lang] for t in between):
            return p, 0, 0.1, f"{p.words!r} said of the next number in the clause, read as shared"
    inherited = ctx.paragraph_period.get(view.sentence.paragraph)
    if inherited is not None:
        return inherited, 0, 0.1, f"no period in this sentence: {inherited.words!r} carried over from the paragraph"
    scene = ctx.scene.get(view.sentence.paragraph)
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
        return False
    return any(t.low in rules.LOOK_BACK_LEADS[view.lang] for t in view.words_between(q.span[1], p.start))


def story_day(
    view: SentenceView, q: Quantity, ctx: Context, counted: PeriodSpan, forward: bool = False
) -> tuple[PeriodSpan | None, str]:
    """The day a counted period ("over the two sessions") ends on: the nearest single day the sentence names
    before the number, else the paragraph's day, the article's day, the dateline's. (None, "") when the
    article has named no day: the count then runs back from publication. ``forward``: the count runs on from
    that day instead ("It has since risen for three straight sessions")."""
    how = "counted on from" if forward else "counted back from"
    limit = min(q.span[0], counted.start) if forward else q.span[0]  # forward: a day named before the count
    here = [p for p in view.periods if p.single_day and p.end <= limit and p is not counted]
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
    return any(t.low in rules.SINCE_THEN[view.lang] for t in view.words_between(c0, counted.start))


def spare_day(view: SentenceView, q: Quantity) -> PeriodSpan | None:
    """ "slipped 1% on Thursday and extended the slide on Friday, dropping another 1.8%", "fiel am Montag um
    4,9 Prozent und setzte die Talfahrt am Dienstag fort, mit einem weiteren Minus von 5,7 Prozent": a day
    named after the numbers of an earlier clause whose numbers have a nearer day of their own belongs to the
    next number, when q's clause names none."""
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
    if not all(any(_gap(x, o.span) < _gap(p, o.span) for x in others) for o in numbers):
        return None
    return p


def _span_gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)


def _gap(p: PeriodSpan, span: tuple[int, int]) -> int:
    """Characters between a period phrase and a number (0 when they touch)."""
    return max(span[0] - p.end, p.start - span[1], 0)


def _relative_back(view: SentenceView, seg: tuple[int, int]) -> str | None:
    hit = _find_phrase(view, seg, rules.PREVIOUS_SESSION[view.lang])
    return hit[0] if hit is not None else None


def _find_phrase(
    view: SentenceView, span: tuple[int, int], table: tuple[tuple[str, ...], ...]
) -> tuple[str, int] | None:
    """The first phrase of ``table`` inside ``span``: (its words as written, where it ends)."""
    lows = [(t.low, t) for t in view.words_between(*span)]
    for words in table:
        for i in range(len(lows) - len(words) + 1):
            if tuple(w for w, _ in lows[i : i + len(words)]) == words:
                nxt = next((t for t in view.toks if t.start >= lows[i + len(words) - 1][1].end), None)
                if words[-1] in ("before", "after") and nxt is not None and nxt.kind == "word":
                    continue  # "during the session before paring its decline": "before" opens a clause
                return " ".join(t.text for _, t in lows[i : i + len(words)]), lows[i + len(words) - 1][1].end
    return None


def _relative_phrase(view: SentenceView, q: Quantity, table: tuple[tuple[str, ...], ...]) -> tuple[str, int] | None:
    """A relative day phrase ("the following day", "am Tag zuvor") that belongs to ``q``: in q's own stretch of
    its clause, or in the clauses before it that hold no number, when q's clause opens with "when"/"als"
    ("steadying the following day, when it edged up 0.1%") or those clauses open the sentence ("Am Tag zuvor,
    als die Zahlen …, hatte die Aktie 1,1 Prozent nachgegeben")."""
    hit = _find_phrase(view, _segment(view, q), table)
    if hit is not None and hit[1] > q.span[1]:
        # after q, the phrase is q's only when no day and no "before"/"then" stands between ("plunged 7.3% on
        # Wednesday before steadying the following day" tells of Wednesday)
        between = view.words_between(q.span[1], hit[1])
        if any(q.span[1] <= p.start < hit[1] for p in view.periods) or any(
            t.low in rules.LATER[view.lang] for t in between
        ):
            hit = None
    if hit is None:
        c0, _ = view.clause(q.span[0])
        prev_end = max((o.span[1] for o in view.quantities if o.span[1] <= q.span[0]), default=view.sentence.start)
        first = next((t for t in view.toks if t.start >= c0), None)
        opens_when = first is not None and first.low in ("when", "als")
        if prev_end < c0 and (opens_when or prev_end == view.sentence.start):
            hit = _find_phrase(view, (prev_end, c0), table)
    return hit


def _session_after(
    view: SentenceView, ctx: Context, ahead: tuple[str, int], previous: Draft | None
) -> tuple[PeriodSpan | None, int, float, str]:
    """ "rebounding 8.9% the following day", "tags darauf kamen weitere 4,9 Prozent hinzu": the session after the
    day told just before: the previous number's of the sentence, a day the sentence named before the phrase,
    the latest claim's, else the story's."""
    words, end = ahead
    if previous is not None and previous.period is not None:
        base, shift, how = previous.period, previous.shift, "the previous number's day"
    else:
        named = [p for p in view.periods if p.single_day and p.end <= end]
        if named:
            base, shift, how = named[-1], 0, "named before it"
        elif ctx.last_day is not None:
            base, shift = ctx.last_day
            how = "the day of the claim before"
        else:
            story = ctx.paragraph_period.get(view.sentence.paragraph) or ctx.article_period
            if story is None:
                return None, 0, 0.0, ""
            base, shift, how = story, 0, "the day of the story so far"
    return base, shift + 1, 0.1, f"{words!r}: the session after {base.words!r}, {how}"
