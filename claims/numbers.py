"""Quantities as news text states them, in German and English: "17 Prozent", "$593bn", "fünf bis sechs %".

Digits are read by Babel with the language's locale (de → de_DE: "11,10", "1.234,5"; en → en_US:
"11.10", "1,234.5"), strictly: "1.5" in German text is an error, not a guess. Number words cover 0–100
and halves ("zwanzig", "einundzwanzig", "eineinhalb", "twenty-one", "one and a half").

A quantity is a number or a range with at most one scale, one currency and one unit:

* kind ``percent`` — %, Prozent, percent, per cent, pct;
* kind ``points`` — percentage points (Prozentpunkte, percentage points, pp): NOT percent;
* kind ``index_points`` — an index's points (Punkte, Zähler, points);
* kind ``money`` — a currency (€, $, ¥, £, Euro, US-Dollar, USD …) with a scale (Mrd., bn, Billionen …);
* kind ``number`` — none of these.

Scales use the keys of ``claims.model.SCALES``. The German "Billion" is 1e12 ("trillion"); the English
"billion" is 1e9. Any word the parser does not know raises ``UnknownUnitError`` naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal, cast

from babel.numbers import NumberFormatError, parse_decimal

from marketfact.claims.model import SCALES

Kind = Literal["percent", "points", "index_points", "money", "number"]

LOCALES = {"de": "de_DE", "en": "en_US"}


class UnknownUnitError(ValueError):
    """A word or symbol in a quantity is not a known number, scale, currency or unit."""

    def __init__(self, word: str, message: str) -> None:
        super().__init__(message)
        self.word = word


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number as written: its value and the decimal places it was stated with ("11,10" → 2)."""

    value: float
    decimals: int
    text: str


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number or range with its unit, scale and currency, and where it stood in the text.

    ``low``/``high`` are the numbers as written, signed, NOT multiplied by the scale (``high`` is None
    unless a range). ``sign`` is -1/+1 when the text wrote a sign (−, +, minus, plus), else 0.
    """

    kind: Kind
    low: float
    high: float | None
    decimals: int
    currency: str | None
    scale: str
    text: str
    span: tuple[int, int]
    sign: int = 0

    @property
    def value(self) -> float:
        """The single value (a range's first end)."""
        return self.low

    @property
    def magnitudes(self) -> tuple[float, float | None]:
        """Absolute values, a range's ends in ascending order: what ``Claim.value``/``range`` want."""
        if self.high is None:
            return abs(self.low), None
        a, b = sorted((abs(self.low), abs(self.high)))
        return a, b

    @property
    def factor(self) -> float:
        """Multiplier from the stated number to units of the currency (or plain units)."""
        return SCALES[self.scale]


# ---- tables (kept as tables: one glance shows every word the parser knows) ---------------------------
# fmt: off
_UNITS_DE = {
    "%": "percent", "prozent": "percent",
    "prozentpunkt": "points", "prozentpunkte": "points", "prozentpunkten": "points", "pp": "points",
    "pp.": "points",
    "punkt": "index_points", "punkte": "index_points", "punkten": "index_points", "zähler": "index_points",
    "indexpunkte": "index_points", "indexpunkten": "index_points",
}
_UNITS_EN = {
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent", "pct.": "percent",
    "percentage point": "points", "percentage points": "points", "pp": "points", "pp.": "points",
    "ppt": "points", "ppts": "points",
    "point": "index_points", "points": "index_points", "index points": "index_points",
}
_SHARED_SCALES = {
    "mn": "million", "mln": "million", "bn": "billion", "bln": "billion", "tn": "trillion", "trn": "trillion",
}
_SCALES_DE = _SHARED_SCALES | {
    "tausend": "thousand", "tsd.": "thousand", "tsd": "thousand",
    "mio.": "million", "mio": "million", "million": "million", "millionen": "million",
    "mrd.": "billion", "mrd": "billion", "milliarde": "billion", "milliarden": "billion",
    "bio.": "trillion", "bio": "trillion", "billion": "trillion", "billionen": "trillion",
}
_SCALES_EN = _SHARED_SCALES | {
    "thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
}
_SCALES_ATTACHED = {"k": "thousand", "m": "million", "b": "billion"}
"""Single letters are a scale only glued to the number ("$300m"), never after a space."""
_CURRENCIES = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "$": "USD", "us $": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "us-dollar": "USD",
    "us dollar": "USD", "us dollars": "USD", "u.s. dollar": "USD", "u.s. dollars": "USD",
    "¥": "JPY", "jpy": "JPY", "yen": "JPY",
    "£": "GBP", "gbp": "GBP", "pfund": "GBP", "pound": "GBP", "pounds": "GBP",
    "chf": "CHF", "franken": "CHF", "schweizer franken": "CHF", "swiss francs": "CHF",
}
_DE_UNITS = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
             "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"]
_DE_TENS = {"zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
            "siebzig": 70, "achtzig": 80, "neunzig": 90}
_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
            "ninety": 90}
_DE_HALF = ("halb", "halbe", "halben", "halbes", "einhalb", "ein halb", "ein halbes", "einen halben",
            "eine halbe")
# fmt: on


def _number_words() -> dict[str, dict[str, tuple[float, int]]]:
    """Number words 0–100 and halves, per language: word → (value, decimals)."""
    de: dict[str, tuple[float, int]] = {w: (float(n), 0) for n, w in enumerate(_DE_UNITS)}
    de |= {w: (1.0, 0) for w in ("ein", "eine", "einen", "einem", "einer")}
    en: dict[str, tuple[float, int]] = {w: (float(n), 0) for n, w in enumerate(_EN_UNITS)}
    for tens, n in _DE_TENS.items():
        de[tens] = (float(n), 0)
        for u in range(1, 10):
            de[f"{'ein' if u == 1 else _DE_UNITS[u]}und{tens}"] = (float(n + u), 0)
    for tens, n in _EN_TENS.items():
        en[tens] = (float(n), 0)
        for u in range(1, 10):
            en[f"{tens}-{_EN_UNITS[u]}"] = en[f"{tens} {_EN_UNITS[u]}"] = (float(n + u), 0)
    de |= {w: (100.0, 0) for w in ("hundert", "einhundert")}
    en |= {w: (100.0, 0) for w in ("hundred", "a hundred", "one hundred")}
    # Halves carry one decimal: "eineinhalb Prozent" is as precise as "1,5 Prozent".
    de |= {w: (0.5, 1) for w in _DE_HALF}
    de |= {w: (1.5, 1) for w in ("anderthalb", "eineinhalb")}
    de |= {f"{_DE_UNITS[u]}einhalb": (u + 0.5, 1) for u in range(2, 10)}
    en |= {w: (0.5, 1) for w in ("half", "a half", "half a", "one half")}
    for u in range(1, 10):
        en[f"{_EN_UNITS[u]} and a half"] = en[f"{_EN_UNITS[u]}-and-a-half"] = (u + 0.5, 1)
    return {"de": de, "en": en}


_NUMBER_WORDS = _number_words()
_ARTICLES = {"de": {"ein", "eine", "einen", "einem", "einer", "eins"}, "en": {"a", "an", "one"}}
"""Words that are "1" only before a scale or unit ("eine Milliarde", "a billion") when scanning text."""
_BETWEEN = {"de": ("zwischen", "und"), "en": ("between", "and")}
_RANGE_SEPS = {"de": {"bis", "–", "—", "-"}, "en": {"to", "–", "—", "-"}}
_DOTTED = {k for table in (_UNITS_DE, _UNITS_EN, _SCALES_DE, _SCALES_EN, _CURRENCIES) for k in table if k.endswith(".")}
_SIGNS = {"+": 1, "-": -1, "−": -1, "plus": 1, "minus": -1}
_EDGE_PUNCT = set(".,;:!?()[]\"'“”„«»‚‘’")

_TOKEN = re.compile(r"(?P<num>\d+(?:[.,]\d+)*)|(?P<word>[^\W\d_]+(?:[-.'’][^\W\d_]+)*\.?)|(?P<sym>\S)")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    key: str  # casefolded
    kind: str  # num | word | sym
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [
        _Tok(m.group(), m.group().casefold(), m.lastgroup or "sym", m.start(), m.end()) for m in _TOKEN.finditer(text)
    ]


def _locale(lang: str) -> str:
    try:
        return LOCALES[lang.split("_")[0].split("-")[0].lower()]
    except KeyError:
        raise ValueError(f"language {lang!r} is not supported; use 'de' or 'en'") from None


def _phrase(toks: list[_Tok], i: int, table: dict[str, str] | dict[str, tuple[float, int]]) -> tuple[str, int]:
    """Longest phrase of ``table`` starting at token ``i``: (key, tokens used), or ("", 0).

    A sentence's full stop glued to the last word ("Euro.") is tried without it.
    """
    for n in (4, 3, 2, 1):
        if i + n > len(toks):
            continue
        key = " ".join(t.key for t in toks[i : i + n])
        for candidate in (key, key[:-1]) if key.endswith(".") else (key,):
            if candidate in table:
                return candidate, n
    return "", 0


def _digits(tok: _Tok, locale: str) -> tuple[Decimal, int]:
    try:
        value = parse_decimal(tok.text, locale=locale, strict=True)
    except NumberFormatError as exc:
        raise UnknownUnitError(tok.text, f"{tok.text!r} is not a number in {locale}: {exc}") from None
    except InvalidOperation:  # Babel's strict check re-formats the value: more digits than Decimal's precision
        raise UnknownUnitError(tok.text, f"{tok.text!r} is not a number in {locale} (too many digits)") from None
    exponent = value.as_tuple().exponent
    return value, -exponent if isinstance(exponent, int) and exponent < 0 else 0


@dataclass(slots=True)
class _Side:
    value: float
    decimals: int
    sign: int
    scale: str | None
    currency: str | None
    unit: str | None
    start: int
    end: int
    next_i: int


def _side(toks: list[_Tok], i: int, lang: str, strict: bool) -> _Side | None:
    """One number with its sign, scale, currency and unit, starting at token ``i``."""
    start_i, sign, currency = i, 0, None
    for _ in range(2):  # "-$5bn" and "$-5bn" both occur
        key, n = _phrase(toks, i, _CURRENCIES)
        if n and currency is None:
            currency, i = _CURRENCIES[key], i + n
        if i < len(toks) and sign == 0 and toks[i].key in _SIGNS | ({"–": -1} if strict else {}):
            glued = i + 1 < len(toks) and toks[i + 1].start == toks[i].end
            if strict or glued or toks[i].kind == "word":
                sign, i = (_SIGNS | {"–": -1})[toks[i].key], i + 1
    if i >= len(toks):
        return None
    scales = _SCALES_DE if lang == "de" else _SCALES_EN
    words = _NUMBER_WORDS[lang]
    if toks[i].kind == "num":
        try:
            dec, decimals = _digits(toks[i], LOCALES[lang])
        except UnknownUnitError:
            if strict:
                raise
            return None
        value, i = float(dec), i + 1
    else:
        key, n = _phrase(toks, i, words)
        if not n and toks[i].key in ("a", "an") and _phrase(toks, i + 1, scales)[1]:
            key, n = "one", 1  # "a billion dollars"
        if not n:
            return None
        if (
            not strict
            and key in _ARTICLES[lang]
            and not (
                _phrase(toks, i + 1, scales)[1] or _phrase(toks, i + 1, _UNITS_DE if lang == "de" else _UNITS_EN)[1]
            )
        ):
            return None
        (value, decimals), i = words.get(key, (1.0, 0)), i + n
    scale = None
    key, n = _phrase(toks, i, scales)
    if n:
        scale, i = scales[key], i + n
    elif i < len(toks) and toks[i].key in _SCALES_ATTACHED and toks[i].start == toks[i - 1].end:
        scale, i = _SCALES_ATTACHED[toks[i].key], i + 1
    key, n = _phrase(toks, i, _CURRENCIES)
    if n:
        if currency is not None and _CURRENCIES[key] != currency:
            if not strict:
                return None
            raise UnknownUnitError(toks[i].text, f"two currencies in one number: {currency} and {toks[i].text!r}")
        currency, i = _CURRENCIES[key], i + n
    units = _UNITS_DE if lang == "de" else _UNITS_EN
    unit = None
    key, n = _phrase(toks, i, units)
    if n:
        unit, i = units[key], i + n
        if currency is not None or scale is not None:
            what = "a currency" if currency is not None else "a scale"
            if strict:
                raise UnknownUnitError(toks[i - n].text, f"{toks[i - n].text!r} cannot follow {what}")
            return None
    return _Side(value * (sign or 1), decimals, sign, scale, currency, unit, toks[start_i].start, toks[i - 1].end, i)


def _merge(a: _Side, b: _Side) -> bool:
    """Whether ``a`` and ``b`` read as the two ends of one range ("fünf bis sechs Prozent", "$5-6bn")."""
    same = all(x is None or x == y for x, y in ((a.unit, b.unit), (a.scale, b.scale)))
    return same and (a.currency is None or b.currency is None or a.currency == b.currency)


def _quantity(toks: list[_Tok], i: int, lang: str, text: str, strict: bool) -> tuple[Quantity, int] | None:
    """A single number or a range starting at token ``i``: the quantity and the next token index."""
    lead, joiner = _BETWEEN[lang]
    between = i < len(toks) and toks[i].key == lead
    a = _side(toks, i + 1 if between else i, lang, strict)
    if a is None:
        if strict:
            bad = toks[i + 1 if between else i] if len(toks) > i + between else toks[-1]
            raise UnknownUnitError(bad.text, f"{bad.text!r} is not a number, in {text!r}")
        return None
    b = None
    seps = {joiner} if between else _RANGE_SEPS[lang]
    if a.next_i < len(toks) and toks[a.next_i].key in seps:
        b = _side(toks, a.next_i + 1, lang, strict)
        if b is not None and not _merge(a, b):
            if strict:
                one, two = text[a.start : a.end], text[b.start : b.end]
                raise UnknownUnitError(two, f"the two ends of {text!r} disagree: {one!r} and {two!r}")
            b = None
    if between and b is None:
        if strict:
            raise UnknownUnitError(lead, f"{lead!r} needs two numbers joined by {joiner!r}, in {text!r}")
        return None
    ends = [a] if b is None else [a, b]
    unit = next((s.unit for s in reversed(ends) if s.unit), None)
    scale = next((s.scale for s in reversed(ends) if s.scale), None)
    currency = next((s.currency for s in ends if s.currency), None)
    kind = cast(Kind, "money" if currency else unit or "number")
    start, end = toks[i].start, ends[-1].end
    if text[end - 1] == "." and toks[ends[-1].next_i - 1].key not in _DOTTED:
        end -= 1  # the sentence's full stop, not an abbreviation's
    q = Quantity(
        kind,
        a.value,
        None if b is None else b.value,
        max(s.decimals for s in ends),
        currency,
        scale or "one",
        text[start:end],
        (start, end),
        a.sign,
    )
    return q, ends[-1].next_i


def vocabulary(lang: str) -> dict[str, str]:
    """Every unit, scale and currency word the parser knows in ``lang``: word → "percent", "points",
    "index_points", "scale:billion" or "currency:EUR" (number words not included)."""
    lang = _locale(lang)[:2]
    units = _UNITS_DE if lang == "de" else _UNITS_EN
    scales = (_SCALES_DE if lang == "de" else _SCALES_EN) | _SCALES_ATTACHED
    return (
        {w: f"currency:{c}" for w, c in _CURRENCIES.items()}
        | {w: f"scale:{s}" for w, s in scales.items()}
        | dict(units)
    )


def parse_number(text: str, lang: str) -> ParsedNumber:
    """Read one number, in digits (Babel, the language's locale) or words: "11,10" → 11.1 with 2 decimals."""
    locale = _locale(lang)
    toks = _tokens(text)
    if not toks:
        raise UnknownUnitError("", "no number in an empty text")
    side = _side(toks, 0, locale[:2], strict=True)
    if side is None or side.scale or side.currency or side.unit:
        raise UnknownUnitError(toks[0].text, f"{text.strip()!r} is not a number")
    if side.next_i < len(toks):
        bad = toks[side.next_i]
        raise UnknownUnitError(bad.text, f"{bad.text!r} is not part of a number, in {text.strip()!r}")
    return ParsedNumber(side.value, side.decimals, text.strip())


def parse_quantity(text: str, lang: str) -> Quantity:
    """Read a snippet that is exactly one quantity ("563 Mrd. Euro", "between 3 and 5 %").

    Surrounding punctuation is allowed; any other word left over raises ``UnknownUnitError`` naming it.
    """
    lang = _locale(lang)[:2]
    toks = _tokens(text)
    lo, hi = 0, len(toks)
    while lo < hi and toks[lo].key in _EDGE_PUNCT:
        lo += 1
    while hi > lo and toks[hi - 1].key in _EDGE_PUNCT:
        hi -= 1
    if lo == hi:
        raise UnknownUnitError(text.strip(), f"no quantity in {text!r}")
    found = _quantity(toks[:hi], lo, lang, text, strict=True)
    assert found is not None  # strict mode raises instead
    quantity, nxt = found
    if nxt < hi:
        bad = toks[nxt]
        raise UnknownUnitError(bad.text, f"unknown unit {bad.text!r} in {text.strip()!r}")
    return quantity


def find_quantities(text: str, lang: str) -> list[Quantity]:
    """Every quantity in running text, left to right, with its span (for the article extractor).

    Lenient where ``parse_quantity`` is strict: words after a number simply end it ("17 Mitarbeiter" is
    the number 17), digits Babel rejects ("27.01.2025") are not numbers, and "ein"/"a"/"one" count only
    before a scale or unit ("eine Milliarde Euro").
    """
    lang = _locale(lang)[:2]
    toks = _tokens(text)
    found: list[Quantity] = []
    i = 0
    while i < len(toks):
        got = _quantity(toks, i, lang, text, strict=False)
        if got is None:
            i += 1
            continue
        found.append(got[0])
        i = got[1]
    return found
