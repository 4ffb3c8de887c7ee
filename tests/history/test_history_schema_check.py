"""The check every run makes on a history already at the newest schema: one query, no Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from marketfact.history import HistoryError, HistoryStore
from marketfact.history.engine import SCHEMA_HEAD, VERSION_TABLE

REPO = Path(__file__).resolve().parents[2]


def test_the_schema_head_constant_is_the_newest_migration() -> None:
    assert HistoryStore.head_revision() == SCHEMA_HEAD


def test_a_database_at_head_is_upgraded_and_recorded_to_without_importing_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/h.db"
    with HistoryStore(url) as store:
        store.upgrade()
    probe = (
        "import sys\n"
        "from history import HistoryStore\n"
        f"store = HistoryStore({url!r})\n"
        "store.upgrade()\n"
        "store._require_schema()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
        "print(store.current_revision())\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert proc.stdout.splitlines() == ["[]", SCHEMA_HEAD]


def test_an_older_database_still_goes_through_alembic(tmp_path: Path) -> None:
    with HistoryStore(f"sqlite:///{tmp_path}/h.db") as store:
        store.upgrade()
        with store.engine.begin() as connection:
            connection.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = 'not-a-revision'"))
        assert store.current_revision() == "not-a-revision"
        with pytest.raises(Exception, match="not-a-revision"):  # Alembic's own error: it cannot place it
            store.upgrade()


def test_a_database_at_two_revisions_is_refused(tmp_path: Path) -> None:
    with HistoryStore(f"sqlite:///{tmp_path}/h.db") as store:
        store.upgrade()
        with store.engine.begin() as connection:
            connection.execute(text(f"INSERT INTO {VERSION_TABLE} (version_num) VALUES ('0001')"))
        with pytest.raises(HistoryError, match="several revisions"):
            store.current_revision()


def test_no_version_table_means_never_migrated(tmp_path: Path) -> None:
    with HistoryStore(f"sqlite:///{tmp_path}/h.db") as store:
        with store.engine.begin() as connection:
            connection.execute(text("CREATE TABLE unrelated (x INTEGER)"))
        assert store.current_revision() is None
