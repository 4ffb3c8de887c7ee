"""Classes of English reading fixed in session 13 of issue 14 by read15en (invented sentences, not the blind sets'): a
British paper's move "down on"/"up on" a named close ("almost 7% up on last Friday's close", "4.9% up on its Feb. 7
close") runs from the session after that close to the story's day (before, the day named was read as the day of a
one-day move), and "last Friday's" is last Friday, a week back on a Friday (before, "last" was dropped); "down 3.3% on
Friday, closing at …" is still Friday's move; a day of the month said with no month ("On the 30th", "am 31.") is the
latest such day, in the month before when this month's is later or does not exist (before, the year before, or no
day), and "the 31st of last month" is that day of the month before (before, the whole of last month); "Compared with
the closing price of …" measures the move from that close."""

from __future__ import annotations

import pytest

from tests.claims.extracted import d, read

CASES = {
    "'up on last Friday's close' runs from the session after last Friday": (
        "Nvidia ended at $138.85 on Friday, almost 7% up on last Friday's close.",
        "2025-02-14T17:30:00-05:00",
        [("NVDA", 138.85, d("2025-02-14")), ("NVDA", 7.0, d("2025-02-10", "2025-02-14"))],
    ),
    "'up on its <date> close' runs from the session after that date": (
        "On Thursday Broadcom closed 4.9% up on its Feb. 7 close.",
        "2025-02-13T17:30:00-05:00",
        [("AVGO", 4.9, d("2025-02-10", "2025-02-13"))],
    ),
    "'down 3.3% on Friday, closing at' is Friday's move": (
        "Alphabet was down 3.3% on Friday, closing at $185.34.",
        "2025-02-08T10:00:00-05:00",
        [("GOOGL", 3.3, d("2025-02-07")), ("GOOGL", 185.34, d("2025-02-07"))],
    ),
    "'Compared with the closing price of the 31st of last month' runs from the session after that day": (
        "(Seoul, 12th) Compared with the closing price of the 31st of last month, Alphabet has fallen 9.17% "
        "cumulatively.",
        "2025-02-12T08:00:00+09:00",
        [("GOOGL", 9.17, d("2025-02-03", "2025-02-11"))],
    ),
    "a day of the month with no month is of the month before when this month's is later": (
        "On the 30th, Broadcom had risen 4.51%.",
        "2025-02-06T08:00:00+09:00",
        [("AVGO", 4.51, d("2025-01-30"))],
    ),
    "the same in German, when this month has no such day": (
        "Am 31. hatte Siemens Energy knapp 2 Prozent gewonnen.",
        "2025-02-04T08:00:00+01:00",
        [("ENR.DE", 2.0, d("2025-01-31"))],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_english_class_of_session_13_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want
