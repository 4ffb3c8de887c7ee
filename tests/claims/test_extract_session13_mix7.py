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
