"""Serve the scheduled re-checks: one deployment of ``verify-claims`` per entry of the schedule file."""

from __future__ import annotations

from prefect import serve
from prefect.schedules import Cron

from marketfact.flows.schedules import ScheduleFile
from marketfact.flows.verify import verify_claims


class ServerNotRunningError(Exception):
    """No Prefect server answers; the message says how to start one."""


START_HINT = (
    "start one with `prefect server start` (UI and API on http://127.0.0.1:4200), then "
    "`export PREFECT_API_URL=http://127.0.0.1:4200/api` in this shell"
)


def require_server() -> str:
    """The API URL of a running Prefect server, or ``ServerNotRunningError`` with the command to start it."""
    import httpx
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        raise ServerNotRunningError(
            f"serving schedules needs a Prefect server and PREFECT_API_URL is not set: {START_HINT}"
        )
    try:
        httpx.get(f"{url.rstrip('/')}/health", timeout=3).raise_for_status()
    except httpx.HTTPError as exc:
        raise ServerNotRunningError(
            f"no Prefect server answers at {url} ({type(exc).__name__}): {START_HINT}"
        ) from None
    return url


def deployments(schedule: ScheduleFile):  # type: ignore[no-untyped-def]
    """The RunnerDeployments the schedule file describes (time-zone aware cron schedules)."""
    result = []
    for d in schedule.deployments:
        cron, zone = d.cron_and_zone()
        result.append(
            verify_claims.to_deployment(
                name=d.name,
                schedules=[Cron(cron, timezone=zone)],
                parameters=schedule.parameters(d),
                description=f"Re-check {d.claims} ({cron}, {zone})",
                tags=["marketfact"],
            )
        )
    return result


def serve_schedule(schedule: ScheduleFile, limit: int | None = None) -> None:
    """Register the deployments with the server and run their flow runs here until interrupted."""
    require_server()
    serve(*deployments(schedule), limit=limit, print_starting_message=True)
