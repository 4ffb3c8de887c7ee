"""Classes of reading left open in session 13 of issue 14 and fixed by read16left (invented sentences, not the blind
sets'): a move measured "from a year ago", "than a month earlier", "from a week before" or "als vor einem Monat" after a
move on a named day runs from the close that far back from the writer's day to the last closed session (before, the day
named for the move before it, at 0.45; in German at 0.95); a figure compared with a year earlier in a named month stays
a statistic; an index's move and close told in a relative clause right after its name in the simple past (", an der
Nasdaq, die 1,5 Prozent höher bei 19.945 Punkten schloss") are of the day of the sentence's main move (before, no day,
at 0.1), while one in the pluperfect keeps none; a company's move after such a relative clause set between its verb and
the verb's particle ("legte am Montag an der Nasdaq, die 1 Prozent höher schloss, um 4,5 Prozent zu") is the company's
(before, missed: "no rise or fall is stated"); "Shares of chip makers fell 1.4%" opening a paragraph is a group's move,
no claim (before, a reference back to the company named before, at 0.6), while "Shares of rival AMD" and "Shares of the
company" stay one company's."""

from __future__ import annotations

import pytest

from tests.claims.extracted import d, read

CASES = {
    "'is up 80% from a year ago' runs from the close a year back to now": (
        "Nvidia rose 3.2% on Thursday and is up 80% from a year ago.",
        "2025-02-14T09:00:00-05:00",
        [("NVDA", 3.2, d("2025-02-13")), ("NVDA", 80.0, d("2024-02-15", "2025-02-13"))],
    ),
    "'11.2% higher than a month earlier' runs from the close a month back to now": (
        "Oracle gained 1% on Thursday and is now 11.2% higher than a month earlier.",
        "2025-02-14T09:00:00-05:00",
        [("ORCL", 1.0, d("2025-02-13")), ("ORCL", 11.2, d("2025-01-15", "2025-02-13"))],
    ),
    "'down 1.2% from a week before' runs from the close a week back to now": (
        "Microsoft added 0.4% on Thursday but is down 1.2% from a week before.",
        "2025-02-14T09:00:00-05:00",
        [("MSFT", 0.4, d("2025-02-13")), ("MSFT", 1.2, d("2025-02-10", "2025-02-13"))],
    ),
    "'over the past year' runs from the close a year back to now": (
        "Nvidia rose 3.2% on Thursday and has gained 80% over the past year.",
        "2025-02-14T09:00:00-05:00",
        [("NVDA", 3.2, d("2025-02-13")), ("NVDA", 80.0, d("2024-02-15", "2025-02-13"))],
    ),
    "'over the last month' is a trailing month, 'last month' the calendar month before": (
        "Broadcom is up 4.9% over the last month after it fell 2% last month.",
        "2025-02-14T09:00:00-05:00",
        [("AVGO", 4.9, d("2025-01-15", "2025-02-13")), ("AVGO", 2.0, d("2025-01-02", "2025-01-31"))],
    ),
    "'liegt 11 Prozent höher als vor einem Monat' runs from the close a month back to now": (
        "Oracle stieg am Donnerstag um knapp 1 Prozent und liegt damit gut 11 Prozent höher als vor einem Monat.",
        "2025-02-14T09:00:00+01:00",
        [("ORCL", 1.0, d("2025-02-13")), ("ORCL", 11.0, d("2025-01-15", "2025-02-13"))],
    ),
    "'4,2 Prozent höher als vor einer Woche' runs from the close a week back to now": (
        "Nvidia legte am Donnerstag 3,2 Prozent zu und notiert 4,2 Prozent höher als vor einer Woche.",
        "2025-02-14T09:00:00+01:00",
        [("NVDA", 3.2, d("2025-02-13")), ("NVDA", 4.2, d("2025-02-10", "2025-02-13"))],
    ),
    "an index's move and close in a relative clause after its name take the main move's day": (
        "Oracle stieg am Donnerstag und profitierte vom Schwung an der Nasdaq, die 1,5 Prozent höher bei 19.945 "
        "Punkten schloss.",
        "2025-02-14T08:00:00+01:00",
        [("^IXIC", 1.5, d("2025-02-13")), ("^IXIC", 19945.0, d("2025-02-13"))],
    ),
    "an index's move in a relative clause after a company's move takes that move's day": (
        "Nvidia stieg am Montag um 2,9 Prozent und profitierte vom Schwung an der Nasdaq, die 1 Prozent höher bei "
        "19.714 Punkten schloss.",
        "2025-02-11T08:00:00+01:00",
        [("NVDA", 2.9, d("2025-02-10")), ("^IXIC", 1.0, d("2025-02-10")), ("^IXIC", 19714.0, d("2025-02-10"))],
    ),
    "an index's move in the pluperfect in a relative clause keeps no day of the main move": (
        "Oracle stieg am Donnerstag um 1 Prozent und profitierte vom Schwung an der Nasdaq, die 0,4 Prozent verloren "
        "hatte.",
        "2025-02-14T08:00:00+01:00",
        [("ORCL", 1.0, d("2025-02-13")), ("^IXIC", 0.4, None)],
    ),
    "a company's move after a relative clause between 'legte' and 'zu' is the company's": (
        "Broadcom legte am Montag an der Nasdaq, die 1 Prozent höher schloss, um 4,5 Prozent zu.",
        "2025-02-12T08:00:00+01:00",
        [("^IXIC", 1.0, d("2025-02-10")), ("AVGO", 4.5, d("2025-02-10"))],
    ),
    "a company's move after a relative clause between 'gab' and 'nach' is the company's": (
        "Microsoft gab am Dienstag an der Nasdaq, die 0,4 Prozent tiefer schloss, 0,2 Prozent nach.",
        "2025-02-12T08:00:00+01:00",
        [("^IXIC", 0.4, d("2025-02-11")), ("MSFT", 0.2, d("2025-02-11"))],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_class_left_in_session_13_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want


def test_a_statistic_from_a_year_earlier_in_a_named_month_is_still_no_claim() -> None:
    assert read("Consumer prices rose 4.2% in January from a year earlier.", "2025-02-14T09:00:00-05:00") == []


GROUPS = {
    "'Shares of chip makers' after a paragraph that named a company is a group": (
        "Microsoft fell 1.5% on Friday.\n\nShares of chip makers fell 1.4% on average on Friday.",
        [("MSFT", 1.5, d("2025-02-07"))],
    ),
    "'Shares of rival AMD' is AMD's": (
        "Nvidia rose 1% on Friday.\n\nShares of rival AMD fell 2% on Friday.",
        [("NVDA", 1.0, d("2025-02-07")), ("AMD", 2.0, d("2025-02-07"))],
    ),
    "'Shares of the company' is the company named before": (
        "Nvidia rose 1% on Thursday.\n\nShares of the company fell 2% on Friday.",
        [("NVDA", 1.0, d("2025-02-06")), ("NVDA", 2.0, d("2025-02-07"))],
    ),
}


@pytest.mark.parametrize("case", list(GROUPS))
def test_shares_of_plain_nouns_are_a_group(case: str) -> None:
    text, want = GROUPS[case]
    assert read(text, "2025-02-08T10:00:00-05:00") == want
