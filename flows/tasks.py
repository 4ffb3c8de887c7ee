"""Prefect tasks around the pure core. Retries sit only on the tasks that may talk to the network."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from marketfact.checks.evidence import FxKey, RunEvidence, SharesKey
from marketfact.checks.plan import Plan, plan_run
from marketfact.checks.quality.outcome import ValidationOutcome
from marketfact.checks.run import fetch_conversions
from marketfact.checks.runreport import RunReport
from marketfact.claims.load import load_claims
from marketfact.claims.model import ClaimFile
from marketfact.market.bundle import MarketData
from marketfact.market.model import FxQuote, PriceSeries, SharesQuote
from marketfact.market.source import MarketDataError, RateLimitedError, prefetch

Chunk = list[tuple[str, date, date]]
T = TypeVar("T")


def whole(value: T) -> T:
    """``quote(value)`` typed as the value: a task called directly gets it without Prefect walking inside
    (see ``Held``), and mypy still checks the call against the task's signature."""
    return cast(T, quote(value))


class Held(Generic[T]):
    """A task argument handed over whole: Prefect does not look inside it.

    Before a task runs, Prefect walks its arguments (twice) into every dict, list, dataclass and pydantic
    model, looking for futures to wait on, on every task run, through a whole plan and the market sources
    (docs/performance.md). A plain object is passed as it is. ``quote()``
    does the same for a task called directly, but the Dask task runner unpacks it (a tuple) in transit;
    ``Held`` is an ordinary object to every runner. Nothing inside is a future, so nothing is lost.
    Prefect 3.9's ``opaque()`` is a one-field tuple too and arrives on Dask as one: a contract test
    (tests/flows/test_scale.py) says when Prefect changes that and ``opaque`` can replace this class.
    """

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value

    def __repr__(self) -> str:  # task-run parameters are shown by their repr: keep it short
        return f"Held({type(self.value).__name__})"


class FlowResult(Mapping[str, Any]):
    """What a flow returns (``run``, ``paths``, ``counts`` …), read like a dict, walked by no one.

    Prefect walks a flow's return value for futures as it does task arguments, through every verdict of a
    RunReport. A ``Mapping`` that is no ``dict`` is returned untouched.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Any]) -> None:
        self._items = dict(items)

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"FlowResult({sorted(self._items)})"


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
def load_claims_task(path: str, max_claims: int | None = None) -> ClaimFile:
    """Read and validate the claim file (at most ``max_claims`` claims; None: the default limit)."""
    return load_claims(Path(path)) if max_claims is None else load_claims(Path(path), max_claims)


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
def fetch_prices_task(chunk: Chunk, held: Held[MarketData]) -> tuple[dict[str, PriceSeries], dict[str, str]]:
    """Fetch a chunk of instruments, one request each; an instrument's error is kept, not raised."""
    market = held.value
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
    plan: Held[Plan], market: Held[MarketData]
) -> tuple[dict[FxKey, FxQuote], dict[SharesKey, SharesQuote], list[str]]:
    """Exchange rates and share counts that money claims need."""
    return fetch_conversions(plan.value, market.value.fx, market.value.shares)


@task(name="validate-data", cache_policy=NO_CACHE)
def validate_task(
    evidence: RunEvidence, docs_dir: Path | None
) -> tuple[dict[str, ValidationOutcome], tuple[ValidationOutcome, ...]]:
    """Great Expectations on every frame a verdict rests on, one batch per instrument."""
    from marketfact.checks.quality.validate import validate_run

    return validate_run(evidence.plan, evidence.series, evidence.fx, evidence.shares, docs_dir)


def _locked(task, task_run, state) -> bool:  # type: ignore[no-untyped-def]
    """Retry a recording only when another recorder held the database's lock too long."""
    from marketfact.history.problems import worth_retrying

    try:
        state.result()
    except Exception as exc:
        return worth_retrying(exc)
    return False


@task(
    name="record-history", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 3], retry_condition_fn=_locked
)
def record_history_task(run: RunReport, report_path: str | None, url: str) -> dict[str, Any]:
    """Keep the run's verdicts in the history database.

    Returns ``changes`` (one line each) and, when the history cannot be used (a damaged file, an unusable
    URL, a full disk), ``error``: one line saying so, and ``exit_code``; the reports are written by then,
    so the run's verdicts are kept either way. Only a lock held by another recorder is raised (and retried).
    """
    from marketfact.history import HistoryError, HistoryStore
    from marketfact.history.problems import history_problem, worth_retrying

    try:
        with HistoryStore(url) as store:
            store.upgrade()
            changes = store.record(run, report_path)
    except HistoryError as exc:
        return {"changes": [], "error": str(exc), "exit_code": 3}
    except Exception as exc:
        if type(exc).__module__.startswith("sqlalchemy") and not worth_retrying(exc):
            code, line = history_problem(exc, url)
            return {"changes": [], "error": line, "exit_code": code}
        if isinstance(exc, OSError):
            return {"changes": [], "error": f"cannot write the verdict history: {exc.strerror or exc}", "exit_code": 3}
        raise
    return {
        "changes": [
            f"{c.claim_id}: {c.kind} {c.from_label or '—'} → {c.to_label}" for c in changes if c.kind != "first"
        ],
        "error": None,
        "exit_code": 0,
    }
