"""Classes of reading fixed in session 11 of issue 14 by read12mix, found in six dev articles in everyday desk styles
(invented sentences, not the blind sets'): a day of the month said as an ordinal with no month, as translated copy
writes it ("jumped 3.8% on the 12th"); a verb of a move in the present, as a live blog writes it ("the Nasdaq adds
0.3%", "Microsoft retreats 6.2%"); a move since the close or the day told before, said with "that"/"diesem" ("Since that
close, Oracle has climbed 13%", "Seit diesem Tag hat …"); a count of sessions ends on the story's day, not on a day
inside it told before it: one after "including" ("Including Friday's advance, Oracle has gained 3.8% over two
sessions") or one of another clause in the pluperfect ("Schon am Mittwoch hatten die Papiere fast fünf Prozent
gewonnen, auf Zweitagessicht steht damit ein Plus von 8,8 Prozent"), and a German count glued to "-tagessicht" or
"-tagesbilanz" is a count of sessions; a day's extreme said as a price the share cost "nur noch" ("Zwischenzeitlich
kostete ein Papier nur noch 46,88 Euro": its low) or reached while "touching" it ("At one point the stock was up 3.2%,
touching $179.99"); a record said as the "schwärzeste Tag" or "darkest day" since a date is the biggest fall since;
German "ein Gewinn von" a percent or of points is a rise ("Unter dem Strich stand ein Gewinn von 464 Punkten"), while
"ein Gewinn von 2 Milliarden Euro" and "Der Gewinn stieg um 5 Prozent" stay a company's profit, no claim;
as translated Tokyo copy writes the Nikkei average ("fell for the first time in two days on the 14th, closing at
39,149.43, down 312.04 yen from the previous day"): a count after "for the first time in"/"erstmals seit" is no period
of the move, a yen amount of the Nikkei named in the sentence is its points, and "from the previous day" is the base
of the change, not its day."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from marketfact.claims.extract import extract_claims
from tests.claims.extracted import d, read

CASES = {
    "a day of the month as an ordinal after 'on the': that day of the writer's month": (
        "TOKYO, Feb. 14 -- SoftBank Group rose 1.4%. The stock had jumped 3.8% on the 12th before dropping 3.6% on "
        "the 13th.",
        "2025-02-14T16:10:00+09:00",
        [
            ("9984.T", 1.4, d("2025-02-14")),
            ("9984.T", 3.8, d("2025-02-12")),
            ("9984.T", 3.6, d("2025-02-13")),
        ],
    ),
    "a verb of a move in the present, as a live blog writes it": (
        "LIVE: Wall Street, Thursday, January 30, 2025\n\n4:12 p.m. Closing bell. The S&P 500 ends up 0.5% and the "
        "Nasdaq adds 0.3%. Microsoft retreats 6.2%, while Nvidia leaps 0.8%.",
        "2025-01-30T16:20:00-05:00",
        [
            ("^GSPC", 0.5, d("2025-01-30")),
            ("^IXIC", 0.3, d("2025-01-30")),
            ("MSFT", 6.2, d("2025-01-30")),
            ("NVDA", 0.8, d("2025-01-30")),
        ],
    ),
    "a move since 'that close' or 'that day': from the session after the day told before": (
        "Oracle plunged 13.8% on Jan. 27. Since that close, Oracle has climbed 13%. Nvidia fell 17% on Jan. 27. It "
        "has gained 17% since that day.",
        "2025-02-14T18:20:00-05:00",
        [
            ("ORCL", 13.8, d("2025-01-27")),
            ("ORCL", 13.0, d("2025-01-28", "2025-02-14")),
            ("NVDA", 17.0, d("2025-01-27")),
            ("NVDA", 17.0, d("2025-01-28", "2025-02-14")),
        ],
    ),
    "a move 'seit diesem Schlusskurs' or 'seit diesem Tag': from the session after the day told before": (
        "Oracle brach am 27. Januar um 13,8 Prozent ein. Seit diesem Schlusskurs hat Oracle 13 Prozent zugelegt.",
        "2025-02-14T18:20:00-05:00",
        [("ORCL", 13.8, d("2025-01-27")), ("ORCL", 13.0, d("2025-01-28", "2025-02-14"))],
    ),
    "a count after 'including' a day's move: counted back from the story's day": (
        "Oracle rose 2.6% on Monday. Including Friday's advance, Oracle has gained 3.8% over two sessions.",
        "2025-02-10T18:20:00-05:00",
        [("ORCL", 2.6, d("2025-02-10")), ("ORCL", 3.8, d("2025-02-07", "2025-02-10"))],
    ),
    "a count after 'einschließlich' a day's move: counted back from the story's day": (
        "Oracle stieg am Montag um 2,6 Prozent. Einschließlich des Gewinns vom Freitag hat Oracle in zwei Tagen 3,8 "
        "Prozent zugelegt.",
        "2025-02-10T18:20:00-05:00",
        [("ORCL", 2.6, d("2025-02-10")), ("ORCL", 3.8, d("2025-02-07", "2025-02-10"))],
    ),
    "a count of a present clause after a pluperfect one with a day: counted back from the story's day": (
        "Siemens Energy verteuerten sich am Donnerstag um 3,7 Prozent. Schon am Mittwoch hatten die Papiere fast fünf "
        "Prozent gewonnen, auf Zweitagessicht steht damit ein Plus von 8,8 Prozent zu Buche. In der Dreitagesbilanz "
        "steht ein Plus von 12 Prozent.",
        "2025-02-13T18:05:00+01:00",
        [
            ("ENR.DE", 3.7, d("2025-02-13")),
            ("ENR.DE", 5.0, d("2025-02-12")),
            ("ENR.DE", 8.8, d("2025-02-12", "2025-02-13")),
            ("ENR.DE", 12.0, d("2025-02-11", "2025-02-13")),
        ],
    ),
    "a count in the pluperfect with its day in the same clause: that day": (
        "Siemens Energy fielen am Freitag um 1 Prozent. Am Mittwoch hatten die Papiere binnen zwei Tagen 8,8 Prozent "
        "gewonnen.",
        "2025-02-14T18:05:00+01:00",
        [("ENR.DE", 1.0, d("2025-02-14")), ("ENR.DE", 8.8, d("2025-02-11", "2025-02-12"))],
    ),
    "a count after 'for the first time in' is no period of the move": (
        "The Nikkei fell 0.8% for the first time in two days on Friday. Nvidia rose 5% in two days.",
        "2025-02-14T16:10:00+09:00",
        [("^N225", 0.8, d("2025-02-14")), ("NVDA", 5.0, d("2025-02-12", "2025-02-13"))],
    ),
    "a count after 'erstmals seit' is no period of the move": (
        "Der Nikkei fiel am Donnerstag erstmals seit drei Tagen um 1,3 Prozent.",
        "2025-02-14T16:10:00+09:00",
        [("^N225", 1.3, d("2025-02-13"))],
    ),
    "an ordinal that counts is no day": (
        "Nvidia rose 2.6% on Monday, its 5th gain in six sessions.",
        "2025-02-10T18:00:00-05:00",
        [("NVDA", 2.6, d("2025-02-10"))],
    ),
}


def test_a_price_the_share_cost_only_still_or_touched_at_its_extreme_is_an_intraday_level() -> None:
    """ "Zwischenzeitlich kostete ein Papier nur noch 46,88 Euro": the low; "touching $179.99" after a rise: the high;
    with no "nur noch" the price a share cost at its extreme has no direction, and is no claim."""
    cases = [
        ("Siemens Energy stürzten am Montag um fast 20 Prozent ab. Zwischenzeitlich kostete ein Papier nur noch 46,88 "
         "Euro.", "2025-01-28T07:45:00+01:00", "de", ("ENR.DE", "intraday_level", "down", 46.88)),
        ("Siemens Energy stürzten am Montag um fast 20 Prozent ab. Zwischenzeitlich kostete die Aktie 46,88 Euro.",
         "2025-01-28T07:45:00+01:00", "de", None),
        ("Oracle rose 2.6% on Monday. At one point the stock was up 3.2%, touching $179.99.",
         "2025-02-10T18:20:00-05:00", "en", ("ORCL", "intraday_level", "up", 179.99)),
    ]  # fmt: skip
    for text, published, lang, want in cases:
        x = extract_claims(text, datetime.fromisoformat(published), lang)
        got = [(c.instrument, c.metric.value, c.direction and c.direction.value, c.value) for c in x.claims]
        assert (got[-1] == want) if want else (len(got) == 1), text  # the move of the first sentence, then the level


def test_the_blackest_day_since_a_date_is_a_record_fall() -> None:
    """ "Das war der schwärzeste Tag für Nvidia seit März 2020!", "its darkest day since March 2020"."""
    for text, lang in (
        ("Nvidia fiel am Montag um 17 Prozent. Das war der schwärzeste Tag für Nvidia seit März 2020!", "de"),
        ("Nvidia fell 17% on Monday, its darkest day since March 2020.", "en"),
    ):
        x = extract_claims(text, datetime.fromisoformat("2025-01-28T07:45:00+01:00"), lang)
        got = [(c.instrument, c.record and c.record.value, c.since) for c in x.claims if c.metric.value == "record"]
        assert got == [("NVDA", "biggest_fall", date(2020, 4, 1))], text


def test_a_gain_of_points_or_percent_is_a_rise_and_a_gain_of_euros_a_profit() -> None:
    """ "Unter dem Strich stand ein Gewinn von 464 Punkten": the Dax's rise; a profit in euros or a profit that rose
    stays no claim."""
    text = (
        "Der Dax schloss am Donnerstag 2,09 Prozent fester. Unter dem Strich stand ein Gewinn von 464 Punkten. Siemens "
        "Energy verbuchte einen Gewinn von knapp 3,7 Prozent. Der Konzern hatte einen Gewinn von 2 Milliarden Euro "
        "gemeldet. Der Gewinn stieg um 5 Prozent."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-13T18:05:00+01:00"), "de")
    got = [(c.instrument, c.metric.value, c.direction and c.direction.value, c.value) for c in x.claims]
    assert got == [
        ("^GDAXI", "close_change", "up", 2.09),
        ("^GDAXI", "points_change", "up", 464.0),
        ("ENR.DE", "close_change", "up", 3.7),
    ]
    assert {n.text for n in x.not_market} >= {"2 Milliarden Euro", "5 Prozent"}


def test_the_nikkei_average_in_yen_is_in_points_and_the_previous_day_is_its_base() -> None:
    """ "closing at 39,149.43, down 312.04 yen from the previous day": the Nikkei's points, on the 14th; a euro
    amount after a sentence on the Dax stays no claim."""
    text = (
        "TOKYO, Feb. 14 -- The Nikkei Stock Average fell for the first time in two days on the 14th, closing at "
        "39,149.43, down 312.04 yen from the previous day."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T16:10:00+09:00"), "en")
    pairs = zip(x.claims, x.readings, strict=True)
    got = [(c.instrument, c.metric.value, c.value, c.unit, r.sessions) for c, r in pairs]
    assert got == [
        ("^N225", "close_level", 39149.43, "points", d("2025-02-14")),
        ("^N225", "points_change", 312.04, "points", d("2025-02-14")),
    ]
    text = "Der Dax stieg am Freitag um 1 Prozent. Der Sparerpauschbetrag liegt bei 1.000 Euro."
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T18:00:00+01:00"), "de")
    assert [c.value for c in x.claims] == [1.0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_class_of_the_everyday_dev_articles_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want
