"""What a flow run tells Prefect about itself: its name, its tags, its events, and its final state.

* name: the claim file's (or article's) stem while it runs, ``deepseek-2025-01 · 4 pass 1 fail`` once judged;
* tags: ``marketfact``, ``claims:<stem>``, ``source:<mode>``, ``lang:<lang>`` (added to a deployment's own);
* events: ``marketfact.claim.failed`` for each failed claim (up to MAX_CLAIM_EVENTS), then
  ``marketfact.run.completed`` with the counts; Prefect relates each to the flow run, its flow, deployment
  and tags, so an automation can trigger on them (docs/automations.md);
* state: Failed when ``--fail-on`` trips, after the reports are written and the history recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from prefect.events import emit_event
from prefect.states import Completed, Failed, State

from marketfact.checks.columnar import first_with_outcome
from marketfact.checks.runreport import RunReport
from marketfact.reports.gate import FAIL_ON_CHOICES, exit_code_for

RUN_COMPLETED = "marketfact.run.completed"
CLAIM_FAILED = "marketfact.claim.failed"

MAX_CLAIM_EVENTS = 500
"""At most this many ``marketfact.claim.failed`` events per run: a 100 000-claim run with thousands of failed
claims would otherwise send thousands of events; the run's event says how many were left out."""

logger = logging.getLogger("marketfact.flows")


def check_fail_on(fail_on: str | None) -> str | None:
    """``fail_on`` if it is None or one of FAIL_ON_CHOICES; ValueError before any work otherwise."""
    if fail_on is not None and fail_on not in FAIL_ON_CHOICES:
        raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON_CHOICES)} or empty, not {fail_on!r}")
    return fail_on


def run_title(stem: str, counts: Mapping[str, int]) -> str:
    """The flow run's name once judged: ``deepseek-2025-01 · 4 pass 1 fail`` (``· 0 claims`` for an empty run)."""
    if not counts.get("total"):
        return f"{stem} · 0 claims"
    parts = [f"{counts['pass']} pass", f"{counts['fail']} fail"]
    if counts.get("unverifiable"):
        parts.append(f"{counts['unverifiable']} unverifiable")
    return f"{stem} · {' '.join(parts)}"


def run_tags(stem: str, source: str, lang: str, *extra: str) -> list[str]:
    """The tags marketfact puts on its flow runs."""
    return ["marketfact", f"claims:{stem}", f"source:{source}", f"lang:{lang}", *extra]


def _current_flow_run() -> Any:
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    return context.flow_run if context is not None else None


def label_flow_run(name: str, tags: Iterable[str]) -> None:
    """Name the current flow run and add ``tags`` to its own (a deployment's); a failure is only logged."""
    flow_run = _current_flow_run()
    if flow_run is None:
        return
    merged = list(dict.fromkeys([*(flow_run.tags or []), *tags]))
    try:
        from prefect.client.orchestration import get_client

        with get_client(sync_client=True) as client:
            client.update_flow_run(flow_run.id, name=name, tags=merged)
    except Exception as exc:  # naming is a courtesy: the check goes on without it
        logger.warning("could not name the flow run %s: %s", flow_run.id, exc)
        return
    flow_run.name, flow_run.tags = name, merged  # events related to the run carry the new tags


def rename_flow_run(name: str) -> None:
    """Give the current flow run its final name; a failure is only logged."""
    flow_run = _current_flow_run()
    if flow_run is None:
        return
    try:
        from prefect.client.orchestration import get_client

        with get_client(sync_client=True) as client:
            client.set_flow_run_name(flow_run.id, name)
    except Exception as exc:
        logger.warning("could not rename the flow run %s: %s", flow_run.id, exc)
        return
    flow_run.name = name


def _run_resource(run: RunReport, stem: str, title: str) -> dict[str, str]:
    return {
        "prefect.resource.id": f"marketfact.run.{run.run_id}",
        "prefect.resource.name": title,
        "marketfact.claims-file": stem,
    }


def claim_failed_events(
    run: RunReport, stem: str, title: str, report: str | None, limit: int = MAX_CLAIM_EVENTS
) -> list[dict[str, Any]]:
    """The ``marketfact.claim.failed`` events of a run (keyword arguments of ``emit_event``), in claim order."""
    events: list[dict[str, Any]] = []
    claims: Mapping[str, Any] | None = None  # by id, made once: run.claim scans every claim (100 000 a call)
    for verdict in first_with_outcome(run.verdicts, "fail", limit):
        claims = claims if claims is not None else run.claims_by_id()
        claim = claims[verdict.claim_id]
        events.append(
            {
                "event": CLAIM_FAILED,
                "resource": {
                    "prefect.resource.id": f"marketfact.claim.{stem}.{verdict.claim_id}",
                    "prefect.resource.name": verdict.claim_id,
                    "marketfact.claims-file": stem,
                    "marketfact.label": verdict.label.value,
                },
                "related": [{**_run_resource(run, stem, title), "prefect.resource.role": "marketfact-run"}],
                "payload": {
                    "claim_id": verdict.claim_id,
                    "label": verdict.label.value,
                    "text": claim.text,
                    "claimed": verdict.claimed,
                    "measured": verdict.measured,
                    "unit": verdict.unit,
                    "explanation": verdict.explanation,
                    "run_id": run.run_id,
                    "claims_file": run.claims_file,
                    "report": report,
                },
            }
        )
    return events


def run_completed_event(
    run: RunReport, stem: str, title: str, report: str | None, fail_on: str | None, events_sent: int
) -> dict[str, Any]:
    """The ``marketfact.run.completed`` event of a run (keyword arguments of ``emit_event``)."""
    counts = run.counts()
    return {
        "event": RUN_COMPLETED,
        "resource": _run_resource(run, stem, title),
        "payload": {
            "run_id": run.run_id,
            "claims_file": run.claims_file,
            "counts": counts,
            "report": report,
            "fail_on": fail_on,
            "gate": "tripped" if exit_code_for(run, fail_on) else "passed",
            "claim_failed_events": events_sent,
            "claim_failed_events_left_out": counts["fail"] - events_sent,
        },
    }


def emit_run_events(run: RunReport, stem: str, title: str, report: str | None, fail_on: str | None) -> int:
    """Send the run's events to Prefect (the failed claims', then the run's); how many claim events were sent."""
    failed = claim_failed_events(run, stem, title, report)
    for kwargs in failed:
        emit_event(**kwargs)
    emit_event(**run_completed_event(run, stem, title, report, fail_on, len(failed)))
    return len(failed)


def final_state(run: RunReport, fail_on: str | None, result: object, unconfirmed: Collection[str] = ()) -> State[Any]:
    """Completed, or Failed when the ``--fail-on`` gate trips; either holds ``result`` (the CLI reads it).

    Claims whose ids are in ``unconfirmed`` (read with low confidence, not confirmed) never trip the gate."""
    if not exit_code_for(run, fail_on, unconfirmed):
        return Completed(data=result)
    counts = run.counts()
    failed = [v.claim_id for v in run.verdicts if v.claim_id not in unconfirmed and (v.outcome == "fail" or (
        fail_on == "unverifiable" and v.outcome == "unverifiable"))]  # fmt: skip
    shown = ", ".join(failed[:5]) + (f" and {len(failed) - 5} more" if len(failed) > 5 else "")
    what = "failed" if fail_on == "fail" else "failed or unverifiable"
    return Failed(
        message=f"--fail-on {fail_on}: {len(failed)} of {counts['total']} claim(s) {what}: {shown}", data=result
    )


def flow_result(state: State[Any]) -> Any:
    """What a flow called with ``return_state=True`` returned, whether it ended Completed or Failed by the
    gate; the exception of a run that failed for any other reason is raised."""
    data = state.result(raise_on_failure=False)
    if isinstance(data, BaseException):
        raise data
    return data


def stem_of(path: str | Path) -> str:
    """The name a file gives its runs: its stem (``examples/deepseek-2025-01.yaml`` → ``deepseek-2025-01``)."""
    return Path(path).stem or str(path)
