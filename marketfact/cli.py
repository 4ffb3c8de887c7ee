"""The ``marketfact`` command: one group, one subcommand per job.

    marketfact check examples/deepseek-2025-01.yaml      verify a claim file, write HTML + JSON reports
    marketfact extract ARTICLE --published TIME          extract an article's claims into a claim file
    marketfact check-article ARTICLE --published TIME    extract and verify in one run, article in the report
    marketfact web                                       the review desk in the browser (http://127.0.0.1:8765)

Run ``marketfact COMMAND --help`` for each command's options. A user's mistake (a bad file, an unknown
field, no data) is a message and an exit code, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from marketfact.console import Output, echo_verdicts, note, output_options, progress, quiet_prefect
from marketfact.errors import EXIT_GATE, EXIT_USER, one_line, terminal_safe
from marketfact.group import CommandGroup, Stage, input_error
from marketfact.options import (
    FILE_PATH,
    PATH,
    aliases_options,
    article_lang_option,
    config_option,
    out_option,
    published_option,
    source_option,
)
from marketfact.preflight import checked_history_url, checked_report_base_url, require_snapshot, writable_out
from marketfact.settings import Settings
from marketfact.startup import exit_for, prefect_session, ready

if TYPE_CHECKING:  # imported lazily: the extractor costs about a second to import
    from marketfact.claims.extract import Extraction

EXIT_FILE_ERROR = EXIT_USER

__all__ = ["EXIT_GATE", "main"]


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj if isinstance(ctx.obj, Settings) else Settings()


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="marketfact")
@click.option("--debug", is_flag=True, help="On an error, print the traceback here instead of to a log file.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Fact-check claims about market moves against real market data.

    Claims come from a YAML/JSON file; prices from the shipped snapshot (offline) or yfinance; every
    frame a verdict rests on is validated with Great Expectations; verdicts go to an HTML report for
    people and a JSON report for machines. Settings: environment variables MARKETFACT_* (see README).

    Exit codes: 0 done, 1 --fail-on tripped, 2 a problem with your input or settings, 3 a problem with the
    environment (disk, database, network) or marketfact itself, 130 interrupted.
    """
    Stage.debug = debug
    ctx.obj = Settings()


@main.command()
@click.argument("claims_file", type=PATH)
@out_option
@source_option
@click.option("--lang", type=click.Choice(["en", "de"]), help="Report language and number format [default: en].")
@click.option(
    "--fail-on",
    type=click.Choice(["fail", "unverifiable"]),
    help="Exit 1 when any claim fails (fail), or fails or cannot be verified (unverifiable).",
)
@click.option(
    "--task-runner",
    type=click.Choice(["threads", "dask"]),
    default="threads",
    show_default=True,
    help="dask: run tasks on a Dask cluster (a local one of 2 workers, or --dask-address).",
)
@click.option("--dask-address", help="Address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786.")
@output_options
@click.option(
    "--max-claims",
    type=click.IntRange(min=1),
    help="Accept a claim file of up to this many claims (and its size) [default: 100000].",
)
@click.option(
    "--report-base-url",
    metavar="URL",
    help="The http(s) URL where the report folder is served: the Prefect UI links the run's report "
    "[default: MARKETFACT_REPORT_BASE_URL].",
)
@click.option(
    "--shards",
    type=click.IntRange(min=0),
    default=0,
    help="Check the claims in N shards by instrument, one task each (side by side on a Dask cluster); "
    "verdicts go to Parquet files, the page shows a digest (docs/scale.md). 0: one run [default].",
)
@click.pass_context
def check(
    ctx: click.Context,
    claims_file: Path,
    out_dir: Path | None,
    source: str | None,
    lang: str | None,
    fail_on: str | None,
    task_runner: str,
    dask_address: str | None,
    verbose: bool,
    quiet: bool,
    output_format: str,
    max_claims: int | None,
    report_base_url: str | None,
    shards: int,
) -> None:
    """Verify the claims of CLAIMS_FILE and write the reports.

    Runs the Prefect flow ``verify-claims`` (with a temporary local Prefect server unless
    PREFECT_API_URL points at one), prints each verdict with its reason, the counts and where the
    reports are. Verdicts are coloured on a terminal (not when piped, nor with NO_COLOR set).
    """
    from marketfact.claims.load import MAX_CLAIMS, ClaimFileError, load_claims

    settings = _settings(ctx)
    base_url = checked_report_base_url(report_base_url, settings)
    try:
        claims = load_claims(claims_file, max_claims or MAX_CLAIMS)  # fail fast, before Prefect starts (≈0.05 s)
    except ClaimFileError as exc:
        input_error(exc.first_line, details=exc.problems[1:])
    out = writable_out(out_dir or settings.out_dir)
    checked_history_url(settings, out)
    require_snapshot(settings, source)
    output = Output(verbose, quiet, output_format)
    note(f"Checking {len(claims.claims)} claim(s) from {claims_file} …", output)
    Stage.kept = _KEPT_DURING_RUN.format(out=out)
    quiet_prefect(output)
    if shards:
        with prefect_session(settings):
            result = _run_sharded(settings, claims_file, out, source, lang, task_runner, dask_address, shards)
        counts = result["counts"]
        click.echo(f"{counts['pass']} pass, {counts['fail']} fail, {counts['unverifiable']} unverifiable")
        for kind, path in result["paths"].items():
            click.echo(f"{kind} report: {path}")
        exit_for(result["run"], fail_on)
    with prefect_session(settings):  # Prefect's temporary server boots on the other core from here on
        n = len(claims.claims)
        with progress(n, output):
            result = _run_flow(
                settings, claims_file, out, source, lang, task_runner, dask_address, n, max_claims,
                fail_on=fail_on, report_base_url=base_url,
            )  # fmt: skip
    _finish(result, fail_on, output)


_KEPT_DURING_RUN = (
    "earlier reports in {out} and the verdict history's earlier runs are intact; whatever this run wrote is "
    "marked incomplete in the index"
)


def _finish(
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

        for line in uncertain_lines(dict(unsure), confirm_below):
            click.echo(line, err=output.format == "jsonl")
    problem = result.get("history_error")
    if problem:
        click.echo(f"error: {one_line(problem['message'])} (the reports above were written)", err=True)
        sys.exit(problem["exit_code"])
    exit_for(result["run"], fail_on, set(unsure or ()))


def _run_flow(
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


def _run_sharded(
    settings: Settings,
    claims_file: Path,
    out_dir: Path | None,
    source: str | None,
    lang: str | None,
    task_runner: str,
    dask_address: str | None,
    shards: int,
) -> Mapping[str, Any]:
    """Run the verify-claims-sharded flow (flows.shards); call it inside ``prefect_session``."""
    from marketfact.flows.shards import with_task_runner

    flow = with_task_runner(task_runner, dask_address)
    return flow(  # type: ignore[no-any-return]
        claims_path=str(claims_file),
        shards=shards,
        out_dir=str(out_dir or settings.out_dir),
        source=source or settings.source,
        lang=lang or settings.lang,
        snapshot_dir=str(settings.snapshot_dir),
        cache_dir=str(settings.cache_dir),
    )


def _extract_or_exit(
    article: Path, published: str | None, lang: str, alias_files: tuple[Path, ...], online: bool
) -> Extraction:
    """Extract ARTICLE's claims; a user's mistake becomes one line on stderr and exit code 2."""
    from marketfact.claims.extract import AliasFileError, AliasTable, ExtractionError, extract_file, yahoo_searcher

    try:
        aliases = None
        if alias_files or online:
            aliases = AliasTable.load(*alias_files, searcher=yahoo_searcher() if online else None)
        return extract_file(article, published, lang, aliases)
    except (ExtractionError, AliasFileError) as exc:
        input_error(str(exc))


def _claim_lines(extraction: Extraction) -> list[str]:
    """One line per extracted claim: id, instrument, the claim in words, confidence."""
    lines = []
    for claim, reading in zip(extraction.claims, extraction.readings, strict=True):
        lines.append(
            f"claim {claim.id:<16} {claim.instrument or '?':<8} {claim.text} "
            f"(sentence {reading.sentence_index + 1}, confidence {reading.confidence:.2f})"
        )
    return lines


@main.command()
@click.argument("article", type=PATH)
@published_option
@article_lang_option
@click.option(
    "-o", "--out", "out_file", type=FILE_PATH,
    help="Write the claim file here [default: print it to stdout].",
)  # fmt: skip
@aliases_options
def extract(
    article: Path, published: str | None, lang: str, out_file: Path | None, alias_files: tuple[Path, ...], online: bool
) -> None:
    """Extract the market claims of ARTICLE into a claim file for `marketfact check`.

    ARTICLE is plain text or Markdown, German or English. Each claim keeps its sentence, its character
    span, the words that set its hedge, period and direction, and notes where the reading was uncertain.
    The claims found, the numbers that are not market claims (with the reason) and the names that could
    not be resolved (with candidates) are listed on stderr and as comments at the top of the file.
    Bad input (empty, binary, another language, a missing or malformed --published) exits with code 2.
    """
    from marketfact.claims.extract import ExtractionError

    extraction = _extract_or_exit(article, published, lang, alias_files, online)
    click.echo(
        f"{len(extraction.claims)} claim(s) found in {article} ({extraction.language}, "
        f"published {extraction.published_at.isoformat()})",
        err=True,
    )
    for line in _claim_lines(extraction) + extraction.report_lines():
        click.echo(line, err=True)
    try:
        if out_file is None:
            click.echo(extraction.to_yaml(origin=str(article)), nl=False)
        else:
            extraction.write(out_file, origin=str(article))
            click.echo(f"wrote {out_file}; check it with: marketfact check {out_file}", err=True)
    except ExtractionError as exc:  # no claim at all: there is no claim file to write
        input_error(str(exc))
    except OSError as exc:
        input_error(f"cannot write {out_file}: {exc.strerror or exc}")


@main.command("check-article")
@click.argument("article", type=PATH)
@published_option
@article_lang_option
@out_option
@click.option("--report-lang", type=click.Choice(["en", "de"]), help="Report language and number format [default: en].")
@source_option
@click.option(
    "--fail-on",
    type=click.Choice(["fail", "unverifiable"]),
    help="Exit 1 when any claim fails (fail), or fails or cannot be verified (unverifiable).",
)
@click.option(
    "--confirm-below", type=click.FloatRange(0.0, 1.0), default=0.8, show_default=True,
    help="Claims read with a lower confidence are listed as 'reading uncertain — confirm'; --fail-on skips them.",
)  # fmt: skip
@aliases_options
@output_options
@click.option(
    "--report-base-url",
    metavar="URL",
    help="The http(s) URL where the report folder is served: the Prefect UI links the run's report "
    "[default: MARKETFACT_REPORT_BASE_URL].",
)
@click.pass_context
def check_article(
    ctx: click.Context,
    article: Path,
    published: str | None,
    lang: str,
    out_dir: Path | None,
    report_lang: str | None,
    source: str | None,
    fail_on: str | None,
    confirm_below: float,
    alias_files: tuple[Path, ...],
    online: bool,
    verbose: bool,
    quiet: bool,
    output_format: str,
    report_base_url: str | None,
) -> None:
    """Extract the claims of ARTICLE and verify them in one Prefect flow.

    Runs the flow ``check-article``: an extract task, then the tasks of ``verify-claims``. It writes the
    same HTML and JSON reports as `marketfact check`; the HTML report also shows the article with each
    checked sentence marked by its verdict, the claims found, the numbers that are not market claims and
    the names that could not be resolved. The extracted claim file is kept next to the report
    (<out>/<run>/claims.yaml), so `marketfact check` can re-check it.
    """
    settings = _settings(ctx)
    base_url = checked_report_base_url(report_base_url, settings)
    # fail fast, before Prefect starts: the same extraction the flow runs, offline (no search twice)
    preview = _extract_or_exit(article, published, lang, alias_files, False)
    if not preview.claims and not online:
        for line in preview.report_lines():
            click.echo(line, err=True)
        input_error(f"no checkable market claim found in {article}")
    output = Output(verbose, quiet, output_format)
    note(f"Extracting and checking the claims of {article} …", output)
    from marketfact.claims.extract import ExtractionError

    out = writable_out(out_dir or settings.out_dir)
    history_url = checked_history_url(settings, out)
    require_snapshot(settings, source)
    Stage.kept = _KEPT_DURING_RUN.format(out=out)
    quiet_prefect(output)
    # Prefect's temporary server boots on the other core from here on
    with prefect_session(settings), progress(len(preview.claims), output):
        from marketfact.flows.article import check_article as check_article_flow
        from marketfact.flows.runmeta import flow_result
        from marketfact.flows.verify import MAX_CHARTED_CLAIMS

        ready(charts=len(preview.claims) <= MAX_CHARTED_CLAIMS)
        try:
            result = flow_result(check_article_flow(
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
                report_base_url=base_url,
                confirm_below=confirm_below,
                return_state=True,
            ))  # fmt: skip
        except ExtractionError as exc:  # only with --online: what the offline preview could not foresee
            input_error(str(exc))
    if not output.quiet:
        for line in result["report_lines"]:
            click.echo(line, err=True)
    from marketfact.claims.extract.calibration import uncertain

    _finish(result, fail_on, output, uncertain(result["extraction"].claims, confirm_below), confirm_below)


_LABELS = ("CORRECT", "MOSTLY_CORRECT", "MISLEADING", "INCORRECT", "UNVERIFIABLE")
_OUTCOMES = {
    "pass": ("CORRECT", "MOSTLY_CORRECT"),
    "fail": ("MISLEADING", "INCORRECT"),
    "unverifiable": ("UNVERIFIABLE",),
}
_SINCE_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


@main.command()
@click.argument("claim", required=False)
@click.option("-o", "--out", "out_dir", type=PATH, help="Report folder whose history to read.")
@click.option("--runs", is_flag=True, help="List the recorded runs instead of claims.")
@click.option(
    "--verdict", "verdicts", multiple=True, type=click.Choice([*_LABELS, *_OUTCOMES], case_sensitive=False),
    help="Only claims whose latest verdict is this (a label, or pass / fail / unverifiable); repeatable. "
    "With CLAIM: only its checks with this verdict.",
)  # fmt: skip
@click.option(
    "--since", type=click.DateTime(_SINCE_FORMATS), metavar="DATE",
    help="Only checks in runs started on or after DATE (UTC), e.g. 2025-01-27 or 2025-01-27T16:00.",
)  # fmt: skip
@click.option(
    "--limit", type=click.IntRange(min=0), default=50, show_default=True,
    help="Show at most this many claims (newest first), or a claim's newest checks; 0 for all.",
)  # fmt: skip
@click.pass_context
def history(
    ctx: click.Context,
    claim: str | None,
    out_dir: Path | None,
    runs: bool,
    verdicts: tuple[str, ...],
    since: datetime | None,
    limit: int,
) -> None:
    """Show the verdict history: the latest verdict of each claim, or every check of CLAIM.

    CLAIM is a claim id (matched exactly first) or a claim hash or a prefix of it (4 hex digits or
    more). Claims are keyed by what they assert, so the wordings of one claim ("on Monday", "am Montag",
    2025-01-27) share one history and any of their ids finds it.
    """
    from marketfact.history import HistoryError, HistoryStore, SchemaNotReadyError, format_history, format_runs
    from marketfact.history.engine import SCHEMA_HEAD

    settings = _settings(ctx)
    url = settings.history_for(out_dir or settings.out_dir)
    labels = {label for v in verdicts for label in _OUTCOMES.get(v.lower(), (v.upper(),))}
    when = since.replace(tzinfo=UTC) if since is not None else None
    try:
        with HistoryStore(url) as store:
            if store.current_revision() not in (None, SCHEMA_HEAD):
                store.upgrade()  # a history an older marketfact wrote: migrated as the next check would
            if runs:
                click.echo(terminal_safe(format_runs(store.runs(limit or 1_000_000)).rstrip("\n")))
                return
            rows = store.history(claim, labels=labels, since=when, limit=limit or None)
            # terminal_safe: claim texts recorded by older versions may hold escape sequences
            click.echo(terminal_safe(format_history(rows, claim).rstrip("\n")))
            if not rows and (labels or when):
                click.echo("(none matched --verdict/--since)")
            if claim is None and limit and len(rows) == limit:
                total = store.count_claims(labels=labels, since=when)
                if total > limit:
                    click.echo(f"… {limit} of {total} claims shown, most recently checked first; --limit 0 shows all")
    except SchemaNotReadyError:
        click.echo(f"No verdict history at {url} yet: `marketfact check FILE` records one.", err=True)
        sys.exit(EXIT_FILE_ERROR)
    except HistoryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FILE_ERROR)
    except Exception as exc:
        if not type(exc).__module__.startswith("sqlalchemy"):
            raise
        from marketfact.history.problems import history_problem

        if Stage.debug:
            import traceback

            traceback.print_exception(exc)
        code, line = history_problem(exc, url)
        click.echo(f"error: {one_line(line)}", err=True)
        sys.exit(code)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--token", metavar="TOKEN",
    help="Required for any host but loopback [default: MARKETFACT_WEB_TOKEN]. Open /?token=TOKEN once per browser.",
)  # fmt: skip
@click.option("--allow-host", "allowed_hosts", multiple=True, metavar="NAME", help="Another host name to answer to.")
@out_option
@click.pass_context
def web(
    ctx: click.Context, host: str, port: int, token: str | None, allowed_hosts: tuple[str, ...], out_dir: Path | None
) -> None:
    """Serve the review desk: paste an article, confirm its claims, check them, read the report.

    Pages at http://HOST:PORT/ (forms only, no script needed, English and German), a JSON API at
    POST /api/check-article and GET /api/runs/RUN_ID. Checks run the check-article flow through Prefect (its
    temporary server, or PREFECT_API_URL's), one at a time. Listens on loopback by default; any other host needs
    a token of at least 16 characters.
    """
    from marketfact.web.guard import is_loopback

    settings = _settings(ctx)
    token = token or settings.web_token
    if not is_loopback(host):
        if not token:
            input_error(f"--host {host} is not loopback: give --token (or MARKETFACT_WEB_TOKEN) to protect the desk")
        if len(token) < 16:
            input_error("the token is too short: use at least 16 characters, e.g. from secrets.token_urlsafe()")
    import uvicorn

    from marketfact.web.app import DeskConfig, create_app
    from marketfact.web.guard import GuardConfig

    out = out_dir or settings.out_dir
    guard = GuardConfig(bind_host=host, token=token or None, allowed_hosts=allowed_hosts)
    app = create_app(DeskConfig(settings=settings, out_dir=out, guard=guard))
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"marketfact desk on http://{shown}:{port}/ (reports in {out}); Ctrl+C stops it", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)


@main.command("index")
@out_option
@click.option(
    "--lang", type=click.Choice(["en", "de"]), default="en", show_default=True, help="The index page's language."
)
@click.pass_context
def index(ctx: click.Context, out_dir: Path | None, lang: str) -> None:
    """Rewrite the index of runs in LANG; it keeps that language whatever language later runs report in."""
    from marketfact.reports import write_index

    path = write_index(out_dir or _settings(ctx).out_dir, lang)
    click.echo(f"index report: {path}")


def _schedule_or_exit(config: Path):  # type: ignore[no-untyped-def]
    """The validated schedule file, or its errors (key and problem) and exit code 2."""
    from marketfact.flows.schedules import ScheduleConfigError, load_schedule

    try:
        return load_schedule(config)
    except ScheduleConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FILE_ERROR)


@main.command()
@config_option("The schedule file: which claim files to re-check, after which exchange's close.")
@click.option("--limit", type=int, help="At most this many flow runs at once.")
@click.pass_context
def serve(ctx: click.Context, config: Path, limit: int | None) -> None:
    """Serve the scheduled re-checks of the schedule file on a running Prefect server.

    Needs PREFECT_API_URL pointing at a server (`prefect server start`). Runs until interrupted; trigger a
    run by hand with `prefect deployment run 'verify-claims/<name>'`.
    """
    schedule = _schedule_or_exit(config)
    from marketfact.flows.runtime import configure_prefect

    configure_prefect(_settings(ctx).prefect_home)
    from marketfact.flows.serve import ServerNotRunningError, serve_schedule

    try:
        serve_schedule(schedule, limit)
    except ServerNotRunningError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FILE_ERROR)


@main.command()
@config_option("The schedule file to translate.")
@click.option("--work-pool", default="marketfact", show_default=True, help="The work pool the deployments use.")
@click.option("-o", "--output", type=PATH, default=Path("prefect.yaml"), show_default=True)
def deployments(config: Path, work_pool: str, output: Path) -> None:
    """Write prefect.yaml: the schedule file's deployments, for `prefect deploy` to a work pool."""
    import yaml

    from marketfact.flows.schedules import prefect_yaml

    schedule = _schedule_or_exit(config)
    header = f"# Generated by `marketfact deployments` from {config.name}; edit that file, not this one.\n"
    output.write_text(header + yaml.safe_dump(prefect_yaml(schedule, work_pool), sort_keys=False), encoding="utf-8")
    click.echo(f"wrote {output} ({len(schedule.deployments)} deployments, work pool {work_pool!r})")


if __name__ == "__main__":
    main()
