"""Classes of German reading fixed in session 10 of issue 14 (invented sentences, not the blind sets'): a day said in
an insertion between the subject and its verb, with a number of its own (", am Dienstag mit einem Plus von 0,8
Prozent gut gelaufen,", "– am Dienstag noch unverändert bei 235,04 Dollar aus dem Handel gegangen –") is that
number's day, not the main verb's: the main verb's move keeps the story's day, and so does the next sentence; a move
in parentheses right after a name ("die Holding SoftBank Group (plus 3,8 Prozent) war gefragt") is that name's, also
where the name stands in what reads as an aside; a move from a named close to a later day ("Vom Schlusskurs des 28.
Januar bis zum Donnerstag") and a buyer's gain ("Wer am 28. Januar Oracle-Aktien kaufte, lag am Donnerstag 3,9
Prozent im Plus"; "am selben Tag" after it) run from the session after the close named; a day carried over from the
title, a dateline or a lede ("Guten Morgen, Donnerstag, 6. Februar 2025") whose session had not opened on the
claim's exchange when the article appeared is the session before it; "an diesem Tag", "am selben Tag" in a clause
naming no period is the day named last before it (in the sentence, else in the sentences before); a clause with no
verb after a move that holds an intraday word (", im Handelsverlauf zeitweise um mehr als 3 Prozent") is that move
at the day's extreme; a look back in the pluperfect with its auxiliary last ("die am Montag 2,9 Prozent gewonnen
hatten") does not become the story's day, nor does any day once a claim was told with one, and a move put on the
session before a title's day that had not opened makes that day the story's, and a move since a close told then runs
to the session before it; what "fehlt" to a named close ("Zum Schlusskurs vom 24. Januar fehlen noch 5,1 Prozent")
is a fall since it; in a recovery "vom Einbruch am Montag" the fall's day and direction are not the move's; "So
teuer war die Aktie noch nie", "so hoch stand er noch nie" is a record close. By read11de: an interviewer's turn
with no figure that ends in a question ("In Paris standen am Mittwoch die Elektrowerte unter Druck. Woran lag das?")
sets the day of the answer after it; a clause with no verb after a particle ("am Montag bereits 2,2 Prozent", "am
Freitag schon 1,2 Prozent") shares the move of the clause before; "am Vorabend" is the session before the story's
day; a date written short ("am 10.2.", "vom 29.1.") is that day; a move since a named close runs to the story's day,
not to a day in parentheses before it ("Oracle (plus 2,6 Prozent am 10.2.) …: Seit dem Schlusskurs vom 7.2. …"). A
day in a clause whose only number is no price ("Die Rendite von 2,5 Prozent hat heute in Tokio keine Rolle
gespielt:") belongs to the moves after it. "ein Rekordschluss" after a level and "den tiefsten Stand ihrer
Geschichte" are records of the close. A record said as missed ("verfehlte einen Rekordschluss", "blieb verwehrt") is
none, one with its own day ("Von seinem Rekordschluss vom Freitag ist er nicht mehr weit entfernt") still is. A
clause that shares the verb before it may carry a place ("Oracle an der Wall Street um 2,6 Prozent") or an adjective
("der technologielastige Nasdaq Composite um 1 Prozent"). A level in a clause with no verb that holds an intraday
word ("…, zeitweise bis auf 224,11 Dollar") is the day's extreme in the direction of the move before it. "4,5
Prozent weniger als am 24. Januar" right after a number is a move from that day's close; "1,5 Prozent weniger
produziert als im Vormonat" is none."""

from __future__ import annotations

from datetime import datetime

import pytest

from marketfact.claims.extract import extract_claims
from tests.claims.extracted import d, read

CASES = {
    "a day in an insertion between commas is its own number's": (
        "Der Dax legte am Mittwoch um 0,5 Prozent zu.\n\nDie Titel von Schneider Electric, am Dienstag mit einem Plus "
        "von 0,8 Prozent gut gelaufen, verloren 2,2 Prozent auf 238,75 Euro. Siemens Energy stiegen um 5 Prozent.",
        "2025-02-12T18:30:00+01:00",
        [
            ("^GDAXI", 0.5, d("2025-02-12")),
            ("SU.PA", 0.8, d("2025-02-11")),
            ("SU.PA", 2.2, d("2025-02-12")),
            ("SU.PA", 238.75, d("2025-02-12")),
            ("ENR.DE", 5.0, d("2025-02-12")),
        ],
    ),
    "a day in an insertion between dashes is its own number's": (
        "Der Dax legte am Mittwoch um 0,5 Prozent zu.\n\nBroadcom – am Dienstag noch unverändert bei 235,04 Dollar aus "
        "dem Handel gegangen – gewannen 0,6 Prozent. Oracle fielen um 2,8 Prozent.",
        "2025-02-12T23:30:00+01:00",
        [
            ("^GDAXI", 0.5, d("2025-02-12")),
            ("AVGO", 235.04, d("2025-02-11")),
            ("AVGO", 0.6, d("2025-02-12")),
            ("ORCL", 2.8, d("2025-02-12")),
        ],
    ),
    # not an insertion: the first clause has a move of its own, so its day is the sentence's main move's
    "a day in the first clause is still shared": (
        "Am Dienstag fiel Oracle um 1 Prozent, Broadcom stiegen um 0,6 Prozent.",
        "2025-02-12T23:30:00+01:00",
        [("ORCL", 1.0, d("2025-02-11")), ("AVGO", 0.6, d("2025-02-11"))],
    ),
    "a move in parentheses right after a name is that name's": (
        "Der Nikkei 225 schloss am Mittwoch 0,4 Prozent höher, die Holding SoftBank Group (plus 3,8 Prozent) war "
        "besonders gefragt.",
        "2025-02-12T09:00:00+01:00",
        [("^N225", 0.4, d("2025-02-12")), ("9984.T", 3.8, d("2025-02-12"))],
    ),
    "from a named close to a later day, read as one range": (
        "Vom Schlusskurs des 28. Januar bis zum Donnerstag legte Siemens Energy 9,2 Prozent zu.",
        "2025-01-31T08:00:00+01:00",
        [("ENR.DE", 9.2, d("2025-01-29", "2025-01-30"))],
    ),
    "from a named close to a later day, a clause between": (
        "Vom Schlusskurs des 3. Februar, als die Zollsorgen die Börsen belasteten, bis zu diesem Donnerstag gewann "
        "TSMC 5,4 Prozent.",
        "2025-02-07T08:00:00+01:00",
        [("TSM", 5.4, d("2025-02-04", "2025-02-06"))],
    ),
    "a buyer's gain from the close of the day of purchase": (
        "Wer am 28. Januar Oracle-Aktien kaufte, lag am Donnerstag 3,9 Prozent im Plus.",
        "2025-01-31T08:00:00+01:00",
        [("ORCL", 3.9, d("2025-01-29", "2025-01-30"))],
    ),
    "the same day as the purchase told before": (
        "Wer am 28. Januar Oracle-Aktien kaufte, lag am Donnerstag 3,9 Prozent im Plus. Wer am selben Tag "
        "Siemens-Energy-Aktien gekauft hatte, lag am Donnerstag 9,2 Prozent im Plus.",
        "2025-01-31T08:00:00+01:00",
        [("ORCL", 3.9, d("2025-01-29", "2025-01-30")), ("ENR.DE", 9.2, d("2025-01-29", "2025-01-30"))],
    ),
    # buyers told of as a fact, not who bought: the move is the day's
    "buying on a day is no purchase to measure from": (
        "Anleger kauften am Dienstag Nvidia-Aktien, die Aktie stieg um 8,9 Prozent.",
        "2025-01-29T08:00:00+01:00",
        [("NVDA", 8.9, d("2025-01-28"))],
    ),
    "a title's day whose session had not opened: the session before": (
        "Guten Morgen, Donnerstag, 6. Februar 2025\n\n- Wall Street: Der Nasdaq Composite stieg um 0,2 Prozent. "
        "Alphabet brachen um 7,3 Prozent ein.",
        "2025-02-06T07:00:00+01:00",
        [("^IXIC", 0.2, d("2025-02-05")), ("GOOGL", 7.3, d("2025-02-05"))],
    ),
    "a title's day whose session had opened stays": (
        "Börse am Donnerstag, 6. Februar 2025\n\nDer Dax stieg bis zum Nachmittag um 1,5 Prozent.",
        "2025-02-06T16:00:00+01:00",
        [("^GDAXI", 1.5, d("2025-02-06"))],
    ),
    "'an diesem Tag' after a day told in the sentence before": (
        "Der Dax schloss am Freitag bei 21.787 Punkten.\n\nAm Mittwoch stellte Nvidia ein neues Produkt vor. Die "
        "Aktie gewann an diesem Tag 5,2 Prozent.",
        "2025-02-08T10:00:00+01:00",
        [("^GDAXI", 21787.0, d("2025-02-07")), ("NVDA", 5.2, d("2025-02-05"))],
    ),
    "'am selben Tag' after a day of a relative clause": (
        "Der Dax schloss am Freitag bei 21.787 Punkten.\n\nBroadcom, deren Rivale am Montag Zahlen vorlegte, verlor "
        "am selben Tag 1,6 Prozent.",
        "2025-02-08T10:00:00+01:00",
        [("^GDAXI", 21787.0, d("2025-02-07")), ("AVGO", 1.6, d("2025-02-03"))],
    ),
    "a verbless clause with an intraday word after a move: its extreme": (
        "Oracle legten am Montag um 2,6 Prozent zu, im Handelsverlauf zeitweise um mehr als 3 Prozent.",
        "2025-02-11T08:00:00+01:00",
        [("ORCL", 2.6, d("2025-02-10")), ("ORCL", 3.0, d("2025-02-10"))],
    ),
    "a relative clause's pluperfect before the open does not set the story's day": (
        "Börse vor Handelsbeginn – Mittwoch, 12. Februar 2025\n\nNvidia, die am Montag 2,9 Prozent gewonnen hatten, "
        "gaben 0,6 Prozent nach. Microsoft verloren 0,2 Prozent.",
        "2025-02-12T07:30:00+01:00",
        [("NVDA", 2.9, d("2025-02-10")), ("NVDA", 0.6, d("2025-02-11")), ("MSFT", 0.2, d("2025-02-11"))],
    ),
    "a move since a close, before the open: to the session before the title's day": (
        "Vor dem Start – Mittwoch, 12. Februar 2025\n\nSeit dem Schlusskurs vom Freitag hat Broadcom 4,5 Prozent "
        "gewonnen.",
        "2025-02-12T07:45:00+01:00",
        [("AVGO", 4.5, d("2025-02-10", "2025-02-11"))],
    ),
    "what is missing to a named close is a fall since it": (
        "Oracle schloss am Freitag bei 174,16 Dollar. Zum Schlusskurs vom 24. Januar fehlen noch 5,1 Prozent.",
        "2025-02-15T09:00:00+01:00",
        [("ORCL", 174.16, d("2025-02-14")), ("ORCL", 5.1, d("2025-01-27", "2025-02-14"))],
    ),
    "a recovery from a fall of a named day: neither its day nor its direction": (
        "Der Dax legte am Dienstag um 0,7 Prozent zu. Nvidia erholten sich vom Einbruch am Montag um 8,9 Prozent.",
        "2025-01-28T23:00:00+01:00",
        [("^GDAXI", 0.7, d("2025-01-28")), ("NVDA", 8.9, d("2025-01-28"))],
    ),
    "the day said in an interviewer's turn ending in a question is the answer's": (
        "Der Dax hat heute 2,1 Prozent gewonnen.\n\nIn Paris standen am Mittwoch die Elektrowerte unter Druck. Woran "
        "lag das?\n\nSchneider Electric gab 2,2 Prozent nach, auf 238,75 Euro. Das war keine Überraschung.",
        "2025-02-13T19:00:00+01:00",
        [("^GDAXI", 2.1, d("2025-02-13")), ("SU.PA", 2.2, d("2025-02-12")), ("SU.PA", 238.75, d("2025-02-12"))],
    ),
    "a turn whose statement holds a figure sets no scene": (
        "Der Dax hat heute 2,1 Prozent gewonnen.\n\nAm Mittwoch schloss Schneider Electric bei 238,75 Euro. Und "
        "dann?\n\nSchneider Electric gab 1,1 Prozent nach.",
        "2025-02-13T19:00:00+01:00",
        [("^GDAXI", 2.1, d("2025-02-13")), ("SU.PA", 238.75, d("2025-02-12")), ("SU.PA", 1.1, d("2025-02-13"))],
    ),
    "a clause with no verb after a particle shares the move before": (
        "Oracle hat am Montag 2,6 Prozent gewonnen, am Freitag schon 1,2 Prozent. In Paris legte Schneider Electric "
        "am Dienstag 0,8 Prozent zu, am Montag bereits 2,2 Prozent.",
        "2025-02-12T08:00:00+01:00",
        [
            ("ORCL", 2.6, d("2025-02-10")),
            ("ORCL", 1.2, d("2025-02-07")),
            ("SU.PA", 0.8, d("2025-02-11")),
            ("SU.PA", 2.2, d("2025-02-10")),
        ],
    ),
    "am Vorabend: the session before the story's day": (
        "Der Dax stieg heute um 2,1 Prozent. Broadcom hatte am Vorabend in New York 0,6 Prozent zugelegt.",
        "2025-02-13T20:00:00+01:00",
        [("^GDAXI", 2.1, d("2025-02-13")), ("AVGO", 0.6, d("2025-02-12"))],
    ),
    "a date written short is that day": (
        "Der Dax schloss am Mittwoch 0,5 Prozent höher. Broadcom (plus 4,5 Prozent am 10.2.) bleibt gefragt. "
        "Siemens Energy stieg am 12.2. um 5 Prozent.",
        "2025-02-13T08:00:00+01:00",
        [("^GDAXI", 0.5, d("2025-02-12")), ("AVGO", 4.5, d("2025-02-10")), ("ENR.DE", 5.0, d("2025-02-12"))],
    ),
    "a move since a close runs past a day in parentheses to the story's day": (
        "Der Dax schloss am Mittwoch 0,5 Prozent höher.\n\nOracle (plus 2,6 Prozent am 10.2.) gab zuletzt nach: Seit "
        "dem Schlusskurs vom 7.2. summiert sich das Minus auf 1,3 Prozent.",
        "2025-02-13T08:00:00+01:00",
        [
            ("^GDAXI", 0.5, d("2025-02-12")),
            ("ORCL", 2.6, d("2025-02-10")),
            ("ORCL", 1.3, d("2025-02-10", "2025-02-12")),
        ],
    ),
    "a tariff rate is no price: the day of its clause belongs to the moves after it": (
        "Der Dax schloss am Mittwoch 0,5 Prozent höher.\n\nNach Strafzöllen von 25 Prozent auf Stahl gab es heute in "
        "Tokio Verkäufe: Advantest verlor 1,2 Prozent.",
        "2025-02-13T08:00:00+01:00",
        [("^GDAXI", 0.5, d("2025-02-12")), ("6857.T", 1.2, d("2025-02-13"))],
    ),
    "a day in a clause whose only number is no price belongs to the moves after it": (
        "Der Dax schloss am Mittwoch 0,5 Prozent höher.\n\nDie Rendite von 2,5 Prozent für Bundesanleihen hat heute "
        "in Tokio keine Rolle gespielt: Der Nikkei stieg um 1,3 Prozent.",
        "2025-02-13T08:00:00+01:00",
        [("^GDAXI", 0.5, d("2025-02-12")), ("^N225", 1.3, d("2025-02-13"))],
    ),
    "a shared verb past a place or an adjective": (
        "Broadcom stieg am Montag um 4,5 Prozent, Oracle an der Wall Street um 2,6 Prozent und der "
        "technologielastige Nasdaq Composite um 1 Prozent.",
        "2025-02-11T08:00:00+01:00",
        [("AVGO", 4.5, d("2025-02-10")), ("ORCL", 2.6, d("2025-02-10")), ("^IXIC", 1.0, d("2025-02-10"))],
    ),
    "a comparison with a day's close right after the number": (
        "Oracle kostete am Montag noch 4,5 Prozent weniger als am 24. Januar. Broadcom lag am Montag 1,2 Prozent "
        "höher als am 27. Januar. Die Industrie hat im Dezember 1,5 Prozent weniger produziert als im Vormonat.",
        "2025-02-11T08:00:00+01:00",
        [("ORCL", 4.5, d("2025-01-27", "2025-02-10")), ("AVGO", 1.2, d("2025-01-28", "2025-02-10"))],
    ),
}


def test_so_high_as_never_is_a_record_close() -> None:
    text = "Der Dax stieg am Montag um 0,6 Prozent auf 21.911,74 Punkte. So hoch stand er noch nie."
    x = extract_claims(text, datetime.fromisoformat("2025-02-10T23:00:00+01:00"), "de")
    record = x.claims[-1]
    assert (record.metric.value, record.record, record.instrument) == ("record", "highest_close", "^GDAXI")


def test_a_recovery_from_a_fall_is_a_rise() -> None:
    text = "Der Dax legte am Dienstag um 0,7 Prozent zu. Nvidia erholten sich vom Einbruch am Montag um 8,9 Prozent."
    x = extract_claims(text, datetime.fromisoformat("2025-01-28T23:00:00+01:00"), "de")
    assert [c.direction for c in x.claims] == ["up", "up"]


def test_the_extreme_after_a_move_is_intraday_with_its_hedge() -> None:
    text = "Oracle legten am Montag um 2,6 Prozent zu, im Handelsverlauf zeitweise um mehr als 3 Prozent."
    x = extract_claims(text, datetime.fromisoformat("2025-02-11T08:00:00+01:00"), "de")
    extreme = x.claims[-1]
    assert (extreme.metric.value, extreme.direction, extreme.hedge) == ("intraday_extreme", "up", "zeitweise mehr als")


@pytest.mark.parametrize(
    ("text", "want", "day"),
    [
        ("Am Dienstag schloss der Dax bei 22.037,83 Punkten, ein Rekordschluss.", "highest_close", "2025-02-11"),
        (
            "Der Dax schloss am Dienstag um 0,6 Prozent höher und erreichte einen Rekordschluss.",
            "highest_close",
            "2025-02-11",
        ),
        (
            "Tokyo Electron fiel am Montag auf 25.500 Yen, den tiefsten Stand ihrer Geschichte.",
            "lowest_close",
            "2025-02-10",
        ),
    ],
)
def test_a_record_close_said_as_a_noun_or_over_the_history(text: str, want: str, day: str) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-12T08:00:00+01:00"), "de")
    records = [(c.record, r.sessions) for c, r in zip(x.claims, x.readings, strict=True) if c.metric.value == "record"]
    assert records == [(want, d(day))]


@pytest.mark.parametrize(
    ("text", "records"),
    [
        ("Der Dax verfehlte am Dienstag einen Rekordschluss knapp.", []),
        ("Ein Rekordhoch blieb Siemens Energy am Dienstag verwehrt.", []),
        ("Der Dax erreichte am Dienstag nicht nur einen Rekordschluss.", ["highest_close"]),
        ("Von seinem Rekordschluss vom Montag ist der Dax nicht mehr weit entfernt.", ["highest_close"]),
    ],
)
def test_a_record_said_as_missed_is_none(text: str, records: list[str]) -> None:
    x = extract_claims(text, datetime.fromisoformat("2025-02-12T08:00:00+01:00"), "de")
    assert [c.record for c in x.claims if c.metric.value == "record"] == records


def test_an_intraday_level_with_no_verb_takes_the_move_before() -> None:
    text = "Broadcom fiel am Freitag um 2,8 Prozent auf 224,87 Dollar, zeitweise bis auf 224,11 Dollar."
    x = extract_claims(text, datetime.fromisoformat("2025-02-10T08:00:00+01:00"), "de")
    low = x.claims[-1]
    assert (low.metric.value, low.direction, low.value, x.readings[-1].sessions) == (
        "intraday_level",
        "down",
        224.11,
        d("2025-02-07"),
    )


@pytest.mark.parametrize("case", list(CASES))
def test_each_german_class_of_session_10_is_read_with_its_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want
