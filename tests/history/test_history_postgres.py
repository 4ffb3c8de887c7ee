"""The history on a real PostgreSQL server: migrations, change kinds, and two recorders at once.

The server is a throwaway cluster (initdb + pg_ctl) on loopback in a temporary folder, stopped at the
end. Skipped where PostgreSQL's binaries or the psycopg driver are not installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from history_builders import MONDAY, at, close_change, deepseek_claims, deepseek_verdicts, run_report, unverifiable
from history_recorders import assert_complete_and_consistent, record_in_two_processes
from sqlalchemy import create_engine, text

from marketfact.checks.verdicts import Label
from marketfact.history import ChangeKind, HistoryStore
from marketfact.history.engine import SCHEMA_HEAD
from marketfact.history.models import Base

pytestmark = pytest.mark.slow


def _binary(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A PostgreSQL server for this module; yields its admin URL (database ``postgres``)."""
    pytest.importorskip("psycopg")
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("PostgreSQL's initdb/pg_ctl are not installed")
    root = Path(tempfile.mkdtemp(prefix="marketfact-pg-"))
    # PostgreSQL refuses to run as root: run it as the postgres account, which must own its folder.
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user:
        shutil.chown(root, "postgres")
    port, data = _free_port(), root / "data"
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    try:
        subprocess.run(
            [*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "marketfact", "-E", "UTF8", "--no-sync"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [*as_user, pg_ctl, "-D", str(data), "-l", str(root / "server.log"), "-o", options, "-w", "start"],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://marketfact@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(server: str) -> str:
    """A new, empty database on the server."""
    name = f"history_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.rsplit("/", 1)[0] + f"/{name}"


def test_migrations_build_the_models_schema_on_postgres(pg_url: str) -> None:
    with HistoryStore(pg_url) as store:
        store.upgrade()
        store.upgrade()
        assert store.current_revision() == HistoryStore.head_revision() == SCHEMA_HEAD
        with store.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []


def test_recording_and_changes_on_postgres(pg_url: str) -> None:
    claims = deepseek_claims()
    nvda = claims["nvda-monday-plunge"]
    with HistoryStore(pg_url) as store:
        store.upgrade()
        first = store.record(run_report("r1", at("2025-01-27T16:00"), [unverifiable(nvda, "no close yet")]))
        assert [c.kind for c in first] == [ChangeKind.FIRST]
        [arrived] = store.record(
            run_report("r2", at("2025-01-27T22:30"), [close_change(nvda, date(2025, 1, 24), MONDAY, Label.CORRECT)])
        )
        assert arrived.kind is ChangeKind.DATA_ARRIVED
        changes = store.record(run_report("r3", at("2025-01-28T22:30"), deepseek_verdicts(claims)))
        assert sorted(c.kind for c in changes) == [ChangeKind.FIRST] * 4  # NVDA's Monday claim is unchanged
        rows = store.history(nvda.id)
        assert [r.run_id for r in rows] == ["r1", "r2", "r3"]
        assert rows[0].started_at == at("2025-01-27T16:00")
        assert rows[1].retrieved_at is not None
        assert rows[1].retrieved_at.tzinfo is UTC


def test_two_processes_record_at_once_on_postgres(pg_url: str) -> None:
    record_in_two_processes(pg_url)
    assert_complete_and_consistent(pg_url)
