"""Classes of reading fixed in session 7 of issue 14 (invented sentences, not the blind sets'): a lede's day is the
story's whatever its verb ("Die Zollsorgen haben die Wall Street am Montag belastet"), so a later look back
("Bereits am Freitag hatte …") keeps its own day and the claims after it stay on the story's day; a span named
after a later number of the same subject ("kletterte um 3,1 Prozent und hat in dieser Woche bisher mehr als 7
Prozent zugelegt") is that number's, and the number before it is the day's move; a sentence with no number whose
day stands right before a past copula ("Jan. 27 was a brutal day for chipmakers") sets the day of the claims after
it, and a name after a preposition in such a sentence ("diesmal für Microsoft") is what "Die Aktie" refers to; "auf den
Rekordwert von 22.612 Punkten" is a record level, and a record named only as the level a price stayed under ("barely
below its record close", "unter ihrem Rekordhoch") is no record claim; a move since a named close does not end on
the possessive day of another number ("giving back most of Wednesday's 4.3% gain, but it is still up 11% since its
Jan. 27 close"); "Seitdem" / "Since then" after a sentence with no number is since the one day it names, also in a
relative clause ("Constellation Energy, whose shares cratered on Jan. 27, has bounced back. Since then …"); a causative
verb moves its object by the number ("Upbeat earnings lifted the S&P 500 by 1.0%", "drückten den Dax um 0,5
Prozent"); a relative day said in a sentence with no number ("The next day brought relief.") is the day of the claims
after it in its paragraph; a clause holding only numbers after the clause of the move ("rose, by 1.0% and 1.5%
respectively") takes that move."""

from __future__ import annotations

import pytest

from tests.claims.extracted import d, read


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        (  # German wire: the lede's verb is no move or session word
            "NEW YORK (dpa-AFX) – Die Zollsorgen haben die Wall Street am Montag belastet. Der S&P 500 fiel um 0,8 "
            "Prozent.\n\nBereits am Freitag hatte der Nasdaq Composite 0,3 Prozent verloren. Nvidia gaben 2,8 "
            "Prozent nach.",
            "2025-02-04T07:30:00+01:00",
            [("^GSPC", 0.8, d("2025-02-03")), ("^IXIC", 0.3, d("2025-01-31")), ("NVDA", 2.8, d("2025-02-03"))],
        ),
        (  # English, after a one-sentence title
            "Tariffs bite\n\nWorries about tariffs weighed on Wall Street on Monday. The S&P 500 lost 0.8%.\n\n"
            "On Friday, the Nasdaq had already shed 0.3%. Nvidia dropped 2.8%.",
            "2025-02-04T06:30:00+01:00",
            [("^GSPC", 0.8, d("2025-02-03")), ("^IXIC", 0.3, d("2025-01-31")), ("NVDA", 2.8, d("2025-02-03"))],
        ),
    ],
)
def test_a_ledes_day_is_the_storys_whatever_its_verb(text: str, published: str, want: list[object]) -> None:
    assert read(text, published) == want


def test_a_period_in_the_title_does_not_keep_the_lede_from_setting_the_day() -> None:
    text = (
        "Aktien Frankfurt Schluss: Gewinnmitnahmen zum Wochenausklang\n\nFRANKFURT (dpa-AFX) – Gewinnmitnahmen haben "
        "den Aktienmarkt am Freitag belastet.\n\nSiemens Energy legten dagegen um 0,4 Prozent zu."
    )
    assert read(text, "2025-02-08T09:00:00+01:00") == [("ENR.DE", 0.4, d("2025-02-07"))]


def test_a_title_names_no_story_day() -> None:
    """ "Remember DeepSeek Monday" names an event, not the day of the story (the title is no lede)."""
    text = "Remember DeepSeek Monday\n\nOn Jan. 27, Nvidia lost 17% in a single session. It has since gained 9.6%."
    assert read(text, "2025-02-09T10:00:00+00:00") == [
        ("NVDA", 17.0, d("2025-01-27")),
        ("NVDA", 9.6, d("2025-01-28", "2025-02-07")),
    ]


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        (  # German: the span after "und hat", before the later number
            "Nvidia stieg am Donnerstag deutlich. Die Aktie kletterte um 3,1 Prozent und hat in dieser Woche bisher "
            "mehr als 7 Prozent zugelegt.",
            "2025-02-13T23:30:00+01:00",
            [("NVDA", 3.1, d("2025-02-13")), ("NVDA", 7.0, d("2025-02-10", "2025-02-13"))],
        ),
        (  # English: the span after the later verb
            "Wall Street fell on Friday. The S&P 500 lost 0.95% and ended the week down 0.2%.",
            "2025-02-07T17:30:00-05:00",
            [("^GSPC", 0.95, d("2025-02-07")), ("^GSPC", 0.2, d("2025-02-03", "2025-02-07"))],
        ),
        (  # a new subject between: the span is shared, as before
            "Stocks rose on Friday. Nvidia fell 5% and Broadcom lost 7% this week.",
            "2025-02-07T17:30:00-05:00",
            [("NVDA", 5.0, d("2025-02-03", "2025-02-07")), ("AVGO", 7.0, d("2025-02-03", "2025-02-07"))],
        ),
    ],
)
def test_a_span_named_after_a_later_number_of_the_same_subject_is_that_numbers(
    text: str, published: str, want: list[object]
) -> None:
    assert read(text, published) == want


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        (  # English, not the lede
            "Chips in the crosshairs\n\nInvestors learned a hard lesson. Jan. 27 was a brutal day for chipmakers. "
            "Nvidia sank 17%.",
            "2025-02-09T10:00:00+00:00",
            [("NVDA", 17.0, d("2025-01-27"))],
        ),
        (  # German, and the name after "für" is the topic of "Die Aktie"
            "Nvidia brach am 27. Januar um 17 Prozent ein.\n\nAuch der 30. Januar war kein guter Tag, diesmal für "
            "Microsoft. Die Aktie verlor 6,2 Prozent.",
            "2025-02-09T10:00:00+01:00",
            [("NVDA", 17.0, d("2025-01-27")), ("MSFT", 6.2, d("2025-01-30"))],
        ),
        (  # a day inside a noun phrase sets nothing
            "Der Dax stieg am Dienstag um 0,7 Prozent.\n\nGefragt waren vor allem die Verlierer vom Montag. "
            "Siemens Energy kletterte um 7,5 Prozent.",
            "2025-01-28T18:00:00+01:00",
            [("^GDAXI", 0.7, d("2025-01-28")), ("ENR.DE", 7.5, d("2025-01-28"))],
        ),
    ],
)
def test_a_sentence_with_no_number_that_says_what_a_day_was_sets_it(
    text: str, published: str, want: list[object]
) -> None:
    assert read(text, published) == want


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        (  # a record level: the close level and a record high of the day
            "Der Dax kletterte am Donnerstag um 2,1 Prozent auf den Rekordwert von 22.612 Punkten.",
            "2025-02-13T18:30:00+01:00",
            [("^GDAXI", 2.1, d("2025-02-13")), ("^GDAXI", None, d("2025-02-13")), ("^GDAXI", 22612.0, d("2025-02-13"))],
        ),
        (  # stayed under the record: no record
            "Germany's DAX slipped 0.5% on Friday, closing barely below its record close.",
            "2025-02-07T17:30:00-05:00",
            [("^GDAXI", 0.5, d("2025-02-07"))],
        ),
        (
            "Schneider Electric gewannen am Donnerstag 2,5 Prozent, blieben aber deutlich unter ihrem Rekordhoch.",
            "2025-02-13T18:30:00+01:00",
            [("SU.PA", 2.5, d("2025-02-13"))],
        ),
    ],
)
def test_a_record_level_and_a_record_stayed_under(text: str, published: str, want: list[object]) -> None:
    assert read(text, published) == want


def test_a_revenue_at_a_record_is_no_price_record() -> None:
    text = (
        "Nvidia stieg am Mittwoch um 2 Prozent. Der Konzern steigerte den Umsatz auf einen Rekordwert von 39 "
        "Milliarden Dollar."
    )
    assert read(text, "2025-02-27T10:00:00+01:00") == [("NVDA", 2.0, d("2025-02-26"))]


def test_a_move_since_a_close_does_not_end_on_another_numbers_possessive_day() -> None:
    text = (
        "Stocks fell on Friday. Broadcom fell 2.8%, giving back most of Wednesday's 4.3% gain, but it is still up 11% "
        "since its Jan. 27 close."
    )
    assert read(text, "2025-02-07T17:30:00-05:00") == [
        ("AVGO", 2.8, d("2025-02-07")),
        ("AVGO", 4.3, d("2025-02-05")),
        ("AVGO", 11.0, d("2025-01-28", "2025-02-07")),
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Nvidia slipped on Friday. Constellation Energy, whose shares cratered on Jan. 27, has bounced back. Since "
            "then the stock has gained more than 12%.",
            [("CEG", 12.0, d("2025-01-28", "2025-02-07"))],
        ),
        (
            "Siemens Energy, dessen Aktie am 27. Januar eingebrochen war, hat sich kräftig erholt. Seitdem hat das "
            "Papier gut 18 Prozent zugelegt.",
            [("ENR.DE", 18.0, d("2025-01-28", "2025-02-07"))],
        ),
    ],
)
def test_since_then_after_a_sentence_with_no_number_is_since_its_day(text: str, want: list[object]) -> None:
    assert read(text, "2025-02-08T09:00:00+01:00") == want


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        (
            "Stocks rose on Thursday. Upbeat earnings lifted the S&P 500 by 1.0% and the Nasdaq Composite by 1.5%.",
            "2025-02-13T17:30:00-05:00",
            [("^GSPC", 1.0, d("2025-02-13")), ("^IXIC", 1.5, d("2025-02-13"))],
        ),
        (
            "Schwache Daten drückten den Dax am Freitag um 0,5 Prozent.",
            "2025-02-07T18:30:00+01:00",
            [("^GDAXI", 0.5, d("2025-02-07"))],
        ),
        (  # a company's own figure stays no claim
            "Nvidia boosted its revenue by 78% last year.",
            "2025-02-27T17:30:00-05:00",
            [],
        ),
    ],
)
def test_a_causative_verb_moves_its_object_by_the_number(text: str, published: str, want: list[object]) -> None:
    assert read(text, published) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Nvidia sank 17% on Jan. 27. The next day brought relief. Nvidia rebounded 8.9% and Broadcom added 2.6%."
            "\n\nOracle rose 3.6% on Jan. 28.",
            [
                ("NVDA", 17.0, d("2025-01-27")),
                ("NVDA", 8.9, d("2025-01-28")),
                ("AVGO", 2.6, d("2025-01-28")),
                ("ORCL", 3.6, d("2025-01-28")),
            ],
        ),
        (  # a day named anew ends it
            "Nvidia brachen am 27. Januar um 17 Prozent ein. Am Tag darauf folgte die Erholung. Nvidia zogen um 8,9 "
            "Prozent an. Am Mittwoch, dem 29. Januar, verloren sie 4,1 Prozent. Broadcom gaben 0,5 Prozent nach.",
            [
                ("NVDA", 17.0, d("2025-01-27")),
                ("NVDA", 8.9, d("2025-01-28")),
                ("NVDA", 4.1, d("2025-01-29")),
                ("AVGO", 0.5, d("2025-01-29")),
            ],
        ),
    ],
)
def test_a_relative_day_said_with_no_number_is_the_day_of_the_claims_after_it(text: str, want: list[object]) -> None:
    assert read(text, "2025-02-09T10:00:00+01:00") == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The S&P 500 and the Nasdaq Composite rose on Thursday, by 1.0% and 1.5% respectively.",
            [("^GSPC", 1.0, d("2025-02-13")), ("^IXIC", 1.5, d("2025-02-13"))],
        ),
        (
            "Der Dax und Siemens Energy haben am Donnerstag zugelegt, um 2,1 und 3,7 Prozent.",
            [("^GDAXI", 2.1, d("2025-02-13")), ("ENR.DE", 3.7, d("2025-02-13"))],
        ),
    ],
)
def test_a_clause_of_numbers_only_takes_the_move_of_the_clause_before(text: str, want: list[object]) -> None:
    assert read(text, "2025-02-13T23:30:00+01:00") == want
