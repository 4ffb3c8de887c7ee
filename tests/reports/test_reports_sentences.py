"""Sentences written from a verdict's facts: index levels in points, German desk wording, the day's zone."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from marketfact.claims.model import ClaimFile
from marketfact.reports.i18n import Formatter
from marketfact.reports.phrases import hedge_words, zone_city
from marketfact.reports.sentences import explanation, sessions_note


@pytest.fixture(scope="module")
def nasdaq(snapshot: Any) -> tuple[Any, Any]:
    """The Nasdaq Composite's close on 27 Jan 2025 from the shipped snapshot, checked by the real core."""
    from marketfact.checks.run import run_in_process
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

    claim = {
        "id": "nasdaq-monday", "text": "The Nasdaq fell 3 % on Monday.", "subject": "Nasdaq",
        "instrument": "^IXIC", "metric": "close_change", "sessions": [date(2025, 1, 27)],
        "direction": "down", "value": 3,
    }  # fmt: skip
    claims = ClaimFile.model_validate({"claims": [claim]})
    run = run_in_process(
        claims, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource(), False
    )
    return run.claims[0], run.verdicts[0]


def test_an_index_level_is_in_points_not_a_currency(nasdaq: tuple[Any, Any]) -> None:
    claim, verdict = nasdaq
    assert verdict.instrument_kind == "index"
    german = explanation(verdict, claim, Formatter("de"))
    english = explanation(verdict, claim, Formatter("en"))
    assert "19.341,83 Pkt." in german
    assert "$" not in german
    assert " points" in english
    assert "$" not in english
    assert german.startswith("Nasdaq (^IXIC, XNAS) schloss am 27.01.2025 bei ")


def test_the_sessions_note_names_the_zone_in_the_report_language(nasdaq: tuple[Any, Any]) -> None:
    _, verdict = nasdaq
    assert sessions_note(verdict, Formatter("de")).startswith("Handelstag 27.01.2025 an der Börse XNAS")
    assert "Ortszeit New York" in sessions_note(verdict, Formatter("de"))
    assert zone_city("Asia/Tokyo", "de") == "Tokio"


@pytest.mark.parametrize(
    ("hedge", "lang", "shown"),
    [
        ("zeitweise über", "en", "at times more than (“zeitweise über”)"),
        ("zeitweise über", "de", "zeitweise über"),
        ("fast", "en", "almost (“fast”)"),
        ("almost", "de", "fast („almost“)"),
        ("rund", "de", "rund"),
        ("bis zu", "en", "up to (“bis zu”)"),
    ],
)
def test_hedge_words_in_the_report_language(hedge: str, lang: str, shown: str) -> None:
    from marketfact.claims.model import Claim

    claim = Claim.model_validate(
        {"id": "c", "text": "t", "subject": "s", "instrument": "NVDA", "metric": "close_change",
         "sessions": [date(2025, 1, 27)], "direction": "down", "value": 20, "hedge": hedge}
    )  # fmt: skip
    assert hedge_words(claim, lang) == shown
