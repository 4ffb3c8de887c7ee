"""Benchmark the sharded flow on a real Dask cluster started as an operator would, on SYNTHETIC data.

Usage (from the repository root, in the project's virtualenv)::

    python -m bench.cluster                                   # 1 000 000 claims on 5 000 instruments, 16 shards
    python -m bench.cluster --instruments 1000 --claims 200000 --shards 8
    python -m bench.cluster --tiny                            # 10 instruments, 600 claims, 2 shards: a test

What it does:

1. writes SYNTHETIC data (bench/synthetic.py: seeded random walks on real exchange calendars, not market
   prices) under ``--data-dir``;
2. starts Prefect's temporary API server (as ``marketfact check`` does) and a Dask cluster the way an
   operator starts one: ``dask scheduler`` and ``dask worker`` processes (subprocesses, 127.0.0.1);
3. runs ``flows.shards.verify_sharded`` with ``--dask-address`` twice on the same claims: with one fresh
   worker, then with two fresh workers (each ``--nthreads 1``), and prints the wall time, the speed-up,
   the shard tasks each worker ran and each worker's peak RSS (its high-water mark, read by the shard
   tasks in the worker process), and Prefect's task runs by name.

Every printed line starts with ``SYNTHETIC``. Figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.synthetic import DATA_ROOT

RESULT_TAG = "BENCH-CLUSTER "


def say(text: str = "") -> None:
    """One line of the report, labelled synthetic."""
    print(f"SYNTHETIC | {text}".rstrip(), flush=True)


def free_port() -> int:
    """A TCP port nobody listens on now (127.0.0.1)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def dask_command(name: str) -> list[str]:
    """The ``dask`` command line tool of this interpreter's environment."""
    exe = Path(sys.executable).with_name("dask")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "distributed.cli.dask_" + name]


@contextlib.contextmanager
def started(command: list[str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A subprocess for the block (its output to ``log``), stopped at the end, by its own id."""
    with log.open("ab") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_workers(address: str, n: int, timeout: float = 180.0) -> None:
    """Block until the scheduler at ``address`` has ``n`` workers."""
    from distributed import Client

    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(n, timeout=timeout)


def cluster_run(args: argparse.Namespace, workers: int, claims: Path, logs: Path) -> dict[str, Any]:
    """One run of the sharded flow on a fresh cluster of ``workers`` workers."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = [*dask_command("scheduler"), "scheduler", "--host", "127.0.0.1", "--port", str(port)]
    scheduler += ["--dashboard-address", ":0"]
    worker = [*dask_command("worker"), "worker", address, "--nthreads", "1", "--nworkers", "1"]
    worker += ["--memory-limit", "0", "--dashboard-address", ":0"]
    with contextlib.ExitStack() as stack:
        stack.enter_context(started(scheduler, logs / f"scheduler-{workers}.log"))
        for i in range(workers):
            stack.enter_context(started([*worker, "--name", f"w{i + 1}"], logs / f"worker-{workers}-{i + 1}.log"))
        t0 = time.perf_counter()
        wait_for_workers(address, workers)
        ready = time.perf_counter() - t0
        command = [sys.executable, "-m", "bench.cluster", "--phase", "flow", "--address", address]
        command += ["--data-dir", str(args.data_dir), "--shards", str(args.shards), "--claims-file", str(claims)]
        t0 = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
        process_wall = time.perf_counter() - t0
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_TAG)]
    if done.returncode != 0 or not lines:
        return {"workers": workers, "error": f"exit code {done.returncode}"}
    result: dict[str, Any] = json.loads(lines[-1].removeprefix(RESULT_TAG))
    result.update(workers=workers, cluster_ready=ready, process_wall=process_wall)
    return result


def flow_phase(args: argparse.Namespace) -> dict[str, Any]:
    """Child process: the sharded flow against the cluster at ``--address``."""
    from bench.phases import _task_runs
    from marketfact.flows.runtime import configure_prefect, start_temporary_server

    configure_prefect(args.data_dir / "prefect-home")
    server = start_temporary_server()
    from marketfact.flows.shards import with_task_runner

    if server is not None:
        server.wait_ready()
    flow = with_task_runner("dask", args.address)
    t0 = time.perf_counter()
    state = flow(
        claims_path=str(args.claims_file),
        shards=args.shards,
        out_dir=str(args.data_dir / "out"),
        source="snapshot",
        snapshot_dir=str(args.data_dir / "snapshot"),
        cache_dir=str(args.data_dir / "cache"),
        synthetic=True,
        return_state=True,
    )
    wall = time.perf_counter() - t0
    out = state.result()
    per_worker: dict[str, dict[str, Any]] = {}
    for r in out["shards"]:
        entry = per_worker.setdefault(r.worker, {"shards": 0, "claims": 0, "peak_rss_mb": 0.0, "busy_s": 0.0})
        entry["shards"] += 1
        entry["claims"] += r.claims
        entry["peak_rss_mb"] = max(entry["peak_rss_mb"], r.peak_rss_mb)
        entry["busy_s"] += sum(v for k, v in r.timings.items() if k != "cpu")
    steps: dict[str, float] = {}
    for r in out["shards"]:
        for k, v in r.timings.items():
            steps[k] = steps.get(k, 0.0) + v
    result = {
        "flow_wall": wall,
        "claims": out["counts"]["total"],
        "counts": out["counts"],
        "shards": len(out["shards"]),
        "per_worker": per_worker,
        "shard_steps": steps,
        "task_runs": _task_runs(state.state_details.flow_run_id),
        "report": out["paths"].get("html"),
    }
    if server is not None:
        server.stop()
    return result


def main(argv: list[str] | None = None) -> int:
    """Generate the data, run the flow on one worker then two, print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("--instruments", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=260)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--shards", type=int, default=16)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--tiny", action="store_true", help="10 instruments × 40 sessions, 600 claims, 2 shards")
    parser.add_argument("--data-dir", type=Path, default=DATA_ROOT / "cluster")
    parser.add_argument("--phase", choices=["flow"], help=argparse.SUPPRESS)
    parser.add_argument("--address", help=argparse.SUPPRESS)
    parser.add_argument("--claims-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.data_dir = args.data_dir.resolve()
    if args.tiny:
        args.instruments, args.sessions, args.claims, args.shards = 10, 40, 600, 2
    if args.phase == "flow":
        print(RESULT_TAG + json.dumps(flow_phase(args), default=str), flush=True)
        return 0
    from bench.synthetic import SYNTHETIC_LABEL, generate_claims, write_claims, write_market

    say(f"marketfact cluster benchmark on {SYNTHETIC_LABEL}: seeded random walks, not market prices")
    t0 = time.perf_counter()
    market = write_market(args.data_dir / "snapshot", args.instruments, args.sessions, seed=args.seed)
    claims = write_claims(generate_claims(market, args.claims), args.data_dir / "claims.json")
    took = time.perf_counter() - t0
    say(f"data: {args.instruments} instruments × {args.sessions} sessions, {args.claims} claims, "
        f"{args.shards} shards; generated in {took:.1f} s; {os.cpu_count()} CPU(s) here")  # fmt: skip
    logs = args.data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    results = [cluster_run(args, workers, claims, logs) for workers in (1, 2)]
    failed = False
    for r in results:
        if "error" in r:
            say(f"{r['workers']} worker(s): FAILED ({r['error']}; logs in {logs})")
            failed = True
            continue
        say(f"{r['workers']} worker(s): flow {r['flow_wall']:.1f} s wall for {r['claims']} claims "
            f"({r['claims'] / r['flow_wall']:,.0f} claims/s) in {r['shards']} shard tasks; cluster ready in "
            f"{r['cluster_ready']:.1f} s")  # fmt: skip
        for name, w in sorted(r["per_worker"].items()):
            say(f"    worker {name}: {w['shards']} shard(s), {w['claims']} claims, busy {w['busy_s']:.1f} s, "
                f"peak RSS {w['peak_rss_mb']:.0f} MB")  # fmt: skip
        say("    shard steps summed: " + ", ".join(f"{k} {v:.1f} s" for k, v in r["shard_steps"].items()))
        runs = r["task_runs"]
        by_name = ", ".join(f"{n} {c}" for n, (c, _) in sorted(runs["by_name"].items()))
        say(f"    Prefect task runs: {runs['count']} ({by_name})")
        say(f"    labels: {r['counts']}")
    if len(results) == 2 and not failed:
        one, two = results
        say(f"speed-up from one worker to two: {one['flow_wall'] / two['flow_wall']:.2f}× "
            f"(same claims, same shards; the machine has {os.cpu_count()} CPU(s), shared)")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
