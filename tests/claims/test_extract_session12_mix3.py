"""Classes of reading fixed in session 12 of issue 14 by read13mix, found in six dev articles in everyday desk styles
(invented sentences, not the blind sets'): a sentence whose numbers are no claims and that opens with a day and a verb
in the past sets the day of the move after it, as a company story tells results and then the share's reaction ("Am
Mittwoch legte das Unternehmen Zahlen vor: der Umsatz wuchs um 16 Prozent. Die Aktie sprang daraufhin um 5 Prozent",
"On Wednesday, the company reported revenue of $14.1 billion. The stock jumped 4% in response"); a move "short of" a
named close is a fall since that close ("still 5% short of its Jan. 24 close"), and a day in a relative clause before
it ("Oracle, whose shares tumbled 13.8% on that Monday, is …") is not where that move ends; a day's extreme told
after a look-back word right after a move ("closed up 2.6% on Friday, after rising as much as 2.9% at one point",
"gab 1,3 Prozent nach, nachdem sie zeitweise 4,4 Prozent im Minus gelegen hatte") is of that move's session, and
does not make the move's day a look back; a record's "seit" stands in the clause of its superlative, so "einen der
größten Tagesgewinne der vergangenen Monate, seit Wochenbeginn steht ein Zuwachs von 3,8 Prozent" is the week so
far; "since" closing the clause right after a number ("has recovered 15.3% since.") is a move since the day told
before; so is a day's low or high after "after touching" ("dropped 3.3% to $185.34 on Friday after touching
$183.24"), though not after a look back's number ("adding to Thursday's 0.4% gain after touching $177.39"); a survey's
"sentiment index" or "confidence index" is no market index; "three days later", "Drei Tage später" count calendar days
after the day told before, also after the number ("Microsoft's 6.2% slide three days later"); a mark crossed ("unter
die Marke von 21.300 Punkten", "below the 21,300 mark") is no change in points."""

from __future__ import annotations

from datetime import datetime

import pytest

from marketfact.claims.extract import extract_claims
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
    "a day's extreme after 'nachdem' is of the move's day, which stays the story's day for a later span": (
        "Siemens Energy stieg am Donnerstag um 3,7 Prozent.\n\nAm Freitag nahmen Anleger Gewinne mit: Die Aktie gab "
        "1,3 Prozent nach, nachdem sie zeitweise 4,4 Prozent im Minus gelegen hatte. Seit dem Kurssturz vom 27. Januar "
        "hat der Wert damit gut 27 Prozent gewonnen.",
        "2025-02-15T09:30:00+01:00",
        [
            ("ENR.DE", 3.7, d("2025-02-13")),
            ("ENR.DE", 1.3, d("2025-02-14")),
            ("ENR.DE", 4.4, d("2025-02-14")),
            ("ENR.DE", 27.0, d("2025-01-28", "2025-02-14")),
        ],
    ),
    "a day's extreme after 'after' in a clause of its own is of the move's day": (
        "Nvidia fell 1.3% on Wednesday. On Friday the stock closed up 2.6%, after rising as much as 2.9% at one point.",
        "2025-02-15T09:30:00-05:00",
        [("NVDA", 1.3, d("2025-02-12")), ("NVDA", 2.6, d("2025-02-14")), ("NVDA", 2.9, d("2025-02-14"))],
    ),
    "'seit Wochenbeginn' after a comma is the week so far, not the 'since' of a superlative before the comma": (
        "Der Dax stieg am Donnerstag um 2,09 Prozent. Er verbuchte einen der größten Tagesgewinne der vergangenen "
        "Monate, seit Wochenbeginn steht nun ein Zuwachs von 3,8 Prozent zu Buche.",
        "2025-02-13T18:05:00+01:00",
        [("^GDAXI", 2.09, d("2025-02-13")), ("^GDAXI", 3.8, d("2025-02-10", "2025-02-13"))],
    ),
    "'since' closing the clause after the number is a move since the day told before": (
        "Broadcom, down 17.4% on Jan. 27, has recovered 15.3% since. Nvidia fell 17% on Jan. 27. It has gained 17% "
        "since, helped by new orders.",
        "2025-02-16T08:00:00-05:00",
        [
            ("AVGO", 17.4, d("2025-01-27")),
            ("AVGO", 15.3, d("2025-01-28", "2025-02-14")),
            ("NVDA", 17.0, d("2025-01-27")),
            ("NVDA", 17.0, d("2025-01-28", "2025-02-14")),
        ],
    ),
    "a day's low after 'after touching' is of the move's day, not of a look back's day before it": (
        "Alphabet dropped 3.3% to $185.34 on Friday after touching $183.24 during the session. On Friday Oracle rose "
        "1.2%, adding to Thursday's 0.4% gain after touching $177.39.",
        "2025-02-08T08:00:00-05:00",
        [
            ("GOOGL", 3.3, d("2025-02-07")),
            ("GOOGL", 185.34, d("2025-02-07")),
            ("GOOGL", 183.24, d("2025-02-07")),
            ("ORCL", 1.2, d("2025-02-07")),
            ("ORCL", 0.4, d("2025-02-06")),
            ("ORCL", 177.39, d("2025-02-07")),  # not Thursday's, the look back's: the paragraph's day
        ],
    ),
    "a count of calendar days after the day told before is that calendar day's session": (
        "Nvidia fell 17% on Jan. 27. Microsoft's 6.2% slide three days later seemed to confirm it. Nvidia fell 3.1% on "
        "Friday, Jan. 24. Three days later, it slid 17%.",
        "2025-02-16T08:00:00-05:00",
        [
            ("NVDA", 17.0, d("2025-01-27")),
            ("MSFT", 6.2, d("2025-01-30")),
            ("NVDA", 3.1, d("2025-01-24")),
            ("NVDA", 17.0, d("2025-01-27")),
        ],
    ),
    "'Drei Tage später' after a Friday is the Monday": (
        "Nvidia fiel am Freitag, dem 24. Januar, um 3,1 Prozent. Drei Tage später verlor die Aktie 17 Prozent.",
        "2025-02-16T08:00:00-05:00",
        [("NVDA", 3.1, d("2025-01-24")), ("NVDA", 17.0, d("2025-01-27"))],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_class_of_the_everyday_dev_articles_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want


def test_a_survey_index_is_no_market_index() -> None:
    """ "the University of Michigan's consumer sentiment index fell to 67.8": a survey's index, not the stock index told
    before; a move said with "as sentiment improved" stays a claim."""
    text = (
        "The S&P 500 lost 0.95% on Friday. Later, the University of Michigan's consumer sentiment index fell to 67.8. "
        "The Conference Board's consumer confidence index rose to 104.1. Nvidia rose 0.9% as sentiment improved."
    )
    assert read(text, "2025-02-07T16:50:00-05:00") == [("^GSPC", 0.95, d("2025-02-07")), ("NVDA", 0.9, d("2025-02-07"))]


def test_a_mark_crossed_is_no_points_change() -> None:
    """ "fällt unter die Marke von 21.300 Punkten", "climbed above the 22,000 mark": a round level crossed, not a change
    in points; "gab 304 Punkte nach" stays one."""
    for text, lang in (
        ("+++ 09:10 Uhr +++\nDer Dax fiel am Montag um 1,4 Prozent und gab 304 Punkte nach. Zeitweise fiel er "
         "unter die Marke von 21.300 Punkten.", "de"),
        ("The Dax fell 1.4% on Monday, a loss of 304 points. At one point it dropped below the 21,300 mark.", "en"),
    ):  # fmt: skip
        x = extract_claims(text, datetime.fromisoformat("2025-02-03T17:55:00+01:00"), lang)
        got = [(c.metric.value, c.value) for c in x.claims]
        assert got == [("close_change", 1.4), ("points_change", 304.0)], text
