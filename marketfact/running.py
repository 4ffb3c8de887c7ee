"""Running a check's flow from the command and showing what it found: ``run_flow``, ``run_sharded``,
``run_article_flow``, ``finish``."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

import click

from marketfact.console import Output, echo_verdicts
from marketfact.errors import one_line
from marketfact.group import input_error
from marketfact.preflight import checked_history_url
from marketfact.settings import Settings
from marketfact.startup import exit_for, ready

KEPT_DURING_RUN = (
    "earlier reports in {out} and the verdict history's earlier runs are intact; whatever this run wrote is "
    "marked incomplete in the index"
)


def finish(
    result: Mapping[str, Any],
    fail_on: str | None,
    output: Output,
    unsure: Mapping[str, float] | None = None,
    confirm_below: float = 0.8,
) -> NoReturn:
    """Print the verdicts; a history that could not be updated is said last (exit 2/3, reports kept).

    ``unsure``: claim id → confidence of readings under ``confirm_below`` (check-article); they are listed as
    "reading uncertain — confirm", counted apart, and left out of the --fail-on gate.
    """
    echo_verdicts(result, output)
    if unsure and not output.quiet:
        from marketfact.claims.extract.calibration import uncertain_lines
        from marketfact.reports.i18n import Formatter
        from marketfact.reports.uncertain import uncertain_reasons

        extraction = result.get("extraction")
        readings = extraction.claims if extraction is not None else ()
        reasons = {r.claim_id: uncertain_reasons(r.inferred, Formatter("en")) for r in readings}
        for line in uncertain_lines(dict(unsure), confirm_below, reasons):
            click.echo(line, err=output.format == "jsonl")
    problem = result.get("history_error")
    if problem:
        click.echo(f"error: {one_line(problem['message'])} (the reports above were written)", err=True)
        sys.exit(problem["exit_code"])
    exit_for(result["run"], fail_on, set(unsure or ()))


def run_flow(
    settings: Settings,
    claims_file: Path,
    out_dir: Path | None,
    source: str | None,
    lang: str | None,
    task_runner: str = "threads",
    dask_address: str | None = None,
    n_claims: int = 0,
    max_claims: int | None = None,
    *,
    fail_on: str | None = None,
    report_base_url: str | None = None,
) -> Mapping[str, Any]:
    """Run the verify-claims flow; call it inside ``prefect_session``. With ``fail_on`` the flow run ends Failed when
    the gate trips; its result (reports written, history recorded) is returned all the same."""
    from marketfact.flows.runmeta import flow_result
    from marketfact.flows.verify import (  # Prefect and the project, while the server boots
        MAX_CHARTED_CLAIMS,
        with_task_runner,
    )

    out = out_dir or settings.out_dir
    flow = with_task_runner(task_runner, dask_address)
    ready(charts=n_claims <= MAX_CHARTED_CLAIMS, tasks_here=task_runner == "threads")
    state = flow(
        claims_path=str(claims_file),
        out_dir=str(out),
        history_url=checked_history_url(settings, out),
        source=source or settings.source,
        lang=lang or settings.lang,
        snapshot_dir=str(settings.snapshot_dir),
        cache_dir=str(settings.cache_dir),
        **({"max_claims": max_claims} if max_claims else {}),
        fail_on=fail_on,
        report_base_url=report_base_url,
        return_state=True,
    )
    return flow_result(state)  # type: ignore[no-any-return]


def run_sharded(
    settings: Settings,
    claims_file: Path,
    out_dir: Path | None,
    source: str | None,
    lang: str | None,
    task_runner: str,
    dask_address: str | None,
    shards: int,
    one_at_a_time: bool = False,
) -> Mapping[str, Any]:
    """Run the verify-claims-sharded flow (flows.shards); call it inside ``prefect_session``.

    ``one_at_a_time``: on Prefect's threads, the shards run one after the other (the automatic shards of a
    large file: their memory is not added up in one process)."""
    from marketfact.flows.shards import with_task_runner

    flow = with_task_runner(task_runner, dask_address, one_at_a_time=one_at_a_time)
    return flow(  # type: ignore[no-any-return]
        claims_path=str(claims_file),
        shards=shards,
        out_dir=str(out_dir or settings.out_dir),
        source=source or settings.source,
        lang=lang or settings.lang,
        snapshot_dir=str(settings.snapshot_dir),
        cache_dir=str(settings.cache_dir),
    )


def run_article_flow(
    settings: Settings,
    article: Path,
    published: str | None,
    out: Path,
    *,
    lang: str,
    source: str | None,
    report_lang: str | None,
    alias_files: tuple[Path, ...],
    online: bool,
    history_url: str,
    fail_on: str | None,
    report_base_url: str | None,
    confirm_below: float,
    n_claims: int,
) -> Mapping[str, Any]:
    """Run the check-article flow; call it inside ``prefect_session``. An extraction error that only the online
    search meets (the offline preview had passed) is the user's: one line and exit 2."""
    from marketfact.claims.extract import ExtractionError
    from marketfact.flows.article import check_article
    from marketfact.flows.runmeta import flow_result
    from marketfact.flows.verify import MAX_CHARTED_CLAIMS

    ready(charts=n_claims <= MAX_CHARTED_CLAIMS)
    try:
        return flow_result(check_article(  # type: ignore[no-any-return]
            article_path=str(article),
            published=str(published),
            out_dir=str(out),
            lang=lang,
            source=source or settings.source,
            report_lang=report_lang or settings.lang,
            aliases=[str(p) for p in alias_files],
            online=online,
            snapshot_dir=str(settings.snapshot_dir),
            cache_dir=str(settings.cache_dir),
            history_url=history_url,
            fail_on=fail_on,
            report_base_url=report_base_url,
            confirm_below=confirm_below,
            return_state=True,
        ))  # fmt: skip
    except ExtractionError as exc:
        input_error(str(exc))
