"""The ``marketfact`` command group's one error handler, and how far a command got.

A user's mistake or a broken environment is one line and exit code 2 or 3; an unforeseen error is one line
naming a log file with the traceback (``--debug``: the traceback on stderr); Ctrl-C or SIGTERM is one line
saying what was kept, and exit code 130 (143 for SIGTERM). The commands themselves are in ``marketfact.cli``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
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
            click.echo(f"interrupted: {Stage.kept}", err=True)
            code = 143 if signalled else EXIT_INTERRUPTED
        except Exception as exc:  # the one place every error becomes a line and a code
            if _interrupted(exc):  # Ctrl-C inside a library that wrapped it (pydantic's serializer does)
                click.echo(f"interrupted: {Stage.kept}", err=True)
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
