"""Classes of reading fixed in session 12 of issue 14 by read13mix, found in six dev articles in everyday desk styles
(invented sentences, not the blind sets'): a sentence whose numbers are no claims and that opens with a day and a verb
in the past sets the day of the move after it, as a company story tells results and then the share's reaction ("Am
Mittwoch legte das Unternehmen Zahlen vor: der Umsatz wuchs um 16 Prozent. Die Aktie sprang daraufhin um 5 Prozent",
"On Wednesday, the company reported revenue of $14.1 billion. The stock jumped 4% in response")."""

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
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_class_of_the_everyday_dev_articles_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want
