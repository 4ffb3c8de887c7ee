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
"billion" is 1e9. Any word the parser does not know raises ``UnknownUnitError`` naming it. The words it
knows are tables in ``claims.numberwords``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal, cast

from babel.numbers import NumberFormatError, parse_decimal

from marketfact.claims.fractions import fractions_of_value
from marketfact.claims.metrics import SCALES
from marketfact.claims.numberwords import (
    ARTICLES,
    BETWEEN,
    CURRENCIES,
    DOTTED,
    EDGE_PUNCT,
    NUMBER_WORDS,
    RANGE_SEPS,
    SCALES_ATTACHED,
    SCALES_DE,
    SCALES_EN,
    SIGNS,
    UNITS_DE,
    UNITS_EN,
)

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
    start_i = i
    sign, currency, i = _sign_and_currency(toks, i, strict)
    if i >= len(toks):
        return None
    number = _number(toks, i, lang, strict)
    if number is None:
        return None
    value, decimals, i = number
    scales = SCALES_DE if lang == "de" else SCALES_EN
    scale = None
    key, n = _phrase(toks, i, scales)
    if n:
        scale, i = scales[key], i + n
    elif i < len(toks) and toks[i].key in SCALES_ATTACHED and toks[i].start == toks[i - 1].end:
        scale, i = SCALES_ATTACHED[toks[i].key], i + 1
    key, n = _phrase(toks, i, CURRENCIES)
    if n:
        if currency is not None and CURRENCIES[key] != currency:
            if not strict:
                return None
            raise UnknownUnitError(toks[i].text, f"two currencies in one number: {currency} and {toks[i].text!r}")
        currency, i = CURRENCIES[key], i + n
    units = UNITS_DE if lang == "de" else UNITS_EN
    unit = None
    key, n = _phrase(toks, i, units)
    if n:
        unit, i = units[key], i + n
        if currency is not None or scale is not None:
            what = "a currency" if currency is not None else "a scale"
            if strict:
                raise UnknownUnitError(toks[i - n].text, f"{toks[i - n].text!r} cannot follow {what}")
            return None
    return _Side(
        value=value * (sign or 1),
        decimals=decimals,
        sign=sign,
        scale=scale,
        currency=currency,
        unit=unit,
        start=toks[start_i].start,
        end=toks[i - 1].end,
        next_i=i,
    )


def _sign_and_currency(toks: list[_Tok], i: int, strict: bool) -> tuple[int, str | None, int]:
    """A sign and a currency before the number at token ``i``, in either order: (sign, currency, next token)."""
    sign, currency = 0, None
    for _ in range(2):  # "-$5bn" and "$-5bn" both occur
        key, n = _phrase(toks, i, CURRENCIES)
        if n and currency is None:
            currency, i = CURRENCIES[key], i + n
        if i < len(toks) and sign == 0 and toks[i].key in SIGNS | ({"–": -1} if strict else {}):
            glued = i + 1 < len(toks) and toks[i + 1].start == toks[i].end
            if strict or glued or toks[i].kind == "word":
                sign, i = (SIGNS | {"–": -1})[toks[i].key], i + 1
    return sign, currency, i


def _number(toks: list[_Tok], i: int, lang: str, strict: bool) -> tuple[float, int, int] | None:
    """The number at token ``i``, in digits or words: (value, decimals, next token), or None when there is none.

    Not ``strict``: digits Babel rejects are no number, and "ein"/"a"/"one" is one only before a scale or unit.
    """
    if toks[i].kind == "num":
        try:
            dec, decimals = _digits(toks[i], LOCALES[lang])
        except UnknownUnitError:
            if strict:
                raise
            return None
        return float(dec), decimals, i + 1
    scales = SCALES_DE if lang == "de" else SCALES_EN
    words = NUMBER_WORDS[lang]
    key, n = _phrase(toks, i, words)
    if not n and toks[i].key in ("a", "an") and _phrase(toks, i + 1, scales)[1]:
        key, n = "one", 1  # "a billion dollars"
    if not n:
        return None
    if (
        not strict
        and key in ARTICLES[lang]
        and not (_phrase(toks, i + 1, scales)[1] or _phrase(toks, i + 1, UNITS_DE if lang == "de" else UNITS_EN)[1])
    ):
        return None
    value, decimals = words.get(key, (1.0, 0))
    return value, decimals, i + n


DASHES = frozenset({"–", "—", "-"})
"""Range marks that are also a text's dash: a range so joined runs upwards ("5–6 Prozent")."""


def _merge(a: _Side, b: _Side) -> bool:
    """Whether ``a`` and ``b`` read as the two ends of one range ("fünf bis sechs Prozent", "$5-6bn")."""
    same = all(x is None or x == y for x, y in ((a.unit, b.unit), (a.scale, b.scale)))
    return same and (a.currency is None or b.currency is None or a.currency == b.currency)


def _quantity(toks: list[_Tok], i: int, lang: str, text: str, strict: bool) -> tuple[Quantity, int] | None:
    """A single number or a range starting at token ``i``: the quantity and the next token index."""
    lead, joiner = BETWEEN[lang]
    between = i < len(toks) and toks[i].key == lead
    a = _side(toks, i + 1 if between else i, lang, strict)
    if a is None:
        if strict:
            bad = toks[i + 1 if between else i] if len(toks) > i + between else toks[-1]
            raise UnknownUnitError(bad.text, f"{bad.text!r} is not a number, in {text!r}")
        return None
    b = None
    seps = {joiner} if between else RANGE_SEPS[lang]
    if a.next_i < len(toks) and toks[a.next_i].key in seps:
        b = _side(toks, a.next_i + 1, lang, strict)
        if b is not None and not strict and toks[a.next_i].key in DASHES and b.value < a.value:
            b = None  # "schloss bei 191,33 Dollar – 15,05 Dollar weniger als am Vortag": no range runs downwards
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
    if text[end - 1] == "." and toks[ends[-1].next_i - 1].key not in DOTTED:
        end -= 1  # the sentence's full stop, not an abbreviation's
    q = Quantity(
        kind=kind,
        low=a.value,
        high=None if b is None else b.value,
        decimals=max(s.decimals for s in ends),
        currency=currency,
        scale=scale or "one",
        text=text[start:end],
        span=(start, end),
        sign=a.sign,
    )
    return q, ends[-1].next_i


def vocabulary(lang: str) -> dict[str, str]:
    """Every unit, scale and currency word the parser knows in ``lang``: word → "percent", "points",
    "index_points", "scale:billion" or "currency:EUR" (number words not included)."""
    lang = _locale(lang)[:2]
    units = UNITS_DE if lang == "de" else UNITS_EN
    scales = (SCALES_DE if lang == "de" else SCALES_EN) | SCALES_ATTACHED
    return (
        {w: f"currency:{c}" for w, c in CURRENCIES.items()} | {w: f"scale:{s}" for w, s in scales.items()} | dict(units)
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
    while lo < hi and toks[lo].key in EDGE_PUNCT:
        lo += 1
    while hi > lo and toks[hi - 1].key in EDGE_PUNCT:
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
    for value, start, end in fractions_of_value(text, lang):  # "gut ein Fünftel ihres Werts": 20 percent
        if not any(q.span[0] < end and start < q.span[1] for q in found):  # as precise as a whole percent
            found.append(Quantity("percent", value, None, 0, None, "one", text[start:end], (start, end)))
    return sorted(found, key=lambda q: q.span[0])
