"""Extraction never crashes on odd text: random text and mutated test articles (hypothesis).

Allowed outcomes are a result or an ``ExtractionError`` (empty, binary, unknown language); whenever claims
come out, they form a claim file the project's loader accepts.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketfact.claims.extract import ExtractionError, extract_claims
from marketfact.claims.load import parse_claims

ARTICLES = sorted((Path(__file__).resolve().parent.parent / "data" / "articles").glob("*-*.[mt][dx]*"))
TEXTS = [p.read_text(encoding="utf-8") for p in ARTICLES]
PUB = datetime(2025, 1, 29, 7, 0, tzinfo=timezone(timedelta(hours=1)))
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=120)

TRICKY = [
    "%", " Prozent", " percent", "Nvidia", "Siemens Energy", "Constellation", "die Aktie", "the stock", " am Montag",
    " on Monday", " fast ", " knapp ", " as much as ", " zeitweise ", "bis", " zwischen ", " and ", " und ", "-", "–",
    "$", "bn", " Mrd. Euro", "€", "¥", ",", ".", ";", ":", "(", ")", "\n\n", "# ", "**", "[x](http://a.b/1)", "17",
    "5,5", "1.000", "0", "−", "+", "plus ", "minus ", " bzw. ", " respectively", " der Vortag", " the previous session",
    " in zwei Tagen", " over two days", " seit Jahresbeginn", " 27. Januar", " Jan. 27", "Nasdaq", "Dax", "zwanzig",
    "\u200b", "\t", "ß", "İ", "ﬁ", "🙂", "\r\n",
]  # fmt: skip


def _check(text: str, lang: str) -> None:
    try:
        extraction = extract_claims(text, PUB, lang)
    except ExtractionError:
        return
    for claim, reading in zip(extraction.claims, extraction.readings, strict=True):
        assert claim.id == reading.claim_id
        assert 0 <= reading.sentence_span[0] <= reading.number_span[0] < reading.number_span[1] <= len(text)
    if extraction.claims:
        parse_claims(extraction.to_claim_file_dict(), "fuzz")


@FUZZ
@given(text=st.text(max_size=400), lang=st.sampled_from(["de", "en", "auto"]))
def test_random_text_never_crashes(text: str, lang: str) -> None:
    _check(text, lang)


NAMES = ["Nvidia", "Die Aktie", "The stock", "Siemens Energy", "Der Dax", "Constellation", "DeepSeek", "Es", "It", ""]
VERBS = ["fiel", "fell", "stieg", "rose", "verlor", "lost", "brach", "ein", "gab", "nach", "up", "down", "jumped", ""]
UNITS = ["%", " Prozent", " percent", " Mrd. Euro", " billion dollars", "bn", " Punkte", " Prozentpunkte", ""]


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    """A sentence built from the pieces of a market claim, in a random order, with random pieces between."""
    number = draw(st.sampled_from(["17", "5,5", "11.1", "fünf bis sechs", "between 3 and 5", "-17", "zwanzig", "0"]))
    parts = [
        draw(st.sampled_from(NAMES)),
        draw(st.sampled_from(VERBS)),
        draw(st.sampled_from(["", "fast ", "knapp ", "rund ", "about ", "as much as ", "zeitweise über ", "~"]))
        + number
        + draw(st.sampled_from(UNITS)),
        draw(st.sampled_from(["", "am Montag", "on Monday", "in zwei Tagen", "over two days", "gestern", "am Vortag"])),
        draw(st.sampled_from(TRICKY) | st.text(max_size=4)),
    ]
    order = draw(st.permutations(range(len(parts))))
    shuffled = draw(st.booleans())
    return " ".join(parts[i] for i in (order if shuffled else range(len(parts)))) + draw(
        st.sampled_from([".", "", "!"])
    )


@FUZZ
@given(
    words=st.lists(st.sampled_from(TRICKY) | st.text(max_size=6) | news_sentence(), max_size=30),
    lang=st.sampled_from(["de", "en"]),
)
def test_random_news_vocabulary_never_crashes(words: list[str], lang: str) -> None:
    _check(" ".join(words), lang)


@st.composite
def mutated_article(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "swap"]))
        if action == "delete":
            text = text[:i] + text[j:]
        elif action == "insert":
            text = text[:i] + draw(st.sampled_from(TRICKY) | st.text(max_size=5)) + text[i:]
        elif action == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            k = draw(st.integers(0, len(text)))
            a, b = sorted((j, k))
            text = text[:i] + text[a:b] + text[j:a] + text[i:j] + text[b:] if i <= j <= a else text
    return text


@FUZZ
@given(text=mutated_article(), lang=st.sampled_from(["de", "en", "auto"]))
def test_mutated_articles_never_crash(text: str, lang: str) -> None:
    _check(text, lang)
