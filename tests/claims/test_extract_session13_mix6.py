"""Classes of reading fixed in session 13 of issue 14 by read15mix6, found in six dev articles in everyday desk styles
written and labelled before the rules were read (dev/*-mix6-*); invented sentences here, not those articles': a
record of a day's move over all history ("its worst day on record", "its biggest one-day drop ever", "der
schwärzeste Tag seiner Geschichte") is that move's record with no "since", unless it is one across companies."""

from __future__ import annotations

from datetime import datetime

import pytest

from marketfact.claims.extract import extract_claims
from tests.claims.extracted import d, read

ALL_TIME = {
    "'its worst day on record'": ("CEG plunged 20.9% on Jan. 27, its worst day on record.", "biggest_fall"),
    "'its biggest one-day drop ever'": ("CEG plunged 20.9% on Jan. 27, its biggest one-day drop ever.", "biggest_fall"),
    "'the worst session in its history'": ("CEG plunged 20.9% on Jan. 27, the worst session in its history.",
                                           "biggest_fall"),
    "'its best day on record'": ("CEG jumped 20.9% on Jan. 27, its best day on record.", "biggest_rise"),
    "'der schwärzeste Tag seiner Geschichte'": (
        "Constellation Energy brach am 27. Januar um 20,9 Prozent ein, der schwärzeste Tag seiner Geschichte.",
        "biggest_fall",
    ),
    "'der größte Tagesgewinn aller Zeiten'": (
        "Constellation Energy stieg am 27. Januar um 20,9 Prozent – der größte Tagesgewinn aller Zeiten.",
        "biggest_rise",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(ALL_TIME))
def test_a_record_of_a_days_move_over_all_history_is_that_moves_record_with_no_since(case: str) -> None:
    text, record = ALL_TIME[case]
    lang = "de" if "Prozent" in text else "en"
    x = extract_claims(text, datetime.fromisoformat("2025-02-15T07:00:00-05:00"), lang)
    got = [(c.instrument, c.record.value, c.since, r.sessions) for c, r in zip(x.claims, x.readings, strict=True)
           if c.record is not None]  # fmt: skip
    assert got == [("CEG", record, None, d("2025-01-27"))]


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia lost $593 billion on Jan. 27, the biggest one-day loss ever for a U.S. company.",
        "Nvidia fell 17% on Jan. 27, the biggest drop ever for any stock.",
        "Nvidia verlor am 27. Januar 17 Prozent, der größte Verlust in der Börsengeschichte.",
        "Nvidia had its worst week ever.",
    ],
)
def test_a_record_across_companies_or_of_a_week_or_of_money_is_no_record_of_the_day(text: str) -> None:
    lang = "de" if "Prozent" in text else "en"
    x = extract_claims(text, datetime.fromisoformat("2025-02-15T07:00:00-05:00"), lang)
    assert [c for c in x.claims if c.record is not None] == []


EXTREMES = {
    "an extreme after a move on the day of a close named before is of that day, not a span from it": (
        "Constellation Energy is still below where it stood before the Jan. 27 sell-off, when it plunged 20.9% in a "
        "single session, and at one point was down more than 22%.",
        "2025-02-15T07:00:00-05:00",
        [("CEG", 20.9, d("2025-01-27")), ("CEG", 22.0, d("2025-01-27"))],
    ),
    "an extreme in a clause with 'obwohl' after a move on the session before is of that session": (
        "Siemens Energy gewannen am Donnerstag 3,7 Prozent. Am Vortag waren die Papiere um knapp fünf Prozent "
        "gestiegen, obwohl sie zeitweise 2,5 Prozent im Minus gelegen hatten.",
        "2025-02-13T17:55:00+01:00",
        [("ENR.DE", 3.7, d("2025-02-13")), ("ENR.DE", 5.0, d("2025-02-12")), ("ENR.DE", 2.5, d("2025-02-12"))],
    ),
    "an extreme with a day of its own keeps it": (
        "Constellation Energy is still below where it stood before the Jan. 27 sell-off, when it plunged 20.9% in a "
        "single session, and on Feb. 3 at one point was down more than 5%.",
        "2025-02-15T07:00:00-05:00",
        [("CEG", 20.9, d("2025-01-27")), ("CEG", 5.0, d("2025-02-03"))],
    ),
}


@pytest.mark.parametrize("case", list(EXTREMES))
def test_a_days_extreme_after_a_move_of_one_session_is_of_that_session(case: str) -> None:
    text, published, want = EXTREMES[case]
    assert read(text, published) == want


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die SoftBank Group hat im dritten Geschäftsquartal einen Verlust von 369 Milliarden Yen geschrieben.", "de"),
        ("SoftBank Group reported a quarterly net loss of 369 billion yen.", "en"),
        ("Siemens Energy hat im Geschäftsjahr 1,3 Milliarden Euro verloren.", "de"),
    ],
)
def test_an_amount_of_a_reporting_period_with_no_market_value_wording_is_no_market_value(text: str, lang: str) -> None:
    """ "einen Verlust von 369 Milliarden Yen" in a quarter is a figure of the accounts: read as market value before."""
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T10:00:00+01:00"), lang)
    assert x.claims == []
    assert [n.kind for n in x.not_market] == ["not_market"]


def test_a_loss_of_market_value_is_still_one_when_a_quarter_is_named_with_its_wording() -> None:
    text = "Nach den Quartalszahlen büßte Microsoft am Donnerstag rund 200 Milliarden Dollar an Börsenwert ein."
    x = extract_claims(text, datetime.fromisoformat("2025-02-01T09:00:00+01:00"), "de")
    assert [(c.instrument, c.metric.value, c.value) for c in x.claims] == [("MSFT", "market_cap_change", 200.0)]


def test_a_when_clause_after_a_day_and_no_number_before_it_is_of_that_day() -> None:
    """ "… after the market closed on Wednesday, when its shares had risen 3.8%": Wednesday, with no number before
    "when" in the sentence (the loss of the quarter there is none)."""
    text = (
        "SoftBank Group dropped 3.6% on Thursday. The technology investor reported a quarterly net loss of 369 billion "
        "yen after the market closed on Wednesday, when its shares had risen 3.8%."
    )
    assert read(text, "2025-02-13T15:45:00+09:00") == [
        ("9984.T", 3.6, d("2025-02-13")),
        ("9984.T", 3.8, d("2025-02-12")),
    ]


FRONTED = {
    "a close named before the move with its own level between ('Gegenüber dem Schlusskurs von … vom 27. Januar')": (
        "SoftBank verlor am 27. Januar 8,3 Prozent. Gegenüber dem Schlusskurs von 9.681 Yen vom 27. Januar liegt die "
        "Aktie 1,8 Prozent tiefer.",
        "2025-02-14T10:00:00+01:00",
        [("9984.T", 8.3, d("2025-01-27")), ("9984.T", 9681.0, d("2025-01-27")),
         ("9984.T", 1.8, d("2025-01-28", "2025-02-14"))],
    ),
    "'an jenem Montag' after the close's level is the Monday named before in the same sentence": (
        "Von dem Einbruch des 27. Januar, als die SoftBank-Aktie 8,3 Prozent verlor, hat sie sich nicht erholt: "
        "Gegenüber dem Schlusskurs von 9.681 Yen an jenem Montag liegt sie am Donnerstag 1,8 Prozent tiefer.",
        "2025-02-14T10:00:00+01:00",
        [("9984.T", 8.3, d("2025-01-27")), ("9984.T", 9681.0, d("2025-01-27")),
         ("9984.T", 1.8, d("2025-01-28", "2025-02-13"))],
    ),
    "'its close of $275.00 that Monday' is the level of the Monday named before": (
        "Constellation Energy plunged 20.9% on Monday, Jan. 27. The stock is now 15.4% above its close of $275.00 "
        "that Monday.",
        "2025-02-15T07:00:00-05:00",
        [("CEG", 20.9, d("2025-01-27")), ("CEG", 15.4, d("2025-01-28", "2025-02-14")), ("CEG", 275.0, d("2025-01-27"))],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(FRONTED))
def test_a_close_named_with_its_level_is_the_close_measured_from_and_that_levels_day(case: str) -> None:
    text, published, want = FRONTED[case]
    assert read(text, published) == want


COLLOQUIAL = {
    "'krachte … runter'": ("Siemens Energy krachte am Montag um 4,1 Prozent auf 55,48 Euro runter.", "down"),
    "'ging es … rauf'": ("Nvidia fiel am Montag. Am Dienstag ging es dann wieder 1,7 Prozent rauf.", "up"),
    "'rauschte … hinunter'": ("Der Dax rauschte am Montag 1,4 Prozent hinunter.", "down"),
}


@pytest.mark.parametrize("case", list(COLLOQUIAL))
def test_a_colloquial_adverb_of_direction_closing_the_clause_is_the_moves_direction(case: str) -> None:
    """Tabloid German closes a verb of motion with "runter"/"rauf" as wire copy does with "abwärts"/"nach oben"."""
    text, direction = COLLOQUIAL[case]
    x = extract_claims(text, datetime.fromisoformat("2025-02-05T06:00:00+01:00"), "de")
    moves = [(c.direction.value if c.direction else None) for c in x.claims if c.metric.value == "close_change"]
    assert moves == [direction]


def test_a_days_high_told_with_the_copula_before_es_is_that_high() -> None:
    """ "Im Tageshoch waren es 22.624,57 Zähler": the day's high, not a change of 22 624 points."""
    text = (
        "Der Dax schloss am Donnerstag 2,09 Prozent höher bei 22.612,02 Punkten. Im Tageshoch waren es 22.624,57 "
        "Zähler."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-13T17:55:00+01:00"), "de")
    got = [(c.metric.value, c.direction.value if c.direction else None, c.value, r.sessions)
           for c, r in zip(x.claims, x.readings, strict=True)]  # fmt: skip
    assert got[-1] == ("intraday_level", "up", 22624.57, d("2025-02-13"))


def test_give_back_after_to_is_a_fall() -> None:
    """ "only to give back 2.6% on Tuesday": the bare form after "to", as "gave back" is."""
    text = "On Monday Constellation Energy had jumped 3.9% to $321.83, only to give back 2.6% on Tuesday."
    assert read(text, "2025-02-15T07:00:00-05:00")[-1] == ("CEG", 2.6, d("2025-02-11"))
    x = extract_claims(text, datetime.fromisoformat("2025-02-15T07:00:00-05:00"), "en")
    direction = x.claims[-1].direction
    assert direction is not None
    assert direction.value == "down"


def test_a_record_of_size_with_nicht_mehr_and_its_verb_after_is_that_moves_record() -> None:
    """ "So stark war das Papier seit dem 28. Januar nicht mehr gefallen": the biggest fall since 29 January, of the
    move told before."""
    text = "SoftBank verlor am Donnerstag 3,6 Prozent. So stark war das Papier seit dem 28. Januar nicht mehr gefallen."
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T10:00:00+01:00"), "de")
    got = [(c.instrument, c.record.value, c.since, r.sessions) for c, r in zip(x.claims, x.readings, strict=True)
           if c.record is not None]  # fmt: skip
    assert got == [("9984.T", "biggest_fall", d("2025-01-29")[0], d("2025-02-13"))]


def test_a_record_told_again_in_the_next_sentence_is_one_claim() -> None:
    """A lede's record told again in its body ("… auf ein Rekordhoch getrieben. Der Leitindex schloss … und damit auf
    einem Rekordhoch"): one record claim."""
    text = (
        "Hoffnungen auf Frieden haben den Dax am Donnerstag auf ein Rekordhoch getrieben. Der Leitindex schloss 2,09 "
        "Prozent höher bei 22.612,02 Punkten und damit auf einem Rekordhoch."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-13T17:55:00+01:00"), "de")
    assert [c.metric.value for c in x.claims].count("record") == 1
    assert [c.metric.value for c in x.claims if c.metric.value != "record"] == ["close_change", "close_level"]


def test_records_of_different_sessions_stay_apart() -> None:
    text = "Der Dax schloss am Mittwoch auf einem Rekordhoch. Am Donnerstag erreichte er erneut ein Rekordhoch."
    x = extract_claims(text, datetime.fromisoformat("2025-02-13T17:55:00+01:00"), "de")
    assert [r.sessions for c, r in zip(x.claims, x.readings, strict=True) if c.record is not None] == [
        d("2025-02-12"),
        d("2025-02-13"),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Auch Nvidia verlor am Montag 2,8 Prozent. Der Börsenwert: nur noch 2,86 Billionen Dollar.", "de"),
        ("Nvidia fell 2.8% on Monday. Market value: $2.86 trillion.", "en"),
    ],
)
def test_an_amount_after_a_colon_closing_a_noun_of_market_value_is_the_market_value(text: str, lang: str) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-05T06:00:00+01:00"), lang)
    got = [(c.instrument, c.metric.value, c.value, r.sessions) for c, r in zip(x.claims, x.readings, strict=True)]
    assert got[-1] == ("NVDA", "market_cap_level", 2.86, d("2025-02-03"))


def test_an_amount_after_a_colon_with_a_move_between_is_no_level() -> None:
    text = "Auch Nvidia verlor am Montag 2,8 Prozent. Der Börsenwert: minus 83 Milliarden Dollar."
    x = extract_claims(text, datetime.fromisoformat("2025-02-05T06:00:00+01:00"), "de")
    assert "market_cap_level" not in [c.metric.value for c in x.claims]


def test_a_percentage_gone_is_a_fall_an_amount_gone_is_not_read_so() -> None:
    """ "In zwei Tagen sind damit 6,4 Prozent futsch!": a share of the value gone, a fall over the two sessions; a dek's
    "knapp 593 Milliarden Dollar futsch!" stays as it was (no claim: the body tells that loss)."""
    text = (
        "Siemens Energy fiel am Montag 4,1 Prozent und am Dienstag 2,5 Prozent. In zwei Tagen sind damit 6,4 Prozent "
        "futsch!"
    )
    got = read(text, "2025-02-05T06:00:00+01:00")
    assert got[-1] == ("ENR.DE", 6.4, d("2025-02-03", "2025-02-04"))
    x = extract_claims(text, datetime.fromisoformat("2025-02-05T06:00:00+01:00"), "de")
    direction = x.claims[-1].direction
    assert direction is not None
    assert direction.value == "down"
    dek = extract_claims(
        "Die Anleger sind geschockt: Bei Nvidia sind knapp 593 Milliarden Dollar futsch!",
        datetime.fromisoformat("2025-01-28T08:30:00+01:00"),
        "de",
    )
    assert dek.claims == []
