"""Classes of reading fixed in session 13 of issue 14 by read16mix7, tuned on six dev articles in everyday desk
styles written before the rules (dev/*-mix7-*): a translated report's "compared with the previous day" is the base
of the move, not its day; the Nikkei's points said in yen after "It" are points (dev/en-mix7-translated-tokyo-electron).
Invented sentences; the moves are the snapshot's (Tokyo Electron's 4.1% fall on 7 February 2025, Advantest's 0.65%
rise and the Nikkei's fall of 279.51 points the same day)."""

from __future__ import annotations

from datetime import datetime

from marketfact.claims.extract import extract_claims
from tests.claims.extracted import d, read


def test_compared_with_the_previous_day_is_the_base_not_the_day() -> None:
    text = "On the 7th, Tokyo Electron closed at 25,500 yen, down 4.1% compared with the previous day."
    assert read(text, "2025-02-07T18:30:00+09:00") == [
        ("8035.T", 25500.0, d("2025-02-07")),
        ("8035.T", 4.1, d("2025-02-07")),
    ]
    other = "Advantest rose 0.65% on Friday, compared to the previous day's close."
    assert read(other, "2025-02-07T18:30:00+09:00") == [("6857.T", 0.65, d("2025-02-07"))]


def test_yen_of_the_nikkei_referred_back_to_are_its_points() -> None:
    text = (
        "The Nikkei Stock Average declined for the first time in three trading days. "
        "It fell 279.51 yen to close at 38,787.02 yen."
    )
    x = extract_claims(text, datetime.fromisoformat("2025-02-07T18:30:00+09:00"), "en")
    got = [(c.instrument, c.metric.value, c.value, c.unit) for c in x.claims]
    assert got == [("^N225", "points_change", 279.51, "points"), ("^N225", "close_level", 38787.02, "points")]


def _records(text: str, published: str, lang: str) -> list[tuple[str, str | None, tuple | None]]:
    x = extract_claims(text, datetime.fromisoformat(published), lang)
    pairs = zip(x.claims, x.readings, strict=True)
    return [
        (c.instrument, c.record.value if c.record else None, r.sessions) for c, r in pairs if c.metric.value == "record"
    ]


def test_a_bare_record_noun_after_a_level_is_the_highest_close() -> None:
    de = "Am Dienstag schloss der Dax bei 22.037,83 Punkten - ein Rekord."
    assert _records(de, "2025-02-12T06:00:00+01:00", "de") == [("^GDAXI", "highest_close", d("2025-02-11"))]
    de2 = "Der Dax stieg am Donnerstag um 1,47 Prozent auf 21.902,42 Punkte, das ist ein Schlussrekord."
    assert _records(de2, "2025-02-06T18:05:00+01:00", "de") == [("^GDAXI", "highest_close", d("2025-02-06"))]
    en = "The DAX closed at 22,037.83 on Tuesday, a new record."
    assert _records(en, "2025-02-12T06:00:00+01:00", "en") == [("^GDAXI", "highest_close", d("2025-02-11"))]


def test_a_record_noun_without_a_level_or_with_more_words_is_none() -> None:
    no_level = "Der Dax stieg am Dienstag um 0,6 Prozent - ein Rekord."
    assert _records(no_level, "2025-02-12T06:00:00+01:00", "de") == []
    of_sales = "Der Dax schloss am Dienstag bei 22.037,83 Punkten, ein Rekord beim Umsatz gab es nicht."
    assert _records(of_sales, "2025-02-12T06:00:00+01:00", "de") == []


def test_increased_and_decreased_are_moves() -> None:
    text = "SoftBank Group decreased 0.85% to 9,683 yen on Friday, while Advantest increased 0.65%."
    x = extract_claims(text, datetime.fromisoformat("2025-02-07T18:30:00+09:00"), "en")
    moves = [(c.instrument, c.direction.value if c.direction else None, c.value) for c in x.claims]
    assert [m for m in moves if m[2] in (0.85, 0.65)] == [("9984.T", "down", 0.85), ("6857.T", "up", 0.65)]


def test_der_wert_refers_back_to_the_stock() -> None:
    text = (
        "Am 27. Januar brach der Kurs von Siemens Energy um knapp 20 Prozent auf 48,32 Euro ein. "
        "Seit dem Schlusskurs jenes Montags hat sich der Wert um 27,4 Prozent erholt."
    )
    got = read(text, "2025-02-14T19:30:00+01:00")
    assert ("ENR.DE", 27.4, d("2025-01-28", "2025-02-14")) in got
    amount = "Siemens Energy stieg am Freitag um 1,3 Prozent. Der Wert der Aufträge stieg um 12 Prozent."
    assert [v for _, v, _ in read(amount, "2025-02-14T19:30:00+01:00")] == [1.3]
