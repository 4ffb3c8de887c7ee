"""Prefect artifacts of a run: the verdict table, a markdown summary, and where the HTML report is.

Created in the flow's body, not in a task: they belong to the flow run (the UI's Artifacts tab names the flow
run, and the flow run's page lists them). The report is a link artifact only when the report folder is served
over http (``--report-base-url`` / ``MARKETFACT_REPORT_BASE_URL``): a ``file://`` link opens nowhere from the
Prefect UI, so without one the artifact is markdown giving the report's path.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urljoin

from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

from marketfact.checks.runreport import RunReport
from marketfact.reports.summary import markdown_summary, verdict_rows


def report_url(base_url: str | None, html_report: str | None, out_dir: str | Path) -> str | None:
    """The http(s) URL of the run's report.html: ``base_url`` (where ``out_dir`` is served) joined with the
    report's path under ``out_dir``; None without a base URL, or for a report outside ``out_dir``."""
    if not base_url or not html_report:
        return None
    try:
        relative = Path(html_report).relative_to(out_dir)
    except ValueError:
        return None
    base = base_url if base_url.endswith("/") else base_url + "/"
    return urljoin(base, quote(relative.as_posix()))


def publish_artifacts(run: RunReport, html_report: str | None, url: str | None) -> None:
    """Attach the run's verdicts and its report to the flow run, for the Prefect UI; call in a flow's body."""
    create_table_artifact(verdict_rows(run), key="marketfact-verdicts", description="Verdict per claim")
    create_markdown_artifact(
        markdown_summary(run, url, report_path=html_report), key="marketfact-summary", description="Run summary"
    )
    if url:
        create_link_artifact(url, link_text="HTML report", key="marketfact-report", description=run.run_id)
    elif html_report:
        create_markdown_artifact(
            f"HTML report of run `{run.run_id}`: `{html_report}` on the machine that ran the check.\n\n"
            "Set `MARKETFACT_REPORT_BASE_URL` (or `--report-base-url`) to the http URL where the report "
            "folder is served to get a link here.",
            key="marketfact-report",
            description=run.run_id,
        )
