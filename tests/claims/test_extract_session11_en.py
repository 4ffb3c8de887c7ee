"""Classes of English reading fixed in session 11 of issue 14 by read12en (invented sentences, not the blind sets'): a
figure that heads its own line before a dash ("2.2% — Oracle's drop on Tuesday", "6,083.57 — where the S&P 500
closed on Thursday", "About $3.2 trillion — what Nvidia was worth at Monday's close") is read from the words after
the dash, as the words before a number are in prose; a count that heads its line stays no claim; a possessive name
before a word for shares after a preposition ("the bounce in Schneider Electric's shares") is whose shares moved; a
day said as the owner of an event right after "after" past a number ("down 1.4% after Thursday's gain", "0.9% lower
following Monday's slide") is not that number's day; a table written in the text, with or without outer pipes, is
read row by row: the first cell names whom the row is about ("Broadcom (Nasdaq)" is Broadcom), a day column
("Trading day", "First session after", "Handelstag") gives the day of the row's numbers (a release date under
another header does not), and a price under "Close" or "Schlusskurs" is the close; in a correction a name right
after "not" ("Oracle, not Microsoft, gained …") is not whom the number is about, and a figure after a comma and
"not" (", not 2.5%", ", not at 6,100") is withdrawn, no claim; the main day of a sentence reaches a clause after a
semicolon that names none ("fell 0.8% on Monday; the Nasdaq lost 1.2%"; German too); the writer's own purchase at a
day's close ("Bought Microsoft at the close on Monday", "I bought Broadcom at Tuesday's close") starts the gain said
after it; a change in points or dollars after ", or" past a percent ("rose 2%, or 392 points", "jumped 4.5%, or
$10.17") is the same move; a record "since the start (beginning) of the year" has all of the year as its history;
"this morning" is the day of publication, as "today"; a close said to stand at the day's low or high ("closed at its
low of the day, €232.40", "ended at its session high, 21,585.93 points") gives the close and the day's extreme at
once, and the move before it stays a move of the close; a record said as a noun owned by its day ("after Tuesday's
record") is a record close on that day; a move since a close said in the present perfect ("Since its Jan. 31 close,
it has risen 2.6%") runs to the last session closed at publication, not to the day told before; the figures of a
sentence that tells what an earlier text of the publication said ("An earlier version of this story said …",
"Tuesday's newsletter wrote that …") are withdrawn, and the day it names is still the day "that day" refers to; a
move said as a noun after its percent with the name after "for" ("a 5.7% gain for Constellation Energy") is that
name's; so does a distance from a named close said in the present ("is still 5% below where it closed on Jan. 24",
"now stands 7.4% below its Jan. 29 close"), but not one said of a level just told ("That is 2.3% below its close on
Friday"); a span that opens its sentence with no comma after it ("Week to date the shares are up 6.8%, while …") is
the period of a later clause that names none; another name's move given as a comparison after "ahead of" or "behind"
with "at" ("up 6.8%, ahead of Nvidia at 4.8%") is that name's move over the same span, in the same direction; a
price set off by commas right after a close named with its day ("At Friday's close, $174.46, Oracle …", "at the
close Monday, $118.42,") is that close's level, about the first name after it when none stands before; a move "from
that close" or "from that low point" runs from the close told before, also to a day named after "by" in its clause
("By Friday's close it was up 27.4% from that low point"); a span named with a later number after "but", or after a
pronoun of the same subject ("slipped 1.5% but ended the week down 1.3%", "dropping 3.3% to leave it down more than
9% for the week"), is that number's, and the number before it is the day's move; a clause opened by "when" right
after a record's "since" and its date ("its biggest gain since Jan. 29, when it climbed 4.7%") tells of that date."""

from __future__ import annotations

from datetime import datetime

import pytest

from marketfact.claims.extract import extract_claims
from tests.claims.extracted import d, read

CASES = {
    "a move that heads its line: the noun after the dash gives its direction": (
        "Oracle in figures\n\n2.8% — Oracle's drop on Wednesday, Feb. 12, as buyers left the software names.\n\n"
        "More than 2% — how far Taiwan Semiconductor's ADR slid on Thursday.",
        "2025-02-14T18:00:00-05:00",
        [("ORCL", 2.8, d("2025-02-12")), ("TSM", 2.0, d("2025-02-13"))],
    ),
    "a price or level that heads its line, with a close after the dash: that close": (
        "The week in figures\n\n6,083.57 — where the S&P 500 closed on Thursday, up 0.4% on the day.\n\n"
        "€244.80 — Schneider Electric's close in Paris on Thursday.",
        "2025-02-14T18:00:00-05:00",
        [("^GSPC", 6083.57, d("2025-02-13")), ("^GSPC", 0.4, d("2025-02-13")), ("SU.PA", 244.8, d("2025-02-13"))],
    ),
    "a possessive name before 'shares' after a preposition: whose shares moved": (
        "The bounce in Constellation Energy's shares on Monday was 3.9%.",
        "2025-02-14T18:00:00-05:00",
        [("CEG", 3.9, d("2025-02-10"))],
    ),
    "a day that owns an event after 'after' past a number: not the number's day": (
        "The Dax closed on Friday at 21,787.00, down 0.5% after Thursday's gain of 1.5%. Ahead of the weekend, "
        "Microsoft ended 1.5% lower following Thursday's rise.",
        "2025-02-07T18:00:00-05:00",
        [
            ("^GDAXI", 21787.0, d("2025-02-07")),
            ("^GDAXI", 0.5, d("2025-02-07")),
            ("^GDAXI", 1.5, d("2025-02-06")),
            ("MSFT", 1.5, d("2025-02-07")),
        ],
    ),
    "a table with outer pipes and a separator line: row by row, the day of its session column": (
        "Our table of the week.\n\n| Stock | Results out | Session after | Change | Close |\n|---|---|---|---|---|\n"
        "| Taiwan Semiconductor (NYSE) | Feb 5, late | Feb 6 | +0.9% | $210.50 |\n"
        "| Oracle | Feb 3, late | Feb 4 | -0.4% | $167.89 |",
        "2025-02-08T10:00:00-05:00",
        [
            ("TSM", 0.9, d("2025-02-06")),
            ("TSM", 210.5, d("2025-02-06")),
            ("ORCL", 0.4, d("2025-02-04")),
            ("ORCL", 167.89, d("2025-02-04")),
        ],
    ),
    "a plain table whose first cell names an index after the company: the company": (
        "Our table of the week.\n\nName | Date | Move | Close\nNvidia (Nasdaq) | Feb 6 | +3.1% | $128.68\n"
        "Nasdaq Composite | Feb 6 | +0.5% | 19,791.99",
        "2025-02-08T10:00:00-05:00",
        [
            ("NVDA", 3.1, d("2025-02-06")),
            ("NVDA", 128.68, d("2025-02-06")),
            ("^IXIC", 0.5, d("2025-02-06")),
            ("^IXIC", 19791.99, d("2025-02-06")),
        ],
    ),
    "a German table: the Handelstag column, the Schlusskurs column": (
        "Die Reaktionen der Anleger auf die Zahlen der Woche zeigt die Tabelle, und sie waren für die meisten gut.\n\n"
        "Aktie | Zahlen | Handelstag | Veränderung | Schlusskurs\n"
        "Siemens Energy | 11. Februar | 12. Februar | +5,0 Prozent | 60,14 Euro",
        "2025-02-14T08:00:00+01:00",
        [("ENR.DE", 5.0, d("2025-02-12")), ("ENR.DE", 60.14, d("2025-02-12"))],
    ),
    "a name right after 'not' in a correction: the other one": (
        "Oracle, not Microsoft, was the software stock that gained 5.2% on Thursday, Jan. 30. It was Tokyo Electron, "
        "and not Advantest, that rose 3.3% on Friday, Jan. 31.",
        "2025-02-04T12:00:00-05:00",
        [("ORCL", 5.2, d("2025-01-30")), ("8035.T", 3.3, d("2025-01-31"))],
    ),
    "a figure after a comma and 'not': withdrawn": (
        "Broadcom rose 2.2% on Tuesday, Feb. 4, not 2.5% as we reported. The S&P 500 closed that day at 6,037.88, "
        "not at 6,100.",
        "2025-02-05T12:00:00-05:00",
        [("AVGO", 2.2, d("2025-02-04")), ("^GSPC", 6037.88, d("2025-02-04"))],
    ),
    "the main day reaches a clause after a semicolon that names none": (
        "The S&P 500 fell 0.8% on Monday, Feb. 3; the Nasdaq Composite lost 1.2%.",
        "2025-02-05T12:00:00-05:00",
        [("^GSPC", 0.8, d("2025-02-03")), ("^IXIC", 1.2, d("2025-02-03"))],
    ),
    "German: the main day reaches a clause after a semicolon that names none": (
        "Der Dax verlor am Montag 1,4 Prozent; auch der Nikkei gab 2,7 Prozent nach.",
        "2025-02-05T12:00:00+01:00",
        [("^GDAXI", 1.4, d("2025-02-03")), ("^N225", 2.7, d("2025-02-03"))],
    ),
    "the writer's own purchase at a day's close: the gain runs from that close": (
        '"Bought Microsoft at the close on Monday, Feb. 3, and I am up 0.6% as of Wednesday," one user wrote. '
        '"I bought Broadcom at Tuesday\'s close and I am up 4.3% since," wrote another.',
        "2025-02-06T10:00:00-05:00",
        [("MSFT", 0.6, d("2025-02-04", "2025-02-05")), ("AVGO", 4.3, d("2025-02-05"))],
    ),
    "points or dollars after ', or' past a percent: the same move": (
        "The S&P 500 fell 0.9%, or 58 points, on Friday, Feb. 7, and Microsoft lost 1.5%, or $6.07.",
        "2025-02-08T10:00:00-05:00",
        [
            ("^GSPC", 0.9, d("2025-02-07")),
            ("^GSPC", 58.0, d("2025-02-07")),
            ("MSFT", 1.5, d("2025-02-07")),
            ("MSFT", 6.07, d("2025-02-07")),
        ],
    ),
    "'this morning' in a note published after Tokyo's close: that day's session": (
        "Nvidia rose 3.2% on Thursday. In Tokyo this morning, SoftBank Group gained 1.4%.",
        "2025-02-14T07:00:00-05:00",
        [("NVDA", 3.2, d("2025-02-13")), ("9984.T", 1.4, d("2025-02-14"))],
    ),
    "a move since a close in the present perfect: to the last session before publication": (
        "Microsoft rose 0.6% on Thursday, Feb. 6. Since its Jan. 31 close, the stock has lost 1.3%.",
        "2025-02-08T09:00:00-05:00",
        [("MSFT", 0.6, d("2025-02-06")), ("MSFT", 1.3, d("2025-02-03", "2025-02-07"))],
    ),
    "a move noun after its percent and the name after 'for': that name's move": (
        "Oracle jumped 5.2% on Thursday, Jan. 30, a day that also brought a 5.7% gain for Constellation Energy and a "
        "0.5% rise for the S&P 500.",
        "2025-02-01T10:00:00-05:00",
        [("ORCL", 5.2, d("2025-01-30")), ("CEG", 5.7, d("2025-01-30")), ("^GSPC", 0.5, d("2025-01-30"))],
    ),
    "a distance from a named close said in the present: to the last session before publication": (
        "Alphabet fell 3.3% on Friday, Feb. 7. It remains 10.2% below its Feb. 4 close. The Nikkei 225 ended Friday at "
        "38,787.02. That is 2% below its close on Jan. 31.",
        "2025-02-08T09:00:00-05:00",
        [
            ("GOOGL", 3.3, d("2025-02-07")),
            ("GOOGL", 10.2, d("2025-02-05", "2025-02-07")),
            ("^N225", 38787.02, d("2025-02-07")),
            ("^N225", 2.0, d("2025-02-03", "2025-02-07")),
        ],
    ),
    "a span opening its sentence without a comma: the later clause's period too": (
        "Oracle fell 2.8% on Wednesday. Week to date the shares are down 1.3%, while Microsoft is 0.2% lower.",
        "2025-02-13T07:00:00-05:00",
        [
            ("ORCL", 2.8, d("2025-02-12")),
            ("ORCL", 1.3, d("2025-02-10", "2025-02-12")),
            ("MSFT", 0.2, d("2025-02-10", "2025-02-12")),
        ],
    ),
    "a comparison after 'ahead of' or 'behind' with 'at': the other name's move over the same span": (
        "This week ASML is up 3.9%, ahead of Taiwan Semiconductor at 0.1% and behind Broadcom at 5.1%.",
        "2025-02-13T07:00:00-05:00",
        [
            ("ASML", 3.9, d("2025-02-10", "2025-02-12")),
            ("TSM", 0.1, d("2025-02-10", "2025-02-12")),
            ("AVGO", 5.1, d("2025-02-10", "2025-02-12")),
        ],
    ),
    "a price set off by commas after a close named with its day: that close's level": (
        "At Wednesday's close, $124.83, Nvidia had gained 5.2% on the day. Investors who sold Oracle at the close on "
        "Monday, Feb. 3, $168.60, missed a rebound.",
        "2025-02-08T10:00:00-05:00",
        [("NVDA", 124.83, d("2025-02-05")), ("NVDA", 5.2, d("2025-02-05")), ("ORCL", 168.6, d("2025-02-03"))],
    ),
    "a move 'from that close' or 'from that low point' to a day after 'by'": (
        "Nvidia closed at $118.42 on Monday, Jan. 27. By Friday's close it was up 1.4% from that low point.",
        "2025-02-02T10:00:00-05:00",
        [("NVDA", 118.42, d("2025-01-27")), ("NVDA", 1.4, d("2025-01-28", "2025-01-31"))],
    ),
    "a span named with a later number after 'but' or a pronoun: not the first number's": (
        "U.S. stocks fell on Friday, Feb. 7. Alphabet slid 3.3% but ended the week down 9.2%. Microsoft fell 1.5%, "
        "leaving it down 1.3% for the week.",
        "2025-02-08T09:00:00-05:00",
        [
            ("GOOGL", 3.3, d("2025-02-07")),
            ("GOOGL", 9.2, d("2025-02-03", "2025-02-07")),
            ("MSFT", 1.5, d("2025-02-07")),
            ("MSFT", 1.3, d("2025-02-03", "2025-02-07")),
        ],
    ),
    "a 'when' clause after a record's 'since' and its date: that date's move": (
        "Taiwan Semiconductor fell 2.2% on Thursday, Feb. 13, its worst day since Feb. 3, when it lost 4.6%.",
        "2025-02-15T10:00:00-05:00",
        [("TSM", 2.2, d("2025-02-13")), ("TSM", None, d("2025-02-13")), ("TSM", 4.6, d("2025-02-03"))],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_english_class_of_session_11_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want


def test_a_heading_figure_is_a_close_a_market_value_or_no_claim_by_the_words_after_its_dash() -> None:
    """ "$3.2 trillion — what Nvidia was worth", "¥25,350 — Tokyo Electron's close", "25 — the companies …"."""
    text = (
        "Chips in figures\n\nAbout $3.2 trillion — what Nvidia was worth at Thursday's close.\n\n¥25,350 — Tokyo "
        "Electron's close on Thursday.\n\n25 — the companies in our chip index that reported this week."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T18:00:00-05:00"), "en")
    got = [(c.instrument, c.metric.value, c.value, c.hedge) for c in x.claims]
    assert got == [("NVDA", "market_cap_level", 3.2, "about"), ("8035.T", "close_level", 25350.0, None)]
    assert [(n.text, n.kind) for n in x.not_market if n.text == "25"] == [("25", "not_market")]


def test_a_record_since_the_start_of_the_year_has_all_of_the_year_as_its_history() -> None:
    """ "its biggest gain since the start of the year": a record whose history starts on 1 January."""
    text = "Broadcom jumped 4.5% on Monday, Feb. 10, its biggest one-day gain since the beginning of the year."
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T18:00:00-05:00"), "en")
    records = [(c.instrument, c.record.value, str(c.since)) for c in x.claims if c.record is not None]
    assert records == [("AVGO", "biggest_rise", "2025-01-01")]


def test_a_close_at_the_days_low_is_the_close_and_the_low() -> None:
    """ "fell another 2.2% on Wednesday and closed at its low of the day, €238.75": a close move, the close, the low."""
    text = "Schneider Electric fell another 2.2% on Wednesday, Feb. 12, and closed at its low of the day, €238.75."
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T18:00:00-05:00"), "en")
    got = [(c.metric.value, c.direction, c.value) for c in x.claims]
    assert got == [("close_change", "down", 2.2), ("close_level", None, 238.75), ("intraday_level", "down", 238.75)]
    text = "Schneider Electric fell another 2.2% on Wednesday, Feb. 12 and closed at its low of the day, €238.75."
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T18:00:00-05:00"), "en")
    assert next(c.metric.value for c in x.claims) == "close_change"


def test_a_record_owned_by_its_day_is_a_record_close_that_day() -> None:
    """ "The Dax rose 0.6% on Tuesday, Feb. 11, after Monday's record": a record close on Monday."""
    text = "The Dax rose 0.6% on Tuesday, Feb. 11, after Monday's record."
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T18:00:00+01:00"), "en")
    got = [(c.record.value, r.sessions) for c, r in zip(x.claims, x.readings, strict=True) if c.record is not None]
    assert got == [("highest_close", d("2025-02-10"))]


def test_what_an_earlier_text_said_is_withdrawn_and_its_day_is_still_told() -> None:
    """ "Tuesday's newsletter wrote that Broadcom gained 2.5% on Monday, Feb. 3. The shares fell 1.6% that day." """
    text = (
        "Corrections\n\nTuesday's newsletter wrote that Broadcom gained 2.5% on Monday, Feb. 3. The shares fell 1.6% "
        "that day. An earlier version of this story said Oracle rose 0.5%."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-08T10:00:00-05:00"), "en")
    got = [(c.instrument, c.value, r.sessions) for c, r in zip(x.claims, x.readings, strict=True)]
    assert got == [("AVGO", 1.6, d("2025-02-03"))]
    assert sorted(n.text for n in x.not_market if "earlier text" in n.reason) == ["0.5%", "2.5%"]
