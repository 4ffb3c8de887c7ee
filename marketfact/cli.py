"""The ``marketfact`` command: one group, one subcommand per job.

    marketfact check examples/deepseek-2025-01.yaml      verify a claim file, write HTML + JSON reports
    marketfact extract ARTICLE --published TIME          extract an article's claims into a claim file
    marketfact check-article ARTICLE --published TIME    extract and verify in one run, article in the report
    marketfact web                                       the review desk in the browser (http://127.0.0.1:8765)

Run ``marketfact COMMAND --help`` for each command's options. A user's mistake (a bad file, an unknown
field, no data) is a message and an exit code, never a traceback.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from marketfact.console import Output, echo_verdicts, note, output_options, progress, quiet_prefect
from marketfact.settings import Settings

if TYPE_CHECKING:  # imported lazily: the extractor costs about a second to import
    from marketfact.claims.extract import Extraction

from marketfact.errors import EXIT_GATE, EXIT_INTERRUPTED, EXIT_USER, one_line, terminal_safe

EXIT_FILE_ERROR = EXIT_USER

# Every path a user types is made absolute here, from the working directory (click's resolve_path), and
# stays absolute: Great Expectations, a Prefect worker and a Dask worker need not share our directory.
PATH = click.Path(path_type=Path, resolve_path=True)
FILE_PATH = click.Path(path_type=Path, dir_okay=False, resolve_path=True)
__all__ = ["EXIT_GATE", "main"]


class _Stage:
    """How far the command got: what an interruption or an error leaves behind (see ``_Group``)."""

    debug = False
    out: Path | None = None  # the report folder, where a traceback log goes
    kept = "nothing was written"


class _Group(click.Group):
    """The command group, with one error handler around every command (``marketfact.errors``).

    A user's mistake or a broken environment is one line and exit code 2 or 3; an unforeseen error is one
    line naming a log file with the traceback (``--debug``: the traceback on stderr); Ctrl-C or SIGTERM is
    one line saying what was kept, and exit code 130 (143 for SIGTERM).
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        import signal

        previous = signal.getsignal(signal.SIGTERM)
        if previous is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, _terminated)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        except (click.exceptions.Abort, KeyboardInterrupt) as exc:
            signalled = isinstance(exc, _Terminated) or isinstance(exc.__context__, _Terminated)
            click.echo(f"interrupted: {_Stage.kept}", err=True)
            code = 143 if signalled else EXIT_INTERRUPTED
        except Exception as exc:  # the one place every error becomes a line and a code
            if _interrupted(exc):  # Ctrl-C inside a library that wrapped it (pydantic's serializer does)
                click.echo(f"interrupted: {_Stage.kept}", err=True)
                code = EXIT_INTERRUPTED
            else:
                code = _report(exc)
        sys.exit(code if isinstance(code, int) else 0)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be, so that the same cleanup runs."""


def _interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is a KeyboardInterrupt that a library wrapped in an error of its own."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt) or str(current).rstrip().endswith("KeyboardInterrupt:"):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _terminated(signum: int, frame: object) -> None:
    raise _Terminated


def _report(exc: BaseException) -> int:
    """Say what failed in one line (the traceback to a log, or to stderr with --debug); the exit code."""
    import traceback

    from marketfact.errors import EXIT_ENVIRONMENT, describe, internal, log_traceback

    if isinstance(exc, OSError) and exc.filename is None and _Stage.out is not None:
        exc.filename = f"in {_Stage.out}"  # GX and others write without naming the file
    known = describe(exc)
    if _Stage.debug:
        traceback.print_exception(exc)
    if known is not None:  # foreseen: the line says all, no log
        code, line = known
        click.echo(f"error: {one_line(line)}", err=True)
        return code
    log = None if _Stage.debug else log_traceback(exc, _Stage.out)
    click.echo(f"error: {one_line(internal(exc, log), 600)}", err=True)
    return EXIT_ENVIRONMENT


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj if isinstance(ctx.obj, Settings) else Settings()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
    _Stage.debug = debug
    ctx.obj = Settings()


@main.command()
@click.argument("claims_file", type=PATH)
@click.option("-o", "--out", "out_dir", type=PATH, help="Report folder [default: out/].")
@click.option(
    "--source",
    type=click.Choice(["auto", "snapshot", "yfinance"]),
    help="auto: the snapshot where it covers, yfinance otherwise [default: auto].",
)
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
    base_url = _report_base_url(report_base_url, settings)
    try:
        claims = load_claims(claims_file, max_claims or MAX_CLAIMS)  # fail fast, before Prefect starts (≈0.05 s)
    except ClaimFileError as exc:
        _input_error(exc.first_line, details=exc.problems[1:])
    out = _writable(out_dir or settings.out_dir)
    _history_url(settings, out)
    _snapshot_present(settings, source)
    output = Output(verbose, quiet, output_format)
    note(f"Checking {len(claims.claims)} claim(s) from {claims_file} …", output)
    _Stage.kept = _KEPT_DURING_RUN.format(out=out)
    quiet_prefect(output)
    if shards:
        with _prefect(settings):
            result = _run_sharded(settings, claims_file, out, source, lang, task_runner, dask_address, shards)
        counts = result["counts"]
        click.echo(f"{counts['pass']} pass, {counts['fail']} fail, {counts['unverifiable']} unverifiable")
        for kind, path in result["paths"].items():
            click.echo(f"{kind} report: {path}")
        _exit_for(result["run"], fail_on)
    with _prefect(settings):  # Prefect's temporary server boots on the other core from here on
        n = len(claims.claims)
        with progress(n, output):
            result = _run_flow(
                settings, claims_file, out, source, lang, task_runner, dask_address, n, max_claims,
                fail_on=fail_on, report_base_url=base_url,
            )  # fmt: skip
    _finish(result, fail_on, output)


def _writable(out: Path) -> Path:
    """The report folder, created if need be, and known writable before any work (else one line, exit 2/3)."""
    import tempfile

    if out.exists() and not out.is_dir():
        _input_error(f"{out} is a file, not a folder: give a folder for the reports with -o")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=out, prefix=".marketfact-probe-"):
        pass
    _Stage.out = out
    return out


def _snapshot_present(settings: Settings, source: str | None) -> None:
    """A snapshot folder that is none is said before any work (exit 2; the shipped one: exit 3)."""
    if (source or settings.source) == "yfinance" or (settings.snapshot_dir / "instruments.csv").is_file():
        return
    from marketfact.settings import SHIPPED_SNAPSHOT

    where = settings.snapshot_dir
    if where == SHIPPED_SNAPSHOT:
        from marketfact.errors import EnvironmentProblem

        raise EnvironmentProblem(f"the shipped snapshot {where} lacks instruments.csv: reinstall marketfact")
    _input_error(f"MARKETFACT_SNAPSHOT_DIR: {where} is not a market-data snapshot (no instruments.csv)")


def _history_url(settings: Settings, out: Path) -> str:
    """The history's URL, known to name a database SQLAlchemy can drive (else one line and exit 2)."""
    url = settings.history_for(out)
    from sqlalchemy import exc as sa
    from sqlalchemy import make_url

    try:
        make_url(url).get_dialect()
    except (sa.ArgumentError, sa.NoSuchModuleError, ImportError, ValueError) as exc:
        from marketfact.history.problems import history_problem

        problem = exc if isinstance(exc, sa.SQLAlchemyError) else sa.ArgumentError(str(exc))
        _input_error(history_problem(problem, url)[1])
    return url


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
    _exit_for(result["run"], fail_on, set(unsure or ()))


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
    """Run the verify-claims flow; call it inside ``_prefect``. With ``fail_on`` the flow run ends Failed when
    the gate trips; its result (reports written, history recorded) is returned all the same."""
    from marketfact.flows.runmeta import flow_result
    from marketfact.flows.verify import (  # Prefect and the project, while the server boots
        MAX_CHARTED_CLAIMS,
        with_task_runner,
    )

    out = out_dir or settings.out_dir
    flow = with_task_runner(task_runner, dask_address)
    _ready(charts=n_claims <= MAX_CHARTED_CLAIMS, tasks_here=task_runner == "threads")
    state = flow(
        claims_path=str(claims_file),
        out_dir=str(out),
        history_url=_history_url(settings, out),
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


def _report_base_url(given: str | None, settings: Settings) -> str | None:
    """``--report-base-url`` checked (exit 2 if it is no http(s) URL), else the setting."""
    from marketfact.settings import report_base_url

    try:
        return report_base_url(given) if given else settings.report_base_url
    except ValueError as exc:
        _input_error(str(exc))


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
    """Run the verify-claims-sharded flow (flows.shards); call it inside ``_prefect``."""
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


_SERVER: list[object] = []


@contextlib.contextmanager
def _prefect(settings: Settings) -> Iterator[None]:
    """Prefect's settings, and its temporary server launched before Prefect is imported (flows/runtime.py).

    The server boots on the other core while this process reads the input, imports Prefect and the project
    (garbage collector paused: ``flows.runtime.pause_gc``) and, in ``_ready``, warms what the flow needs next.
    """
    from marketfact.flows.runtime import pause_gc, prefect_runtime, resume_gc

    pause_gc()
    try:
        # The CLI exits right after: the server's own shutdown need not be waited for.
        with prefect_runtime(settings.prefect_home, wait_for_stop=False) as server:
            _SERVER[:] = [server]
            yield
    finally:
        _SERVER.clear()
        resume_gc()  # if the run ended before ``_ready``


def _warm_charts() -> None:
    """Start vl-convert's JavaScript engine, which the report's charts use (≈0.45 s of CPU, once per process)."""
    import vl_convert

    vl_convert.vegalite_to_svg({"mark": "point"}, allowed_base_urls=[])


def _ready(*, charts: bool = True, tasks_here: bool = True) -> None:
    """Just before the flow: warm what its steps import or start, then wait for that and the temporary server.

    Done in a background thread, it fills time this process would spend waiting for the server; joined before
    the flow, so that the flow's tasks never import a package while the thread imports it too. In the order of
    use: Prefect serialises the flow's parameters with FastAPI's encoder; then, when the tasks run in this
    process (not on Dask's workers), exchange_calendars for the sessions, Great Expectations (≈2 s), the
    history's database layer and, for a run with charts, vl-convert's engine.
    """
    from marketfact.errors import quiet_tracebacks
    from marketfact.flows.runtime import prewarm

    if not _Stage.debug:
        quiet_tracebacks()
    steps: list[str | Callable[[], object]] = ["fastapi.encoders"]
    if tasks_here:
        steps += ["exchange_calendars", "great_expectations", "history", *([_warm_charts] if charts else [])]
    prewarm(*steps).join()
    server = _SERVER[0] if _SERVER else None
    if server is not None:
        server.wait_ready()  # type: ignore[attr-defined]


def _exit_for(run: object, fail_on: str | None, unconfirmed: Collection[str] = ()) -> NoReturn:
    """Exit with the --fail-on gate's code, skipping the interpreter's slow final garbage collection."""
    from marketfact.flows.runtime import skip_final_gc
    from marketfact.reports import exit_code_for

    code = exit_code_for(run, fail_on, unconfirmed)  # type: ignore[arg-type]
    skip_final_gc()
    sys.exit(code)


_PUBLISHED_HELP = "When the article appeared: ISO 8601 with a time zone, e.g. 2025-01-28T07:30:00+01:00 (required)."
_ALIASES_HELP = "An alias file of your own (YAML shaped like claims/data/aliases.yaml); repeat for more."
_ONLINE_HELP = "Look names the alias table lacks up with yfinance's search (needs the network)."


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
        _input_error(str(exc))


def _input_error(message: str, details: Sequence[str] = ()) -> NoReturn:
    """One ``error:`` line on stderr (a YAML parser's message spans several), the other problems of the same
    input below it, indented, so that one run names everything to fix; exit code 2."""
    click.echo(f"error: {one_line(message)}", err=True)
    for detail in details:
        click.echo(f"  - {one_line(detail)}", err=True)
    sys.exit(EXIT_FILE_ERROR)


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
@click.option("--published", metavar="DATETIME", help=_PUBLISHED_HELP)
@click.option(
    "--lang", type=click.Choice(["auto", "de", "en"]), default="auto", show_default=True,
    help="The article's language; auto tells German from English by its function words.",
)  # fmt: skip
@click.option(
    "-o", "--out", "out_file", type=FILE_PATH,
    help="Write the claim file here [default: print it to stdout].",
)  # fmt: skip
@click.option("--aliases", "alias_files", multiple=True, type=PATH, help=_ALIASES_HELP)
@click.option("--online", is_flag=True, help=_ONLINE_HELP)
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
        _input_error(str(exc))
    except OSError as exc:
        _input_error(f"cannot write {out_file}: {exc.strerror or exc}")


@main.command("check-article")
@click.argument("article", type=PATH)
@click.option("--published", metavar="DATETIME", help=_PUBLISHED_HELP)
@click.option(
    "--lang", type=click.Choice(["auto", "de", "en"]), default="auto", show_default=True,
    help="The article's language; auto tells German from English by its function words.",
)  # fmt: skip
@click.option("-o", "--out", "out_dir", type=PATH, help="Report folder [default: out/].")
@click.option("--report-lang", type=click.Choice(["en", "de"]), help="Report language and number format [default: en].")
@click.option(
    "--source",
    type=click.Choice(["auto", "snapshot", "yfinance"]),
    help="auto: the snapshot where it covers, yfinance otherwise [default: auto].",
)
@click.option(
    "--fail-on",
    type=click.Choice(["fail", "unverifiable"]),
    help="Exit 1 when any claim fails (fail), or fails or cannot be verified (unverifiable).",
)
@click.option(
    "--confirm-below", type=click.FloatRange(0.0, 1.0), default=0.8, show_default=True,
    help="Claims read with a lower confidence are listed as 'reading uncertain — confirm'; --fail-on skips them.",
)  # fmt: skip
@click.option("--aliases", "alias_files", multiple=True, type=PATH, help=_ALIASES_HELP)
@click.option("--online", is_flag=True, help=_ONLINE_HELP)
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
    base_url = _report_base_url(report_base_url, settings)
    # fail fast, before Prefect starts: the same extraction the flow runs, offline (no search twice)
    preview = _extract_or_exit(article, published, lang, alias_files, False)
    if not preview.claims and not online:
        for line in preview.report_lines():
            click.echo(line, err=True)
        _input_error(f"no checkable market claim found in {article}")
    output = Output(verbose, quiet, output_format)
    note(f"Extracting and checking the claims of {article} …", output)
    from marketfact.claims.extract import ExtractionError

    out = _writable(out_dir or settings.out_dir)
    history_url = _history_url(settings, out)
    _snapshot_present(settings, source)
    _Stage.kept = _KEPT_DURING_RUN.format(out=out)
    quiet_prefect(output)
    # Prefect's temporary server boots on the other core from here on
    with _prefect(settings), progress(len(preview.claims), output):
        from marketfact.flows.article import check_article as check_article_flow
        from marketfact.flows.runmeta import flow_result
        from marketfact.flows.verify import MAX_CHARTED_CLAIMS

        _ready(charts=len(preview.claims) <= MAX_CHARTED_CLAIMS)
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
                return_state=True,
            ))  # fmt: skip
        except ExtractionError as exc:  # only with --online: what the offline preview could not foresee
            _input_error(str(exc))
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

        if _Stage.debug:
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
@click.option("-o", "--out", "out_dir", type=PATH, help="Report folder [default: out/].")
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
            _input_error(f"--host {host} is not loopback: give --token (or MARKETFACT_WEB_TOKEN) to protect the desk")
        if len(token) < 16:
            _input_error("the token is too short: use at least 16 characters, e.g. from secrets.token_urlsafe()")
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
@click.option("-o", "--out", "out_dir", type=PATH, help="Report folder [default: out/].")
@click.option(
    "--lang", type=click.Choice(["en", "de"]), default="en", show_default=True, help="The index page's language."
)
@click.pass_context
def index(ctx: click.Context, out_dir: Path | None, lang: str) -> None:
    """Rewrite the index of runs in LANG; it keeps that language whatever language later runs report in."""
    from marketfact.reports import write_index

    path = write_index(out_dir or _settings(ctx).out_dir, lang)
    click.echo(f"index report: {path}")


def _config_option(text: str):  # type: ignore[no-untyped-def]
    """The ``-c/--config`` option naming the schedule file."""
    return click.option("-c", "--config", type=PATH, default=Path("schedules.yaml"), show_default=True, help=text)


def _schedule_or_exit(config: Path):  # type: ignore[no-untyped-def]
    """The validated schedule file, or its errors (key and problem) and exit code 2."""
    from marketfact.flows.schedules import ScheduleConfigError, load_schedule

    try:
        return load_schedule(config)
    except ScheduleConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FILE_ERROR)


@main.command()
@_config_option("The schedule file: which claim files to re-check, after which exchange's close.")
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
@_config_option("The schedule file to translate.")
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
