"""Validate everything one run's verdicts rest on, in as few Great Expectations passes as possible.

``validate_run`` is what the engine and the Prefect task call: one pass of the price suites over every
instrument (evidence = the union of its claims' values, from the plan), one over the share counts, one
over the FX rates per source, one over the claim set; then the Data Docs into the report folder.
``extra_problems`` turns the non-price outcomes into per-claim reasons, as ``quality_problems`` does
for prices.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from marketfact.checks.quality import claimset
from marketfact.checks.quality.fx import fx_evidence
from marketfact.checks.quality.gxsession import let_go
from marketfact.checks.quality.outcome import ValidationOutcome
from marketfact.checks.quality.pricebatch import PriceCheck
from marketfact.checks.quality.runner import QualityRun
from marketfact.checks.quality.shares import COLUMNS, shares_dataset, shares_key
from marketfact.market.model import FxQuote, PriceSeries, SharesQuote
from marketfact.memory import give_back

FxKey = tuple[str, str, str, date]  # (source, base, quote, on), as the engine keys its rates
SHARES_USED = frozenset(COLUMNS)  # what a money claim reads of its session's share count


def fx_dataset(source: str) -> str:
    """The dataset name of the rates a run took from ``source`` ("ecb", "yahoo")."""
    return f"fx: {source} rates used"


def validate_run(
    plan: Any,
    series: Mapping[str, PriceSeries],
    fx: Mapping[FxKey, FxQuote],
    shares: Mapping[tuple[str, date], SharesQuote],
    docs_dir: Path | None,
    *,
    run: QualityRun | None = None,
    fx_tables: Mapping[str, pd.DataFrame] | None = None,
) -> tuple[dict[str, ValidationOutcome], tuple[ValidationOutcome, ...]]:
    """Outcomes per symbol (prices), and the others (claim set, share counts, FX) in a tuple.

    ``plan`` is a ``checks.plan.Plan`` (windows, instruments, ``evidence_for``). ``fx_tables`` may give a
    source's whole table of fixings, EUR-based as the ECB publishes them (``{"ecb": EcbFxSource().table}``),
    so its rates are checked in context; without it the rates used are checked on their own.
    ``docs_dir`` is the report folder: the Data Docs go to ``docs_dir/data-docs``, and each outcome
    links there.
    """
    own = run is None
    run = run or QualityRun()
    checks = [
        PriceCheck(series[s], plan.instruments[s], plan.windows[s])
        for s in sorted(series)
        if s in plan.windows and s in plan.instruments
    ]
    outcomes = run.validate_prices_many(checks, plan.evidence)  # every symbol's evidence, read as one table
    extra: list[ValidationOutcome] = [run.validate_claims(plan.claims.claims)]
    extra.extend(run.validate_shares_many([(q, on) for (_, on), q in sorted(shares.items())]).values())
    for source in sorted({key[0] for key in fx}):
        quotes = [q for key, q in sorted(fx.items()) if key[0] == source]
        table = (fx_tables or {}).get(source)
        if table is not None:
            extra.append(run.validate_fx(table, fx_evidence(quotes, "EUR"), base="EUR", dataset=fx_dataset(source)))
        else:
            extra.append(run.validate_fx_quotes(quotes, fx_dataset(source)))
    if docs_dir is not None:
        run.build_data_docs(Path(docs_dir))
    if own:
        release(run)
    return outcomes, tuple(extra)


def release(run: QualityRun) -> None:
    """Free a finished run's Great Expectations context now, with every frame it validated.

    GX's context, its data assets and its stored results refer to one another in cycles, so reference
    counting never frees them: they waited for a full collection of the cyclic garbage collector, which
    may not come before the run ends, and stayed resident through judging and rendering: +100 MB at 20 000 SYNTHETIC
    claims (bench.run, memory per step). One collection here costs ≈0.1 s.

    GX also keeps the context it made last as its "current project" (``project_manager``), with every
    frame validated in it (as plain-object copies of the string columns): ≈100 MB at 100 000 SYNTHETIC
    claims, resident until the next run made a context. When it is this run's, an empty context of the
    process's own takes its place (GX needs one while any other run in the process still validates).
    """
    context = run.context()
    run.close()
    if context is not None:
        let_go(context)
    del context  # before the collection: it would hold the context alive through it
    gc.collect()
    give_back()


def extra_problems(
    plan: Any, extra: tuple[ValidationOutcome, ...], fx: Mapping[FxKey, FxQuote] | None = None
) -> pd.Series:
    """Per claim (the plan table's index): critical failures of the claim set, share counts and FX.

    A claim-set failure names the claim; a share-count failure hits the money claims that multiply
    by a count it names the session of (or by any of the symbol's, when it names none); an FX failure hits
    the money claims converted with that rate. '' when none.

    Only outcomes with a critical failure are read, and only for the claims they can touch: a loop over
    every claim's row took ≈1.5 s of CPU at 100 000 SYNTHETIC claims, none of which had such a failure.
    """
    table = plan.table
    by_name = {o.dataset: o for o in extra}
    failing = {name: o for name, o in by_name.items() if o.critical_failures()}
    found: dict[int, list[str]] = {}  # position in the table → its failures: the claim set's, then the money's
    claims_outcome = failing.pop(claimset.DATASET, None)
    if claims_outcome is not None:
        _claim_failures(table["claim_id"].tolist(), claims_outcome, found)
    if failing and {"unit", "end"} <= set(table.columns):
        _money_failures(table, failing, fx or {}, found)
    problems = np.full(len(table), "", dtype=object)
    for position, named in found.items():
        problems[position] = "; ".join(named)
    return pd.Series(problems, index=table.index, dtype=object)


def _claim_failures(ids: list[str], outcome: ValidationOutcome, found: dict[int, list[str]]) -> None:
    """The claim set's critical failures per claim, in the order ``failures_for_row`` gives them."""
    for r in outcome.critical_failures():
        if not r.rows and not r.sessions:  # dataset-wide: every claim
            positions: Iterable[int] = range(len(ids))
        else:
            named = set(r.rows)
            positions = [p for p, claim_id in enumerate(ids) if claim_id in named]
        for p in positions:
            found.setdefault(p, []).append(f"{r.name} failed on the claim")


def _money_failures(
    table: pd.DataFrame,
    failing: Mapping[str, ValidationOutcome],
    fx: Mapping[FxKey, FxQuote],
    found: dict[int, list[str]],
) -> None:
    """A money claim's failures of its session's share count, then of the rate it was converted with."""
    money = np.flatnonzero(np.asarray(table["unit"].eq("money") & table["end"].notna(), dtype=bool))
    rows = table.iloc[money]
    columns = [rows[k].tolist() for k in ("symbol", "fx_source", "listing_currency", "currency", "end")]
    for p, symbol, source, listing, currency, end in zip(money.tolist(), *columns, strict=True):
        on = end.date()
        named: list[str] = []
        counts = failing.get(shares_dataset(symbol))
        if counts is not None:  # the symbol's failures on this session (or on all): named as the count used on it
            used = shares_key(symbol, on)
            named += [f"{r.name} failed on {used}" for r in counts.failures_touching({on: SHARES_USED})]
        quote = fx.get((source, listing, currency, on))
        rates = failing.get(fx_dataset(source))
        if quote is not None and rates is not None:
            needed = {quote.on: frozenset({quote.base, quote.quote})}
            rate = f"the {quote.base}→{quote.quote} rate"
            named += [f"{r.name} failed on {rate}" for r in rates.failures_touching(needed)]
        if named:
            found.setdefault(p, []).extend(named)
