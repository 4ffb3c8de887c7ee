"""Classes of reading fixed in session 12 of issue 14 by read13mix, found in six dev articles in everyday desk styles
(invented sentences, not the blind sets'): a sentence whose numbers are no claims and that opens with a day and a verb
in the past sets the day of the move after it, as a company story tells results and then the share's reaction ("Am
Mittwoch legte das Unternehmen Zahlen vor: der Umsatz wuchs um 16 Prozent. Die Aktie sprang daraufhin um 5 Prozent",
"On Wednesday, the company reported revenue of $14.1 billion. The stock jumped 4% in response"); a move "short of" a
named close is a fall since that close ("still 5% short of its Jan. 24 close"), and a day in a relative clause before
it ("Oracle, whose shares tumbled 13.8% on that Monday, is …") is not where that move ends."""

from __future__ import annotations

import pytest

from tests.claims.extracted import d, read

CASES = {
    "a day opening a sentence of company figures is the day of the share's move after it": (
        "Siemens Energy brach am 27. Januar um fast 20 Prozent ein.\n\nInzwischen ist der Schreck verdaut. Am Mittwoch "
        "legte das Unternehmen Zahlen vor: Der Auftragseingang erreichte 14,9 Milliarden Euro, der Umsatz wuchs um 16 "
        "Prozent. Die Aktie sprang daraufhin um 5 Prozent auf 60,14 Euro.",
        "2025-02-15T09:30:00+01:00",
        [("ENR.DE", 20.0, d("2025-01-27")), ("ENR.DE", 5.0, d("2025-02-12")), ("ENR.DE", 60.14, d("2025-02-12"))],
    ),
    "an English day before the subject of a sentence of company figures is the day of the move after it": (
        "Oracle fell 13.8% on Jan. 27.\n\nThings have calmed down since. On Wednesday, the company reported revenue of "
        "$14.1 billion. The stock jumped 4% in response.",
        "2025-02-15T09:30:00-05:00",
        [("ORCL", 13.8, d("2025-01-27")), ("ORCL", 4.0, d("2025-02-12"))],
    ),
    "a move 'short of' a named close is a fall since it, to the story's day, not a relative clause's day": (
        "Oracle rose 0.2% on Friday. Oracle, whose shares tumbled 13.8% on Jan. 27, is still 5% short of its Jan. 24 "
        "close. Broadcom closed Friday at $233.04, still 4.8% short of its close on Jan. 24.",
        "2025-02-16T08:00:00-05:00",
        [
            ("ORCL", 0.2, d("2025-02-14")),
            ("ORCL", 13.8, d("2025-01-27")),
            ("ORCL", 5.0, d("2025-01-27", "2025-02-14")),
            ("AVGO", 233.04, d("2025-02-14")),
            ("AVGO", 4.8, d("2025-01-27", "2025-02-14")),
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_class_of_the_everyday_dev_articles_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want
