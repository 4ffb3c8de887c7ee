"""The kinds beyond percent moves, read from text: levels ("closed at 6,012.28", "schloss bei 39.016 Punkten",
"as low as $116.70"), points changes ("lost 89 points", "verlor rund 113 Punkte", "dropped $24.20"), market
value levels ("fell to about $2.9 trillion", "unter 3 Billionen Dollar", "3,3 Billionen Dollar wert") and
records ("its lowest close since October", "so tief wie seit September nicht mehr", "Rekordhoch").

``kind_of`` says, for one quantity, which of these it is (or None: the percent and market-value rules
decide as before); ``find_records`` finds the record phrases of a sentence, which state no number.
``record_since`` turns a record's "since" words into the first day of its history (the day after the
period named: "since March 2020" → 2020-04-01, the March 2020 fall was bigger).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from marketfact.claims.extract import rules
from marketfact.claims.extract.decide import worth_holder
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.recordwords import BIG as _BIG
from marketfact.claims.extract.recordwords import FALL_NOUNS as _FALL_NOUNS
from marketfact.claims.extract.recordwords import GOOD as _GOOD
from marketfact.claims.extract.recordwords import RISE_NOUNS as _RISE_NOUNS
from marketfact.claims.extract.recordwords import RecordPhrase as RecordPhrase
from marketfact.claims.extract.recordwords import (
    all_time_values,
    duration_at,
    durations,
    price_record,
    short_of,
    value_record,
    value_words,
)
from marketfact.claims.extract.timewords import PeriodSpan
from marketfact.claims.numbers import Quantity, find_quantities
from marketfact.claims.periods import resolve_period

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
    "de": rules.word_set("zeitweise zwischenzeitlich tagesverlauf handelsverlauf tagestief tageshoch"),
    "en": rules.word_set("intraday touched"),
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
        if q.high is None or q.kind not in ("money", "index_points") or q.scale != "one":
            out.append(q)
            continue
        text = masked[q.span[0] : q.span[1]]
        m = re.search(r"\s+to\s+", text)
        before = [t for t in view.toks if t.end <= q.span[0]]
        moved = before and any(w.start == before[-1].start for w in view.directions)
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


def _level_marked(view: SentenceView, q: Quantity) -> bool:
    lows = [t.low for t in view.toks if t.end <= q.span[0]][-2:]
    return bool(lows) and (lows[-1] in _LEVEL_BEFORE[view.lang] or (lows[-1] in ("von", "of") and len(lows) > 1))


def kind_of(view: SentenceView, q: Quantity, hedge_start: int | None, market_value: str | None) -> KindReading | None:
    """Which new kind ``q`` is, or None when it is a percent move, a market value change or no claim here."""
    lang = view.lang
    if q.kind in ("percent", "points"):
        return None
    lead = [t for t in view.toks if t.end <= (hedge_start if hedge_start is not None else q.span[0])]
    lows = [t.low for t in lead]
    c0, c1 = view.clause(q.span[0])
    clause_lows = [t.low for t in view.words_between(c0, c1)]
    intraday = any(w in _INTRADAY_WORDS[lang] for w in clause_lows) or (lows[-2:] == ["bis", "auf"])
    for phrase, direction in _EXTREME_PHRASES[lang].items():
        if tuple(lows[-3:]) == phrase:
            return KindReading(INTRADAY_LEVEL, direction, " ".join(t.text for t in lead[-3:]))
    level_word = bool(lows) and lows[-1] in _LEVEL_BEFORE[lang] and not (len(lows) > 1 and lows[-2] == "up")
    level_word = level_word or _record_level(lows, lang) or _closed_with(lows, clause_lows, lang)
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
    if q.kind == "money" and q.scale in ("billion", "trillion"):
        if _worth_of_company(view, lead):  # "making the company worth about $3.4 trillion": its market value
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
            return KindReading(INTRADAY_LEVEL, rules.reached(clause_lows, lang), word)
        if q.kind == "number" and not _session_or_move(view, c0, q):
            return None
        return KindReading(CLOSE_LEVEL, None, word)
    if q.kind == "index_points" or (q.kind == "money" and q.scale == "one"):
        return KindReading(POINTS_CHANGE, None, q.text)
    return None


def _worth_of_company(view: SentenceView, lead: list) -> bool:
    """Whether "worth" stands right before the amount (its hedge aside) as a company's worth (decide.worth_holder)."""
    return view.lang == "en" and len(lead) >= 2 and lead[-1].low == "worth" and worth_holder(view, lead[-2])


def _record_level(lows: list[str], lang: str) -> bool:
    """ "ending Friday at a record 21,732", "to a record 21,732.05": a number right after "at/to a record" is the
    record level reached."""
    return lang == "en" and len(lows) > 2 and lows[-1] == "record" and lows[-2] == "a" and lows[-3] in ("at", "to")


def _closed_with(lows: list[str], clause_lows: list[str], lang: str) -> bool:
    """ "schloss mit 22.037,83 Punkten", "beendeten den Handel mit 57,30 Euro": right after "mit" in a clause of a
    close, a number of points or money is the closing level ("mit 0,5 Prozent im Minus", a percent, is a change)."""
    return lang == "de" and bool(lows) and lows[-1] == "mit" and any(w in _CLOSE_VERBS for w in clause_lows)


_CLOSE_VERBS = rules.word_set("schloss schlossen geschlossen beendete beendeten beendet")
_COST_VERBS = rules.word_set("kostete kosteten kostet kosten")  # "als die Aktie 60,36 Euro kostete": its close


_CLOSE_LEVEL_WORDS = rules.word_set("close end schließen settled settles")
"""Words of a close besides the session words: "settled at 19,654.02" is a closing level."""


def _session_or_move(view: SentenceView, c0: int, q: Quantity) -> bool:
    """A bare number after "at"/"to" is an index level only after a move or a close ("closed at 6,012.28",
    "fell 3.07% to 19,341.83"), not in "at 9 o'clock" or "up to 5,000 jobs"."""
    before = view.words_between(view.sentence.start, q.span[0])
    if any(t.low in rules.SESSION_WORDS[view.lang] or t.low in _CLOSE_LEVEL_WORDS for t in before):
        return True
    return any(view.sentence.start <= w.start < q.span[0] for w in view.directions)


# ---- records ------------------------------------------------------------------------------------------------
_ALL_TIME = {
    "en": {
        ("record", "high"): "highest_close",
        ("record", "low"): "lowest_close",
        ("all-time", "high"): "highest_close",
        ("all-time", "low"): "lowest_close",
        ("record", "close"): "highest_close",
    },
    "de": {},
}
_ALL_TIME_DE = {
    "rekordhoch": "highest_close",
    "allzeithoch": "highest_close",
    "rekordstand": "highest_close",
    "rekordniveau": "highest_close",
    "rekordtief": "lowest_close",
    "allzeittief": "lowest_close",
    "rekordwert": "highest_close",  # only as a level: "auf den Rekordwert von 22.612 Punkten" (price_record)
    "rekordkurs": "highest_close",
    "rekordschlusskurs": "highest_close",
    "rekordschlussstand": "highest_close",
}


def find_records(view: SentenceView, masked: str) -> list[RecordPhrase]:
    """Every record phrase in the sentence (none about market value: that is no kind a claim file has)."""
    lang = view.lang
    out: list[RecordPhrase] = []
    toks = view.toks
    for p in view.records:
        idx = next((i for i, t in enumerate(toks) if t.start >= p.start), None)
        if idx is None:
            continue
        if toks[idx].low not in ("since", "seit") and idx > 0 and toks[idx - 1].low in ("since", "seit"):
            idx -= 1
        before = toks[max(0, idx - 6) : idx]
        lows = [t.low for t in before]
        if duration_at(lows) is not None:  # "its worst week since 2020": no record kind (noted below)
            continue
        if value_words(lows):  # "its biggest one-day loss of market value since …"
            out += value_record(view, masked, toks, max(0, idx - 6), idx, p)
            continue
        if any(t.low in ("amount", "viel") for t in before):
            continue
        record = _record_from(view, lows, p)
        if record is None:
            continue
        first = next((t for t in before if t.low in _BIG or t.low in _GOOD or _superlative(t.low, lang)), None)
        first = first or (before[-3] if len(before) >= 3 and before[-3].low == "so" else None)
        start = first.start if first is not None else toks[idx].start
        end = p.end
        tail = [t for t in toks if t.start >= p.end][:2]
        if lang == "de" and [t.low for t in tail] == ["nicht", "mehr"]:
            end = tail[-1].end
        out.append(RecordPhrase(record, start, end, " ".join(masked[start:end].split()), p))
    for i, t in enumerate(toks):
        rec = _ALL_TIME_DE.get(t.low) if lang == "de" else None
        if lang == "de" and rec is None and t.low == "nie" and i >= 3 and toks[i - 1].low == "wie":
            word = toks[i - 2].low
            rec = {"hoch": "highest_close", "tief": "lowest_close"}.get(word)
            if rec is not None:
                end = toks[i + 1].end if i + 1 < len(toks) and toks[i + 1].low in ("zuvor", "mehr") else t.end
                out.append(
                    RecordPhrase(rec, toks[i - 3].start, end, " ".join(masked[toks[i - 3].start : end].split()), None)
                )
            continue
        if rec is not None and (short_of(toks, i) or not price_record(toks, i)):
            continue
        if lang == "en" and i + 1 < len(toks):
            rec = _ALL_TIME["en"].get((t.low, toks[i + 1].low))
            if rec is not None and short_of(toks, i):
                continue
            if rec is None and _record_level([x.low for x in toks[max(0, i - 2) : i + 1]], lang):
                if toks[i + 1].kind == "num":  # "at a record 21,732": the level is a record high
                    out.append(RecordPhrase("highest_close", t.start, t.end, t.text, None))
                continue
            if rec is not None:
                out.append(RecordPhrase(rec, t.start, toks[i + 1].end, f"{t.text} {toks[i + 1].text}", None))
            continue
        if rec is not None:
            out.append(RecordPhrase(rec, t.start, t.end, t.text, None))
    out += all_time_values(view, masked) + durations(view, masked)
    out.sort(key=lambda r: r.start)
    return out


def _superlative(low: str, lang: str) -> bool:
    if lang == "en":
        return low in ("lowest", "highest", "longest")
    return bool(re.fullmatch(r"(?:tiefst|niedrigst|höchst|längst)\w*", low))


STREAK_DOWN = {"losing_streak": True, "winning_streak": False}
"""Records of duration and whether they are about falls."""


def record_down(record: str) -> bool:
    """Whether a record is about a fall: the lowest close, the biggest fall, a losing streak."""
    return record in ("lowest_close", "biggest_fall") or STREAK_DOWN.get(record, False)


def _streak_from(view: SentenceView, lows: list[str], p: PeriodSpan) -> str | None:
    """A record of duration: "its longest losing streak since …", "die längste Gewinnserie seit …"."""
    if view.lang == "en":
        if "longest" not in lows or not {"streak", "run"} & set(lows):
            return None
        if "losing" in lows:
            return "losing_streak"
        if "winning" in lows:
            return "winning_streak"
    else:
        if not any(w.startswith("längst") for w in lows):
            return None
        if any(w.endswith("verlustserie") for w in lows):
            return "losing_streak"
        if any(w.endswith("gewinnserie") for w in lows):
            return "winning_streak"
        if "serie" not in lows:
            return None
    by_move = _by_move(view, p)  # "its longest streak since …": the way of the move before it
    return None if by_move is None else ("losing_streak" if by_move == "biggest_fall" else "winning_streak")


def _record_from(view: SentenceView, lows: list[str], p: PeriodSpan) -> str | None:
    """The extreme the words before "since"/"seit" name, or None."""
    lang = view.lang
    text = " ".join(lows)
    streak = _streak_from(view, lows, p)
    if streak is not None:
        return streak
    if lang == "en":
        if "lowest" in lows:
            return "lowest_close"
        if "highest" in lows:
            return "highest_close"
    else:
        if re.search(r"\b(?:tiefst|niedrigst)", text):
            return "lowest_close"
        if re.search(r"\bhöchst", text):
            return "highest_close"
        if (len(lows) >= 2 and lows[-2:] in (["so", "tief"], ["tief", "wie"])) or "so tief wie" in text:
            return "lowest_close"
        if "so hoch wie" in text:
            return "highest_close"
        if re.search(r"\bso (?:heftig|stark|kräftig|deutlich) wie", text):
            return _by_move(view, p)
    if any(w in _GOOD for w in lows):
        return "biggest_rise"
    if any(w in _BIG for w in lows):
        if any(w in _RISE_NOUNS for w in lows):
            return "biggest_rise"
        if any(w in _FALL_NOUNS for w in lows) or lang == "en":
            return "biggest_fall" if "worst" in lows or any(w in _FALL_NOUNS for w in lows) else _by_move(view, p)
    return None


def _by_move(view: SentenceView, p: PeriodSpan) -> str | None:
    """A record of size ("so heftig wie seit …"): a fall or a rise by the nearest move word before it."""
    words = [w for w in view.directions if w.start < p.start]
    if not words:
        return None
    return "biggest_fall" if words[-1].value == "down" else "biggest_rise"


_SINCE_WORDS = re.compile(r"^(?:(?:since|seit|dem|den|der|the)\s+)+", re.IGNORECASE)
"""Words before the period itself: "seit dem 13. Januar" names 13 January."""


def since_words(words: str) -> str:
    """The period a record's "since" names, without "since"/"seit dem"."""
    return _SINCE_WORDS.sub("", words)


def record_since(words: str, published_at: datetime, mic: str, timezone: str, lang: str) -> date:
    """The first day of a record's history: the day after the period ``words`` names ("since October" →
    1 November; "since March 2020" → 1 April 2020; "since Jan. 20" → 21 January)."""
    res = resolve_period(since_words(words), published_at, mic, timezone, lang)
    first, last = res.first, res.last
    if first == last:
        return last + timedelta(days=1)
    if (first.year, first.month) == (last.year, last.month):
        return date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    if first.year == last.year and first.month == 1 and last.month == 12:
        return date(last.year + 1, 1, 1)
    return last + timedelta(days=1)
