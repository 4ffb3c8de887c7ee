"""checks.quality.gxkwargs: GX's kwargs lookups with the configuration built once give what GX's own give."""

from __future__ import annotations

from typing import Any

import pytest

from marketfact.checks.quality import gxkwargs
from marketfact.checks.quality.runner import SUITES

RUNTIME = [None, {}, {"result_format": {"result_format": "COMPLETE", "exclude_unexpected_values": True}}]


def _expectations(quality_run: Any) -> list[Any]:
    """Every expectation of the project's suites, as GX validates them (a fresh domain object per config)."""
    session = quality_run.session  # builds the suites, and installs the lookups
    found = []
    for name in SUITES:
        suite = session.context.suites.get(name)
        found += [config.to_domain_obj() for config in suite.expectation_configurations]
    return found


def test_the_lookups_are_installed_for_this_gx_version(quality_run: Any) -> None:
    """On the GX version pinned in constraints.txt the replacements are in place (else the speed-up is gone)."""
    from great_expectations.expectations.expectation import Expectation

    quality_run.session  # noqa: B018 - creating the session installs them
    for name, replacement in gxkwargs.REPLACEMENTS.items():
        assert Expectation.__dict__[name] is replacement, name
    assert set(gxkwargs.originals()) == set(gxkwargs.REPLACEMENTS)


@pytest.mark.parametrize("runtime", RUNTIME, ids=["none", "empty", "complete"])
def test_same_kwargs_as_gx_on_every_expectation_of_every_suite(quality_run: Any, runtime: Any) -> None:
    """Domain, success and runtime kwargs, and each single kwarg, equal GX's own methods' on all ≈80
    expectations (a parameter, a row condition, pair and compound columns, defaults, unknown keys)."""
    originals = gxkwargs.originals()
    expectations = _expectations(quality_run)
    assert len(expectations) > 60
    for expectation in expectations:
        ours = expectation._get_runtime_kwargs(runtime_configuration=runtime)
        assert ours == originals["_get_runtime_kwargs"](expectation, runtime_configuration=runtime)
        assert expectation._get_success_kwargs() == originals["_get_success_kwargs"](expectation)
        assert expectation._get_domain_kwargs() == originals["_get_domain_kwargs"](expectation)
        for key in [*ours, "not_a_field"]:
            assert expectation._get_success_kwarg(key, "fallback") == originals["_get_success_kwarg"](
                expectation, key, "fallback"
            ), (type(expectation).__name__, key)


def test_uninstall_restores_gx_and_install_comes_back(quality_run: Any) -> None:
    """The paired bench switches the lookups off and on again; GX's own methods come back in between."""
    from great_expectations.expectations.expectation import Expectation

    quality_run.session  # noqa: B018
    originals = gxkwargs.originals()
    gxkwargs.uninstall()
    try:
        for name, original in originals.items():
            assert Expectation.__dict__[name] is original
    finally:
        assert gxkwargs.install(force=True)
    assert Expectation.__dict__["_get_runtime_kwargs"] is gxkwargs.get_runtime_kwargs
