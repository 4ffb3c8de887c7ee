"""Expectations as plain data: what each suite checks, without importing Great Expectations.

A dataset module (``prices``, ``fx``, ``shares``, ``claimset``) lists ``Spec`` rows; the runner turns
each into a real ``gx.expectations.<Class>`` when the run's context is built. Keeping the rows free of GX
types lets the modules be imported (and read, and tested) without paying GX's import time.

Scope says which rows an expectation looks at, and so its severity:

- ``dataset``: the whole frame, critical; a failure has no sessions and so touches every verdict
  (wrong currency, a tz-aware index, a missing column);
- ``evidence``: only the rows and columns a verdict rests on, critical;
- ``context``: every row of the window, warning (shown next to the verdict, never decisive).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

Scope = Literal["dataset", "evidence", "context"]
Join = Literal["all", "any"]


@dataclass(frozen=True, slots=True)
class When:
    """A row filter on boolean helper columns: all (or any) of ``flags`` must be True."""

    flags: tuple[str, ...]
    join: Join = "all"


def when_all(*flags: str) -> When:
    """Rows where every named boolean column is True."""
    return When(tuple(flags), "all")


def when_any(*flags: str) -> When:
    """Rows where at least one named boolean column is True."""
    return When(tuple(flags), "any")


@dataclass(frozen=True, slots=True)
class Spec:
    """One expectation of a suite, named for people.

    ``gx_class`` is the class name under ``gx.expectations`` and ``kwargs`` its arguments (a value
    ``{"$PARAMETER": name}`` is filled per validation). ``columns`` are the dataset columns a failure
    implicates. ``name_template``, when set, names each failing row from its own values
    (``"{column}_not_null"`` on a frame of evidence cells gives ``close_not_null``); ``quote`` lists
    batch columns whose values the failure's sentence shows.
    """

    name: str
    gx_class: str
    kwargs: dict[str, Any]
    scope: Scope
    columns: tuple[str, ...] = ()
    when: When | None = None
    notes: str = ""
    name_template: str | None = None
    quote: tuple[str, ...] = ()

    @property
    def severity(self) -> Literal["critical", "warning"]:
        """Critical on the dataset and the evidence rows, warning on the context."""
        return "warning" if self.scope == "context" else "critical"

    @property
    def key(self) -> str:
        """Unique within a suite: the same check runs on evidence and on context."""
        return f"{self.name}@{self.scope}"


def paired(
    name: str,
    gx_class: str,
    kwargs: dict[str, Any],
    *,
    columns: tuple[str, ...],
    evidence: When,
    context: When | None,
    notes: str,
) -> list[Spec]:
    """The same check twice: critical on the evidence rows, warning on the context rows."""
    return [
        Spec(name, gx_class, kwargs, "evidence", columns, evidence, notes),
        Spec(name, gx_class, kwargs, "context", columns, context, notes),
    ]


@dataclass(frozen=True, slots=True)
class Batch:
    """One frame to validate against one suite, with what is needed to read its failures back.

    ``row_key`` names the column that identifies a failing row (``session`` for prices, ``claim_id``
    for claims); when it holds dates, failures list them as sessions. ``column_key``, when set, names a
    column whose value on a failing row is the dataset column it implicates (the currency of an FX row).
    ``parameters`` fill the suite's ``$PARAMETER`` placeholders for this validation. ``group_key``
    names the column that says which dataset a row belongs to when one frame holds several (the
    symbol, when many price series are validated at once); ``datasets`` maps each group to its name.
    """

    suite: str
    frame: pd.DataFrame  # RangeIndex; helper columns included
    row_key: str
    datasets: dict[str, str]
    group_key: str | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    column_key: str | None = None
    details: dict[tuple[str, str], str] = field(default_factory=dict)  # (group, expectation) → sentence
