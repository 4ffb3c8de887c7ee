"""A warm checker: a process that keeps Prefect, Great Expectations, the calendars and the reports loaded.

``python -m marketfact.flows.warm`` loads everything a check needs once, then serves the background task
``check-claims-warm`` (Prefect's task worker, against the server in ``PREFECT_API_URL``): each
``check_claims_warm.delay(claims_path, out_dir)`` from anywhere that reaches the server is checked in
this process, with no interpreter to start and nothing to import, and its result is the HTML report's path.
A served deployment (``marketfact serve``) starts a new process for every flow run instead; this is the
interactive path (``bench.interactive`` measures trigger → report).
"""

from __future__ import annotations

import time
from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from marketfact.settings import absolute


@task(name="check-claims-warm", persist_result=True, cache_policy=NO_CACHE)
def check_claims_warm(
    claims_path: str, out_dir: str, source: str = "snapshot", snapshot_dir: str | None = None, lang: str = "en"
) -> str:
    """Check a claim file in this (warm) process: validate, judge, write the reports; the HTML's path.

    Logs the seconds of its phases (``PHASES_LINE``): ``bench.interactive`` prints them next to the
    trigger → report time, so the time outside the check (Prefect's delivery and result) shows too.
    """
    html, phases = check_warm(claims_path, out_dir, source, snapshot_dir, lang)
    get_run_logger().info(PHASES_LINE, *phases, sum(phases))
    return html


def check_warm(
    claims_path: str, out_dir: str, source: str = "snapshot", snapshot_dir: str | None = None, lang: str = "en"
) -> tuple[str, tuple[float, float, float]]:
    """What ``check-claims-warm`` does, without Prefect: the HTML's path and the seconds of its phases
    (load claims and market; plan, fetch, validate, judge; reports)."""
    from marketfact.checks.run import run_in_process
    from marketfact.claims.load import load_claims
    from marketfact.market.bundle import market_data
    from marketfact.reports import write_reports

    t0 = time.perf_counter()
    out = absolute(out_dir)
    market = market_data(source, Path(snapshot_dir) if snapshot_dir else None, out / ".cache")
    claims = load_claims(absolute(claims_path))
    t1 = time.perf_counter()
    run = run_in_process(
        claims, market.prices, market.instruments, market.fx, market.shares, claims_file=str(claims_path),
        mode=market.mode,
    )  # fmt: skip
    t2 = time.perf_counter()
    html = str(write_reports(run, out, lang=lang).html)
    t3 = time.perf_counter()
    return html, (t1 - t0, t2 - t1, t3 - t2)


PHASES_LINE = "check-claims-warm phases: load %.3f s, check %.3f s, reports %.3f s, in all %.3f s"
"""The log line of a warm check's phases (load claims and market; plan, fetch, validate, judge; reports)."""


def warm_up() -> None:
    """Import and initialise what a check uses, so that the first check is as fast as the next.

    With the garbage collector paused, then what is alive frozen (``marketfact.collector``): the hundreds of
    thousands of objects Prefect, Great Expectations and the rest keep for good stay out of every later
    collection, so the one each check makes (``checks.quality.validate.release``) and the automatic ones walk
    only the check's own objects (measured with ``bench.interactive --pairs 7 --trick gc-freeze``).
    """
    from marketfact.collector import pause_imports, resume_imports

    pause_imports()
    try:
        import great_expectations  # noqa: F401

        import marketfact.checks.quality.validate
        import marketfact.reports  # noqa: F401
        from marketfact.market.calendars import session_index

        for mic in ("XNYS", "XNAS", "XETR", "XTKS", "XPAR"):
            session_index(mic)
    finally:
        resume_imports()


def main() -> None:
    """Warm up, say so, and serve ``check-claims-warm`` until interrupted."""
    from prefect.task_worker import serve

    warm_up()
    print("marketfact warm checker ready", flush=True)
    serve(check_claims_warm)


if __name__ == "__main__":
    main()
