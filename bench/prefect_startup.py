"""Where the wall time of a short Prefect flow run goes without a configured server, and what is saved.

Runs a tiny flow of three tasks against Prefect's temporary server, each run in a fresh Python
process, side by side in one go:

- ``default``: Prefect as installed (only ``PREFECT_HOME`` points at a scratch folder);
- ``configured``: ``flows.runtime.configure_prefect`` + ``start_temporary_server`` before Prefect
  is imported, ``wait_ready`` just before the flow, ``stop`` and ``skip_final_gc`` after it;
- ``no-prewarm`` (with ``--gx`` only): ``configured`` without ``prewarm_import``;

each on a brand-new ``PREFECT_HOME`` (cold: migrations) and again on the migrated one (warm).
``--gx`` adds a fourth task that imports Great Expectations lazily, as the product does; in
``configured`` that import is started in a background thread (``prewarm_import``) right after
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

Usage: ``python bench/prefect_startup.py [--repeats N] [--gx] [--only MODE]``.
Every child starts without inherited ``PREFECT_*`` variables and with a profiles path that does not
exist, so a developer's own Prefect configuration does not leak into the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODES = ("default", "configured", "no-prewarm")
PHASES = ("py", "prefect", "gx", "srv-imp", "server", "start", "body", "finish", "exit")


def _child(mode: str, home: str, with_gx: bool) -> None:
    """One measured run; prints ``BENCH {json}`` with wall-clock marks."""
    marks: dict[str, float] = {"begin": time.time()}
    server = None
    if mode != "default":
        sys.path.insert(0, str(REPO))
        from flows.runtime import configure_prefect, prewarm_import, skip_final_gc, start_temporary_server

        configure_prefect(Path(home))
        server = start_temporary_server()
    marks["configured"] = time.time()
    from prefect import flow, task

    marks["prefect"] = time.time()
    if with_gx and mode == "configured":
        prewarm_import("great_expectations")
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
        skip_final_gc()


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


def _median_row(rows: list[dict[str, float | str | int]]) -> dict[str, float | str | int]:
    return {key: statistics.median(float(r[key]) for r in rows) for key in rows[0]}


def main(argv: list[str] | None = None) -> int:
    """Run the side-by-side measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1, help="warm runs per mode (median shown)")
    parser.add_argument("--gx", action="store_true", help="also import Great Expectations in each run")
    parser.add_argument("--only", choices=MODES, help="run one mode only")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.home, args.gx)
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
