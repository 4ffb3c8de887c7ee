"""Make a CLI run of a Prefect flow start fast, keeping Prefect's real API server.

Without a configured server, Prefect starts a temporary one (uvicorn in a child process) when the first client is
made, after importing the server package in this process too. :class:`~flows.tempserver.TemporaryServer` launches
the same server before Prefect is imported: it boots on the second core while this process imports Prefect and the
project with the garbage collector paused (``marketfact.collector``), then, in a background thread, what the flow
needs next (:func:`prewarm`: Great Expectations …). A stable ``PREFECT_HOME`` pays the migrations once; the
flow-run heartbeat (joined at the end of a run) is off for the temporary server; the other settings are in
:data:`ENV_DEFAULTS` with their reasons; what each saves is in docs/performance.md. A server the user configured
(``PREFECT_API_URL`` in the environment, ``.env``, ``prefect.toml``, ``pyproject.toml`` or the profile) is used
untouched. See bench/prefect_startup.py.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import threading
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from marketfact import collector
from marketfact.flows.tempserver import TemporaryServer


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
    ``prefect.toml``, ``pyproject.toml``, profile); read without importing Prefect, which is slow."""
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


Step = str | Callable[[], object]


def prewarm(*steps: Step) -> threading.Thread:
    """Run ``steps`` one after the other in a daemon thread (returned): a module name is imported, a callable
    called. For work a later step of the run needs (Great Expectations' import), done while this process
    would only wait for the temporary server. Start it after this process's own imports and join it before the
    flow starts, so that two threads never import the same packages at once. A later ``import`` of a module
    waits for this one; an import error is raised again there, where it belongs; a failing call is skipped.
    Ends the start-up pause of the garbage collector (``marketfact.collector.resume_imports``)."""

    def run() -> None:
        try:
            for step in steps:
                with contextlib.suppress(Exception):
                    importlib.import_module(step) if isinstance(step, str) else step()
        finally:
            collector.resume_imports()

    names = "+".join(s if isinstance(s, str) else getattr(s, "__name__", "call") for s in steps)
    thread = threading.Thread(target=run, name=f"prewarm-{names}", daemon=True)
    thread.start()
    return thread


@contextlib.contextmanager
def prefect_runtime(home: Path | None = None, *, wait_for_stop: bool = True) -> Iterator[TemporaryServer | None]:
    """:func:`configure_prefect` and :func:`start_temporary_server` for a ``with`` block.

    Yields the server (None when a configured one is used); stops it on the way out, without waiting for its
    process to end if ``wait_for_stop`` is False (see ``TemporaryServer.stop``)::

        with prefect_runtime() as server:
            from marketfact.flows.verify import verify_claims   # Prefect and the project, while it boots
            prewarm("great_expectations").join()
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
            server.stop(wait=wait_for_stop)
