"""Every path and setting in one place (pydantic-settings): environment variables ``MARKETFACT_*``.

Command-line options override these; nothing else in the project reads the environment for settings.
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _shipped_snapshot() -> Path:
    """``market.snapshot.SHIPPED_SNAPSHOT``, found without importing it: that would import pandas
    before ``marketfact check`` has launched Prefect's temporary server, which boots meanwhile."""
    spec = find_spec("marketfact.market")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the market package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


SHIPPED_SNAPSHOT = _shipped_snapshot()

SourceMode = Literal["auto", "snapshot", "yfinance"]

_SQLITE_FILE = "sqlite:///"

# The defaults, here and nowhere else (the flows' parameters and the schedule file's defaults name these).
DEFAULT_OUT_DIR = "out"
DEFAULT_CACHE_DIR = ".cache/marketfact"
HISTORY_FILE = "history.db"


def absolute(path: str | os.PathLike[str], base: Path | None = None) -> Path:
    """``path`` made absolute once, at the boundary where a user gave it: ``~`` expanded, relative paths
    taken from ``base`` (the working directory by default), ``..`` folded. Nothing after the boundary
    depends on the working directory (Great Expectations, a Prefect worker and a Dask worker all may not
    share it)."""
    expanded = Path(path).expanduser()
    return Path(os.path.normpath((base or Path.cwd()) / expanded))


def absolute_url(url: str, base: Path | None = None) -> str:
    """A SQLAlchemy URL whose SQLite file is absolute (``sqlite:///out/history.db`` → ``sqlite:////…/out/…``);
    other URLs (a server, an in-memory SQLite) are returned as given."""
    if not url.startswith(_SQLITE_FILE):
        return url
    file, sep, query = url[len(_SQLITE_FILE) :].partition("?")
    if not file or file == ":memory:" or file.startswith("/"):
        return url
    return f"{_SQLITE_FILE}{absolute(file, base)}{sep}{query}"


def report_base_url(url: str) -> str:
    """``url`` checked to be an http(s) URL of a folder (ending in ``/``, so a run's path joins onto it)."""
    from urllib.parse import urlsplit

    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"report base URL {url!r}: give the http(s) URL where the report folder is served")
    return url if url.endswith("/") else url + "/"


class Settings(BaseSettings):
    """marketfact's settings; each field can be set as ``MARKETFACT_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="MARKETFACT_", extra="ignore", validate_default=True)

    snapshot_dir: Path = SHIPPED_SNAPSHOT
    """The market-data snapshot read offline (the shipped one by default)."""
    cache_dir: Path = Path(DEFAULT_CACHE_DIR)
    """Where live downloads are cached (keyed by symbol, interval, adjustment and dates)."""
    out_dir: Path = Path(DEFAULT_OUT_DIR)
    """Where reports are written, one folder per run plus an index page."""
    source: SourceMode = "auto"
    """auto: the snapshot where it covers the request, yfinance otherwise; or only one of them."""
    history_url: str | None = None
    """SQLAlchemy URL of the verdict history; by default the SQLite file ``<out_dir>/history.db``."""
    prefect_home: Path | None = None
    """PREFECT_HOME for runs without a Prefect server; by default a per-user cache folder keyed by Prefect's
    version (flows/runtime.py), so its database is migrated once per machine, not once per run."""
    network_deadline: float = Field(default=60.0, gt=0, le=3600, allow_inf_nan=False)
    """Seconds all of a run's requests to Yahoo Finance share (``--source yfinance`` or ``auto``): past them, no
    request waits any longer and the claims that needed one are UNVERIFIABLE, saying so."""
    lang: Literal["en", "de"] = "en"
    """Language and number formats of the report."""
    web_token: str | None = None
    """The review desk's token (``marketfact web --token``): required when it listens beyond loopback."""
    report_base_url: str | None = None
    """The http(s) URL where ``out_dir`` is served (``https://reports.example.org/marketfact/``): the Prefect UI
    then links each run's report.html. Without it the run's artifact shows the report's path instead."""

    @field_validator("snapshot_dir", "cache_dir", "out_dir", "prefect_home")
    @classmethod
    def _absolute_path(cls, value: Path | None) -> Path | None:
        """Relative paths (defaults included) are taken from the working directory, once, here."""
        return None if value is None else absolute(value)

    @field_validator("history_url")
    @classmethod
    def _absolute_sqlite(cls, value: str | None) -> str | None:
        return None if value is None else absolute_url(value)

    @field_validator("report_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        return None if value is None or not value.strip() else report_base_url(value)

    def history_for(self, out_dir: Path) -> str:
        """The history URL: the setting, or a SQLite file in the report folder (absolute either way)."""
        return self.history_url or f"{_SQLITE_FILE}{absolute(out_dir) / HISTORY_FILE}"
