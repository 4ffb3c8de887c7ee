"""Classes of reading fixed in session 6 of issue 14 (invented sentences, not the blind sets'): a move measured from
a named close ("since its Wednesday close", "from its Jan. 24 close", "seit dem Schlusskurs vom Freitag") runs
from the session after that close to the story's day (with none, to the last session closed at publication); a
clause without a verb tells in the tense of its day's clause, so a look back's day ("Am Montag hatten die Indizes
… nachgegeben, der Nasdaq um 1,2 Prozent") does not become the story's day; a number said of several names keeps
every part of its reading; "to a record 20,100" is a record level (a close level and a record high, on the level's
day), and a level after "close of" is that close's; "8% below its close", "18 Prozent über dem Schlusskurs" say the
move's direction; a level told with a span ("finished the week at …") is the span's last session's; "since the Jan. 27
rout" is since that day's close, and a clause opened by "when"/"als" right after such a close tells of its day;
"Der Börsenwert" with no company in reach is the latest claim's company's; "für Broadcom ging es … aufwärts" is a
move of Broadcom; a German wire's lede day is the story's ("haben am Freitag … geschlossen", "in die neue Woche
gestartet", "zum Wochenausklang": the week's first or last session); a move "since then", "has since", "since that
Monday", "seitdem", "seither" runs from the session after the day told before; "came a day after Nvidia had jumped
3.1%" with no number before it is the session before the story's day."""

from __future__ import annotations

import pytest

from tests.claims.extracted import d, read


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        (  # the day of the sentence ends the move
            "Oracle rose 2.6% on Friday and has climbed 4.1% since its Wednesday close.",
            "2025-02-14T17:00:00-05:00",
            [("ORCL", 2.6, d("2025-02-14")), ("ORCL", 4.1, d("2025-02-13", "2025-02-14"))],
        ),
        (  # the story's day from an earlier sentence
            "Stocks fell on Friday. Alphabet is now down 9% from its Feb. 4 close.",
            "2025-02-07T17:00:00-05:00",
            [("GOOGL", 9.0, d("2025-02-05", "2025-02-07"))],
        ),
        (  # a possessive close, and a record close: the day after it is the move's first
            "Stocks slipped on Thursday. Microsoft stands 3% lower than at Monday's close, and the DAX fell 0.5% "
            "from Wednesday's record close.",
            "2025-02-06T17:00:00-05:00",
            [
                ("MSFT", 3.0, d("2025-02-04", "2025-02-06")),
                ("^GDAXI", 0.5, d("2025-02-06")),
                ("^GDAXI", None, d("2025-02-05")),  # the record is Wednesday's
            ],
        ),
        (  # German: the close before, a day named earlier ends it
            "Der Nasdaq Composite stieg am Dienstag um 1,4 Prozent. Damit liegt der Index seit dem Schlusskurs vom "
            "Freitag wieder 0,1 Prozent im Plus.",
            "2025-02-04T23:00:00+01:00",
            [("^IXIC", 1.4, d("2025-02-04")), ("^IXIC", 0.1, d("2025-02-03", "2025-02-04"))],
        ),
        (  # no day in the story: the last session closed at publication
            "Nvidia is up 19% since its Feb. 3 close.",
            "2025-02-15T10:00:00+00:00",
            [("NVDA", 19.0, d("2025-02-04", "2025-02-14"))],
        ),
        (  # one number said of two names: both keep the reference close
            "Stocks rose on Friday. Nvidia and Broadcom are both up 5% since Monday's close.",
            "2025-02-07T17:00:00-05:00",
            [("NVDA", 5.0, d("2025-02-04", "2025-02-07")), ("AVGO", 5.0, d("2025-02-04", "2025-02-07"))],
        ),
        (  # a look back's verb reaches its verbless continuation: Monday stays that clause's
            "Die Wall Street legte am Dienstag zu. Am Montag hatten die Indizes noch nachgegeben, der S&P 500 um "
            "0,8 Prozent. Microsoft gewannen 0,4 Prozent.",
            "2025-02-04T23:00:00+01:00",
            [("^GSPC", 0.8, d("2025-02-03")), ("MSFT", 0.4, d("2025-02-04"))],
        ),
        (  # a record level: the level and the record high, both of the level's day
            "Stocks rose on Thursday. The Nasdaq gained 1.5% to a record 20,100.",
            "2025-02-13T17:00:00-05:00",
            [("^IXIC", 1.5, d("2025-02-13")), ("^IXIC", None, d("2025-02-13")), ("^IXIC", 20100.0, d("2025-02-13"))],
        ),
        (  # the level of the close a move is measured from is that close's
            "Stocks fell on Thursday. Germany's DAX slipped 0.4% from Wednesday's record close of 22,148.",
            "2025-02-13T17:00:00-05:00",
            [("^GDAXI", 0.4, d("2025-02-13")), ("^GDAXI", None, d("2025-02-12")), ("^GDAXI", 22148.0, d("2025-02-12"))],
        ),
        (  # a level told with the week is the week's last session's; "below" after the number says down
            "Oracle finished the week at $174.46, still 4% below its close on Jan. 24.",
            "2025-02-08T12:00:00+00:00",
            [("ORCL", 174.46, d("2025-02-07")), ("ORCL", 4.0, d("2025-01-27", "2025-02-07"))],
        ),
        (  # "über" after the number says up
            "Siemens Energy schloss am Freitag bei 57,10 Euro und liegt damit 18 Prozent über dem Schlusskurs vom 27. "
            "Januar.",
            "2025-02-07T18:00:00+01:00",
            [("ENR.DE", 57.1, d("2025-02-07")), ("ENR.DE", 18.0, d("2025-01-28", "2025-02-07"))],
        ),
        (  # a day's fall as the reference, and a "when" clause after it
            "Oracle rose 1.2% on Friday and is now up 10% since the Jan. 27 rout, when it sank nearly 14%.",
            "2025-02-07T17:00:00-05:00",
            [
                ("ORCL", 1.2, d("2025-02-07")),
                ("ORCL", 10.0, d("2025-01-28", "2025-02-07")),
                ("ORCL", 14.0, d("2025-01-27")),
            ],
        ),
        (  # the reference opens the sentence, its "als" clause between
            "Die Aktie von Oracle stieg am Freitag um 1,2 Prozent. Seit dem Ausverkauf vom 27. Januar, als das Papier "
            "fast 14 Prozent verlor, hat es sich damit um 10 Prozent erholt.",
            "2025-02-07T23:00:00+01:00",
            [
                ("ORCL", 1.2, d("2025-02-07")),
                ("ORCL", 14.0, d("2025-01-27")),
                ("ORCL", 10.0, d("2025-01-28", "2025-02-07")),
            ],
        ),
        (  # "Der Börsenwert" five sentences after the name: the latest claim's company
            "Nvidia stieg am Dienstag um 8,9 Prozent. Am Montag war die Aktie um 17 Prozent gefallen. Unterm Strich "
            "bleibt ein Minus. Anleger atmen auf. Die Stimmung dreht. Der Börsenwert liegt bei rund 3,2 Billionen "
            "Dollar.",
            "2025-01-28T23:00:00+01:00",
            [("NVDA", 8.9, d("2025-01-28")), ("NVDA", 17.0, d("2025-01-27")), ("NVDA", 3.2, d("2025-01-28"))],
        ),
        (  # "ging es für X aufwärts/abwärts": X's move
            "Oracle stieg am Freitag um 1,2 Prozent. Auch für Broadcom ging es um 0,9 Prozent abwärts.",
            "2025-02-07T23:00:00+01:00",
            [("ORCL", 1.2, d("2025-02-07")), ("AVGO", 0.9, d("2025-02-07"))],
        ),
        (  # the lede's day, read the morning after
            "NEW YORK (dpa-AFX) – Die US-Börsen haben am Freitag mit Verlusten geschlossen. Der S&P 500 verlor 0,5 "
            "Prozent.",
            "2025-02-01T09:00:00+01:00",
            [("^GSPC", 0.5, d("2025-01-31"))],
        ),
        (
            "NEW YORK (dpa-AFX) – Die Wall Street ist mit Verlusten in die neue Woche gestartet. Der S&P 500 fiel um "
            "0,8 Prozent.",
            "2025-02-04T07:00:00+01:00",
            [("^GSPC", 0.8, d("2025-02-03"))],
        ),
        (
            "NEW YORK (dpa-AFX) – Die US-Börsen haben zum Wochenausklang nachgegeben. Der S&P 500 fiel um 0,5 Prozent.",
            "2025-02-01T09:00:00+01:00",
            [("^GSPC", 0.5, d("2025-01-31"))],
        ),
        (
            "Stocks slipped to end the week. The S&P 500 fell 0.5%.",
            "2025-02-01T09:00:00+01:00",
            [("^GSPC", 0.5, d("2025-01-31"))],
        ),
        (  # "has since", "since then", "since that Monday": after the day told, to the last session closed
            "On Jan. 27, Oracle lost 13.8%. It has since gained 7%. Broadcom fell 17.4% that day and is up 11% since "
            "then. Vistra has gained 22% since that Monday.",
            "2025-02-09T10:00:00+00:00",
            [
                ("ORCL", 13.8, d("2025-01-27")),
                ("ORCL", 7.0, d("2025-01-28", "2025-02-07")),
                ("AVGO", 17.4, d("2025-01-27")),
                ("AVGO", 11.0, d("2025-01-28", "2025-02-07")),
                ("VST", 22.0, d("2025-01-28", "2025-02-07")),
            ],
        ),
        (  # "seither" belongs to the part after "und"
            "Am 27. Januar verlor Schneider Electric 9,5 Prozent und liegt seither noch 3 Prozent tiefer.",
            "2025-02-08T10:00:00+01:00",
            [("SU.PA", 9.5, d("2025-01-27")), ("SU.PA", 3.0, d("2025-01-28", "2025-02-07"))],
        ),
        (  # a count after "since" still counts on from the day
            "Constellation Energy gave up 2.8% on Friday, Jan 31. It has since risen for three straight sessions.",
            "2025-02-08T09:00:00+00:00",
            [("CEG", 2.8, d("2025-01-31"))],
        ),
        (  # "a day after" with no number before it: the session before the story's day
            "Stocks fell on Friday. The selling in Alphabet came a day after Nvidia had jumped 3.1%.",
            "2025-02-07T17:30:00-05:00",
            [("NVDA", 3.1, d("2025-02-06"))],
        ),
        (
            "Die Börsen fielen am Freitag. Der Rückschlag kam einen Tag, nachdem Nvidia um 3,1 Prozent gestiegen war.",
            "2025-02-07T23:30:00+01:00",
            [("NVDA", 3.1, d("2025-02-06"))],
        ),
    ],
)
def test_session6_periods(text: str, published: str, want: list) -> None:
    assert read(text, published) == want


def test_a_record_close_since_a_day_is_no_reference_close() -> None:
    """ "its lowest close since Jan. 27" names a record's history, not the start of a move."""
    got = read("Nvidia fell 2.8% on Monday to its lowest close since Jan. 27.", "2025-02-03T17:00:00-05:00")
    assert ("NVDA", 2.8, d("2025-02-03")) in got
