"""The words ``claims.numbers`` knows, as tables: one glance shows every unit, scale, currency and number word.

Units: percent, percentage points (NOT percent) and an index's points; scales use the keys of
``claims.model.SCALES`` (the German "Billion" is a trillion); currencies are ISO codes; number words cover 0–100
and halves in German and English. Each table is a literal, except the number words, built from their parts.
"""

from __future__ import annotations

# fmt: off
UNITS_DE = {
    "%": "percent", "prozent": "percent",
    "prozentpunkt": "points", "prozentpunkte": "points", "prozentpunkten": "points", "pp": "points",
    "pp.": "points",
    "punkt": "index_points", "punkte": "index_points", "punkten": "index_points", "zähler": "index_points",
    "indexpunkte": "index_points", "indexpunkten": "index_points",
}
UNITS_EN = {
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent", "pct.": "percent",
    "percentage point": "points", "percentage points": "points", "pp": "points", "pp.": "points",
    "ppt": "points", "ppts": "points",
    "point": "index_points", "points": "index_points", "index points": "index_points",
}
_SHARED_SCALES = {
    "mn": "million", "mln": "million", "bn": "billion", "bln": "billion", "tn": "trillion", "trn": "trillion",
}
SCALES_DE = _SHARED_SCALES | {
    "tausend": "thousand", "tsd.": "thousand", "tsd": "thousand",
    "mio.": "million", "mio": "million", "million": "million", "millionen": "million",
    "mrd.": "billion", "mrd": "billion", "milliarde": "billion", "milliarden": "billion",
    "bio.": "trillion", "bio": "trillion", "billion": "trillion", "billionen": "trillion",
}
SCALES_EN = _SHARED_SCALES | {
    "thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
}
SCALES_ATTACHED = {"k": "thousand", "m": "million", "b": "billion"}
"""Single letters are a scale only glued to the number ("$300m"), never after a space."""
CURRENCIES = {
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


NUMBER_WORDS = _number_words()
ARTICLES = {"de": {"ein", "eine", "einen", "einem", "einer", "eins"}, "en": {"a", "an", "one"}}
"""Words that are "1" only before a scale or unit ("eine Milliarde", "a billion") when scanning text."""
BETWEEN = {"de": ("zwischen", "und"), "en": ("between", "and")}
RANGE_SEPS = {"de": {"bis", "–", "—", "-"}, "en": {"to", "–", "—", "-"}}
DOTTED = {k for table in (UNITS_DE, UNITS_EN, SCALES_DE, SCALES_EN, CURRENCIES) for k in table if k.endswith(".")}
SIGNS = {"+": 1, "-": -1, "−": -1, "plus": 1, "minus": -1}
EDGE_PUNCT = set(".,;:!?()[]\"'“”„«»‚‘’")
