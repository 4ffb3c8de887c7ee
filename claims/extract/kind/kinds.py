"""The kinds beyond percent moves, read from text: levels ("closed at 6,012.28", "schloss bei 39.016 Punkten",
"as low as $116.70"), points changes ("lost 89 points", "verlor rund 113 Punkte", "dropped $24.20"), market
value levels ("fell to about $2.9 trillion", "unter 3 Billionen Dollar", "3,3 Billionen Dollar wert") and
records ("its lowest close since October", "so tief wie seit September nicht mehr", "Rekordhoch").

``kind_of`` says, for one quantity, which of these it is (or None: the percent and market-value rules
decide as before); the records, which state no number, are found by ``claims.extract.kind.records``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from marketfact.claims.extract import rules, tables
from marketfact.claims.extract.day import periodclauses
from marketfact.claims.extract.decide import wert_of_company, worth_holder
from marketfact.claims.extract.direction import directionwords
from marketfact.claims.extract.kind import closeextreme, extremenoun, figureheads, fromlevel, intradaystretch
from marketfact.claims.extract.kind.recordwords import value_words
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.numbers import Quantity, find_quantities

CLOSE_LEVEL = "close_level"
INTRADAY_LEVEL = "intraday_level"
POINTS_CHANGE = "points_change"
MARKET_CAP_LEVEL = "market_cap_level"
RECORD = "record"

PRICE_KINDS = frozenset({CLOSE_LEVEL, INTRADAY_LEVEL, POINTS_CHANGE})
"""Kinds stated in index points or in the listing's currency units."""

_LEVEL_BEFORE = {"de": rules.word_set("auf bei"), "en": rules.word_set("to at")}
_RECORD_LEVEL_NOUNS = {
    "de": rules.word_set("rekordhoch rekordtief rekordstand rekordniveau allzeithoch allzeittief stand"),
    "en": rules.word_set("high low record"),
}
"""Before "von"/"of": the number is the level of a record ("auf ein Rekordhoch von 22.612 Punkten")."""
_INTRADAY_WORDS = {
    "de": rules.word_set("zeitweise zwischenzeitlich tagesverlauf handelsverlauf tagestief tageshoch spitze"),
    "en": rules.word_set("intraday touched touching hit hitting"),
}
_EXTREME_PHRASES = {"en": {("as", "low", "as"): "down", ("as", "high", "as"): "up"}, "de": {}}
_BOUND_LEVEL_VERBS = rules.word_set(
    "sank sanken fiel fielen stieg stiegen rutschte rutschten kletterte kletterten sackte liegt lag ist war "
    "fell rose dropped slipped slid sank climbed jumped back is was stood"
)
"""A verb right before "unter/über/below/above" makes the amount a level ("sank unter 3 Billionen Dollar")."""
_BOUND_HEDGES = rules.word_set("unter über under over below above")
_CLOSE_NOUNS = {
    "en": rules.word_set("close"),
    "de": rules.word_set("schlusskurs schlusskurses schlussstand schlussstands"),
}
"""Before "of"/"von": the number is the level of that close ("its Jan. 29 close of $442.33")."""


@dataclass(frozen=True)
class KindReading:
    """What a quantity is among the new kinds, and the words that said so."""

    metric: str
    direction: str | None  # fixed by the words ("as low as": down); None: read from the sentence (or none)
    words: str


def split_moves_to_levels(view: SentenceView, masked: str) -> SentenceView:
    """ "dropped $24.20 to $118.42", "shed 1,480 yen to 24,325 yen": after a move verb, "X to Y" in money or
    points is a change and the level it reached, not a range. Returns the view with such ranges split."""
    if view.lang != "en":
        return view
    out: list[Quantity] = []
    changed = False
    for q in view.quantities:
        if q.high is None or q.kind not in ("money", "index_points", "number") or q.scale != "one":
            out.append(q)
            continue
        text = masked[q.span[0] : q.span[1]]
        m = re.search(r"\s+to\s+", text)
        before = [t for t in view.toks if t.end <= q.span[0]]
        moved = before and any(w.start == before[-1].start for w in view.directions)
        # "fell from $206.38 to $191.33": where the move started and where it ended
        started = len(before) > 1 and before[-1].low == "from"
        moved = moved or (started and any(w.start == before[-2].start for w in view.directions))
        if m is None or not moved:
            out.append(q)
            continue
        parts = []
        for a, b in ((0, m.start()), (m.end(), len(text))):
            found = find_quantities(text[a:b], view.lang)
            if len(found) != 1:
                break
            f = found[0]
            kind = f.kind if f.kind != "number" else q.kind
            parts.append(
                dataclasses.replace(
                    f,
                    kind=kind,
                    currency=f.currency or q.currency,
                    span=(q.span[0] + a + f.span[0], q.span[0] + a + f.span[1]),
                )
            )
        if len(parts) != 2:
            out.append(q)
            continue
        out += parts
        changed = True
    return dataclasses.replace(view, quantities=out) if changed else view


def direction_past_levels(view: SentenceView, q: Quantity) -> tuple[str, str, float, str] | None:
    """ "ist um 2,1 Prozent auf ein Rekordhoch von 22.612 Punkten gestiegen", "um 11 Prozent auf 8.162 Yen
    gefallen": the verb stands after the level the move reached; it is the move's too."""
    _, c1 = view.clause(q.span[0])
    for w in sorted(view.directions, key=lambda w: w.start):
        if not (q.span[1] <= w.start < c1):
            continue
        between = [o for o in view.quantities if q.span[1] <= o.span[0] < w.start]
        if between and all(_level_marked(view, o) for o in between):
            return w.value, w.text, 0.05, f"the move {w.text!r} stands after the level it reached"
        return None
    return None


def direction_past_partner(view: SentenceView, q: Quantity) -> tuple[str, str, float, str] | None:
    """ "Gut 300 Punkte oder 1,4 Prozent verlor der Dax", "Um 1.080 Yen oder 4,1 Prozent gab Tokyo Electron nach": a
    change joined by "oder"/"or" to the number right after it is the same move in another unit; the verb after that
    number, with no other number between, is q's too."""
    _, c1 = view.clause(q.span[0])
    after = sorted((o for o in view.quantities if o.span[0] >= q.span[1]), key=lambda o: o.span[0])
    if not after or after[0].span[0] >= c1:
        return None
    joins = [t.low for t in view.words_between(q.span[1], after[0].span[0])]
    if joins not in (["oder"], ["or"]):
        return None
    nxt = after[1].span[0] if len(after) > 1 else c1
    verbs = sorted((w for w in view.directions if after[0].span[1] <= w.start < min(c1, nxt)), key=lambda w: w.start)
    if not verbs:
        return None
    w = verbs[0]
    return w.value, w.text, 0.05, f"{joins[0]!r}: the next number's move, in another unit"


def _level_marked(view: SentenceView, q: Quantity) -> bool:
    lows = [t.low for t in view.toks if t.end <= q.span[0]][-2:]
    return bool(lows) and (lows[-1] in _LEVEL_BEFORE[view.lang] or (lows[-1] in ("von", "of") and len(lows) > 1))


def _compared_change(view: SentenceView, q: Quantity) -> KindReading | None:
    """ "3,64 Euro mehr als am Vortag", "0,71 Dollar weniger als am 3. Februar": money compared with a day's close is a
    change, not a price."""
    if q.kind == "money" and q.scale == "one" and periodclauses.compared(view, q):
        return KindReading(POINTS_CHANGE, None, q.text)
    return None


def _started_from(view: SentenceView, q: Quantity) -> KindReading | None:
    """ "fell from $206.38 to $191.33", "stieg von 57,30 Euro auf 60,14 Euro": the close the move started from."""
    return KindReading(CLOSE_LEVEL, None, q.text) if fromlevel.starts_move(view, q) else None


def kind_of(view: SentenceView, q: Quantity, hedge_start: int | None, market_value: str | None) -> KindReading | None:
    """Which new kind ``q`` is, or None when it is a percent move, a market value change or no claim here."""
    lang = view.lang
    if q.kind in ("percent", "points"):
        return None
    laid_out = _by_layout(view, q, market_value) or _compared_change(view, q) or _started_from(view, q)
    if laid_out is not None:
        return laid_out
    lead = [t for t in view.toks if t.end <= (hedge_start if hedge_start is not None else q.span[0])]
    lows = [t.low for t in lead]
    c0, c1 = view.clause(q.span[0])
    clause_lows = [t.low for t in view.words_between(c0, c1)]
    own = intradaystretch.conjunct_lows(view, q)  # not a later move's "und hatten zeitweise …"
    intraday = any(w in _INTRADAY_WORDS[lang] for w in own) or (lows[-2:] == ["bis", "auf"])
    for phrase, direction in _EXTREME_PHRASES[lang].items():
        if tuple(lows[-3:]) == phrase:
            return KindReading(INTRADAY_LEVEL, direction, " ".join(t.text for t in lead[-3:]))
    level_word = bool(lows) and lows[-1] in _LEVEL_BEFORE[lang] and not (len(lows) > 1 and lows[-2] == "up")
    level_word = level_word or record_level(lows, lang) or _closed_with(lows, clause_lows, lang)
    level_word = level_word or _after_close_noun(lows, lang)
    level_word = level_word or (q.kind != "number" and any(w in _COST_VERBS | rules.REACH[lang] for w in clause_lows))
    record_of = (
        len(lows) > 1
        and lows[-1] in ("von", "of")
        and (
            lows[-2] in _RECORD_LEVEL_NOUNS[lang] or lows[-2].startswith("rekord") or lows[-3:-1] == ["record", "close"]
        )
    )
    # "below its Jan. 29 close of $442.33", "vom Schlusskurs von 57,10 Euro": the level of the close named
    record_of = record_of or (len(lows) > 1 and lows[-1] in ("von", "of") and lows[-2] in _CLOSE_NOUNS[lang])
    after = [t.low for t in view.toks if t.start >= q.span[1]][:1]
    worth = bool(after) and after[0] in rules.LEVEL_AFTER[lang]
    worth = worth or _value_after_colon(view, q)  # "Der Börsenwert: nur noch 2,86 Billionen Dollar"
    if q.kind == "money" and q.scale in ("billion", "trillion"):
        if _worth_of_company(view, lead) or wert_of_company(view, q):  # "making the company worth …", "… wert"
            return KindReading(MARKET_CAP_LEVEL, None, " ".join(t.text for t in lead[-2:]))
        if market_value is None:
            return None
        verbs = [t.low for t in view.words_between(c0, hedge_start if hedge_start is not None else c0)]
        bound_level = (
            hedge_start is not None
            and bool(lows)
            and lows[-1] not in ("um", "by")
            and any(w in _BOUND_LEVEL_VERBS for w in verbs)
            and any(t.low in _BOUND_HEDGES for t in view.toks if hedge_start <= t.start < q.span[0])
        )
        if level_word or worth or bound_level:
            return KindReading(MARKET_CAP_LEVEL, None, market_value)
        return None
    if level_word or record_of:
        word = " ".join(t.text for t in lead[-2:])
        if intraday:
            named = _extreme_named([t.low for t in view.words_between(c0, q.span[0])])
            return KindReading(INTRADAY_LEVEL, _reached(view, q, clause_lows) or named or _cost_low(clause_lows), word)
        if q.kind == "number" and not _session_or_move(view, c0, q):
            return None
        return KindReading(CLOSE_LEVEL, None, word)
    if (q.kind == "index_points" or (q.kind == "money" and q.scale == "one")) and not _mark(view, q, lows):
        return KindReading(POINTS_CHANGE, None, q.text)
    return None


def _value_after_colon(view: SentenceView, q: Quantity) -> bool:
    """ "Der Börsenwert: nur noch 2,86 Billionen Dollar", "Market value: $2.9 trillion": an amount after a colon that
    closes a noun of market value, with no word of a move between, is the value the company stands at."""
    toks = [t for t in view.toks if view.sentence.start <= t.start < q.span[0]]
    colon = max((i for i, t in enumerate(toks) if t.text == ":"), default=None)
    if colon is None or not value_words([t.low for t in toks[max(0, colon - 2) : colon]]):
        return False
    between = [t.low for t in toks[colon + 1 :]] + q.text.lower().split()[:1]  # "minus 83 Milliarden": a signed amount
    moves = directionwords.DOWN[view.lang] | directionwords.UP[view.lang]
    return not any(w in moves or w in ("up", "down") or w[:1] in "+-−" for w in between)


_MARKS = {"de": rules.word_set("marke schwelle"), "en": rules.word_set("mark level threshold")}
"""A round level an index or price crosses: "die Marke von 22.000 Punkten", "the 22,000 mark", "the 20,000 level"."""


def _mark(view: SentenceView, q: Quantity, lows: list[str]) -> bool:
    """Whether ``q`` names a mark crossed, no change in points: after "Marke von"/"mark of" ("fällt unter die Marke von
    21.300 Punkten"), or right before "mark"/"level" in English ("above the 22,000 mark")."""
    after = [t.low for t in view.toks if t.start >= q.span[1]][:2]
    before = len(lows) > 1 and lows[-1] in ("von", "of") and lows[-2] in _MARKS[view.lang]
    return before or (view.lang == "en" and any(w in _MARKS["en"] for w in after[:2] if w not in ("points",)))


_HIGH_WORDS = rules.word_set("high tageshoch hoch höchststand")


def _reached(view: SentenceView, q: Quantity, clause_lows: list[str]) -> str | None:
    """The direction of a level reached ("touched $188.03"): the low or the high the clause names, else the move told
    before it in the sentence ("was down as much as 8.9% at one point and touched $188.03": the low)."""
    reach = rules.reached(clause_lows, view.lang)
    if reach != "up" or any(w in _HIGH_WORDS for w in clause_lows):
        return reach
    moves = [w for w in view.directions if w.start < q.span[0] and w.text.lower() not in rules.REACH[view.lang]]
    return moves[-1].value if moves else reach


def _by_layout(view: SentenceView, q: Quantity, market_value: str | None) -> KindReading | None:
    """A price, level or amount whose kind its place says: under a table's "Close" column ("| Close |" over
    "| $712.65 |"), after a close said to be at the day's extreme ("closed at its low of the day, €232.40"), or
    heading its line before words that name a close or a market value ("¥24,825 – Tokyo
    Electron's close on Friday", "$3.4 trillion – what it was worth")."""
    noun = extremenoun.told_by_noun(view, q)  # "The closing price was 9,504 yen", "traded at $309.44 at its worst"
    if noun is not None:
        return (
            KindReading(CLOSE_LEVEL, None, q.text)
            if noun == extremenoun.CLOSE
            else KindReading(INTRADAY_LEVEL, noun, q.text)
        )
    if tables.in_close_column(view, q) and q.scale == "one":
        return KindReading(CLOSE_LEVEL, None, q.text)
    if q.scale == "one" and closeextreme.after_named_close(view, q):  # "At Friday's close, $174.46, Oracle …"
        return KindReading(CLOSE_LEVEL, None, q.text)
    at_extreme = closeextreme.close_at_extreme(view, q)  # "closed at its low of the day, €232.40"
    if at_extreme is not None and q.scale == "one":
        return KindReading(CLOSE_LEVEL, None, at_extreme[1])
    if view.head != q.span[0]:
        return None
    if q.kind == "money" and q.scale in ("billion", "trillion") and market_value is not None:
        return KindReading(MARKET_CAP_LEVEL, None, market_value)
    close = figureheads.close_word(view, q)
    return KindReading(CLOSE_LEVEL, None, close) if close is not None and q.scale == "one" else None


_WORTH_ADVERBS = rules.word_set("now again still once back")


def _worth_of_company(view: SentenceView, lead: list) -> bool:
    """Whether "worth" stands right before the amount (its hedge aside, or an article and one word: "worth a cool
    $3.4 trillion") as a company's worth (decide.worth_holder), adverbs before it aside ("is now worth")."""
    at = next((k for k in range(len(lead) - 1, max(0, len(lead) - 3) - 1, -1) if lead[k].low == "worth"), None)
    if view.lang != "en" or not at:
        return False
    between = [t.low for t in lead[at + 1 :]]
    if between and between[0] not in ("a", "an"):
        return False
    while at > 1 and lead[at - 1].low in _WORTH_ADVERBS:
        at -= 1
    return worth_holder(view, lead[at - 1])


def record_level(lows: list[str], lang: str) -> bool:
    """ "ending Friday at a record 21,732", "to a record 21,732.05": a number right after "at/to a record" is the
    record level reached."""
    return lang == "en" and len(lows) > 2 and lows[-1] == "record" and lows[-2] == "a" and lows[-3] in ("at", "to")


def _closed_with(lows: list[str], clause_lows: list[str], lang: str) -> bool:
    """ "schloss mit 22.037,83 Punkten", "beendeten den Handel mit 57,30 Euro", "hatte mit 25.635 Yen einen freundlichen
    Schluss gefunden", "gingen mit 60,14 Euro aus dem Handel": right after "mit" in a clause of a close (a verb, a
    noun: "Schluss", "Rekordschluss", "Schlusskurs", or "aus dem Handel"), a number of points or money is the
    closing level ("mit 0,5 Prozent im Minus", a percent, is a change)."""
    if lang != "de" or not lows or lows[-1] != "mit":
        return False
    if ("aus", "dem", "handel") in set(zip(clause_lows, clause_lows[1:], clause_lows[2:], strict=False)):
        return True  # "gingen mit 60,14 Euro aus dem Handel"
    return any(w in _CLOSE_VERBS or w in _CLOSE_NOUNS[lang] or w.endswith("schluss") for w in clause_lows)


def _after_close_noun(lows: list[str], lang: str) -> bool:
    """ "Schlussstand 242,25 Euro", "Schlusskurs: 245 Euro", "Schlusskurs da: 206,38 Dollar!": a number right after a
    noun of the close (a colon between at most, and before it an adverb of the day told: "da", "then") is that close."""
    words = lows[:-1] if lows[-1:] == [":"] else lows
    if lows[-1:] == [":"] and words[-1:] and words[-1] in _THEN:
        words = words[:-1]
    return bool(words) and words[-1] in _CLOSE_NOUNS[lang]


_THEN = rules.word_set("da dann damals zuletzt then")


_EXTREME_NOUNS = {
    "tageshoch": "up", "tageshochs": "up", "tageshöchststand": "up",
    "tagestief": "down", "tagestiefs": "down", "tagestiefststand": "down",
}  # fmt: skip
"""German nouns of the day's extreme, which say its direction themselves ("Das Tagestief der Aktie lag bei …")."""


def _extreme_named(lows: list[str]) -> str | None:
    """The direction of the day's extreme named by its noun before the level in its clause, if any (not "schlossen
    auf 54,12 Euro und damit auf dem Tagestief": a close)."""
    return next((_EXTREME_NOUNS[w] for w in lows if w in _EXTREME_NOUNS), None)


def _cost_low(lows: list[str]) -> str | None:
    """ "Zwischenzeitlich kostete die Aktie nur noch 46,88 Euro": a price the share cost "nur noch" (only still) at
    its extreme is its low; "in der Spitze kostete sie 128,77 Dollar" (at its peak) its high."""
    if not any(w in _COST_VERBS for w in lows):
        return None
    if " nur noch " in f" {' '.join(lows)} ":
        return "down"
    return "up" if "spitze" in lows else None


_CLOSE_VERBS = rules.word_set("schloss schlossen geschlossen beendete beendeten beendet")
_COST_VERBS = rules.word_set("kostete kosteten kostet kosten")  # "als die Aktie 60,36 Euro kostete": its close


_CLOSE_LEVEL_WORDS = rules.word_set("close end schließen settled settles closing finishing ending settling")
"""Words of a close besides the session words: "settled at 19,654.02", "barely budged, finishing at 6,114.63" is a
closing level."""


def _session_or_move(view: SentenceView, c0: int, q: Quantity) -> bool:
    """A bare number after "at"/"to" is an index level only after a move or a close ("closed at 6,012.28",
    "fell 3.07% to 19,341.83", a list's "Dax: +0.6% to 21,911.74" with the move's sign), not in "at 9 o'clock" or
    "up to 5,000 jobs"."""
    before = view.words_between(view.sentence.start, q.span[0])
    if any(t.low in rules.SESSION_WORDS[view.lang] or t.low in _CLOSE_LEVEL_WORDS for t in before):
        return True
    if any(o.kind == "percent" and o.sign and c0 <= o.span[0] < q.span[0] for o in view.quantities):
        return True
    return any(view.sentence.start <= w.start < q.span[0] for w in view.directions)
