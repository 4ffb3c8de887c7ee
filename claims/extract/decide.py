"""Number by number, the parts every reading shares: ``Draft`` (a claim still to be built), ``Outcome`` (a
draft, a ``NonMarketNumber`` or an ``Unresolved`` name) and ``Context`` (what earlier sentences leave for later
ones: names to refer back to, the paragraph's period); why a number is no market claim (``non_claim``,
``not_price_cue``); and which way it moved and how hedged (``direction_of``, ``hedge_of``). When it moved:
``claims.extract.day.periodof``; the decision itself: ``claims.extract.extract``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from marketfact.claims.extract import rules
from marketfact.claims.extract.day import afterevent, periodclauses
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.direction import directionwords, priormove
from marketfact.claims.extract.entities import AliasEntry, Listing
from marketfact.claims.extract.kind import atonepoint, closeextreme, worthwords
from marketfact.claims.extract.reading import SentenceView, Subject, Word
from marketfact.claims.extract.sentences import Token
from marketfact.claims.hedges import HEDGES, UnknownHedgeError, read_hedge
from marketfact.claims.numbers import Quantity
from marketfact.claims.readings import NonMarketNumber, Unresolved


@dataclass
class Context:
    """What earlier sentences leave behind for later ones."""

    published: date | None = None  # the writer's date of publication
    published_at: datetime | None = None  # the time of publication, with its offset
    named: list[tuple[int, int, AliasEntry, str]] = field(default_factory=list)  # sentence, paragraph, entry, words
    demoted: set[tuple[int, str]] = field(default_factory=set)  # (sentence, symbol): named, not as a subject
    paragraph_period: dict[int, PeriodSpan] = field(default_factory=dict)
    article_period: PeriodSpan | None = None
    frame: PeriodSpan | None = None  # the day a dateline or the title gives the article
    scene: dict[int, PeriodSpan] = field(default_factory=dict)  # per paragraph: a day named in a question
    stated: set[int] = field(default_factory=set)  # paragraphs with a sentence that is no question
    figured: set[int] = field(default_factory=set)  # paragraphs with a sentence that holds a number
    turn_day: dict[int, PeriodSpan] = field(default_factory=dict)  # per paragraph: a day said with no number
    live: bool = False  # a live ticker (entries opening with a clock time): an entry's day is the ticker's
    paragraph_subject: dict[int, tuple[AliasEntry, Listing]] = field(default_factory=dict)
    last_company: tuple[AliasEntry, Listing] | None = None  # the subject of the latest claim about a company
    last_day: tuple[PeriodSpan, int] | None = None  # the single day (and shift) of the latest claim told
    last_period: tuple[PeriodSpan, int, PeriodSpan | None] | None = None  # the latest claim's period, shift, close
    last_told: Draft | None = None  # the latest claim with a period, as drafted
    last_span: Draft | None = None  # the latest claim over more than one session (for "… in einer Woche")
    last_level: Draft | None = None  # the latest close level told (for "… Prozent entfernt")
    last_moved: Draft | None = None  # the latest claim with a rise or fall, as drafted (for "Das waren 24 Dollar")
    list_head: dict[int, int] = field(default_factory=dict)  # a list item's paragraph → its list's heading's
    heading_day: dict[int, PeriodSpan] = field(default_factory=dict)  # a list's heading's paragraph → the day it names
    week_one: int | None = None  # where the days named under a paragraph's "Week one" start in ``days``
    days: list[PeriodSpan] = field(default_factory=list)  # every single day the article named, in order
    # per paragraph: a relative day said in a sentence with no number ("The next day brought relief."): the day
    # told before it, the shift, the words
    next_day: dict[int, tuple[PeriodSpan, int, str]] = field(default_factory=dict)
    # per paragraph: the close the last sentence's last claim was measured from ("from its Jan. 24 close"), and
    # that sentence's index
    reference: dict[int, tuple[int, PeriodSpan]] = field(default_factory=dict)
    bought_day: PeriodSpan | None = None  # the day of the latest purchase told ("habe … Aktien gekauft")


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
    anchor_shift: int = 0  # … or this many sessions after it ("Tags darauf …, in zwei Handelstagen"): 1
    anchor_week: bool = False  # … or the period is the week of that day ("and gained 14% that week")
    forward: bool = False  # … or starts the session after it ("has since risen for three straight sessions")
    kind: str = ""  # a kind beyond percent moves (claims.extract.kind.kinds): close_level, points_change, record …
    record: str = ""  # for kind record: lowest_close | highest_close | biggest_fall | biggest_rise
    since: PeriodSpan | None = None  # for kind record: the words after "since"/"seit"
    record_unit: str = ""  # for kind record: "money" for a record of market value ("so viel Börsenwert wie nie")
    after: PeriodSpan | None = None  # a move measured from this day's close: it runs from the next session to period
    after_shift: int = 0  # … or from the close this many sessions after that day ("a day later, … Since then")


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
    moves = {w.start for w in view.directions}  # "ein Gewinn von 464 Punkten", "Kursgewinn": a move, not a profit
    for t in toks:
        if t.start in moves:
            continue
        if t.low in rules.NOT_MARKET[lang] or rules.tail_in(t.low, rules.NOT_MARKET_TAILS[lang]):
            return t.text
    return None


def market_value_words(view: SentenceView) -> str | None:
    lows = [t.low for t in view.toks]
    for words in rules.MARKET_VALUE[view.lang]:
        for i in range(len(lows) - len(words) + 1):
            if tuple(lows[i : i + len(words)]) == words:
                return " ".join(t.text for t in view.toks[i : i + len(words)])
    verb = next((t.text for t in view.toks if t.low in rules.MARKET_VALUE_VERBS[view.lang]), None)
    if verb is None and view.lang == "de":  # "Er ist an der Börse rund 3,4 Billionen Dollar wert"
        verb = next((f"{q.text} wert" for q in view.quantities if wert_of_company(view, q)), None)
    if verb is not None or view.lang != "en":
        return verb or worthwords.worth_cue(view)  # "ist an der Börse jetzt … 3 Billionen Dollar wert"
    # "making the company worth about $3.4 trillion", "the chipmaker was worth roughly $3.3 trillion"
    worth = [i for i, t in enumerate(view.toks) if t.low == "worth" and i > 0 and worth_holder(view, view.toks[i - 1])]
    if worth:
        return " ".join(t.text for t in view.toks[worth[0] - 1 : worth[0] + 1])
    return worthwords.worth_cue(view)  # "is still worth about $3.05 trillion"


_COPULA_DE = rules.word_set("ist sind war waren bleibt bleiben blieb blieben")


def wert_of_company(view: SentenceView, q: Quantity) -> bool:
    """ "Er ist an der Börse damit rund 3,4 Billionen Dollar wert", "Jetzt ist der Konzern noch 2,9 Billionen Dollar
    wert": in German an amount in billions right before "wert" in a clause whose copula and subject (a company's name,
    a word for it, a pronoun) stand before it is the company's market value (not "Der Auftrag ist 10 Milliarden Dollar
    wert")."""
    after = [t.low for t in view.toks if t.start >= q.span[1]][:1]
    if view.lang != "de" or after != ["wert"] or q.kind != "money" or q.scale not in ("billion", "trillion"):
        return False
    c0, _ = view.clause(q.span[0])
    if not any(t.low in _COPULA_DE for t in view.words_between(c0, q.span[0])):
        return False
    held = [s for s in view.subjects if c0 <= s.start and s.end <= q.span[0]]
    return any(s.kind in ("equity_ref", "pronoun") or (s.kind == "mention" and _is_company(s)) for s in held)


def _is_company(s: Subject) -> bool:
    return s.mention is not None and s.mention.entry is not None and s.mention.entry.kind == "equity"


def worth_holder(view: SentenceView, before: Token) -> bool:
    """Whether the word ``before`` "worth" is a copula, a word for the company or the end of a company's name."""
    return before.low in rules.WORTH_HOLDERS or any(m.end == before.end and m.entry is not None for m in view.mentions)


def segment(view: SentenceView, q: Quantity) -> tuple[int, int]:
    """The stretch of q's clause between the neighbouring numbers: the words that belong to q alone."""
    c0, c1 = view.clause(q.span[0])
    prev_end = max((o.span[1] for o in view.quantities if o.span[1] <= q.span[0]), default=c0)
    next_start = min((o.span[0] for o in view.quantities if o.span[0] >= q.span[1]), default=c1)
    return max(c0, prev_end), min(c1, next_start)


def _gapped(view: SentenceView, seg: tuple[int, int], q: Quantity, skip: list[tuple[int, int]]) -> bool:
    """Whether q's words are only names, glue and hedges ("…, Broadcom um 17,4 Prozent"): the verb is shared."""
    spans = skip + [q.span] + [(m.start, m.end) for m in view.mentions] + [(p.start, p.end) for p in view.periods]
    spans += [(lead, p.start) for p in view.periods if (lead := periodclauses.same_days_lead(view, p)) is not None]
    spans += [(a, b) for a, b, _ in periodclauses.same_day_phrases(view)]  # "… and as much as 8.2% during that session"
    toks = view.words_between(*seg)
    spans += _place_and_epithet(view, toks) if view.lang == "de" else []
    # ", im Tagesverlauf zeitweise sogar fast 7 Prozent": the same move at the day's extreme
    glue = rules.INTRADAY_GLUE[view.lang]
    extreme = glue if any(t.low in _EXTREME_WORDS for t in toks) else frozenset()
    for t in toks:
        if any(s <= t.start and t.end <= e for s, e in spans):
            continue
        if t.kind == "punct" or t.low in rules.GAP_WORDS[view.lang] or t.low in rules.RESPECTIVELY[view.lang]:
            continue
        if t.low in extreme:
            continue
        return False
    return True


def _loose(view: SentenceView, seg: tuple[int, int], q: Quantity, skip: list[tuple[int, int]]) -> list[Token]:
    """q's words in ``seg`` that are no period, name, hedge, punctuation or glue."""
    spans = skip + [q.span] + [(m.start, m.end) for m in view.mentions] + [(p.start, p.end) for p in view.periods]
    return [
        t
        for t in view.words_between(*seg)
        if not any(s <= t.start and t.end <= e for s, e in spans)
        and t.kind != "punct"
        and t.low not in rules.GAP_WORDS[view.lang]
    ]


def _place_and_epithet(view: SentenceView, toks: list[Token]) -> list[tuple[int, int]]:
    """ "…, Schneider Electric an der Pariser Börse um 2,5 Prozent", "…, der japanische Nikkei um 1,3 Prozent": a place
    (capitalised words after "in", "an der") and an adjective between an article and a name are no verb."""
    names = {m.start for m in view.mentions}
    out = []
    for k, t in enumerate(toks):
        if t.low in ("in", "an"):
            j = k + 1 + (k + 1 < len(toks) and toks[k + 1].low in ("der", "den", "dem"))
            e = j
            while e < len(toks) and toks[e].kind == "word" and toks[e].text[0].isupper() and toks[e].start not in names:
                e += 1
            out += [(t.start, toks[e - 1].end)] if e > j else []
        elif t.low in _ARTICLES and k + 2 < len(toks) and toks[k + 2].start in names and toks[k + 1].text.islower():
            out.append((t.start, toks[k + 1].end))
    return out


_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des"})
_EXTREME_WORDS = frozenset({"zeitweise", "zwischenzeitlich", "tagesverlauf", "handelsverlauf", "spitze", "intraday"})


def direction_of(
    view: SentenceView, q: Quantity, hedges: list[Word], previous: str | None
) -> tuple[str, str, float, str] | None:
    """(direction, the words that set it, confidence penalty, note) or None when no rise or fall is stated."""
    if q.sign:
        return ("up" if q.sign > 0 else "down"), q.text.split()[0] if q.text[0].isalpha() else q.text[0], 0.0, ""
    after = tokens_after(view, q, 1)
    if after and after[0] in directionwords.AFTER_NUMBER[view.lang]:
        return directionwords.AFTER_NUMBER[view.lang][after[0]], after[0], 0.0, ""
    if after and after[0] in directionwords.GONE_AFTER[view.lang] and q.kind == "percent":
        return "down", after[0], 0.0, ""  # "6,4 Prozent futsch"
    if after and after[0] in directionwords.COMPARED[view.lang] and periodclauses.compared(view, q):
        return directionwords.COMPARED[view.lang][after[0]], after[0], 0.0, ""
    seg = segment(view, q)
    taken = [(h.start, h.end) for h in hedges]
    words = [w for w in view.directions if seg[0] <= w.start < seg[1] and not any(s <= w.start < e for s, e in taken)]
    words = [w for w in words if not periodclauses.from_event(view, w.start)]  # "erholten sich vom Kurssturz"
    words = [w for w in words if not afterevent.inside(view, w.start, q)]  # "gewann nach dem Minus vom Montag"
    if (noun := priormove.own_noun(view, q, words)) is not None:  # "verlor nach einem Plus von 2,6 Prozent am …"
        return noun.value, noun.text, 0.0, ""
    if words:
        best = min(words, key=lambda w: (abs(w.start - q.span[0]), w.start > q.span[0]))
        kinds = {w.value for w in words}
        note = f"up and down words both near the number; took the nearest, {best.text!r}" if len(kinds) > 1 else ""
        return best.value, best.text, 0.15 if note else 0.0, note
    if (past := priormove.verb_past_phrase(view, q, _loose(view, seg, q, taken))) is not None:
        return past  # "gab nach 9,5 Prozent am Montag gestern noch einmal 7,5 Prozent ab": the verb's own number
    if previous and _gapped(view, seg, q, taken):
        return previous, "", 0.1, "no verb of its own: the direction is carried over from the same sentence"
    lead = view.words_between(seg[0], q.span[0])
    further = [
        t
        for i, t in enumerate(lead)
        if t.low in rules.FURTHER[view.lang] and (t.low != "einmal" or (i and lead[i - 1].low == "noch"))
    ]
    if previous and further:
        # "tags darauf kamen weitere 4,9 Prozent hinzu": more of the move before it
        return previous, further[-1].text, 0.1, f"{further[-1].text!r}: more of the previous number's move"
    return _from_clause_before(view, q, taken)


def _from_clause_before(
    view: SentenceView, q: Quantity, taken: list[tuple[int, int]]
) -> tuple[str, str, float, str] | None:
    """ "verlor zwei Tage in Folge, insgesamt 10,3 Prozent", "legte zu, ebenso Nvidia mit 0,8 Prozent", "rose, by
    1.0% and 1.5% respectively": a clause that is only numbers (with names, hedges, periods and glue) takes the move
    of the nearest clause before it that has a move and no number of its own."""
    c0, c1 = view.clause(q.span[0])
    if c0 <= view.sentence.start:
        return None
    extra = rules.VERBLESS[view.lang] | rules.GAP_WORDS[view.lang]
    spans = taken + [o.span for o in view.quantities]  # ", by 1.0% and 1.5% respectively": numbers only
    spans += [(m.start, m.end) for m in view.mentions] + [(p.start, p.end) for p in view.periods]
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
            # "gives up 4.1% and at one point is down 6.6%": after "and" the words open the next number's conjunct
            if any(o.span[0] > w.start for o in here):
                here = [o for o in here if not _joined(view, o, w)]
            span = (w.start, w.end)
            return min(here, key=lambda o: (_span_gap(span, o.span), o.span[0] < w.start)) is q
        # ", a gain of 1.6%" after "climbed to 39,581.47 at one point": the same extreme in percent
        return w.start < c0 and (where not in numbered or atonepoint.shares_extreme(view, q, w))

    # Away from the number only words that set the basis alone count ("zeitweise"); "as much as" bounds
    # the value too, so it counts only right before the number (it is then among ``hedges``).
    basis = [
        w
        for w in view.basis_words
        if applies(w)
        and BOUNDS.get(w.value) is None
        and not any(h.start == w.start for h in hedges)
        and not closeextreme.in_close_phrase(view, w)  # "and closed at its low of the day": where the close stood
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


_CONJUNCTIONS = frozenset({"and", "but", "then", "und", "aber", "dann"})
"""Words that open a new conjunct: a basis word after one is said of the number after it."""


def _joined(view: SentenceView, o: Quantity, w: Word) -> bool:
    """Whether a conjunction stands between number ``o`` (before ``w``) and ``w``."""
    return o.span[1] <= w.start and any(t.low in _CONJUNCTIONS for t in view.words_between(o.span[1], w.start))


def _span_gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)
