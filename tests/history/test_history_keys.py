"""The claim hash keys claims by what they assert; the evidence fingerprint by the numbers used."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from history_builders import deepseek_claims, deepseek_verdicts

from marketfact.checks.verdicts import EvidenceRow
from marketfact.claims.model import Claim
from marketfact.history.keys import canonical_claim, claim_hash, evidence_fingerprint, normalise_period

NVDA: dict[str, Any] = {
    "id": "nvda-monday-plunge",
    "text": "Nvidia's share price at first plunged 17 % on Monday.",
    "subject": "Nvidia",
    "instrument": "NVDA",
    "metric": "close_change",
    "sessions": [date(2025, 1, 27)],
    "direction": "down",
    "value": 17,
}


def _claim(**changes: Any) -> Claim:
    return Claim.model_validate({**NVDA, **changes})


def test_the_example_claim_hashes_as_documented() -> None:
    claim = deepseek_claims()["nvda-monday-plunge"]
    assert canonical_claim(claim) == {
        "v": 2,
        "instrument": "NVDA",
        "subject": None,
        "metric": "close_change",
        "direction": "down",
        "when": {"sessions": ["2025-01-27"]},
        "value": "17",
        "range": None,
        "unit": "percent",
        "currency": None,
        "scale": "one",
        "hedge": {"bound": "exact", "basis": "close"},
    }
    assert claim_hash(claim) == claim_hash(_claim())
    assert len(claim_hash(claim)) == 64
    assert int(claim_hash(claim), 16) >= 0


@pytest.mark.parametrize(
    "changes",
    [
        {"id": "another-id"},
        {"text": "Nvidia sank 17 percent on Monday."},
        {"subject": "NVIDIA Corp."},  # the symbol names the listing; the subject is wording
        {"quote": "Die Nvidia-Aktie stürzte zunächst um 17 Prozent ab."},
        {"notes": ["checked by hand"]},
        {"source_url": "https://example.org/article"},
        {"instrument": " nvda "},
        {"value": "17"},  # a string "17" states the same precision as the number 17
        {"sessions": [date(2025, 1, 27), date(2025, 1, 27)]},
        {"period": "Montag"},  # sessions win over the period they resolve
    ],
    ids=lambda c: next(iter(c)),
)
def test_wording_and_labels_do_not_change_the_hash(changes: dict[str, Any]) -> None:
    assert claim_hash(_claim(**changes)) == claim_hash(_claim())


@pytest.mark.parametrize(
    "changes",
    [
        {"instrument": "AMD"},
        {"metric": "intraday_extreme"},
        {"direction": "up"},
        {"sessions": [date(2025, 1, 28)]},
        {"sessions": [date(2025, 1, 24), date(2025, 1, 27)]},
        {"value": 18},
        {"value": "17.0"},  # 17.0 claims [16.95, 17.05), 17 claims [16.5, 17.5)
        {"value": None, "range": (16, 18)},
        {"hedge": "fast"},
        {"hedge": "rund"},
        {"hedge": "zeitweise"},  # the day's extreme instead of the close
        {"instrument": None},  # then the subject is what names it
    ],
    ids=lambda c: "+".join(f"{k}={v}" for k, v in c.items()),
)
def test_what_is_asserted_changes_the_hash(changes: dict[str, Any]) -> None:
    assert claim_hash(_claim(**changes)) != claim_hash(_claim())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({"hedge": "fast"}, {"hedge": "almost"}),
        ({"hedge": "knapp"}, {"hedge": "nearly"}),
        ({"hedge": "rund"}, {"hedge": "about"}),
        ({"hedge": "über"}, {"hedge": "more than"}),
        ({"hedge": "zeitweise über"}, {"hedge": "at one point more than"}),
        ({"hedge": "zeitweise", "metric": "intraday_extreme"}, {"metric": "intraday_extreme"}),
        ({"value": "11,10"}, {"value": "11.10"}),
        (
            {"sessions": [date(2025, 1, 27), date(2025, 1, 28), date(2025, 1, 29)]},
            {"sessions": [date(2025, 1, 27), date(2025, 1, 29)]},
        ),
        (
            {"instrument": None, "subject": "Siemens  Energy"},
            {"instrument": None, "subject": "siemens energy"},
        ),
    ],
    ids=lambda c: str(next(iter(c.values()))),
)
def test_equivalent_assertions_share_a_hash(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert claim_hash(_claim(**a)) == claim_hash(_claim(**b))


def test_money_claims_keep_currency_scale_and_precision() -> None:
    money = deepseek_claims()["nvda-market-value-at-times"]
    data = money.model_dump()
    assert claim_hash(Claim.model_validate({**data, "currency": "USD"})) != claim_hash(money)
    assert claim_hash(Claim.model_validate({**data, "value": 563000, "scale": "million"})) != claim_hash(money)
    assert claim_hash(Claim.model_validate({**data, "fx": "yahoo"})) == claim_hash(money)


def _period(period: str, published: str) -> Claim:
    return _claim(sessions=None, period=period, published_at=published)


def test_period_words_are_hashed_with_the_moment_they_are_relative_to() -> None:
    base = _period("Montag", "2025-01-29T07:00:00+01:00")
    assert claim_hash(_period("on Monday", "2025-01-29T07:00:00+01:00")) == claim_hash(base)
    assert claim_hash(_period("am Montag", "2025-01-29T06:00:00+00:00")) == claim_hash(base)  # same instant
    assert claim_hash(_period("Montag", "2025-02-05T07:00:00+01:00")) != claim_hash(base)  # a week later
    assert claim_hash(_period("Dienstag", "2025-01-29T07:00:00+01:00")) != claim_hash(base)


@pytest.mark.parametrize(
    ("words", "canonical"),
    [
        ("Montag", "monday"),
        ("am Montag", "monday"),
        ("On Monday,", "monday"),
        ("gestern", "yesterday"),
        ("über zwei Tage", "über zwei tage"),  # not in the table: kept as written, case-folded
    ],
)
def test_normalise_period(words: str, canonical: str) -> None:
    assert normalise_period(words) == canonical


def test_evidence_fingerprint_follows_the_numbers_not_their_order() -> None:
    verdict = deepseek_verdicts(deepseek_claims())[0]
    fingerprint = evidence_fingerprint(verdict)
    assert fingerprint is not None
    assert evidence_fingerprint(replace(verdict, evidence=verdict.evidence[::-1])) == fingerprint
    base, end = verdict.evidence
    corrected = EvidenceRow(end.session, end.role, end.field, end.value + 0.01, end.currency)
    assert evidence_fingerprint(replace(verdict, evidence=(base, corrected))) != fingerprint
    assert evidence_fingerprint(replace(verdict, evidence=(), fx=None, shares=None)) is None
    market_value = deepseek_verdicts(deepseek_claims())[2]
    assert evidence_fingerprint(replace(market_value, fx="1 EUR = 1.0500 USD")) != evidence_fingerprint(
        market_value
    )
