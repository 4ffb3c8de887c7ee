"""Period phrases in running text ("am Montag", "over two days", "seit Jahresbeginn"), found with their offsets.

The meaning of period words belongs to ``claims.periods``; this module only finds where such words
stand. Around each likely anchor (a weekday, a month, a date, "gestern", a count of days) it tries
the longest stretch of tokens that ``resolve_period`` accepts, then trims words that change nothing.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from datetime import datetime

from babel.dates import get_day_names, get_month_names

from marketfact.claims.extract.rules import word_set
from marketfact.claims.extract.sentences import Token
from marketfact.claims.periods import NoSessionError, PeriodError, PeriodResolution, resolve_period
from marketfact.claims.periodwords import segments, vocabulary

_PROBE_CALENDAR = ("XNYS", "America/New_York")
"""Finding words needs some calendar; the claim's own exchange decides the sessions later."""

_ANCHOR_WORDS = word_set(
    "heute gestern vorgestern today yesterday morning afternoon woche wochen week week's wochensicht wochenverlauf "
    "wochenbasis vorwoche weekly "
    "wochenauftakt wochenstart wochenbeginn wochenausklang wochenschluss "
    "wochenanfang start beginning monat month vormonat jahresbeginn jahresanfang jahreswechsel jahresverlauf "
    "jahr year ytd year-to-date tag tage tagen handelstag handelstage handelstagen börsentag börsentage "
    "börsentagen sitzungen handelssitzungen day days session sessions row folge hintereinander overnight"
)
_WEEKDAYS_EN = word_set("monday tuesday wednesday thursday friday")
_KEEP_LEAD = word_set("am an in im seit since on over within binnen innerhalb during vom from zum zu")
_JOINS = word_set("und and sowie")
_MAX_LEFT, _MAX_RIGHT = 5, 5
_STOPS = frozenset({";", ":", "–", "—", "(", ")"})
"""Punctuation no period phrase reaches across ("legte 1,3 Prozent zu; am Mittwoch …" names "am Mittwoch"); a comma
only between a date's parts ("Friday, Jan 31", "Jan. 27, 2025")."""


@functools.cache
def _calendar_words(lang: str) -> frozenset[str]:
    locale = {"de": "de_DE", "en": "en_US"}[lang]
    words: set[str] = set()
    for getter in (get_day_names, get_month_names):
        for width in ("wide", "abbreviated"):
            words |= {n.lower().rstrip(".") for n in getter(width, "format", locale=locale).values()}
    words |= {w for w, kind in vocabulary(lang).items() if kind == "weekday"}  # "Mittwochabend", "Freitagsschluss"
    return frozenset(words)


def _compound_day(low: str, lang: str) -> bool:
    """Whether a German word is a weekday after a hyphen ("crash-freitag", "achterbahn-donnerstag"): in an exclamation,
    a tabloid's name for the day it tells (``claims.periodwords`` reads it as that weekday); elsewhere it may name an
    event's day of weeks ago ("seit dem Deepseek-Montag")."""
    head, _, day = low.rpartition("-")
    return lang == "de" and head.isalpha() and day in _calendar_words(lang) and len(day) > 3


def _cries(toks: list[Token]) -> bool:
    """Whether the sentence is an exclamation with no number ("Was für ein Crash-Freitag für Anleger!")."""
    return bool(toks) and toks[-1].text == "!" and not any(t.kind == "num" for t in toks)


def is_counted(words: str, lang: str) -> bool:
    """Whether period words only count sessions back ("over the two sessions", "binnen zwei Handelstagen",
    "three straight sessions"), naming no day of their own."""
    lows = [w.strip(".,").lower() for w in words.split()]
    if any(w in _calendar_words(lang) or w in _DAY_WORDS for w in lows) or re.search(r"\d{1,2}\.\d|\d{4}", words):
        return False
    return any(re.fullmatch(_COUNTED, w) for w in lows)


_INDEFINITE = {"en": word_set("a an"), "de": word_set("ein eine einem einen eines einer")}
_DAY_WORDS = word_set("heute gestern vorgestern today yesterday woche week monat month jahr year jahresbeginn")
_COUNTED = (
    r"(?:handels|börsen)?(?:tag|tage|tagen|tages|sitzungen)|days?|sessions?|.+-days?|.+-sessions?|.+tägig\w*"
    r"|.+tages-?(?:sicht|bilanz|basis)"
)


@dataclass(frozen=True, slots=True)
class PeriodSpan:
    """Period words found in text: where they stand and what they are."""

    start: int
    end: int
    words: str
    last: str = ""  # ISO date of the last day it names (probed on the NYSE calendar: for ordering only)
    single_day: bool = False  # one session ("am Montag"), not a span ("binnen zwei Tagen", "diese Woche")


def _is_anchor(toks: list[Token], k: int, lang: str) -> bool:
    tok = toks[k]
    low = tok.low.rstrip(".")
    near_digit = any(0 <= j < len(toks) and toks[j].kind == "num" for j in (k - 1, k + 1, k + 2))
    if lang == "en" and low in {"may", "march", "sun", "sat", "wed"} and not near_digit:
        return False  # "Nvidia may fall", "the march of AI"
    if _compound_day(low, lang):
        return _cries(toks)  # "Crash-Freitag!"; not "seit dem Deepseek-Montag", a day named by its event
    if low in _calendar_words(lang):
        # "so", "mi", "do", "sat": short forms are words too; only a dot or a date makes them a day
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        return len(low) > 3 or (nxt is not None and (nxt.text == "." or nxt.kind == "num"))
    if low in _ANCHOR_WORDS or (lang == "de" and low.endswith("woche") and low[:-5] in _calendar_words(lang)):
        return True  # … "Januarwoche"
    if re.fullmatch(r".+(?:tägig(?:e|en|er|es)?|-days?|-sessions?|tages-?(?:sicht|bilanz|basis))", low):
        # "the biggest one-day loss" describes a move; it names no period
        return not re.match(r"(?:one|single|1|ein|eintägig)", low)
    if tok.kind == "num":
        after = toks[k + 1].text if k + 1 < len(toks) else ""
        if lang == "en" and _ordinal_day(toks, k):
            return True
        if lang == "de" and after == "." and re.fullmatch(r"\d{1,2}\.\d{1,2}", tok.text):
            return True  # "am 21.1.": the tokens "21.1" and "." (a German decimal has a comma)
        return bool(re.fullmatch(r"\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})?|\d{4}-\d{2}-\d{2}", tok.text)) or (
            len(tok.text) <= 2 and after == "."
        )
    return False


def _ordinal_day(toks: list[Token], k: int) -> bool:
    """Whether a number is a day of the month said as an ordinal after "on the", with no month ("jumped 3.8% on the
    12th"): translated copy often dates a move so; the month is the writer's (the most recent such day)."""
    if not (k >= 2 and k + 1 < len(toks) and len(toks[k].text) <= 2 and toks[k].text.isdigit()):
        return False
    glued = toks[k + 1].start == toks[k].end and toks[k + 1].low in ("st", "nd", "rd", "th")
    return glued and toks[k - 1].low == "the" and toks[k - 2].low == "on"


def _crosses_clause(toks: list[Token], i: int, j: int, lang: str) -> bool:
    """Whether tokens ``i..j`` hold punctuation that ends a clause (a comma unless it stands between a weekday
    and its date or before a year)."""
    for m in range(i, j + 1):
        text = toks[m].text
        if text in _STOPS:
            return True
        if text == "-" and i < m < j and toks[m - 1].end < toks[m].start and toks[m].end < toks[m + 1].start:
            return True  # "NEW YORK, Feb 14 - On Feb. 3": a spaced hyphen is a dash, not "Feb. 3-5"
        if text == "," and not (
            (m > i and toks[m - 1].low in _calendar_words(lang))
            or (m < j and re.fullmatch(r"\d{4}", toks[m + 1].text))
            or _weekday_apposed(toks, m, j)
        ):
            return True
    return False


def _weekday_apposed(toks: list[Token], m: int, j: int) -> bool:
    """Whether the comma at ``m`` sets off a weekday restating the date before it ("on Jan. 24, the Friday before the
    rout"): an English date's day, then "the" and a weekday (``claims.periods`` reads the two as one day)."""
    if m < 2 or m + 2 > j or not toks[m - 1].text.isdigit() or toks[m + 1].low != "the":
        return False
    return toks[m - 2].low.rstrip(".") in _calendar_words("en") and toks[m + 2].low in _WEEKDAYS_EN


def _probe(words: str, published_at: datetime, lang: str) -> tuple[str, ...] | None:
    """A fingerprint of what ``words`` mean, or None when the period resolver does not read them."""
    try:
        res: PeriodResolution = resolve_period(words, published_at, *_PROBE_CALENDAR, lang)
    except NoSessionError as exc:
        return ("no-session", str(exc.day))
    except (PeriodError, ValueError, KeyError, IndexError):
        return None
    return (str(res.first), str(res.last), str(res.n_sessions))


def probe(words: str, published_at: datetime, lang: str) -> tuple[str, ...] | None:
    """(first day, last day, sessions) that ``words`` name on the probe calendar, ("no-session", day) for a day
    with no session, or None when the period resolver does not read them."""
    return _probe(words, published_at, lang)


def _window(toks: list[Token], k: int) -> tuple[int, int]:
    """The first and last token a period around anchor ``k`` may span: ``_MAX_LEFT`` and ``_MAX_RIGHT`` tokens either
    side, not counting an abbreviation's dot ("from Feb. 4 to Feb. 6" is one span, not "from Feb. 4")."""
    lo, n = k, 0
    while lo > 0 and n < _MAX_LEFT:
        lo -= 1
        n += toks[lo].text != "."
    hi, n = k, 0
    while hi + 1 < len(toks) and n < _MAX_RIGHT:
        hi += 1
        n += toks[hi].text != "."
    return lo, hi


_FIRST = word_set("first erstmals erste ersten erstes mal")
_COUNT_UNITS = word_set("day days session sessions tag tage tagen handelstag handelstage handelstagen sitzungen")


def _first_in(toks: list[Token]) -> set[int]:
    """The tokens of a count after "for the first time in"/"erstmals seit" ("fell for the first time in two days",
    "stieg erstmals seit drei Tagen", as translated Tokyo copy writes it): how long since the last such move."""
    out: set[int] = set()
    for n in range(2, len(toks) - 1):
        lead = toks[n - 1].low in ("in", "since", "seit") and any(t.low in _FIRST for t in toks[max(0, n - 4) : n - 1])
        if lead and toks[n + 1].low in _COUNT_UNITS:
            out |= {n - 1, n, n + 1}
    return out


def since_first_time(toks: list[Token], p: PeriodSpan) -> bool:
    """Whether period ``p`` is the count after "for the first time in"/"erstmals seit": not the move's period."""
    inside = {i for i, t in enumerate(toks) if p.start <= t.start < p.end}
    return bool(inside) and inside <= _first_in(toks)


def _probe_joined(words: str, published_at: datetime, lang: str) -> tuple[str, ...] | None:
    """``_probe``, but None for two days side by side that name two moves ("nach 9,5 Prozent am Montag gestern noch
    einmal 7,5 Prozent"), not one span."""
    meaning = _probe(words, published_at, lang)
    if meaning is not None and meaning[-1] != "1" and _unjoined(words, published_at, lang):
        return None
    return meaning


def _unjoined(words: str, published_at: datetime, lang: str) -> bool:
    """Whether ``words`` hold two days side by side with no word joining them ("am Montag gestern", "am Donnerstag
    am Freitag") that name different days: the end of one move and the day of the next, not a span ("von Montag bis
    Mittwoch"); a weekday and its date ("am Freitag, dem 24. Januar") name one day. A week and then a day with no word
    of a span between them are two periods too ("beendete die Woche am Freitag": the day the week ended on)."""
    try:
        segs = segments(words, lang)
    except PeriodError:
        return False
    days = any(
        a.kind == b.kind == "day" and _probe(a.text, published_at, lang) != _probe(b.text, published_at, lang)
        for a, b in itertools.pairwise(segs)
    )
    # "beendete die Woche am Freitag mit …": that Friday, not "die Woche bis Freitag", "in der Woche zum Freitag"
    week_day = any((a.kind, b.kind) == ("week", "day") for a, b in itertools.pairwise(segs))
    return days or (week_day and not _SPAN_WORDS & set(words.lower().split()))


_SPAN_WORDS = frozenset({"bis", "zum", "to", "through", "until", "ending"})


def _possessive_day(
    toks: list[Token], k: int, day: str, published_at: datetime, found: list[PeriodSpan]
) -> list[PeriodSpan]:
    """The day said in the possessive at token ``k`` ("Friday's 6% slide"), with "last" before it ("last Friday's
    close": last Friday, a week back on a Friday); none when the resolver does not read it."""
    last = k > 0 and toks[k - 1].low == "last" and not (found and found[-1].end > toks[k - 1].start)
    words = ("last " if last else "") + day
    meaning = _probe(words, published_at, "en")
    if meaning is None:
        return []
    single = meaning[0] == "no-session" or meaning[2] == "1"
    start = toks[k - 1].start if last else toks[k].start
    return [PeriodSpan(start, toks[k].start + len(day), words, meaning[1], single)]


def find_periods(text: str, toks: list[Token], published_at: datetime, lang: str) -> list[PeriodSpan]:
    """Every period phrase among ``toks`` (tokens of ``text``), left to right, none overlapping; none joins a count
    after "for the first time in" to other words."""
    found: list[PeriodSpan] = []
    blocked = _first_in(toks)
    k = 0
    while k < len(toks):
        possessive = re.fullmatch(r"(\w+)['’]s", toks[k].text) if lang == "en" else None
        if possessive and possessive.group(1).lower() in _calendar_words(lang) and len(possessive.group(1)) > 3:
            # "extending Friday's 6% slide": the day belongs to the move it is the possessive of
            found += _possessive_day(toks, k, possessive.group(1), published_at, found)
            k += 1
            continue
        # "an einem Montag": no day in particular; "ein Crash-Freitag" is the day told, named by what it brought
        indefinite = k > 0 and toks[k - 1].low in _INDEFINITE[lang] and toks[k].low.rstrip(".") in _calendar_words(lang)
        if indefinite or not _is_anchor(toks, k, lang):
            k += 1  # "It began on a Monday", "an einem Montag": no day in particular
            continue
        best: tuple[int, int, tuple[str, ...]] | None = None
        lo, hi = _window(toks, k)
        for length in range(hi - lo + 1, 0, -1):
            for i in range(lo, k + 1):
                j = i + length - 1
                if j < k or j >= len(toks) or j > hi:
                    continue
                if found and toks[i].start < found[-1].end:
                    continue
                if any(i <= b <= j for b in blocked) and not all(m in blocked for m in range(i, j + 1)):
                    continue
                if _crosses_clause(toks, i, j, lang):
                    continue
                if j > k and toks[j].low in _calendar_words(lang) and not _is_anchor(toks, j, lang):
                    continue  # "am Dienstag so tief wie …": "so" ends no period without a dot or a date (#17)
                meaning = _probe_joined(text[toks[i].start : toks[j].end], published_at, lang)
                if meaning is not None:
                    best = (i, j, meaning)
                    break
            if best:
                break
        if best is None:
            k += 1
            continue
        i, j, meaning = best
        while j > k and toks[j].kind != "num" and not _is_anchor(toks, j, lang):
            if _probe(text[toks[i].start : toks[j - 1].end], published_at, lang) != meaning:
                break
            j -= 1
        while i < k and (toks[i].low not in _KEEP_LEAD or toks[i + 1].low in _JOINS):  # not "zu" of "… zu und am"
            if _probe(text[toks[i + 1].start : toks[j].end], published_at, lang) != meaning:
                break
            i += 1
        words = " ".join(text[toks[i].start : toks[j].end].split())
        single = meaning[0] == "no-session" or meaning[2] == "1"
        found.append(PeriodSpan(toks[i].start, toks[j].end, words, meaning[1], single))
        k = j + 1
    return found
