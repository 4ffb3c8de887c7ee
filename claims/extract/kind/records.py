"""Records read from text, which state no number: "its lowest close since October", "so tief wie seit September
nicht mehr", "Rekordhoch", "its longest losing streak since Jan. 10".

``find_records`` finds the record phrases of a sentence; ``record_since`` turns a record's "since" words into the
first day of its history (the day after the period named: "since March 2020" → 2020-04-01, the March 2020 fall was
bigger). The words themselves are in ``claims.extract.kind.recordwords``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from marketfact.claims.extract import rules
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.kind.kinds import record_level
from marketfact.claims.extract.kind.levelrecord import level_records
from marketfact.claims.extract.kind.recordwords import BIG as _BIG
from marketfact.claims.extract.kind.recordwords import FALL_NOUNS as _FALL_NOUNS
from marketfact.claims.extract.kind.recordwords import GOOD as _GOOD
from marketfact.claims.extract.kind.recordwords import RISE_NOUNS as _RISE_NOUNS
from marketfact.claims.extract.kind.recordwords import RecordPhrase as RecordPhrase
from marketfact.claims.extract.kind.recordwords import (
    all_time_moves,
    all_time_values,
    duration_at,
    durations,
    missed,
    price_record,
    short_of,
    value_record,
    value_words,
)
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.sentences import Token
from marketfact.claims.model import Claim
from marketfact.claims.periods import PeriodError, resolve_period
from marketfact.claims.readings import Reading

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
    "rekordschluss": "highest_close",
    "schlussrekord": "highest_close",
    "rekordschlusskurs": "highest_close",
    "rekordschlussstand": "highest_close",
    "bestmarke": "highest_close",  # "hatte der Dax … eine Bestmarke aufgestellt"
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
        if lang == "de" and rec is None and t.low == "nie":
            handled, phrase = _never_record(toks, masked, i)
            out += [phrase] if phrase is not None else []
            if handled:
                continue
        if rec is not None and ((short_of(toks, i) and not _dated(view, i, i)) or not price_record(toks, i)):
            continue
        if rec is not None and lang == "de" and missed(view, t.start) and not _dated(view, i, i):
            continue  # "Ein Rekordschluss blieb dem Dax verwehrt", "verfehlte ein Rekordhoch"; not one with its day
        if lang == "en" and i + 1 < len(toks):
            rec = _ALL_TIME["en"].get((t.low, toks[i + 1].low))
            if rec is not None and short_of(toks, i) and not _dated(view, i, i + 1):
                continue
            if rec is None and record_level([x.low for x in toks[max(0, i - 2) : i + 1]], lang):
                if toks[i + 1].kind == "num":  # "at a record 21,732": the level is a record high
                    out.append(RecordPhrase("highest_close", t.start, t.end, t.text, None))
                continue
            pair = [RecordPhrase(rec, t.start, toks[i + 1].end, f"{t.text} {toks[i + 1].text}", None)] if rec else []
            out += pair or _owned_by_day(view, toks, i)  # "after Thursday's record"
            continue
        if rec is not None:
            out.append(RecordPhrase(rec, t.start, t.end, t.text, None))
    out += _in_history(view, masked) if lang == "de" else []
    out += all_time_values(view, masked) + durations(view, masked) + level_records(view)  # "- ein Rekord"
    out += _all_time_move_records(view, masked, out)
    out.sort(key=lambda r: r.start)
    return out


def _all_time_move_records(view: SentenceView, masked: str, found: list[RecordPhrase]) -> list[RecordPhrase]:
    """ "its worst day on record", "der schwärzeste Tag seiner Geschichte": the biggest fall or rise of a day over
    all history (no "since"), where no record phrase read before stands."""
    out = []
    for start, end, text, span in all_time_moves(view, masked):
        rec = _record_from(view, span, PeriodSpan(start, end, text))
        if rec in ("biggest_fall", "biggest_rise") and not any(r.start <= start < r.end for r in found):
            out.append(RecordPhrase(rec, start, end, text, None))
    return out


_CLOSE_NOUNS = rules.word_set("schlussstand schlusskurs schlussstände schlusskurse stand kurs niveau")
_LEVEL_NOUNS = _CLOSE_NOUNS | rules.word_set("close closing finish level")
_HISTORY_LEADS = rules.word_set("seiner ihrer der")
_EXTREMES = (("höchst", "highest_close"), ("tiefst", "lowest_close"), ("niedrigst", "lowest_close"))


def _in_history(view: SentenceView, masked: str) -> list[RecordPhrase]:
    """ "den höchsten Schlussstand seiner Geschichte", "den tiefsten Stand ihrer Geschichte": a superlative close
    over all the history the source has."""
    toks, out = view.toks, []
    for i in range(3, len(toks)):
        if toks[i].low != "geschichte" or toks[i - 1].low not in _HISTORY_LEADS or toks[i - 2].low not in _CLOSE_NOUNS:
            continue
        rec = next((r for stem, r in _EXTREMES if toks[i - 3].low.startswith(stem)), None)
        if rec is not None and not missed(view, toks[i].start):
            start, end = toks[i - 3].start, toks[i].end
            out.append(RecordPhrase(rec, start, end, " ".join(masked[start:end].split()), None))
    return out


_SO_NEVER = {"hoch": "highest_close", "teuer": "highest_close", "tief": "lowest_close", "billig": "lowest_close",
             "günstig": "lowest_close", "niedrig": "lowest_close"}  # fmt: skip
"""After "so" in a clause that ends in "(noch) nie": the adjective says which record."""


def _never_record(toks: list[Token], masked: str, i: int) -> tuple[bool, RecordPhrase | None]:
    """(whether "nie" at ``i`` closes a phrase read here, its record if any): "so hoch wie nie (zuvor)", "so hoch
    stand er noch nie", "So teuer war die Aktie noch nie" are the highest (lowest) close."""
    so = _so_never(toks, i)
    if so is not None:
        at, rec = so
        ends: tuple[str, ...] = ("zuvor",)
    elif i >= 3 and toks[i - 1].low == "wie":
        at, found = i - 3, {"hoch": "highest_close", "tief": "lowest_close"}.get(toks[i - 2].low)
        if found is None:
            return True, None
        rec, ends = found, ("zuvor", "mehr")
    else:
        return False, None
    end = toks[i + 1].end if i + 1 < len(toks) and toks[i + 1].low in ends else toks[i].end
    return True, RecordPhrase(rec, toks[at].start, end, " ".join(masked[toks[at].start : end].split()), None)


def _so_never(toks: list[Token], i: int) -> tuple[int, str] | None:
    """(where "so" stands, the record) for "nie" at ``i`` closing "so <adjective> … (noch) nie" within six words, no
    punctuation between ("So teuer war die Aktie noch nie"); not "so hoch wie nie", read as its own phrase."""
    for j in range(i - 1, max(-1, i - 8), -1):
        if toks[j].kind == "punct" or (toks[j].low == "wie" and j == i - 1):
            return None
        if toks[j].low == "so" and j + 1 < i and toks[j + 1].low in _SO_NEVER:
            return j, _SO_NEVER[toks[j + 1].low]
    return None


def _dated(view: SentenceView, i: int, j: int) -> bool:
    """Whether the record words at tokens ``i``..``j`` are named with a day of their own: right after them, past its
    level ("its record close of 6,118.71 on Jan. 23"), or right before them ("Thursday's record close"). A record a
    price stayed under with its day is still a claim of that day; without one ("barely below its record close") it
    is none."""
    toks = view.toks
    k = j + 1
    if k < len(toks) and toks[k].low in ("of", "von"):
        k += 1
        while k < len(toks) and (
            toks[k].kind == "num" or toks[k].text in ",.$€" or toks[k].low in ("points", "punkten")
        ):
            k += 1
    after = toks[k].start if k < len(toks) else None
    before = toks[max(0, i - 2)].start
    return any(
        p.single_day and (p.start == after or (before <= p.start and p.end <= toks[i].start)) for p in view.periods
    )


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
        if [t.low for t in view.toks if t.start >= p.end][:2] == ["nicht", "mehr"]:  # "So hoch hatte die Aktie seit …
            so = re.search(r"\bso (hoch|teuer|tief|billig|günstig|niedrig)\b", text)  # … nicht mehr geschlossen"
            if so is not None:
                return "highest_close" if so.group(1) in ("hoch", "teuer") else "lowest_close"
            if re.search(r"\bso (?:heftig|stark|kräftig|deutlich)\b", text):  # "So stark war das Papier seit dem 28.
                return _by_move(view, p) or _by_verb_after(view, p)  # Januar nicht mehr gefallen": the verb after
        if re.search(r"\bso (?:heftig|stark|kräftig|deutlich) wie", text):
            return _by_move(view, p)
    if any(w in _GOOD for w in lows) and any(w in _LEVEL_NOUNS for w in lows):
        return "highest_close"  # "its best close since Jan. 23", "der beste Schlusskurs seit": a close, not a move
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


def _by_verb_after(view: SentenceView, p: PeriodSpan) -> str | None:
    """A record of size with its verb after the period ("… seit dem 28. Januar nicht mehr gefallen"): by that verb."""
    words = [w for w in view.directions if w.start >= p.end]
    return None if not words else ("biggest_fall" if words[0].value == "down" else "biggest_rise")


_SINCE_WORDS = re.compile(r"^(?:(?:since|seit|dem|den|der|the)\s+)+", re.IGNORECASE)
"""Words before the period itself: "seit dem 13. Januar" names 13 January."""


def _owned_by_day(view: SentenceView, toks: list[Token], i: int) -> list[RecordPhrase]:
    """ "after Thursday's record": "record" with no noun after it, owned by a single day said with "'s" before it, is a
    record close on that day."""
    t = toks[i]
    if t.low != "record" or i == 0 or i + 1 >= len(toks) or toks[i + 1].kind != "punct":
        return []
    owner = toks[i - 1]
    if not owner.low.endswith(("'s", "’s")):
        return []
    days = [p for p in view.periods + view.records if owner.start <= p.start and p.end <= owner.end and p.single_day]
    return [RecordPhrase("highest_close", t.start, t.end, t.text, None)] if days else []


def since_words(words: str) -> str:
    """The period a record's "since" names, without "since"/"seit dem"."""
    return _SINCE_WORDS.sub("", words)


def record_since(words: str, published_at: datetime, mic: str, timezone: str, lang: str) -> date:
    """The first day of a record's history: the day after the period ``words`` names ("since October" →
    1 November; "since March 2020" → 1 April 2020; "since Jan. 20" → 21 January; in English "since the start of
    the year" → 1 January, the year so far being all of its history)."""
    try:
        res = resolve_period(since_words(words), published_at, mic, timezone, lang)
    except PeriodError:
        if lang != "en":  # "unser bester Wert seit Jahresbeginn" ranks a portfolio: German not measured
            raise
        whole = resolve_period(words, published_at, mic, timezone, lang)
        if "year to date" not in whole.how:
            raise
        return date(whole.last.year, 1, 1)
    first, last = res.first, res.last
    if first == last:
        return last + timedelta(days=1)
    if (first.year, first.month) == (last.year, last.month):
        return date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    if first.year == last.year and first.month == 1 and last.month == 12:
        return date(last.year + 1, 1, 1)
    return last + timedelta(days=1)


def drop_said_again(claims: list[Claim], readings: list[Reading]) -> tuple[list[Claim], list[Reading]]:
    """The claims less a record told again in the sentence right after (or in the same sentence as) the same record of
    the same listing and session(s) ("haben den Dax am Donnerstag auf ein Rekordhoch getrieben. Der Leitindex schloss
    … und damit auf einem Rekordhoch"): a lede and its body say one record, one claim."""
    keep: list[tuple[Claim, Reading]] = []
    for c, r in zip(claims, readings, strict=True):
        key = (c.instrument, c.record, c.since, r.sessions)
        if c.record is not None and any(
            (k.instrument, k.record, k.since, kr.sessions) == key and 0 <= r.sentence_index - kr.sentence_index <= 1
            for k, kr in keep
        ):
            continue
        keep.append((c, r))
    return [c for c, _ in keep], [r for _, r in keep]
