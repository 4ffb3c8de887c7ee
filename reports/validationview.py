"""The views of the run's data validations, page-wide and under each claim, and the vetted ``Link``.

A validation and its failed expectations arrive here as the outcome the checks made of them
(``checks.quality.outcome``) and leave as plain text in the report's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marketfact.checks.quality.outcome import ExpectationResult, ValidationOutcome
from marketfact.checks.runreport import RunReport
from marketfact.reports.i18n import Formatter
from marketfact.reports.quality import PAGE as QUALITY_PAGE
from marketfact.reports.qualitytext import detail_text, where_text
from marketfact.reports.reasontext import dataset_text
from marketfact.reports.safety import safe_href


@dataclass(frozen=True, slots=True)
class Link:
    """A link's text and its vetted target (None: shown as text only)."""

    text: str
    href: str | None


@dataclass(frozen=True, slots=True)
class ExpectationView:
    """One failed expectation, named as a person reads it."""

    name: str
    expectation: str
    severity: str
    where: str
    detail: str


@dataclass(frozen=True, slots=True)
class ValidationView:
    """One dataset's validation with its Data Docs link."""

    dataset: str
    suite: str
    success: bool
    result: str
    failures: tuple[ExpectationView, ...]
    warnings: tuple[ExpectationView, ...]
    data_docs: Link | None
    quality: Link | None = None  # the project's own data-quality page (reports.quality), at this dataset


def expectation_view(result: ExpectationResult, fmt: Formatter) -> ExpectationView:
    """A failed expectation as the report names it: where it failed and what was found."""
    where, detail = where_text(result, fmt), detail_text(result, fmt)
    return ExpectationView(result.name, result.expectation, result.severity, where, detail)


def validation_view(outcome: ValidationOutcome, fmt: Formatter, index: int | None = None) -> ValidationView:
    """A validation as the report lists it; ``index`` is its place in the run (its data-quality anchor)."""
    docs = Link(fmt.word("data_docs"), safe_href(outcome.data_docs, allow_relative=True)) if outcome.data_docs else None
    return ValidationView(
        dataset=dataset_text(outcome.dataset, fmt),
        suite=outcome.suite,
        success=outcome.success,
        result=fmt.word("passed" if outcome.success else "failed"),
        failures=tuple(expectation_view(r, fmt) for r in outcome.critical_failures()),
        warnings=tuple(expectation_view(r, fmt) for r in outcome.warnings()),
        data_docs=docs,
        quality=Link(fmt.word("quality_page"), QUALITY_PAGE + ("" if index is None else f"#dataset-{index}")),
    )


def _names_in(dataset: str) -> set[str]:
    # Dataset names are free text ("NVDA", "prices NVDA"); a verdict owns those naming its symbol.
    return {dataset, *re.split(r"[\s:/,()\[\]]+", dataset)}


def validations_by_symbol(run: RunReport, views: tuple[ValidationView, ...]) -> dict[str, tuple[ValidationView, ...]]:
    """Per symbol, the views (``views[i]`` shows ``run.validations[i]``) of the datasets naming it, in order.

    Built once per report: matching every verdict against every dataset cost claims × datasets.
    """
    by_symbol: dict[str, list[ValidationView]] = {}
    for outcome, view in zip(run.validations, views, strict=True):
        for name in _names_in(outcome.dataset):
            by_symbol.setdefault(name, []).append(view)
    return {name: tuple(found) for name, found in by_symbol.items()}
