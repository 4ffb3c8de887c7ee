"""Classes of reading fixed in session 5 of issue 14 (invented sentences, not the blind sets'): a period phrase
never reaches across a semicolon or a comma ("legte 1,3 Prozent zu; am Mittwoch" names "am Mittwoch"), except
between a date's parts; "seit Wochenbeginn" is the week so far."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from marketfact.claims.extract import extract_claims
from marketfact.claims.extract.sentences import tokens
from marketfact.claims.extract.timewords import find_periods


def read(text: str, published: str) -> list[tuple[str | None, float | None, tuple[date, ...] | None]]:
    lang = "de" if "Prozent" in text else "en"
    x = extract_claims(text, datetime.fromisoformat(published), lang)
    return [(c.instrument, c.value, r.sessions) for c, r in zip(x.claims, x.readings, strict=True)]


def d(*days: str) -> tuple[date, ...]:
    return tuple(date.fromisoformat(x) for x in days)


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        (  # "seit Wochenbeginn": the sessions of this week so far
            "Der Dax stieg am Mittwoch um 0,4 Prozent. Seit Wochenbeginn hat der Leitindex damit 0,7 Prozent verloren.",
            "2025-02-05T18:00:00+01:00",
            [("^GDAXI", 0.4, d("2025-02-05")), ("^GDAXI", 0.7, d("2025-02-03", "2025-02-05"))],
        ),
    ],
)
def test_each_number_gets_the_period_of_its_own_part(
    text: str, published: str, want: list[tuple[str, float, tuple[date, ...]]]
) -> None:
    assert read(text, published) == want


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Der Nikkei 225 legte 1,3 Prozent zu; am Mittwoch hatte der Index 0,4 Prozent gewonnen.", ["am Mittwoch"]),
        ("Der Nikkei 225 legte 1,3 Prozent zu, am Mittwoch hatte der Index 0,4 Prozent gewonnen.", ["am Mittwoch"]),
        ("Constellation Energy gave up 2.8% on Friday, Jan 31.", ["on Friday, Jan 31"]),
        ("Oracle rose on Jan 27, 2025.", ["on Jan 27, 2025"]),
    ],
)
def test_a_period_phrase_stops_at_clause_punctuation(text: str, words: list[str]) -> None:
    lang = "de" if "Prozent" in text else "en"
    toks = tokens(text, 0, len(text))
    assert [
        p.words for p in find_periods(text, toks, datetime.fromisoformat("2025-02-13T16:00:00+09:00"), lang)
    ] == words
