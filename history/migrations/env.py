"""Alembic environment of the verdict history.

``HistoryStore.upgrade()`` hands over a connection already inside a write transaction
(``config.attributes["connection"]``); the ``alembic`` command line (``history/alembic.ini``) gets an engine
built the same way, for ``-x url=...`` or the ini's ``sqlalchemy.url``. Either way all migrations of one
upgrade run in one transaction, so two processes upgrading at once apply them once: SQLite serialises the
two through ``BEGIN IMMEDIATE``, PostgreSQL through a transaction-scoped advisory lock.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from marketfact.history.engine import WRITE_OPTION, make_engine
from marketfact.history.models import Base

ADVISORY_LOCK_ID = 0x6D66_6869  # "mfhi": any constant shared by every marketfact process

config = context.config
if config.config_file_name is not None:  # the command line; HistoryStore leaves logging to its caller
    fileConfig(config.config_file_name, disable_existing_loggers=False)
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table instead
        compare_type=True,
    )


def _migrate(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_ID})")
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Write the SQL of the migrations instead of running them (``alembic upgrade head --sql``)."""
    context.configure(
        url=_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("no database: pass -x url=... or set sqlalchemy.url")
    return url


def run_migrations_online() -> None:
    """Migrate on the caller's connection, or on a new one to the configured URL."""
    given = config.attributes.get("connection")
    if given is not None:
        _migrate(given)
        return
    engine = make_engine(_url())
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                _migrate(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
