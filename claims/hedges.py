"""Hedge words as data: one table maps each word to the interval it allows around a stated value.

"Nvidia fell almost 20 %" admits 18–20 %; "rund 20 %" admits 19–21 %; "über 563 Mrd." admits anything
above 563 bn; "zeitweise" moves the claim from the close to the day's extreme. Every row of ``HEDGES`` is
tested on its own (tests/claims/test_hedges.py).

Two constants define the words "just" and "mostly" once for the whole product:

* ``JUST`` — "just below/above" a value means within 10 % of it ("knapp 20 %" → [18, 20]).
* ``MOSTLY_MARGIN`` — a claim in the right direction whose magnitude misses the hedge's interval by at
  most 10 % of the stated value is MOSTLY_CORRECT ("18 %" when the close was −19.95 %: the interval
  [17.5, 18.5) widened by 1.8 points reaches 20.3) — unless it misses by more than the stated number's
  last digit and the number fits exactly on another basis, which makes it MISLEADING (checks/judge.py).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

JUST = 0.10
"""How close "just below" / "just above" is: a fraction of the stated value."""
AROUND = 0.05
"""How much wider "about" / "rund" is than the stated rounding, on either side: a fraction of the value.

"about 10 %" admits [9, 11]: the rounding of "10" (±0.5) plus 5 % of 10, so "about" is always looser
than the bare number."""
MOSTLY_MARGIN = 0.10
"""How far outside the hedge a right-direction claim may be and still be MOSTLY_CORRECT."""
LEVEL_MARGIN = 0.01
"""The same for a level (a close, the day's low, a market value): 1 % of the stated value. A level is
a big number whose last digits carry the claim: 5,500 for an S&P 500 at 6,012 is not "mostly" right."""


class Bound(StrEnum):
    """How a hedge bounds the true magnitude relative to the stated value."""

    EXACT = "exact"  # no hedge: the stated value, rounded to its stated precision
    BELOW = "below"  # just below the value: almost, knapp
    AROUND = "around"  # both sides: about, rund
    JUST_ABOVE = "just_above"  # just above: gut
    ABOVE = "above"  # above, no upper limit: über, more than
    UNDER = "under"  # below, down to nothing: unter, less than
    AT_MOST = "at_most"  # the peak, at most the value: bis zu, up to


class Basis(StrEnum):
    """Which price a claim speaks of."""

    CLOSE = "close"  # the session's official close (the default in news)
    INTRADAY = "intraday"  # the session's low or high: zeitweise, at one point


@dataclass(frozen=True, slots=True)
class Hedge:
    """One row of the hedge table."""

    phrase: str
    lang: str
    bound: Bound | None  # None: the word sets the basis only
    basis: Basis | None = None  # None: the word leaves the basis alone


def _rows(lang: str, bound: Bound | None, basis: Basis | None, *phrases: str) -> list[Hedge]:
    return [Hedge(p, lang, bound, basis) for p in phrases]


HEDGES: tuple[Hedge, ...] = tuple(
    _rows("de", Bound.BELOW, None, "fast", "beinahe", "knapp", "nahezu", "annähernd", "knapp unter")
    + _rows("en", Bound.BELOW, None, "almost", "nearly", "just under", "close to")
    + _rows("de", Bound.AROUND, None, "rund", "etwa", "ungefähr", "circa", "ca.", "zirka")
    + _rows("en", Bound.AROUND, None, "about", "around", "roughly", "some", "approximately")
    + _rows("*", Bound.AROUND, None, "~")
    + _rows("de", Bound.JUST_ABOVE, None, "gut", "knapp über", "etwas mehr als")
    + _rows("en", Bound.JUST_ABOVE, None, "just over", "a little over")
    + _rows("de", Bound.ABOVE, None, "über", "mehr als", "mindestens")
    + _rows("en", Bound.ABOVE, None, "more than", "over", "upwards of", "at least", "above")
    + _rows("de", Bound.UNDER, None, "unter", "weniger als")
    + _rows("en", Bound.UNDER, None, "less than", "under", "below")
    # "fell as much as 12 %", "um bis zu 12 % gefallen": the peak of the move is the day's extreme, not its close.
    + _rows("de", Bound.AT_MOST, Basis.INTRADAY, "bis zu")
    + _rows("en", Bound.AT_MOST, Basis.INTRADAY, "up to", "as much as")
    + _rows("de", None, Basis.INTRADAY, "zeitweise", "zwischenzeitlich", "in der spitze")
    + _rows("en", None, Basis.INTRADAY, "at one point", "intraday", "at times", "at its low", "at its high")
)

_BY_PHRASE = {h.phrase: h for h in HEDGES}
_PHRASES_LONGEST_FIRST = sorted(_BY_PHRASE, key=len, reverse=True)


class UnknownHedgeError(ValueError):
    """A hedge word is not in the table; never ignored silently."""


@dataclass(frozen=True, slots=True)
class HedgeReading:
    """What a claim's hedge words mean together."""

    words: tuple[str, ...]
    bound: Bound
    basis: Basis | None


@functools.lru_cache(maxsize=1024)
def read_hedge(text: str | None) -> HedgeReading:
    """Split ``text`` ("zeitweise über") into known phrases, longest first; unknown words raise.

    Read once per distinct text (the reading is frozen; an unknown word raises each time): a claim file
    repeats a few dozen hedges, and reading them again was ≈0.2 s of loading 100 000 SYNTHETIC claims.
    """
    if not text or not text.strip():
        return HedgeReading((), Bound.EXACT, None)
    rest = " ".join(text.lower().split())
    found: list[Hedge] = []
    while rest:
        for phrase in _PHRASES_LONGEST_FIRST:
            if rest == phrase or rest.startswith(phrase + " ") or (phrase == "~" and rest.startswith("~")):
                found.append(_BY_PHRASE[phrase])
                rest = rest[len(phrase) :].strip()
                break
        else:
            word = rest.split()[0]
            raise UnknownHedgeError(f"unknown hedge word {word!r}; known: {', '.join(sorted(_BY_PHRASE))}")
    bounds = {h.bound for h in found if h.bound is not None}
    if len(bounds) > 1:
        raise UnknownHedgeError(f"hedge {text!r} mixes bounds {sorted(b.value for b in bounds)}")
    basis = next((h.basis for h in found if h.basis is not None), None)
    return HedgeReading(tuple(h.phrase for h in found), bounds.pop() if bounds else Bound.EXACT, basis)


@dataclass(frozen=True, slots=True)
class Interval:
    """Magnitudes a claim admits: ``lo``..``hi`` with explicit open/closed ends (``hi`` may be inf)."""

    lo: float
    hi: float
    lo_closed: bool = True
    hi_closed: bool = False

    def contains(self, x: float) -> bool:
        """Whether ``x`` lies inside."""
        above = x >= self.lo if self.lo_closed else x > self.lo
        below = x <= self.hi if self.hi_closed else x < self.hi
        return above and below

    def widened(self, by: float) -> Interval:
        """The interval grown by ``by`` on both sides (the MOSTLY_CORRECT margin, a count's uncertainty)."""
        return Interval(self.lo - by, self.hi + by, self.lo_closed, self.hi_closed)

    def describe(self) -> str:
        """Mathematical notation: [16.5, 17.5), (563, ∞)."""
        hi = "∞" if math.isinf(self.hi) else f"{self.hi:g}"
        return f"{'[' if self.lo_closed else '('}{self.lo:g}, {hi}{']' if self.hi_closed else ')'}"


def decimals_of(text: str) -> int:
    """Decimal places a number was stated with: "17" → 0, "11.1" → 1, "11,10" → 2."""
    match = re.search(r"[.,](\d+)$", text.strip())
    return len(match.group(1)) if match else 0


def claimed_interval(low: float, high: float | None, decimals: int, bound: Bound) -> Interval:
    """The magnitudes that make a claim true: the hedge's interval plus the stated precision's rounding.

    ``low``/``high`` are a range's ends ("five to six percent"); ``high`` is None for a single value.
    """
    half = Decimal(5).scaleb(-decimals - 1)  # 0.5, 0.05, …: exact, so 0.2 − 0.05 is 0.15, not 0.15000000000000002

    def plus(x: float, d: Decimal) -> float:
        return float(Decimal(repr(x)) + d)

    if high is not None:
        return Interval(plus(low, -half), plus(high, half))
    v = low
    if bound is Bound.EXACT:
        return Interval(plus(v, -half), plus(v, half))
    if bound is Bound.BELOW:
        return Interval(v * (1 - JUST), v, hi_closed=True)
    if bound is Bound.AROUND:
        w = half + Decimal(repr(AROUND * v))
        return Interval(plus(v, -w), plus(v, w), hi_closed=True)
    if bound is Bound.JUST_ABOVE:
        return Interval(v, v * (1 + JUST), hi_closed=True)
    if bound is Bound.ABOVE:
        return Interval(v, math.inf, lo_closed=False)
    if bound is Bound.UNDER:
        return Interval(0.0, v)
    if bound is Bound.AT_MOST:
        return Interval(v * (1 - JUST), plus(v, half))
    raise AssertionError(bound)


def mostly_margin(low: float, high: float | None) -> float:
    """How far beyond the interval a right-direction magnitude may be and still be MOSTLY_CORRECT."""
    return MOSTLY_MARGIN * (high if high is not None else low)
