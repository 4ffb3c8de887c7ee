"""Make a CLI run of a Prefect flow start fast, keeping Prefect's real API server.

Without a configured server, Prefect starts a temporary one (uvicorn in a child process, ≈4 s of imports) when
the first client is made, after importing the server package in this process too (≈2 s). :class:`TemporaryServer`
launches the same server before Prefect is imported: it boots on the second core while this process imports
Prefect, the project and Great Expectations. A stable ``PREFECT_HOME`` pays the ≈10 s of migrations once; the
flow-run heartbeat (up to 1 s at the end of a run) is off for the temporary server; the other settings are in
:data:`ENV_DEFAULTS` with their reasons. A server the user configured (``PREFECT_API_URL`` in the environment,
``.env``, ``prefect.toml``, ``pyproject.toml`` or the profile) is used untouched. See bench/prefect_startup.py.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import importlib.util
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import IO, Any


@dataclass(frozen=True)
class EnvDefault:
    """An environment variable marketfact sets unless the user set it (under any of ``names``)."""

    names: tuple[str, ...]  # canonical spelling first: the one that is set
    value: str
    why: str


ENV_DEFAULTS: tuple[EnvDefault, ...] = (
    EnvDefault(
        ("PREFECT_SERVER_ANALYTICS_ENABLED",),
        "false",
        "server telemetry calls out (offline: an ERROR line) and writes to SQLite mid-run ('database is locked')",
    ),
    EnvDefault(
        ("DO_NOT_TRACK",),
        "1",
        "client telemetry cannot be sent offline; in a terminal on a new home it prints a notice into our output",
    ),
    EnvDefault(
        ("PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED", "PREFECT_API_SERVICES_TRIGGERS_ENABLED"),
        "false",
        "no automations in a temporary server; their services build two more API apps (≈0.4 s of CPU)",
    ),
    EnvDefault(
        ("PREFECT_SERVER_REGISTER_BLOCKS_ON_START", "PREFECT_API_BLOCKS_REGISTER_ON_START"),
        "false",
        "block types serve the UI and block documents; marketfact's flows use neither",
    ),
    EnvDefault(
        ("PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION", "PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION"),
        "false",
        "runs before the switch above and imports every collection to hash it (prefect-dask: ≈0.5 s)",
    ),
    EnvDefault(
        ("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS",),
        "120",
        "a new PREFECT_HOME migrates for ≈10 s idle; on a busy 2-core machine that passes the 20 s default",
    ),
)

_EPHEMERAL_NAMES = ("PREFECT_SERVER_EPHEMERAL_ENABLED", "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE")


def default_prefect_home() -> Path:
    """Where marketfact keeps Prefect's state (its SQLite database) unless PREFECT_HOME is set.

    A user cache folder: every clone on the machine reuses the migrated database, nothing to ignore in git. Keyed
    by Prefect's version, as an older Prefect cannot open a database a newer one migrated (and so not the
    ``~/.prefect`` of the user's other Prefect work).
    """
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "marketfact" / f"prefect-{metadata.version('prefect')}"


def _flatten(table: Mapping[str, Any], prefix: str = "PREFECT") -> dict[str, str]:
    """``{"server": {"analytics_enabled": False}}`` → ``{"PREFECT_SERVER_ANALYTICS_ENABLED": "False"}``."""
    out: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}_{key.upper()}"
        out.update(_flatten(value, name) if isinstance(value, Mapping) else {name: str(value)})
    return out


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def _read_dotenv(path: Path) -> dict[str, str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    pairs = (ln.strip().removeprefix("export ").partition("=") for ln in lines)
    return {k.strip().upper(): v.strip().strip("'\"") for k, eq, v in pairs if eq and not k.startswith("#")}


def _profiles_path(environ: Mapping[str, str]) -> Path:
    if environ.get("PREFECT_PROFILES_PATH"):
        return Path(environ["PREFECT_PROFILES_PATH"]).expanduser()
    return Path(environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser() / "profiles.toml"


def _user_settings(environ: Mapping[str, str], cwd: Path) -> list[dict[str, str]]:
    """What the user configured, one mapping per Prefect settings source in Prefect 3's order (environment, ``.env``,
    ``prefect.toml``, ``pyproject.toml``, profile); read without importing Prefect, which costs ≈0.9 s."""
    profiles = _read_toml(_profiles_path(environ))
    active = environ.get("PREFECT_PROFILE") or profiles.get("active")
    profile = profiles.get("profiles", {}).get(active, {}) if isinstance(active, str) else {}
    return [
        {k.upper(): v for k, v in environ.items()},
        _read_dotenv(cwd / ".env"),
        _flatten(_read_toml(cwd / "prefect.toml")),
        _flatten(_read_toml(cwd / "pyproject.toml").get("tool", {}).get("prefect", {})),
        {k.upper(): str(v) for k, v in profile.items()},
    ]


def _lookup(sources: list[dict[str, str]], names: tuple[str, ...]) -> str | None:
    return next((s[n] for s in sources for n in names if n in s), None)


def configured_api_url(environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> str | None:
    """The Prefect API URL the user configured in any Prefect settings source, else None."""
    sources = _user_settings(os.environ if environ is None else environ, cwd or Path.cwd())
    return _lookup(sources, ("PREFECT_API_URL",)) or None


def prefect_env_defaults(
    home: Path | None = None, environ: Mapping[str, str] | None = None, cwd: Path | None = None
) -> dict[str, str]:
    """The variables :func:`configure_prefect` would set: those the user configured nowhere."""
    environ = os.environ if environ is None else environ
    sources = _user_settings(environ, cwd or Path.cwd())
    out: dict[str, str] = {}
    if _lookup(sources, ("PREFECT_HOME",)) is None:
        out["PREFECT_HOME"] = str(Path(home or default_prefect_home()).expanduser().resolve())
        user_profiles = _profiles_path(environ)
        if "PREFECT_PROFILES_PATH" not in environ and user_profiles.exists():
            # Moving PREFECT_HOME would drop the user's profiles (and a server URL in them) silently.
            out["PREFECT_PROFILES_PATH"] = str(user_profiles)
    for default in ENV_DEFAULTS:
        if _lookup(sources, default.names) is None:
            out[default.names[0]] = default.value
    return out


def configure_prefect(home: Path | None = None) -> None:
    """Set marketfact's Prefect defaults in ``os.environ``, before Prefect is imported (which reads them then;
    they are refreshed here if it already was). Nothing the user configured in any Prefect settings source is
    overridden. ``home`` replaces :func:`default_prefect_home`; both only when the user chose no PREFECT_HOME."""
    for name, value in prefect_env_defaults(home).items():
        os.environ.setdefault(name, value)
    Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)
    if "prefect.context" in sys.modules:
        sys.modules["prefect.context"].refresh_global_settings_context()


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


class TemporaryServer:
    """Prefect's temporary API server, launched early in a child process.

    Same command and environment as Prefect's ``SubprocessASGIServer`` (uvicorn serving ``create_app`` as an
    ephemeral server without UI): the same server, started sooner. A watcher thread, asleep between polls, waits
    for ``/api/health``, then requests an unknown path, which makes FastAPI build every route (≈0.4 s) before the
    flow's first call. :func:`prefect_runtime` stops it; so does :meth:`stop`, or the end of the process.
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
        spec = importlib.util.find_spec("prefect")
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("Prefect is not installed")
        self.port = _free_port()
        command = [
            sys.executable, "-m", "uvicorn",
            "--app-dir", str(Path(next(iter(spec.submodule_search_locations))).parent),
            "--factory", "prefect.server.api.server:create_app",
            "--host", "127.0.0.1", "--port", str(self.port),
            "--log-level", "error", "--lifespan", "on",
        ]  # fmt: skip
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
        temporary server, and joining the heartbeat thread costs up to 1 s at the end of a run. ``stop`` undoes it.
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

    def stop(self) -> None:
        """Flush Prefect's pending logs and events, let the server record them, stop it as Prefect does
        (terminate; kill after 5 s) and restore ``PREFECT_API_URL``."""
        if os.getpid() != self._owner:
            return
        with contextlib.suppress(ValueError):  # a settings context entered in another thread
            self._settings.close()
        self._heartbeats_off = False
        if self.process is None:
            return
        if self.process.poll() is None:
            _drain_prefect_workers()
            self._settle()
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
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


def _drain_prefect_workers() -> None:
    """Send the logs and events Prefect still holds, as ``prefect_test_harness`` does before it stops its server:
    else they are retried against a closed port at exit (≈1.5 s, and an 'All connection attempts failed' line)."""

    # Their "Still processing items: N remaining" warning only narrates the wait asked for here.
    def quiet(record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Still processing items")

    loggers = [logging.getLogger(name) for name in ("APILogWorker", "EventsWorker")]
    for logger in loggers:
        logger.addFilter(quiet)
    try:
        if (handlers := sys.modules.get("prefect.logging.handlers")) is not None:
            with contextlib.suppress(Exception):
                handlers.APILogHandler.flush()
        if (worker := sys.modules.get("prefect.events.worker")) is not None:
            with contextlib.suppress(Exception):
                worker.EventsWorker.drain_all()
    finally:
        for logger in loggers:
            logger.removeFilter(quiet)


def start_temporary_server() -> TemporaryServer | None:
    """Launch Prefect's temporary server now (after :func:`configure_prefect`, before importing Prefect; call
    ``wait_ready()`` just before the flow). None when the user configured a server, used untouched, or switched
    the temporary server off."""
    sources = _user_settings(os.environ, Path.cwd())
    if _lookup(sources, ("PREFECT_API_URL",)):
        return None
    ephemeral = _lookup(sources, _EPHEMERAL_NAMES)
    if ephemeral is not None and ephemeral.strip().lower() in {"0", "false", "no", "off"}:
        return None
    return TemporaryServer()


def prewarm_import(*modules: str) -> threading.Thread:
    """Import ``modules`` one after the other in a daemon thread (returned), e.g. Great Expectations (≈2.5-3 s)
    while this process would only wait for the temporary server. Start it after this process's own imports, so
    two threads never import the same packages at once. A later ``import`` of a module waits for this one; an
    import error is raised again there, where it belongs."""

    def run() -> None:
        for module in modules:
            with contextlib.suppress(Exception):
                importlib.import_module(module)

    thread = threading.Thread(target=run, name=f"prewarm-{'+'.join(modules)}", daemon=True)
    thread.start()
    return thread


def skip_final_gc() -> None:
    """Call last, just before the CLI exits: the interpreter's final garbage collection walks every object of the
    ≈3 000 modules Prefect, the project and Great Expectations loaded (≈1.3 s after ``marketfact check`` on
    an idle machine, more under load). ``gc.freeze()`` takes them out of it (≈0.1 s); objects are still released
    and streams flushed."""
    gc.freeze()


@contextlib.contextmanager
def prefect_runtime(home: Path | None = None) -> Iterator[TemporaryServer | None]:
    """:func:`configure_prefect` and :func:`start_temporary_server` for a ``with`` block.

    Yields the server (None when a configured one is used); stops it on the way out::

        with prefect_runtime() as server:
            from flows.verify import verify_claims   # Prefect and the project, while it boots
            prewarm_import("great_expectations")
            if server is not None:
                server.wait_ready()
            verify_claims(...)
    """
    configure_prefect(home)
    server = start_temporary_server()
    try:
        yield server
    finally:
        if server is not None:
            server.stop()
