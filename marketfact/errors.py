"""What the ``marketfact`` command says when something goes wrong: one line, an exit code, a traceback on file.

Exit codes (README, docs/reliability.md):

    0    the run finished (whatever the verdicts, unless --fail-on says otherwise)
    1    --fail-on tripped: a claim failed (or could not be verified, with --fail-on unverifiable)
    2    the user's input or settings: a bad claim file or article, an unknown setting value, -o a file …
    3    the environment or marketfact itself: a read-only or full disk, a corrupt history database or
         snapshot, an unreachable server, a bug
    130  interrupted (Ctrl-C, SIGTERM): what was kept is said on the line

Nothing a user can cause prints a traceback: ``describe`` turns an exception into (exit code, one line);
for exit code 3 the traceback goes to a log file whose path the line names (``--debug`` prints it instead).
This module imports nothing heavy: the command's error path must work when the project's imports fail.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

EXIT_OK = 0
EXIT_GATE = 1
EXIT_USER = 2
EXIT_ENVIRONMENT = 3
EXIT_INTERRUPTED = 130

_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline (ESC starts every terminal escape sequence), DEL, C1 controls (CSI
``\\x9b`` and OSC ``\\x9d`` act as ESC sequences on some terminals) and bidirectional overrides."""

MAX_LINE = 400
"""An error line is cut here: never a page of someone's input echoed back."""


class UserError(Exception):
    """Something the user gave cannot be used (exit 2); the message says what and what to do."""


class EnvironmentProblem(Exception):
    """The machine, a file or a server marketfact needs is not usable (exit 3); the message says which."""


def terminal_safe(text: str) -> str:
    """``text`` without characters that would act on a terminal instead of being shown."""
    return _TERMINAL_UNSAFE.sub("", text) if _TERMINAL_UNSAFE.search(text) else text


def one_line(text: str, limit: int = MAX_LINE) -> str:
    """``text`` on one line, terminal-safe, at most ``limit`` characters."""
    line = " ".join(terminal_safe(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


_USER_ERRNOS = {errno.ENOTDIR, errno.EISDIR, errno.EEXIST, errno.ENAMETOOLONG, errno.ENOENT}
_DISK_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}


def _os_error(exc: OSError) -> tuple[int, str]:
    where = exc.filename if exc.filename is not None else "a file"
    reason = exc.strerror or str(exc)
    if exc.errno in _DISK_ERRNOS:
        advice = {
            errno.ENOSPC: "free some space or choose another folder with -o",
            errno.EDQUOT: "free some space or choose another folder with -o",
            errno.EROFS: "choose a writable folder with -o (or MARKETFACT_OUT_DIR)",
        }.get(exc.errno or 0, "check its permissions or choose another folder with -o")
        return EXIT_ENVIRONMENT, f"cannot write {where}: {reason}; {advice}"
    if exc.errno in _USER_ERRNOS:
        return EXIT_USER, f"cannot use {where}: {reason}; give a folder path with -o"
    return EXIT_ENVIRONMENT, f"{where}: {reason}"


def _settings_error(exc: Exception) -> str:
    """A pydantic-settings validation error as 'setting MARKETFACT_X: problem (got …)'."""
    first = exc.errors(include_url=False)[0]  # type: ignore[attr-defined]
    name = "MARKETFACT_" + str(first["loc"][0]).upper() if first.get("loc") else "a MARKETFACT_* setting"
    got = repr(first.get("input"))
    got = got if len(got) <= 60 else got[:59] + "…"
    return f"setting {name}: {first['msg']} (got {got})"


def describe(exc: BaseException) -> tuple[int, str] | None:
    """(exit code, one line) for an error a user can cause or meet; None for a bug (see ``internal``)."""
    name = type(exc).__name__
    module = type(exc).__module__
    if isinstance(exc, UserError):
        return EXIT_USER, str(exc)
    if isinstance(exc, EnvironmentProblem):
        return EXIT_ENVIRONMENT, str(exc)
    if name == "ClaimFileError":
        return EXIT_USER, getattr(exc, "first_line", str(exc))
    if name == "ValidationError" and module.startswith("pydantic") and _is_settings_error(exc):
        return EXIT_USER, _settings_error(exc)  # type: ignore[arg-type]
    if name in ("MarketDataError", "NoDataError", "SourceUnavailableError", "CorruptCacheEntry"):
        return EXIT_ENVIRONMENT, f"market data: {exc}"
    if name in ("HistoryError", "SchemaNotReadyError"):
        return EXIT_ENVIRONMENT, str(exc)
    if module.startswith("sqlalchemy"):
        from marketfact.history.problems import history_problem

        return history_problem(exc)
    if isinstance(exc, OSError):
        return _os_error(exc)
    if isinstance(exc, RecursionError | MemoryError):
        return EXIT_ENVIRONMENT, f"ran out of {'memory' if isinstance(exc, MemoryError) else 'stack'}"
    return None


def _is_settings_error(exc: BaseException) -> bool:
    title = getattr(exc, "title", "")
    return title == "Settings"


def log_traceback(exc: BaseException, folder: Path | None) -> Path | None:
    """Write ``exc``'s traceback to ``<folder>/logs/error-<time>.log`` (or the temporary folder); its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = "".join(traceback.format_exception(exc))
    candidates = ([folder / "logs"] if folder is not None else []) + [Path(tempfile.gettempdir()) / "marketfact"]
    for where in candidates:
        try:
            where.mkdir(parents=True, exist_ok=True)
            path = where / f"error-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            if path.stat().st_size >= len(text):  # a full disk may leave it short without an error
                return path
        except OSError:
            continue
    return None


def internal(exc: BaseException, log: Path | None) -> str:
    """The line for an error marketfact did not foresee."""
    what = one_line(f"{type(exc).__name__}: {exc}", 200)
    where = f"traceback in {log}" if log is not None else "no log could be written"
    return f"internal error ({what}); {where}; rerun with --debug to see it here"


_PREFECT_FAILURE = (
    "Encountered exception during execution",
    "Task run failed with ",
    "Finished in state Failed(",
    "Finished in state Crashed(",
)
"""How Prefect's engines begin the lines that repeat an exception the command then says itself."""


class _NoTracebacks:
    """A logging filter for the terminal's handlers: a record's first line, without traceback.

    Prefect logs a failed task run with its traceback, Great Expectations a failed Data Docs page with one in
    the message; the command's own error line says what failed, and the traceback goes to its log file.
    Prefect's own lines about the failure ("Encountered exception during execution: …", "Task run failed
    with …", "Finished in state Failed(…)") only repeat the exception the command's ``error:`` line says: they
    are dropped, unless the handler shows everything (``--verbose``). Prefect's UI keeps them.
    """

    def __init__(self, handler: object = None) -> None:
        self.handler = handler

    def filter(self, record: object) -> bool:
        import logging

        if not isinstance(record, logging.LogRecord):
            return True
        verbose = isinstance(self.handler, logging.Handler) and self.handler.level < logging.WARNING
        if (
            not verbose
            and record.levelno >= logging.ERROR
            and record.name.startswith(("prefect.flow_runs", "prefect.task_runs"))
            and str(record.msg).startswith(_PREFECT_FAILURE)
        ):
            return False
        if record.exc_info or record.exc_text:
            record.exc_info, record.exc_text = None, None
        message = record.getMessage()
        if "\n" in message or len(message) > MAX_LINE:
            record.msg, record.args = one_line(message.split("\n", 1)[0].split(" Traceback")[0]), None
        return True


def quiet_tracebacks() -> None:
    """Keep tracebacks off every log handler that writes to the terminal (``--debug`` leaves them on)."""
    import logging

    loggers = [
        logging.getLogger(),
        *(v for v in logging.Logger.manager.loggerDict.values() if isinstance(v, logging.Logger)),
    ]
    for logger in loggers:
        for handler in logger.handlers:
            is_terminal = type(handler).__name__ == "PrefectConsoleHandler" or (
                isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler)
            )
            if is_terminal and not any(isinstance(f, _NoTracebacks) for f in handler.filters):
                handler.addFilter(_NoTracebacks(handler))
