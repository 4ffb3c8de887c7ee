"""The real flaws of the shipped snapshot are caught, each by the expectation meant for it.

PROVENANCE.md keeps three vendor flaws on purpose: EURUSD=X's low above its close on 2025-01-20,
Siemens Energy's stale (now empty or close-only) rows, and VST's missing raw prices. Every other series
must pass the critical checks on all its closes: a guard is no use if it cries wolf.
"""

from __future__ import annotations

from datetime import date

import pytest

D = date.fromisoformat
WINDOW = (D("2025-01-13"), D("2025-02-14"))  # the snapshot's whole span
ENR_EMPTY = (D("2025-01-20"), D("2025-01-21"), D("2025-02-10"))
ENR_CLOSE_ONLY = (D("2025-01-17"), D("2025-01-24"))


def named(results, name):  # type: ignore[no-untyped-def]
    return [r for r in results if r.name == name]


def validate(quality_run, snapshot, instruments, symbol, evidence):  # type: ignore[no-untyped-def]
    return quality_run.validate_prices(snapshot.full_history(symbol), instruments[symbol], WINDOW, evidence)


def union(*claims: dict) -> dict:
    """The engine's evidence for a symbol: the union of its claims' (session → columns)."""
    out: dict[date, frozenset[str]] = {}
    for claim in claims:
        for day, columns in claim.items():
            out[day] = out.get(day, frozenset()) | columns
    return out


EURUSD_ON_20 = {D("2025-01-17"): frozenset({"close"}), D("2025-01-20"): frozenset({"close"})}
EURUSD_ON_27 = {D("2025-01-24"): frozenset({"close"}), D("2025-01-27"): frozenset({"close"})}


def test_eurusd_low_above_close_is_critical_only_for_a_verdict_on_that_close(  # type: ignore[no-untyped-def]
    quality_run, snapshot, instruments
) -> None:
    outcome = validate(quality_run, snapshot, instruments, "EURUSD=X", union(EURUSD_ON_20, EURUSD_ON_27))
    (failure,) = outcome.failures_touching(EURUSD_ON_20)
    assert (failure.name, failure.severity, failure.sessions) == ("low_le_close", "critical", (D("2025-01-20"),))
    assert failure.expectation == "expect_column_pair_values_a_to_be_greater_than_b"
    assert "1.02774" in failure.detail
    assert "1.02794" in failure.detail
    # A verdict on the 27th is not touched: for it, the flaw is context.
    assert not outcome.failures_touching(EURUSD_ON_27)
    # The same bar, seen as context, is a warning on both pairs the low breaks.
    warned = {r.name for r in outcome.warnings() if D("2025-01-20") in r.sessions}
    assert warned == {"low_le_close", "low_le_open"}


ENR_SEED = {D("2025-01-24"): frozenset({"close"}), D("2025-01-27"): frozenset({"close"})}
ENR_CLAIMS = [
    ({D("2025-01-20"): frozenset({"close"})}, {("close_not_null", D("2025-01-20"))}),
    ({D("2025-02-10"): frozenset({"close"})}, {("close_not_null", D("2025-02-10"))}),
    # 24 January carries a close only: an intraday verdict needs its low, which is not there.
    ({D("2025-01-24"): frozenset({"low"})}, {("low_not_null", D("2025-01-24"))}),
    ({D("2025-01-17"): frozenset({"high", "close"})}, {("high_not_null", D("2025-01-17"))}),
    (ENR_SEED, set()),  # the seed claim: two closes, both there
]


@pytest.fixture(scope="module")
def enr(quality_run, snapshot, instruments):  # type: ignore[no-untyped-def]
    """Siemens Energy validated once, for all the claims below together."""
    return validate(quality_run, snapshot, instruments, "ENR.DE", union(*(needed for needed, _ in ENR_CLAIMS)))


def test_siemens_energy_gaps_are_warnings_around_the_seed_claim(enr) -> None:  # type: ignore[no-untyped-def]
    assert not enr.failures_touching(ENR_SEED)
    warnings = {r.name: r.sessions for r in enr.warnings()}
    assert warnings["close_not_null"] == ENR_EMPTY
    for column in ("open", "high", "low", "volume"):
        assert warnings[f"{column}_not_null"] == tuple(sorted(ENR_EMPTY + ENR_CLOSE_ONLY))
    assert "session_present" not in warnings  # the rows exist; their values do not


@pytest.mark.parametrize(
    ("lang", "column", "empty"), [("en", "open", "open empty"), ("de", "Eröffnung", "Eröffnung leer")]
)
def test_siemens_energy_gaps_name_each_day_once(enr, lang: str, column: str, empty: str) -> None:  # type: ignore[no-untyped-def]
    """A report line names each empty day once, with what was found: "open: 17.01.2025, … (open empty)" (it
    listed the days after the column and then again, one by one, each with "(open empty)")."""
    from marketfact.reports.i18n import Formatter
    from marketfact.reports.validationview import expectation_view

    fmt = Formatter(lang)
    result = next(r for r in enr.warnings() if r.name == "open_not_null")
    view = expectation_view(result, fmt)
    assert view.where == column
    assert view.detail == ", ".join(fmt.day(d) for d in sorted(ENR_EMPTY + ENR_CLOSE_ONLY)) + f" ({empty})"


@pytest.mark.parametrize(("needed", "expected"), ENR_CLAIMS)
def test_siemens_energy_gaps_are_critical_when_a_verdict_needs_them(enr, needed, expected) -> None:  # type: ignore[no-untyped-def]
    hits = enr.failures_touching(needed)
    assert {(r.name, s) for r in hits for s in r.sessions if s in needed} == expected
    assert all(r.severity == "critical" for r in hits)


def test_vst_has_no_raw_close(quality_run, snapshot, instruments) -> None:  # type: ignore[no-untyped-def]
    needed = {D("2025-01-24"): frozenset({"close"}), D("2025-01-27"): frozenset({"close"})}
    outcome = validate(quality_run, snapshot, instruments, "VST", needed)
    (raw,) = named(outcome.failures_touching(needed), "raw_close_present")
    assert raw.sessions == (D("2025-01-24"), D("2025-01-27"))
    assert raw.columns == ("close",)
    assert "adjusted_only" in raw.detail
    # Its adjusted closes are there: the series is not empty, it is on the wrong basis for news.
    assert not named(outcome.warnings(), "adj_close_positive")


def test_avgo_identical_closes_are_worth_a_warning(quality_run, snapshot, instruments) -> None:  # type: ignore[no-untyped-def]
    outcome = validate(quality_run, snapshot, instruments, "AVGO", {D("2025-02-11"): frozenset({"close"})})
    assert outcome.success
    (repeat,) = named(outcome.warnings(), "close_not_repeated")
    assert repeat.sessions == (D("2025-02-11"),)
    assert "235.04" in repeat.detail


CLEAN = ["NVDA", "6857.T", "^IXIC", "^GSPC", "^N225", "^GDAXI", "AVGO", "TSM", "ASML", "8035.T", "9984.T",
         "ORCL", "CEG", "SU.PA", "MSFT", "GOOGL"]  # fmt: skip


def test_every_other_series_passes_on_all_its_closes_and_lows(quality_run, snapshot, instruments) -> None:  # type: ignore[no-untyped-def]
    from marketfact.checks.quality.pricebatch import PriceCheck

    checks = []
    for symbol in CLEAN:
        frame = snapshot.full_history(symbol).frame
        needed = {ts.date(): frozenset({"close", "low", "high"}) for ts in frame.index}
        checks.append(PriceCheck(snapshot.full_history(symbol), instruments[symbol], WINDOW, needed))
    outcomes = quality_run.validate_prices_many(checks)
    assert {s: [r.name for r in o.critical_failures()] for s, o in outcomes.items()} == {s: [] for s in CLEAN}
    # Every session of each exchange calendar is in the data (13 Jan and 11 Feb were Tokyo holidays).
    assert not any(named(o.warnings(), "session_present") for o in outcomes.values())
