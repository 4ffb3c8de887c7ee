"""Runs of the ``check-article`` flow for the desk: through the Prefect API, one at a time, off the request.

The flow runs as the command line runs it: Prefect's temporary server, launched on the first run by
``flows.runtime.prefect_runtime`` and kept until the desk stops, or the server ``PREFECT_API_URL`` names (in any
Prefect settings source), used untouched. Runs queue on one worker thread: the machine's cores, Great
Expectations and the history database are shared by them all, so two never run at once (the desk also refuses a
second run of the same article while one is queued or running).

``summary`` turns a run's ``report.json`` into what the desk and the JSON API show of each claim.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from marketfact.settings import Settings

T = TypeVar("T")
RUN_ID = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{6}$")
"""A run id as ``checks.run.new_run_id`` makes it (and the name of the run's report folder)."""


class RunError(Exception):
    """A run could not be made or read; the message says why."""


API_FIELDS = (
    *("id", "text", "instrument", "exchange", "sessions", "verdict", "explanation", "measured", "unit"),
    "reading",
)
"""What the JSON API answers of each claim of a ``summary``; ``reading`` says whether a person must confirm it."""


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """What the desk shows of a run: its id, counts, and per claim instrument, sessions, verdict, explanation.

    ``sessions`` are the exchange-local dates the verdict measured over (the window, without the base session
    before it); empty when there was no data.
    """
    claims = []
    for entry in report.get("claims", []):
        claim, verdict = entry.get("claim", {}), entry.get("verdict", {})
        window = [p["session"] for p in entry.get("path") or [] if p.get("role") == "window"]
        sessions = entry.get("sessions") or {}
        if not window and sessions.get("end"):
            window = [sessions["end"]]
        measured = entry.get("measured") or {}
        claims.append(
            {
                "id": claim.get("id"),
                "text": claim.get("text"),
                "subject": claim.get("subject"),
                "instrument": claim.get("instrument"),
                "exchange": sessions.get("exchange"),
                "sessions": window,
                "verdict": verdict.get("label"),
                "outcome": verdict.get("outcome"),
                "explanation": verdict.get("explanation"),
                "measured": measured.get("value"),
                "unit": measured.get("unit"),
                "reading": entry.get("reading"),  # confidence, uncertain, inferred; None for a claim given by hand
            }
        )
    run = report.get("run", {})
    return {"run_id": run.get("run_id"), "counts": report.get("counts", {}), "claims": claims}


def read_summary(out_dir: Path, run_id: str) -> dict[str, Any]:
    """The summary of run ``run_id`` from ``<out_dir>/<run_id>/report.json``; ``RunError`` if there is none."""
    if not RUN_ID.match(run_id):
        raise RunError(f"{run_id!r} is not a run id")
    path = Path(out_dir) / run_id / "report.json"
    try:
        return summary(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise RunError(f"no run {run_id}") from None
    except (OSError, ValueError) as exc:
        raise RunError(f"the report of run {run_id} cannot be read: {exc}") from None


class Runner:
    """The flow runs of one desk, on one worker thread, with Prefect's server kept between them."""

    def __init__(self, settings: Settings, out_dir: Path) -> None:
        """Runs write their reports into ``out_dir`` with ``settings``' sources, caches and history."""
        self.settings = settings
        self.out_dir = Path(out_dir)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="marketfact-run")
        self._runtime = contextlib.ExitStack()
        self._started = False
        self._lock = threading.Lock()

    def submit(self, job: Callable[[], T]) -> Future[T]:
        """Queue ``job`` (a call of ``check``, with whatever the caller records around it) on the worker."""
        return self._pool.submit(job)

    def check(
        self, article: Path, published: str, lang: str, reviewed: dict[str, Any] | None, report_lang: str
    ) -> dict[str, Any]:
        """Run the ``check-article`` flow now, in this thread (call it through ``submit``); the run's summary.

        ``reviewed``: the claim file to check (``web.desk.Draft.reviewed_file``), None for the extracted claims.
        """
        flow = self._flow()
        result = flow(
            article_path=str(article),
            published=published,
            out_dir=str(self.out_dir),
            lang=lang,
            source=self.settings.source,
            report_lang=report_lang,
            snapshot_dir=str(self.settings.snapshot_dir),
            cache_dir=str(self.settings.cache_dir),
            history_url=self.settings.history_for(self.out_dir),
            reviewed=reviewed,
        )
        return read_summary(self.out_dir, result["run"].run_id)

    def _flow(self) -> Callable[..., Any]:
        """The flow, with Prefect configured and its temporary server up (started on the first run)."""
        with self._lock:
            server = None
            if not self._started:
                from marketfact.flows.runtime import prefect_runtime

                server = self._runtime.enter_context(prefect_runtime(self.settings.prefect_home))
                self._started = True
            from marketfact.flows.article import check_article  # imports Prefect while the server boots

            if server is not None:
                server.wait_ready()
        return check_article

    def close(self) -> None:
        """Let the queued runs finish, then stop Prefect's temporary server (if one was started)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._runtime.close()
