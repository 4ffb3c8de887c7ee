"""Which number a period belongs to when a sentence names several: a look back ("after a 0.4% gain on
Wednesday", "nachdem sie am Mittwoch 3,8 Prozent gestiegen war", "after both indexes had lost ground on Friday")
keeps its day to itself; the main clause's day reaches a number in a later clause that names none ("…, while
the Nasdaq added 0.5%"); "a day after jumping 4.3%" is the session before the previous number's day; no day
reaches across a semicolon. Used by ``claims.extract.day.periodof`` and ``claims.extract.day.whenof``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from marketfact.claims.extract import rules
from marketfact.claims.extract.day import indexrelative, parens, restated, runs
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.direction import directionwords
from marketfact.claims.extract.reading import SentenceView, hedge_before
from marketfact.claims.extract.subject import appositions
from marketfact.claims.numbers import Quantity
from marketfact.claims.periodwords import PeriodError, segments

if TYPE_CHECKING:
    from marketfact.claims.extract.decide import Context, Draft

PLUPERFECT = {"en": frozenset({"had"}), "de": frozenset({"hatte", "hatten", "war", "waren"})}
"""Auxiliaries that put a clause before the story's day ("had lost ground on Friday", "hatte 2 Prozent verloren")."""

DAY_AFTER = {
    "en": (("a", "day", "after"), ("the", "day", "after"), ("one", "day", "after"), ("a", "session", "after")),
    "de": (("einen", "tag", "nachdem"), ("einen", "tag", "nach"), ("am", "tag", "nachdem"), ("tags", "nachdem")),
}
"""Between two numbers: the second tells of the session before the first's ("slipped 0.3% a day after jumping
4.3%")."""


def stop_between(view: SentenceView, a: int, b: int) -> bool:
    """Whether a semicolon stands between offsets ``a`` and ``b``: the two parts tell apart."""
    lo, hi = min(a, b), max(a, b)
    return any(t.text == ";" for t in view.toks if lo <= t.start < hi)


def _stretch(view: SentenceView, pos: int) -> tuple[int, int]:
    """The stretch of the clause at ``pos`` from its start or the previous number up to the clause's end."""
    c0, c1 = view.clause(pos)
    return max([c0] + [o.span[1] for o in view.quantities if c0 <= o.span[1] <= pos]), c1


def tells_earlier(view: SentenceView, pos: int, pluperfect: bool = True) -> bool:
    """Whether the number or period at ``pos`` stands in a look back: a look-back word ("after", "adding to",
    "nachdem") before it in its stretch of the clause, or (with ``pluperfect``) a pluperfect auxiliary in that
    stretch ("had lost ground on Friday"; not a test for a clause of its own: "By Thursday the stock had
    steadied")."""
    s0, s1 = _stretch(view, pos)
    if any(t.low in rules.LOOK_BACK_LEADS[view.lang] for t in view.words_between(s0, pos)):
        return True
    return pluperfect and any(t.low in PLUPERFECT[view.lang] for t in view.words_between(s0, s1))


def in_insertion(view: SentenceView, pos: int) -> bool:
    """Whether ``pos`` stands in an insertion between the subject and its verb, with a number of its own ("Die Aktien
    des Chipausrüsters ASML, am Mittwoch mit einem Plus von 0,4 Prozent nur wenig bewegt, zogen um 2,75 Prozent an",
    "Nvidia – am Mittwoch noch mit einem Minus von 1,25 Prozent aus dem Handel gegangen – stiegen um 3,2 Prozent"):
    a clause between two commas or two dashes that follows the sentence's first clause, a subject with no number,
    period or move word. Its day is its own number's, not the main verb's."""
    if (bounds := appositions.enclosed(view, pos)) is None:
        return False
    c0, c1 = bounds
    h0, h1 = view.clause(c0 - 1)
    if h0 > max(view.sentence.start, view.body_start) or not any(h0 <= s.start < h1 for s in view.subjects):
        return False
    if any(h0 <= p.start < h1 for p in view.periods) or any(h0 <= w.start < h1 for w in view.directions):
        return False
    return any(c0 <= o.span[0] < c1 for o in view.quantities) and not any(h0 <= o.span[0] < h1 for o in view.quantities)


FROM_EVENT = {"de": frozenset({"vom", "von"}), "en": frozenset({"from"})}
_EVENTS = {
    "de": frozenset({"kurssturz", "ausverkauf", "absturz", "einbruch", "kurseinbruch", "crash", "kursrutsch", "tief"}),
    "en": frozenset({"rout", "selloff", "sell-off", "crash", "plunge", "slump", "collapse", "low"}),
}


def from_event(view: SentenceView, pos: int) -> bool:
    """Whether the words right before ``pos`` are "vom"/"from" and the noun of a fall, an article at most between
    ("erholten sich vom Kurssturz zum Wochenauftakt", "die Erholung vom Ausverkauf am Montag", "recovered from the
    rout"): what stands at ``pos`` (the fall's day, or the noun itself) tells of the fall, not of the move."""
    before = [t.low for t in view.toks if t.end <= pos and t.start >= view.sentence.start][-3:]
    if before and before[-1] in _EVENTS[view.lang]:
        before = before[:-1]  # the day after the noun: the words before the noun decide
    elif not any(t.start == pos and t.low in _EVENTS[view.lang] for t in view.toks):
        return False
    while before and before[-1] in ("dem", "the", "its", "their", "seinem", "ihrem"):
        before = before[:-1]
    return bool(before) and before[-1] in FROM_EVENT[view.lang]


def day_of_event_after(view: SentenceView, q: Quantity, p: PeriodSpan) -> bool:
    """ "down 1.4% after Thursday's gain of 0.5%", "0.4% lower after Thursday's record": a day said as the owner of an
    event right after a look-back word past ``q`` is that event's day, not ``q``'s."""
    between = [t.low for t in view.words_between(q.span[1], p.start)]
    day = next((t for t in view.toks if t.start < p.end <= t.end), None)
    possessive = day is not None and day.low.endswith(("'s", "’s"))
    said = all(w in directionwords.AFTER_NUMBER[view.lang] for w in between[:-1])  # "0.4% lower after …"
    return possessive and said and bool(between) and between[-1] in rules.LOOK_BACK_LEADS[view.lang]


def owner(view: SentenceView, p: PeriodSpan) -> Quantity | None:
    """The number nearest to ``p`` in its clause, if any."""
    c0, c1 = view.clause(p.start)
    numbers = [o for o in view.quantities if c0 <= o.span[0] < c1]
    return min(numbers, key=lambda o: max(o.span[0] - p.end, p.start - o.span[1], 0)) if numbers else None


def period_tells_earlier(view: SentenceView, p: PeriodSpan, pluperfect: bool = False) -> bool:
    """Whether period ``p`` is the day of a look back: "since"/"seit" right before a single day ("since its
    Feb. 3 close"; a count after "since" runs on from a day instead), or its number's (with none, its own)
    stretch looks back."""
    before = [t.low for t in view.toks if t.end <= p.start][-3:]
    if p.single_day and any(w in rules.SINCE_THEN[view.lang] or w in ("since", "seit") for w in before):
        return True
    o = owner(view, p)
    return tells_earlier(view, o.span[0] if o is not None and o.span[0] < p.start else p.start, pluperfect)


def _relative(view: SentenceView, pos: int) -> bool:
    """Whether the clause at ``pos`` opens with a relative pronoun (", whose shares gained 0.6% on Thursday,")."""
    c0, _ = view.clause(pos)
    first = next((t for t in view.toks if t.start >= c0), None)
    if first is None or c0 <= view.sentence.start or first.low not in rules.RELATIVE_PRONOUNS[view.lang]:
        return False
    return not any(m.start == first.end + 1 and m.entry is not None for m in view.mentions)  # ", der Nasdaq gab …"


def shared_day(view: SentenceView, q: Quantity) -> tuple[PeriodSpan, int, float, str] | None:
    """A day of another clause for ``q`` (whose own clause names none of its own): the nearest one of a clause
    without a number that is no aside and no look back ("after both indexes had lost ground on Friday"), else
    the day of the sentence's main move told before q."""
    numbered = [view.clause(o.span[0]) for o in view.quantities]
    free = [
        p
        for p in view.periods
        if view.clause(p.start) not in numbered
        and not view.is_aside(p.start)
        and not parens.in_clause_parenthesis(view, p.start)  # "(Tokyo was shut on Tuesday for a holiday)"
        and not appositions.describes_name(view, p.start)  # ", darlings of the AI trade until late January,"
        and not stop_between(view, p.start, q.span[0])
        and not period_tells_earlier(view, p)
        and not runs.names_a_run(view, p)  # "…, ending a three-day rally": the run's, not q's
    ]
    if free:
        return min(free, key=lambda p: max(q.span[0] - p.end, p.start - q.span[1], 0)), 0, 0.0, ""
    main = main_day(view, q)
    if main is None:
        return None
    return main, 0, 0.1, f"{main.words!r}, the day of the sentence's main move, read as shared"


def main_day(view: SentenceView, q: Quantity) -> PeriodSpan | None:
    """The single day of the sentence's main move told before ``q``, for q in a clause that names no period and
    looks back at nothing ("The S&P 500 rose 0.4% on Thursday after a 0.4% gain on Wednesday, while the Nasdaq
    added 0.5%"); never a day of a look back, a relative clause, an aside or an insertion with a number of its own."""
    here = view.clause(q.span[0])
    if tells_earlier(view, q.span[0]) or (_relative(view, q.span[0]) and not indexrelative.takes_day(view, here[0])):
        return None
    if any(here[0] <= p.start < here[1] and not day_of_event_after(view, q, p) for p in view.periods):
        return None
    opens = _opens_with(view, q)  # "hatte am Freitag bei 38.787 Punkten geschlossen, 0,7 Prozent unter dem Vortag"
    for p in view.periods:
        if p.end > q.span[0] or not (p.single_day or _opens_sentence(view, p)) or view.is_aside(p.start):
            continue
        if _relative(view, p.start) or period_tells_earlier(view, p, not (opens or _leads_sentence(view, p))):
            continue  # a semicolon stops no main day: "rose 2% on Tuesday, or 392 points; the S&P 500 rose 0.9%"
        if in_insertion(view, p.start) and view.clause(p.start) != here:
            continue  # ", am Mittwoch mit einem Plus von 0,4 Prozent nur wenig bewegt, zogen um 2,75 Prozent an"
        return p
    return None


def _opens_with(view: SentenceView, q: Quantity) -> bool:
    """Whether ``q`` (its hedge aside, or after a noun of the move: ", ein Minus von gut 4 Prozent") opens a clause
    after the sentence's first: an apposition to the move before it, whose day it shares even in the pluperfect."""
    c0, _ = view.clause(q.span[0])
    hedges = hedge_before(view, q)
    lead = [t for t in view.words_between(c0, hedges[0].start if hedges else q.span[0]) if t.kind == "word"]
    return c0 > view.sentence.start and (not lead or restated.move_noun(view, lead))


def _leads_sentence(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether day ``p`` opens the sentence ("On Wednesday X had slipped 1.1%, and Y lost 1.2%"): every clause's day."""
    lead = [t.low for t in view.toks if view.sentence.start <= t.start < p.start]
    return p.single_day and all(w in ("on", "am") for w in lead)


def _opens_sentence(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether span ``p`` opens its sentence ("Week to date the shares are up 6.8%, while …", "For the week so far
    the Dax …", "Für die Woche verzeichnete der S&P 500 …, der Nasdaq gab 0,5 Prozent ab"): the period of every clause
    after it that names none, as a leading day is."""
    lead = [t.low for t in view.toks if view.sentence.start <= t.start < p.start]
    return all(w in ("for", "over", "in", "so", "far", "für", "auf", "im", "über") for w in lead)  # "Für die Woche …"


def session_before_previous(
    view: SentenceView, q: Quantity, previous: Draft | None
) -> tuple[PeriodSpan, int, float, str] | None:
    """ "slipped 0.3% a day after jumping 4.3%": words between the previous number and ``q`` that put q on the
    session before the previous number's day (when they stand in q's clause and no period follows them there)."""
    if previous is None or previous.period is None or previous.anchor is not None:
        return None
    toks = view.words_between(previous.q.span[1], q.span[0])
    lows = [t.low for t in toks]
    for words in DAY_AFTER[view.lang]:
        for i in range(len(lows) - len(words) + 1):
            if tuple(lows[i : i + len(words)]) != words:
                continue
            c0, c1 = view.clause(q.span[0])
            if toks[i].start < c0 or any(toks[i].start <= p.start < c1 for p in view.periods):
                return None  # "…; the day after, it rose 8.9%" is no look back; a day of its own wins
            said = " ".join(t.text for t in toks[i : i + len(words)])
            base = previous.period
            return (
                base,
                previous.shift - 1,
                0.1,
                f"{said!r}: the session before {base.words!r}, the previous number's day",
            )
    return None


def day_after_phrase(view: SentenceView, q: Quantity) -> str | None:
    """ "came a day after Nvidia had jumped 3.1%", "kam einen Tag, nachdem die Aktie 3,1 Prozent gestiegen war": the
    words that put ``q`` on the session before the story's day, when they stand before q with no number between and
    q's clause names no period."""
    c0, c1 = view.clause(q.span[0])
    if any(c0 <= p.start < c1 for p in view.periods):
        return None
    start = max([view.sentence.start] + [o.span[1] for o in view.quantities if o.span[1] <= q.span[0]])
    toks = [t for t in view.words_between(start, q.span[0]) if t.text != ","]
    lows = [t.low for t in toks]
    for words in DAY_AFTER[view.lang]:
        for i in range(len(lows) - len(words) + 1):
            if tuple(lows[i : i + len(words)]) == words:
                return " ".join(t.text for t in toks[i : i + len(words)])
    return None


def several_periods(view: SentenceView, own: PeriodSpan | None) -> list[str]:
    """The period words of the sentence (with ``own``, the number's period from wherever it came) when they name
    two or more different days or spans; else []."""
    seen: dict[tuple[str, bool], str] = {}
    for p in [*view.periods, *([own] if own is not None else [])]:
        if p.last:
            seen.setdefault((p.last, p.single_day), p.words)
    return list(seen.values()) if len(seen) > 1 else []


_AND = {"de": frozenset({"und"}), "en": frozenset({"and", "but"})}  # "slipped 1.5% but ended the week down 1.3%"


def span_of_later_predicate(view: SentenceView, q: Quantity, p: PeriodSpan) -> bool:
    """ "kletterte um 3,1 Prozent und hat in dieser Woche bisher mehr als 7 Prozent zugelegt", "lost 0.95% and
    ended the week down 0.2%": a span named after a later number of the same subject, or after "und"/"and" right
    before that number ("but" too: "slipped 1.5% but ended the week down 1.3%"), belongs to that number's predicate,
    and the number before it is the day's move. A new subject between them ("Nvidia fell 5% and Broadcom lost 7% this
    week") leaves the span shared."""
    if p.single_day or p.start < q.span[1]:
        return False
    later = [o for o in view.quantities if o.span[0] >= q.span[1]]
    if not later:
        return False
    before_later = p.start < min(o.span[0] for o in later)
    if before_later and not any(t.low in _AND[view.lang] for t in view.words_between(q.span[1], p.start)):
        return False
    # "dropping 3.3% to leave it down more than 9% for the week": a pronoun is the same subject
    return not any(q.span[1] <= x.start < p.start and x.kind != "pronoun" for x in view.subjects)


SAME = {"en": frozenset({"same"}), "de": frozenset({"gleichen", "selben", "beiden"})}
"""Before a count of days: the days told before ("on the same two days", "an den gleichen beiden Tagen")."""
_PAIR_GLUE = {"en": frozenset({"on", "the", "over", "in", "respectively"}), "de": frozenset({"an", "den", "jeweils"})}


def same_days_lead(view: SentenceView, p: PeriodSpan) -> int | None:
    """Where "on the same" stands right before period ``p`` ("on the same two days"), or None."""
    before = [t for t in view.toks if t.end <= p.start][-3:]
    if not before or before[-1].low not in SAME[view.lang]:
        return None
    lead = [t for t in before[:-1] if t.low in _PAIR_GLUE[view.lang] | {"der", "die"}]
    return (lead[0] if lead else before[-1]).start


def paired_day(view: SentenceView, q: Quantity, ctx: Context) -> tuple[PeriodSpan, str] | None:
    """ "jumped 4.7% and 5.7% on Wednesday and Thursday", "dropped 4.9% and 5.7% on the same two days": numbers of
    one verb joined by "and" or a comma, right before a period of as many days (or "the same" count of days, the
    days told before), are one day each, in order. (q's day, a note) or None."""
    c0, c1 = view.clause(q.span[0])
    here = [o for o in view.quantities if c0 <= o.span[0] < c1 and o.kind == q.kind]
    if q not in here:
        return None
    glue = rules.COORDINATION[view.lang] | rules.RESPECTIVELY[view.lang]
    i = here.index(q)
    lo = hi = i
    while lo > 0 and all(t.low in glue for t in view.words_between(here[lo - 1].span[1], here[lo].span[0])):
        lo -= 1
    while hi + 1 < len(here) and all(t.low in glue for t in view.words_between(here[hi].span[1], here[hi + 1].span[0])):
        hi += 1
    run = here[lo : hi + 1]
    after = [p for p in view.periods if run[-1].span[1] <= p.start < c1]
    if len(run) < 2 or not after:
        return None
    p = min(after, key=lambda x: x.start)
    lead = same_days_lead(view, p)
    between = view.words_between(run[-1].span[1], lead if lead is not None else p.start)
    if any(t.low not in _PAIR_GLUE[view.lang] | glue for t in between):
        return None
    try:
        segs = segments(p.words, view.lang)
    except PeriodError:
        return None
    days = [x.day for x in segs if x.kind == "day" and x.day is not None]
    counts = [x.n for x in segs if x.kind == "count"]
    k = i - lo
    if len(days) == len(run) and not counts and p.last:
        last = date.fromisoformat(p.last)
        day = days[k]
        if day.ymd is not None:
            year, month, dom = day.ymd
            got = date(year or last.year, month or last.month, dom or 1)
        elif day.weekday is not None:
            got = last - timedelta(days=(last.weekday() - day.weekday) % 7)
        else:
            return None
        span = PeriodSpan(p.start, p.end, got.isoformat(), got.isoformat(), True)
        return span, f"{p.words!r}: its days, one for each number, in order: {day.text!r}"
    if lead is not None and counts == [len(run)] and not days:
        told: list[PeriodSpan] = []
        for d in ctx.days:
            if d.single_day and d.last and all(d.last != t.last for t in told):
                told.append(d)
        if len(told) < len(run):
            return None
        chosen = sorted(told[-len(run) :], key=lambda d: d.last)
        words = " ".join(t.text for t in view.toks if lead <= t.start < p.end)
        return chosen[k], f"{words!r}: the days named before, one for each number, in order: {chosen[k].words!r}"
    return None


def same_day_phrases(view: SentenceView) -> list[tuple[int, int, str]]:
    """Where the sentence says "during that session", "that day", "the same day" (rules.SAME_DAY): (start, end, the
    words), longest first at each place."""
    toks = [t for t in view.toks if t.kind == "word"]
    lows = [t.low for t in toks]
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        for words in sorted(rules.SAME_DAY[view.lang], key=len, reverse=True):
            if tuple(lows[i : i + len(words)]) == words:
                out.append(
                    (toks[i].start, toks[i + len(words) - 1].end, " ".join(t.text for t in toks[i : i + len(words)]))
                )
                i += len(words) - 1
                break
        i += 1
    return out


def compared_with(view: SentenceView, p: PeriodSpan) -> bool:
    """ "9,6 Prozent weniger als am 24. Januar", "1,6 Prozent höher als am 27. Januar": in German a comparison right
    after a number, with "als" before a single day, is measured from that day's close."""
    return any(compared_day(view, q) is p for q in view.quantities)


def _compared_als(view: SentenceView, q: Quantity) -> int | None:
    """Where "als" ends after "<number> weniger/mehr/höher/… als" in German, or None."""
    toks = [t for t in view.toks if t.start >= q.span[1]][:2]
    if view.lang != "de" or len(toks) < 2 or toks[0].low not in directionwords.COMPARED_AFTER["de"]:
        return None
    return toks[1].end if toks[1].low == "als" else None


def compared_before(view: SentenceView, q: Quantity) -> bool:
    """ "3,64 Euro mehr als am Vortag", "0,71 Dollar weniger als tags zuvor": a German comparison right after a number
    whose base is the session before: the number is the change on the day the sentence tells."""
    end = _compared_als(view, q)
    lows = tuple(t.low for t in view.toks if end is not None and t.start >= end)
    return any(lows[: len(words)] == words for words in rules.PREVIOUS_SESSION["de"])


def compared(view: SentenceView, q: Quantity) -> bool:
    """Whether a German comparison right after ``q`` names its base: a single day or the session before."""
    return compared_day(view, q) is not None or compared_before(view, q)


def compared_day(view: SentenceView, q: Quantity) -> PeriodSpan | None:
    """The single day after "<number> weniger/höher/… als" in German, or None."""
    end = _compared_als(view, q)
    if end is None:
        return None
    return next(
        (p for p in view.periods if p.single_day and p.start >= end and not view.words_between(end, p.start)),
        None,
    )
