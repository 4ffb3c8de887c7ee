"""Classes of English reading fixed in session 12 of issue 14 by read13en (invented sentences, not the blind sets'): a
day said as a possessive right before a number ("following Thursday's 0.3% slide") is that number's day alone, not
a later number's of the same clause ("as it fell as low as $224.11" is the story's day); a possessive that owns a
noun with no number ("Monday's session saw …") still gives its day to the clause; a weekday after "that" ("that
Wednesday") is the day named before it, also for the sentences after it that name no day (German "an jenem" too); a
level a move reached "at one point" ("dropped to $201.00 at one point") is the day's low or high by its verb, and the
percent in an apposition right after it (", a loss of 3.3%") is the same extreme in percent, not one after a close;
"the previous session" with no day in its clause is the session before a day the sentence names or the story's day,
never before a span named in another clause ("…, so over the two sessions it is down 0.2%"); a weekday named by an event
("On Tariff Monday") is the day of that weekday the article dated before, else the latest such day read with a low
confidence (the event's day is not in the text), and a listed company before a weekday ("Nvidia Monday") names none;
a count of sessions said as a span after the day told before ("In the three sessions after that", "over the following
three sessions") runs on from the session after that day, also from a weekday said again ("that Wednesday; over the
next two sessions"); an unlisted name between an article or a preposition and a noun or a weekday ("The OpenAI frenzy
added 2.9% to Nvidia", "On DeepSeek Monday, Jan. 27, it plunged 28.3%") is a modifier, not whom the number is
about; after a sentence with no number that opens with a listed name ("Microsoft lagged behind."), "It" is that
name, and when its verb is "was" the one day it names is the day of the claims after it ("Microsoft was the weak
spot on Wednesday. It slipped 0.6%."); a "dip" is a fall ("took a 2.8% dip"); a move "from its close on the day of the
report" runs from the close of the day the report was told on; a week said in the possessive ("Last week's
scoreboard:") is that week; a name right after "unlike", "like" or "in contrast to" is what the move is compared
with, not whom the number is about ("Oracle, unlike Microsoft, rose"); a name in the possessive right before a
number owns it, also after a preposition ("in contrast with the Nasdaq Composite's 0.4% advance"), and an "advance" is
a rise; a count said as the adjective of a run ("ending a four-day rally") is no period of a move in another clause; a
"weekly" gain or loss is the week's ("deepening its weekly loss to 0.3%")."""

from __future__ import annotations

from datetime import datetime

import pytest

from marketfact.claims.extract import extract_claims
from tests.claims.extracted import d, read

CASES = {
    "a possessive day right before a number is that number's alone": (
        "NEW YORK, Feb. 7 – Broadcom lost 2.8%, following Thursday's 0.3% slide as it fell as low as $224.11.",
        "2025-02-07T17:00:00-05:00",
        [("AVGO", 2.8, d("2025-02-07")), ("AVGO", 0.3, d("2025-02-06")), ("AVGO", 224.11, d("2025-02-07"))],
    ),
    "a possessive day that owns a noun with no number gives its day to the clause": (
        "Monday's session saw Nvidia gain 2.9% and Broadcom 4.5%.",
        "2025-02-14T17:00:00-05:00",
        [("NVDA", 2.9, d("2025-02-10")), ("AVGO", 4.5, d("2025-02-10"))],
    ),
    "a weekday after 'that' is the day named before it, and the next sentence carries that day": (
        "Recall Jan. 29. Nvidia lost 4.1% that Wednesday. Broadcom slipped 0.5%.",
        "2025-02-14T18:00:00-05:00",
        [("NVDA", 4.1, d("2025-01-29")), ("AVGO", 0.5, d("2025-01-29"))],
    ),
    "the same in German, after 'an jenem'": (
        "Erinnern Sie sich an den 29. Januar. An jenem Mittwoch verlor Nvidia 4,1 Prozent. "
        "Broadcom gab 0,5 Prozent nach.",
        "2025-02-14T18:00:00+01:00",
        [("NVDA", 4.1, d("2025-01-29")), ("AVGO", 0.5, d("2025-01-29"))],
    ),
    "'the previous session' before a span of another clause: the session before the story's day": (
        "NEW YORK, Feb. 13 – Microsoft edged up 0.4% on Thursday. It had lost 0.6% in the previous session, so over "
        "the two sessions it is down 0.2%.",
        "2025-02-13T18:00:00-05:00",
        [("MSFT", 0.4, d("2025-02-13")), ("MSFT", 0.6, d("2025-02-12")), ("MSFT", 0.2, d("2025-02-12", "2025-02-13"))],
    ),
    "a count of sessions after the day told before, said as a span: the sessions after that day": (
        "Microsoft slid 6.2% on Thursday, Jan. 30. In the three sessions after that it lost another 0.6%. Nvidia fell "
        "3.7% on Friday, Jan. 31, then climbed 4% over the following three sessions.",
        "2025-02-15T10:00:00-05:00",
        [
            ("MSFT", 6.2, d("2025-01-30")),
            ("MSFT", 0.6, d("2025-01-31", "2025-02-04")),
            ("NVDA", 3.7, d("2025-01-31")),
            ("NVDA", 4.0, d("2025-02-03", "2025-02-05")),
        ],
    ),
    "a count that runs on from a weekday said again: from the day named before": (
        "Recall Jan. 29. Nvidia lost 4.1% that Wednesday; over the next two sessions it lost another 2.9%.",
        "2025-02-14T18:00:00-05:00",
        [("NVDA", 4.1, d("2025-01-29")), ("NVDA", 2.9, d("2025-01-30", "2025-01-31"))],
    ),
    "an unlisted name used as a modifier is not whom the number is about": (
        "The OpenAI frenzy added 2.9% to Nvidia on Monday, Feb. 10.\n\nVistra had a rough start to the year. On "
        "DeepSeek Monday, Jan. 27, it plunged 28.3%.",
        "2025-02-15T10:00:00-05:00",
        [("NVDA", 2.9, d("2025-02-10")), ("VST", 28.3, d("2025-01-27"))],
    ),
    "'It' after a sentence with no number that opens with another name: that name": (
        "Broadcom rose 4.5% on Monday. Microsoft lagged behind the chipmakers. It added 0.6%.",
        "2025-02-14T17:30:00-05:00",
        [("AVGO", 4.5, d("2025-02-10")), ("MSFT", 0.6, d("2025-02-10"))],
    ),
    "a dip is a fall": (
        "Oracle took a 2.8% dip on Wednesday.",
        "2025-02-14T17:30:00-05:00",
        [("ORCL", 2.8, d("2025-02-12"))],
    ),
    "a sentence with no number that says with 'was' what a company's day was like gives that day": (
        "Broadcom rose 4.5% on Monday. Microsoft was the weak spot on Wednesday. It slipped 0.6%.",
        "2025-02-14T17:30:00-05:00",
        [("AVGO", 4.5, d("2025-02-10")), ("MSFT", 0.6, d("2025-02-12"))],
    ),
    "a move from its close on the day of the report: since the close of the day told before": (
        "ASML reported results on Wednesday, Jan. 29. The stock is up 5.5% from its close on the day of the report.",
        "2025-02-15T10:00:00-05:00",
        [("ASML", 5.5, d("2025-01-30", "2025-02-14"))],
    ),
    "a week in the possessive: that week": (
        "Last week's scoreboard: Microsoft slipped 0.3% and the S&P 500 rose 1.5%.",
        "2025-02-17T07:00:00-05:00",
        [("MSFT", 0.3, d("2025-02-10", "2025-02-14")), ("^GSPC", 1.5, d("2025-02-10", "2025-02-14"))],
    ),
    "a name after 'unlike' or 'like' is no subject of the number": (
        "Oracle, unlike Microsoft, rose on Friday, adding 0.2%. Like the Dax, the S&P 500 ended Friday lower, down "
        "0.01%.",
        "2025-02-15T10:00:00-05:00",
        [("ORCL", 0.2, d("2025-02-14")), ("^GSPC", 0.01, d("2025-02-14"))],
    ),
    "a name in the possessive right before a number owns it": (
        "Broadcom fell 1.2% on Friday, in contrast with the Nasdaq Composite's 0.4% advance.",
        "2025-02-15T10:00:00-05:00",
        [("AVGO", 1.2, d("2025-02-14")), ("^IXIC", 0.4, d("2025-02-14"))],
    ),
    "a count said as the adjective of a run is no period of the move before it": (
        "The Dax fell 0.4% to 22,513.42 on Friday, ending a four-day rally.",
        "2025-02-15T10:00:00+01:00",
        [("^GDAXI", 0.4, d("2025-02-14")), ("^GDAXI", 22513.42, d("2025-02-14"))],
    ),
    "a weekly loss is the week's move, not the day's named before it": (
        "Microsoft slipped 0.5% on Friday, deepening its weekly loss to 0.3%.",
        "2025-02-15T10:00:00-05:00",
        [("MSFT", 0.5, d("2025-02-14")), ("MSFT", 0.3, d("2025-02-10", "2025-02-14"))],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_english_class_of_session_12_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want


def test_a_level_reached_at_one_point_is_the_extreme_and_its_apposition_the_same_in_percent() -> None:
    """ "dropped to $201.00 at one point on Tuesday, a loss of 3.3%"; after a close ("closed at $131.14 on Wednesday,
    down 1.25%") the apposition stays the close's move."""
    text = (
        "Taiwan Semiconductor dropped to $201.00 at one point on Tuesday, a loss of 3.3%, before it recovered to close "
        "0.4% higher. Nvidia closed at $131.14 on Wednesday, down 1.25%, after it had fallen to $129.08 at one point."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T18:00:00-05:00"), "en")
    got = [(c.instrument, c.metric.value, c.direction.value if c.direction else None, c.value) for c in x.claims]
    assert got == [
        ("TSM", "intraday_level", "down", 201.0),
        ("TSM", "intraday_extreme", "down", 3.3),
        ("TSM", "close_change", "up", 0.4),
        ("NVDA", "close_level", None, 131.14),
        ("NVDA", "close_change", "down", 1.25),
        ("NVDA", "intraday_level", "down", 129.08),
    ]


def test_a_weekday_named_by_an_event_is_the_day_dated_before_else_a_guess_held_low() -> None:
    """ "Feb. 3 became Tariff Monday. On Tariff Monday, …": Feb. 3; "On Jobs Friday, …" undated: held at 0.25."""
    text = (
        "Shares of Nvidia Monday rose 2.9%. Feb. 3 became Tariff Monday. On Tariff Monday, Broadcom lost 1.6%. "
        "On Jobs Friday, Oracle rose 1.2%."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-15T10:00:00-05:00"), "en")
    got = [(c.instrument, r.sessions, r.confidence <= 0.25) for c, r in zip(x.claims, x.readings, strict=True)]
    assert got == [
        ("NVDA", d("2025-02-10"), False),
        ("AVGO", d("2025-02-03"), False),
        ("ORCL", d("2025-02-14"), True),
    ]
