"""Fault injection: broken frames derived from the real snapshot are caught by their named expectation.

Each case takes a real series (NVDA, or Advantest for the Tokyo index cases), breaks it the way a
vendor does, and validates it with the seed claims' evidence: the close of 24 and 27 January 2025
(close-to-close over Monday). The expectation meant for the flaw must fail as critical on those values;
the same flaw away from the evidence must be a warning only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest

from marketfact.checks.quality.pricebatch import split_note
from marketfact.market.model import PriceSeries

D = date.fromisoformat
WINDOW = (D("2025-01-13"), D("2025-02-14"))  # the snapshot's whole span
BAR = ["open", "high", "low", "close"]
MONDAY = pd.Timestamp("2025-01-27")
EVIDENCE = {D("2025-01-24"): frozenset({"close"}), D("2025-01-27"): frozenset({"close"})}
Mutation = Callable[[pd.DataFrame], pd.DataFrame]


def on_day(day: pd.Timestamp, columns: list[str], fn: Callable[[pd.Series], pd.Series]) -> Mutation:
    """Apply ``fn`` to ``columns`` on one day only."""
    return lambda f: f.assign(**{c: f[c].where(f.index != day, fn(f[c])) for c in columns})


def from_day(day: pd.Timestamp, columns: list[str], factor: float) -> Mutation:
    """Scale ``columns`` from ``day`` on (a unit change, or raw prices across a split)."""
    return lambda f: f.assign(**{c: f[c].where(f.index < day, f[c] * factor) for c in columns})


def stale_fill(day: pd.Timestamp) -> Mutation:
    """What Yahoo does on a gap: zero volume, every price the previous close."""

    def mutate(f: pd.DataFrame) -> pd.DataFrame:
        prev = f["close"].shift(1)
        out = f.assign(**{c: f[c].where(f.index != day, prev) for c in [*BAR, "adj_close"]})
        return out.assign(volume=out["volume"].where(out.index != day, 0.0))

    return mutate


def broken(series: PriceSeries, mutate: Mutation, **changes: object) -> PriceSeries:
    return dataclasses.replace(series, frame=mutate(series.frame.copy()), **changes)  # type: ignore[arg-type]


SPLIT = from_day(MONDAY, BAR, 1 / 4)  # raw prices of a 4:1 split effective Monday (derived, not real)
CASES: dict[str, tuple[Mutation, dict[str, object], str]] = {
    "nan close": (on_day(MONDAY, ["close"], lambda c: c * float("nan")), {}, "close_not_null"),
    "duplicated date": (lambda f: pd.concat([f, f.loc[[MONDAY]]]).sort_index(kind="stable"), {}, "dates_unique"),
    "missing session": (lambda f: f.drop(pd.Timestamp("2025-01-24")), {}, "session_present"),
    "prices x100 on one day": (on_day(MONDAY, BAR, lambda c: c * 100), {}, "daily_move_within_50pct"),
    "prices x100 from a day on": (from_day(MONDAY, BAR, 100), {}, "daily_move_within_50pct"),
    "negative price": (on_day(MONDAY, ["close"], lambda c: -c), {}, "close_positive"),
    "a close of 1e308": (on_day(MONDAY, ["close"], lambda c: c * 0 + 1e308), {}, "close_positive"),
    "wrong currency": (lambda f: f, {"currency": "EUR"}, "currency_is_instruments"),
    "tz-aware index": (lambda f: f.tz_localize("America/New_York"), {}, "index_tz_naive"),
    "stale forward fill": (stale_fill(MONDAY), {}, "no_stale_fill"),
    "split without a note": (SPLIT, {}, "daily_move_within_50pct"),
    "split with a note": (SPLIT, {"notes": (split_note(MONDAY.date(), 4),)}, "no_split_in_window"),
    "dates out of order": (lambda f: f.iloc[[*range(9), 10, 9, *range(11, len(f))]], {}, "dates_increasing"),
}


AWAY = {D("2025-02-05"): frozenset({"close"}), D("2025-02-06"): frozenset({"close"})}
"""A verdict on the closes of 5 and 6 February: the injected flaws sit on Monday 27 January."""
AWAY_CASES = ["nan close", "missing session", "prices x100 on one day", "negative price", "stale forward fill"]


def validate_cases(quality_run, snapshot, instruments, cases, needed):  # type: ignore[no-untyped-def]
    """All cases in one pass of the suites: each broken copy of NVDA under its own name."""
    from marketfact.checks.quality.pricebatch import PriceCheck

    checks = [
        PriceCheck(
            broken(
                dataclasses.replace(snapshot.full_history("NVDA"), symbol=f"NVDA/{case}"),
                CASES[case][0],
                **CASES[case][1],
            ),
            instruments["NVDA"],
            WINDOW,
            needed,
        )
        for case in cases
    ]
    outcomes = quality_run.validate_prices_many(checks)
    return {case: outcomes[f"NVDA/{case}"] for case in cases}


@pytest.fixture(scope="module")
def on_evidence(quality_run, snapshot, instruments):  # type: ignore[no-untyped-def]
    return validate_cases(quality_run, snapshot, instruments, list(CASES), EVIDENCE)


@pytest.fixture(scope="module")
def away(quality_run, snapshot, instruments):  # type: ignore[no-untyped-def]
    return validate_cases(quality_run, snapshot, instruments, AWAY_CASES, AWAY)


@pytest.mark.parametrize("case", list(CASES))
def test_fault_on_evidence_is_critical_and_named(on_evidence, case) -> None:  # type: ignore[no-untyped-def]
    outcome, expected = on_evidence[case], CASES[case][2]
    hits = outcome.failures_touching(EVIDENCE)
    assert expected in {r.name for r in hits}, [(r.name, r.sessions) for r in outcome.results if not r.success]
    assert all(r.severity == "critical" for r in hits)
    assert not outcome.success


@pytest.mark.parametrize("case", AWAY_CASES)
def test_same_fault_away_from_evidence_is_only_a_warning(away, case) -> None:  # type: ignore[no-untyped-def]
    outcome = away[case]
    assert not outcome.failures_touching(AWAY), outcome.critical_failures()
    assert CASES[case][2] in {r.name for r in outcome.warnings()}


def test_broken_copies_do_not_leak_into_each_other(on_evidence) -> None:  # type: ignore[no-untyped-def]
    """One pass validates every case; each outcome holds only its own failures."""
    assert [r.name for r in on_evidence["wrong currency"].critical_failures()] == ["currency_is_instruments"]
    assert [r.name for r in on_evidence["nan close"].critical_failures()] == ["close_not_null"]


def test_intraday_verdict_needs_the_low_not_the_close(quality_run, snapshot, instruments) -> None:  # type: ignore[no-untyped-def]
    series = broken(snapshot.full_history("NVDA"), on_day(MONDAY, ["high"], lambda c: c * float("nan")))
    close_to_close = quality_run.validate_prices(series, instruments["NVDA"], WINDOW, EVIDENCE)
    assert close_to_close.success  # a missing high does not matter to two closes
    intraday = {D("2025-01-24"): frozenset({"close"}), D("2025-01-27"): frozenset({"low", "high"})}
    outcome = quality_run.validate_prices(series, instruments["NVDA"], WINDOW, intraday)
    assert [r.name for r in outcome.failures_touching(intraday)] == ["high_not_null"]


@pytest.mark.parametrize(
    ("shift", "expected"),
    [
        # yfinance's tz-aware Tokyo index, converted to UTC: flagged as tz-aware and not at midnight.
        (lambda f: f.tz_localize("Asia/Tokyo").tz_convert("UTC"), {"index_tz_naive", "dates_at_midnight"}),
        # The same with the zone dropped: 15:00 of the day before.
        (lambda f: f.tz_localize("Asia/Tokyo").tz_convert("UTC").tz_localize(None), {"dates_at_midnight"}),
        # Dates taken from the UTC timestamps: Monday's session lands on Sunday.
        (lambda f: f.set_axis(f.index.tz_localize("Asia/Tokyo").tz_convert("UTC").tz_localize(None).normalize()),
         {"dates_are_sessions"}),
    ],
)  # fmt: skip
def test_utc_shifted_tokyo_index_is_caught(quality_run, snapshot, instruments, shift, expected) -> None:  # type: ignore[no-untyped-def]
    needed = {D("2025-01-24"): frozenset({"close"}), D("2025-01-28"): frozenset({"close"})}
    series = broken(snapshot.full_history("6857.T"), shift)
    outcome = quality_run.validate_prices(series, instruments["6857.T"], WINDOW, needed)
    dataset_wide = {r.name for r in outcome.failures_touching(needed) if not r.sessions}
    assert expected <= dataset_wide
    assert "dates_are_sessions" in dataset_wide  # every variant puts rows on days Tokyo did not trade
    # The real, tz-naive exchange-local index passes the same checks.
    clean = quality_run.validate_prices(snapshot.full_history("6857.T"), instruments["6857.T"], WINDOW, needed)
    assert clean.success


def test_split_inside_a_multi_session_verdict_is_caught(quality_run, snapshot, instruments) -> None:  # type: ignore[no-untyped-def]
    # Close of Friday 24 vs close of Tuesday 28: the split on Monday lies between the two values.
    needed = {D("2025-01-24"): frozenset({"close"}), D("2025-01-28"): frozenset({"close"})}
    for changes in ({}, {"notes": (split_note(MONDAY.date(), 4),)}):
        series = broken(snapshot.full_history("NVDA"), SPLIT, **changes)
        outcome = quality_run.validate_prices(series, instruments["NVDA"], WINDOW, needed)
        assert "price_basis_consistent" in {r.name for r in outcome.failures_touching(needed)}
    # A verdict wholly after a noted split compares prices on one basis: nothing critical.
    after = {D("2025-02-05"): frozenset({"close"}), D("2025-02-06"): frozenset({"close"})}
    outcome = quality_run.validate_prices(series, instruments["NVDA"], WINDOW, after)
    assert not outcome.failures_touching(after)
    assert "no_split_in_window" in {r.name for r in outcome.warnings()}


def test_split_adjusted_prices_with_a_split_note_pass(quality_run, snapshot, instruments) -> None:  # type: ignore[no-untyped-def]
    """Yahoo's OHLC are split-adjusted: a noted split the prices do not show does not break a verdict."""
    note = f"split 4:1 {MONDAY.date().isoformat()}: Yahoo's prices before it are divided by 4"
    series = dataclasses.replace(snapshot.full_history("NVDA"), notes=(note,))
    outcome = quality_run.validate_prices(series, instruments["NVDA"], WINDOW, EVIDENCE)
    assert outcome.success
    assert "no_split_in_window" in {r.name for r in outcome.warnings()}


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("split 10:1 effective 2024-06-10", {D("2024-06-10"): 0.1}),
        ("2024-06-10 stock split 10-for-1", {D("2024-06-10"): 0.1}),
        ("reverse split 1:4 2025-01-27: Yahoo's prices before it are multiplied by 4", {D("2025-01-27"): 4.0}),
        ("split on 2025-01-27", {D("2025-01-27"): None}),
        ("dividend 0.01 USD (ex-date) 2025-03-12", {}),
        ("split 3:2 (no date)", {}),
    ],
)
def test_split_notes_are_read(note: str, expected: dict) -> None:
    from marketfact.checks.quality.pricebatch import parse_split_notes

    assert parse_split_notes((note,)) == expected
