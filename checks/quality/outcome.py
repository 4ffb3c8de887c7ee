"""The project's own record of a validation, so that no report depends on Great Expectations' types."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from marketfact.checks.reasons import Reason

Severity = Literal["critical", "warning"]


@dataclass(frozen=True, slots=True)
class FoundRow:
    """One failing row as data: its session (or claim id), the evidence cell's column and value, quoted values.

    Values are plain Python (float, int, bool, str, date); None is an empty cell.
    """

    key: date | str
    column: str | None = None  # an evidence cell's column ("close")
    has_cell: bool = False  # whether ``cell`` is shown (an evidence cell's own value)
    cell: float | int | bool | str | date | None = None
    values: tuple[tuple[str, float | int | bool | str | date | None], ...] = ()


@dataclass(frozen=True, slots=True)
class ExpectationResult:
    """One expectation on one dataset, with the rows that broke it.

    ``name`` is what a person reads ("close_not_null"); ``expectation`` is Great Expectations' type
    ("expect_column_values_to_not_be_null"). ``columns`` and ``sessions`` say which values failed, so
    a verdict can tell whether the failure touches the values it rests on.
    """

    name: str
    expectation: str
    severity: Severity
    success: bool
    columns: tuple[str, ...] = ()
    sessions: tuple[date, ...] = ()
    detail: str = ""
    rows: tuple[str, ...] = ()  # failing rows that are not sessions: claim ids of the claim-set suite
    # ``detail`` as data, for reports in other languages: its sentences (``checks.reasons`` codes: price_basis,
    # not_checked, missing_columns, observed), the failing rows it quotes and how many more failed.
    facts: tuple[Reason, ...] = ()
    found: tuple[FoundRow, ...] = ()
    more: int = 0

    def touches(self, needed: dict[date, frozenset[str]]) -> bool:
        """Whether a failure hits a (session, column) a verdict needs.

        A failure with no sessions listed is dataset-wide (wrong currency, missing columns) and touches all.
        """
        if self.success:
            return False
        if not self.sessions:
            return True
        return any(not self.columns or set(self.columns) & needed.get(s, frozenset()) for s in self.sessions)


@dataclass(frozen=True, slots=True)
class ValidationOutcome:
    """All expectation results of one dataset (prices of one symbol, an FX series, share counts)."""

    dataset: str
    suite: str
    results: tuple[ExpectationResult, ...] = field(default_factory=tuple)
    engine: str = "great_expectations"
    data_docs: str | None = None  # path of the Data Docs page for this validation, relative to the report

    @property
    def success(self) -> bool:
        """True when no critical expectation failed."""
        return not self.critical_failures()

    def critical_failures(self) -> list[ExpectationResult]:
        """Failed expectations of critical severity."""
        return [r for r in self.results if r.severity == "critical" and not r.success]

    def warnings(self) -> list[ExpectationResult]:
        """Failed expectations of warning severity."""
        return [r for r in self.results if r.severity == "warning" and not r.success]

    def failures_touching(self, needed: dict[date, frozenset[str]]) -> list[ExpectationResult]:
        """Critical failures that hit values a verdict rests on."""
        return [r for r in self.critical_failures() if r.touches(needed)]

    def failures_for_row(self, row: str) -> list[ExpectationResult]:
        """Critical failures naming ``row`` (a claim id), or naming no row at all (dataset-wide)."""
        return [r for r in self.critical_failures() if row in r.rows or (not r.rows and not r.sessions)]

    def warnings_near(self, sessions: set[date] | frozenset[date]) -> list[ExpectationResult]:
        """Warnings on any of ``sessions`` or dataset-wide ones: what to show next to a verdict."""
        return [r for r in self.warnings() if not r.sessions or set(r.sessions) & set(sessions)]
