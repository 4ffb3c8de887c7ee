"""Where the wall time of a short Prefect flow run goes without a configured server, and what is saved.

Runs a tiny flow of three tasks against Prefect's temporary server, each run in a fresh Python
process, side by side in one go:

- ``default``: Prefect as installed (only ``PREFECT_HOME`` points at a scratch folder);
- ``configured``: ``flows.runtime.configure_prefect`` + ``start_temporary_server`` before Prefect
  is imported, ``wait_ready`` just before the flow, ``stop`` after it;
- ``no-prewarm`` (with ``--gx`` only): ``configured`` without ``prewarm``;

each on a brand-new ``PREFECT_HOME`` (cold: migrations) and again on the migrated one (warm).
``--gx`` adds a fourth task that imports Great Expectations lazily, as the product does; in
``configured`` that import is started in a background thread (``prewarm``) right after
Prefect's, so it runs while this process would only wait for the server.
Prints one table of wall times with the breakdown:

- ``py``: interpreter start (+ configure and server launch in the configured modes);
- ``prefect``: ``from prefect import flow, task``;
- ``gx``: time the fourth task spends in ``import great_expectations`` (``--gx`` only);
- ``srv-imp``: ``prefect.server.api.server`` imported in this process (``default`` only);
- ``server``: time this process is blocked on the server getting ready;
- ``start``: flow call → first line of the flow body (flow run created over the API);
- ``body``: the tasks, less ``gx``; ``finish``: last line of the body → flow call returns;
- ``exit``: flow returned → process gone (atexit: server stop, log and event flushes);
- ``wall`` is the median of the runs, ``best`` the fastest (the one least disturbed on a shared machine);
- ``cpu``: CPU seconds of the run and its server; ``err``: ERROR / Traceback lines on stderr.

``--cli`` times the real thing instead: ``marketfact check`` of the seed file (the shipped snapshot, Great
Expectations, the report with its charts, the history), once on a new ``PREFECT_HOME`` (cold) and ``--repeats``
times on the migrated one (warm), each in a fresh process timed from inside. One row per phase, one after the other:

- ``launch``: interpreter start, the CLI's imports and the claim file read, until the server's process is launched;
- ``imports``: Prefect and the project imported (the garbage collector paused);
- ``prewarm``: what the flow needs next, imported or started in a background thread (Great Expectations …);
- ``ready``: still waiting for the server after that; ``start``: flow call → first line of the flow;
- ``flow``: the flow's tasks (the four slowest also on their own rows); ``stop``: logs and events flushed,
  the server told to stop; ``exit``: results printed, process gone;
- ``main-cpu``: CPU seconds of the CLI's process; ``srv@ready``/``srv@stop``: the server's, when it was ready
  and when it was told to stop.

Usage: ``python bench/prefect_startup.py [--repeats N] [--gx] [--only MODE] [--cli]``.
Every child starts without inherited ``PREFECT_*`` variables and with a profiles path that does not
exist, so a developer's own Prefect configuration does not leak into the figures.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
MODES = ("default", "configured", "no-prewarm")
PHASES = ("py", "prefect", "gx", "srv-imp", "server", "start", "body", "finish", "exit")


def _child(mode: str, home: str, with_gx: bool) -> None:
    """One measured run; prints ``BENCH {json}`` with wall-clock marks."""
    marks: dict[str, float] = {"begin": time.time()}
    server = None
    if mode != "default":
        sys.path.insert(0, str(REPO))
        from marketfact import collector
        from marketfact.flows.runtime import (
            configure_prefect,
            prewarm,
            start_temporary_server,
        )

        collector.pause_imports()  # as the CLI does: no garbage collection while Prefect is imported
        configure_prefect(Path(home))
        server = start_temporary_server()
    marks["configured"] = time.time()
    from prefect import flow, task

    marks["prefect"] = time.time()
    if with_gx and mode == "configured":
        prewarm("great_expectations")  # resumes the garbage collector when done
    elif mode != "default":
        collector.resume_imports()
    if mode == "default":
        # get_client() imports this package before it starts the server; timed apart here.
        from prefect.server.api import server as server_module

        marks["srv-imp"] = time.time()
        original_start = server_module.SubprocessASGIServer.start

        def timed_start(self: server_module.SubprocessASGIServer, timeout: int | None = None) -> None:
            began = time.time()
            original_start(self, timeout)
            # Several clients call start(); only the first one really waits.
            marks["server"] = max(marks.get("server", 0.0), time.time() - began)

        server_module.SubprocessASGIServer.start = timed_start  # type: ignore[method-assign]
    else:
        marks["srv-imp"] = time.time()
        marks["server"] = server.wait_ready() if server is not None else 0.0

    @task
    def load_gx() -> None:
        # As the product does: Great Expectations is imported lazily, by the task that needs it.
        began = time.time()
        import great_expectations  # noqa: F401

        marks["gx"] = time.time() - began

    @task
    def add_one(x: int) -> int:
        return x + 1

    @task
    def double(x: int) -> int:
        return x * 2

    @task
    def minus_three(x: int) -> int:
        return x - 3

    @flow(name="startup-bench")
    def tiny() -> int:
        marks["body_start"] = time.time()
        result = minus_three(double(add_one(1)))
        if with_gx:
            load_gx()
        marks["body_end"] = time.time()
        return result

    marks["call"] = time.time()
    state = tiny(return_state=True)
    marks["returned"] = time.time()
    if not state.is_completed() or state.result() != 1:
        raise SystemExit(f"flow did not complete correctly: {state!r}")
    print("BENCH " + json.dumps(marks), flush=True)
    if server is not None:
        server.stop()  # as the CLI's ``with prefect_runtime()`` does; Prefect's own stops at exit


def _run(mode: str, home: Path, with_gx: bool) -> dict[str, float | str | int]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_PROFILES_PATH"] = str(home.parent / "no-profiles.toml")
    if mode == "default":
        env["PREFECT_HOME"] = str(home)
    usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    spawned = time.time()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--home", str(home)] + (["--gx"] if with_gx else []),
        env=env,
        cwd=home.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    ended = time.time()
    usage_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"{mode} run failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    m = json.loads(line[len("BENCH ") :])
    server = float(m["server"])
    gx = float(m.get("gx", 0.0))
    start = m["body_start"] - m["call"] - (server if mode == "default" else 0.0)
    return {
        "wall": ended - spawned,
        "py": m["configured"] - spawned,
        "prefect": m["prefect"] - m["configured"],
        "gx": gx,
        "srv-imp": m["srv-imp"] - m["prefect"],
        "server": server,
        "start": start,
        "body": m["body_end"] - m["body_start"] - gx,
        "finish": m["returned"] - m["body_end"],
        "exit": ended - m["returned"],
        "cpu": (usage_after.ru_utime + usage_after.ru_stime) - (usage_before.ru_utime + usage_before.ru_stime),
        "err": sum(1 for ln in proc.stderr.splitlines() if "ERROR" in ln or "Traceback" in ln),
    }


CLI_PHASES = ("launch", "imports", "prewarm", "ready", "start", "flow", "stop", "exit")
CLI_TASKS = ("plan-run", "validate-data", "render-reports", "record-history")


def _wrap(owner: object, name: str, before: Callable[[], None], after: Callable[[], None]) -> None:
    """Put a timed version of ``owner.name`` in its place: the same function, marks around it."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        before()
        try:
            return original(*args, **kwargs)
        finally:
            after()

    setattr(owner, name, timed)


def _time_into(durations: dict[str, float], name: str) -> tuple[Callable[[], None], Callable[[], None]]:
    """A (before, after) pair that adds the wall time between the two calls to ``durations[name]``."""
    began: list[float] = []

    def before() -> None:
        began.append(time.time())

    def after() -> None:
        durations[name] = durations.get(name, 0.0) + time.time() - began.pop()

    return before, after


def _cli_child(out: str) -> None:
    """One real ``marketfact check`` of the seed file in this process, timed from inside: prints ``BENCH {json}``
    with (seconds since spawn, this process's CPU seconds, the server's CPU seconds) at each mark."""
    spawned = float(os.environ["MARKETFACT_BENCH_SPAWNED"])
    sys.path.insert(0, str(REPO))
    import marketfact.cli as cli
    import marketfact.running as running
    from marketfact.flows import tempserver

    servers: list[tempserver.TemporaryServer] = []
    marks: dict[str, tuple[float, float, float | None]] = {}
    tasks: dict[str, float] = {}

    def server_cpu() -> float | None:
        process = servers[0].process if servers else None
        ticks = tempserver._cpu_ticks(process.pid) if process is not None else None
        return ticks / os.sysconf("SC_CLK_TCK") if ticks is not None else None

    def mark(name: str) -> Callable[[], None]:
        def record() -> None:
            marks.setdefault(name, (time.time() - spawned, time.process_time(), server_cpu()))

        return record

    def noop() -> None:
        pass

    original_launch = tempserver.TemporaryServer._launch

    def launch(self: tempserver.TemporaryServer) -> None:
        servers.append(self)
        original_launch(self)
        mark("launch")()

    tempserver.TemporaryServer._launch = launch  # type: ignore[method-assign]
    _wrap(tempserver.TemporaryServer, "wait_ready", mark("prewarm"), mark("ready"))
    _wrap(tempserver.TemporaryServer, "stop", mark("flow"), mark("stop"))

    def instrument() -> None:  # once the CLI has imported the flow: importing it earlier would change the timeline
        mark("imports")()
        import marketfact.flows.artifacts
        import marketfact.flows.tasks
        import marketfact.flows.verify

        modules = (marketfact.flows.tasks, marketfact.flows.verify, marketfact.flows.artifacts)
        found = {id(t): t for m in modules for t in vars(m).values()}
        for task in found.values():  # each task once: flows.verify names those of flows.tasks too
            if type(task).__name__ == "Task" and task.name in CLI_TASKS:
                _wrap(task, "fn", *_time_into(tasks, task.name))
        _wrap(marketfact.flows.verify.verify_claims, "fn", mark("start"), noop)

    def report() -> None:
        mark("exit")()
        print("BENCH " + json.dumps({"marks": marks, "tasks": tasks}), flush=True)

    _wrap(running, "ready", instrument, noop)  # `marketfact check` runs its flow through marketfact.running
    _wrap(running, "exit_for", report, noop)
    sys.argv = ["marketfact", "check", str(REPO / "examples" / "deepseek-2025-01.yaml"), "-o", out]
    cli.main()


def _median_row(rows: list[dict[str, float | str | int]]) -> dict[str, float | str | int]:
    return {key: statistics.median(float(r[key]) for r in rows) for key in rows[0]}


def _cli_run(home: Path, out: Path) -> dict[str, float]:
    """Spawn one timed ``marketfact check`` with ``home`` as PREFECT_HOME; its phases in seconds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_PROFILES_PATH=str(home.parent / "no-profiles.toml"), MARKETFACT_PREFECT_HOME=str(home))
    spawned = time.time()
    env["MARKETFACT_BENCH_SPAWNED"] = repr(spawned)
    proc = subprocess.run(
        [sys.executable, __file__, "--cli-child", str(out)], env=env, cwd=home.parent, capture_output=True, text=True
    )
    wall = time.time() - spawned
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if proc.returncode not in (0, 1) or line is None:  # 1: a claim of the seed file fails, as it should
        raise SystemExit(f"marketfact check failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    data = json.loads(line[len("BENCH ") :])
    at = {name: mark[0] for name, mark in data["marks"].items()}
    row = {"wall": wall}
    previous = 0.0
    for phase in CLI_PHASES[:-1]:
        row[phase], previous = at[phase] - previous, at[phase]
    row["exit"] = wall - previous
    row.update({task: data["tasks"].get(task, 0.0) for task in CLI_TASKS})
    row["main-cpu"] = data["marks"]["exit"][1]
    row["srv@ready"] = data["marks"]["ready"][2] or 0.0
    row["srv@stop"] = data["marks"]["flow"][2] or 0.0
    row["err"] = sum(1 for ln in proc.stderr.splitlines() if "ERROR" in ln or "Traceback" in ln)
    return row


def cli_timeline(repeats: int) -> list[str]:
    """``marketfact check`` of the seed file: one cold run on a new PREFECT_HOME, then ``repeats`` warm ones;
    the timeline of each (median and best wall), one row per phase, as printed lines."""
    with tempfile.TemporaryDirectory(prefix="prefect-startup-cli-") as tmp:
        home = Path(tmp) / "prefect-home"
        cold = [_cli_run(home, Path(tmp) / "out")]
        warm = [_cli_run(home, Path(tmp) / "out") for _ in range(max(1, repeats))]
    lines = [f"{'phase':<16}{'cold':>8}{'warm':>8}{'best':>8}"]
    best = min(warm, key=lambda r: r["wall"])
    for key in cold[0]:
        cells = (_median_row(cold)[key], _median_row(warm)[key], best[key])  # type: ignore[arg-type]
        lines.append(f"{key:<16}" + "".join(f"{float(c):8.2f}" for c in cells))
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the side-by-side measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1, help="warm runs per mode (median shown)")
    parser.add_argument("--gx", action="store_true", help="also import Great Expectations in each run")
    parser.add_argument("--only", choices=MODES, help="run one mode only")
    parser.add_argument("--cli", action="store_true", help="time the phases of `marketfact check` of the seed file")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--cli-child", help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.home, args.gx)
        return 0
    if args.cli_child:
        _cli_child(args.cli_child)
        return 0
    if args.cli:
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
        lines = cli_timeline(args.repeats)
        print(f"load average {os.getloadavg()[0]:.2f} at end; warm: median of {max(1, args.repeats)}; seconds")
        print("\n".join(lines))
        return 0

    modes = [args.only] if args.only else [m for m in MODES if args.gx or m != "no-prewarm"]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    header = (
        f"{'mode':<11}{'home':<6}{'wall':>6}{'best':>6}" + "".join(f"{p:>8}" for p in PHASES) + f"{'cpu':>6}{'err':>4}"
    )
    table = [header]
    results: dict[tuple[str, str], list[dict[str, float | str | int]]] = {}
    with tempfile.TemporaryDirectory(prefix="prefect-startup-") as tmp:
        homes = {mode: Path(tmp) / mode / "prefect-home" for mode in modes}
        for mode, home in homes.items():
            home.parent.mkdir(parents=True)
            results[mode, "cold"] = [_run(mode, home, args.gx)]
        for _ in range(max(1, args.repeats)):  # modes interleaved: a load spike hits both alike
            for mode, home in homes.items():
                results.setdefault((mode, "warm"), []).append(_run(mode, home, args.gx))
    for (mode, label), rows in sorted(results.items(), key=lambda kv: (modes.index(kv[0][0]), kv[0][1])):
        row = _median_row(rows)
        best = min(float(r["wall"]) for r in rows)
        cells = "".join(f"{float(row[p]):8.2f}" for p in PHASES)
        table.append(
            f"{mode:<11}{label:<6}{float(row['wall']):6.2f}{best:6.2f}{cells}"
            f"{float(row['cpu']):6.1f}{int(row['err']):4d}"
        )
    print(
        f"load average {os.getloadavg()[0]:.2f} at end; gx import {'on' if args.gx else 'off'}; "
        f"warm rows are medians of {max(1, args.repeats)} run(s); seconds"
    )
    print("\n".join(table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
