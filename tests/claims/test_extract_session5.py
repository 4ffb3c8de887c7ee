"""Classes of reading fixed in session 5 of issue 14 (invented sentences, not the blind sets'): a period phrase
never reaches across a semicolon or a comma ("legte 1,3 Prozent zu; am Mittwoch" names "am Mittwoch"), except
between a date's parts; "seit Wochenbeginn" is the week so far. In a sentence that names several periods each
number gets the period of its own part: a look back ("after both indexes had lost ground on Friday", "extending
Friday's 3.7% slide", "since its Feb. 3 close") keeps its day to itself, the main clause's day reaches a later
clause that names none, a relative clause's day does not, "a day after jumping 4.3%" is the session before, no
day reaches across a semicolon; and a number whose period was not its own words, in a sentence that names several,
is held under the confirmation threshold."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from marketfact.claims.extract import extract_claims
from marketfact.claims.extract.calibration import CONFIRM_BELOW
from marketfact.claims.extract.day.timewords import find_periods
from marketfact.claims.extract.sentences import tokens
from tests.claims.extracted import d, read


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        (  # a look-back clause without a number lends its day to no one, here or in later sentences
            "Stocks fell on Monday. The S&P 500 fell 0.8% and the Nasdaq dropped 1.2%, after both indexes had lost "
            "ground on Friday as well. Nvidia lost 2.8%.",
            "2025-02-03T18:00:00-05:00",
            [("^GSPC", 0.8, d("2025-02-03")), ("^IXIC", 1.2, d("2025-02-03")), ("NVDA", 2.8, d("2025-02-03"))],
        ),
        (  # the main move's day reaches the later clause; the look back keeps its own
            "The S&P 500 rose 0.4% on Thursday after a 0.4% gain on Wednesday, while the Nasdaq added 0.5%.",
            "2025-02-06T17:00:00-05:00",
            [("^GSPC", 0.4, d("2025-02-06")), ("^GSPC", 0.4, d("2025-02-05")), ("^IXIC", 0.5, d("2025-02-06"))],
        ),
        (  # a relative clause's day is not the main clause's
            "Stocks fell on Friday. Microsoft, whose shares gained 0.6% on Thursday, lost 1.5%. The S&P 500 "
            "dropped 0.9%.",
            "2025-02-07T17:00:00-05:00",
            [("MSFT", 0.6, d("2025-02-06")), ("MSFT", 1.5, d("2025-02-07")), ("^GSPC", 0.9, d("2025-02-07"))],
        ),
        (  # "a day after" between two numbers: the second is the session before the first's day
            "Stocks rose on Thursday. Broadcom slipped 0.3% a day after jumping 4.3%.",
            "2025-02-06T17:00:00-05:00",
            [("AVGO", 0.3, d("2025-02-06")), ("AVGO", 4.3, d("2025-02-05"))],
        ),
        (  # a possessive day after "extending" is a look back: a count ends on the story's day, not on it
            "Stocks fell on Monday. Nvidia lost 2.8%, extending Friday's 3.7% slide, and is now down more than 6% "
            "in two sessions.",
            "2025-02-03T18:00:00-05:00",
            [
                ("NVDA", 2.8, d("2025-02-03")),
                ("NVDA", 3.7, d("2025-01-31")),
                ("NVDA", 6.0, d("2025-01-31", "2025-02-03")),
            ],
        ),
        (  # no period phrase reaches across a semicolon
            "Am Donnerstag stieg Softbank um 3 Prozent. Der Nikkei 225 legte 1,3 Prozent zu; am Mittwoch, nach dem "
            "Feiertag, hatte der Index 0,4 Prozent gewonnen.",
            "2025-02-13T16:00:00+09:00",
            [("9984.T", 3.0, d("2025-02-13")), ("^N225", 1.3, d("2025-02-13")), ("^N225", 0.4, d("2025-02-12"))],
        ),
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


def test_a_period_chosen_among_several_is_held_under_the_threshold() -> None:
    text = "The S&P 500 rose 0.4% on Thursday after a 0.4% gain on Wednesday, while the Nasdaq added 0.5%."
    x = extract_claims(text, datetime.fromisoformat("2025-02-06T17:00:00-05:00"), "en")
    nasdaq = x.readings[2]
    assert nasdaq.confidence < CONFIRM_BELOW
    assert any("the sentence names several periods" in n for n in nasdaq.notes)
    one = extract_claims(
        "The S&P 500 rose 0.4% on Thursday.", datetime.fromisoformat("2025-02-06T17:00:00-05:00"), "en"
    )
    assert one.readings[0].confidence >= CONFIRM_BELOW  # one period, its own: no doubt
