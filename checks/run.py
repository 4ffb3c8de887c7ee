"""Assemble a ``RunReport`` from the pieces of a run, and run the whole core in-process (no Prefect)."""

from __future__ import annotations

import importlib.metadata
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

import pandas as pd

from marketfact.checks.columnar import LAZY_ABOVE, VerdictTable
from marketfact.checks.engine import evaluate, now
from marketfact.checks.evidence import FxKey, RunEvidence, RunInfo, SharesKey
from marketfact.checks.explain import build_verdicts
from marketfact.checks.measure import PricePanel
from marketfact.checks.plan import Plan, plan_run
from marketfact.checks.runreport import DataSourceInfo, RunReport
from marketfact.checks.verdicts import Verdict
from marketfact.claims.model import ClaimFile
from marketfact.claims.store import kept
from marketfact.market.model import FxQuote, Instrument, PriceSeries, SharesQuote
from marketfact.market.source import FxSource, MarketDataError, PriceSource, SharesSource, prefetch

LIBRARIES = ("marketfact", "pandas", "yfinance", "great-expectations", "prefect", "exchange-calendars")


def library_versions() -> dict[str, str]:
    """Versions of the libraries a verdict depends on, for the report's provenance."""
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def new_run_id(started: datetime) -> str:
    """A sortable, unique run id: 20250129T070000Z-1a2b3c."""
    return started.strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]


def fetch_errors_into(judged: pd.DataFrame, errors: Mapping[str, str]) -> pd.DataFrame:
    """Claims on an instrument whose fetch failed are UNVERIFIABLE with the source's message."""
    judged = judged.copy(deep=False)  # copy-on-write
    for symbol, message in errors.items():
        rows = judged["symbol"] == symbol
        judged.loc[rows, "problem"] = message
        judged.loc[rows, "label"] = "UNVERIFIABLE"
    return judged


def sources_of(series: Mapping[str, PriceSeries], fx: Mapping[FxKey, FxQuote], mode: str) -> tuple[DataSourceInfo, ...]:
    """One entry per distinct source of prices and FX, with its retrieval time."""
    seen: dict[str, DataSourceInfo] = {}
    for ps in series.values():
        seen.setdefault(ps.source, DataSourceInfo(ps.source, mode, ps.retrieved_at, ps.provenance.split(" (")[0]))
    for q in fx.values():
        seen.setdefault(q.source, DataSourceInfo(q.source, mode, None, q.description))
    return tuple(seen.values())


def assemble(evidence: RunEvidence, judged: pd.DataFrame, panel: PricePanel, info: RunInfo) -> RunReport:
    """The RunReport of a finished run; above ``LAZY_ABOVE`` claims its verdicts stay a ``VerdictTable``."""
    verdicts: Sequence[Verdict] = (
        VerdictTable(evidence, judged, panel)
        if len(judged) > LAZY_ABOVE
        else tuple(build_verdicts(evidence, judged, panel))
    )
    plan = evidence.plan
    return RunReport(
        run_id=info.run_id,
        started_at=info.started,
        finished_at=now(),
        claims_file=info.claims_file,
        article=plan.claims.article,
        claims=kept(plan.claims.claims),
        verdicts=verdicts,
        validations=tuple(evidence.outcomes.values()) + evidence.extra,
        sources=sources_of(evidence.series, evidence.fx, info.mode),
        versions=library_versions(),
        synthetic=info.synthetic,
    )


def judge_all(evidence: RunEvidence) -> tuple[pd.DataFrame, PricePanel]:
    """Evaluate every claim and fold fetch errors in as UNVERIFIABLE reasons."""
    judged, panel = evaluate(evidence)
    return fetch_errors_into(judged, evidence.errors), panel


def judge_run(evidence: RunEvidence, info: RunInfo) -> RunReport:
    """Judge every claim of the evidence and assemble the run's report."""
    judged, panel = judge_all(evidence)
    return assemble(evidence, judged, panel, info)


def fetch_all(plan: Plan, prices: PriceSource) -> tuple[dict[str, PriceSeries], dict[str, str]]:
    """One request per instrument of the plan; errors are kept per instrument, not raised."""
    series: dict[str, PriceSeries] = {}
    errors: dict[str, str] = {}
    prefetch(prices, list(plan.windows))
    for symbol, (start, end) in plan.windows.items():
        try:
            series[symbol] = prices.history(symbol, start, end)
        except MarketDataError as exc:
            errors[symbol] = str(exc)
    return series, errors


def fetch_conversions(
    plan: Plan, fx_sources: Mapping[str, FxSource], shares_source: SharesSource
) -> tuple[dict[FxKey, FxQuote], dict[SharesKey, SharesQuote], list[str]]:
    """The exchange rates and share counts the plan's money claims need (missing ones are listed)."""
    fx: dict[FxKey, FxQuote] = {}
    shares: dict[SharesKey, SharesQuote] = {}
    problems: list[str] = []
    for need in plan.fx_needs:
        try:
            fx[(need.source, need.base, need.quote, need.on)] = fx_sources[need.source].rate(
                need.base, need.quote, need.on
            )
        except MarketDataError as exc:
            problems.append(str(exc))
    for symbol, on in plan.shares_needs:
        try:
            shares[(symbol, on)] = shares_source.shares(symbol, on)
        except MarketDataError as exc:
            problems.append(str(exc))
    return fx, shares, problems


def run_in_process(
    claims: ClaimFile,
    prices: PriceSource,
    instruments: Mapping[str, Instrument],
    fx_sources: Mapping[str, FxSource],
    shares_source: SharesSource,
    validate: bool = True,
    docs_dir: Path | None = None,
    claims_file: str = "<memory>",
    mode: str = "in-process",
) -> RunReport:
    """The whole core without Prefect: plan, fetch, validate, judge, assemble."""
    started = now()
    plan = plan_run(claims, instruments)
    series, errors = fetch_all(plan, prices)
    fx, shares, _ = fetch_conversions(plan, fx_sources, shares_source)
    evidence = RunEvidence(plan, series, errors, fx=fx, shares=shares)
    if validate:
        evidence = validated(evidence, docs_dir)
    return judge_run(evidence, RunInfo(new_run_id(started), started, claims_file, mode))


def validated(evidence: RunEvidence, docs_dir: Path | None) -> RunEvidence:
    """The evidence with its Great Expectations outcomes (``checks.quality.validate.validate_run``)."""
    from marketfact.checks.quality.validate import validate_run

    return evidence.validated(*validate_run(evidence.plan, evidence.series, evidence.fx, evidence.shares, docs_dir))
