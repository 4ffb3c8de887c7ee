"""Classes of reading fixed in session 13 of issue 14 by read16mix7, tuned on six dev articles in everyday desk
styles written before the rules (dev/*-mix7-*): a translated report's "compared with the previous day" is the base
of the move, not its day (dev/en-mix7-translated-tokyo-electron). Invented sentences; the moves are the
snapshot's (Tokyo Electron's 4.1% fall on 7 February 2025, Advantest's 0.65% rise the same day)."""

from __future__ import annotations

from tests.claims.extracted import d, read


def test_compared_with_the_previous_day_is_the_base_not_the_day() -> None:
    text = "On the 7th, Tokyo Electron closed at 25,500 yen, down 4.1% compared with the previous day."
    assert read(text, "2025-02-07T18:30:00+09:00") == [
        ("8035.T", 25500.0, d("2025-02-07")),
        ("8035.T", 4.1, d("2025-02-07")),
    ]
    other = "Advantest rose 0.65% on Friday, compared to the previous day's close."
    assert read(other, "2025-02-07T18:30:00+09:00") == [("6857.T", 0.65, d("2025-02-07"))]
