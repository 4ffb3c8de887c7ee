"""Classes of German reading fixed in session 11 of issue 14 (invented sentences, not the blind sets'), by read12de:
before any claim about a company, "die Aktie" or "das Papier" out of reach of a name is the only company the article
named (a title, a reader's question) when it named only one; with two it stays no claim. A move from the close of a
day named by its fall or low to a day after "bis" ("Vom Kurssturz am 27. Januar bis Mittwoch") runs from the session
after that day, also across a clause opened by "als" with a number of its own between. A weekday said with its time
of day or its close in one word ("am Dienstagabend", "am Montagmorgen", "bis zum Donnerstagsschluss") is that day. A
level named by a noun of the close or of the day's extreme with no verb of a move ("Schlusskurs 238,75 Euro", "mit
22.148 Punkten einen Rekordschluss", "Das Tageshoch lag bei …") is that close or extreme; a close "auf dem Tagestief"
stays no intraday level. A clause with no verb after a move with the particle "selbst" ("…, am Freitag selbst um 0,4
Prozent") shares the move before it, as with "schon" and "bereits". A change in points or money joined by "oder" to
its percent ahead of the verb ("Rund 110 Punkte oder 0,5 Prozent gewann der Dax") is the same move. A sentence that
opens with "Bis" and its day ("Bis Donnerstag legte die Aktie um 3,1 Prozent zu") tells a move from the close of the
day of the claim told in the sentence before; not across a paragraph. A week named by its place in a month
("in der letzten Januarwoche", "in der ersten Februarwoche") is that week, counted by the Mondays of the month. A
close named by a weekday in the genitive after "jenes"/"dieses" ("Seit dem Schlusskurs jenes Montags", "Vom Schluss
dieses Montags bis …") is the close of that weekday the article named before, not of the latest one. A weekday said
with words of its own and then its date in apposition ("Am Montag nach dem Kurssturz, dem 3. Februar,") is that date;
a date of another weekday there is not. Past the comma that closes a day's date in apposition, a separable verb's
particle still says the move ("legte am Montag, dem 10. Februar, um 2,6 Prozent zu"). "Tagesgewinn" and
"Wochengewinn" are a market's gains, not a company's profit ("Der Tagesgewinn betrug 0,5 Prozent"); "Jahresgewinn" and
"Quartalsgewinn" stay profits. Chart marks ("eine Unterstützung bei …", "Die 200-Tage-Linie verläuft bei …") and tax
rates ("fällt eine Abgeltungsteuer von 25 Prozent an") are no market claims. A clause that opens with a number after a
move told in the pluperfect ("hatte am Montag bei 21.428 Punkten geschlossen, 1,4 Prozent unter dem Vortag") shares
that move's day. A move measured from the purchase price ("Gemessen am Kaufkurs …") runs from the close of the day
of the purchase told before ("Am Dienstag habe ich … gekauft")."""

from __future__ import annotations

from datetime import datetime

import pytest

from marketfact.claims.extract import extract_claims
from marketfact.claims.periods import resolve_period
from tests.claims.extracted import d, read

_INTRO = (
    "Im Blick: {names}\n\nDer Konzern liefert Netzteile für Rechenzentren. Der Chef gilt als vorsichtig. Neue Werke "
    "sind geplant. Die Kunden warten.\n\nAm Montag fiel die Aktie um 2,8 Prozent."
)


@pytest.mark.parametrize(
    ("names", "want"),
    [
        ("Was ist los bei Vistra?", [("VST", 2.8, d("2025-02-10"))]),
        ("Vistra und Constellation Energy im Vergleich", []),
    ],
)
def test_the_only_company_the_article_named_is_that_of_a_reference_out_of_reach(names: str, want: list) -> None:
    assert read(_INTRO.format(names=names), "2025-02-12T08:00:00+01:00") == want


@pytest.mark.parametrize(
    "text",
    [
        "Vom Kurssturz am 27. Januar bis Mittwoch holte Nvidia 9,5 Prozent auf.",
        "Vom Kurssturz am 27. Januar, als Nvidia bei 118,42 Dollar schloss, bis Mittwoch holte sie 9,5 Prozent auf.",
    ],
)
def test_a_range_from_a_fall_runs_from_the_session_after_it(text: str) -> None:
    moves = [(s, v, days) for s, v, days in read(text, "2025-02-06T08:00:00+01:00") if v == 9.5]
    assert moves == [("NVDA", 9.5, d("2025-01-28", "2025-02-05"))]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Am Dienstagabend schloss Oracle 1,0 Prozent tiefer.", d("2025-02-11")),
        ("SoftBank Group verlor am Montagmorgen in Tokio 1,2 Prozent.", d("2025-02-10")),
        (
            "Vom Schlusskurs des 7. Februar bis zum Donnerstagsschluss gewann Oracle 1,1 Prozent.",
            d("2025-02-10", "2025-02-13"),
        ),
    ],
)
def test_a_weekday_with_its_time_of_day_or_its_close_is_that_day(text: str, want: tuple) -> None:
    assert [days for _, _, days in read(text, "2025-02-14T08:00:00+01:00")] == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Schneider Electric fiel heute um 2,2 Prozent, Schlusskurs 238,75 Euro.", ("close_level", None, 238.75)),
        ("Der Dax hat heute mit 22.148 Punkten einen Rekordschluss erzielt.", ("close_level", None, 22148.0)),
        ("Siemens Energy legte heute zu. Das Tageshoch der Aktie lag bei 60,54 Euro.", ("intraday_level", "up", 60.54)),
        ("Oracle verlor heute. Ihr Tagestief lag bei 170,71 Dollar.", ("intraday_level", "down", 170.71)),
    ],
)
def test_a_level_named_by_a_noun_of_the_close_or_the_extreme(text: str, want: tuple) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-12T23:00:00+01:00"), "de")
    levels = [(c.metric.value, c.direction, c.value) for c in x.claims if c.metric.value.endswith("_level")]
    assert levels == [want]


def test_a_close_at_the_days_extreme_said_after_it_is_no_intraday_level() -> None:
    text = "Siemens Energy gab heute weitere 2,5 Prozent auf 54,12 Euro ab und schloss damit auf dem Tagestief."
    x = extract_claims(text, datetime.fromisoformat("2025-02-04T23:00:00+01:00"), "de")
    assert not [c for c in x.claims if c.metric.value == "intraday_level"]


def test_a_clause_with_no_verb_after_selbst_shares_the_move_before() -> None:
    text = "Oracle hat seit dem Schlusskurs vom 7. Februar 1,3 Prozent verloren, am Mittwoch selbst 2,8 Prozent."
    assert read(text, "2025-02-13T08:00:00+01:00") == [
        ("ORCL", 1.3, d("2025-02-10", "2025-02-12")),
        ("ORCL", 2.8, d("2025-02-12")),
    ]


def test_points_joined_by_oder_to_a_percent_before_the_verb_are_the_same_move() -> None:
    text = "Rund 110 Punkte oder 0,5 Prozent gewann der Dax heute."
    x = extract_claims(text, datetime.fromisoformat("2025-02-12T18:00:00+01:00"), "de")
    got = [(c.metric.value, c.direction, c.value, c.hedge) for c in x.claims]
    assert got == [("points_change", "up", 110.0, "rund"), ("close_change", "up", 0.5, None)]


@pytest.mark.parametrize(
    ("gap", "want"),
    [(" ", d("2025-02-11", "2025-02-13")), ("\n\n", d("2025-02-13"))],
)
def test_a_sentence_opening_with_bis_runs_from_the_day_told_before(gap: str, want: tuple) -> None:
    text = f"Oracle schloss am Montag bei 178,92 Dollar.{gap}Bis Donnerstag verlor die Aktie 2,8 Prozent."
    assert read(text, "2025-02-14T08:00:00+01:00")[-1] == ("ORCL", 2.8, want)


@pytest.mark.parametrize(
    ("words", "want"),
    [
        ("In der letzten Januarwoche", ("2025-01-27", "2025-01-31")),
        ("in der ersten Februarwoche", ("2025-02-03", "2025-02-07")),
        ("In der zweiten Februarwoche", ("2025-02-10", "2025-02-14")),
    ],
)
def test_a_week_named_by_its_place_in_a_month(words: str, want: tuple[str, str]) -> None:
    r = resolve_period(words, datetime.fromisoformat("2025-02-15T09:00:00+01:00"), "XETR", "Europe/Berlin", "de")
    assert (str(r.first), str(r.last)) == want
    text = f"{words} stieg Siemens Energy um 5 Prozent."
    assert read(text, "2025-02-15T09:00:00+01:00") == [("ENR.DE", 5.0, d(*want))]


@pytest.mark.parametrize(
    ("second", "want"),
    [
        ("Seit dem Schlusskurs jenes Montags hat die Aktie 9,3 Prozent zugelegt.", d("2025-01-28", "2025-02-11")),
        ("Vom Schluss dieses Montags bis zum Freitag legte sie 9,3 Prozent zu.", d("2025-01-28", "2025-02-07")),
    ],
)
def test_a_close_of_jenes_montags_is_that_of_the_monday_named_before(second: str, want: tuple) -> None:
    text = f"Broadcom verlor am Montag, dem 27. Januar, 17,4 Prozent. {second}"
    assert read(text, "2025-02-12T08:00:00+01:00")[-1] == ("AVGO", 9.3, want)


@pytest.mark.parametrize(
    ("day", "want"),
    [("dem 3. Februar", d("2025-02-03")), ("dem 4. Februar", d("2025-02-10"))],
)
def test_a_weekday_with_its_date_in_apposition_is_that_date(day: str, want: tuple) -> None:
    text = f"Am Montag nach dem Wochenende, {day}, fiel Alphabet um 1,4 Prozent."
    assert read(text, "2025-02-12T08:00:00+01:00") == [("GOOGL", 1.4, want)]


@pytest.mark.parametrize(
    "text",
    [
        "Oracle legte am Montag, dem 10. Februar, um 2,6 Prozent zu.",
        "Oracle gab am Dienstag, 11. Februar, 1,0 Prozent ab.",
    ],
)
def test_a_particle_after_a_date_in_apposition_closes_the_verb(text: str) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-12T08:00:00+01:00"), "de")
    assert [(c.instrument, c.direction) for c in x.claims] == [("ORCL", "up" if "zu" in text else "down")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Der Dax legte heute zu. Der Tagesgewinn betrug 0,5 Prozent.", [("^GDAXI", "up", 0.5)]),
        ("Der Dax lag heute mit einem Tagesgewinn von 110 Punkten vorn.", [("^GDAXI", "up", 110.0)]),
        ("Siemens Energy legte heute zu. Der Quartalsgewinn stieg um 5 Prozent.", []),
    ],
)
def test_a_days_gain_is_a_move_not_a_profit(text: str, want: list) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-12T18:00:00+01:00"), "de")
    assert [(c.instrument, c.direction, c.value) for c in x.claims] == want


@pytest.mark.parametrize(
    "text",
    [
        "Der Dax stieg heute. Eine Unterstützung liegt bei 21.800 Punkten, ein Widerstand bei 22.400 Punkten.",
        "Der Dax stieg heute. Die 200-Tage-Linie verläuft bei rund 20.000 Punkten.",
        "Der Dax stieg heute. Auf Gewinne fällt eine Abgeltungsteuer von 25 Prozent an.",
    ],
)
def test_chart_marks_and_tax_rates_are_no_claims(text: str) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-12T18:00:00+01:00"), "de")
    assert x.claims == []


def test_a_clause_opening_with_a_number_shares_the_day_of_a_pluperfect_move() -> None:
    text = "Der Dax hatte am Montag bei 21.428 Punkten geschlossen, 1,4 Prozent unter dem Vortag."
    assert read(text, "2025-02-06T08:00:00+01:00") == [
        ("^GDAXI", 21428.0, d("2025-02-03")),
        ("^GDAXI", 1.4, d("2025-02-03")),
    ]


def test_a_move_from_the_purchase_price_runs_from_the_day_of_the_purchase() -> None:
    text = (
        "Am Montag, 3. Februar, habe ich Broadcom-Aktien gekauft.\n\n"
        "Gestern schloss Broadcom bei 224,87 Dollar. Gemessen am Kaufkurs liege ich damit 3,3 Prozent im Plus."
    )
    assert read(text, "2025-02-08T09:00:00+01:00")[-1] == ("AVGO", 3.3, d("2025-02-04", "2025-02-07"))
