"""Trigger → report with a warm checker, against ``prefect server start`` (the production setup).

Usage (from the repository root, in the project's virtualenv)::

    python -m bench.interactive            # 5 checks of the seed file
    python -m bench.interactive --checks 2
    python -m bench.interactive --pairs 7  # in one warm process, no server: GX's kwargs lookups on vs off

It starts ``prefect server start`` (its own PREFECT_HOME and port, a subprocess), then the warm checker
``python -m marketfact.flows.warm`` (a Prefect task worker that keeps Great Expectations, the calendars
and the reports loaded), waits until both are ready, and triggers ``check-claims-warm`` on the seed claim
file ``--checks`` times from this process (``.delay()``, then waits for the result: the report's path),
printing each trigger → report time. The issue's target (≤ 2 s) is reported, never asserted.

``--pairs N`` measures a trick instead, without Prefect: in this process, warmed up as the checker is, it
runs the warm check (``flows.warm.check_warm``) in N pairs, one run as shipped and one with the trick
switched off, alternating which goes first, and prints the medians of each phase and of the paired ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "deepseek-2025-01.yaml"
TARGET_S = 2.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(check, timeout: float, what: str) -> float:  # type: ignore[no-untyped-def]
    """Poll ``check()`` until it is true; the seconds it took."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        with contextlib.suppress(Exception):
            if check():
                return time.perf_counter() - t0
        time.sleep(0.25)
    raise TimeoutError(f"{what} not ready after {timeout:.0f} s")


def last_phases(log: Path) -> str:
    """The warm checker's last logged phases (``flows.warm.PHASES_LINE``), or a note that none was logged."""
    lines = [line for line in log.read_text(errors="replace").splitlines() if "check-claims-warm phases:" in line]
    return lines[-1].split("check-claims-warm phases:", 1)[1].strip() if lines else "(no phases logged)"


TRICKS = {
    "gx-kwargs": "checks.quality.gxkwargs: GX's kwargs lookups build an expectation's configuration once",
    "gc-freeze": "flows.warm.warm_up freezes what is loaded out of the garbage collector's walks",
}


def _switch(trick: str, on: bool) -> None:
    if trick == "gx-kwargs":
        from marketfact.checks.quality import gxkwargs

        if on:
            gxkwargs.install(force=True)
        else:
            gxkwargs.uninstall()
    elif trick == "gc-freeze":
        import gc

        if on:
            gc.freeze()
        else:
            gc.unfreeze()


def paired(pairs: int, trick: str = "gx-kwargs") -> dict[str, list[float]]:
    """The warm check in ``pairs`` pairs (as shipped, ``trick`` off), alternating the order; seconds per phase."""
    from marketfact.flows.warm import check_warm, warm_up

    warm_up()
    out = Path(tempfile.mkdtemp(prefix="marketfact-pairs-"))
    check_warm(str(SEED), str(out))  # the first check pays what warm_up does not load
    figures: dict[str, list[float]] = {"on check": [], "off check": [], "on all": [], "off all": []}
    for i in range(pairs):
        for on in (True, False) if i % 2 == 0 else (False, True):
            _switch(trick, on)
            _, (_, check, reports) = check_warm(str(SEED), str(out))
            side = "on" if on else "off"
            figures[f"{side} check"].append(check)
            figures[f"{side} all"].append(check + reports)
    _switch(trick, True)
    print(f"paired, {pairs} pairs, trick: {TRICKS[trick]}; load average {os.getloadavg()[0]:.2f}")
    for phase in ("check", "all"):
        on, off = figures[f"on {phase}"], figures[f"off {phase}"]
        ratios = [a / b for a, b in zip(on, off, strict=True)]
        saved = statistics.median(b - a for a, b in zip(on, off, strict=True))
        print(
            f"  {phase:5s}: on median {statistics.median(on):.3f} s, off median {statistics.median(off):.3f} s, "
            f"paired ratio on/off median {statistics.median(ratios):.2f}, saved median {saved:.3f} s"
        )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.interactive", description=__doc__.split("\n\n")[0])
    parser.add_argument("--checks", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--pairs", type=int, default=0, help="measure a trick in N pairs in this process")
    parser.add_argument("--trick", choices=sorted(TRICKS), default="gx-kwargs")
    args = parser.parse_args(argv)
    if args.pairs:
        paired(args.pairs, args.trick)
        return 0
    home = Path(tempfile.mkdtemp(prefix="marketfact-interactive-"))
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(home / "prefect"), "PREFECT_API_URL": api}
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    env["PREFECT_RESULTS_PERSIST_BY_DEFAULT"] = "true"
    env["PREFECT_LOCAL_STORAGE_PATH"] = str(home / "results")  # for the children; this process: below
    server_cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    worker_cmd = [sys.executable, "-m", "marketfact.flows.warm"]
    with (home / "server.log").open("wb") as s_log, (home / "worker.log").open("wb") as w_log:
        server = subprocess.Popen(server_cmd, env=env, stdout=s_log, stderr=subprocess.STDOUT)
        worker = None
        try:
            took = wait_until(lambda: httpx.get(f"{api}/health", timeout=2).status_code == 200, args.timeout, "server")
            print(f"prefect server start: ready in {took:.1f} s", flush=True)
            worker = subprocess.Popen(worker_cmd, env=env, stdout=w_log, stderr=subprocess.STDOUT)
            log = home / "worker.log"
            took = wait_until(lambda: "warm checker ready" in log.read_text(), args.timeout, "warm checker")
            print(f"warm checker (python -m marketfact.flows.warm): loaded in {took:.1f} s", flush=True)
            from prefect.settings import (
                PREFECT_API_URL,
                PREFECT_LOCAL_STORAGE_PATH,
                PREFECT_RESULTS_PERSIST_BY_DEFAULT,
                temporary_settings,
            )

            from marketfact.flows.warm import check_claims_warm

            times = []
            # Prefect may have read its settings already in this process (a test session that ran other flows
            # first): the environment alone would not reach it, so the triggers name the server explicitly.
            ours = {
                PREFECT_API_URL: api,
                PREFECT_RESULTS_PERSIST_BY_DEFAULT: True,
                PREFECT_LOCAL_STORAGE_PATH: home / "results",
            }
            with temporary_settings(updates=ours):
                for i in range(args.checks):
                    t0 = time.perf_counter()
                    future = check_claims_warm.delay(str(SEED), str(home / "out"))
                    sent = time.perf_counter() - t0
                    html = future.result(timeout=args.timeout)
                    times.append(time.perf_counter() - t0)
                    assert Path(html).is_file(), html
                    print(f"check {i + 1}: trigger → report {times[-1]:.2f} s (sent in {sent:.2f} s)", flush=True)
                    print(f"  in the warm checker: {last_phases(log)}", flush=True)
            rest = times[1:] or times
            median = statistics.median(rest)
            print(
                f"trigger → report: first {times[0]:.2f} s, then median {median:.2f} s "
                f"(range {min(rest):.2f}–{max(rest):.2f}) — target ≤ {TARGET_S:.0f} s: "
                f"{'met' if median <= TARGET_S else 'MISSED'}; {os.cpu_count()} CPU(s), shared; "
                f"load average {os.getloadavg()[0]:.2f}",
                flush=True,
            )
        finally:
            for process in (worker, server):
                if process is not None:
                    process.terminate()
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        process.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
