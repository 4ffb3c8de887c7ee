"""The three measured phases of the benchmark, each run in its own process by bench/run.py.

One process per phase keeps each phase's peak RSS its own: the high-water mark of resident memory
(``VmHWM`` of /proc/self/status on Linux, else ``getrusage(RUSAGE_SELF).ru_maxrss``) read at checkpoints.
Every figure includes the interpreter, the imported libraries and the loaded claims; the checkpoint
after imports is the baseline.
Wall time (``perf_counter``) is reported with the process's CPU time, because the machine is shared:
CPU time shows how much of a slow wall time was waiting for a core.

All data read here is SYNTHETIC (bench/synthetic.py).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import math
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.memory import MemorySteps, peak_rss_mb
from bench.synthetic import EXCHANGES

Result = dict[str, Any]


class Clock:
    """Wall and CPU seconds of named steps, in order; with ``memory``, their resident memory too."""

    def __init__(self, memory: MemorySteps | None = None) -> None:
        self.steps: dict[str, tuple[float, float]] = {}
        self.memory = memory

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time the body of a ``with`` block under ``name`` (repeated names add up)."""
        self.steps.setdefault(name, (0.0, 0.0))  # listed in the order the steps begin
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            with self.memory.step(name) if self.memory is not None else contextlib.nullcontext():
                yield
        finally:
            w0, c0 = self.steps.get(name, (0.0, 0.0))
            self.steps[name] = (w0 + time.perf_counter() - wall, c0 + time.process_time() - cpu)


@contextlib.contextmanager
def swapped(module: ModuleType, name: str, replacement: Callable[..., Any]) -> Iterator[None]:
    """Put ``replacement`` in place of ``module.name`` for the block (here: the same function, timed)."""
    original = getattr(module, name)
    setattr(module, name, replacement)
    try:
        yield
    finally:
        setattr(module, name, original)


def timed_calls(clock: Clock, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` wrapped so that its calls are timed under ``name``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with clock.step(name):
            return func(*args, **kwargs)

    return wrapper


def labels_digest(pairs: Iterator[tuple[str, str]]) -> str:
    """A short hash of (claim id, label) pairs, so two processes can show they reached the same verdicts."""
    return hashlib.sha256("\n".join(f"{c}={lab}" for c, lab in sorted(pairs)).encode()).hexdigest()[:16]


def run_digest(run: Any) -> str:
    """``labels_digest`` of a RunReport; a large run's ``VerdictTable`` is read by its columns, not built."""
    table = getattr(run.verdicts, "judged", None)
    if table is not None:
        return labels_digest(zip(table["claim_id"], table["label"], strict=True))
    return labels_digest((v.claim_id, v.label.value) for v in run.verdicts)


def core_phase(root: Path, claims_path: Path, verdicts: int, sample: int, profile: bool) -> Result:
    """The pure core, in-process: plan_run → fetch_all → fetch_conversions → evaluate, then build_verdicts.

    ``verdicts`` is how many claims to materialise as Verdicts: 0 for all, a negative number for none.
    ``claim_table`` and ``conversion_arrays`` are wrapped (not replaced) so their share of the time shows.
    """
    clock = Clock()
    with clock.step("setup: imports and exchange calendars"):
        import marketfact.checks.engine
        import marketfact.checks.plan
        from marketfact.checks.engine import evaluate
        from marketfact.checks.evidence import RunEvidence
        from marketfact.checks.explain import build_verdicts
        from marketfact.checks.plan import plan_run
        from marketfact.checks.run import fetch_all, fetch_conversions
        from marketfact.claims.load import load_claims
        from marketfact.market.calendars import session_index
        from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource

        for exchange in EXCHANGES:
            session_index(exchange.mic)
    rss = {"after setup": peak_rss_mb()}
    with clock.step("claim file loading (JSON + pydantic)"):
        claims = load_claims(claims_path)
    rss["after claim loading"] = peak_rss_mb()

    swaps: list[contextlib.AbstractContextManager[None]] = [
        swapped(
            marketfact.checks.plan,
            "claim_table",
            timed_calls(clock, "  of which claim_table", marketfact.checks.plan.claim_table),
        ),
        swapped(
            marketfact.checks.engine,
            "conversion_arrays",
            timed_calls(clock, "  of which conversion_arrays", marketfact.checks.engine.conversion_arrays),
        ),
    ]
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    core_wall, core_cpu = time.perf_counter(), time.process_time()
    with contextlib.ExitStack() as stack:
        for swap in swaps:
            stack.enter_context(swap)
        if profiler is not None:
            profiler.enable()
        with clock.step("plan_run"):
            prices = SnapshotSource(root)
            plan = plan_run(claims, prices.instruments())
        with clock.step("fetch_all (one read per instrument)"):
            series, errors = fetch_all(plan, prices)
        with clock.step("fetch_conversions (FX, share counts)"):
            fx, shares, _ = fetch_conversions(plan, {"ecb": EcbFxSource(root)}, SnapshotSharesSource(root))
        with clock.step("evaluate (measure + judge)"):
            evidence = RunEvidence(plan, series, errors, fx=fx, shares=shares)
            judged, panel = evaluate(evidence)
        if profiler is not None:
            profiler.disable()
    core = (time.perf_counter() - core_wall, time.process_time() - core_cpu)
    rss["after core"] = peak_rss_mb()

    materialised = []
    if verdicts >= 0:  # 0: all claims; a negative number: none
        shown = judged if verdicts == 0 else judged.iloc[:verdicts]
        with clock.step("verdict materialisation (build_verdicts)"):
            materialised = build_verdicts(evidence, shown, panel)
    rss["after verdicts"] = peak_rss_mb()

    # The naive baseline cannot read weekday words; it and this sample take the first claims with dates.
    dated = [c.id for c in claims.claims if c.sessions][:sample]
    measured = judged.drop_duplicates("claim_id").set_index("claim_id")["measured"].reindex(dated)
    return {
        "phase": "core",
        "claims": len(judged),
        "instruments": len(series),
        "fetch_errors": len(errors),
        "core_wall": core[0],
        "core_cpu": core[1],
        "steps": clock.steps,
        "verdicts_built": len(materialised),
        "rss_mb": rss,
        "labels": judged["label"].value_counts().to_dict(),
        "digest": labels_digest(zip(judged["claim_id"], judged["label"], strict=True)),
        "sample": {cid: (None if math.isnan(v) else float(v)) for cid, v in measured.items()},
        "profile": _profile_text(profiler) if profiler is not None else "",
    }


def _profile_text(profiler: Any, top: int = 25) -> str:
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    out.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def naive_measure(claim: dict[str, Any], root: Path, context: dict[str, Any]) -> float | None:
    """One claim the way a notebook does it: read the CSV, ``.loc`` the dates, compute the change."""
    import pandas as pd

    from marketfact.claims.hedges import Basis, read_hedge
    from marketfact.claims.model import SCALES

    path = root / "prices" / f"{claim['instrument']}.csv"
    if not path.exists():
        return None
    df = pd.read_csv(path, index_col="date", parse_dates=True)
    first, last = pd.Timestamp(claim["sessions"][0]), pd.Timestamp(claim["sessions"][-1])
    if first not in df.index or last not in df.index or df.index.get_loc(first) == 0:
        return None
    base = df["close"].iloc[df.index.get_loc(first) - 1]
    window = df.loc[first:last]
    intraday = claim["metric"] == "intraday_extreme" or read_hedge(claim.get("hedge")).basis is Basis.INTRADAY
    down = claim["direction"] == "down"
    price = (window["low"].min() if down else window["high"].max()) if intraday else df.loc[last, "close"]
    if claim["metric"] != "market_cap_change":
        return float((price / base - 1) * 100)
    listing = context["instruments"].loc[claim["instrument"]]
    table = context["shares"]
    rows = table[(table["symbol"] == claim["instrument"]) & (table["as_of"] <= last)]
    if listing["kind"] != "equity" or rows.empty:
        return None
    fixing = context["fx"].loc[:last].iloc[-1]
    eur = {"EUR": 1.0, **fixing.to_dict()}
    rate = eur[claim["currency"]] / eur[listing["currency"]]
    shares = rows.sort_values("as_of")["shares"].iloc[-1]
    return float(shares * (price - base) / SCALES[claim.get("scale", "one")] * rate)


def naive_phase(root: Path, claims_path: Path, subset: int) -> Result:
    """The naive baseline on the first ``subset`` claims that give dates: one fetch and one computation each."""
    clock = Clock()
    with clock.step("setup: imports and tables read once"):
        import pandas as pd

        from marketfact.claims.hedges import claimed_interval, read_hedge

        every = json.loads(claims_path.read_text(encoding="utf-8"))["claims"]
        claims = [c for c in every if "sessions" in c][:subset]  # weekday words need the core's resolver
        del every
        context = {
            "instruments": pd.read_csv(root / "instruments.csv", index_col="symbol", keep_default_na=False),
            "shares": pd.read_csv(root / "shares_outstanding.csv", parse_dates=["as_of"]),
            "fx": pd.read_csv(root / "fx" / "ECB_reference_rates.csv", index_col="Date", parse_dates=True),
        }
    measured: dict[str, float | None] = {}
    holds = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for claim in claims:
        value = naive_measure(claim, root, context)
        measured[claim["id"]] = value
        if value is not None:
            low, high = claim["range"] if "range" in claim else (claim["value"], None)
            decimals = len(claim.get("value_text", "0").partition(".")[2])
            interval = claimed_interval(low, high, decimals, read_hedge(claim.get("hedge")).bound)
            sign = 1 if claim["direction"] == "up" else -1
            holds += int(value * sign > 0 and interval.contains(abs(value)))
    return {
        "phase": "naive",
        "claims": len(claims),
        "naive_wall": time.perf_counter() - wall,
        "naive_cpu": time.process_time() - cpu,
        "steps": clock.steps,
        "holds": holds,
        "rss_mb": {"peak": peak_rss_mb()},
        "sample": measured,
    }


def pipeline_phase(root: Path, claims_path: Path, out_dir: Path, trace: bool = False) -> Result:
    """The flow's steps in this process, without Prefect: what the flow costs beyond its orchestration.

    Load, plan, fetch, FX and share counts, Great Expectations validation, judging with Verdicts, and the
    HTML/JSON reports (charts only up to ``flows.verify.MAX_CHARTED_CLAIMS`` claims, as the flow draws
    them): the functions the flow's tasks call, called directly and in the same order. Each step's resident
    memory is measured (``bench.memory``; with ``trace``, tracemalloc's too).
    """
    clock = Clock(MemorySteps(trace))
    with clock.step("setup: imports and exchange calendars"):
        from marketfact.checks.columnar import LAZY_ABOVE
        from marketfact.checks.engine import now
        from marketfact.checks.evidence import RunEvidence, RunInfo
        from marketfact.checks.plan import plan_run
        from marketfact.checks.quality.validate import validate_run
        from marketfact.checks.run import fetch_all, fetch_conversions, judge_run, new_run_id
        from marketfact.claims.load import load_claims
        from marketfact.flows.verify import MAX_CHARTED_CLAIMS

        try:  # another checkout's marketfact (--compare-python) may have neither
            from marketfact.memory import give_back, lean_allocators
        except ImportError:
            give_back = lean_allocators = lambda: None
        from marketfact.market.bundle import market_data
        from marketfact.market.calendars import session_index
        from marketfact.reports import write_reports

        for exchange in EXCHANGES:
            session_index(exchange.mic)
        import great_expectations  # noqa: F401 - imported before the clock, as in the flow phase's fixed start
    wall, cpu = time.perf_counter(), time.process_time()
    started = now()
    run_id = new_run_id(started)
    with clock.step("load claims"):
        claims = load_claims(claims_path)
    large = len(claims.claims) > LAZY_ABOVE
    tidy = give_back if large else (lambda: None)  # as the flow does (flows.verify, marketfact.memory)
    if large:
        lean_allocators()
    with clock.step("plan"):
        market = market_data("snapshot", root, out_dir / "cache")
        plan = plan_run(claims, market.instruments)
        tidy()
    with clock.step("fetch prices, FX and share counts"):
        series, errors = fetch_all(plan, market.prices)
        fx, shares, _ = fetch_conversions(plan, market.fx, market.shares)
    with clock.step("validate (Great Expectations)"):
        evidence = RunEvidence(plan, series, errors, fx=fx, shares=shares)
        evidence = evidence.validated(*validate_run(plan, series, fx, shares, out_dir / run_id))  # gives back
    with clock.step("judge and assemble (Verdicts)"):
        run = judge_run(evidence, RunInfo(run_id, started, str(claims_path), market.mode, synthetic=True))
        tidy()
    with clock.step("render reports"):
        write_reports(run, out_dir, charts=len(run.verdicts) <= MAX_CHARTED_CLAIMS)
        tidy()
    return {
        "phase": "pipeline",
        "claims": len(run.verdicts),
        "pipeline_wall": time.perf_counter() - wall,
        "pipeline_cpu": time.process_time() - cpu,
        "steps": clock.steps,
        "rss_mb": {"peak": peak_rss_mb()},
        "memory": clock.memory.steps if clock.memory is not None else {},
        "digest": run_digest(run),
    }


def flow_phase(root: Path, claims_path: Path, out_dir: Path, prefect_home: Path, trace: bool = False) -> Result:
    """The Prefect flow ``verify_claims`` on the same files, after a no-op flow that pays the fixed start.

    Each task's resident memory is measured (``bench.memory``) by wrapping the function the task runs.
    """
    clock = Clock()
    memory = MemorySteps(trace)
    with clock.step("fixed start: Prefect import, temporary server, a no-op flow"):
        from marketfact.flows.runtime import configure_prefect, start_temporary_server

        configure_prefect(prefect_home)
        server = start_temporary_server()
        # What the pipeline phase has before its clock starts, and `marketfact check` imports while the
        # server boots: Great Expectations, the reports, the exchange calendars.
        import great_expectations  # noqa: F401
        from prefect import flow

        import marketfact.reports
        from marketfact.flows.verify import verify_claims
        from marketfact.market.calendars import session_index

        for exchange in EXCHANGES:
            session_index(exchange.mic)

        if server is not None:
            server.wait_ready()

        @flow(name="bench-no-op")
        def no_op() -> None:
            """Nothing: its run time is Prefect's fixed cost per process."""

        no_op()
    rss = {"after fixed start": peak_rss_mb()}
    import marketfact.flows.tasks
    import marketfact.flows.verify

    wall, cpu = time.perf_counter(), time.process_time()
    with tasks_measured(memory, marketfact.flows.verify, marketfact.flows.tasks):
        state = verify_claims(
            claims_path=str(claims_path),
            out_dir=str(out_dir),
            source="snapshot",
            snapshot_dir=str(root),
            cache_dir=str(out_dir / "cache"),
            synthetic=True,
            return_state=True,
        )
    flow_wall, flow_cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss["after flow"] = peak_rss_mb()
    result: Result = {"phase": "flow", "flow_wall": flow_wall, "flow_cpu": flow_cpu, "steps": clock.steps}
    result["memory"] = memory.steps
    try:
        outcome = state.result()
        run = outcome["run"]
        result["claims"] = len(run.verdicts)
        result["labels"] = dict(run.counts())
        result["digest"] = run_digest(run)
        result["synthetic_flag"] = run.synthetic
    except Exception as exc:  # the bench reports a failed flow; it does not hide the other phases
        result["error"] = f"{type(exc).__name__}: {exc}"
    result["task_runs"] = _task_runs(state.state_details.flow_run_id)
    result["rss_mb"] = rss
    if server is not None:
        server.stop()
    return result


@contextlib.contextmanager
def tasks_measured(memory: MemorySteps, *modules: ModuleType) -> Iterator[None]:
    """The Prefect tasks of ``modules`` measured under their names while the block runs.

    Prefect's engine calls ``task.fn``; it is wrapped (``functools.wraps``: the same signature, so the
    same parameters) and put back afterwards. The tasks themselves are not replaced.
    """
    from prefect import Task

    tasks = {id(t): t for module in modules for t in vars(module).values() if isinstance(t, Task)}
    originals = {key: t.fn for key, t in tasks.items()}
    for t in tasks.values():
        t.fn = _measured(memory, t.name, t.fn)
    try:
        yield
    finally:
        for key, t in tasks.items():
            t.fn = originals[key]


def _measured(memory: MemorySteps, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with memory.step(name):
            return fn(*args, **kwargs)

    return wrapper


def _task_runs(flow_run_id: Any, settle: float = 15.0) -> dict[str, Any]:
    """Task runs of the flow run, by name with their summed run time (polled until the count settles).

    Prefect 3 records task runs from events, so they reach the API a moment after the flow returns.
    """
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    flt = FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))

    def read_all(client: Any) -> list[Any]:
        got: list[Any] = []
        while True:  # the API returns at most 200 rows a call
            page = client.read_task_runs(flow_run_filter=flt, limit=200, offset=len(got))
            got.extend(page)
            if len(page) < 200:
                return got

    runs: list[Any] = []
    deadline = time.monotonic() + settle
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            latest = read_all(client)
            done = all(r.state is not None and r.state.is_final() for r in latest)
            if latest and done and len(latest) == len(runs):
                break
            runs = latest
            time.sleep(0.5)
        runs = read_all(client)
    by_name: dict[str, list[float]] = {}
    for r in runs:
        name = re.sub(r"-[0-9a-f]{3}$", "", r.name)  # Prefect appends a short random suffix per run
        entry = by_name.setdefault(name, [0, 0.0])
        entry[0] += 1
        entry[1] += r.total_run_time.total_seconds()
    return {"count": len(runs), "by_name": by_name}
