"""Classes of reading fixed in session 9 of issue 14 (invented sentences, not the blind sets'): "overnight" is the
session of the claim's exchange that had closed last when the article appeared ("Overnight on Wall Street, Broadcom
jumped 4.3%" in a Frankfurt morning report is New York's session of the day before, not the story's day); a move
"above where it settled on Jan. 31" is measured from that day's close."""

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


def test_a_move_from_where_it_closed_on_a_day_runs_from_the_session_after_that_day() -> None:
    """ "above where it settled on Jan. 31" is measured from that day's close, like "from its Jan. 31 close"; the
    number before it in its clause keeps the story's day."""
    text = (
        "NEW YORK, Feb 6 - Nvidia rose 3.1% on Thursday, and the stock now stands 7.2% above where it settled on Jan. "
        "31. Microsoft gained 0.6% and now sits 0.2% above where it closed on Friday, Jan. 31."
    )
    assert read(text, "2025-02-06T18:00:00-05:00") == [
        ("NVDA", 3.1, d("2025-02-06")),
        ("NVDA", 7.2, d("2025-02-03", "2025-02-06")),
        ("MSFT", 0.6, d("2025-02-06")),
        ("MSFT", 0.2, d("2025-02-03", "2025-02-06")),
    ]
