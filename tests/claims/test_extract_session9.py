"""Classes of reading fixed in session 9 of issue 14 (invented sentences, not the blind sets'): "overnight" is the
session of the claim's exchange that had closed last when the article appeared ("Overnight on Wall Street, Broadcom
jumped 4.3%" in a Frankfurt morning report is New York's session of the day before, not the story's day)."""

from __future__ import annotations

from tests.claims.extracted import d, read


def test_overnight_is_the_last_session_that_had_closed_on_the_claims_exchange() -> None:
    text = (
        "FRANKFURT, Feb 6 - European shares opened higher on Thursday. Siemens Energy gained 2.5% on Thursday.\n\n"
        "Overnight on Wall Street, Broadcom jumped 4.3%. Alphabet's shares slumped 7.3% overnight."
    )
    assert read(text, "2025-02-06T18:00:00+01:00") == [
        ("ENR.DE", 2.5, d("2025-02-06")),
        ("AVGO", 4.3, d("2025-02-05")),
        ("GOOGL", 7.3, d("2025-02-05")),
    ]
