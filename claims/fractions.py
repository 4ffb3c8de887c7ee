"""A move said as a fraction of a company's value: "verlor gut ein Fünftel ihres Werts", "mehr als ein Viertel ihres
Börsenwerts", "lost a quarter of its value". The fraction, followed by a possessive and a noun of value, is that many
percent (``claims.numbers.find_quantities`` reads it as a percent quantity); "ein Drittel des Umsatzes" stays no
number. A fraction is as precise as a whole percent, not as its decimal: "ein Drittel" (33.3) holds from 32.8 to
33.8 %, not only from 33.25 to 33.35 (one decimal's rounding, too tight for the words), and its hedges apply on top."""

from __future__ import annotations

import re

FRACTIONS = {
    "de": {"hälfte": 50.0, "drittel": 33.3, "viertel": 25.0, "fünftel": 20.0, "sechstel": 16.7, "zehntel": 10.0},
    "en": {"half": 50.0, "third": 33.3, "quarter": 25.0, "fifth": 20.0, "sixth": 16.7, "tenth": 10.0},
}
_PATTERN = {
    "de": re.compile(
        r"\b(?:ein|eine|die)\s+(?P<frac>\w+)\s+(?:ihres|seines|des)\s+(?:\w+-)?(?:börsen|markt)?wert(?:e?s)?\b",
        re.IGNORECASE,
    ),
    "en": re.compile(r"\b(?:a|one)\s+(?P<frac>\w+)\s+of\s+(?:its|their)\s+(?:market\s+)?value\b", re.IGNORECASE),
}


def fractions_of_value(text: str, lang: str) -> list[tuple[float, int, int]]:
    """(percent, start, end) of each fraction of a value in ``text``, the span over the whole phrase."""
    out = []
    for m in _PATTERN[lang].finditer(text):
        value = FRACTIONS[lang].get(m.group("frac").casefold())
        if value is not None:
            out.append((value, m.start(), m.end()))
    return out
