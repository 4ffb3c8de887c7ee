"""The FX, shares-outstanding and claim-set suites, on the real snapshot and on faults derived from it."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone

import pytest

from marketfact.checks.quality.fx import fx_evidence
from marketfact.claims.model import Claim
from marketfact.market.model import FxQuote, SharesQuote
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

D = date.fromisoformat
MONDAY = D("2025-01-27")


@pytest.fixture(scope="module")
def ecb() -> EcbFxSource:
    return EcbFxSource()


def test_ecb_rates_of_the_seed_pass(quality_run, ecb) -> None:  # type: ignore[no-untyped-def]
    quote = ecb.rate("USD", "EUR", MONDAY)
    outcome = quality_run.validate_fx(ecb.table, fx_evidence([quote]))
    assert outcome.success
    assert not outcome.warnings()
    assert fx_evidence([quote]) == {MONDAY: frozenset({"USD"})}


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda t: t.assign(USD=t["USD"].where(t.index != "2025-01-27", t["USD"] * 100)), "daily_move_within_10pct"),
        (lambda t: t.assign(USD=t["USD"].where(t.index != "2025-01-27", float("nan"))), "rate_not_null"),
        (lambda t: t.assign(USD=t["USD"].where(t.index != "2025-01-27", -t["USD"])), "rate_positive"),
        (lambda t: t.rename(columns={"USD": "usd"}), "currency_codes"),
    ],
)
def test_broken_ecb_table_is_critical_for_the_fixing_used(quality_run, ecb, mutate, expected) -> None:  # type: ignore[no-untyped-def]
    table = mutate(ecb.table.copy())
    needed = {MONDAY: frozenset({"usd" if "usd" in table.columns else "USD"})}
    outcome = quality_run.validate_fx(table, needed)
    assert expected in {r.name for r in outcome.failures_touching(needed)}
    # The JPY rates of that day are untouched: a verdict converting to yen is unaffected by row faults.
    if expected != "currency_codes":
        assert not outcome.failures_touching({MONDAY: frozenset({"JPY"})})


def test_weekend_fixing_is_caught(quality_run, ecb) -> None:  # type: ignore[no-untyped-def]
    shifted = ecb.table.set_axis(ecb.table.index - timedelta(days=1))  # Monday's fixing lands on Sunday
    needed = {D("2025-01-26"): frozenset({"USD"})}
    outcome = quality_run.validate_fx(shifted, needed)
    assert "fixing_on_weekday" in {r.name for r in outcome.failures_touching(needed)}


def test_rates_used_without_their_table(quality_run) -> None:  # type: ignore[no-untyped-def]
    good = FxQuote("EUR", "USD", 1.053, MONDAY, "ECB", "ECB reference rate of 2025-01-27")
    bad = dataclasses.replace(good, quote="JPY", rate=-162.21)
    outcome = quality_run.validate_fx_quotes([good, bad], "fx: ecb rates used")
    (failure,) = outcome.critical_failures()
    assert (failure.name, failure.sessions, failure.columns) == ("rate_positive", (MONDAY,), ("JPY",))
    assert not outcome.failures_touching({MONDAY: frozenset({"EUR", "USD"})})


@pytest.fixture(scope="module")
def nvda_count() -> SharesQuote:
    return SnapshotSharesSource().shares("NVDA", MONDAY)


@pytest.mark.parametrize(
    ("change", "on", "critical", "warning"),
    [
        ({}, MONDAY, set(), set()),
        ({"shares": 24_490.0}, MONDAY, {"shares_in_units"}, set()),  # the cover page's "millions"
        ({}, D("2024-11-01"), {"count_not_after_claim"}, set()),  # a count dated after its use
        ({}, D("2026-01-05"), {"count_within_a_year"}, {"count_recent"}),
        ({}, D("2025-05-01"), set(), {"count_recent"}),
        ({"source": ""}, MONDAY, set(), {"source_named"}),
    ],
)
def test_share_counts(quality_run, nvda_count, change, on, critical, warning) -> None:  # type: ignore[no-untyped-def]
    outcome = quality_run.validate_shares(dataclasses.replace(nvda_count, **change), on)
    assert {r.name for r in outcome.critical_failures()} == critical
    assert {r.name for r in outcome.warnings()} == warning
    # The symbol's counts are one dataset: a failure names the session whose count broke it (session 7:
    # it named none when each (symbol, session) was a dataset of its own; the verdicts it touches are the same).
    assert all(r.sessions == (on,) for r in (*outcome.critical_failures(), *outcome.warnings()))


def test_many_share_counts_in_one_pass_one_dataset_per_symbol(quality_run, nvda_count) -> None:  # type: ignore[no-untyped-def]
    """Each symbol's counts are one dataset; a failure names only the session whose count broke it."""
    from marketfact.checks.quality.shares import shares_dataset

    tuesday = D("2025-01-28")
    other = dataclasses.replace(nvda_count, symbol="OTHER")  # the snapshot's one count, under a second symbol
    outcomes = quality_run.validate_shares_many(
        [(nvda_count, MONDAY), (dataclasses.replace(nvda_count, shares=24_490.0), tuesday), (other, MONDAY)]
    )
    assert list(outcomes) == [shares_dataset("NVDA"), shares_dataset("OTHER")] == ["shares: NVDA", "shares: OTHER"]
    nvda = outcomes["shares: NVDA"]
    (failure,) = nvda.critical_failures()
    assert (failure.name, failure.sessions, failure.columns) == ("shares_in_units", (tuesday,), ("shares",))
    assert failure.detail == "2025-01-28 (shares 24,490)"
    assert nvda.failures_touching({tuesday: frozenset({"shares"})}) == [failure]
    assert not nvda.failures_touching({MONDAY: frozenset({"shares"})})
    assert outcomes["shares: OTHER"].success


def test_seed_claim_set_passes(quality_run, seed_claims) -> None:  # type: ignore[no-untyped-def]
    outcome = quality_run.validate_claims(seed_claims.claims)
    assert outcome.success
    assert not outcome.warnings()


def test_claim_set_faults_name_the_claim(quality_run, seed_claims) -> None:  # type: ignore[no-untyped-def]
    nvda = seed_claims.claims[0]
    published = datetime(2025, 1, 29, 7, tzinfo=timezone(timedelta(hours=1)))
    fall = nvda.model_copy(update={"id": "fall-of-120", "value": 120.0, "value_text": "120"})
    future = nvda.model_copy(update={"id": "about-friday", "sessions": [D("2025-01-31")], "published_at": published})
    twin = nvda.model_copy(update={"id": "nvda-again"})
    big = nvda.model_copy(update={"id": "big-move", "value": 70.0, "value_text": "70"})
    claims: list[Claim] = [*seed_claims.claims, fall, future, twin, big]
    outcome = quality_run.validate_claims(claims)
    assert [r.name for r in outcome.failures_for_row("fall-of-120")] == ["fall_at_most_100pct"]
    assert [r.name for r in outcome.failures_for_row("about-friday")] == ["claim_not_before_its_sessions"]
    assert not outcome.failures_for_row(nvda.id)
    warned = {r.name: r.rows for r in outcome.warnings()}
    assert set(warned["no_duplicate_claims"]) == {nvda.id, "nvda-again"}
    assert set(warned["percent_move_plausible"]) == {"fall-of-120", "big-move"}


def test_claims_frame_dates_are_one_column_each(seed_claims) -> None:  # type: ignore[no-untyped-def]
    """Sessions and the publication day as datetime64 columns (the unit pandas gives dates), NaT when a
    claim has none: numpy converts the column, as pd.Timestamp per claim did."""
    import pandas as pd

    from marketfact.checks.quality.claimset import claims_frame

    nvda = seed_claims.claims[0]
    assert nvda.sessions
    assert nvda.published_at
    two_days = nvda.model_copy(update={"id": "two-days", "sessions": [D("2025-01-27"), D("2025-01-28")]})
    undated = nvda.model_copy(update={"id": "undated", "published_at": None})
    frame = claims_frame([two_days, undated])
    assert {str(frame[c].dtype) for c in ("first_session", "last_session", "published")} == {"datetime64[s]"}
    assert list(frame["first_session"]) == [pd.Timestamp("2025-01-27"), pd.Timestamp(nvda.sessions[0])]
    assert frame["last_session"].iloc[0] == pd.Timestamp("2025-01-28")
    assert frame["published"].iloc[0] == pd.Timestamp(nvda.published_at.date())
    assert pd.isna(frame["published"].iloc[1])
