"""Prefect's temporary API server, launched by marketfact before Prefect is imported (see flows/runtime.py).

:class:`TemporaryServer` runs the server Prefect itself would start for a run without a configured one (uvicorn
serving ``create_app`` as an ephemeral server, no UI) in a child process, on the second core, while the CLI's
process imports Prefect, the project and Great Expectations. A watcher thread tells when it is ready and warm;
:meth:`TemporaryServer.stop` lets it record what the run sent, then stops it as Prefect does.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO


def _start_lock() -> IO[str] | None:
    """Hold an exclusive lock on ``$PREFECT_HOME/marketfact-start.lock`` until the server is healthy.

    Prefect's SQLite database is shared by every run with the same home; two temporary servers starting
    at once on a new home would both run its migrations. The OS drops the lock if this process dies.
    """
    import fcntl

    home = os.environ.get("PREFECT_HOME")
    if not home:
        return None
    Path(home).mkdir(parents=True, exist_ok=True)
    handle = open(Path(home) / "marketfact-start.lock", "a")  # noqa: SIM115 - closed by the watcher thread
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _http_status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:  # a URLError too: keep this clause first
        return int(error.code)
    except OSError:
        return None


def _cpu_ticks(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rpartition(")")[2].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, ValueError, IndexError):
        return None


def _prefect_package() -> Path:
    spec = importlib.util.find_spec("prefect")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Prefect is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


_SERVE = """\
import os, signal, sys, threading, time

def orphaned(parent=int(sys.argv[3])):
    while os.getppid() == parent:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)
    os._exit(1)

if os.getppid() != int(sys.argv[3]):  # the launcher is gone already: nothing to serve
    sys.exit(0)
threading.Thread(target=orphaned, daemon=True).start()
sys.path.insert(0, sys.argv[1])
import uvicorn
from prefect.server.api.server import create_app

uvicorn.run(create_app, factory=True, host="127.0.0.1", port=int(sys.argv[2]), log_level="error", lifespan="on")
"""
"""The temporary server's process: uvicorn serving ``prefect.server.api.server:create_app`` as Prefect runs it.
A thread watches the parent from the first line on, its pid given on the command line (read after the imports,
``os.getppid()`` may already name init: a launcher killed in its first seconds left the server running for good):
when the process that launched the server is gone (it exited without waiting for the
server's end, or was killed), the server stops itself as it would on ``terminate()``, and ends at the latest 5 s
later whatever its shutdown is waiting for: no temporary server outlives its run."""


class TemporaryServer:
    """Prefect's temporary API server, launched early in a child process.

    Same server and environment as Prefect's ``SubprocessASGIServer`` (uvicorn serving ``create_app`` as an
    ephemeral server without UI; see :data:`_SERVE`): the same server, started sooner. A watcher thread, asleep
    between polls, waits for ``/api/health``, then requests an unknown path, which makes FastAPI build every
    route before the flow's first call.
    ``flows.runtime.prefect_runtime`` stops it; so does :meth:`stop`, or the end of the process.
    """

    _UVICORN_STARTUP_FAILURE = 3  # uvicorn's exit code for a failed start: a port taken meanwhile, or worse
    _OVERRIDES = ("PREFECT_API_URL", "PREFECT_UI_URL")  # set for this process while it runs

    def __init__(self) -> None:
        """Launch the server and point ``PREFECT_API_URL`` in ``os.environ`` at it."""
        self._previous = {name: os.environ.get(name) for name in self._OVERRIDES}
        self._settings, self._heartbeats_off = contextlib.ExitStack(), False
        self.started_at = time.perf_counter()
        self.ready_after: float | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self._owner = os.getpid()  # a forked child (a worker pool) must not stop it at its exit
        self._launch()
        atexit.register(self.stop)  # runs after Prefect's workers drained (threading's atexit)

    @property
    def api_url(self) -> str:
        """The API URL, as Prefect clients expect it."""
        return f"http://127.0.0.1:{self.port}/api"

    def _launch(self) -> None:
        self.port = _free_port()
        command = [sys.executable, "-c", _SERVE, str(_prefect_package().parent), str(self.port), str(os.getpid())]
        env = {k: v for k, v in os.environ.items() if k not in self._OVERRIDES}
        env.update(PREFECT_UI_ENABLED="0", PREFECT__SERVER_EPHEMERAL="1", PREFECT__SERVER_FINAL="1")
        lock = _start_lock()  # two runs at once must not migrate one new database together
        self.process = subprocess.Popen(command, env=env)
        os.environ["PREFECT_API_URL"] = self.api_url
        if self._previous["PREFECT_UI_URL"] is None:  # no UI here: no "View at <dead link>" lines
            os.environ["PREFECT_UI_URL"] = ""
        if "prefect.context" in sys.modules:  # Prefect froze its settings at import
            sys.modules["prefect.context"].refresh_global_settings_context()
        self._watched = threading.Event()
        args = (self.process, self.api_url, self._watched, lock)
        threading.Thread(target=self._watch, args=args, daemon=True).start()

    @staticmethod
    def _watch(process: subprocess.Popen[bytes], api_url: str, done: threading.Event, lock: IO[str] | None) -> None:
        try:
            while process.poll() is None:
                if _http_status(f"{api_url}/health") == 200:
                    _http_status(f"{api_url}/__marketfact_warmup__")  # a 404 that builds every route
                    break
                time.sleep(0.05)
        finally:
            if lock is not None:
                lock.close()  # releases the start lock: the database is migrated, the next run may start
            done.set()

    def wait_ready(self, timeout: float | None = None) -> float:
        """Block until the server is up and warm; return the seconds spent waiting here.

        Then turns flow-run heartbeats off in the calling thread's Prefect settings: nothing watches them on a
        temporary server, and joining the heartbeat thread costs time at the end of a run. ``stop`` undoes it.
        """
        if timeout is None:
            timeout = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120"))
        began, relaunched = time.perf_counter(), False
        while self.ready_after is None:
            if self.process is None:
                raise RuntimeError("Prefect's temporary server was stopped")
            left = timeout - (time.perf_counter() - began)
            if left <= 0 or not self._watched.wait(left):
                self.stop()
                raise RuntimeError(f"Prefect's temporary server was not ready after {timeout:.0f} s")
            code = self.process.poll()
            if code == self._UVICORN_STARTUP_FAILURE and not relaunched:  # once: any other failure repeats
                relaunched = True
                self._launch()
            elif code is not None:
                self.process = None
                self._restore_environ()
                raise RuntimeError(f"Prefect's temporary server exited with code {code} at start")
            else:
                self.ready_after = time.perf_counter() - self.started_at
        if not self._heartbeats_off:
            from prefect.settings import temporary_settings

            self._settings.enter_context(temporary_settings(updates={"flows.heartbeat_frequency": None}))
            self._heartbeats_off = True
        return time.perf_counter() - began

    def _settle(self, cap: float = 2.0) -> None:
        """Wait (≤ ``cap`` s) for the server to be idle for 40 ms: it records task runs from the events
        just drained, and a stop in the middle of that write logs an ERROR with a traceback."""
        assert self.process is not None
        ticks, quiet, deadline = _cpu_ticks(self.process.pid), 0, time.perf_counter() + cap
        if ticks is None:  # no /proc: give it a fixed moment instead
            time.sleep(0.25)
            return
        while quiet < 2 and time.perf_counter() < deadline:
            time.sleep(0.02)
            now = _cpu_ticks(self.process.pid)
            quiet, ticks = (quiet + 1 if now == ticks else 0), now

    def stop(self, *, wait: bool = True) -> None:
        """Flush Prefect's pending logs and events, let the server record them, stop it as Prefect does
        (terminate; kill after 5 s) and restore ``PREFECT_API_URL``. A server never waited for (the run ended
        before its flow, e.g. on a bad claim file) is stopped at once: it has nothing to record.

        ``wait=False``, for a process about to exit: the server is told to stop, not waited for. It has recorded
        everything by then; what is left is uvicorn's shutdown (mostly sleeps), which then
        ends after this process (and is cut short 5 s after it at the latest, see :data:`_SERVE`)."""
        if os.getpid() != self._owner:
            return
        with contextlib.suppress(ValueError):  # a settings context entered in another thread
            self._settings.close()
        self._heartbeats_off = False
        if self.process is None:
            return
        if self.process.poll() is None and self.ready_after is not None:
            _drain_prefect_workers()
            self._settle()
        self.process.terminate()
        try:
            self.process.wait(timeout=5 if wait else 0)
        except subprocess.TimeoutExpired:
            if wait:
                self.process.kill()
                self.process.wait()
        self.process = None
        self._restore_environ()

    def _restore_environ(self) -> None:
        if os.environ.get("PREFECT_API_URL") == self.api_url:
            for name, value in self._previous.items():
                os.environ.pop(name, None)
                if value is not None:
                    os.environ[name] = value
            if "prefect.context" in sys.modules:
                sys.modules["prefect.context"].refresh_global_settings_context()


PREFECT_WORKERS: tuple[tuple[str, str, float | None], ...] = (
    ("prefect.logging.handlers", "APILogWorker", 5.0),  # the bound APILogHandler.flush uses
    ("prefect.events.worker", "EventsWorker", None),
)
"""Prefect's background senders drained before the server stops: module, class (its ``drain_all``), timeout.
tests/flows/test_prefect_contract.py checks each against the installed Prefect."""


def _drain_prefect_workers() -> None:
    """Send the logs and events Prefect still holds, as ``prefect_test_harness`` does before it stops its server:
    else they are retried against a closed port at exit (a delay, and an 'All connection attempts failed' line)."""

    # Their "Still processing items: N remaining" warning only narrates the wait asked for here.
    def quiet(record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Still processing items")

    loggers = [logging.getLogger(name) for _, name, _ in PREFECT_WORKERS]
    for logger in loggers:
        logger.addFilter(quiet)
    try:
        for module, name, timeout in PREFECT_WORKERS:
            if (loaded := sys.modules.get(module)) is not None:
                with contextlib.suppress(Exception):
                    getattr(loaded, name).drain_all(timeout=timeout)
    finally:
        for logger in loggers:
            logger.removeFilter(quiet)
