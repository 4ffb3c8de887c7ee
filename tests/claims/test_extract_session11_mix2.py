"""Classes of reading fixed in session 11 of issue 14 by read12mix2, found in six dev articles in everyday desk styles
(invented sentences, not the blind sets'): a German live ticker whose entries open with a clock time between plus
signs ("+++ 17:42 Uhr: Siemens Energy mit Rekord +++") names no day: its entries are the day it was published; a
standfirst with no figure between the title and the lede does not hide the lede's day ("… und die Börse belohnte
das am Mittwoch"); "its best close since Jan. 23" is the highest close since, not the biggest rise; a level
"touched" after a fall told in the sentence is the day's low ("was down as much as 8.9% at one point and touched
$188.03"); an English fall's participle is a fall as its past form is ("bucked the trend, slipping 1.17%"); a
hyphenated German count of days before "-Sicht" counts sessions ("Auf Zwei-Tages-Sicht summiert sich das Plus …");
"shy of" a named close is below it ("remains about 2.6% shy of its Jan. 24 close"); a German move "vom Schlusskurs"
of a day runs from the session after it ("Vom Schlusskurs des 27. Januar, als …, hat sich das Papier … erholt"); a
day said after "folgte auf"/"followed" is the earlier move's ("Das Plus … folgte auf einen Sprung … am Mittwoch"); a
price a stock "hit" is an intraday level reached ("At one point Friday the stock hit $139.25"); "The company is now
worth a cool $3.4 trillion" and "Der Börsenwert des Konzerns liegt … bei" are the market value of the article's latest
company; "kamen 94 Milliarden Dollar hinzu" is a rise; "ein Plus von 2,84 Euro je Aktie" with no name is the latest
company's; an index level after "finishing"/"closing" in a participle clause is its close; "So hoch hatte die Aktie
seit dem 24. Januar nicht mehr geschlossen" is a record close since; a price "in der Spitze" is the day's extreme; a
"sprint" is a rise."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from marketfact.claims.extract import extract_claims
from tests.claims.extracted import d, read

CASES = {
    "a ticker entry opening with a clock time between plus signs: the day the ticker was published": (
        "Börse Frankfurt im Liveticker\n\n+++ 17:36 Uhr: Schlussglocke +++\nDer Dax beendet den Handel 2,1 Prozent "
        "höher.\n\n+++ 16:05 Uhr +++\nSiemens Energy gewinnen 3,7 Prozent.",
        "2025-02-13T17:50:00+01:00",
        [("^GDAXI", 2.1, d("2025-02-13")), ("ENR.DE", 3.7, d("2025-02-13"))],
    ),
    "a standfirst with no figure: the first paragraph after it is the lede, and its day the story's": (
        "Siemens Energy: Börse feiert die Zahlen\n\nGute Quartalszahlen lassen die Aktie steigen. Für das Werk ist das "
        "mehr als eine Nachricht.\n\nMülheim. Gute Nachrichten für die rund 4.600 Beschäftigten: Siemens Energy hat "
        "mehr verdient, und die Börse belohnte das am Mittwoch. Die Aktie schloss 4,96 Prozent höher.",
        "2025-02-12T19:30:00+01:00",
        [("ENR.DE", 4.96, d("2025-02-12"))],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_class_of_the_everyday_dev_articles_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want


def test_a_clock_time_between_plus_signs_in_a_sentence_makes_no_ticker() -> None:
    """Only an entry's head opens with it: a time inside a sentence ("um 17:30 Uhr") leaves the day unnamed."""
    text = "Der Dax schloss um 17:30 Uhr 2,1 Prozent höher."
    assert read(text, "2025-02-13T17:50:00+01:00") == [("^GDAXI", 2.1, None)]


def test_the_best_close_since_a_date_is_the_highest_close_and_the_best_day_the_biggest_rise() -> None:
    """ "its best close since Jan. 23", "der beste Schlusskurs seit dem 13. Februar": a record close; "its best day
    since Feb. 6" stays the biggest one-day rise."""
    cases = [
        ("The Nasdaq rose 0.4% on Friday, its best close since Jan. 23.", "en", "highest_close", date(2025, 1, 24)),
        ("Nvidia rose 2.6% on Friday, its best day since Feb. 6.", "en", "biggest_rise", date(2025, 2, 7)),
        ("Der Dax stieg am Freitag um 0,4 Prozent, der beste Schlusskurs seit dem 13. Februar.", "de", "highest_close",
         date(2025, 2, 14)),
    ]  # fmt: skip
    for text, lang, record, since in cases:
        x = extract_claims(text, datetime.fromisoformat("2025-02-14T17:30:00-05:00"), lang)
        got = [(c.record and c.record.value, c.since) for c in x.claims if c.metric.value == "record"]
        assert got == [(record, since)], text


def test_a_level_touched_after_a_fall_is_the_low_and_after_a_rise_the_high() -> None:
    """ "was down as much as 8.9% at one point and touched $188.03": the day's low, by the move told before it in the
    sentence; "up 3.2%, touching $179.99" stays the high."""
    cases = [
        ("Alphabet slid 7.29% on Wednesday. The stock was down as much as 8.9% at one point and touched $188.03.",
         ("GOOGL", "intraday_level", "down", 188.03)),
        ("Oracle rose 2.6% on Wednesday. At one point the stock was up 3.2%, touching $179.99.",
         ("ORCL", "intraday_level", "up", 179.99)),
    ]  # fmt: skip
    for text, want in cases:
        x = extract_claims(text, datetime.fromisoformat("2025-02-05T17:20:00-05:00"), "en")
        got = [(c.instrument, c.metric.value, c.direction and c.direction.value, c.value) for c in x.claims]
        assert got[-1] == want, text


def test_a_falls_participle_is_a_fall_and_a_rise_recouping_a_loss_keeps_the_loss() -> None:
    """ "bucked the trend, slipping 1.17%": a fall as "slipped" is; "recouping part of the record $593 billion loss"
    stays the loss's."""
    x = extract_claims(
        "Tokyo Electron bucked the trend on Thursday, slipping 1.17%.",
        datetime.fromisoformat("2025-02-13T16:10:00+09:00"),
        "en",
    )
    assert [(c.instrument, c.direction and c.direction.value, c.value) for c in x.claims] == [("8035.T", "down", 1.17)]
    x = extract_claims(
        "Nvidia rebounded 8.9% on Tuesday, recouping part of the record $593 billion loss in market value.",
        datetime.fromisoformat("2025-01-28T18:00:00-05:00"),
        "en",
    )
    assert [(c.metric.value, c.direction and c.direction.value) for c in x.claims][-1] == ("market_cap_change", "down")


def test_a_hyphenated_count_of_days_before_sicht_is_a_count_of_sessions() -> None:
    """ "Auf Zwei-Tages-Sicht summiert sich das Plus auf 8,8 Prozent" counts two sessions, as "Zweitagessicht" does."""
    for words in ("Zwei-Tages-Sicht", "Zweitagessicht", "Zweitages-Sicht"):
        text = f"Siemens Energy schloss am Donnerstag 3,7 Prozent fester. Auf {words} steht ein Plus von 8,8 Prozent."
        assert read(text, "2025-02-13T17:50:00+01:00")[-1] == ("ENR.DE", 8.8, d("2025-02-12", "2025-02-13")), words


def test_a_move_shy_of_a_named_close_is_a_fall_since_that_close() -> None:
    """ "the stock remains about 2.6% shy of its Jan. 24 close": below it, as "below its Jan. 24 close" is."""
    text = "Nvidia jumped 2.6% on Friday. Still, the stock remains about 2.6% shy of its Jan. 24 close."
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T17:30:00-05:00"), "en")
    got = [(c.direction and c.direction.value, c.value, r.sessions) for c, r in zip(x.claims, x.readings, strict=True)]
    assert got[-1] == ("down", 2.6, d("2025-01-27", "2025-02-14"))


def test_a_move_from_a_named_close_after_vom_runs_from_the_session_after_it() -> None:
    """ "Vom Schlusskurs des 27. Januar, als …, hat sich das Papier um 8,7 Prozent erholt": since that close, to the
    story's day, as "seit dem Schlusskurs vom 27. Januar" is."""
    text = (
        "Nvidia schloss am Donnerstag 3,1 Prozent höher. Vom Schlusskurs des 27. Januar, als die Aktie um 17 Prozent "
        "eingebrochen war, hat sich das Papier damit um 8,7 Prozent erholt."
    )
    got = read(text, "2025-02-06T22:45:00+01:00")
    assert got[-1] == ("NVDA", 8.7, d("2025-01-28", "2025-02-06"))
    assert got[1] == ("NVDA", 17.0, d("2025-01-27"))


def test_a_move_that_followed_another_on_a_named_day_keeps_the_story_day() -> None:
    """ "Das Plus von 3,85 Dollar je Aktie folgte auf einen Sprung von 5,2 Prozent am Mittwoch": Wednesday is the
    jump's, the gain stays Thursday's, the story's."""
    text = (
        "Nvidia schloss am Donnerstag 3,1 Prozent höher. Das Plus von 3,85 Dollar je Aktie folgte auf einen Sprung von "
        "5,2 Prozent am Mittwoch."
    )
    assert read(text, "2025-02-06T22:45:00+01:00") == [
        ("NVDA", 3.1, d("2025-02-06")),
        ("NVDA", 3.85, d("2025-02-06")),
        ("NVDA", 5.2, d("2025-02-05")),
    ]


def test_a_price_the_stock_hit_at_one_point_is_an_intraday_level() -> None:
    """ "At one point Friday the stock hit $139.25": the day's high; "fell 2.4% and at one point hit $135.50": the
    low, by the move told before it, as "touched" is."""
    cases = [
        ("Nvidia jumped 2.6% to $138.85 on Friday. At one point Friday the stock hit $139.25.", ("up", 139.25)),
        ("Nvidia fell 2.4% on Friday and at one point hit $135.50.", ("down", 135.5)),
    ]
    for text, want in cases:
        x = extract_claims(text, datetime.fromisoformat("2025-02-14T17:30:00-05:00"), "en")
        got = [(c.direction and c.direction.value, c.value) for c in x.claims if c.metric.value == "intraday_level"]
        assert got == [want], text


def test_what_the_company_is_worth_is_the_market_value_of_the_articles_latest_company() -> None:
    """ "The company is now worth a cool $3.4 trillion", four sentences after Nvidia was named: its market value (an
    article and one word between "worth" and the amount, an adverb between the verb and "worth")."""
    text = (
        "Wall Street's favorite on Friday was Nvidia. Shares of the chip giant jumped 2.6%. At one point the stock hit "
        "$139.25. Forget the roses. The company is now worth a cool $3.4 trillion."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T17:30:00-05:00"), "en")
    got = [(c.instrument, c.value, c.scale) for c in x.claims if c.metric.value == "market_cap_level"]
    assert got == [("NVDA", 3.4, "trillion")]


def test_the_market_value_of_the_konzern_and_billions_that_came_on_top() -> None:
    """ "Der Börsenwert des Konzerns liegt wieder bei gut 3,1 Billionen Dollar" four sentences after Nvidia: its market
    value; "Allein am Donnerstag kamen rund 94 Milliarden Dollar hinzu": a gain of market value."""
    text = (
        "Nvidia schloss am Donnerstag 3,1 Prozent höher. Das war gut. Das war sehr gut. Das war gut so.\n\nDer "
        "Börsenwert des Konzerns liegt wieder bei gut 3,1 Billionen Dollar. Allein am Donnerstag kamen rund 94 "
        "Milliarden Dollar hinzu."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-06T22:45:00+01:00"), "de")
    got = [(c.instrument, c.metric.value, c.direction and c.direction.value, c.value) for c in x.claims]
    assert got[1:] == [("NVDA", "market_cap_level", None, 3.1), ("NVDA", "market_cap_change", "up", 94.0)]


def test_a_change_in_euros_per_share_with_no_name_is_the_latest_companys() -> None:
    """ "Unter dem Strich steht ein Plus von 2,84 Euro je Aktie." in a new paragraph, Siemens Energy last named five
    sentences before: the company of the latest claim about one (an index has no price in euros)."""
    text = (
        "Siemens Energy schloss am Mittwoch 4,96 Prozent höher. Die Aktie stieg zeitweise um 5,5 Prozent. Sie lag "
        "zeitweise 2,5 Prozent im Minus. Das war knapp. Das war gut.\n\nUnter dem Strich steht ein Plus von 2,84 Euro "
        "je Aktie."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-12T19:30:00+01:00"), "de")
    got = [(c.instrument, c.metric.value, c.value, c.currency) for c in x.claims]
    assert got[-1] == ("ENR.DE", "points_change", 2.84, "EUR")


def test_an_index_level_after_finishing_or_closing_in_a_participle_clause_is_its_close() -> None:
    """ "The S&P 500 barely budged, finishing at 6,114.63", "was flat, closing at 6,114.63": the close, as "finished
    at" is."""
    for verb in ("barely budged, finishing", "was flat, closing"):
        text = f"The Nasdaq rose 0.4% on Friday. The S&P 500 {verb} at 6,114.63."
        assert read(text, "2025-02-14T17:30:00-05:00")[-1] == ("^GSPC", 6114.63, d("2025-02-14")), verb


def test_so_high_since_a_date_no_more_is_a_record_close_since() -> None:
    """ "So hoch hatte die Aktie seit dem 24. Januar nicht mehr geschlossen", "So tief stand der Dax seit Oktober nicht
    mehr": a highest (lowest) close since, with no "wie" between."""
    text = (
        "Siemens Energy schloss am Mittwoch 4,96 Prozent höher. So hoch hatte die Aktie seit dem 24. Januar nicht mehr "
        "geschlossen. Der Dax fiel am Mittwoch 1 Prozent. So tief stand der Dax seit Oktober nicht mehr."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-12T19:30:00+01:00"), "de")
    got = [(c.instrument, c.record and c.record.value, c.since) for c in x.claims if c.metric.value == "record"]
    assert got == [("ENR.DE", "highest_close", date(2025, 1, 25)), ("^GDAXI", "lowest_close", date(2024, 11, 1))]


def test_a_price_in_der_spitze_is_the_days_extreme() -> None:
    """ "in der Spitze kostete sie 128,77 Dollar": the day's high; "fiel in der Spitze um 5 Prozent auf 46,88 Euro":
    the low reached by the move, not the close."""
    text = (
        "Nvidia schloss am Donnerstag 3,1 Prozent höher bei 128,68 Dollar; in der Spitze kostete sie 128,77 Dollar. "
        "Siemens Energy fiel am Donnerstag in der Spitze um 5 Prozent auf 46,88 Euro."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-06T22:45:00+01:00"), "de")
    got = [
        (c.instrument, c.direction and c.direction.value, c.value)
        for c in x.claims
        if c.metric.value == "intraday_level"
    ]
    assert got == [("NVDA", "up", 128.77), ("ENR.DE", "down", 46.88)]


def test_a_two_day_sprint_is_a_rise_over_two_sessions() -> None:
    """ "capping a two-day sprint of nearly 6%": a rise over the last two sessions, as a tabloid says a rally."""
    text = "Shares of Nvidia jumped 2.6% to $138.85 on Friday, capping a two-day sprint of nearly 6%."
    assert read(text, "2025-02-14T17:30:00-05:00")[-1] == ("NVDA", 6.0, d("2025-02-13", "2025-02-14"))
