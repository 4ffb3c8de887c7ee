"""The ``marketfact`` command group's one error handler, and how far a command got.

A user's mistake or a broken environment is one line and exit code 2 or 3; an unforeseen error is one line
naming a log file with the traceback (``--debug``: the traceback on stderr); Ctrl-C or SIGTERM is one line
saying what was kept, and exit code 130 (143 for SIGTERM). The commands themselves are in ``marketfact.cli``.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from marketfact.errors import EXIT_INTERRUPTED, EXIT_USER, one_line
from marketfact.settings import Settings


class Stage:
    """How far the command got: what an interruption or an error leaves behind (see ``CommandGroup``)."""

    debug = False
    out: Path | None = None  # the report folder, where a traceback log goes
    kept = "nothing was written"
    interrupted = False  # Ctrl-C came, even if a library caught the KeyboardInterrupt and went on


class CommandGroup(click.Group):
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
        with _signals_handled():
            code = self._run(args, prog_name, complete_var, **extra)
        sys.exit(code if isinstance(code, int) else 0)

    def _run(self, args: Sequence[str] | None, prog_name: str | None, complete_var: str | None, **extra: Any) -> Any:
        """The command's exit code, every error and interruption turned into one line."""
        Stage.interrupted = False
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except SystemExit as exc:  # a command's own exit code (the verdict gate's, or 0)
            code = exc.code
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        except (click.exceptions.Abort, KeyboardInterrupt) as exc:
            signalled = isinstance(exc, _Terminated) or isinstance(exc.__context__, _Terminated)
            click.echo(f"interrupted: {Stage.kept}", err=True)
            code = EXIT_TERMINATED if signalled else EXIT_INTERRUPTED
        except Exception as exc:  # the one place every error becomes a line and a code
            if _interrupted(exc):  # Ctrl-C inside a library that wrapped it (pydantic's serializer does)
                click.echo(f"interrupted: {Stage.kept}", err=True)
                code = EXIT_INTERRUPTED
            else:
                code = _report(exc)
        if Stage.interrupted and code not in (EXIT_INTERRUPTED, EXIT_TERMINATED):
            # a library caught the KeyboardInterrupt and went on (Prefect does, while a flow run ends)
            click.echo(f"interrupted: {FINISHED_BEFORE_INTERRUPT}", err=True)
            code = EXIT_INTERRUPTED
        return code


EXIT_TERMINATED = 143  # 128 + SIGTERM
FINISHED_BEFORE_INTERRUPT = "the command had done its work when it could stop: what it wrote is complete"


@contextlib.contextmanager
def _signals_handled() -> Iterator[None]:
    """Ctrl-C and SIGTERM raise where the command is, and are remembered; the previous handlers come back
    after (a test runs commands in its own process). Only the main thread may set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    if previous[signal.SIGTERM] is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _terminated)
    signal.signal(signal.SIGINT, _interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is not None:
                signal.signal(number, handler)


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
    Stage.interrupted = True
    raise _Terminated


def _interrupt(signum: int, frame: object) -> None:
    Stage.interrupted = True
    raise KeyboardInterrupt


def _report(exc: BaseException) -> int:
    """Say what failed in one line (the traceback to a log, or to stderr with --debug); the exit code."""
    import traceback

    from marketfact.errors import EXIT_ENVIRONMENT, describe, internal, log_traceback

    if isinstance(exc, OSError) and exc.filename is None and Stage.out is not None:
        exc.filename = f"in {Stage.out}"  # GX and others write without naming the file
    known = describe(exc)
    if Stage.debug:
        traceback.print_exception(exc)
    if known is not None:  # foreseen: the line says all, no log
        code, line = known
        click.echo(f"error: {one_line(line)}", err=True)
        return code
    log = None if Stage.debug else log_traceback(exc, Stage.out)
    click.echo(f"error: {one_line(internal(exc, log), 600)}", err=True)
    return EXIT_ENVIRONMENT


def input_error(message: str, details: Sequence[str] = ()) -> NoReturn:
    """One ``error:`` line on stderr (a YAML parser's message spans several), the other problems of the same
    input below it, indented, so that one run names everything to fix; exit code 2."""
    click.echo(f"error: {one_line(message)}", err=True)
    for detail in details:
        click.echo(f"  - {one_line(detail)}", err=True)
    sys.exit(EXIT_USER)


def settings_of(ctx: click.Context) -> Settings:
    """The settings the group read (``ctx.obj``), or fresh ones for a command run on its own."""
    return ctx.obj if isinstance(ctx.obj, Settings) else Settings()
