"""Classes of English reading fixed in session 10 of issue 14 by read10en (invented sentences, not the blind sets'):
a week said with no "this" and no day of its own after a day the sentence named ("slumped 17.4% on Monday, Jan. 27,
and ended the week down 9.6%") is that day's week, not the week of publication; "this week", "in the week to Feb. 7"
and a week after a look back keep their own reading; a level after "close of" ("8.2% below its Jan. 24 close of
$183.60") is that close's level; a level of another name with a close verb of its own ("…, and the S&P 500 ended at
6,025.99") does not take the day of the number before it; an index level set off by a comma before a percent
("settled at 6,061.48, 0.4% higher") keeps its kind; a reason clause opened by "as" or "because" after a number
lends it neither its words nor its day, and a second name with no verb before it shares the verb before; a level
after a move told "the following session" or "a day later" is that session's close, and "Since then" after it runs
from that close; numbers of one verb before as many days ("rose 3.2% and 2.6% on Thursday and Friday", "on the same
two days") are one day each, in order; a "when" clause right after a day ("most of it on Monday, Feb. 10, when it
jumped 3.9%") is that day's; a count of sessions said with "the same" ("over the same five sessions") is the span of
the claim told before, and a name with no verb after it shares that span; "below where it stood on Monday" is measured
from that day's close whatever the verb after "where"; "from Feb. 3 to Feb. 7" is one span (an abbreviation's dot no
longer counts against the length of a period phrase); "during that session", "that day", "the same day" after a
number is the day told before; "making the company worth about $3.4 trillion" is a market value, "an order worth $10
billion" none; a figure of the economy ("GDP grew 2.3%", "the economy grew 2.3%") is no market claim; "won back 2.1%"
is a rise; a record close named with its day after "below" ("below its record close of $186.47 on Jan. 23") is a record
claim of that day, one with no day none; a paragraph opening "Week two" after one opening "Week one" is the week after
the week of the day named under "Week one"; a line or sentence that is only a date ("Monday, Jan. 27" above an entry,
"[03:40] Monday, Jan. 27.") is the day of the claims after it in its paragraph, "in one session" too; a list item with
no day under a heading that names one ("INDEXES (Friday's close)") is that day's, and "Nasdaq Composite:" before a
figure is the index, not the exchange; after "rose 5.2% in one session" told on such a day, "that day" and a move with
no day are that day's; a day in a parenthesis that is a clause of its own with no number ("(Tokyo was shut on Tuesday
for a holiday)") is not the day of the figure before it; a bare number after "to" past a signed percent ("Dax: +0.6% to
21,911.74") is the level the move reached; "Two sessions later" is two sessions after the day told before; "at one
point" after "and" between two numbers is the next number's (read11en)."""

from __future__ import annotations

from datetime import datetime

import pytest

from marketfact.claims.extract import extract_claims
from tests.claims.extracted import d, read

CASES = {
    "the week after a day of the sentence: that day's week, a level its last session": (
        "Broadcom slumped 17.4% on Monday, Jan. 27, and ended the week down 9.6% at $221.27.",
        "2025-02-15T09:00:00-05:00",
        [
            ("AVGO", 17.4, d("2025-01-27")),
            ("AVGO", 9.6, d("2025-01-27", "2025-01-31")),
            ("AVGO", 221.27, d("2025-01-31")),
        ],
    ),
    "that week, for the week": (
        "Alphabet sank 7.3% on Wednesday, Feb. 5, and lost 9.2% that week. On Thursday, Jan. 30, Microsoft slid 6.2%, "
        "and it was down 6.5% for the week.",
        "2025-02-15T09:00:00-05:00",
        [
            ("GOOGL", 7.3, d("2025-02-05")),
            ("GOOGL", 9.2, d("2025-02-03", "2025-02-07")),
            ("MSFT", 6.2, d("2025-01-30")),
            ("MSFT", 6.5, d("2025-01-27", "2025-01-31")),
        ],
    ),
    "this week and a week with a day of its own keep their reading": (
        "Constellation Energy jumped 4.7% on Wednesday, Jan. 29, and is up 2.4% this week. Microsoft fell 6.2% on "
        "Thursday, Jan. 30, and lost 1.3% in the week to Feb. 7.",
        "2025-02-15T09:00:00-05:00",
        [
            ("CEG", 4.7, d("2025-01-29")),
            ("CEG", 2.4, d("2025-02-10", "2025-02-14")),
            ("MSFT", 6.2, d("2025-01-30")),
            ("MSFT", 1.3, d("2025-02-03", "2025-02-07")),
        ],
    ),
    "a close named with its level after 'of': that day's closing level": (
        "Oracle fell 0.9% on Monday, Feb. 3, and sits 8.2% below its Jan. 24 close of $183.60. The S&P 500 is 2% "
        "below its Jan. 23 close of 6,118.71.",
        "2025-02-03T17:00:00-05:00",
        [
            ("ORCL", 0.9, d("2025-02-03")),
            ("ORCL", 8.2, d("2025-01-27", "2025-02-03")),
            ("ORCL", 183.6, d("2025-01-24")),
            ("^GSPC", 2.0, d("2025-01-24", "2025-02-03")),
            ("^GSPC", 6118.71, d("2025-01-23")),
        ],
    ),
    "a level of another name after 'and … ended at': not the day of the number before it": (
        "Broadcom fell 2.8% to $224.87 on Friday after jumping 4.3% on Wednesday, and the S&P 500 ended at 6,025.99.",
        "2025-02-07T17:30:00-05:00",
        [
            ("AVGO", 2.8, d("2025-02-07")),
            ("AVGO", 224.87, d("2025-02-07")),
            ("AVGO", 4.3, d("2025-02-05")),
            ("^GSPC", 6025.99, d("2025-02-07")),
        ],
    ),
    "a level, a comma, a percent: the level keeps its kind": (
        "The S&P 500 settled at 6,061.48, 0.4% higher, on Wednesday. In Tokyo the Nikkei 225 had ended at 38,831.48, "
        "0.1% higher.",
        "2025-02-05T17:30:00-05:00",
        [
            ("^GSPC", 6061.48, d("2025-02-05")),
            ("^GSPC", 0.4, d("2025-02-05")),
            ("^N225", 38831.48, d("2025-02-05")),
            ("^N225", 0.1, d("2025-02-05")),
        ],
    ),
    "a reason clause after the number: no verb or day of the number's": (
        "Broadcom added 0.6% on Wednesday and ASML 0.4% as buyers returned to chip stocks that slid last week. "
        "Alphabet lost 0.9% because investors still worried about its spending plans.",
        "2025-02-12T17:30:00-05:00",
        [
            ("AVGO", 0.6, d("2025-02-12")),
            ("ASML", 0.4, d("2025-02-12")),
            ("GOOGL", 0.9, d("2025-02-12")),
        ],
    ),
    "a level after 'a day later', then 'Since then': that next session": (
        "Taiwan Semiconductor sank 4.5% on Monday, Feb. 3, and rebounded 2.1% a day later, to $204.05. Since then, "
        "the ADRs have added 1%.",
        "2025-02-07T17:30:00-05:00",
        [
            ("TSM", 4.5, d("2025-02-03")),
            ("TSM", 2.1, d("2025-02-04")),
            ("TSM", 204.05, d("2025-02-04")),
            ("TSM", 1.0, d("2025-02-05", "2025-02-07")),
        ],
    ),
    "numbers of one verb before as many days: one day each, in order": (
        "Nvidia rose 3.2% and 2.6% on Thursday and Friday. The Nasdaq Composite rose 1% on Monday and slipped 0.4% "
        "on Tuesday. ASML climbed 2.3% and 1.2% on the same two days.",
        "2025-02-14T17:30:00-05:00",
        [
            ("NVDA", 3.2, d("2025-02-13")),
            ("NVDA", 2.6, d("2025-02-14")),
            ("^IXIC", 1.0, d("2025-02-10")),
            ("^IXIC", 0.4, d("2025-02-11")),
            ("ASML", 2.3, d("2025-02-10")),
            ("ASML", 1.2, d("2025-02-11")),
        ],
    ),
    "a 'when' clause right after a day: that day": (
        "Alphabet lost 9.2% over the week, most of it on Wednesday, Feb. 5, when the stock slid 7.3%.",
        "2025-02-08T09:00:00-05:00",
        [("GOOGL", 9.2, d("2025-02-03", "2025-02-07")), ("GOOGL", 7.3, d("2025-02-05"))],
    ),
    "the same count of sessions: the span of the claim told before": (
        "Broadcom rose 4.3% on Wednesday, Feb. 5, and finished that week 1.6% higher. Nvidia gained 8.1% over the "
        "same five sessions and Oracle 2.6%.",
        "2025-02-15T09:00:00-05:00",
        [
            ("AVGO", 4.3, d("2025-02-05")),
            ("AVGO", 1.6, d("2025-02-03", "2025-02-07")),
            ("NVDA", 8.1, d("2025-02-03", "2025-02-07")),
            ("ORCL", 2.6, d("2025-02-03", "2025-02-07")),
        ],
    ),
    "below/above where it stood/was on a day: from that day's close": (
        "Broadcom rose 0.6% on Wednesday and now trades 0.6% above where it stood on Monday. Alphabet is 11% below "
        "where it was on Feb. 4.",
        "2025-02-12T17:30:00-05:00",
        [
            ("AVGO", 0.6, d("2025-02-12")),
            ("AVGO", 0.6, d("2025-02-11", "2025-02-12")),
            ("GOOGL", 11.0, d("2025-02-05", "2025-02-12")),
        ],
    ),
    "a span of two dates with abbreviated months: one span": (
        "Alphabet fell 9.2% from Feb. 3 to Feb. 7, and Constellation Energy rose 14.1% from Jan. 28 through Feb. 5.",
        "2025-02-08T09:00:00-05:00",
        [("GOOGL", 9.2, d("2025-02-03", "2025-02-07")), ("CEG", 14.1, d("2025-01-28", "2025-02-05"))],
    ),
    "during that session, that day, the same day: the day told before": (
        "Nvidia fell 17% on Monday, Jan. 27, and as much as 18% during that session. Oracle slid 13.8% on Jan. 27; "
        "Broadcom lost 17.4% the same day.",
        "2025-01-31T17:30:00-05:00",
        [
            ("NVDA", 17.0, d("2025-01-27")),
            ("NVDA", 18.0, d("2025-01-27")),
            ("ORCL", 13.8, d("2025-01-27")),
            ("AVGO", 17.4, d("2025-01-27")),
        ],
    ),
    "worth before the amount: the company's market value": (
        "Nvidia gained 3.2% on Thursday, Feb. 13, and the chipmaker was worth about $3.3 trillion. Broadcom won an "
        "order worth $10 billion.",
        "2025-02-15T09:00:00-05:00",
        [("NVDA", 3.2, d("2025-02-13")), ("NVDA", 3.3, d("2025-02-13"))],
    ),
    "a figure of the economy: no market claim": (
        "The Nasdaq Composite rose 1% on Monday. GDP grew 2.3% in the quarter, and the economy grew 2.8% last year.",
        "2025-02-10T17:30:00-05:00",
        [("^IXIC", 1.0, d("2025-02-10"))],
    ),
    "won back: a rise": (
        "Alphabet fell 7.3% on Wednesday and won back 0.1% on Thursday.",
        "2025-02-06T17:30:00-05:00",
        [("GOOGL", 7.3, d("2025-02-05")), ("GOOGL", 0.1, d("2025-02-06"))],
    ),
    "a record close with its day after 'below': a record of that day": (
        "Oracle closed at $174.46 on Friday, below its record close of $186.47 on Jan. 23. The Nasdaq Composite "
        "stayed below its record close.",
        "2025-02-07T17:30:00-05:00",
        [
            ("ORCL", 174.46, d("2025-02-07")),
            ("ORCL", None, d("2025-01-23")),
            ("ORCL", 186.47, d("2025-01-23")),
        ],
    ),
    "Week one, Week two: the weeks counted from the day named under Week one": (
        "Week one was rough. Broadcom sank 17.4% on Monday, Jan. 27.\n\nWeek two was better. Broadcom rose 1.6%.",
        "2025-02-15T09:00:00-05:00",
        [("AVGO", 17.4, d("2025-01-27")), ("AVGO", 1.6, d("2025-02-03", "2025-02-07"))],
    ),
    "a line that is only a date: the day of the entry under it": (
        "Thursday, Jan. 30\nResults disappointed. Microsoft slid 6.2% to $414.99.\n\nFriday, Feb. 7\nA quiet day. "
        "Alphabet shed 3.3%.",
        "2025-02-15T09:00:00-05:00",
        [("MSFT", 6.2, d("2025-01-30")), ("MSFT", 414.99, d("2025-01-30")), ("GOOGL", 3.3, d("2025-02-07"))],
    ),
    "a sentence that is only a date after a timestamp: the day of 'in one session' after it": (
        "[04:10] Tuesday, Jan. 28. Nvidia rebounds 8.9% in one session.",
        "2025-02-01T08:00:00-05:00",
        [("NVDA", 8.9, d("2025-01-28"))],
    ),
    "a list under a heading that names a day: the items' day; an index before a colon": (
        "Good morning. Here is the news.\n\nINDEXES (Friday's close)\n- Nasdaq Composite: -1.36%\n- S&P 500: -0.95%\n\n"
        "STOCKS\n- Microsoft slipped 1.5% on Thursday.",
        "2025-02-10T06:30:00-05:00",
        [("^IXIC", 1.36, d("2025-02-07")), ("^GSPC", 0.95, d("2025-02-07")), ("MSFT", 1.5, d("2025-02-06"))],
    ),
    "in one session on the paragraph's day: 'that day' after it is that day": (
        "[02:10] Thursday, Jan. 30. Constellation Energy climbs 5.7% in one session.\n\n[04:30] Why Alphabet "
        "(up 2.8% that day) held up, and why Oracle, up 5.2%, did too.",
        "2025-02-01T08:00:00-05:00",
        [("CEG", 5.7, d("2025-01-30")), ("GOOGL", 2.8, d("2025-01-30")), ("ORCL", 5.2, d("2025-01-30"))],
    ),
    "a day in a parenthesis that is a clause of its own: not the figure's day": (
        "Good morning. Here is the news.\n\nMARKETS (Wednesday's close)\n- Tokyo Electron: +0.06% (traders there had "
        "taken Tuesday off for a holiday)",
        "2025-02-13T06:45:00-05:00",
        [("8035.T", 0.06, d("2025-02-12"))],
    ),
    "a bare number after 'to' past a signed percent: the level reached": (
        "Good morning. Here is the news.\n\n- Dax: +1.47% to 21,902.42 on Thursday\n- Nikkei 225: -0.72% at 38,787.02 "
        "on Friday",
        "2025-02-08T06:30:00-05:00",
        [
            ("^GDAXI", 1.47, d("2025-02-06")),
            ("^GDAXI", 21902.42, d("2025-02-06")),
            ("^N225", 0.72, d("2025-02-07")),
            ("^N225", 38787.02, d("2025-02-07")),
        ],
    ),
    "N sessions later: that many sessions after the day told before": (
        "Constellation Energy fell 2.8% on Friday, Jan. 31.\n\nThree sessions later, the stock was up 2.5%.",
        "2025-02-08T09:00:00-05:00",
        [("CEG", 2.8, d("2025-01-31")), ("CEG", 2.5, d("2025-02-05"))],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_english_class_of_session_10_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want


def test_at_one_point_after_and_is_the_next_numbers() -> None:
    """ "sheds 5.8% and at one point is down 8.2%": the close move, then the intraday extreme."""
    x = extract_claims("Monday, Jan. 27\nASML sheds 5.8% and at one point is down 8.2%.", datetime.fromisoformat(
        "2025-02-01T08:00:00-05:00"), "en")  # fmt: skip
    assert [(c.value, c.metric.value) for c in x.claims] == [(5.8, "close_change"), (8.2, "intraday_extreme")]
