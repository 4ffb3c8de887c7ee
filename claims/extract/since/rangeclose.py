"""A move from a close named with its end ("Vom Schlusskurs des 3. Februar bis zum Freitag", "from its Jan. 31 close to
Friday") and a buyer's gain or loss from the close of the day of purchase ("Wer am 3. Februar Nvidia-Aktien kaufte",
"investors who bought on Feb. 3"). Moved out of ``claims.extract.since.sinceclose``; used by
``claims.extract.day.whenof``.
"""

from __future__ import annotations

import itertools

from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.decide import Context
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.since.sinceclose import CLOSE_WORDS, EVENT_WORDS, RANGE_WORDS, clause_opener
from marketfact.claims.numbers import Quantity

RANGE_LEADS = {"en": frozenset({"from"}), "de": frozenset({"vom", "von"})}
"""Before a close that starts a range ("Vom Schlusskurs des 3. Februar bis zum Freitag", "from its Jan. 31 close to
Friday")."""
_RANGE_FILLERS = frozenset({"zu", "zum", "zur", "diesem", "dem", "the", "this"})
RANGE_NOTE = "from the close of {ref!r} to {end!r}, both named in the sentence: the move starts at that close"
BUY_WORDS = {
    "en": frozenset({"bought", "buying", "invested"}),
    "de": frozenset(
        {"kaufte", "kauften", "gekauft", "einstieg", "einstiegen", "eingestiegen", "investierte", "investierten"}
    ),
}
"""A purchase on a day said in a clause of who bought ("Wer am 3. Februar Nvidia-Aktien kaufte", "investors who
bought on Feb. 3"): a gain or loss said after it is measured from that day's close."""
BUYERS = {"en": frozenset({"who", "if", "anyone"}), "de": frozenset({"wer", "die", "der", "wenn", "falls"})}
FIRST_PERSON = {"en": frozenset({"i", "we"}), "de": frozenset({"ich", "wir"})}
"""Before the buy word opening its clause: the writer bought ("I bought Oracle at Monday's close")."""
BUY_NOTE = "{ref!r} is the day of the purchase ({word!r}): the move is measured from that day's close"
SAME_NOTE = "{words!r}: the day named before, {ref!r}, the day of the purchase told in the sentence before"


def range_from_close(view: SentenceView, q: Quantity) -> tuple[PeriodSpan, PeriodSpan] | None:
    """ "Vom Schlusskurs des 3. Februar bis zum Freitag hat Broadcom gut 3 Prozent gewonnen", "Vom Schlusskurs des 31.
    Januar bis zu diesem Freitag …", "Vom Tief am 28. Januar, als die Aktie bei 226,70 Euro schloss, bis zum
    Freitag": a close named after "vom"/"from" and a close word or the noun of a day's fall or low, and the day after
    "bis"/"to" that ends the range, with no number between but in a clause opened by "als"/"when" (that day's own):
    (the close, the end). A range read as one period ("3. Februar bis zum Freitag") is split at its "bis"."""
    for p in view.periods:
        if not _close_lead_before(view, p):
            continue
        if not p.single_day:
            return _split_range(view, p)
        for e in view.periods:
            between = [o for o in view.quantities if p.end <= o.span[0] < e.start]
            if e.start < p.end or not e.single_day or not all(clause_opener(view, o.span[0]) for o in between):
                continue
            lead = [t.low for t in view.words_between(p.end, e.start) if t.kind == "word"][-3:]
            if any(w in RANGE_WORDS for w in lead) and (
                q.span[0] > e.end or view.clause(q.span[0]) == view.clause(e.start)
            ):
                return p, e
    return None


def _close_lead_before(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether "vom"/"from" and a close word stand right before ``p`` ("Vom Schlusskurs des", "from its close on") or
    the close word right after it ("from its Jan. 31 close")."""
    c0, _ = view.clause(p.start)
    before = [t.low for t in view.words_between(c0, p.start) if t.kind == "word"][-4:]
    after = [t.low for t in view.toks if t.start >= p.end and t.kind == "word"][:1]
    leads = [i for i, w in enumerate(before) if w in RANGE_LEADS[view.lang]]
    if not leads:
        return False
    closes = CLOSE_WORDS[view.lang] | EVENT_WORDS[view.lang]
    return any(w in closes for w in before[leads[0] + 1 :]) or any(w in closes for w in after)


def _split_range(view: SentenceView, p: PeriodSpan) -> tuple[PeriodSpan, PeriodSpan] | None:
    """ "3. Februar bis zum Freitag" as (the first day, the last day), when its words are the text it stands for and
    its first part names a day in words ("27. bis 28. Januar" is left whole)."""
    if len(p.words) != p.end - p.start:
        return None
    toks = view.words_between(p.start, p.end)
    cut = next((i for i, t in enumerate(toks) if t.low in RANGE_WORDS), None)
    if cut is None or not any(t.kind == "word" for t in toks[:cut]):
        return None
    rest = toks[cut + 1 :]
    while rest and rest[0].low in _RANGE_FILLERS:
        rest = rest[1:]
    if not rest:
        return None
    a, b = toks[cut - 1].end, rest[0].start
    first = PeriodSpan(p.start, a, p.words[: a - p.start], "", True)
    return first, PeriodSpan(b, p.end, p.words[b - p.start :], p.last, True)


def bought_on(view: SentenceView, q: Quantity, ctx: Context) -> tuple[PeriodSpan, list[str]] | None:
    """ "Wer am 3. Februar Nvidia-Aktien kaufte, konnte sich am Freitag über ein Plus von 11,3 Prozent freuen",
    "Investors who bought Nvidia on Feb. 3 were up 11.3%": the day of a purchase said in a clause of who bought (it
    opens with "wer"/"die", or "who"/"if" stands before the verb), before ``q``. "am selben Tag",
    "on the same day" there is the day of the purchase the sentence before measured its move from. Returns (the
    day, its notes)."""
    for w in view.toks:
        if w.low not in BUY_WORDS[view.lang] or w.end > q.span[0]:
            continue
        c0, c1 = view.clause(w.start)
        opening = [t.low for t in view.words_between(c0, w.start) if t.kind == "word"]
        # "Bought NVDA at the close Monday", "I bought Oracle at Monday's close": the writer's own purchase
        own = not opening or opening[0] in FIRST_PERSON[view.lang]
        if not own and not (opening[0] in BUYERS[view.lang] or BUYERS[view.lang] & set(opening) & {"who", "if"}):
            continue
        days = [p for p in view.periods if c0 <= p.start < c1 and p.single_day and p.end <= q.span[0]]
        if days:
            return days[0], [BUY_NOTE.format(ref=days[0].words, word=w.text)]
        # "Anleger, die am selben Tag Oracle-Aktien gekauft hatten": the purchase the sentence before told of
        pairs = {(a.low, b.low): f"{a.text} {b.text}" for a, b in itertools.pairwise(view.words_between(c0, c1))}
        told = ctx.reference.get(view.sentence.paragraph)
        if told is not None and told[0] == view.sentence.index - 1 and _SAME_DAY[view.lang] in pairs:
            said = pairs[_SAME_DAY[view.lang]]
            return told[1], [
                SAME_NOTE.format(words=said, ref=told[1].words),
                BUY_NOTE.format(ref=told[1].words, word=w.text),
            ]
    return None


_SAME_DAY = {"en": ("same", "day"), "de": ("selben", "tag")}


UNTIL_NOTE = "{end!r} ends a move from the close of the day named before, {ref!r}, in the sentence before"


def until_after_told(view: SentenceView, q: Quantity, ctx: Context, period: PeriodSpan | None) -> PeriodSpan | None:
    """ "Am 29. Januar schloss Broadcom bei 206,35 Dollar. Bis Freitag kletterte die Aktie um 7,2 Prozent": a sentence
    that opens with "bis"/"until" and its day, and names no other before ``q``, tells a move from the close of the
    day of the claim told in the sentence before (of the same paragraph, an earlier day)."""
    if period is None or not period.single_day or period.end > q.span[0]:
        return None
    lead = [t.low for t in view.words_between(max(view.sentence.start, view.body_start), period.start)]
    if lead not in (["bis"], ["until"]) or any(p is not period and p.start < q.span[0] for p in view.periods):
        return None
    told = ctx.last_told
    if told is None or told.period is None or not told.period.single_day or told.shift or told.after is not None:
        return None
    before = told.view.sentence
    if before.index != view.sentence.index - 1 or before.paragraph != view.sentence.paragraph:
        return None
    return told.period if told.period.last and told.period.last < period.last else None


PURCHASE_PRICE = {
    "de": frozenset({"kaufkurs", "kaufkurses", "einstiegskurs", "einstiegskurses", "einstandskurs", "einstandskurses"}),
    "en": frozenset(),
}
"""Words of the price a purchase told before was made at: "Gemessen am Kaufkurs liege ich 6,4 Prozent im Plus"."""


def remember_purchase(view: SentenceView, ctx: Context) -> None:
    """The day of a purchase a sentence tells with one day ("Am Dienstag, 28. Januar, habe ich Oracle-Aktien
    gekauft"), for a move measured from the purchase price later (``since_purchase``)."""
    days = [p for p in view.periods if p.single_day]
    if len(days) == 1 and any(t.low in BUY_WORDS[view.lang] for t in view.toks):
        ctx.bought_day = days[0]


def since_purchase(view: SentenceView, q: Quantity, ctx: Context) -> PeriodSpan | None:
    """ "Gemessen am Kaufkurs liege ich damit 6,4 Prozent im Plus": a move in a clause that names the purchase price
    and no day is measured from the close of the day of the purchase told before."""
    c0, c1 = view.clause(q.span[0])
    if any(c0 <= p.start < c1 for p in view.periods):
        return None
    before = [t.low for t in view.words_between(view.sentence.start, c1)]
    return ctx.bought_day if any(w in PURCHASE_PRICE[view.lang] for w in before) else None
