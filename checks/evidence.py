"""What a run's verdicts rest on, as one frozen record, and who the run is.

A run gathers seven things before it judges: the plan, the price series and the instruments whose fetch
failed, the validation outcomes (per instrument, and the others), the exchange rates and the share
counts. ``RunEvidence`` holds them together, so each step takes the record (``checks.engine.evaluate``,
``checks.run.judge_all`` and ``assemble``, ``checks.explain.build_verdicts``, ``checks.columnar.VerdictTable``)
and the flow hands one object to its tasks. ``RunInfo`` is what names a run in its report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from marketfact.checks.plan import Plan
from marketfact.checks.quality.outcome import ValidationOutcome
from marketfact.market.model import FxQuote, PriceSeries, SharesQuote

FxKey = tuple[str, str, str, date]
"""An exchange rate's key: (source, base, quote, on)."""
SharesKey = tuple[str, date]
"""A share count's key: (symbol, on)."""


@dataclass(frozen=True, slots=True)
class RunEvidence:
    """Everything a run's verdicts rest on, gathered before judging.

    ``errors``: instrument → the source's message, for instruments whose prices could not be fetched
    (their claims become UNVERIFIABLE). ``outcomes``: the price validations per instrument; ``extra``: the
    other validations (the claim set, share counts, exchange rates). A critical failure in any of them
    that touches a claim makes it UNVERIFIABLE.
    """

    plan: Plan
    series: Mapping[str, PriceSeries]
    errors: Mapping[str, str] = field(default_factory=dict)
    outcomes: Mapping[str, ValidationOutcome] = field(default_factory=dict)
    fx: Mapping[FxKey, FxQuote] = field(default_factory=dict)
    shares: Mapping[SharesKey, SharesQuote] = field(default_factory=dict)
    extra: tuple[ValidationOutcome, ...] = ()

    def validated(
        self, outcomes: Mapping[str, ValidationOutcome], extra: tuple[ValidationOutcome, ...]
    ) -> RunEvidence:
        """The same evidence with its validation outcomes."""
        return replace(self, outcomes=outcomes, extra=extra)

    def __repr__(self) -> str:  # a task run's parameters are shown by their repr: keep it short
        return (
            f"RunEvidence({len(self.plan.table)} claims, {len(self.series)} series, {len(self.errors)} errors, "
            f"{len(self.outcomes) + len(self.extra)} validations, {len(self.fx)} rates, "
            f"{len(self.shares)} share counts)"
        )


@dataclass(frozen=True, slots=True)
class RunInfo:
    """Who a run is: its id, when it started, what it checked and where its data came from."""

    run_id: str
    started: datetime
    claims_file: str
    mode: str  # the market data's mode: "snapshot", "yfinance", "auto", "in-process", …
    synthetic: bool = False  # made from generated data (the benchmark's), never market data
