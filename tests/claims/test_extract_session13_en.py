"""Classes of English reading fixed in session 13 of issue 14 by read15en (invented sentences, not the blind sets'): a
British paper's move "down on"/"up on" a named close ("almost 7% up on last Friday's close", "4.9% up on its Feb. 7
close") runs from the session after that close to the story's day (before, the day named was read as the day of a
one-day move), and "last Friday's" is last Friday, a week back on a Friday (before, "last" was dropped); "down 3.3% on
Friday, closing at …" is still Friday's move."""

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
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_english_class_of_session_13_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want
