"""``--fail-on``: which runs a publishing pipeline lets through."""

from __future__ import annotations

from typing import Any

import pytest

from marketfact.reports import exit_code_for

PASS, FAIL, UNVERIFIABLE = "nvda_plunge", "nvda_rebound", "siemens_unverifiable"


@pytest.mark.parametrize(
    ("claims", "fail_on", "code"),
    [
        ([PASS, FAIL, UNVERIFIABLE], None, 0),
        ([PASS], "fail", 0),
        ([PASS, UNVERIFIABLE], "fail", 0),
        ([PASS, FAIL], "fail", 1),
        ([PASS], "unverifiable", 0),
        ([PASS, UNVERIFIABLE], "unverifiable", 1),
        ([PASS, FAIL], "unverifiable", 1),  # the stricter gate never lets a fail through
        ([], "unverifiable", 0),
    ],
)
def test_exit_code(cases: Any, claims: list[str], fail_on: str | None, code: int) -> None:
    run = cases.build_run([getattr(cases, name)() for name in claims])
    assert exit_code_for(run, fail_on) == code


def test_unknown_gate_is_an_error(cases: Any) -> None:
    with pytest.raises(ValueError, match="--fail-on"):
        exit_code_for(cases.build_run([]), "warn")


@pytest.mark.parametrize("fail_on", ["fail", "unverifiable"])
def test_an_unconfirmed_reading_never_fails_the_gate_alone(cases: Any, fail_on: str) -> None:
    """A claim read from an article with low confidence may not be what the article said: until confirmed,
    its verdict does not fail the run; every other claim still does."""
    run = cases.build_run([cases.nvda_plunge(), cases.nvda_rebound(), cases.siemens_unverifiable()])
    gated = {v.claim_id for v in run.verdicts if v.outcome != "pass"}
    assert exit_code_for(run, fail_on, unconfirmed=gated) == 0
    assert exit_code_for(run, fail_on, unconfirmed=set()) == 1
    passing = {v.claim_id for v in run.verdicts if v.outcome == "pass"}
    assert exit_code_for(run, fail_on, unconfirmed=passing) == 1
