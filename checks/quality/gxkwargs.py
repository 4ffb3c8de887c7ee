"""Great Expectations' kwargs lookups, with an expectation's configuration built once per lookup.

While it validates, GX asks each expectation for its domain, success and runtime kwargs once per metric
it needs (``registry.get_metric_kwargs``, ``get_validation_dependencies``), and GX 1.x's
``Expectation._get_domain_kwargs`` / ``_get_success_kwargs`` / ``_get_runtime_kwargs`` /
``_get_success_kwarg`` read ``self.configuration`` once **per key**: a property that builds a new
``ExpectationConfiguration`` from the model (pydantic's ``dict()``) on every access. A seed check
(≈80 expectations in 5 validations) built it ≈11 400 times, a third of the check's time: an overhead per
expectation, not per row.

``install()`` replaces those four methods on ``Expectation`` with the same lookups over one
configuration built per call: the same values, in the same order, with the same fallbacks (a field's
default, GX's warning for an unknown key). Nothing else of GX changes; the validation, its metrics and
results are GX's own. It applies only to the GX version it was written against (``FOR_VERSION``);
``tests/checks/quality/test_gxkwargs.py`` compares both implementations on every expectation of the
project's suites.
"""

from __future__ import annotations

import logging
from typing import Any

FOR_VERSION = "1.24.1"
_installed: dict[str, Any] = {}
switched_off = False
"""Set by ``uninstall``: ``install`` then does nothing (a paired measurement's "off" side) until forced."""


def _success_kwarg(self: Any, key: str, kwargs: dict[str, Any], default: Any = None) -> Any:
    """``Expectation._get_success_kwarg`` over ``kwargs`` (the configuration's, built once)."""
    if key in kwargs:
        return kwargs[key]
    field = self.__fields__.get(key)
    if field is not None:
        return field.default if not field.required else default
    logging.getLogger("great_expectations.expectations.expectation").warning(
        f'_get_success_kwarg called with key "{key}", but it is not a known field of {type(self).__name__}'
    )
    return default


def _domain(self: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    return {key: kwargs.get(key, self._get_default_value(key)) for key in self.domain_keys}


def _success(self: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    domain = _domain(self, kwargs)
    success = {key: kwargs.get(key, self._get_default_value(key)) for key in self.success_keys}
    success.update(domain)
    return success


def get_success_kwarg(self: Any, key: str, default: Any = None) -> Any:
    """One success or domain kwarg (GX's ``_get_success_kwarg``)."""
    return _success_kwarg(self, key, self.configuration.kwargs, default)


def get_domain_kwargs(self: Any) -> dict[str, Any]:
    """The domain kwargs (GX's ``_get_domain_kwargs``; its missing-key check cannot fire: every key is set)."""
    return _domain(self, self.configuration.kwargs)


def get_success_kwargs(self: Any) -> dict[str, Any]:
    """The success kwargs, domain kwargs included (GX's ``_get_success_kwargs``)."""
    return _success(self, self.configuration.kwargs)


def get_runtime_kwargs(self: Any, runtime_configuration: dict | None = None) -> dict:
    """The runtime kwargs, success and domain kwargs included (GX's ``_get_runtime_kwargs``)."""
    from great_expectations.expectations.expectation import parse_result_format

    runtime_configuration = runtime_configuration or {}
    kwargs = self.configuration.kwargs
    success = _success(self, kwargs)
    runtime = {key: runtime_configuration.get(key, _success_kwarg(self, key, kwargs)) for key in self.runtime_keys}
    runtime.update(success)
    runtime["result_format"] = parse_result_format(runtime["result_format"])
    return runtime


REPLACEMENTS = {
    "_get_success_kwarg": get_success_kwarg,
    "_get_domain_kwargs": get_domain_kwargs,
    "_get_success_kwargs": get_success_kwargs,
    "_get_runtime_kwargs": get_runtime_kwargs,
}


def install(*, force: bool = False) -> bool:
    """Put the lookups above in place of GX's on ``Expectation`` (once); False on another GX version, or
    after ``uninstall`` unless ``force``."""
    global switched_off
    import great_expectations
    from great_expectations.expectations.expectation import Expectation

    if great_expectations.__version__ != FOR_VERSION or (switched_off and not force):
        return False
    switched_off = False
    for name, replacement in REPLACEMENTS.items():
        if name not in _installed:
            _installed[name] = Expectation.__dict__[name]
            setattr(Expectation, name, replacement)
    return True


def originals() -> dict[str, Any]:
    """GX's own methods that ``install`` replaced (empty before it ran)."""
    return dict(_installed)


def uninstall() -> None:
    """Put GX's own methods back and keep them (for paired measurements and the equivalence test)."""
    global switched_off
    from great_expectations.expectations.expectation import Expectation

    switched_off = True

    for name, original in _installed.items():
        setattr(Expectation, name, original)
    _installed.clear()
