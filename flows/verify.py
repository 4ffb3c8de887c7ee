"""The ``verify-claims`` flow: load claims → fetch per instrument → validate → judge → render.

The steps themselves are ``verification_steps``, shared with ``flows.article.check_article``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import State

from marketfact.checks.columnar import LAZY_ABOVE
from marketfact.checks.engine import now
from marketfact.checks.evidence import RunEvidence, RunInfo
from marketfact.checks.plan import Plan
from marketfact.checks.run import judge_run, new_run_id
from marketfact.checks.runreport import ArticleExtraction, RunReport
from marketfact.claims.model import ClaimFile
from marketfact.flows.artifacts import publish_artifacts, report_url
from marketfact.flows.runmeta import (
    check_fail_on,
    emit_run_events,
    final_state,
    label_flow_run,
    rename_flow_run,
    run_tags,
    run_title,
    stem_of,
)
from marketfact.flows.tasks import (
    Chunk,
    FlowResult,
    Held,
    fetch_conversions_task,
    fetch_prices_task,
    load_claims_task,
    plan_task,
    record_history_task,
    validate_task,
    whole,
)
from marketfact.market.bundle import MarketData, market_data
from marketfact.memory import give_back, lean_allocators
from marketfact.settings import DEFAULT_CACHE_DIR, DEFAULT_OUT_DIR, Settings, absolute, absolute_url

MAX_FETCH_TASKS = 16
"""Instruments are fetched in at most this many tasks: task runs follow instruments, not claims. Requests to
yfinance wait on the network, so up to 16 run at once."""

OFFLINE_FETCH_TASKS = 2
"""Reading the snapshot is local CPU work (one CSV parse per chunk, ``market.source.prefetch``): more tasks
than cores only add task runs (docs/performance.md: what more of them cost)."""

MAX_CHARTED_CLAIMS = 200
"""Charts are drawn only for runs of at most this many claims: each takes time to draw (docs/performance.md),
and a page of thousands of charts is read by no one. Larger runs say in the log and the report that they have none."""


def chunks(plan: Plan, tasks: int = MAX_FETCH_TASKS) -> list[Chunk]:
    """Split the plan's instruments into at most ``tasks`` chunks of similar size."""
    items = [(symbol, start, end) for symbol, (start, end) in sorted(plan.windows.items())]
    if not items:
        return []
    size = math.ceil(len(items) / tasks)
    return [items[i : i + size] for i in range(0, len(items), size)]


@task(name="judge-claims", cache_policy=NO_CACHE)
def judge_task(evidence: RunEvidence, info: RunInfo) -> RunReport:
    """Measure and judge all claims at once (vectorised), then assemble the run report."""
    return judge_run(evidence, info)


@task(name="render-reports", cache_policy=NO_CACHE)
def render_task(run: RunReport, out_dir: Path, lang: str, charts: bool = True) -> dict[str, str]:
    """Write the HTML and JSON reports (``charts=False``: no charts); the index follows once the run is recorded."""
    from marketfact.reports import write_reports

    paths = write_reports(run, out_dir, lang=lang, charts=charts, index=False)  # the flow's finish_run writes it
    return paths.as_dict()


@flow(name="verify-claims", log_prints=False)
def verify_claims(
    claims_path: str,
    out_dir: str = DEFAULT_OUT_DIR,
    source: str = "auto",
    lang: str = "en",
    snapshot_dir: str | None = None,
    cache_dir: str = DEFAULT_CACHE_DIR,
    history_url: str | None = None,
    synthetic: bool = False,
    max_claims: int | None = None,
    fail_on: str | None = None,
    report_base_url: str | None = None,
) -> State[FlowResult]:
    """Check every claim of a claim file against market data and write the reports.

    ``max_claims``: the most claims the file may hold (None: ``claims.load.MAX_CLAIMS``).

    ``synthetic`` marks the run's report as made from generated data (the benchmark's), never market data.
    Relative paths (a deployment's parameters) are taken from the working directory, here, once.
    ``fail_on`` (fail, unverifiable) ends the flow run Failed when the gate trips, after the reports are
    written and the history recorded; ``report_base_url`` (default: MARKETFACT_REPORT_BASE_URL) is the http
    URL where ``out_dir`` is served, for the Prefect UI's link to the report.
    """
    check_fail_on(fail_on)
    result = verification_steps(
        str(absolute(claims_path)),
        str(absolute(out_dir)),
        source,
        lang,
        str(absolute(snapshot_dir)) if snapshot_dir else None,
        str(absolute(cache_dir)),
        absolute_url(history_url) if history_url else None,
        synthetic=synthetic,
        max_claims=max_claims,
        fail_on=fail_on,
        report_base_url=base_url(report_base_url),
    )
    return final_state(result["run"], fail_on, result)


def base_url(given: str | None) -> str | None:
    """The report base URL: the parameter, else the setting MARKETFACT_REPORT_BASE_URL (checked either way)."""
    from marketfact.settings import report_base_url

    return report_base_url(given) if given else Settings().report_base_url


def verification_steps(
    claims_path: str,
    out_dir: str,
    source: str,
    lang: str,
    snapshot_dir: str | None,
    cache_dir: str,
    history_url: str | None,
    *,
    started: datetime | None = None,
    run_id: str | None = None,
    extraction: ArticleExtraction | None = None,
    claims: ClaimFile | None = None,
    synthetic: bool = False,
    max_claims: int | None = None,
    fail_on: str | None = None,
    report_base_url: str | None = None,
    name: str | None = None,
) -> FlowResult:
    """The verification steps of a flow: load → plan → fetch per instrument → validate → judge → render.

    Call it from inside a flow (its tasks become that flow's task runs): ``verify_claims`` runs it on a claim file,
    ``flows.article.check_article`` on the one it has just extracted, passing the run's ``started``/``run_id``
    (chosen before extraction, which writes into the run's folder), the ``extraction`` the report shows next to the
    verdicts and its ``claims`` (in memory: ``claims_path`` is not read back). ``synthetic`` marks the report as
    made from generated data.

    The flow run is named after ``name`` (default: the claim file's stem) and tagged from the start, renamed
    with its counts at the end; its artifacts and events (``flows.runmeta``) come after the reports and
    the history, so an automation that reacts to them finds both written.
    """
    started = started or now()
    run_id = run_id or new_run_id(started)
    name = name or stem_of(claims_path)
    label_flow_run(name, run_tags(name, source, lang))
    logger = get_run_logger()  # after the naming: its lines carry the run's new name
    market = market_data(source, Path(snapshot_dir) if snapshot_dir else None, Path(cache_dir))
    if claims is None:
        claims = load_claims_task(claims_path, max_claims)
    tidy = tidier(len(claims.claims))
    # whole(): these are large (every claim, every price frame); Prefect would otherwise walk each
    # element looking for futures before every task. The steps run in order, so nothing is lost.
    plan = plan_task(whole(claims), whole(market))
    tidy()
    evidence = fetched(plan, market, logger)
    from marketfact.reports import finish_run, mark_incomplete

    report_dir = Path(out_dir)
    mark_incomplete(report_dir / run_id)  # until the report and the history are written (reports.index)
    run = judged(evidence, RunInfo(run_id, started, claims_path, market.mode, synthetic), report_dir, extraction)
    tidy()
    paths = render_task(whole(run), report_dir, lang, charted(run, logger))
    tidy()
    history_error = recorded(run, paths.get("html"), history_url, logger) if history_url else None
    index = finish_run(report_dir / run_id, report_dir, complete=history_error is None)  # in its own language
    paths = {**paths, "index": str(index)}
    counts = announced(run, name, paths.get("html"), report_dir, report_base_url, fail_on, logger)
    result = {"run": run, "paths": paths, "counts": counts, "as_of": date.today().isoformat()}
    return FlowResult({**result, "history_error": history_error} if history_error else result)


def tidier(claims: int) -> Callable[[], None]:
    """What runs after each large step: for runs of more than LAZY_ABOVE claims, what a step frees goes back
    to the system, not into the next step's peak (``marketfact.memory``); for smaller ones, nothing."""
    if claims <= LAZY_ABOVE:
        return _nothing
    lean_allocators()
    return give_back


def fetched(plan: Plan, market: MarketData, logger: Any) -> RunEvidence:
    """The plan's prices (per instrument, in at most MAX_FETCH_TASKS tasks), exchange rates and share counts;
    what could not be fetched is logged and kept in the evidence's ``errors``."""
    work = chunks(plan, OFFLINE_FETCH_TASKS if market.prices is market.snapshot else MAX_FETCH_TASKS)
    logger.info("%d claims on %d instruments, fetched in %d task(s)", len(plan.table), len(plan.windows), len(work))
    futures = fetch_prices_task.map(work, held=Held(market)) if work else []
    conversions = fetch_conversions_task.submit(Held(plan), Held(market))
    series, errors = {}, {}
    for future in futures:
        got, failed = future.result()
        series.update(got)
        errors.update(failed)
    for symbol, message in errors.items():
        logger.warning("no prices for %s: %s", symbol, message)
    fx, shares, problems = conversions.result()
    for message in problems:
        logger.warning("%s", message)
    return RunEvidence(plan, series, errors, fx=fx, shares=shares)


def judged(evidence: RunEvidence, info: RunInfo, report_dir: Path, extraction: ArticleExtraction | None) -> RunReport:
    """Validate the evidence (its data docs go into the run's folder) and judge every claim: the run report,
    with the article's ``extraction`` when there is one, its readings weighed by their verdicts."""
    # whole(): the evidence holds every claim and price frame; Prefect would otherwise walk all of it.
    evidence = evidence.validated(*validate_task(whole(evidence), report_dir / info.run_id))  # gives back itself
    run = judge_task(whole(evidence), info)
    return run if extraction is None else replace(run, extraction=extraction.weighed(run.verdicts))


def charted(run: RunReport, logger: Any) -> bool:
    """Whether the run's report gets charts: only up to MAX_CHARTED_CLAIMS claims (the log says why not)."""
    if len(run.verdicts) <= MAX_CHARTED_CLAIMS:
        return True
    logger.info(
        "charts left out of the report: %d claims, more than the %d charts are drawn for",
        len(run.verdicts), MAX_CHARTED_CLAIMS,
    )  # fmt: skip
    return False


def recorded(run: RunReport, report_path: str | None, history_url: str, logger: Any) -> dict[str, Any] | None:
    """Record the run in the verdict history: None, or the error (``message``, ``exit_code``) that kept it out."""
    outcome = record_history_task(whole(run), report_path, history_url)
    for change in outcome["changes"]:
        logger.info("history: %s", change)
    if not outcome["error"]:
        return None
    logger.warning("verdict history not updated: %s", outcome["error"])
    return {"message": outcome["error"], "exit_code": outcome["exit_code"]}


def announced(
    run: RunReport,
    name: str,
    report_path: str | None,
    report_dir: Path,
    report_base_url: str | None,
    fail_on: str | None,
    logger: Any,
) -> dict[str, int]:
    """Tell Prefect and the log how the run ended (artifacts, events, the run's new name); its counts."""
    counts = run.counts()
    url = report_url(report_base_url, report_path, report_dir)
    publish_artifacts(run, report_path, url)
    title = run_title(name, counts)
    emit_run_events(run, name, title, url or report_path, fail_on)
    rename_flow_run(title)
    logger.info(
        "%d pass, %d fail, %d unverifiable; report: %s",
        counts["pass"], counts["fail"], counts["unverifiable"], report_path,
    )  # fmt: skip
    return counts


def _nothing() -> None:
    pass


def with_task_runner(kind: str = "threads", address: str | None = None, workers: int = 2):  # type: ignore[no-untyped-def]
    """``verify_claims`` with its task runner (see ``on_task_runner``)."""
    return on_task_runner(verify_claims, kind, address, workers)


def on_task_runner(flow, kind: str = "threads", address: str | None = None, workers: int = 2):  # type: ignore[no-untyped-def]
    """``flow`` with its task runner: Prefect's threads (default) or Dask.

    ``dask`` without an address starts a ``distributed.LocalCluster`` of ``workers`` processes; with an
    address (``tcp://scheduler:8786``) it submits to that existing Dask scheduler, whose workers may run
    on other machines. prefect-dask's DaskTaskRunner does the work: nothing here is home-made.
    """
    if kind == "threads":
        return flow
    if kind != "dask":
        raise ValueError(f"unknown task runner {kind!r}: use threads or dask")
    from prefect_dask import DaskTaskRunner

    runner = (
        DaskTaskRunner(address=address)
        if address
        else DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    )
    # prefect-dask's runner makes PrefectDaskFutures; Flow.with_options is typed for plain PrefectFutures.
    return flow.with_options(task_runner=runner)
