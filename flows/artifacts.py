"""Prefect artifacts of a run: the verdict table, a markdown summary, and a link to the HTML report."""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from marketfact.checks.runreport import RunReport
from marketfact.reports.summary import markdown_summary, verdict_rows


@task(name="publish-artifacts", cache_policy=NO_CACHE)
def publish_artifacts(run: RunReport, html_report: str | None) -> None:
    """Attach the run's verdicts to the flow run, for the Prefect UI."""
    link = Path(html_report).resolve().as_uri() if html_report else None
    create_table_artifact(verdict_rows(run), key="marketfact-verdicts", description="Verdict per claim")
    create_markdown_artifact(markdown_summary(run, link), key="marketfact-summary", description="Run summary")
    if link:
        create_link_artifact(link, link_text="HTML report", key="marketfact-report", description=run.run_id)
