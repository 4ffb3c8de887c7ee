"""Classes of reading fixed in session 9 of issue 14 (invented sentences, not the blind sets'): "overnight" is the
session of the claim's exchange that had closed last when the article appeared ("Overnight on Wall Street, Broadcom
jumped 4.3%" in a Frankfurt morning report is New York's session of the day before, not the story's day); a move
"above where it settled on Jan. 31" is measured from that day's close; a sentence with no number and no name that
opens with a day and a verb in the past ("Am Donnerstag herrschte Feierlaune.", "Monday looked grim.") sets the day
of the claims after it in its paragraph; a move since a day's low ("Seit dem Tief vom 3. Februar", "Since its Jan. 27
low") runs from the session after that day; a record set "a day after" the sentence's move is the session before it;
"Am Dienstag darauf", "The following Tuesday" is the first such weekday after the day named before; "Vor einer
Woche", "One week ago" is the same weekday a week before the story's day; "Seit diesem Kurssturz", "since that slump"
is since the close of the fall told before; "schloss mit 21.911,74 Punkten" is a closing level; a question alone in
its paragraph ("What happened on Tuesday?") sets the day of the answer; after a move since a close, a number with no
verb ("…, Vistra 22.6%") and a present perfect in the next sentence ("Nvidia has regained 1.4%") share its span;
"ended the week 1.7% below where it closed on Tuesday" is measured from that close, not over the week; "In the days
since," is since the day told before; "a Monday" is no day; a Saturday's or Sunday's "heute" is no story's day; "over
the same period" is the period of the claim before; "kostete 238,75 Euro" is a closing level; "höher als am Vortag"
is the day's own move; a question's day ("Und heute?") wins over the paragraph's day before it; a level "touched … at
its low" or "zeitweise … erreicht" is an intraday level; before any claim, a day in the first paragraph ("This is
what mattered on Wednesday:") is the story's; "Two weeks earlier", "Vor zwei Wochen" is that many weeks before the
story's day (before any, the last weekday on or before publication); ", the day it lost 20.8%", "the session in
which" after a named close is that close's day; "lifted the S&P 500 by 0.7% to 6,037.88 and the Nasdaq by 1.4%" gives
the Nasdaq the move's direction, not the level's; a count right after "Tags darauf" ("in zwei Handelstagen") ends on
that next day."""

from __future__ import annotations

import pytest

from tests.claims.extracted import d, read

CASES = {
    "overnight: the last session closed on the claim's exchange": (
        "FRANKFURT, Feb 6 - European shares opened higher on Thursday. Siemens Energy gained 2.5% on Thursday.\n\n"
        "Overnight on Wall Street, Broadcom jumped 4.3%. Alphabet's shares slumped 7.3% overnight.",
        "2025-02-06T18:00:00+01:00",
        [("ENR.DE", 2.5, d("2025-02-06")), ("AVGO", 4.3, d("2025-02-05")), ("GOOGL", 7.3, d("2025-02-05"))],
    ),
    # the number before it in its clause keeps the story's day
    "above where it settled/closed on a day: from that day's close": (
        "NEW YORK, Feb 6 - Nvidia rose 3.1% on Thursday, and the stock now stands 7.2% above where it settled on Jan. "
        "31. Microsoft gained 0.6% and now sits 0.2% above where it closed on Friday, Jan. 31.",
        "2025-02-06T18:00:00-05:00",
        [
            ("NVDA", 3.1, d("2025-02-06")),
            ("NVDA", 7.2, d("2025-02-03", "2025-02-06")),
            ("MSFT", 0.6, d("2025-02-06")),
            ("MSFT", 0.2, d("2025-02-03", "2025-02-06")),
        ],
    ),
    "a day and a past verb, no number (de)": (
        "Der Dax schloss am Freitag bei 22.513,42 Punkten.\n\nAm Donnerstag herrschte Feierlaune. Siemens Energy "
        "stiegen um 3,7 Prozent.",
        "2025-02-15T10:00:00+01:00",
        [("^GDAXI", 22513.42, d("2025-02-14")), ("ENR.DE", 3.7, d("2025-02-13"))],
    ),
    "a day and a past verb, no number (en)": (
        "Nvidia closed the week at $138.85.\n\nMonday looked grim. Oracle fell 13.8%.",
        "2025-02-01T09:00:00-05:00",
        [("NVDA", 138.85, d("2025-01-31")), ("ORCL", 13.8, d("2025-01-27"))],
    ),
    # a day with a name tells of an event: the move after it keeps the story's day
    "a day and a past verb with a name: an event": (
        "PARIS – Schneider Electric haben am Dienstag leicht zugelegt.\n\nAm Montag legte Schneider Electric nach "
        "Börsenschluss Zahlen vor. Die Aktie stieg um 0,4 Prozent.",
        "2025-02-04T19:00:00+01:00",
        [("SU.PA", 0.4, d("2025-02-04"))],
    ),
    "since a day's low (de)": (
        "Nvidia legte am Freitag um 0,9 Prozent zu. Seit dem Tief vom 3. Februar hat die Aktie gut 11 Prozent "
        "gewonnen.",
        "2025-02-07T22:30:00+01:00",
        [("NVDA", 0.9, d("2025-02-07")), ("NVDA", 11.0, d("2025-02-04", "2025-02-07"))],
    ),
    "since a day's low (en)": (
        "NEW YORK, Jan 31 - Since its Jan. 27 low, Broadcom has climbed 9.5%.",
        "2025-01-31T17:00:00-05:00",
        [("AVGO", 9.5, d("2025-01-28", "2025-01-31"))],
    ),
    "a record set the day before the sentence's move": (
        "FRANKFURT, Feb 14 - The Dax fell 0.4% on Friday, the day after it set a record close.",
        "2025-02-14T18:30:00+01:00",
        [("^GDAXI", 0.4, d("2025-02-14")), ("^GDAXI", None, d("2025-02-13"))],
    ),
    # not the latest Tuesday before publication
    "Am Dienstag darauf: the first Tuesday after the day named before": (
        "Siemens Energy schlossen am Donnerstag, 30. Januar, bei 56,72 Euro. Am Dienstag darauf gaben sie um 2,5 "
        "Prozent nach.",
        "2025-02-14T19:00:00+01:00",
        [("ENR.DE", 56.72, d("2025-01-30")), ("ENR.DE", 2.5, d("2025-02-04"))],
    ),
    "The following Tuesday: the first Tuesday after the day named before": (
        "Broadcom closed at $244.70 on Jan. 24. The following Tuesday it rose 2.6%.",
        "2025-02-14T18:00:00-05:00",
        [("AVGO", 244.7, d("2025-01-24")), ("AVGO", 2.6, d("2025-01-28"))],
    ),
    "Vor einer Woche: a week before the story's day (de)": (
        "Der Dax legte am Dienstag um 0,6 Prozent auf 22.037,83 Punkte zu. Vor einer Woche hatte er bei 21.505,70 "
        "Punkten geschlossen.",
        "2025-02-11T19:00:00+01:00",
        [("^GDAXI", 0.6, d("2025-02-11")), ("^GDAXI", 22037.83, d("2025-02-11")), ("^GDAXI", 21505.7, d("2025-02-04"))],
    ),
    "One week ago: a week before the story's day (en)": (
        "NEW YORK, Feb 13 - Constellation Energy slipped 0.7% on Thursday. One week ago it had lost 0.6%.",
        "2025-02-13T18:00:00-05:00",
        [("CEG", 0.7, d("2025-02-13")), ("CEG", 0.6, d("2025-02-06"))],
    ),
    "Seit diesem Kurssturz: since the close of the fall told before": (
        "Am 27. Januar stürzte Nvidia um 17 Prozent ab. Seit diesem Kurssturz hat die Aktie um 9,6 Prozent zugelegt.",
        "2025-02-07T22:30:00+01:00",
        [("NVDA", 17.0, d("2025-01-27")), ("NVDA", 9.6, d("2025-01-28", "2025-02-07"))],
    ),
    "since that slump, clawed back: since the close of the fall told before": (
        "NEW YORK, Feb 7 - Oracle sank 13.8% on Jan. 27. Since that slump the stock has clawed back 10.2%.",
        "2025-02-07T18:00:00-05:00",
        [("ORCL", 13.8, d("2025-01-27")), ("ORCL", 10.2, d("2025-01-28", "2025-02-07"))],
    ),
    # a percent after "mit" stays a change
    "schloss mit … Punkten: the closing level": (
        "Der Dax beendete den Handel am Montag mit 21.911,74 Punkten, ein Plus von 0,6 Prozent. Siemens Energy "
        "schlossen am Donnerstag mit 2,5 Prozent im Plus.",
        "2025-02-10T19:00:00+01:00",
        [("^GDAXI", 21911.74, d("2025-02-10")), ("^GDAXI", 0.6, d("2025-02-10")), ("ENR.DE", 2.5, d("2025-02-06"))],
    ),
    "a question alone in its paragraph sets the day of the answer": (
        "Q&A\n\nWhat happened on Tuesday?\n\nOracle fell 1% and Alphabet 0.6%.",
        "2025-02-15T10:00:00-05:00",
        [("ORCL", 1.0, d("2025-02-11")), ("GOOGL", 0.6, d("2025-02-11"))],
    ),
    "a number with no verb and a present perfect after a move since a close share its span": (
        "NEW YORK, Feb 14 - Nvidia is up 4.6% since Tuesday's close, Constellation Energy 1.2%. Microsoft has lost "
        "0.7%.",
        "2025-02-14T18:00:00-05:00",
        [
            ("NVDA", 4.6, d("2025-02-12", "2025-02-14")),
            ("CEG", 1.2, d("2025-02-12", "2025-02-14")),
            ("MSFT", 0.7, d("2025-02-12", "2025-02-14")),
        ],
    ),
    "a close named right after the number wins over the clause's span": (
        "NEW YORK, Feb 14 - Oracle ended the week 1.7% below where it closed on Tuesday.",
        "2025-02-14T18:00:00-05:00",
        [("ORCL", 1.7, d("2025-02-12", "2025-02-14"))],
    ),
    "In the days since: since the day told before": (
        "NEW YORK, Feb 14 - On Feb. 3, Broadcom slipped 1.6%. In the days since, it has gained 7%.",
        "2025-02-14T18:00:00-05:00",
        [("AVGO", 1.6, d("2025-02-03")), ("AVGO", 7.0, d("2025-02-04", "2025-02-14"))],
    ),
    "a Monday is no day in particular": (
        "Oracle rose 0.2% on Friday, Feb. 14. It felt like a Monday, and Nvidia still gained 2.6%.",
        "2025-02-14T18:00:00-05:00",
        [("ORCL", 0.2, d("2025-02-14")), ("NVDA", 2.6, d("2025-02-14"))],
    ),
    "a Sunday's 'heute' is no story's day": (
        "Sonntagsbrief\n\nAnleger sind heute zufrieden. Nvidia schloss am Freitag bei 129,84 Dollar. Seit dem Tief vom "
        "3. Februar ist das ein Plus von gut 11 Prozent.",
        "2025-02-09T10:00:00+01:00",
        [("NVDA", 129.84, d("2025-02-07")), ("NVDA", 11.0, d("2025-02-04", "2025-02-07"))],
    ),
    "over the same period: the period of the claim before": (
        "NEW YORK, Feb 14 - Nvidia rose 6.9% this week. Microsoft lost 0.3% over the same period.",
        "2025-02-14T18:00:00-05:00",
        [("NVDA", 6.9, d("2025-02-10", "2025-02-14")), ("MSFT", 0.3, d("2025-02-10", "2025-02-14"))],
    ),
    "kostete … Euro: the closing level": (
        "Schneider Electric fielen am Mittwoch um 2,2 Prozent. Die Aktie kostete zum Schluss 238,75 Euro.",
        "2025-02-12T19:00:00+01:00",
        [("SU.PA", 2.2, d("2025-02-12")), ("SU.PA", 238.75, d("2025-02-12"))],
    ),
    "higher than the day before: the day's own move": (
        "Oracle schloss am Freitag, 7. Februar, 1,2 Prozent höher als am Vortag.",
        "2025-02-08T10:00:00+01:00",
        [("ORCL", 1.2, d("2025-02-07"))],
    ),
    "a question's day wins over the paragraph's before it": (
        "Am Montag fiel Broadcom um 1,6 Prozent. Und heute? Da stieg die Aktie um 2,2 Prozent.",
        "2025-02-04T22:30:00+01:00",
        [("AVGO", 1.6, d("2025-02-03")), ("AVGO", 2.2, d("2025-02-04"))],
    ),
    "a level touched at its low: intraday (en)": (
        "Oracle fell 2.8% on Wednesday, Feb. 12, and touched $170.71 at its low.",
        "2025-02-13T23:00:00+01:00",
        [("ORCL", 2.8, d("2025-02-12")), ("ORCL", 170.71, d("2025-02-12"))],
    ),
    "a level zeitweise erreicht: intraday (de)": (
        "Siemens Energy stiegen am Donnerstag um 3,7 Prozent. Zeitweise hatten sie 62,38 Euro erreicht.",
        "2025-02-13T23:00:00+01:00",
        [("ENR.DE", 3.7, d("2025-02-13")), ("ENR.DE", 62.38, d("2025-02-13"))],
    ),
    "the first paragraph's day sets the story's before any claim": (
        "Morning note\n\nHello. This is what mattered on Wednesday:\n\n- Oracle -2.8%, Alphabet -0.9%",
        "2025-02-13T06:00:00-05:00",
        [("ORCL", 2.8, d("2025-02-12")), ("GOOGL", 0.9, d("2025-02-12"))],
    ),
    "two weeks earlier: that many weeks before the story's day": (
        "NEW YORK, Feb 14 - Oracle rose 0.2% on Friday. Two weeks earlier it had slipped 0.2%.",
        "2025-02-14T18:00:00-05:00",
        [("ORCL", 0.2, d("2025-02-14")), ("ORCL", 0.2, d("2025-01-31"))],
    ),
    "vor zwei Wochen before any day: from the last weekday before publication": (
        "Vor zwei Wochen schloss Nvidia mit einem Minus von 3,7 Prozent bei 120,07 Dollar.",
        "2025-02-15T10:00:00+01:00",
        [("NVDA", 3.7, d("2025-01-31")), ("NVDA", 120.07, d("2025-01-31"))],
    ),
    "the day it lost, the session in which: the day of the close named before": (
        "NEW YORK, Feb 10 - ASML rose 2.3% on Monday and is up 8.9% from its Jan. 28 close, the day it slid 1%. Vistra "
        "is 4.4% above its close on Feb. 7, the session in which it fell 0.6%.",
        "2025-02-10T18:00:00-05:00",
        [
            ("ASML", 2.3, d("2025-02-10")),
            ("ASML", 8.9, d("2025-01-29", "2025-02-10")),
            ("ASML", 1.0, d("2025-01-28")),
            ("VST", 4.4, d("2025-02-10")),
            ("VST", 0.6, d("2025-02-07")),
        ],
    ),
    "a second name after a move and its level: the move's direction": (
        "NEW YORK, Feb 4 - Upbeat earnings lifted the S&P 500 by 0.7% to 6,037.88 on Tuesday and the Nasdaq by 1.4%. "
        "Alphabet rose 2.6% to $206.38.",
        "2025-02-04T18:00:00-05:00",
        [
            ("^GSPC", 0.7, d("2025-02-04")),
            ("^GSPC", 6037.88, d("2025-02-04")),
            ("^IXIC", 1.4, d("2025-02-04")),
            ("GOOGL", 2.6, d("2025-02-04")),
            ("GOOGL", 206.38, d("2025-02-04")),
        ],
    ),
    "a count right after the next day: it ends on that day": (
        "FRANKFURT, 31. Januar - Der Dax stieg am Freitag um 0,6 Prozent. Am Dienstag hatte Siemens Energy 7,5 Prozent "
        "gewonnen. Am Tag darauf legte die Aktie um weitere 4,9 Prozent zu, binnen zwei Handelstagen ein Plus von 12,8 "
        "Prozent.",
        "2025-01-31T18:00:00+01:00",
        [
            ("^GDAXI", 0.6, d("2025-01-31")),
            ("ENR.DE", 7.5, d("2025-01-28")),
            ("ENR.DE", 4.9, d("2025-01-29")),
            ("ENR.DE", 12.8, d("2025-01-28", "2025-01-29")),
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_class_of_session_9_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want
