"""Classes of German reading fixed in session 10 of issue 14 (invented sentences, not the blind sets'): a day said in
an insertion between the subject and its verb, with a number of its own (", am Dienstag mit einem Plus von 0,8
Prozent gut gelaufen,", "– am Dienstag noch unverändert bei 235,04 Dollar aus dem Handel gegangen –") is that
number's day, not the main verb's: the main verb's move keeps the story's day, and so does the next sentence; a
move in parentheses right after a name ("die Holding SoftBank Group (plus 3,8 Prozent) war gefragt") is that
name's, also where the name stands in what reads as an aside."""

from __future__ import annotations

import pytest

from tests.claims.extracted import d, read

CASES = {
    "a day in an insertion between commas is its own number's": (
        "Der Dax legte am Mittwoch um 0,5 Prozent zu.\n\nDie Titel von Schneider Electric, am Dienstag mit einem Plus "
        "von 0,8 Prozent gut gelaufen, verloren 2,2 Prozent auf 238,75 Euro. Siemens Energy stiegen um 5 Prozent.",
        "2025-02-12T18:30:00+01:00",
        [
            ("^GDAXI", 0.5, d("2025-02-12")),
            ("SU.PA", 0.8, d("2025-02-11")),
            ("SU.PA", 2.2, d("2025-02-12")),
            ("SU.PA", 238.75, d("2025-02-12")),
            ("ENR.DE", 5.0, d("2025-02-12")),
        ],
    ),
    "a day in an insertion between dashes is its own number's": (
        "Der Dax legte am Mittwoch um 0,5 Prozent zu.\n\nBroadcom – am Dienstag noch unverändert bei 235,04 Dollar aus "
        "dem Handel gegangen – gewannen 0,6 Prozent. Oracle fielen um 2,8 Prozent.",
        "2025-02-12T23:30:00+01:00",
        [
            ("^GDAXI", 0.5, d("2025-02-12")),
            ("AVGO", 235.04, d("2025-02-11")),
            ("AVGO", 0.6, d("2025-02-12")),
            ("ORCL", 2.8, d("2025-02-12")),
        ],
    ),
    # not an insertion: the first clause has a move of its own, so its day is the sentence's main move's
    "a day in the first clause is still shared": (
        "Am Dienstag fiel Oracle um 1 Prozent, Broadcom stiegen um 0,6 Prozent.",
        "2025-02-12T23:30:00+01:00",
        [("ORCL", 1.0, d("2025-02-11")), ("AVGO", 0.6, d("2025-02-11"))],
    ),
    "a move in parentheses right after a name is that name's": (
        "Der Nikkei 225 schloss am Mittwoch 0,4 Prozent höher, die Holding SoftBank Group (plus 3,8 Prozent) war "
        "besonders gefragt.",
        "2025-02-12T09:00:00+01:00",
        [("^N225", 0.4, d("2025-02-12")), ("9984.T", 3.8, d("2025-02-12"))],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_german_class_of_session_10_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want
