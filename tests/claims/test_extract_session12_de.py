"""Classes of German reading fixed in session 12 of issue 14 (invented sentences, not the blind sets'), by read13de: an
exclamation with no number that names one day, also as the last part of a hyphenated compound ("Achterbahn-
Donnerstag an der Wall Street!", "Was für ein Crash-Freitag!"), is the day the claims after it tell when they name
none; outside an exclamation such a compound may name an event's day of weeks ago ("seit dem Deepseek-Montag") and
stays no day. A reference as the first subject of a sentence with no number ("Danach fasste der Titel wieder
Tritt.") names again what it refers to, for an impersonal "es" after it. A day right after "und" that follows a
number is the next number's ("am Dienstag 2,6 Prozent und am Mittwoch nochmals 1,0 Prozent"). "der schlimmste Tag
seit …" is a record fall. An amount in billions right before "wert" whose copula and company subject stand before it
("Er ist an der Börse damit rund 3,4 Billionen Dollar wert") is the company's market value. A gain said to come to a
percent ("summiert sich der Gewinn damit auf 1,7 Prozent") is a move, not a level. A percent in an apposition right
after a level reached "bis auf" with an intraday word ("zwischenzeitlich bis auf 748,68 Dollar, ein Abschlag von 3,6
Prozent") is the same extreme in percent. A record close said with a span ("beendete die Woche mit 22.513 Punkten
auf Rekordniveau") is one session's, the last of the span, as its level is. A move since a weekday's close said in
one word ("seit dem Dienstagsschluss") runs from the session after that day. So is a day named by a compound noun of
its fall with its date in parentheses ("Seit dem Zoll-Ausverkauf (3. Februar)"). "gutgemacht" and "wettgemacht" are
a rise. A clause whose only verb is a copula with "das"/"es" ("Pro Aktie waren das 4,97 Dollar", "seit dem
Schlusskurs vom 7. Februar sind es 1,7 Prozent") says the move told right before again, in its direction; not with a
word of contrast or a span it cannot read. A clause with no verb after "allein" shares the move before ("am Freitag
allein 1,2 Prozent"), as after "selbst". A price "mit" which a share went "aus dem Handel" is its close. A clause
opened right after a colon ("Zur Erinnerung: Die Aktie … war am Montag, dem 10. Februar, …") is no aside. A fraction
of a company's value ("fast ein Fünftel ihres Werts") is that many percent."""

from __future__ import annotations

from datetime import datetime

import pytest

from marketfact.claims.extract import extract_claims
from tests.claims.extracted import d, read

_TABLOID = (
    "KURSBEBEN!\n\nAnleger flüchten – Oracle verliert 3 Prozent\n\n{cry} Die Aktie von Oracle fiel um 2,8 Prozent.\n\n"
    "Auch Broadcom gab 2,8 Prozent nach."
)


@pytest.mark.parametrize(
    ("cry", "day"),
    [
        ("Crash-Mittwoch an der Wall Street!", "2025-02-12"),
        ("Was für ein Schock-Dienstag!", "2025-02-11"),
    ],
)
def test_an_exclamation_naming_one_day_is_the_day_of_the_claims_after_it(cry: str, day: str) -> None:
    got = read(_TABLOID.format(cry=cry), "2025-02-13T07:00:00+01:00")
    assert got[1:] == [("ORCL", 2.8, d(day)), ("AVGO", 2.8, d(day))]


def test_a_compound_day_outside_an_exclamation_is_no_day() -> None:
    got = read("Seit dem Deepseek-Montag hat der Dax gut 6 Prozent gewonnen.", "2025-02-14T18:00:00+01:00")
    assert got == [] or all(sessions != d("2025-02-10") for _, _, sessions in got)


_CHAIN = (
    "Der Versorger Vistra meldet neue Verträge.\n\nAm Montag verlor die Aktie 1,8 Prozent. Der Markt war nervös. Die "
    "Zinsen stiegen. Händler sprachen von Gewinnmitnahmen.\n\n{ref} Am Dienstag ging es um 0,9 Prozent aufwärts."
)


@pytest.mark.parametrize(
    ("ref", "want"),
    [
        ("Danach fing sich das Papier.", [("VST", 1.8, d("2025-02-10")), ("VST", 0.9, d("2025-02-11"))]),
        ("Danach wurde es ruhiger.", [("VST", 1.8, d("2025-02-10"))]),  # no reference: 'es' finds no name in reach
    ],
)
def test_a_reference_in_a_sentence_with_no_number_names_again_what_it_refers_to(ref: str, want: list) -> None:
    assert read(_CHAIN.format(ref=ref), "2025-02-14T18:00:00+01:00") == want


@pytest.mark.parametrize(
    "text",
    [
        "Oracle gewann am Montag 2,6 Prozent und am Dienstag nochmals 1,0 Prozent.",
        "Oracle stieg am Montag um 2,6 Prozent und am Dienstag um weitere 1,0 Prozent.",
        "Oracle stieg am Montag um 2,6 Prozent, und am Dienstag um weitere 1,0 Prozent.",
    ],
)
def test_a_day_after_und_that_follows_a_number_is_the_next_numbers(text: str) -> None:
    assert read(text, "2025-02-14T18:00:00+01:00") == [("ORCL", 2.6, d("2025-02-10")), ("ORCL", 1.0, d("2025-02-11"))]


def test_a_day_right_after_its_number_stays_that_numbers() -> None:
    got = read("Nvidia fell 17% on Monday and 9% on Tuesday.", "2025-01-31T18:00:00-05:00")
    assert got == [("NVDA", 17.0, d("2025-01-27")), ("NVDA", 9.0, d("2025-01-28"))]


@pytest.mark.parametrize(
    "text",
    [
        "Oracle fiel am Mittwoch um 2,8 Prozent. Es war der schlimmste Tag für Oracle seit dem 3. Februar.",
        "Oracle erlebte am Mittwoch mit minus 2,8 Prozent den schlimmsten Tag seit dem 3. Februar.",
    ],
)
def test_der_schlimmste_tag_is_a_record_fall(text: str) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T18:00:00+01:00"), "de")
    records = [(c.instrument, c.record.value if c.record else None, str(c.since)) for c in x.claims if c.record]
    assert records == [("ORCL", "biggest_fall", "2025-02-04")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Nvidia stieg am Montag um 2,9 Prozent. Damit ist der Konzern rund 3,3 Billionen Dollar wert.", 3.3),
        ("Nvidia stieg am Montag um 2,9 Prozent. Er ist an der Börse jetzt 3,3 Billionen Dollar wert.", 3.3),
        ("Nvidia stieg am Montag um 2,9 Prozent. Der Auftrag ist 3 Milliarden Dollar wert.", None),
    ],
)
def test_an_amount_a_company_is_wert_is_its_market_value(text: str, want: float | None) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T18:00:00+01:00"), "de")
    levels = [c.value for c in x.claims if c.metric.value == "market_cap_level"]
    assert levels == ([want] if want else [])


@pytest.mark.parametrize(
    "text",
    [
        "Oracle gewann am Mittwoch 2,3 Prozent. Binnen zwei Tagen summiert sich der Gewinn damit auf 3,1 Prozent.",
        "Oracle gewann am Mittwoch 2,3 Prozent. Seit Montag beläuft sich der Gewinn auf 3,1 Prozent.",
    ],
)
def test_a_gain_coming_to_a_percent_is_a_move(text: str) -> None:
    assert [v for _, v, _ in read(text, "2025-02-14T18:00:00+01:00")] == [2.3, 3.1]


def test_a_profit_coming_to_an_amount_stays_no_claim() -> None:
    text = "Oracle gewann am Mittwoch 2,3 Prozent. Der Gewinn stieg im Quartal auf 3,1 Milliarden Dollar."
    assert read(text, "2025-02-14T18:00:00+01:00") == [("ORCL", 2.3, d("2025-02-12"))]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Oracle fiel am Mittwoch zeitweise bis auf 170,10 Dollar, ein Minus von 4,0 Prozent.", "intraday_extreme"),
        ("Oracle stieg am Mittwoch in der Spitze bis auf 180,10 Dollar, ein Plus von 2,0 Prozent.", "intraday_extreme"),
        ("Oracle fiel am Mittwoch zeitweise um 4 Prozent und schloss bei 170,10 Dollar, ein Minus von 2,8 Prozent.",
         "close_change"),
    ],
)  # fmt: skip
def test_a_percent_in_apposition_after_an_intraday_level_bis_auf_is_that_extreme(text: str, metric: str) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T18:00:00+01:00"), "de")
    last = x.claims[-1]
    assert last.metric.value == metric
    assert last.value in (2.0, 2.8, 4.0)


@pytest.mark.parametrize(
    "text",
    [
        "Der Dax beendete die Woche mit 22.513 Punkten auf Rekordniveau.",
        "Auf Wochensicht liegt der Dax mit 22.513 Punkten auf einem Rekordhoch.",
    ],
)
def test_a_record_close_said_with_a_span_is_the_last_sessions(text: str) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-15T09:00:00+01:00"), "de")
    records = [r.sessions for c, r in zip(x.claims, x.readings, strict=True) if c.record]
    assert records == [d("2025-02-14")]


@pytest.mark.parametrize(
    "text",
    [
        "Oracle hat seit dem Dienstagsschluss 3,9 Prozent gewonnen.",
        "Vom Dienstagsschlusskurs aus gerechnet hat Oracle 3,9 Prozent gewonnen.",
    ],
)
def test_a_move_since_a_weekdays_close_in_one_word_runs_from_the_session_after(text: str) -> None:
    assert read(text, "2025-02-08T10:00:00+01:00") == [("ORCL", 3.9, d("2025-02-05", "2025-02-07"))]


@pytest.mark.parametrize(
    "text",
    [
        "Seit dem Crash-Montag (10. Februar) hat Oracle 3,9 Prozent gewonnen.",
        "Oracle hat seit dem Zoll-Ausverkauf (10. Februar) 3,9 Prozent gewonnen.",
    ],
)
def test_a_compound_noun_of_a_fall_with_its_date_is_the_close_a_move_runs_from(text: str) -> None:
    assert read(text, "2025-02-15T10:00:00+01:00") == [("ORCL", 3.9, d("2025-02-11", "2025-02-14"))]


@pytest.mark.parametrize("verb", ["gutgemacht", "wettgemacht"])
def test_gutgemacht_and_wettgemacht_are_a_rise(verb: str) -> None:
    text = f"Oracle fiel am Montag um 2 Prozent. Seitdem hat die Aktie 3,9 Prozent {verb}."
    x = extract_claims(text, datetime.fromisoformat("2025-02-15T10:00:00+01:00"), "de")
    assert [(c.value, c.direction) for c in x.claims] == [(2.0, "down"), (3.9, "up")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Oracle fiel am Mittwoch um 2,8 Prozent auf 172,22 Dollar. Pro Aktie waren das 4,97 Dollar.", 4.97),
        ("Der Dax gewann am Mittwoch 0,5 Prozent. Das waren 110 Punkte.", 110.0),
        ("Der Dax gewann am Mittwoch 0,5 Prozent, seit dem Schlusskurs vom 7. Februar sind es 1,7 Prozent.", 1.7),
        ("Der Dax gewann am Mittwoch 0,5 Prozent, seit Jahresbeginn sind es aber 11 Prozent.", None),
        ("Der Dax gewann am Mittwoch 0,5 Prozent. In der abgelaufenen Woche waren es 1,7 Prozent.", None),
    ],
)
def test_das_or_es_with_a_copula_says_the_move_before_again(text: str, want: float | None) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-13T07:30:00+01:00"), "de")
    again = [(c.value, c.direction) for c in x.claims[1:] if c.value != 172.22]
    assert again == ([(want, "down" if "fiel" in text else "up")] if want else [])


def test_a_clause_with_no_verb_after_allein_shares_the_move_before() -> None:
    text = "Oracle hat seit dem Dienstagsschluss 3,9 Prozent gewonnen, am Freitag allein 1,2 Prozent."
    assert read(text, "2025-02-08T10:00:00+01:00") == [
        ("ORCL", 3.9, d("2025-02-05", "2025-02-07")),
        ("ORCL", 1.2, d("2025-02-07")),
    ]


def test_a_price_mit_which_a_share_went_aus_dem_handel_is_its_close() -> None:
    x = extract_claims(
        "Die Oracle-Aktie ging am Montag mit 178,92 Dollar aus dem Handel.",
        datetime.fromisoformat("2025-02-15T10:00:00+01:00"),
        "de",
    )
    assert [(c.metric.value, c.value) for c in x.claims] == [("close_level", 178.92)]


def test_a_clause_opened_after_a_colon_is_no_aside() -> None:
    text = "Zur Erinnerung: Die Aktie von Oracle war am Montag, dem 10. Februar, um 2,6 Prozent gestiegen."
    assert read(text, "2025-02-15T10:00:00+01:00") == [("ORCL", 2.6, d("2025-02-10"))]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Oracle verlor am Mittwoch fast ein Fünftel ihres Werts.", [("ORCL", 20.0, "fast")]),
        ("Oracle verlor am Mittwoch mehr als ein Viertel ihres Börsenwerts.", [("ORCL", 25.0, "mehr als")]),
        ("Oracle erzielt ein Drittel des Umsatzes in Europa.", []),
    ],
)
def test_a_fraction_of_a_companys_value_is_a_percent_move(text: str, want: list) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-14T18:00:00+01:00"), "de")
    assert [(c.instrument, c.value, c.hedge) for c in x.claims] == want
