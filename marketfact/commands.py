"""The commands around the checks: ``history``, ``index``, ``web``, ``serve`` and ``deployments``.

``marketfact.cli`` adds them to its group; each imports what it needs when it runs.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from marketfact.errors import EXIT_USER, one_line, terminal_safe
from marketfact.group import Stage, input_error, settings_of
from marketfact.options import PATH, config_option, out_option

EXIT_FILE_ERROR = EXIT_USER

_LABELS = ("CORRECT", "MOSTLY_CORRECT", "MISLEADING", "INCORRECT", "UNVERIFIABLE")
_OUTCOMES = {
    "pass": ("CORRECT", "MOSTLY_CORRECT"),
    "fail": ("MISLEADING", "INCORRECT"),
    "unverifiable": ("UNVERIFIABLE",),
}
_SINCE_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


@click.command()
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

    settings = settings_of(ctx)
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


@click.command()
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

    settings = settings_of(ctx)
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


@click.command("index")
@out_option
@click.option(
    "--lang", type=click.Choice(["en", "de"]), default="en", show_default=True, help="The index page's language."
)
@click.pass_context
def index(ctx: click.Context, out_dir: Path | None, lang: str) -> None:
    """Rewrite the index of runs in LANG; it keeps that language whatever language later runs report in."""
    from marketfact.reports import write_index

    path = write_index(out_dir or settings_of(ctx).out_dir, lang)
    click.echo(f"index report: {path}")


def _schedule_or_exit(config: Path):  # type: ignore[no-untyped-def]
    """The validated schedule file, or its errors (key and problem) and exit code 2."""
    from marketfact.flows.schedules import ScheduleConfigError, load_schedule

    try:
        return load_schedule(config)
    except ScheduleConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FILE_ERROR)


@click.command()
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

    configure_prefect(settings_of(ctx).prefect_home)
    from marketfact.flows.serve import ServerNotRunningError, serve_schedule

    try:
        serve_schedule(schedule, limit)
    except ServerNotRunningError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FILE_ERROR)


@click.command()
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


COMMANDS = (history, index, web, serve, deployments)
