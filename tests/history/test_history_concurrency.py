"""Two processes migrating and recording into one SQLite history at once lose and corrupt nothing."""

from __future__ import annotations

from pathlib import Path

from history_recorders import assert_complete_and_consistent, record_in_two_processes

from marketfact.history.store import HistoryStore


def test_two_processes_record_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/history.db"
    record_in_two_processes(url)
    assert_complete_and_consistent(url)
    with HistoryStore(url) as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
