"""``extra_problems``: which claims a critical failure of the claim set, a share count or an FX rate names.

The plan, rates and share counts are the seed article's five claims on the shipped snapshot; the failing
outcomes are made here (the failures, not the data), so each rule of the function is seen on its own.
Claims in table order: NVDA Monday, NVDA Tuesday, NVDA's market value on Monday (USD → EUR at the ECB's
rate of 27 January, NVDA's count), Siemens Energy Monday, Advantest over two days.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from marketfact.checks.quality.outcome import ExpectationResult, ValidationOutcome

MONDAY, TUESDAY = date(2025, 1, 27), date(2025, 1, 28)


def failed(name: str, **where: Any) -> ExpectationResult:
    """A failed critical expectation; ``where`` names its rows, sessions and columns."""
    return ExpectationResult(name, "expect_made_up_for_the_test", "critical", False, **where)


def outcome(dataset: str, *results: ExpectationResult) -> ValidationOutcome:
    return ValidationOutcome(dataset, "test suite", results)


@pytest.fixture(scope="module")
def seed_plan(seed_claims, snapshot):  # type: ignore[no-untyped-def]
    from marketfact.checks.plan import plan_run
    from marketfact.checks.run import fetch_conversions
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

    plan = plan_run(seed_claims, snapshot.instruments())
    fx, _, _ = fetch_conversions(plan, {"ecb": EcbFxSource()}, SnapshotSharesSource())
    assert plan.table["claim_id"].tolist()[2] == "nvda-market-value-at-times"
    return plan, fx


def problems(seed_plan: Any, *extra: ValidationOutcome) -> list[str]:
    from marketfact.checks.quality.validate import extra_problems

    plan, fx = seed_plan
    found = extra_problems(plan, tuple(extra), fx)
    assert found.index.equals(plan.table.index)
    return list(found)


def test_passed_outcomes_and_warnings_name_nothing(seed_plan) -> None:  # type: ignore[no-untyped-def]
    warning = ExpectationResult("rows_unique", "expect_x", "warning", False, rows=("nvda-monday-plunge",))
    passed = ExpectationResult("rows_unique", "expect_x", "critical", True)
    assert problems(seed_plan, outcome("claim set", warning, passed), outcome("shares: NVDA", passed)) == [""] * 5


def test_each_failure_names_the_claims_it_touches(seed_plan) -> None:  # type: ignore[no-untyped-def]
    found = problems(
        seed_plan,
        outcome("claim set", failed("id_unique", rows=("nvda-tuesday-rebound", "not-in-this-run"))),
        outcome(
            "shares: NVDA",
            failed("shares_positive", columns=("shares",), sessions=(MONDAY,)),
            failed("shares_on_tuesday", columns=("shares",), sessions=(TUESDAY,)),  # no money claim on Tuesday
        ),
        outcome(
            "fx: ecb rates used",
            failed("rate_positive", columns=("USD", "EUR"), sessions=(MONDAY,)),
            failed("yen_rate", columns=("JPY",), sessions=(MONDAY,)),  # not the rate the claim used
        ),
    )
    assert found == [
        "",
        "id_unique failed on the claim",
        "shares_positive failed on shares: NVDA on 2025-01-27; rate_positive failed on the USD→EUR rate",
        "",
        "",
    ]


def test_dataset_wide_failures_name_every_claim_they_cover(seed_plan) -> None:  # type: ignore[no-untyped-def]
    found = problems(
        seed_plan,
        outcome("claim set", failed("columns_present"), failed("id_unique", rows=("advantest-two-days",))),
        outcome("shares: NVDA", failed("currency_stated")),  # no session named: every count of the symbol
        outcome("shares: ENR.DE", failed("shares_positive")),  # no money claim on Siemens Energy
    )
    wide = "columns_present failed on the claim"
    assert found == [
        wide,
        wide,
        f"{wide}; currency_stated failed on shares: NVDA on 2025-01-27",
        wide,
        f"{wide}; id_unique failed on the claim",
    ]
