"""What one sentence leaves behind for the next: the article's own day (a dateline, a title, a live ticker's
day), the day of the story so far, the days named, a day set in a question, the names said and the subject of
the latest claim. ``claims.extract.extract`` calls these after each sentence; ``Context`` holds the result.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from marketfact.claims.extract import rules
from marketfact.claims.extract.day import afterevent, parens
from marketfact.claims.extract.day.dayagain import that_day
from marketfact.claims.extract.day.listheads import remember_list_heading
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.day.weekheads import remember_week_heading
from marketfact.claims.extract.decide import Context, Draft, Outcome
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.since import sinceclose
from marketfact.claims.extract.since.rangeclose import remember_purchase
from marketfact.claims.extract.subject import denials, lonename
from marketfact.claims.extract.subject.subjects import refer_back

_CLOCK_ENTRY = re.compile(
    r"\s*\+*\s*\d{1,2}[:.]\d{2}\s*(?:uhr|[ap]\.?m\.?)?\s*(?:et|mez|cet|gmt|utc|jst)?\s*[–—-]\s"
    r"|\s*\+{2,}\s*\d{1,2}[:.]\d{2}\s*(?:uhr|[ap]\.?m\.?)?\s*(?:et|mez|cet|gmt|utc|jst)?\s*(?::|\+{2,})\s",
    re.IGNORECASE,
)
"""A live-ticker entry: "22:10 Uhr – …", "4:08 pm ET - …", or a clock time between plus signs, as German tickers set
their entries' heads: "+++ 17:42 Uhr: Siemens Energy mit Rekord +++", "+++ 09:05 Uhr +++"."""
_TODAY = {"de": "heute", "en": "today"}


def remember_frame(view: SentenceView, ctx: Context, published_at: datetime) -> None:
    """The article's own day: a dateline's date, or a date in a title that holds no figure ("Markets live:
    Friday, Feb 7"), or for a live ticker without either the day it was published. Claims that name no day
    and follow no day of the story (in a live ticker: of their entry) fall back to it."""
    if _CLOCK_ENTRY.match(view.sentence.text):
        ctx.live = True
        if ctx.frame is None:
            at = view.sentence.start
            today = published_at.date().isoformat()
            ctx.frame = PeriodSpan(at, at, _TODAY[view.lang], today, True)
    if ctx.frame is not None:
        return
    if view.frame is not None:
        ctx.frame = view.frame
    elif view.sentence.index == 0 and not view.quantities:
        dated = [p for p in view.periods if p.single_day and any(c.isdigit() for c in p.words)]
        ctx.frame = dated[-1] if dated else None


CONTRAST_OPENERS = frozenset({"while", "whilst", "whereas", "während", "wohingegen"})
"""A clause after a comma opening with these is a side note to the main clause: "Oracle climbed 2.56%, while the
S&P 500 added 0.67%. Over the past two sessions, the gain comes to 3.8%" (Oracle's gain)."""


def remember_subject(draft: Draft, ctx: Context, previous: Draft | None = None) -> None:
    """The subject of the latest claim: the paragraph's (the main clause's when the claim stands in a "while"/
    "während" clause after a claim of its sentence), and the article's latest company."""
    if previous is None or previous.view is not draft.view or not _in_contrast_clause(draft):
        ctx.paragraph_subject[draft.view.sentence.paragraph] = (draft.entry, draft.listing)
    if draft.entry.kind == "equity":
        ctx.last_company = (draft.entry, draft.listing)


def _in_contrast_clause(draft: Draft) -> bool:
    view = draft.view
    c0, _ = view.clause(draft.q.span[0])
    first = next((t for t in view.toks if t.start >= c0), None)
    return c0 > view.sentence.start and first is not None and first.low in CONTRAST_OPENERS


def remember_sentence(view: SentenceView, outcomes: list[Outcome], ctx: Context) -> None:
    """Everything a read sentence leaves behind: its names, the story's day, the days it named, a scene."""
    _remember_reference(view, ctx)  # before the names: it reads those named before it
    _remember_lone_subject(view, ctx)
    _remember_names(view, outcomes, ctx)
    _remember_period(view, [o for o in outcomes if isinstance(o, Draft)], ctx)
    _remember_days(view, [o for o in outcomes if isinstance(o, Draft)], ctx)
    afterevent.remember(view, ctx)  # "Nach dem Zollschock vom Montag …": the session after, for the paragraph
    _remember_scene(view, ctx)
    remember_week_heading(view, ctx)  # "Week three was calmer.": the paragraph's period is that week
    remember_list_heading(view, ctx)  # "MARKETS (Monday's close)": the day of the items under it
    remember_purchase(view, ctx)  # "Am Dienstag, 28. Januar, habe ich Oracle-Aktien gekauft": for "Kaufkurs"
    drafts = [o for o in outcomes if isinstance(o, Draft)]
    dated = [d for d in drafts if d.period is not None]
    if dated:
        told = max(dated, key=lambda d: d.q.span[0])
        assert told.period is not None
        ctx.last_period = (told.period, told.shift, told.after)
        ctx.last_told = told
    if spans := [d for d in drafts if d.after is not None or (d.period is not None and not d.period.single_day)]:
        ctx.last_span = max(spans, key=lambda d: d.q.span[0])
    if levels := [d for d in drafts if d.kind == "close_level"]:
        ctx.last_level = max(levels, key=lambda d: d.q.span[0])
    if moved := [d for d in drafts if d.direction in ("up", "down")]:
        ctx.last_moved = max(moved, key=lambda d: d.q.span[0])
    if drafts:
        last = max(drafts, key=lambda d: d.q.span[0])
        if last.after is not None:
            ctx.reference[view.sentence.paragraph] = (view.sentence.index, last.after)
        else:
            ctx.reference.pop(view.sentence.paragraph, None)


def _remember_reference(view: SentenceView, ctx: Context) -> None:
    """ "Danach fasste der Titel wieder Tritt. Am Dienstag ging es 2,1 Prozent bergauf": a reference ("der Titel", "das
    Papier") as the first subject of a sentence with no number names again what it refers back to, for the references
    after it (a chain of references, as a reader follows one, however far back the name stood)."""
    refs = [s for s in view.subjects if s.kind in ("mention", "equity_ref", "index_ref", "pronoun")]
    if view.quantities or not refs or refs[0].kind not in ("equity_ref", "index_ref"):
        return
    back = refer_back(view, refs[0], ctx)
    if back is not None:
        ctx.named.append((view.sentence.index, view.sentence.paragraph, back[0], refs[0].text))


def _remember_lone_subject(view: SentenceView, ctx: Context) -> None:
    """ "Nvidia rose 2.9% on Monday. Constellation Energy had a better day still. It jumped 3.9%": a sentence with no
    number that opens with a listed name (an article aside) makes it whom "it" in the paragraph refers to next, not
    the subject of the paragraph's claim before."""
    first = lonename.opening_name(view)
    if first is not None and first.entry is not None:
        ctx.paragraph_subject[view.sentence.paragraph] = (first.entry, first.entry.listing)


def _remember_names(view: SentenceView, outcomes: list[Outcome], ctx: Context) -> None:
    """The names the sentence said (for short names later), and those it named where no subject stands
    without a claim of their own."""
    sentence = view.sentence
    for m in view.mentions:
        if m.entry is not None and not m.modifier:
            ctx.named.append((sentence.index, sentence.paragraph, m.entry, m.text))
            subject = next((s for s in view.subjects if s.start == m.start), None)
            claimed = any(isinstance(o, Draft) and o.entry is m.entry for o in outcomes)
            # a sentence with no number claims nothing to guard: only a name in an aside steps back there
            # ("Auch der 30. Januar war kein guter Tag, diesmal für Microsoft. Die Aktie …" is Microsoft's)
            if subject is None or claimed:
                continue
            if view.demoted(subject, view.sentence.start) if view.quantities else view.is_aside(m.start):
                ctx.demoted.add((sentence.index, m.entry.symbol))


def _remember_period(view: SentenceView, drafts: list[Draft], ctx: Context) -> None:
    """The day later sentences inherit: the latest single day said with a move (not one from an aside).

    The story's day is the latest one it reports; a look back ("after an 8.3% slump on Monday") or a
    span ("its two-day decline") does not move it.
    """
    told = [d for d in drafts if d.period is not None and not _looks_back(view, d)]
    back = [d.period for d in drafts if d.period is not None and _looks_back(view, d) and not _extreme_of(d, told)]
    back += [p for p in view.periods if _after_look_back(view, p.start)]
    if ctx.article_period is None and ctx.last_period is None:
        back = []  # the only day the article has named so far: the story's, whatever the tense
    back += [d.period for d in drafts if d.period is not None and _one_session_on(d)]  # its anchor is the day told
    said = [d.period for d in drafts if d.period is not None and d.shift == 0 and d.period not in back]
    # a move put on the session before the title's day, which had not opened (whenof.before_the_open): that day is
    # the story's, so a look back told with it ("Broadcom, die am Montag 1,6 Prozent verloren hatten") is not
    said += [ctx.frame for d in drafts if ctx.frame is not None and d.period is ctx.frame and d.shift == -1]
    lede = _is_lede(view, ctx)
    # a day a claim read anew ("Am Montag darauf" after "24. Januar": 27 January) is not also the latest Monday
    reread = {(d.period.start, d.period.end) for d in drafts if d.period is not None and d.period not in view.periods}
    said += [
        p
        for p in view.periods
        if p not in back
        and (p.start, p.end) not in reread
        and that_day(view, ctx, p) is None  # "that Monday" is the Monday named before, which its claims carry
        and not sinceclose.is_reference_close(view, p)  # "clawed back 15.4% since its close on Jan. 27"
        and not afterevent.is_event_day(view, p)  # "after Monday's rout": the event's day, not the story's
        and not view.is_aside(p.start)
        and not parens.in_clause_parenthesis(view, p.start)
        and (
            lede
            or _speaks_of_trading(view, p)
            or _names_the_day(view, p, bool(drafts))
            or is_date_line(view, p)
            or _hails(view, p)
            or lonename.says_its_day(view, p)  # "Oracle was the laggard on Wednesday."
        )
    ]
    # a Saturday or Sunday ("liegt heute deutlich im Plus" in a Sunday paper) has no session: no story's day
    days = [p for p in said if p.single_day and p.last and date.fromisoformat(p.last).weekday() < 5]
    if not days:
        return
    latest = max(days, key=lambda p: p.last)
    para = view.sentence.paragraph
    for key, current in ((para, ctx.paragraph_period.get(para)), (None, ctx.article_period)):
        if current is None or latest.last >= current.last:
            if key is None:
                ctx.article_period = latest
            else:
                ctx.paragraph_period[key] = latest
                ctx.next_day.pop(key, None)  # a day named anew ends "the next day" of an earlier sentence


def _is_lede(view: SentenceView, ctx: Context) -> bool:
    """Whether ``view`` is the lede: the sentence after a dateline, or the first after a one-sentence title,
    read before the article has a story day. Its day is the story's whatever its verb ("Die Zollsorgen haben die
    Wall Street am Montag belastet", "Worries about new tariffs weighed on Wall Street on Monday"). Not the title
    itself ("Remember DeepSeek Monday" names an event) nor a question."""
    if ctx.article_period is not None or view.sentence.text.rstrip().endswith("?"):
        return False  # a period in the title ("… zum Wochenausklang") told no day: the lede still sets it
    if view.sentence.index >= 1 and view.sentence.paragraph == 1 and ctx.last_period is None:
        return True  # "Good morning. Here is what moved markets yesterday:": no claim told yet in the first paragraph
    if view.sentence.paragraph == 2 and 1 not in ctx.figured and ctx.last_period is None:
        return True  # after a standfirst with no figure ("Gute Zahlen lassen die Aktie steigen."): the body's first
    return view.body_start > view.sentence.start or view.sentence.index == view.sentence.paragraph == 1


_PLUPERFECT = {"en": frozenset({"had"}), "de": frozenset({"hatte", "hatten", "war", "waren"})}


def _looks_back(view: SentenceView, d: Draft) -> bool:
    """Whether ``d`` tells of a day before the story's: its number follows a look-back ("after losing 6.2% on
    Thursday", "adding to Tuesday's 1.7% advance", "nachdem sie am Mittwoch 5 Prozent gestiegen war") or its
    verb is in the pluperfect ("had soared 10.6% on Wednesday", "hatte 9,5 Prozent verloren")."""
    c0, c1 = view.clause(d.q.span[0])
    if _after_look_back(view, d.q.span[0]):
        return True
    verbs = [w for w in view.directions if c0 <= w.start < c1]
    p = d.period
    if not verbs and p is not None and view.sentence.start <= p.start < view.sentence.end:
        # ", der Nasdaq um 1,2 Prozent": a clause without a verb tells in the tense of the clause of its day
        c0, c1 = view.clause(p.start)
        verbs = [w for w in view.directions if c0 <= w.start < c1]
    aux = [t for t in view.words_between(c0, c1) if t.low in _PLUPERFECT[view.lang]]
    # "die am Montag 1,6 Prozent verloren hatten": in a German clause the auxiliary may close it, after the verb
    if not aux or not verbs or (aux[0].start > verbs[0].start and view.lang != "de"):
        return False
    return view.lang == "en" or aux[0].low.startswith("hat") or verbs[0].text.endswith("en")


def _extreme_of(d: Draft, told: list[Draft]) -> bool:
    """Whether ``d`` is a day's extreme told after a move of the same day ("gab am Freitag 1,3 Prozent nach, nachdem
    sie zeitweise 4,4 Prozent im Minus gelegen hatte"): its look-back word looks back within that session."""
    return (d.intraday or d.kind == "intraday_level") and any(t.period is d.period for t in told)


def _after_look_back(view: SentenceView, pos: int) -> bool:
    """Whether a look-back word ("after", "adding to", "nach", "nachdem") stands before ``pos`` in its stretch
    of the clause (after any earlier number) with no name between: "ended flat after losing 6.2% on Thursday",
    "adding to Tuesday's 1.7% advance"; not "After a slump on Monday Nvidia rose 8.9%"."""
    c0, _ = view.clause(pos)
    s0 = max([c0] + [o.span[1] for o in view.quantities if o.span[1] <= pos])
    leads = [t for t in view.words_between(s0, pos) if t.low in rules.LOOK_BACK_LEADS[view.lang]]
    if not leads:
        return False
    at = leads[-1].end
    return not any(at <= x.start < pos for x in view.subjects if x.kind != "group")


def _one_session_on(d: Draft) -> bool:
    """ "bounces 5.2% in one session" told on the paragraph's day: a count of one session that ends on its anchor day,
    which is the day the claim tells (for "that day" and the story's day after it), not the count's own words."""
    return d.period is not None and d.anchor is not None and d.period.single_day and not (d.anchor_week or d.forward)


def _remember_days(view: SentenceView, drafts: list[Draft], ctx: Context) -> None:
    """Every single day the sentence names (for "that Monday"), and the day of its last claim that has one, or
    the one day a sentence with no number names (for "the following day", "since then" in a later sentence)."""
    ctx.days += [again[0] if (again := that_day(view, ctx, p)) else p for p in view.periods if p.single_day and p.last]
    told = [d for d in drafts if d.period is not None and d.period.single_day]
    if told:
        last = max(told, key=lambda d: d.q.span[0])
        assert last.period is not None
        ctx.last_day = (
            (last.anchor, last.anchor_shift) if last.anchor and _one_session_on(last) else (last.period, last.shift)
        )
        return
    since = [d.after for d in drafts if d.after is not None and d.after.single_day]
    if since:  # "seit den Quartalszahlen vom 29. Januar … Am Tag danach": the day of the close measured from
        ctx.last_day = (since[-1], 0)
        return
    # a sentence with no number that names one day tells that day, also in a relative clause ("Constellation
    # Energy, whose shares cratered on Jan. 27, has bounced back. Since then …" is since Jan. 27)
    days = [p for p in view.periods if p.single_day and p.last and not denials.names_a_text(view, p)]
    if not drafts and len(days) == 1:  # also one whose numbers are no claims ("An earlier version said … on Friday")
        ctx.last_day = (days[0], 0)
    words = _next_session_words(view)
    if not view.quantities and not days and words and ctx.last_day is not None:
        # "Nvidia sank 17% on Jan. 27. The next day brought relief. Nvidia rebounded 8.9%": the claims after it
        # in the paragraph tell of the session after the day told before
        base, shift = ctx.last_day
        ctx.next_day[view.sentence.paragraph] = (base, shift + 1, words)
        ctx.last_day = (base, shift + 1)


def _next_session_words(view: SentenceView) -> str:
    """The words of a relative day after the day told before ("The next day", "Am Tag darauf"), or ""."""
    lows = [t.low for t in view.toks]
    for phrase in rules.NEXT_SESSION[view.lang]:
        for i in range(len(lows) - len(phrase) + 1):
            if tuple(lows[i : i + len(phrase)]) == phrase:
                return " ".join(t.text for t in view.toks[i : i + len(phrase)])
    return ""


def _remember_scene(view: SentenceView, ctx: Context) -> None:
    """ "Remember Monday? Nvidia lost 17% in a single session.": a question with no figure that names one day
    sets the day of the claims after it in its paragraph that name none (and of the next paragraph, when the
    question stands alone: the answer of a Q&A, "What happened on Monday?"). An interviewer's turn with no figure
    that ends in a question sets the scene of the answer with the day its statement named ("Die Versorger standen
    gestern unter Druck. Hat Sie das überrascht?")."""
    para = view.sentence.paragraph
    days = [p for p in view.periods if p.single_day and not view.is_aside(p.start)]
    if view.quantities:
        ctx.figured.add(para)
    if not view.sentence.text.rstrip().endswith("?"):
        ctx.stated.add(para)
        if days and not view.quantities:
            ctx.turn_day[para] = days[-1]
    if view.quantities or not view.sentence.text.rstrip().endswith("?"):
        return
    if days:  # "Und heute? Da schloss das Papier …": the question's day, not the paragraph's before it
        ctx.scene[para] = days[-1]
        ctx.paragraph_period.pop(para, None)
    elif para not in ctx.figured and (told := ctx.turn_day.get(para)) is not None:
        ctx.scene[para] = told
        ctx.stated.discard(para)


_COPULA = {"en": frozenset({"was", "were"}), "de": frozenset({"war", "waren"})}
_STRONG_PAST = {
    "en": frozenset({"told", "went", "brought", "saw", "began", "came", "stood", "felt", "got", "gave", "held", "ran"}),
    "de": frozenset(
        {"sah", "sahen", "stand", "standen", "kam", "kamen", "ging", "gingen", "blieb", "blieben", "begann", "begannen",
         "lief", "liefen", "bot", "boten", "brachte", "brachten", "gab", "gaben", "wurde", "wurden", "hielt", "hielten"}
    ),
}  # fmt: skip
"""Verbs in the past that do not end like a weak one ("-ed", "-te"): "Tuesday told a different story"."""
_OPENING = frozenset({"am", "an", "der", "on", "the"})
"""Words a day may stand after at the start of a sentence that tells what the day was like."""
_OF_A_NOUN = frozenset({"vom", "von", "from", "of", "seit", "since", "nach", "after", "bis", "until"})
"""Words that make a day part of a noun phrase or a span ("die Verlierer vom Montag"), not a day said of itself."""


def _names_the_day(view: SentenceView, p: PeriodSpan, claimed: bool = False) -> bool:
    """Whether a sentence with no claim says what day ``p`` was like ("Jan. 27 was a brutal day for chipmakers",
    "Der 27. Januar war ein schwarzer Tag für die Chipwerte"): the day stands right before a past copula, as its
    subject (not "Gefragt waren vor allem die Verlierer vom Montag"). The claims after it tell of that day. Numbers
    that are no claim do not stop it ("Am Mittwoch legte das Unternehmen Zahlen vor: der Umsatz wuchs um 16 Prozent.
    Die Aktie sprang daraufhin um 5 Prozent" is Wednesday's move); ``claimed`` says the sentence has a claim."""
    if claimed or not p.single_day or view.sentence.text.rstrip().endswith("?"):
        return False
    c0, c1 = view.clause(p.start)
    after = [t for t in view.words_between(p.end, c1) if t.kind == "word"]
    if view.lang == "en" and (not after or after[0].low not in _COPULA["en"]):
        # "On Wednesday, the company reported results.": an English subject stands between the day and its verb
        heads = [t for t in view.words_between(p.end, view.sentence.end) if t.kind == "word"][:4]
        return any(_opens_with_day_in_past(view, p, t.low) for t in heads)
    if not after:
        return False
    if after[0].low not in _COPULA[view.lang]:
        return _opens_with_day_in_past(view, p, after[0].low)
    lead = [t.low for t in view.words_between(c0, p.end) if t.kind == "word"]
    return not any(w in _OF_A_NOUN for w in lead)


def _opens_with_day_in_past(view: SentenceView, p: PeriodSpan, verb: str) -> bool:
    """ "Am Dienstag herrschte an der Börse noch Vorsicht.", "Der Mittwoch gehörte wieder den Verkäufern.",
    "Tuesday told a different story.": the sentence opens with the day (after "am", "on", "der" at most), a verb
    in the past follows it, and it names no company or index ("Am Mittwoch legte Alphabet Zahlen vor" tells of an
    event, whose move may come a session later)."""
    if any(m.entry is not None for m in view.mentions):
        return False
    lead = [t.low for t in view.words_between(view.sentence.start, p.start) if t.kind == "word"]
    if not set(lead) <= _OPENING or any(t.kind != "word" for t in view.words_between(view.sentence.start, p.start)):
        return False
    weak = ("ed",) if view.lang == "en" else ("te", "ten")
    return verb in _STRONG_PAST[view.lang] or (len(verb) > 4 and verb.endswith(weak))


def _hails(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether the sentence is an exclamation with no number whose one day is ``p`` ("Achterbahn-Donnerstag an der Wall
    Street!", "Was für ein Crash-Freitag für Anleger!"): a tabloid's cry of the day it tells; the claims after it
    that name no day tell of that day."""
    if view.quantities or not p.single_day or not view.sentence.text.rstrip().endswith("!"):
        return False
    return [q for q in view.periods if not view.is_aside(q.start)] == [p]


def is_date_line(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether the sentence is nothing but the one day ``p`` (after a timestamp at most): a timeline's entry heading,
    "Monday, Jan. 27", "[03:40] Monday, January 27.". The claims after it in its paragraph tell of that day."""
    if view.quantities or not p.single_day:
        return False
    return all(p.start <= t.start < p.end for t in view.toks if t.kind == "word")


def _speaks_of_trading(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether the clause of ``p`` reports a move or a session ("finished mixed on Wednesday")."""
    clause = view.clause(p.start)
    if any(view.clause(w.start) == clause for w in view.directions):
        return True
    return any(t.low in rules.SESSION_WORDS[view.lang] for t in view.words_between(*clause))
