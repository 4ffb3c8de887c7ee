"""Prefect tasks around the pure core. Retries sit only on the tasks that may talk to the network."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from checks.engine import FxKey, SharesKey
from checks.plan import Plan, plan_run
from checks.quality.outcome import ValidationOutcome
from checks.run import fetch_conversions
from checks.runreport import RunReport
from claims.load import load_claims
from claims.model import ClaimFile
from market.bundle import MarketData
from market.model import FxQuote, PriceSeries, SharesQuote
from market.source import MarketDataError, RateLimitedError, prefetch

Chunk = list[tuple[str, date, date]]


def _transient(task, task_run, state) -> bool:  # type: ignore[no-untyped-def]
    """Retry only what may pass by itself: a vendor's rate limit, not a missing symbol."""
    try:
        state.result()
    except RateLimitedError:
        return True
    except Exception:
        return False
    return False


@task(name="load-claims", cache_policy=NO_CACHE)
def load_claims_task(path: str) -> ClaimFile:
    """Read and validate the claim file."""
    return load_claims(Path(path))


@task(name="plan-run", cache_policy=NO_CACHE)
def plan_task(claims: ClaimFile, market: MarketData) -> Plan:
    """Resolve claims to instruments and sessions; list what to fetch."""
    return plan_run(claims, market.instruments, today=date.today())


@task(
    name="fetch-prices",
    cache_policy=NO_CACHE,
    retries=3,
    retry_delay_seconds=[2, 5, 15],
    retry_condition_fn=_transient,
)
def fetch_prices_task(chunk: Chunk, market: MarketData) -> tuple[dict[str, PriceSeries], dict[str, str]]:
    """Fetch a chunk of instruments, one request each; an instrument's error is kept, not raised."""
    series: dict[str, PriceSeries] = {}
    errors: dict[str, str] = {}
    prefetch(market.prices, [symbol for symbol, _, _ in chunk])
    for symbol, start, end in chunk:
        try:
            series[symbol] = market.prices.history(symbol, start, end)
        except RateLimitedError:
            raise
        except MarketDataError as exc:
            errors[symbol] = str(exc)
    return series, errors


@task(
    name="fetch-fx-and-shares",
    cache_policy=NO_CACHE,
    retries=3,
    retry_delay_seconds=[2, 5, 15],
    retry_condition_fn=_transient,
)
def fetch_conversions_task(
    plan: Plan, market: MarketData
) -> tuple[dict[FxKey, FxQuote], dict[SharesKey, SharesQuote], list[str]]:
    """Exchange rates and share counts that money claims need."""
    return fetch_conversions(plan, market.fx, market.shares)


@task(name="validate-data", cache_policy=NO_CACHE)
def validate_task(
    plan: Plan,
    series: dict[str, PriceSeries],
    fx: dict[FxKey, FxQuote],
    shares: dict[SharesKey, SharesQuote],
    docs_dir: Path | None,
) -> tuple[dict[str, ValidationOutcome], tuple[ValidationOutcome, ...]]:
    """Great Expectations on every frame a verdict rests on, one batch per instrument."""
    from checks.quality.validate import validate_run

    return validate_run(plan, series, fx, shares, docs_dir)


@task(name="record-history", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 3])
def record_history_task(run: RunReport, report_path: str | None, url: str) -> list[str]:
    """Keep the run's verdicts in the history database; returns the changes, one line each."""
    from history import HistoryStore

    with HistoryStore(url) as store:
        store.upgrade()
        changes = store.record(run, report_path)
    return [f"{c.claim_id}: {c.kind} {c.from_label or '—'} → {c.to_label}" for c in changes if c.kind != "first"]
