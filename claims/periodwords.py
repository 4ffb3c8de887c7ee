"""The words of periods ("am Montag", "over two days", "seit Jahresbeginn"), de and en: the vocabulary, and the
split of a period's words into segments (a day, a count, a named span, a connective). What the segments mean in
sessions is decided in ``claims.periods`` (resolution).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from babel.dates import get_day_names, get_month_names

from marketfact.claims.numbers import UnknownUnitError, parse_number


class PeriodError(ValueError):
    """A period cannot be resolved to sessions."""


class UnknownPeriodError(PeriodError):
    """A word in a period is not one the resolver knows; never ignored."""

    def __init__(self, word: str, words: str) -> None:
        super().__init__(f"unknown period word {word!r} in {words!r}")
        self.word = word


LOCALE = {"de": "de_DE", "en": "en_US"}


def _names(getter: Callable[..., Mapping[int, str]], lang: str, extra: dict[str, int]) -> dict[str, int]:
    """Babel's wide and abbreviated names (as in running text and stand-alone) → number."""
    out: dict[str, int] = {}
    for width, context in (("wide", "format"), ("abbreviated", "format"), ("abbreviated", "stand-alone")):
        for key, name in getter(width, context, locale=LOCALE[lang]).items():
            out[name.casefold()] = key
    return out | extra


_DAY_PARTS_DE = ("s", "morgen", "vormittag", "mittag", "nachmittag", "abend", "sschluss", "sschlusskurs")
"""A German weekday in the genitive ("jenes Montags") or with its time of day or its close in one word ("am
Mittwochabend", "bis zum Freitagsschluss")."""
_WEEKDAYS = {
    "de": _names(get_day_names, "de", {}),
    "en": _names(get_day_names, "en", {"tues": 1, "thur": 3, "thurs": 3}),
}
_WEEKDAYS["de"] |= {
    f"{name.casefold()}{part}": n
    for n, name in get_day_names("wide", "format", locale=LOCALE["de"]).items()
    for part in _DAY_PARTS_DE
}
_MONTHS = {
    "de": _names(get_month_names, "de", {"jänner": 1, "feber": 2, "mrz": 3, "mrz.": 3}),
    "en": _names(get_month_names, "en", {"sept": 9}),
}


def _table(*rows: tuple[str, int, str]) -> dict[str, tuple[str, int]]:
    """(kind, value, "phrase|phrase") rows → phrase: (kind, value)."""
    return {p: (kind, value) for kind, value, phrases in rows for p in phrases.split("|")}


_CONN = "–|—|-"
# fmt: off
_FIXED = {
    "de": _table(
        ("rel", 0, "heute"), ("rel", -1, "gestern"), ("rel", -2, "vorgestern"),
        ("ytd", 0, "seit jahresbeginn|seit jahresanfang|seit beginn des jahres|seit anfang des jahres|"
                   "seit dem jahreswechsel|seit jahreswechsel|im bisherigen jahresverlauf|in diesem jahr|dieses jahr"),
        ("week", -1, "vergangene woche|vergangenen woche|letzte woche|letzten woche|vorige woche|vorigen woche|"
                     "vorwoche"),
        ("week", 0, "diese woche|dieser woche|laufenden woche|wochensicht|auf wochensicht|in der woche|die woche|"
                    "der woche|im wochenverlauf|auf wochenbasis"),
        ("weekstart", 0, "wochenauftakt|wochenstart|wochenbeginn|wochenanfang|in die neue woche|in die woche"),
        ("weekend", 0, "wochenausklang|wochenschluss"),
        ("month", -1, "vergangenen monat|letzten monat|vormonat"),
        ("month", 0, "diesen monat|diesem monat|laufenden monat"),
        ("since", 0, "seit"), ("conn", 0, f"und|bis|sowie|{_CONN}"),
        ("fill", 0, "am|an|den|dem|der|die|im|in|vom|von|binnen|innerhalb|zum|zu|während|über"),
        ("last", 0, "vergangenen|vergangener|vergangene|letzten|letzter|letzte|vorigen"),
        ("this", 0, "diesen|diesem|dieser"),
    ),
    "en": _table(
        ("rel", 0, "today|this morning|this afternoon"), ("rel", -1, "yesterday"),
        ("rel", -2, "the day before yesterday"),
        ("ytd", 0, "year to date|year-to-date|ytd|so far this year|this year|since the start of the year|"
                   "since the beginning of the year"),
        ("week", -1, "last week|previous week|last week's|the previous week's"),
        ("week", 0, "this week|for the week|on the week|over the week|the week|the week's|week to date|week-to-date|"
                    "that week|this week's|weekly"),
        ("weekstart", 0, "at the start of the week|at the beginning of the week|to start the week|to begin the week|"
                         "to kick off the week"),
        ("weekend", 0, "to end the week|to close out the week|to finish the week|at the end of the week"),
        ("month", -1, "last month|previous month"), ("month", 0, "this month"),
        ("overnight", 0, "overnight"),
        ("since", 0, "since"), ("conn", 0, f"and|to|through|until|{_CONN}"),
        ("fill", 0, "on|the|in|over|within|during|across|from|for|of"),
        ("last", 0, "last|previous|past"), ("this", 0, "this"),
    ),
}
_AGO_MONTHS = {"year": 12, "month": 1, "week": 0}  # a week: 0 months, read as seven days
_FIXED["en"] |= {
    f"{lead} a {unit} {tail}": ("ago", months)
    for unit, months in _AGO_MONTHS.items()
    for lead in ("from", "than")
    for tail in ("ago", "earlier", "before")
}  # "is up 80% from a year ago", "11% higher than a month earlier": from the close a year (month, week) back to now
_FIXED["en"] |= {
    f"{lead} the {last} {span}": ("ago", months)
    for lead in ("over", "in")
    for last in ("past", "last")
    for span, months in (("month", 1), ("year", 12))
    if (lead, last) != ("in", "last")  # "in the last month" of a year may be its calendar month
}  # "has gained 2.7% over the past month": a trailing month or year, not last calendar month ("last month")
_FIXED["de"] |= {f"als vor {a} {unit}": ("ago", n) for unit, a, n in (("jahr", "einem", 12), ("monat", "einem", 1))}
_FIXED["de"]["als vor einer woche"] = ("ago", 0)  # "liegt 11 Prozent höher als vor einem Monat"
_COUNT_ADJ = {"de": {"aufeinanderfolgenden", "aufeinanderfolgende", "folgenden"},
              "en": {"consecutive", "straight", "successive"}}
_COUNT_UNIT = {"de": {"tag", "tage", "tagen", "handelstag", "handelstage", "handelstagen", "börsentag",
                      "börsentage", "börsentagen", "sitzungen", "handelssitzungen"},
               "en": {"day", "days", "session", "sessions", "trading day", "trading days", "trading sessions"}}
_COUNT_TAIL = {"de": ("in folge", "hintereinander"), "en": ("in a row",)}
_GENITIVE = {"zweier": 2, "dreier": 3, "vierer": 4}
_FIRST = {"de": {"ersten"}, "en": {"first"}}
_BOTH = {"de": {"beiden": 2}, "en": {}}
_OF_WEEK = {"de": ("der woche", "dieser woche"), "en": ("of the week", "of this week")}
# fmt: on

_TOKEN = re.compile(
    r"(?P<iso>\d{4}-\d{1,2}-\d{1,2})|(?P<dmy>\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?)|(?P<ord>\d{1,2}(?:st|nd|rd|th)\b)"
    r"|(?P<dday>\d{1,2}\.)|(?P<num>\d+)|(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?)|(?P<sym>[–—-])|(?P<skip>[,;:()]+)"
    r"|(?P<other>\S)"
)


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Day:
    """One day as written: a weekday, a day relative to the writer's date, or a calendar date."""

    text: str
    weekday: int | None = None
    strict: bool = False  # "vergangenen Montag": strictly before the reference date
    offset: int | None = None
    ymd: tuple[int | None, int | None, int | None] | None = None  # (year, month, day)


@dataclass(frozen=True, slots=True)
class Seg:
    kind: str  # day|count|since|ytd|ago|week|weekstart|weekend|weekfirst|monthweek|month|overnight|conn
    text: str
    day: Day | None = None
    n: int = 0
    ym: tuple[int | None, int] | None = None  # a named month: (year, month)


_WEEK_ADJECTIVES = {
    "de": frozenset({"gesamte", "gesamten", "ganze", "ganzen", "turbulente", "turbulenten", "volatile", "volatilen"})
    | frozenset({"holprige", "holprigen"}),
    "en": frozenset({"whole", "entire", "full", "turbulent", "volatile", "choppy"}),
}
"""Words before "Woche"/"week" that change nothing ("die turbulente Woche", "the whole week"): left out."""


def _tokens(words: str, lang: str) -> list[_Tok]:
    toks = []
    matches = list(_TOKEN.finditer(words))
    for k, m in enumerate(matches):
        if m.lastgroup == "skip":
            continue
        nxt = matches[k + 1].group().casefold() if k + 1 < len(matches) else ""
        if m.group().casefold() in _WEEK_ADJECTIVES[lang] and nxt in ("woche", "week"):
            continue
        if m.lastgroup == "other":
            raise UnknownPeriodError(m.group(), words)
        parts = m.group().split("-")
        if len(parts) == 2 and all(_lookup(p.casefold(), _WEEKDAYS[lang]) for p in parts):  # "Montag-Dienstag"
            toks += [_Tok("word", parts[0].casefold(), parts[0]), _Tok("sym", "-", "-")]
            toks.append(_Tok("word", parts[1].casefold(), parts[1]))
            continue
        toks.append(_Tok(m.lastgroup or "other", m.group().casefold(), m.group()))
    return toks


def _lookup(key: str, table: Mapping[str, object]) -> str | None:
    for k in (key, key.rstrip(".")):
        if k in table:
            return k
    return None


def _weekday(key: str, lang: str) -> str | None:
    """The weekday a word names: itself, or in German the last part of a hyphenated compound ("Crash-Freitag",
    "Achterbahn-Donnerstag": tabloid names of the day told)."""
    if lang == "de" and "-" in key and (hit := _lookup(key.rsplit("-", 1)[1], _WEEKDAYS[lang])) is not None:
        return hit
    return _lookup(key, _WEEKDAYS[lang])


def _fixed(toks: list[_Tok], i: int, lang: str) -> tuple[str, int, int] | None:
    """Longest fixed phrase at ``i``: (kind, value, tokens used)."""
    for n in range(min(6, len(toks) - i), 0, -1):
        hit = _lookup(" ".join(t.key for t in toks[i : i + n]), _FIXED[lang])
        if hit:
            return (*_FIXED[lang][hit], n)
    return None


def _count_word(tok: _Tok, lang: str) -> int | None:
    if tok.key in _GENITIVE and lang == "de":
        return _GENITIVE[tok.key]
    try:
        value = parse_number(tok.text, lang).value
    except UnknownUnitError:
        return None
    return int(value) if value == int(value) and value >= 1 else None


_SIGHT = r"-?tages-?(?:sicht|bilanz|basis)"
"""A German count of days glued to a noun of a view over them: "auf Zweitagessicht", "in der Dreitagesbilanz", or
hyphenated: "auf Zwei-Tages-Sicht"."""


def _count(toks: list[_Tok], i: int, lang: str) -> tuple[int, int] | None:
    """ "zwei aufeinanderfolgende Tage", "two straight sessions", "two-day", "zweitägigen", "Zweitagessicht": (n, next
    i)."""
    tok = toks[i]
    glued = re.fullmatch(
        r"(.+?)-(?:day|session)s?" if lang == "en" else rf"(.+?)(?:tägig(?:e|en|er|es)?|{_SIGHT})", tok.key
    )
    if glued:
        n = _count_word(_Tok("word", glued.group(1), glued.group(1)), lang)
        return (n, i + 1) if n else None
    n = _count_word(tok, lang)
    if n is None:
        return None
    j = i + 1
    while j < len(toks) and toks[j].key in _COUNT_ADJ[lang]:
        j += 1
    for width in (2, 1):
        if " ".join(t.key for t in toks[j : j + width]) in _COUNT_UNIT[lang] and j + width <= len(toks):
            j += width
            break
    else:
        return None
    for tail in _COUNT_TAIL[lang]:
        if " ".join(t.key for t in toks[j : j + len(tail.split())]) == tail:
            j += len(tail.split())
    return n, j


_ORDINAL_DE = {"erste": 1, "ersten": 1, "zweite": 2, "zweiten": 2, "dritte": 3, "dritten": 3, "vierte": 4,
               "vierten": 4, "letzte": -1, "letzten": -1}  # fmt: skip


def _month_week(toks: list[_Tok], i: int, lang: str) -> tuple[int, int] | None:
    """ "letzten Januarwoche", "ersten Februarwoche": (n, month); n counts the weeks by their Mondays in the month, -1
    the last."""
    if lang != "de" or i + 1 >= len(toks) or toks[i].key not in _ORDINAL_DE:
        return None
    key = toks[i + 1].key
    month = _lookup(key[: -len("woche")], _MONTHS[lang]) if key.endswith("woche") else None
    return (_ORDINAL_DE[toks[i].key], _MONTHS[lang][month]) if month else None


def _week_first(toks: list[_Tok], i: int, lang: str) -> tuple[int, int] | None:
    """ "an den ersten beiden Handelstagen der Woche", "the first two sessions of the week": (n, next i)."""
    if toks[i].key not in _FIRST[lang] or i + 1 >= len(toks):
        return None
    j = i + 1
    if toks[j].key in _BOTH[lang]:
        n, j = _BOTH[lang][toks[j].key], j + 1
        for width in (2, 1):
            if j + width <= len(toks) and " ".join(t.key for t in toks[j : j + width]) in _COUNT_UNIT[lang]:
                j += width
                break
        else:
            return None
    else:
        counted = _count(toks, j, lang)
        if counted is None:
            return None
        n, j = counted
    for tail in _OF_WEEK[lang]:
        words = tail.split()
        if [t.key for t in toks[j : j + len(words)]] == words:
            return n, j + len(words)
    return None


def _year(toks: list[_Tok], j: int) -> tuple[int | None, int]:
    if j < len(toks) and toks[j].kind == "num" and len(toks[j].key) == 4:
        return int(toks[j].key), j + 1
    return None, j


def _date(toks: list[_Tok], i: int, lang: str) -> tuple[Day, int] | None:
    """An explicit date at ``i``: ISO, 27.01.2025, "27. Januar 2025", "January 27, 2025", "27." (day only)."""
    tok, months = toks[i], _MONTHS[lang]
    if tok.kind == "iso":
        y, m, d = (int(x) for x in tok.key.split("-"))
        return Day(tok.text, ymd=(y, m, d)), i + 1
    if tok.kind == "dmy":
        parts = [p for p in tok.key.split(".") if p]
        year = int(parts[2]) + (2000 if len(parts[2]) == 2 else 0) if len(parts) == 3 else None
        return Day(tok.text, ymd=(year, int(parts[1]), int(parts[0]))), i + 1
    if tok.kind in ("dday", "ord", "num") and len(re.sub(r"\D", "", tok.key)) <= 2:
        day = int(re.sub(r"\D", "", tok.key))
        k = i + 2 if i + 2 < len(toks) and toks[i + 1].key == "of" else i + 1  # "the 27th of January"
        month = _lookup(toks[k].key, months) if k < len(toks) else None
        if month:
            year, j = _year(toks, k + 1)
            return Day(" ".join(t.text for t in toks[i:j]), ymd=(year, months[month], day)), j
        if tok.kind != "num":  # "vom 27. bis 28. Januar": the month comes from the other end
            return Day(tok.text, ymd=(None, None, day)), i + 1
        return None
    month = _lookup(tok.key, months) if tok.kind == "word" else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if month and nxt is not None and nxt.kind in ("num", "ord", "dday") and len(re.sub(r"\D", "", nxt.key)) <= 2:
        year, j = _year(toks, i + 2)
        day = int(re.sub(r"\D", "", nxt.key))
        return Day(" ".join(t.text for t in toks[i:j]), ymd=(year, months[month], day)), j
    return None


def segments(words: str, lang: str) -> list[Seg]:
    """Split the words into known pieces; the first unknown word raises ``UnknownPeriodError``."""
    toks = _tokens(words, lang)
    segs: list[Seg] = []
    i, modifier = 0, None
    while i < len(toks):
        tok = toks[i]
        got = _date(toks, i, lang)
        if got:
            segs.append(Seg("day", got[0].text, day=got[0]))
            i = got[1]
            continue
        mweek = _month_week(toks, i, lang)
        if mweek:  # "in der letzten Januarwoche"
            segs.append(Seg("monthweek", " ".join(t.text for t in toks[i : i + 2]), n=mweek[0], ym=(None, mweek[1])))
            i += 2
            continue
        first = _week_first(toks, i, lang)
        if first:
            segs.append(Seg("weekfirst", " ".join(t.text for t in toks[i : first[1]]), n=first[0]))
            i = first[1]
            continue
        fixed = _fixed(toks, i, lang)
        # "vergangenen Montag", "in den letzten zwei Tagen", "over the past two sessions"
        follows = i + 1 < len(toks) and (_lookup(toks[i + 1].key, _WEEKDAYS[lang]) or _count(toks, i + 1, lang))
        if fixed and fixed[0] in ("last", "this") and follows:
            modifier, i = fixed[0], i + 1
            continue
        if fixed and fixed[0] not in ("last", "this"):
            kind, value, n = fixed
            if kind == "rel":
                segs.append(Seg("day", tok.text, day=Day(" ".join(t.text for t in toks[i : i + n]), offset=value)))
            elif kind != "fill":
                segs.append(Seg(kind, " ".join(t.text for t in toks[i : i + n]), n=value))
            i += n
            continue
        weekday = _weekday(tok.key, lang) if tok.kind == "word" else None
        if weekday:
            day = Day(tok.text, weekday=_WEEKDAYS[lang][weekday], strict=modifier == "last")
            dated = _date(toks, i + 1, lang) if i + 1 < len(toks) else None
            if dated:  # "Montag, 27. Januar": the date decides, the weekday must agree
                day, i = Day(f"{tok.text} {dated[0].text}", weekday=day.weekday, ymd=dated[0].ymd), dated[1] - 1
            segs.append(Seg("day", day.text, day=day))
            modifier, i = None, i + 1
            continue
        counted = _count(toks, i, lang)
        if counted:
            segs.append(Seg("count", " ".join(t.text for t in toks[i : counted[1]]), n=counted[0]))
            modifier, i = None, counted[1]
            continue
        month = _lookup(tok.key, _MONTHS[lang]) if tok.kind == "word" else None
        if month:
            year, j = _year(toks, i + 1)
            segs.append(Seg("month", " ".join(t.text for t in toks[i:j]), ym=(year, _MONTHS[lang][month])))
            i = j
            continue
        raise UnknownPeriodError(tok.text, words)
    if not any(s.kind != "conn" for s in segs):
        raise UnknownPeriodError(words.strip(), words)
    return segs


def vocabulary(lang: str) -> dict[str, str]:
    """Every period word or phrase the resolver knows in ``lang``: phrase → its kind ("rel", "ytd",
    "week", "weekstart", "weekend", "month", "overnight", "since", "conn", "fill", "last", "this", "weekday",
    "month name")."""
    fixed = {p: kind for p, (kind, _) in _FIXED[lang].items()}
    return fixed | dict.fromkeys(_WEEKDAYS[lang], "weekday") | dict.fromkeys(_MONTHS[lang], "month name")
