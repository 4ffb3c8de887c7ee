"""Numbers, units, scales and currencies as German and English news text writes them (claims/numbers.py)."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from marketfact.claims.model import SCALES
from marketfact.claims.numbers import UnknownUnitError, find_quantities, parse_number, parse_quantity, vocabulary

# ---- numbers -------------------------------------------------------------------------------------------

DIGITS = [
    # lang, text, value, decimals
    ("de", "17", 17.0, 0),
    ("de", "11,10", 11.1, 2),
    ("de", "11,1", 11.1, 1),
    ("de", "0,5", 0.5, 1),
    ("de", "1.234,5", 1234.5, 1),
    ("de", "1.000", 1000.0, 0),
    ("de", "−16,97", -16.97, 2),
    ("de", "-16,97", -16.97, 2),
    ("de", "+5,0", 5.0, 1),
    ("en", "11.10", 11.1, 2),
    ("en", "1,234.5", 1234.5, 1),
    ("en", "1,000", 1000.0, 0),
    ("en", "-3.5", -3.5, 1),
    ("en", "minus 3.5", -3.5, 1),
]


@pytest.mark.parametrize(("lang", "text", "value", "decimals"), DIGITS)
def test_digits_read_with_the_language_locale(lang: str, text: str, value: float, decimals: int) -> None:
    got = parse_number(text, lang)
    assert (got.value, got.decimals, got.text) == (pytest.approx(value), decimals, text)


WORDS = [
    ("de", "null", 0.0, 0),
    ("de", "eins", 1.0, 0),
    ("de", "ein", 1.0, 0),
    ("de", "fünf", 5.0, 0),
    ("de", "zwölf", 12.0, 0),
    ("de", "siebzehn", 17.0, 0),
    ("de", "zwanzig", 20.0, 0),
    ("de", "Zwanzig", 20.0, 0),
    ("de", "einundzwanzig", 21.0, 0),
    ("de", "dreißig", 30.0, 0),
    ("de", "dreissig", 30.0, 0),
    ("de", "siebenundfünfzig", 57.0, 0),
    ("de", "neunundneunzig", 99.0, 0),
    ("de", "hundert", 100.0, 0),
    ("de", "einhundert", 100.0, 0),
    ("de", "halb", 0.5, 1),
    ("de", "ein halb", 0.5, 1),
    ("de", "einhalb", 0.5, 1),
    ("de", "eineinhalb", 1.5, 1),
    ("de", "anderthalb", 1.5, 1),
    ("de", "zweieinhalb", 2.5, 1),
    ("de", "neuneinhalb", 9.5, 1),
    ("en", "zero", 0.0, 0),
    ("en", "one", 1.0, 0),
    ("en", "five", 5.0, 0),
    ("en", "Twelve", 12.0, 0),
    ("en", "seventeen", 17.0, 0),
    ("en", "twenty", 20.0, 0),
    ("en", "twenty-one", 21.0, 0),
    ("en", "twenty one", 21.0, 0),
    ("en", "ninety-nine", 99.0, 0),
    ("en", "a hundred", 100.0, 0),
    ("en", "one hundred", 100.0, 0),
    ("en", "half", 0.5, 1),
    ("en", "one and a half", 1.5, 1),
    ("en", "two and a half", 2.5, 1),
]


@pytest.mark.parametrize(("lang", "text", "value", "decimals"), WORDS)
def test_number_words(lang: str, text: str, value: float, decimals: int) -> None:
    got = parse_number(text, lang)
    assert (got.value, got.decimals) == (value, decimals)


@pytest.mark.parametrize("n", range(101))
def test_german_and_english_words_agree_from_0_to_100(n: int) -> None:
    de_units = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
    en_units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    if n < 10:
        de, en = de_units[n], en_units[n]
    else:
        de, en = parse_word_pair(n)
    assert parse_number(de, "de").value == parse_number(en, "en").value == n


def parse_word_pair(n: int) -> tuple[str, str]:
    """Spell ``n`` (10–100) independently of the module's tables: the test's own spelling rules."""
    de_teens = [
        "zehn",
        "elf",
        "zwölf",
        "dreizehn",
        "vierzehn",
        "fünfzehn",
        "sechzehn",
        "siebzehn",
        "achtzehn",
        "neunzehn",
    ]
    en_teens = [
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ]
    de_tens = ["zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]
    en_tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    de_units = ["ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
    en_units = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    if n == 100:
        return "hundert", "one hundred"
    if n < 20:
        return de_teens[n - 10], en_teens[n - 10]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return de_tens[tens - 2], en_tens[tens - 2]
    return f"{de_units[unit - 1]}und{de_tens[tens - 2]}", f"{en_tens[tens - 2]}-{en_units[unit - 1]}"


BAD_NUMBERS = [
    ("de", "1.5", "1.5"),  # German text: 15 or 1,5? Babel refuses to guess
    ("en", "1,2", "1,2"),
    ("de", "27.01.2025", "27.01.2025"),
    ("de", "abc", "abc"),
    ("en", "fünf", "fünf"),  # a German word in English text
    ("de", "17 Prozent", "17"),
    ("en", "17 apples", "apples"),
    ("en", "", ""),
]


@pytest.mark.parametrize(("lang", "text", "word"), BAD_NUMBERS)
def test_bad_numbers_raise_naming_the_word(lang: str, text: str, word: str) -> None:
    with pytest.raises(UnknownUnitError) as err:
        parse_number(text, lang)
    assert err.value.word == word


def test_unsupported_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="'fr'"):
        parse_number("17", "fr")


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=-(10**7), max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["de", "en"]),
)
def test_babel_formatted_numbers_read_back(value: object, lang: str) -> None:
    text = format_decimal(value, format="#,##0.00", locale={"de": "de_DE", "en": "en_US"}[lang])
    got = parse_number(text, lang)
    assert got.value == pytest.approx(float(value))  # type: ignore[arg-type]
    assert got.decimals == 2


# ---- quantities ----------------------------------------------------------------------------------------

QUANTITIES = [
    # lang, text, kind, low, high, decimals, currency, scale
    ("de", "17 Prozent", "percent", 17, None, 0, None, "one"),
    ("de", "17 %", "percent", 17, None, 0, None, "one"),
    ("de", "17%", "percent", 17, None, 0, None, "one"),
    ("de", "−16,97 %", "percent", -16.97, None, 2, None, "one"),
    ("de", "11,10 Prozent", "percent", 11.1, None, 2, None, "one"),
    ("de", "fünf bis sechs Prozent", "percent", 5, 6, 0, None, "one"),
    ("de", "plus fünf bis sechs Prozent", "percent", 5, 6, 0, None, "one"),
    ("de", "zwischen 3 und 5 %", "percent", 3, 5, 0, None, "one"),
    ("de", "3 bis 5,5 Prozent", "percent", 3, 5.5, 1, None, "one"),
    ("de", "eineinhalb Prozent", "percent", 1.5, None, 1, None, "one"),
    ("en", "17 percent", "percent", 17, None, 0, None, "one"),
    ("en", "17 per cent", "percent", 17, None, 0, None, "one"),
    ("en", "17 pct", "percent", 17, None, 0, None, "one"),
    ("en", "between 3 and 5 %", "percent", 3, 5, 0, None, "one"),
    ("en", "3–5 %", "percent", 3, 5, 0, None, "one"),
    ("en", "3-5%", "percent", 3, 5, 0, None, "one"),
    ("en", "3 to 5 percent", "percent", 3, 5, 0, None, "one"),
    ("en", "one and a half percent", "percent", 1.5, None, 1, None, "one"),
    ("de", "2 Prozentpunkte", "points", 2, None, 0, None, "one"),
    ("de", "0,5 Prozentpunkten", "points", 0.5, None, 1, None, "one"),
    ("en", "2 percentage points", "points", 2, None, 0, None, "one"),
    ("en", "0.5pp", "points", 0.5, None, 1, None, "one"),
    ("en", "half a percentage point", "points", 0.5, None, 1, None, "one"),
    ("de", "600 Punkte", "index_points", 600, None, 0, None, "one"),
    ("en", "600 points", "index_points", 600, None, 0, None, "one"),
    ("de", "563 Milliarden Euro", "money", 563, None, 0, "EUR", "billion"),
    ("de", "563 Mrd. Euro", "money", 563, None, 0, "EUR", "billion"),
    ("de", "563 Mrd. €", "money", 563, None, 0, "EUR", "billion"),
    ("de", "eine Milliarde Euro", "money", 1, None, 0, "EUR", "billion"),
    ("de", "1,2 Billionen Dollar", "money", 1.2, None, 1, "USD", "trillion"),
    ("de", "5 Mrd. US-Dollar", "money", 5, None, 0, "USD", "billion"),
    ("de", "300 Millionen Yen", "money", 300, None, 0, "JPY", "million"),
    ("de", "zwischen 500 und 600 Milliarden Euro", "money", 500, 600, 0, "EUR", "billion"),
    ("de", "300 Millionen", "number", 300, None, 0, None, "million"),
    ("en", "$593bn", "money", 593, None, 0, "USD", "billion"),
    ("en", "€563bn", "money", 563, None, 0, "EUR", "billion"),
    ("en", "US$5bn", "money", 5, None, 0, "USD", "billion"),
    ("en", "$5-6bn", "money", 5, 6, 0, "USD", "billion"),
    ("en", "2 trillion dollars", "money", 2, None, 0, "USD", "trillion"),
    ("en", "a billion dollars", "money", 1, None, 0, "USD", "billion"),
    ("en", "1.5tn", "number", 1.5, None, 1, None, "trillion"),
    ("en", "$1.5tn", "money", 1.5, None, 1, "USD", "trillion"),
    ("en", "$300m", "money", 300, None, 0, "USD", "million"),
    ("en", "300mn", "number", 300, None, 0, None, "million"),
    ("en", "300 million", "number", 300, None, 0, None, "million"),
    ("en", "¥1.2 trillion", "money", 1.2, None, 1, "JPY", "trillion"),
    ("en", "593 billion USD", "money", 593, None, 0, "USD", "billion"),
    ("en", "17", "number", 17, None, 0, None, "one"),
    ("en", "(17 %).", "percent", 17, None, 0, None, "one"),
]


@pytest.mark.parametrize(("lang", "text", "kind", "low", "high", "decimals", "currency", "scale"), QUANTITIES)
def test_quantities(
    lang: str, text: str, kind: str, low: float, high: float | None, decimals: int, currency: str | None, scale: str
) -> None:
    q = parse_quantity(text, lang)
    assert (q.kind, q.low, q.high, q.decimals, q.currency, q.scale) == (
        kind,
        pytest.approx(low),
        high if high is None else pytest.approx(high),
        decimals,
        currency,
        scale,
    )
    assert q.factor == SCALES[q.scale]
    assert text[q.span[0] : q.span[1]] == q.text


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("de", "17 Äpfel", "Äpfel"),
        ("de", "17 Mrd. %", "%"),  # percent has no scale
        ("de", "17 % Euro", "Euro"),  # percent is not money
        ("de", "1.5 Prozent", "1.5"),  # ambiguous in German
        ("de", "~20 %", "~"),  # a hedge, read by claims.hedges, not a unit
        ("de", "5 % bis 6 Mrd. Euro", "6 Mrd. Euro"),  # the two ends disagree
        ("de", "5 $ Euro", "Euro"),  # two currencies
        ("en", "300 m", "m"),  # "m" is a scale only glued to the number
        ("en", "17 Prozent", "Prozent"),  # a German unit in English text
        ("en", "between 3 %", "between"),
        ("en", "5 basis points", "basis"),
        ("en", "abc", "abc"),
        ("en", "  ", ""),
    ],
)
def test_unknown_units_raise_naming_the_word(lang: str, text: str, word: str) -> None:
    with pytest.raises(UnknownUnitError) as err:
        parse_quantity(text, lang)
    assert err.value.word == word
    assert repr(word) in str(err.value) or not word


def test_billion_means_1e12_in_german_and_1e9_in_english() -> None:
    assert parse_quantity("1 Billion Euro", "de").factor == 1e12
    assert parse_quantity("1 billion euros", "en").factor == 1e9
    assert parse_quantity("1 Milliarde Euro", "de").factor == 1e9


def test_sign_and_magnitudes() -> None:
    q = parse_quantity("−3 bis −5 %", "de")
    assert (q.low, q.high, q.sign, q.magnitudes) == (-3, -5, -1, (3, 5))
    assert parse_quantity("plus 4 %", "de").sign == 1
    assert parse_quantity("4 %", "de").sign == 0


# The table covers every word the parser knows: a new word needs a test row.
VOCABULARY_ROWS = {
    "de": {
        "%": "percent", "prozent": "percent", "prozentpunkt": "points", "prozentpunkte": "points",
        "prozentpunkten": "points", "pp": "points", "pp.": "points", "punkt": "index_points",
        "punkte": "index_points", "punkten": "index_points", "zähler": "index_points",
        "indexpunkte": "index_points", "indexpunkten": "index_points",
        "tausend": "scale:thousand", "tsd.": "scale:thousand", "tsd": "scale:thousand",
        "mio.": "scale:million", "mio": "scale:million", "million": "scale:million",
        "millionen": "scale:million", "mn": "scale:million", "mln": "scale:million",
        "mrd.": "scale:billion", "mrd": "scale:billion", "milliarde": "scale:billion",
        "milliarden": "scale:billion", "bn": "scale:billion", "bln": "scale:billion",
        "bio.": "scale:trillion", "bio": "scale:trillion", "billion": "scale:trillion",
        "billionen": "scale:trillion", "tn": "scale:trillion", "trn": "scale:trillion",
        "k": "scale:thousand", "m": "scale:million", "b": "scale:billion",
    },
    "en": {
        "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent", "pct.": "percent",
        "percentage point": "points", "percentage points": "points", "pp": "points", "pp.": "points",
        "ppt": "points", "ppts": "points", "point": "index_points", "points": "index_points",
        "index points": "index_points",
        "thousand": "scale:thousand", "million": "scale:million", "mn": "scale:million", "mln": "scale:million",
        "billion": "scale:billion", "bn": "scale:billion", "bln": "scale:billion", "trillion": "scale:trillion",
        "tn": "scale:trillion", "trn": "scale:trillion", "k": "scale:thousand", "m": "scale:million",
        "b": "scale:billion",
    },
}  # fmt: skip
CURRENCY_ROWS = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "$": "USD", "us $": "USD", "usd": "USD",
    "dollar": "USD", "dollars": "USD", "us-dollar": "USD", "us dollar": "USD", "us dollars": "USD",
    "u.s. dollar": "USD", "u.s. dollars": "USD", "¥": "JPY", "jpy": "JPY", "yen": "JPY", "£": "GBP",
    "gbp": "GBP", "pfund": "GBP", "pound": "GBP", "pounds": "GBP", "chf": "CHF", "franken": "CHF",
    "schweizer franken": "CHF", "swiss francs": "CHF",
}  # fmt: skip


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_known_word_has_a_row(lang: str) -> None:
    expected = VOCABULARY_ROWS[lang] | {w: f"currency:{c}" for w, c in CURRENCY_ROWS.items()}
    assert vocabulary(lang) == expected


def _sample(word: str, meaning: str) -> str:
    if meaning.startswith("currency:"):
        return f"{word}5" if not word[0].isalpha() else f"5 {word}"
    if word in ("k", "m", "b"):
        return f"7{word}"
    return f"7 {word}"


@pytest.mark.parametrize(
    ("lang", "word", "meaning"),
    [(lang, w, m) for lang, rows in VOCABULARY_ROWS.items() for w, m in rows.items()]
    + [(lang, w, f"currency:{c}") for lang in ("de", "en") for w, c in CURRENCY_ROWS.items()],
)
def test_each_word_in_a_quantity(lang: str, word: str, meaning: str) -> None:
    text = _sample(word, meaning)
    if word == "us $":
        text = "US$5"
    q = parse_quantity(text, lang)
    if meaning.startswith("currency:"):
        assert (q.kind, q.currency) == ("money", meaning.split(":")[1])
    elif meaning.startswith("scale:"):
        assert (q.kind, q.scale, q.low) == ("number", meaning.split(":")[1], 7)
    else:
        assert (q.kind, q.low) == (meaning, 7)


# ---- quantities in running text (for the article extractor) -------------------------------------------


def test_find_quantities_in_german_text() -> None:
    text = (
        "Die Nvidia-Aktie brach am 27.01.2025 um 17 Prozent ein, ein Verlust von fast 600 Mrd. US-Dollar. "
        "Am Dienstag stieg sie um fünf bis sechs Prozent. Ein Mitarbeiter sagte, der Kurs sei um 18 Uhr gefallen."
    )
    found = [(q.kind, q.low, q.high, q.text) for q in find_quantities(text, "de")]
    assert found == [
        ("percent", 17, None, "17 Prozent"),
        ("money", 600, None, "600 Mrd. US-Dollar"),
        ("percent", 5, 6, "fünf bis sechs Prozent"),
        ("number", 18, None, "18"),
    ]


def test_find_quantities_in_english_text() -> None:
    text = "Nvidia lost $593bn as shares fell 17% to $118.42 on Monday, one of 500 stocks in the index."
    found = [(q.kind, q.low, q.currency, q.scale, q.text) for q in find_quantities(text, "en")]
    assert found == [
        ("money", 593, "USD", "billion", "$593bn"),
        ("percent", 17, None, "one", "17%"),
        ("money", 118.42, "USD", "one", "$118.42"),
        ("number", 500, None, "one", "500"),
    ]


def test_find_quantities_spans_point_into_the_text() -> None:
    text = "Siemens Energy verlor 18 Prozent; der Dax gab 1,5 % nach."
    for q in find_quantities(text, "de"):
        assert text[q.span[0] : q.span[1]] == q.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["de", "en"]))
def test_find_quantities_never_crashes_on_odd_text(text: str, lang: str) -> None:
    for q in find_quantities(text, lang):
        assert text[q.span[0] : q.span[1]] == q.text


WORD_POOL = [*vocabulary("de"), *vocabulary("en"), "17", "1,5", "1.5", "-", "−", "–", "zwischen", "between", "und",
             "and", "bis", "to", "fünf", "a", "ein", "plus", "minus", "~", ".", "27.01.2025"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["de", "en"]),
    st.lists(st.integers(min_value=0), min_size=1, max_size=6),
    st.sampled_from(["", " "]),
)
def test_unit_salad_is_read_or_rejected_by_name(lang: str, picks: list[int], glue: str) -> None:
    text = glue.join(WORD_POOL[i % len(WORD_POOL)] for i in picks)
    for q in find_quantities(text, lang):
        assert text[q.span[0] : q.span[1]] == q.text
    try:
        read: str = parse_quantity(text, lang).text
    except UnknownUnitError as err:
        read = err.word  # the offending word, as it stands in the text
    assert read.strip() in text


def test_a_digit_run_longer_than_decimal_precision_is_rejected_by_name() -> None:
    """Found by hypothesis: four dates glued together ("27.01.202527.01.2025…") made Babel's strict parse
    raise decimal.InvalidOperation (a traceback), not a rejection that names the word."""
    text = "27.01.2025" * 4
    assert find_quantities(text, "de") == []
    with pytest.raises(UnknownUnitError, match="not a number in de"):
        parse_quantity(text, "de")
