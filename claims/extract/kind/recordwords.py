"""Records that the claim kinds beyond percent moves read from text, with no number: the words of records
(superlatives, fall and rise nouns), records of market value ("its biggest one-day loss of market value ever",
"so viel Börsenwert wie noch nie an einem Tag", "der größte Tagesgewinn an Börsenwert seit …": a company's
own, ranked in its listing's currency by the checker), and records no claim kind has, each with the note that
says why: one across companies or a market ("the largest one-day loss of market value in U.S. history") and
one of a week's or month's move ("its worst week since 2020", "der schwächste Monat seit …"). Used by
``claims.extract.kind.records.find_records`` (#17).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from marketfact.claims.extract import rules
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.sentences import Token

FALL_NOUNS = rules.word_set(
    "drop fall decline loss slide plunge slump selloff sell-off day session "
    "verlust tagesverlust kursverlust einbruch kurseinbruch rückgang absturz kurssturz minus tag handelstag"
)
RISE_NOUNS = rules.word_set(
    "gain rise jump rally advance anstieg kursanstieg tagesgewinn kursgewinn gewinn plus sprung"
)
BIG = rules.word_set(
    "biggest largest steepest sharpest worst heaviest darkest blackest "
    "größte größten größter größtes stärkste stärksten stärkster heftigste heftigsten heftigster schlechteste "
    "schlechtesten schlechtester schwärzeste schwärzesten schwärzester schlimmste schlimmsten schlimmster"
    # "der schwärzeste Tag seit März 2020", "Es war der schlimmste Tag für die Aktie seit dem 28. Januar"
)
GOOD = rules.word_set("best beste besten bester")


@dataclass(frozen=True)
class RecordPhrase:
    """A record said in the sentence: which extreme, its words and where, and its "since" words if any.

    ``unit`` is "money" for a record of market value; a phrase with a ``note`` is no claim (a record across
    companies, or of a week's move) and the note says why."""

    record: str
    start: int
    end: int
    text: str
    since: PeriodSpan | None
    unit: str = ""
    note: str = ""


# ---- records of market value, and records no claim kind has ------------------------------------------------
_VALUE_NOUNS = rules.word_set("börsenwert börsenwerts marktwert marktwerts market-value")
_WORSE = BIG | GOOD | rules.word_set("schwächste schwächsten schwächster beste besten bester")
_VALUE_FALL_VERBS = rules.word_set(
    "lost shed wiped erased verlor verloren einbüßte eingebüßt büßte vernichtet verschwanden verschwunden"
)
_VALUE_RISE_VERBS = rules.word_set("gained added won gewann gewonnen zulegte hinzu")
_DURATIONS = {
    "week": "week", "weeks": "week", "weekly": "week", "woche": "week", "month": "month", "monthly": "month",
    "monat": "month", "quarter": "quarter", "quarterly": "quarter", "quartal": "quarter", "year": "year",
    "jahr": "year",
}  # fmt: skip
_SCOPE_NOUNS = rules.word_set("company companies stock firm history unternehmen konzern firma")
_DURATION_STEMS = {"wochen": "week", "monats": "month", "quartals": "quarter"}
NOTE_ACROSS = (
    "{words}: a record across companies or a whole market needs every listing's history, so it is no claim "
    "(a company's own record of market value is one)"
)
NOTE_DURATION = (
    "{words}: a record of a move over a week, a month or longer; marketfact's records compare one session (a "
    "close, a one-day move, a streak), so it is no claim"
)


def value_words(lows: list[str]) -> bool:
    """ "market value", "market cap", "Börsenwert": a record of market value, not of the price."""
    pairs = itertools.pairwise(lows)
    return any(w in _VALUE_NOUNS for w in lows) or any(a == "market" and b in ("value", "cap") for a, b in pairs)


def duration_at(lows: list[str]) -> str | None:
    """ "worst week", "die beste Woche", "der größte Wochenverlust": a record of a week's (month's …) move."""
    for i, w in enumerate(lows):
        if w not in _WORSE:
            continue
        for nxt in lows[i + 1 : i + 3]:
            span = _DURATIONS.get(nxt) or next((v for k, v in _DURATION_STEMS.items() if nxt.startswith(k)), None)
            if span is not None:
                return span
    return None


def _across(lows: list[str]) -> bool:
    """ "for any company", "in U.S. history", "noch nie ein Unternehmen", "in der Börsengeschichte": a record
    over many listings."""
    text = " ".join(lows)
    if re.search(r"\bany (?:\S+ )?(?:company|companies|stock|firm|listed)\b", text):
        return True
    if re.search(r"\b(?:s \.|us|street|market) history\b", text):  # "U.S. history", "Wall Street history"
        return True
    return bool(
        re.search(r"\b(?:ein|einem|einzelnen|kein) (?:\S+ )?(?:unternehmen|konzern|firma)\b", text)
        or re.search(r"(?:börsen|us-|wirtschafts)geschichte\b|geschichte der (?:wall|börse|us-börse)", text)
    )


def _value_way(view: SentenceView, lows: list[str], start: int) -> str | None:
    """A record of market value's way: by its noun ("loss", "Tagesgewinn"), its verb ("verlor so viel …"), or
    the move before it."""
    if any(w in RISE_NOUNS for w in lows) or any(w in _VALUE_RISE_VERBS for w in lows):
        return "biggest_rise"
    if any(w in FALL_NOUNS for w in lows) or any(w in _VALUE_FALL_VERBS for w in lows):
        return "biggest_fall"
    words = [w for w in view.directions if w.start < start]
    return None if not words else ("biggest_fall" if words[-1].value == "down" else "biggest_rise")


def value_record(
    view: SentenceView, masked: str, toks: list, first: int, idx: int, p: PeriodSpan
) -> list[RecordPhrase]:
    """A record of market value since a day ("its biggest one-day loss of market value since October", "so viel
    Börsenwert wie seit dem 27. Januar nicht mehr")."""
    window = toks[first:idx]
    lead = next((i for i, t in enumerate(window) if t.low in _WORSE or t.low == "so"), None)
    if lead is None:
        return []
    c0, c1 = view.clause(p.start)
    verbs = [t.low for t in view.words_between(c0, window[lead].start)]
    way = _value_way(view, [t.low for t in window[lead:]] + verbs, window[lead].start)
    end = p.end
    tail = [t for t in toks if t.start >= p.end][:2]
    if view.lang == "de" and [t.low for t in tail] == ["nicht", "mehr"]:
        end = tail[-1].end
    text = " ".join(masked[window[lead].start : end].split())
    after = [t.low for t in view.words_between(p.end, c1)][:6]
    if _across([t.low for t in window[lead:]] + after):
        return [RecordPhrase("", window[lead].start, end, text, None, note=NOTE_ACROSS.format(words=repr(text)))]
    return [] if way is None else [RecordPhrase(way, window[lead].start, end, text, p, unit="money")]


def all_time_values(view: SentenceView, masked: str) -> list[RecordPhrase]:
    """A record of market value over all the history the source has: "its biggest one-day loss of market value
    ever", "so viel Börsenwert wie noch nie an einem Tag", "der größte Tagesverlust an Börsenwert in der
    Geschichte"; or one across companies ("in U.S. history"), which is no claim."""
    toks, out = view.toks, []
    for i, t in enumerate(toks):
        nie = t.low == "nie" and i >= 2 and toks[i - 1].low == "noch"
        if not (t.low == "ever" or t.low.endswith("history") or t.low.endswith("geschichte") or nie):
            continue
        c0, c1 = view.clause(t.start)
        window = [w for w in toks[max(0, i - 12) : i] if w.start >= c0]
        leads = [k for k, w in enumerate(window) if w.low in _WORSE or w.low == "so"]
        lead = leads[-1] if leads else None
        if lead is None:
            continue
        span = [w.low for w in window[lead:]]
        after = [w.low for w in view.words_between(t.end, c1)][:6]
        earlier = [w.low for w in toks[:i] if w.start >= view.sentence.start]
        if not value_words(span) and not (_across([*span, t.low, *after]) and value_words(earlier)):
            continue
        start, end = window[lead].start, t.end
        if nie and after[:3] == ["an", "einem", "tag"]:
            end = next(w for w in toks if w.start >= t.end and w.low == "tag").end
        text = " ".join(masked[start:end].split())
        if _across([*span, t.low, *after]):
            scope = [w for w in view.words_between(t.end, c1)[:6] if w.low in _SCOPE_NOUNS]
            end = scope[-1].end if scope else end
            text = " ".join(masked[start:end].split())
            out.append(RecordPhrase("", start, end, text, None, note=NOTE_ACROSS.format(words=repr(text))))
            continue
        verbs = [w.low for w in view.words_between(c0, start)]
        way = _value_way(view, span + verbs, start)
        if way is not None:
            out.append(RecordPhrase(way, start, end, text, None, unit="money"))
    return out


def durations(view: SentenceView, masked: str) -> list[RecordPhrase]:
    """ "its worst week since 2020", "der schwächste Monat seit September 2022": no claim kind, with the reason."""
    toks, out = view.toks, []
    for i, t in enumerate(toks):
        span = duration_at([w.low for w in toks[i : i + 3]]) if t.low in _WORSE else None
        if span is None:
            continue
        noun = toks[i + 1] if duration_at([t.low, toks[i + 1].low]) else toks[i + 2]
        since = next((p for p in view.records if noun.end <= p.start <= noun.end + 12), None)  # "since", "seit dem"
        end = since.end if since is not None else noun.end
        text = " ".join(masked[t.start : end].split())
        note = NOTE_DURATION.format(words=repr(text))
        out.append(RecordPhrase("", t.start, end, text, None, note=note))
    return out


# ---- records named only as a level: stayed under, or a revenue ---------------------------------------------
SHORT_OF = rules.word_set("below under beneath shy short off unter unterhalb")
"""A record named only as the level a price stayed under ("barely below its record close", "unter ihrem Rekordhoch")
is no record claim."""
_SCALES = rules.word_set("million millionen milliarde milliarden billion billionen trillion")


MISSED = {
    "de": rules.word_set(
        "verfehlt verfehlte verfehlten verpasst verpasste verpassten verwehrt kein keine keinen keinem fehlt fehlte "
        "fehlten fehlen nicht"
    ),
    "en": frozenset[str](),
}
"""A record said as missed ("Ein Rekordschluss blieb dem Dax verwehrt", "verfehlte ein Rekordhoch") is no claim."""


def missed(view: SentenceView, pos: int) -> bool:
    """Whether the clause of the record word at ``pos`` says the record was missed (not "nicht nur")."""
    toks = view.words_between(*view.clause(pos))
    return any(
        t.low in MISSED[view.lang] and not (t.low == "nicht" and k + 1 < len(toks) and toks[k + 1].low == "nur")
        for k, t in enumerate(toks)
    )


def short_of(toks: list[Token], i: int) -> bool:
    """Whether a word of ``SHORT_OF`` stands among the three words before the record word at ``i``."""
    return any(t.low in SHORT_OF for t in toks[max(0, i - 3) : i])


def price_record(toks: list[Token], i: int) -> bool:
    """ "Rekordwert" is a price's record only as the level of one: "von" and a number follow, not an amount of
    money in millions or billions ("ein Rekordwert von 39 Milliarden Dollar" is a revenue)."""
    if toks[i].low != "rekordwert":
        return True
    after = [t.low for t in toks[i + 1 : i + 4]]
    return len(after) >= 2 and after[0] == "von" and toks[i + 2].kind == "num" and not (set(after[2:]) & _SCALES)


# ---- records of a day's move over all history ---------------------------------------------------------------
_HISTORY_OWNERS = rules.word_set("its their his the seiner ihrer der des")


def _all_time_mark(toks: list[Token], i: int) -> int | None:
    """Where the words that say "over all history" end, when they start at ``i``: "ever", "on record", "in its
    history", "seiner Geschichte", "in der Firmengeschichte", "aller Zeiten"; else None."""
    t, nxt = toks[i], (toks[i + 1].low if i + 1 < len(toks) else "")
    alone = i + 2 >= len(toks) or toks[i + 2].kind == "punct"  # "on record", not "on record highs"
    if t.low == "ever" or (t.low == "on" and nxt == "record" and alone):
        return i + (t.low == "on")
    if t.low.endswith(("history", "geschichte")) and i > 0 and toks[i - 1].low in _HISTORY_OWNERS | {"in"}:
        return i
    if t.low == "aller" and nxt == "zeiten":
        return i + 1
    return None


def all_time_moves(view: SentenceView, masked: str) -> list[tuple[int, int, str, list[str]]]:
    """A record of a day's move over all the history the source has, as (start, end, text, the words from its
    superlative on): "its worst day on record", "its biggest one-day drop ever", "the worst session in its
    history", "der schwärzeste Tag seiner Geschichte", "der größte Tagesverlust aller Zeiten". Not one of market
    value (``all_time_values``), of a week's move (``durations``), across companies ("ever for a U.S. company"),
    nor one told of an amount of money. ``claims.extract.records`` names its extreme."""
    toks, out = view.toks, []
    for i in range(1, len(toks)):
        end = _all_time_mark(toks, i)
        if end is None:
            continue
        c0, c1 = view.clause(toks[i].start)
        window = [w for w in toks[max(0, i - 6) : i] if w.start >= c0]
        leads = [k for k, w in enumerate(window) if w.low in BIG or w.low in GOOD]
        if not leads:
            continue
        span = [w.low for w in window[leads[-1] :]]
        after = [w.low for w in view.words_between(toks[end].end, c1)][:6]
        clause = [w.low for w in view.words_between(c0, c1)]
        if not any(w in FALL_NOUNS or w in RISE_NOUNS for w in span) or value_words(clause) or duration_at(span):
            continue
        marks = [t.low for t in toks[i : end + 1]]
        if _across([*span, *marks, *after]) or any(w in _SCOPE_NOUNS for w in after):
            continue
        money = [o for o in view.quantities if view.sentence.start <= o.span[1] <= window[leads[-1]].start]
        if money and money[-1].kind == "money":  # "$593 billion, the biggest one-day loss ever": of market value
            continue
        start = window[leads[-1]].start
        out.append((start, toks[end].end, " ".join(masked[start : toks[end].end].split()), span))
    return out
