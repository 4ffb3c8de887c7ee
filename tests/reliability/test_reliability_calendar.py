"""Sessions outside the exchange calendar's span (issue 20.8): UNVERIFIABLE with a reason a reader understands."""

from __future__ import annotations

from datetime import date

import pytest

from marketfact.checks.run import run_in_process
from marketfact.claims.model import Claim, ClaimFile
from marketfact.claims.periods import NoSessionError
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource


def _claim(day: date) -> Claim:
    return Claim.model_validate(
        {"id": "c", "text": "t", "subject": "Nvidia", "instrument": "NVDA", "metric": "close_change",
         "sessions": [day], "direction": "down", "value": 17}
    )  # fmt: skip


@pytest.mark.parametrize("day", [date(2031, 1, 6), date(1985, 1, 7), date(1, 1, 1)])
def test_a_session_outside_the_calendar_says_so(snapshot, day: date) -> None:  # type: ignore[no-untyped-def]
    run = run_in_process(
        ClaimFile(claims=[_claim(day)]), snapshot, snapshot.instruments(), {"ecb": EcbFxSource()},
        SnapshotSharesSource(), validate=False,
    )  # fmt: skip
    (verdict,) = run.verdicts
    assert verdict.label.value == "UNVERIFIABLE"
    assert f"{day.isoformat()} is outside the XNAS calendar marketfact knows" in (verdict.reason or "")
    assert "nearest sessions" not in (verdict.reason or "")


def test_a_period_word_outside_the_calendar_says_so() -> None:
    error = NoSessionError("XNAS", date(2031, 1, 6), date(2030, 12, 31), date(2030, 12, 31))
    assert "outside the XNAS calendar" in str(error)
    inside = NoSessionError("XNAS", date(2025, 1, 20), date(2025, 1, 17), date(2025, 1, 21))
    assert "nearest sessions: 2025-01-17 and 2025-01-21" in str(inside)


ARTICLE = "Nvidia-Aktie bricht ein\n\nAm Montag brach die Nvidia-Aktie um 17 Prozent ein.\n"


@pytest.mark.parametrize("published", ["2035-01-10T07:00:00+01:00", "1985-01-10T07:00:00+01:00"])
def test_extract_says_why_a_day_outside_the_calendar_is_no_claim(published: str) -> None:
    """Before: the claim kept, "am Montag" silently dropped ("no day named: the checker searches…")."""
    from datetime import datetime

    from marketfact.claims.extract import extract_claims

    found = extract_claims(ARTICLE, datetime.fromisoformat(published), "de")
    assert not found.claims
    (number,) = found.not_market
    assert number.kind == "outside_calendar"
    assert number.reason == (
        f"published {published[:10]}, outside the exchange calendars marketfact knows (2000-01-01 to 2030-12-31): "
        "no session before publication can be named or checked"
    )
    inside = extract_claims(ARTICLE, datetime.fromisoformat("2025-01-29T07:00:00+01:00"), "de")
    assert [c.period for c in inside.claims] == ["Am Montag"]
