"""The terminal side of ``marketfact check`` and ``check-article``: what is printed, in which colours, how loud.

* **Verdicts** one per line with their reason (``reports.terminal``), coloured by verdict when standard output
  is a terminal and ``NO_COLOR`` is not set (https://no-color.org); ``--format jsonl`` prints one JSON object
  per claim on standard output instead, and the rest (counts, report paths) on standard error.
* **Prefect's log lines**: its console handler shows warnings and errors only, unless ``--verbose``
  (``PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL``, Prefect's own override of its logging.yml). Only the console is
  quieted: the run's INFO logs still reach the Prefect API and its UI. A level the user set wins, except
  under ``--verbose`` or ``--quiet``.
* **Progress**: a Rich progress bar on standard error for runs of more than ``PROGRESS_FROM`` claims when
  standard error is a terminal. It counts the flow's finished task runs, read from Prefect's task-run logger.
* ``--quiet``: only the counts and the HTML report's path (and errors).
* **Large runs** (more than ``LIST_UP_TO`` claims): no line per claim but the claims per verdict and where
  every verdict is (``verdicts.parquet``); ``--format jsonl`` still prints every claim.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

import click

PROGRESS_FROM = 1000
"""Runs of more than this many claims get a progress bar (smaller ones take a few seconds)."""

LIST_UP_TO = 2000
"""Runs of more claims print claims per verdict instead of one line per claim (100 000 lines are read by no
one, and each line builds the claim's Verdict); the report page shows at most as many cards."""

CONSOLE_LEVEL = "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"
"""Prefect's override of its console handler's level (any logging.yml key has one)."""

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Output:
    """How loud a run is and in which form it prints its verdicts."""

    verbose: bool = False
    quiet: bool = False
    format: str = "text"  # "text" or "jsonl"


def output_options(command: F) -> F:
    """The ``--verbose``, ``--quiet`` and ``--format`` options (parameters ``verbose``, ``quiet``,
    ``output_format``; ``Output`` holds them)."""

    command = click.option(
        "--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
        help="jsonl: one JSON object per claim on stdout, for scripts (counts and paths go to stderr).",
    )(command)  # fmt: skip
    command = click.option(
        "-q", "--quiet", is_flag=True, help="Print only the counts and the report's path (and errors)."
    )(command)
    command = click.option(
        "-v", "--verbose", is_flag=True, help="Show Prefect's log lines (each task run's INFO line) too."
    )(command)
    return command


def colour_wanted(stream: IO[str] | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour what goes to ``stream``: a terminal, and no ``NO_COLOR`` (any non-empty value)."""
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    stream = stream if stream is not None else sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def quiet_prefect(output: Output) -> None:
    """Set Prefect's console level for this run: WARNING by default, everything with ``--verbose``, ERROR with
    ``--quiet``. Call before Prefect is imported; handlers it has already made are set too."""
    if output.verbose:
        os.environ[CONSOLE_LEVEL] = "NOTSET"
    elif output.quiet:
        os.environ[CONSOLE_LEVEL] = "ERROR"
    else:
        os.environ.setdefault(CONSOLE_LEVEL, "WARNING")
    handlers = sys.modules.get("prefect.logging.handlers")
    if handlers is None:
        return
    level = logging.getLevelNamesMapping().get(os.environ[CONSOLE_LEVEL].upper(), logging.WARNING)
    for name in ("", "uvicorn", "fastapi"):
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, handlers.PrefectConsoleHandler):
                handler.setLevel(level)


class _TaskRunCounter(logging.Handler):
    """Advances a progress bar by one for each task run Prefect reports finished."""

    def __init__(self, advance: Callable[[str], None]) -> None:
        super().__init__(level=logging.INFO)
        self._advance = advance

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith("Finished in state"):
            name = str(getattr(record, "task_run_name", "") or "")
            self._advance(name.rsplit("-", 1)[0] if "-" in name else name)


@contextmanager
def progress(claims: int, output: Output, stream: IO[str] | None = None) -> Iterator[None]:
    """A progress bar over the flow's task runs while the block runs, for runs of more than PROGRESS_FROM
    claims on a terminal (not with ``--quiet``); otherwise nothing. Its total starts as an estimate (the fixed
    steps and a few fetches) and grows if the run makes more task runs."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    if claims <= PROGRESS_FROM or output.quiet or not (isatty and isatty()):
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("task runs"),
        TimeElapsedColumn(), TextColumn("{task.fields[step]}"),
        console=Console(file=stream, no_color=not colour_wanted(stream)), transient=True,
    )  # fmt: skip
    task = bar.add_task(f"Checking {claims:,} claims", total=10, step="")

    def advance(step: str) -> None:
        done = bar.tasks[0].completed + 1
        total = bar.tasks[0].total or done
        bar.update(task, completed=done, total=max(total, done + 1), step=step)

    counter = _TaskRunCounter(advance)
    logger = logging.getLogger("prefect.task_runs")
    logger.addHandler(counter)
    try:
        with bar:
            yield
    finally:
        logger.removeHandler(counter)


def echo_verdicts(result: Mapping[str, Any], output: Output) -> None:
    """Print a finished run: the verdicts (text or JSON lines), the counts and where the reports are."""
    from marketfact.reports.jsonreport import reading_record
    from marketfact.reports.terminal import json_line, verdict_line

    run = result["run"]
    claims = run.claims_by_id()
    counts = result["counts"]
    summary = f"{counts['pass']} pass, {counts['fail']} fail, {counts['unverifiable']} unverifiable"
    if output.format == "jsonl":
        readings = run.readings_by_id()
        for verdict in run.verdicts:
            reading = reading_record(run, readings.get(verdict.claim_id))
            click.echo(json_line(verdict, claims.get(verdict.claim_id), reading))
    elif not output.quiet and counts["total"] > LIST_UP_TO:
        echo_per_verdict(counts, result["paths"])
    elif not output.quiet:
        colour = colour_wanted(sys.stdout)
        width = min(32, max((len(v.claim_id) for v in run.verdicts), default=0))
        for verdict in run.verdicts:
            click.echo(verdict_line(verdict, claims.get(verdict.claim_id), colour=colour, id_width=width), color=colour)
    to_err = output.format == "jsonl"
    if output.quiet:
        click.echo(f"{summary}; report: {result['paths'].get('html', '')}", err=to_err)
        return
    click.echo(("" if to_err else "\n") + summary, err=to_err)
    if "claims_path" in result:
        click.echo(f"claim file: {result['claims_path']}", err=to_err)
    for kind, path in result["paths"].items():
        click.echo(f"{kind} report: {path}", err=to_err)


def echo_per_verdict(counts: Mapping[str, int], paths: Mapping[str, str]) -> None:
    """A large run's summary instead of a line per claim: claims per verdict, and the file with every verdict."""
    from marketfact.checks.verdicts import Label
    from marketfact.reports.columnar import FILE_NAME

    click.echo(f"{counts['total']:,} claims, more than {LIST_UP_TO:,}: claims per verdict")
    for label in Label:
        if counts.get(label.value):
            click.echo(f"  {label.value:<16} {counts[label.value]:>10,}")
    folder = Path(paths.get("directory", ""))
    for every in (folder / FILE_NAME, folder / "verdicts"):  # one run's file, or a sharded run's folder
        if paths.get("directory") and every.exists():
            click.echo(f"every verdict, one row per claim: {every}")
            break


def note(message: str, output: Output) -> None:
    """A line about the run's progress on standard error ("Checking 5 claims …"); none with ``--quiet``."""
    if not output.quiet:
        click.echo(message, err=True)
