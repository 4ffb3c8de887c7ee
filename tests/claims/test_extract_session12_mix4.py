"""Classes of reading fixed in session 12 of issue 14 by read13mix2, found in six dev articles in everyday desk styles
(invented sentences, not the blind sets'): a title's claim that the story tells again is one claim, read in the story
with its day ("NIKKEI UP 0.72% AT 38,798.37" over "The Nikkei closed up 0.72% at 38,798.37"; "Dax auf Rekordhoch"
over "… hat den Dax am Donnerstag auf ein Rekordhoch getrieben"), while a title's claim the story does not repeat
stays; a figure said again in another unit between commas does not end its clause ("The S&P 500 fell 0.95%, or 57.58
points, to 6,025.99 on Friday": the day is the move's too); where a price stands now after a look back in the
pluperfect ("It had slumped 2.66% on Monday and is still down almost 2% from Friday's close") runs up to now, not to
the look back's day; a word of the day's extreme in a later conjunct is that move's, not the level's before it
("fielen um 3,3 Prozent auf 185,34 Dollar und hatten zeitweise 4,4 Prozent verloren": 185,34 Dollar is the close);
what a company is worth with adverbs between, or in German ("is still worth about $3.05 trillion", "ist an der Börse
jetzt wieder mehr als 3 Billionen Dollar wert") is its market value, while an order "10 Milliarden Euro wert" stays
no claim; in German, a present verb of standing and a word of now ("liegt die Aktie jetzt mehr als 6 Prozent im
Minus") is where the price stands now; a dash before a smaller amount is no range ("schloss bei 191,33 Dollar – 15,05
Dollar weniger als am Vortag": the close, not a range from 15.05 to 191.33); a German period opening the sentence
after "für"/"auf"/"im"/"über" is the period of a later clause that names none, and ", der Nasdaq gab …" opens no
relative clause ("Für die Woche verzeichnete der S&P 500 einen Verlust von 0,2 Prozent, der Nasdaq gab 0,5 Prozent
ab": both the week's). A noun of the close with an adverb of the day told before its colon ("Schlusskurs da: 206,38
Dollar!") names that close. Futures on an index are not the index ("S&P 500 futures fell 0.9% on the report", "Der
Dax-Future gab 1,2 Prozent nach")."""

from __future__ import annotations

from datetime import datetime

from marketfact.claims.extract import extract_claims
from marketfact.claims.numbers import find_quantities
from tests.claims.extracted import d, read


def test_a_title_the_story_tells_again_is_one_claim_read_in_the_story() -> None:
    text = (
        "TOKYO STOCKS CLOSE: NIKKEI UP 0.72% AT 38,798.37\n\nTOKYO, Feb 4 - Japan's Nikkei rebounded on Tuesday. The "
        "Nikkei closed up 0.72% at 38,798.37."
    )
    assert read(text, "2025-02-04T15:45:00+09:00") == [
        ("^N225", 0.72, d("2025-02-04")),
        ("^N225", 38798.37, d("2025-02-04")),
    ]
    x = extract_claims(text, datetime.fromisoformat("2025-02-04T15:45:00+09:00"), "en")
    told = [n for n in x.not_market if n.sentence_index == 0]
    assert [n.text for n in told] == ["0.72%", "38,798.37"]
    assert all("told again in the story" in n.reason for n in told)


def test_a_title_record_the_lede_tells_again_is_one_record() -> None:
    text = (
        "Friedenshoffnung treibt Dax auf Rekordhoch\n\nFRANKFURT - Die Hoffnung auf Frieden hat den Dax am Donnerstag "
        "auf ein Rekordhoch getrieben. Der Dax schloss 2,1 Prozent höher."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-13T18:05:00+01:00"), "de")
    records = [
        (c.instrument, r.sessions) for c, r in zip(x.claims, x.readings, strict=True) if c.metric.value == "record"
    ]
    assert records == [("^GDAXI", d("2025-02-13"))]


def test_a_title_figure_the_story_does_not_repeat_stays_and_a_lede_paragraph_is_no_title() -> None:
    text = "Nvidia jumps 5.2% as chip stocks rally\n\nBroadcom rose 4.3% on Wednesday."
    assert [c for c, _, _ in read(text, "2025-02-05T17:00:00-05:00")] == ["NVDA", "AVGO"]
    lede = "Nvidia rose 5.2% on Wednesday.\n\nNvidia rose 5.2% on Wednesday, and Broadcom 4.3%."
    assert len(read(lede, "2025-02-05T17:00:00-05:00")) == 3  # the first paragraph ends as a sentence: no title


def test_a_figure_said_again_between_commas_leaves_the_day_and_level_after_it_to_the_move() -> None:
    wire = "The S&P 500 fell 0.95%, or 57.58 points, to 6,025.99 on Friday."
    assert read(wire, "2025-02-07T17:30:00-05:00") == [
        ("^GSPC", 0.95, d("2025-02-07")),
        ("^GSPC", 57.58, d("2025-02-07")),
        ("^GSPC", 6025.99, d("2025-02-07")),
    ]
    german = (
        "Der Dax verlor am Freitag 0,5 Prozent. Am Montag verlor er 1,4 Prozent, oder 304 Punkte, auf 21.428 Punkte."
    )
    assert read(german, "2025-02-03T18:00:00+01:00") == [
        ("^GDAXI", 0.5, d("2025-01-31")),
        ("^GDAXI", 1.4, d("2025-02-03")),
        ("^GDAXI", 304.0, d("2025-02-03")),
        ("^GDAXI", 21428.0, d("2025-02-03")),
    ]


def test_where_a_price_stands_now_after_a_pluperfect_look_back_runs_up_to_now() -> None:
    text = (
        "The Nikkei closed up 0.72% on Tuesday. It had slumped 2.66%, or 1,052.40 points, on Monday and is still down "
        "almost 2% from Friday's close."
    )
    assert read(text, "2025-02-04T15:45:00+09:00") == [
        ("^N225", 0.72, d("2025-02-04")),
        ("^N225", 2.66, d("2025-02-03")),
        ("^N225", 1052.4, d("2025-02-03")),
        ("^N225", 2.0, d("2025-02-03", "2025-02-04")),
    ]
    told = "Nvidia rose 2.9% on Monday and is now 8% below its Jan. 24 close."  # no look back: Monday ends it
    assert read(told, "2025-02-11T17:00:00-05:00")[-1] == ("NVDA", 8.0, d("2025-01-27", "2025-02-10"))


def test_a_word_of_the_extreme_in_a_later_conjunct_leaves_the_level_before_it_a_close() -> None:
    text = (
        "Die Aktien von Alphabet fielen am Freitag um 3,3 Prozent auf 185,34 Dollar und hatten zeitweise 4,4 Prozent "
        "verloren."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-07T22:40:00+01:00"), "de")
    assert [(c.metric.value, c.value) for c in x.claims] == [
        ("close_change", 3.3),
        ("close_level", 185.34),
        ("intraday_extreme", 4.4),
    ]
    own = "Alphabet fell 3.3% to $185.34 on Friday and at one point touched $183.24."
    x = extract_claims(own, datetime.fromisoformat("2025-02-07T17:30:00-05:00"), "en")
    assert [(c.metric.value, c.value) for c in x.claims][1:] == [("close_level", 185.34), ("intraday_level", 183.24)]


def test_what_a_company_is_worth_with_adverbs_or_in_german_is_its_market_value() -> None:
    cases = [
        ("Nvidia inched up 0.8% on Thursday. The chip giant is still worth about $3.05 trillion.", "en", 3.05),
        (
            "Nvidia kletterte am Mittwoch um 5,2 Prozent und ist an der Börse jetzt wieder mehr als 3 Billionen Dollar "
            "wert.",
            "de",
            3.0,
        ),
    ]
    for text, lang, value in cases:
        x = extract_claims(text, datetime.fromisoformat("2025-02-06T06:30:00+01:00"), lang)
        levels = [(c.instrument, c.value, c.scale) for c in x.claims if c.metric.value == "market_cap_level"]
        assert levels == [("NVDA", value, "trillion")]
    order = "Der Auftrag ist 10 Milliarden Euro wert, Siemens Energy stieg am Mittwoch um 3 Prozent."
    x = extract_claims(order, datetime.fromisoformat("2025-02-06T06:30:00+01:00"), "de")
    assert [c.metric.value for c in x.claims] == ["close_change"]


def test_where_a_price_stands_now_in_german_runs_up_to_now_not_to_the_paragraphs_day() -> None:
    text = (
        "Alphabet ist am Mittwoch um 7,3 Prozent abgestürzt.\n\nDabei war das Papier noch am Dienstag auf ein "
        "Rekordhoch geklettert. Gegenüber dem Schlusskurs vom Freitag liegt die Aktie jetzt mehr als 6 Prozent im "
        "Minus."
    )
    assert read(text, "2025-02-06T06:30:00+01:00")[-1] == ("GOOGL", 6.0, d("2025-02-03", "2025-02-05"))


def test_a_dash_before_a_smaller_amount_is_no_range() -> None:
    text = (
        "Alphabet ist am Mittwoch abgestürzt. Die Aktie schloss bei 191,33 Dollar – 15,05 Dollar weniger als am Vortag."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-06T06:30:00+01:00"), "de")
    # the amount after the dash is the change from the day before (session 13: "… weniger als am Vortag")
    assert [(c.metric.value, c.value, c.range) for c in x.claims] == [
        ("close_level", 191.33, None),
        ("points_change", 15.05, None),
    ]
    assert find_quantities("Ein Plus von 5–6 Prozent", "de")[0].high == 6.0  # upwards: still a range


def test_a_week_opening_a_german_sentence_is_the_period_of_a_later_clause_with_another_index() -> None:
    text = (
        "Die US-Aktien schlossen am Freitag niedriger. Für die Woche verzeichnete der S&P 500 einen Verlust von 0,2 "
        "Prozent, der Nasdaq gab 0,5 Prozent ab."
    )
    week = d("2025-02-03", "2025-02-07")
    assert read(text, "2025-02-07T22:40:00+01:00") == [("^GSPC", 0.2, week), ("^IXIC", 0.5, week)]


def test_a_noun_of_the_close_with_an_adverb_before_its_colon_names_that_close() -> None:
    text = "Alphabet schloss am Dienstag auf Rekordhoch. Schlusskurs da: 206,38 Dollar!"
    x = extract_claims(text, datetime.fromisoformat("2025-02-06T06:30:00+01:00"), "de")
    levels = [
        (c.value, r.sessions) for c, r in zip(x.claims, x.readings, strict=True) if c.metric.value == "close_level"
    ]
    assert levels == [(206.38, d("2025-02-04"))]


def test_futures_on_an_index_are_not_the_index() -> None:
    text = "The S&P 500 slipped 0.27% on Wednesday. S&P 500 futures fell 0.9% on the report."
    x = extract_claims(text, datetime.fromisoformat("2025-02-12T16:20:00-05:00"), "en")
    assert [c.value for c in x.claims] == [0.27]
    assert [(n.text, n.kind) for n in x.not_market] == [("0.9%", "not_market")]
    german = "Der Dax schloss am Freitag 0,5 Prozent tiefer. Der Dax-Future gab am Montagmorgen 1,2 Prozent nach."
    x = extract_claims(german, datetime.fromisoformat("2025-02-03T08:00:00+01:00"), "de")
    assert [c.value for c in x.claims] == [0.5]
