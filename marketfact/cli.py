"""The ``marketfact`` command: one group, one subcommand per job.

    marketfact check examples/deepseek-2025-01.yaml      verify a claim file, write HTML + JSON reports
    marketfact extract ARTICLE --published TIME          extract an article's claims into a claim file
    marketfact check-article ARTICLE --published TIME    extract and verify in one run, article in the report
    marketfact web                                       the review desk in the browser (http://127.0.0.1:8765)

Run ``marketfact COMMAND --help`` for each command's options. A user's mistake (a bad file, an unknown
field, no data) is a message and an exit code, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from marketfact.commands import COMMANDS
from marketfact.console import LIST_UP_TO, Output, echo_per_verdict, note, output_options, progress, quiet_prefect
from marketfact.errors import EXIT_GATE
from marketfact.group import CommandGroup, Stage, input_error, settings_of
from marketfact.options import (
    FILE_PATH,
    PATH,
    aliases_options,
    article_lang_option,
    out_option,
    published_option,
    source_option,
)
from marketfact.preflight import checked_history_url, checked_report_base_url, require_snapshot, writable_out
from marketfact.running import KEPT_DURING_RUN, finish, run_article_flow, run_flow, run_sharded
from marketfact.settings import Settings
from marketfact.startup import exit_for, prefect_session

if TYPE_CHECKING:  # imported lazily: the extractor costs about a second to import
    from marketfact.claims.extract import Extraction

__all__ = ["EXIT_GATE", "main"]


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
    default=None,
    help="Check the claims in N shards by instrument, one task each (side by side on a Dask cluster); "
    "verdicts go to Parquet files, the page shows a digest (docs/scale.md). 0: one run. "
    "[default: one run up to 100000 claims, above that a shard per 100000, one at a time on threads].",
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
    shards: int | None,
) -> None:
    """Verify the claims of CLAIMS_FILE and write the reports.

    Runs the Prefect flow ``verify-claims`` (with a temporary local Prefect server unless
    PREFECT_API_URL points at one), prints each verdict with its reason, the counts and where the
    reports are. Verdicts are coloured on a terminal (not when piped, nor with NO_COLOR set).
    """
    from marketfact.checks.shard import CLAIMS_PER_SHARD, auto_shards
    from marketfact.claims.load import MAX_CLAIMS, ClaimFileError, forget_kept, load_claims

    settings = settings_of(ctx)
    base_url = checked_report_base_url(report_base_url, settings)
    try:
        # fail fast, before Prefect starts; kept for the flow, which runs here (parsed once: issue 20.9)
        claims = load_claims(claims_file, max_claims or MAX_CLAIMS, keep=not shards)
    except ClaimFileError as exc:
        input_error(exc.first_line, details=exc.problems[1:])
    automatic = shards is None and auto_shards(len(claims.claims)) > 0
    shards = auto_shards(len(claims.claims)) if shards is None else shards
    out = writable_out(out_dir or settings.out_dir)
    checked_history_url(settings, out)
    require_snapshot(settings, source)
    output = Output(verbose, quiet, output_format)
    note(f"Checking {len(claims.claims)} claim(s) from {claims_file} …", output)
    Stage.kept = KEPT_DURING_RUN.format(out=out)
    quiet_prefect(output)
    if shards:
        if automatic:
            note(f"more than {CLAIMS_PER_SHARD} claims: {shards} shards by instrument (--shards 0: one run)", output)
        forget_kept()  # each shard reads its own part of the file
        del claims
        where = (claims_file, out, source, lang, task_runner, dask_address)
        _check_in_shards(settings, *where, shards, automatic, fail_on, output)
    with prefect_session(settings):  # Prefect's temporary server boots on the other core from here on
        n = len(claims.claims)
        with progress(n, output):
            result = run_flow(
                settings, claims_file, out, source, lang, task_runner, dask_address, n, max_claims,
                fail_on=fail_on, report_base_url=base_url,
            )  # fmt: skip
    finish(result, fail_on, output)


def _check_in_shards(  # type: ignore[no-untyped-def]
    settings, claims_file, out, source, lang, task_runner, dask_address, shards, one_at_a_time, fail_on, output
) -> NoReturn:
    """``check --shards``: run the sharded flow, print its counts (per verdict when large) and exit."""
    with prefect_session(settings):
        result = run_sharded(
            settings, claims_file, out, source, lang, task_runner, dask_address, shards, one_at_a_time=one_at_a_time
        )  # fmt: skip
    counts = result["counts"]
    if counts["total"] > LIST_UP_TO and not output.quiet:
        echo_per_verdict(counts, result["paths"])
    click.echo(f"{counts['pass']} pass, {counts['fail']} fail, {counts['unverifiable']} unverifiable")
    for kind, path in result["paths"].items():
        click.echo(f"{kind} report: {path}")
    exit_for(result["run"], fail_on)


def _extract_or_exit(
    article: Path, published: str | None, lang: str, alias_files: tuple[Path, ...], online: bool
) -> Extraction:
    """Extract ARTICLE's claims; a user's mistake becomes one line on stderr and exit code 2."""
    from marketfact.claims.extract import AliasFileError, AliasTable, ExtractionError, extract_file, yahoo_searcher

    if published is None or not published.strip():  # the option, named, before the article is read
        input_error(
            "the publication time is missing: give --published, when the article appeared, as ISO 8601 with a "
            "time zone, e.g. --published 2025-01-29T07:00:00+01:00 ('Monday' depends on it)"
        )
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
    settings = settings_of(ctx)
    base_url = checked_report_base_url(report_base_url, settings)
    # fail fast, before Prefect starts: the same extraction the flow runs, offline (no search twice)
    preview = _extract_or_exit(article, published, lang, alias_files, False)
    if not preview.claims and not online:
        for line in preview.report_lines():
            click.echo(line, err=True)
        input_error(f"no checkable market claim found in {article}")
    output = Output(verbose, quiet, output_format)
    note(f"Extracting and checking the claims of {article} …", output)
    out = writable_out(out_dir or settings.out_dir)
    history_url = checked_history_url(settings, out)
    require_snapshot(settings, source)
    Stage.kept = KEPT_DURING_RUN.format(out=out)
    quiet_prefect(output)
    # Prefect's temporary server boots on the other core from here on
    with prefect_session(settings), progress(len(preview.claims), output):
        result = run_article_flow(
            settings, article, published, out, lang=lang, source=source, report_lang=report_lang,
            alias_files=alias_files, online=online, history_url=history_url, fail_on=fail_on,
            report_base_url=base_url, confirm_below=confirm_below, n_claims=len(preview.claims),
        )  # fmt: skip
    if not output.quiet:
        for line in result["report_lines"]:
            click.echo(line, err=True)
    finish(result, fail_on, output, result["extraction"].unsure(), confirm_below)


for _command in COMMANDS:
    main.add_command(_command)

if __name__ == "__main__":
    main()
