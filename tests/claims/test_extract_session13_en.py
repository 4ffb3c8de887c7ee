"""Classes of English reading fixed in session 13 of issue 14 by read15en (invented sentences, not the blind sets'): a
British paper's move "down on"/"up on" a named close ("almost 7% up on last Friday's close", "4.9% up on its Feb. 7
close") runs from the session after that close to the story's day (before, the day named was read as the day of a
one-day move), and "last Friday's" is last Friday, a week back on a Friday (before, "last" was dropped); "down 3.3% on
Friday, closing at …" is still Friday's move; a day of the month said with no month ("On the 30th", "am 31.") is the
latest such day, in the month before when this month's is later or does not exist (before, the year before, or no
day), and "the 31st of last month" is that day of the month before (before, the whole of last month); "Compared with
the closing price of …" measures the move from that close; translated copy's "once" right before the verb of a move
("During the session it once fell to $408.66") marks the day's low or high, as "at one point" does (before, a close),
and "once" before anything else ("Once the results were out", "once again") marks none; a count of sessions told in
the present perfect after a day named for another verb ("rose 2.2% on Wednesday and has added 1.0% over the last
three sessions") runs up to the last session at publication (before, back from the day named), while one in the simple
past ("… and gained 1.8% over the two sessions") still ends on that day; a statistic compared with the period before
("climbed 3.4% in December from a year earlier", "from the previous month", "year-on-year") is no market move, also
after an index named in the sentence before (before, the index's move over that month); a bare "Shares" opening a
sentence is a company's shares, never an index's (before, "Shares had gained 2.6%" after "The Nasdaq Composite edged
up 0.2%" was the Nasdaq's), and opening a paragraph that has named no one, the story's company, the first the article
named; market value "going up in smoke" or "up in flames" is a loss (before, the idiom's "up" read as a rise); a move
in a relative clause after "as did <name>" takes the main move's day (before, none); a day opening the sentence is
the day of its later clauses also after a pluperfect first clause (before, the dateline's or story's day)."""

from __future__ import annotations

from datetime import datetime

import pytest

from marketfact.claims.extract import extract_claims
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
    "a count in the present perfect after a day of another verb runs up to now": (
        "TSMC's ADR rose 2.2% on Wednesday and has added 1.0% over the last three sessions.",
        "2025-02-07T17:30:00-05:00",
        [("TSM", 2.2, d("2025-02-05")), ("TSM", 1.0, d("2025-02-05", "2025-02-07"))],
    ),
    "a count in the simple past after a day ends on that day": (
        "Oracle rose 2.2% on Wednesday and gained 1.8% over the two sessions.",
        "2025-02-07T17:30:00-05:00",
        [("ORCL", 2.2, d("2025-02-05")), ("ORCL", 1.8, d("2025-02-04", "2025-02-05"))],
    ),
    "a statistic compared with a year earlier is no move of the index named before": (
        "The Nikkei rose 1.3% on Thursday. Machinery orders climbed 3.4% in December from a year earlier.",
        "2025-02-13T16:00:00+09:00",
        [("^N225", 1.3, d("2025-02-13"))],
    ),
    "nor one compared with the previous month or year on year": (
        "The Nikkei rose 1.3% on Thursday. Machinery orders climbed 3.4% in December from the previous month, and "
        "were up 1.1% year-on-year.",
        "2025-02-13T16:00:00+09:00",
        [("^N225", 1.3, d("2025-02-13"))],
    ),
    "a bare 'Shares' after an index is the company's": (
        "Microsoft slid 1.5% on Friday while the Nasdaq fell 1.4%. Shares had risen 0.6% on Thursday.",
        "2025-02-07T17:00:00-05:00",
        [("MSFT", 1.5, d("2025-02-07")), ("^IXIC", 1.4, d("2025-02-07")), ("MSFT", 0.6, d("2025-02-06"))],
    ),
    "a bare 'Shares' opening a paragraph that named no one is the story's company": (
        "Oracle rose 1.2% on Friday.\n\nAlphabet fell 3.3% on Friday.\n\nShares had gained 0.4% on Thursday.",
        "2025-02-07T17:00:00-05:00",
        [("ORCL", 1.2, d("2025-02-07")), ("GOOGL", 3.3, d("2025-02-07")), ("ORCL", 0.4, d("2025-02-06"))],
    ),
    "a relative clause after 'as did <name>' takes the main move's day": (
        "On Monday Oracle rose 2.6%, as did Broadcom, which gained 4.5%.",
        "2025-02-13T17:30:00-05:00",
        [("ORCL", 2.6, d("2025-02-10")), ("AVGO", 4.5, d("2025-02-10"))],
    ),
    "a day opening the sentence is the day of a clause after a pluperfect one": (
        "On Wednesday Nvidia had lost 4.1%, and Broadcom slid 0.5%.",
        "2025-02-03T07:00:00-05:00",
        [("NVDA", 4.1, d("2025-01-29")), ("AVGO", 0.5, d("2025-01-29"))],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_english_class_of_session_13_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want


METRICS = {
    "translated copy's 'once' before a fall is the day's low": (
        "(Taipei, 4th) Microsoft fell 1.00% on the 3rd. During the session it once fell to US$408.66.",
        "2025-02-04T08:00:00+08:00",
        [("close_change", "down", 1.0), ("intraday_level", "down", 408.66)],
    ),
    "'once' before a rise in a participle is the day's high": (
        "Advantest rose 0.65% to 8,606 yen on Friday, after once climbing to 8,774 yen.",
        "2025-02-07T16:00:00+09:00",
        [("close_change", "up", 0.65), ("close_level", None, 8606.0), ("intraday_level", "up", 8774.0)],
    ),
    "market value going up in smoke is a loss": (
        "Nvidia dropped 4.1% on Wednesday, with almost $130 billion of market value going up in smoke.",
        "2025-01-30T07:00:00+00:00",
        [("close_change", "down", 4.1), ("market_cap_change", "down", 130.0)],
    ),
    "'once' before anything else marks no extreme": (
        "Once the results were out, Alphabet fell 7.3% to $191.33 on Wednesday.",
        "2025-02-05T17:00:00-05:00",
        [("close_change", "down", 7.3), ("close_level", None, 191.33)],
    ),
}


@pytest.mark.parametrize("case", list(METRICS))
def test_each_metric_and_direction_of_session_13(case: str) -> None:
    text, published, want = METRICS[case]
    x = extract_claims(text, datetime.fromisoformat(published), "en")
    assert [(c.metric.value, c.direction, c.value) for c in x.claims] == want
