"""Engines and Alembic configuration for the verdict history, shared by the store and ``migrations/env.py``.

SQLite gets the settings that make two processes recording at once safe: WAL journal (readers never block
the writer), a busy timeout (a second writer waits instead of failing with "database is locked") and
foreign keys. Transactions that write start with ``BEGIN IMMEDIATE``: the write lock is taken before the
first read, so a recorder never decides on a change from a snapshot another process has since
overtaken. Other databases (PostgreSQL …) use their own locking; see ``HistoryStore.record``.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import Connection

if TYPE_CHECKING:  # imported when a migration really runs: Alembic's import costs ≈0.1 s
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
"""The Alembic script folder, found next to this module so that it works from an installed package."""

SCHEMA_HEAD = "0003"
"""The newest migration in ``MIGRATIONS`` (a test keeps the two in step): the schema this code expects, known
without importing Alembic, so that a run on a database already there checks it with one query."""

VERSION_TABLE = "alembic_version"
"""Where Alembic keeps the revision a database is at (its default name)."""

WRITE_OPTION = "marketfact_history_write"
"""Execution option marking a connection whose transactions write (``BEGIN IMMEDIATE`` on SQLite)."""

BUSY_TIMEOUT_MS = 30_000
"""How long an SQLite writer waits for another process's transaction before giving up."""


def is_sqlite(url: str) -> bool:
    """Whether ``url`` names an SQLite database."""
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: str) -> Path | None:
    """The database file of an SQLite URL, or None for in-memory databases and other backends."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _wal(cursor: Any, patience: float) -> None:
    """Switch the file to WAL (persistent, so usually already done).

    Switching needs the file to itself, and SQLite answers "database is locked" at once, without its busy
    handler, when two new connections try together: retry for as long as the busy timeout would wait.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def make_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine for ``url``; on SQLite with WAL, a busy timeout, foreign keys and explicit BEGINs."""
    engine = create_engine(url)
    if engine.dialect.name != "sqlite":
        return engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module so that our BEGIN (below) is the only one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            _wal(cursor, busy_timeout_ms / 1000)
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic ``Config`` for the history's migrations, without any ini file.

    With ``connection``, ``env.py`` migrates on it inside the caller's transaction.
    """
    from alembic.config import Config

    config = Config()
    # ConfigParser treats "%" as interpolation; a folder name may contain one.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config
