"""A move measured from a named close: "down almost 16% from its Jan. 24 close", "has climbed 5.9% since its Wednesday
close", "6.2% lower than at Wednesday's close", "seit dem Schlusskurs vom Freitag 0,1 Prozent im Plus", "Gegenüber
dem Schlusskurs vom Freitag … mehr als 5 Prozent". The day named is the reference, not the move's day: the move runs
from the session after it to the story's day (a day the sentence names before the number, else the paragraph's, the
story's or the dateline's; with none, the last session closed at publication). Used by ``day.whenof``; ``build``
turns it into sessions."""

from __future__ import annotations

from datetime import date, datetime

from marketfact.claims.extract import rules
from marketfact.claims.extract.day import periodclauses
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.decide import Context, Draft
from marketfact.claims.extract.direction import directionwords
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.since import closelevelof, downon, sinceevent, standsnow
from marketfact.claims.numbers import Quantity
from marketfact.claims.periods import PeriodError, candidate_sessions, resolve_period
from marketfact.market.calendars import shift_sessions

CLOSE_WORDS = {
    "en": frozenset({"close", "closing", "closed", "finished", "ended", "settled"}),
    "de": frozenset(
        {"schlusskurs", "schlusskurses", "schlussstand", "schlussstands", "schluss", "handelsschluss", "börsenschluss"}
    ),
}
"""Words that make a day the reference of a move: its close ("from its Jan. 24 close", "below where it finished on
Friday, Jan. 24")."""

EVENT_WORDS = {
    "en": frozenset({"rout", "selloff", "sell-off", "crash", "plunge", "slump", "collapse", "low", "trough"}),
    "de": frozenset(
        {"kurssturz", "ausverkauf", "absturz", "einbruch", "kurseinbruch", "crash", "kursrutsch", "tief", "tiefpunkt"}
    ),
}
"""Nouns of a day's fall or low: "since the Jan. 27 rout", "Seit dem Tief vom 4. Februar" is since that day's close."""
LEVEL_NOUNS = {"de": frozenset({"stand", "stands", "standes", "niveau", "niveaus"})}
_ARTICLES = frozenset({"dem", "den", "das", "des", "zum", "vom"})
"""A day's level is its close ("über dem Stand vom 24. Januar", "unter dem Niveau vom 27. Januar") when an article
stands right before the noun: the verb "stand" ("Unter dem Strich stand am Freitag ein Plus …") is none."""

LEADS = {
    "en": rules.word_set("since from than above below shy short over under versus vs compared"),
    "de": frozenset({"seit", "gegenüber", "über", "unter", "vergleich", "verglichen", "zum", "vom"}),
}
"""Words before the close named that make it the start of a move ("since", "from", "below", "gegenüber")."""
WHERE = {"en": "where"}
"""Right after a lead ("below where it stood on Monday"): the close of the day named after it, whatever the verb."""
DIRECT_LEADS = {"en": frozenset({"from", "versus", "vs"}), "de": frozenset({"gegenüber"})}
"""Right before a day, these make it the close a move is measured from even with no word for the close:
"up 278.28 points, or 0.72 pct, from Monday", "ein Plus von 0,61 Prozent gegenüber Mittwoch"."""
RANGE_WORDS = frozenset({"to", "through", "until", "till", "bis"})

END_NOTE = (
    "since the close of {ref!r}: the move runs on from the session after the day named to {end!r}, the story's day"
)
LEVEL_NOTE = (
    "{ref!r} is the close the sentence's move is measured from: the level is the close of {end!r}, the story's day"
)
NOT_OPENED_NOTE = (
    "the session of {words!r} had not opened on {mic} when the article appeared: the move told is of the one before"
)
OPEN_NOTE = (
    "since the close of {ref!r}: the move runs on from the session after the day named to the last session closed "
    "at publication"
)


def is_reference_close(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether day ``p`` is named as the close a move is measured from: a lead word ("since", "from",
    "gegenüber") before it in its clause, with a close word ("close", "Schlusskurs") or the noun of a day's fall
    ("rout", "Kurssturz") after that lead or right after the day ("its Jan. 24 close", "Thursday's record close",
    "since the Jan. 27 rout", "Seit dem Kurssturz vom 27. Januar"), and no number between."""
    since_span = not p.single_day and p.words.split()[0].lower() in ("since", "seit")
    if not (p.single_day or since_span):
        return False
    c0, c1 = view.clause(p.start)
    c0 = sinceevent.noun_start(view, p, c0)  # "Seit dem Crash-Montag (27. Januar)": the day of the noun before it
    s0 = max(
        [c0]
        + [o.span[1] for o in view.quantities if o.span[1] <= p.start and not closelevelof.is_level_of_close(view, o)]
    )
    # eight words before the day, and the day's own ("below where it closed on Friday, Jan. 24")
    before = [t.low for t in view.words_between(s0, p.start)][-8:] + [t.low for t in view.words_between(p.start, p.end)]
    after = [t.low for t in view.toks if t.end > p.end and t.start < c1][:3]
    leads = [i for i, w in enumerate(before) if w in LEADS[view.lang] or downon.is_lead(before, i, after)]
    if not leads:
        return periodclauses.compared_with(view, p)  # "9,6 Prozent weniger als am 24. Januar"
    marks = CLOSE_WORDS[view.lang] | EVENT_WORDS[view.lang]
    if any(_marks(w, marks, view.lang) for w in before[leads[0] + 1 :]) or any(w in marks for w in after):
        return True
    if _level_noun(before[leads[0] :], view.lang) or sinceevent.event_of_day(before[leads[0] :], view.lang):
        return True
    if before[leads[0] + 1 : leads[0] + 2] == [WHERE.get(view.lang)]:
        return True  # "3.7% below where it stood on Monday", "above where it was on Feb. 6": that day's close
    return _direct_lead(view, p, before, after)


def _marks(word: str, marks: frozenset[str], lang: str) -> bool:
    """Whether a word after the lead names a close or a fall: itself, a part of a hyphenated compound ("seit dem
    DeepSeek-Crash-Montag (27. Januar)"), or in German a weekday's close in one word ("seit dem Dienstagsschluss",
    "Vom Montagsschlusskurs aus gerechnet")."""
    if word in marks or any(part in marks for part in word.split("-")):
        return True
    return lang == "de" and word.endswith(("sschluss", "sschlusskurs"))


def _level_noun(words: list[str], lang: str) -> bool:
    """Whether a noun of a day's level follows an article among ``words`` ("dem Stand", "zum Niveau")."""
    nouns = LEVEL_NOUNS.get(lang, frozenset())
    return any(w in nouns and words[i - 1] in _ARTICLES for i, w in enumerate(words) if i)


def _direct_lead(view: SentenceView, p: PeriodSpan, before: list[str], after: list[str]) -> bool:
    """ "0.72 pct, from Monday", "0,61 Prozent gegenüber Mittwoch": a single day right after "from"/"gegenüber"
    (an article between at most), a number before it in the sentence, and no "to"/"bis" after it (a range)."""
    own = p.words.lower().split()
    words = [w for w in before[: len(before) - len(own)] if w not in ("the", "dem", "den")]
    lead = own[0] if own[0] in DIRECT_LEADS[view.lang] else (words[-1] if words else "")
    if not (p.single_day and lead in DIRECT_LEADS[view.lang]):
        return False
    if after and after[0] in RANGE_WORDS:
        return False
    return any(o.span[1] <= p.start for o in view.quantities)


SINCE_THEN = {
    "en": (("since", "then"), ("ever", "since"), ("has", "since"), ("have", "since"), ("had", "since")),
    "de": (("seitdem",), ("seither",)),
}
"""A move since the day told before: "It has since gained 9.6%", "is up 11% since then", "Seitdem hat sie …"."""
SINCE_THAT = {"en": ("since", "that"), "de": ("seit", "jenem")}
"""Before a day said again: "since that Monday", "seit jenem Tag"."""


_THIS = frozenset({"that", "this", "diesem", "jenem"})
_TOLD_DAY_NOUNS = {"en": frozenset({"day", "session"}), "de": frozenset({"tag", "handelstag"})}


def _told_before(lang: str) -> frozenset[str]:
    """Nouns after "since that"/"seit diesem" that name the day told before: its fall or low ("since that plunge"),
    its close ("Since that close, Oracle has climbed 13%", "seit diesem Schlusskurs") or the day itself."""
    return EVENT_WORDS[lang] | CLOSE_WORDS[lang] | _TOLD_DAY_NOUNS[lang]


def since_then(view: SentenceView, q: Quantity) -> str:
    """The words that make ``q`` a move since the day told before ("since then", "has since", "seitdem", "since that"),
    in q's stretch of its clause (from the number before it to the number after it or an "and" after it); else ""."""
    toks = view.words_between(*stretch(view, q))
    lows = [t.low for t in toks]
    for i in range(len(lows) - 2):  # "Seit diesem Einbruch", "since that plunge": the fall told before
        # "from that close", "from that low point" (English: "from" then "that")
        opens = lows[i] in ("since", "seit") or (lows[i] == "from" and lows[i + 1] == "that")
        if opens and lows[i + 1] in _THIS and lows[i + 2] in _told_before(view.lang):
            return " ".join(t.text for t in toks[i : i + 3])
    for phrase in (*SINCE_THEN[view.lang], SINCE_THAT[view.lang]):
        for i in range(len(lows) - len(phrase) + 1):
            if tuple(lows[i : i + len(phrase)]) == phrase:
                return " ".join(t.text for t in toks[i : i + len(phrase)])
    for i in range(len(lows) - 6):  # "down 10.2% from its close on the day of the report": the day the report was told
        event = tuple(lows[i + 2 : i + 7]) == ("close", "on", "the", "day", "of")
        if view.lang == "en" and event and lows[i] in _FROM_CLOSE and lows[i + 1] in ("its", "their", "the"):
            return " ".join(t.text for t in toks[i : i + 7])
    return _since_opening(view, q) or _since_closing(view, q)


_FROM_CLOSE = frozenset({"from", "below", "above", "since"})
"""Words before "its close on the day of …": a move or a distance from the close of the day of an event told before."""


def _since_closing(view: SentenceView, q: Quantity) -> str:
    """ "Broadcom, down 17.4% on Jan. 27, has recovered 15.3% since.": "since" right after the number closes its clause
    (a mark or the sentence's end after it): a move since the day told before; else ""."""
    after = [t for t in view.toks if t.start >= q.span[1] and t.end <= view.sentence.end][:2]
    if view.lang != "en" or not after or after[0].low != "since":
        return ""
    return after[0].text if len(after) == 1 or after[1].text in (".", ",", ";", ")", "–", "—") else ""


def _since_opening(view: SentenceView, q: Quantity) -> str:
    """ "In the three weeks since, Oracle has climbed 10%", "Since then, the shares have lost 3.3%": a clause with no
    number that opens the sentence and ends with "since" (or "seither"/"seitdem"), or is "Since then", tells of the
    days since the day told before; else ""."""
    c0, _ = view.clause(q.span[0])
    if c0 <= view.sentence.start or any(o.span[0] < c0 and o.kind != "number" for o in view.quantities):
        return ""  # a count ("the three weeks") may stand there, no move
    lead = [t for t in view.words_between(view.sentence.start, c0) if t.kind == "word"]
    ends = {"en": ("since",), "de": ("seither", "seitdem")}[view.lang]
    lows = [t.low for t in lead]
    if lows == ["since", "then"]:  # "Since then, the shares have lost 3.3%"
        return " ".join(t.text for t in lead)
    if len(lows) == 3 and lows[0] in ("since", "seit") and lows[1] in _THIS and lows[2] in _told_before(view.lang):
        return " ".join(t.text for t in lead)  # "Since that close, Oracle has climbed 13%"
    return lead[-1].text if lead and lead[-1].low in ends and len(lead) > 1 else ""


def stretch(view: SentenceView, q: Quantity) -> tuple[int, int]:
    """q's part of its clause: from the number before it to the number after it or an "and" after it."""
    c0, c1 = view.clause(q.span[0])
    s0 = max([c0] + [o.span[1] for o in view.quantities if o.span[1] <= q.span[0]])
    s1 = min([c1] + [o.span[0] for o in view.quantities if o.span[0] >= q.span[1]])
    joins = rules.COORDINATION[view.lang] | {"while", "während", "but", "aber", "doch"}
    return s0, min([s1] + [t.start for t in view.words_between(q.span[1], s1) if t.low in joins])


def opening_reference(view: SentenceView, q: Quantity) -> PeriodSpan | None:
    """ "Seit dem Kurssturz vom 27. Januar, als das Papier um fast 20 Prozent abrutschte, hat es sich um knapp 15
    Prozent erholt": a reference close in a clause of its own before ``q`` (whose clause names no day), with only
    numbers of a clause opened by "when"/"als" between."""
    if sinceevent.own_day_stands(view, q):
        return None
    for p in view.periods:
        p0, p1 = view.clause(p.start)
        if p.end > q.span[0] or any(p0 <= o.span[0] < p1 for o in view.quantities):
            continue
        between = [o for o in view.quantities if p.end <= o.span[0] < q.span[0]]
        between = [o for o in between if not closelevelof.is_level_of_close(view, o)]  # "…, 174,46 Dollar, hat …"
        if all(_opens_when(view, o.span[0]) for o in between) and is_reference_close(view, p):
            return p
    return None


def reference_after(view: SentenceView, q: Quantity) -> PeriodSpan | None:
    """ "Microsoft ended the week 8% below where it closed on Jan. 24": a reference close right after ``q`` in its
    clause, with a word of direction between and no other number, is what q is measured from, whatever span the
    clause also names ("the week")."""
    _, c1 = view.clause(q.span[0])
    for p in sorted((p for p in view.periods if q.span[1] <= p.start < c1), key=lambda p: p.start):
        if any(
            q.span[1] <= o.span[0] < p.start and not closelevelof.is_level_of_close(view, o) for o in view.quantities
        ):
            return None
        between = [t.low for t in view.words_between(q.span[1], p.start)]
        if between and between[0] in directionwords.COMPARED_AFTER[view.lang] and is_reference_close(view, p):
            return p
    return None


def when_after_reference(view: SentenceView, q: Quantity, previous_after: PeriodSpan | None) -> PeriodSpan | None:
    """ "up 14% since the Jan. 27 rout, when it plunged nearly 21%", "Seit dem Kurssturz vom 27. Januar, als das
    Papier um fast 20 Prozent abrutschte": a clause opened by "when"/"als" right after a reference close tells of
    that day (the day itself, without "since")."""
    if not _opens_when(view, q.span[0]):
        return None
    c0, c1 = view.clause(q.span[0])
    if any(c0 <= p.start < c1 for p in view.periods):
        return None
    named = [p for p in view.periods if p.end <= c0 and is_reference_close(view, p)]
    ref = previous_after or (named[-1] if named else None)
    if ref is None or any(ref.end <= o.span[0] < c0 for o in view.quantities):
        return None
    later = [p for p in view.periods if ref.end <= p.start and p.end <= c0 and p.single_day]
    if later and not is_reference_close(view, later[-1]):
        return later[-1]  # "its Jan. 24 close, the last session before the rout of Jan. 27, when …": Jan. 27
    return day_of(ref)


def day_of(p: PeriodSpan) -> PeriodSpan:
    """The day of a reference close said with "since" ("since the Jan. 27" → "Jan. 27"), as a single day."""
    words = p.words.split()
    if p.single_day or words[0].lower() not in ("since", "seit"):
        return p
    rest = [w for w in words[1:] if w.lower() not in ("the", "its", "dem", "der", "den", "vom")] or words[1:]
    start = p.end - len(" ".join(rest))
    return PeriodSpan(start, p.end, " ".join(rest), "", True)


def _opens_when(view: SentenceView, pos: int) -> bool:
    return clause_opener(view, pos) is not None


_DAY_NOUNS = frozenset({"day", "session"})
_DAY_JOINS = frozenset({"it", "they", "that", "when", "the"})


def clause_opener(view: SentenceView, pos: int) -> str | None:
    """The words that open the clause at ``pos`` as a time clause of the day named before it, if any: "when"/"als"
    ("…, when it plunged nearly 21%"), or a day defined by its move ("since its close on Jan. 27, the day it lost
    20.8%", "the day that", "the session in which"). Not the sentence's first clause, nor "the day before"."""
    c0, _ = view.clause(pos)
    if c0 <= view.sentence.start:
        return None
    toks = [t for t in view.toks if t.start >= c0][:4]
    if toks and toks[0].low in ("when", "als"):
        return toks[0].text
    if len(toks) < 3 or toks[0].low != "the" or toks[1].low not in _DAY_NOUNS:
        return None
    if toks[2].low in _DAY_JOINS:
        return f"{toks[0].text} {toks[1].text}"
    if toks[2].low in ("on", "in") and len(toks) == 4 and toks[3].low == "which":
        return " ".join(t.text for t in toks)
    return None


def end_of_move(view: SentenceView, q: Quantity, ctx: Context, ref: PeriodSpan) -> PeriodSpan | None:
    """The story's day a move since the close of ``ref`` runs to: a later single day the sentence names before
    ``q`` that looks back at nothing, not in parentheses, else the paragraph's day (in a live ticker the
    ticker's), the story's, the dateline's; None when none is later than ``ref``. Where the price stands now ("is
    still down almost 2% from Friday's close") does not end on a day of a look back in the pluperfect."""
    now = standsnow.after_look_back(view, q)
    here = [
        p
        for p in view.periods
        if p.single_day
        and p is not ref
        and p.end <= q.span[0]
        and (p.last > ref.last or not ref.single_day)
        and not now
        and not periodclauses.period_tells_earlier(view, p)
        and not is_reference_close(view, p)
        and not _possessive_of_another(view, p, q)
        and not _in_relative_clause(view, p, q)
        and not view.in_parentheses(p.start)  # "(minus 6,2 Prozent am 30.1.) …: Seit dem Schlusskurs vom 29.1."
    ]
    if here:
        return max(here, key=lambda p: p.start)
    if (
        now or _present_perfect(view, q) or standsnow.now_de(view, q)
    ):  # "Since its Jan. 28 close, the stock has gained about 8%": up to now
        return None
    story = [ctx.paragraph_period.get(view.sentence.paragraph)]
    story += [ctx.frame, ctx.article_period] if ctx.live else [ctx.article_period, ctx.frame]
    return next((d for d in story if d is not None and (d.last > ref.last or not ref.single_day)), None)


def _present_perfect(view: SentenceView, q: Quantity) -> bool:
    """Whether q's move is said in the English present perfect ("has gained", "have risen") or as where the price
    stands now ("is still 12.3% below", "now stands 7.4% below"): a move up to now, not to the day told before. (In
    German the perfect tells the past: "hat … gewonnen" keeps the story's day.)"""
    if view.lang != "en":
        return False
    toks = view.words_between(view.clause(q.span[0])[0], q.span[0])
    moves = {w.start for w in view.directions}
    if any(t.low in ("has", "have") and any(u.start in moves for u in toks[k + 1 : k + 3]) for k, t in enumerate(toks)):
        return True
    lead = [t.low for t in toks[-4:] if t.low not in ("still", "now")]
    after = [t.low for t in view.toks if t.start >= q.span[1]][:1]
    # "That is 2.3% below its close on Friday": the level just told, not now
    told = len(lead) > 1 and lead[-2] in ("that", "this", "which")
    return bool(lead) and lead[-1] in _NOW_VERBS and not told and after in (["below"], ["above"], ["lower"], ["higher"])


_NOW_VERBS = frozenset({"is", "are", "stands", "stand", "remains", "remain", "sits", "sit", "trades", "trade"})


def _possessive_of_another(view: SentenceView, p: PeriodSpan, q: Quantity) -> bool:
    """ "giving back most of Wednesday's 4.3% gain, but it is still up 11% since its Jan. 27 close": a possessive
    day of another number before ``q`` is that number's day, not the end of q's move."""
    possessive = any(t.start == p.start and t.end > p.end for t in view.toks)
    return possessive and any(p.end <= o.span[0] < q.span[0] for o in view.quantities if o is not q)


def _in_relative_clause(view: SentenceView, p: PeriodSpan, q: Quantity) -> bool:
    """ "Oracle, whose shares tumbled 13.8% on that Monday, is still 5% short of its Jan. 24 close": a day in a relative
    clause enclosed before ``q``'s clause tells of that clause, not where q's move ends."""
    c0, c1 = view.clause(p.start)
    if (c0, c1) == view.clause(q.span[0]) or c0 <= view.sentence.start or c1 > q.span[0]:
        return False
    first = next((t for t in view.toks if t.start >= c0), None)
    return first is not None and first.low in rules.RELATIVE_PRONOUNS[view.lang]


def sessions(d: Draft, published_at: datetime, lang: str, notes: list[str]) -> list[date] | None:
    """The sessions of a move measured from the close of ``d.after``: the session after it to the day of
    ``d.period`` (with none, the last session closed at publication); None when they do not resolve."""
    mic, tz = d.listing.mic, d.listing.timezone
    if d.after is None or not (mic and tz):
        return None
    try:
        ref = resolve_period(d.after.words, published_at, mic, tz, lang).first  # "since the Jan. 27": Jan. 27
        ref = shift_sessions(mic, ref, d.after_shift) if d.after_shift else ref  # "a day later, …. Since then"
        if d.period is not None:
            last = resolve_period(d.period.words, published_at, mic, tz, lang).last
        else:
            last = candidate_sessions(published_at, mic, 1)[-1]
        first = shift_sessions(mic, ref, 1)
        started = candidate_sessions(published_at, mic, 1, include_running=True)
        if d.period is not None and started and last > started[-1]:  # "Vor dem Start – Freitag, 7. Februar 2025"
            notes.append(NOT_OPENED_NOTE.format(words=d.period.words, mic=mic))
            last = started[-1]
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


def ends_move(view: SentenceView, p: PeriodSpan) -> bool:
    """ "By Friday's close it was up 27.4% from that low point": a day after "by"/"through" is where the move ends."""
    before = [t.low for t in view.toks if t.end <= p.start][-1:]
    return before in (["by"], ["through"], ["until"])
