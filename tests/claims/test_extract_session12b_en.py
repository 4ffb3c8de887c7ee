"""Classes of English reading fixed in session 12's second round of issue 14 by read14en (invented sentences, not
the blind sets'): a day named in an apposition to the name before it (", laggard of the megacaps in January,",
"Utility stocks, Wall Street darlings in January, lagged:") describes that name; it is not the day of a move told
in another clause, which takes the day told before (before, only an apposition opened by an article or a relative
pronoun was set aside); a move told with the bare form of its verb after "saw", "helped", "watched" ("saw Tokyo
Electron lose 3.1%", "helped Alphabet climb 1.4%") is a move like "lost" or "climbed"; a phrasal verb of a rise,
verb and particle ("tacked on 3.1%", "piling on $40 billion"), is a rise; "the Friday before" with nothing after
"before" is the Friday before the first day of the period the sentence named before it ("ended the week …, about 2.6%
above where it stood the Friday before": the Friday before that week)."""

from __future__ import annotations

import pytest

from tests.claims.extracted import d, read

CASES = {
    "a day in an apposition after a name is no day of the move in the next clause": (
        "Microsoft fell 0.6% on Wednesday. Alphabet, laggard of the megacaps in January, rose 1.1%.",
        "2025-02-12T17:00:00-05:00",
        [("MSFT", 0.6, d("2025-02-12")), ("GOOGL", 1.1, d("2025-02-12"))],
    ),
    "a day in an apposition after the sentence's first clause is no day of the moves after a colon": (
        "The Dow ended higher on Monday. Utility stocks, Wall Street darlings in January, lagged: Vistra slid 0.5% "
        "and Constellation Energy 1.2%.",
        "2025-02-10T17:00:00-05:00",
        [("VST", 0.5, d("2025-02-10")), ("CEG", 1.2, d("2025-02-10"))],
    ),
    "a day that is the insertion's label alone still dates the move": (
        "Nvidia, on Monday, fell 17%.",
        "2025-01-28T17:00:00-05:00",
        [("NVDA", 17.0, d("2025-01-27"))],
    ),
    "a move told with the bare form of its verb is a move": (
        "Tuesday's selloff saw ASML lose 1.2% and Nvidia sink 0.6%, but cloud demand helped Oracle climb 1.4%.",
        "2025-02-11T17:00:00-05:00",
        [("ASML", 1.2, d("2025-02-11")), ("NVDA", 0.6, d("2025-02-11")), ("ORCL", 1.4, d("2025-02-11"))],
    ),
    "a phrasal verb of a rise is a rise": (
        "Microsoft fell 1.5% on Friday, while Alphabet tacked on 0.3% and Broadcom piled on 1.1%.",
        "2025-02-07T17:00:00-05:00",
        [("MSFT", 1.5, d("2025-02-07")), ("GOOGL", 0.3, d("2025-02-07")), ("AVGO", 1.1, d("2025-02-07"))],
    ),
    "'the Friday before' is the Friday before the period named before it": (
        "Oracle ended the week at $174.46, about 2.6% above where it stood the Friday before.",
        "2025-02-08T10:00:00-05:00",
        [
            ("ORCL", 174.46, d("2025-02-07")),
            ("ORCL", 2.6, d("2025-02-03", "2025-02-07")),
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_english_class_of_session_12b_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want
