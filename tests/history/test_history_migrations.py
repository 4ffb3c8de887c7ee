"""The history's schema comes from Alembic migrations that match the models and can be repeated."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from history_builders import at, deepseek_claims, deepseek_verdicts, run_report
from sqlalchemy import inspect

import marketfact.history
from marketfact.history.engine import MIGRATIONS, SCHEMA_HEAD, alembic_config
from marketfact.history.models import Base
from marketfact.history.store import HistoryStore

TABLES = {"runs", "claims", "verdicts", "verdict_changes"}


def _diff(store: HistoryStore) -> list[object]:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_upgrade_on_an_empty_database_yields_the_models_schema(tmp_path: Path) -> None:
    with HistoryStore(f"sqlite:///{tmp_path}/h.db") as store:
        assert store.current_revision() is None
        store.upgrade()
        assert store.current_revision() == store.head_revision() == SCHEMA_HEAD
        assert _diff(store) == []
        with store.engine.connect() as connection:
            command.check(alembic_config(connection))  # autogenerate through env.py finds nothing to do
            assert set(inspect(connection).get_table_names()) >= TABLES


def test_the_comparison_would_see_a_missing_migration(tmp_path: Path) -> None:
    with HistoryStore(f"sqlite:///{tmp_path}/h.db") as store:
        store.upgrade()
        with store.engine.begin() as connection:
            connection.exec_driver_sql("DROP INDEX ix_verdicts_claim_id")
        assert [d[0] for d in _diff(store)] == ["add_index"]  # type: ignore[index]


def test_upgrade_is_idempotent_and_keeps_the_data(tmp_path: Path) -> None:
    with HistoryStore(f"sqlite:///{tmp_path}/h.db") as store:
        store.upgrade()
        store.record(run_report("r1", at("2025-01-29T06:00"), deepseek_verdicts(deepseek_claims())))
        store.upgrade()
        store.upgrade("head")
        assert store.current_revision() == SCHEMA_HEAD
        assert [r.run_id for r in store.runs()] == ["r1"]
        assert _diff(store) == []


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    with HistoryStore(f"sqlite:///{tmp_path}/h.db") as store:
        store.upgrade()
        with store.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        with store.engine.connect() as connection:
            assert not TABLES & set(inspect(connection).get_table_names())
        store.upgrade()
        assert _diff(store) == []


def test_migrations_are_found_next_to_the_package_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert Path(marketfact.history.__file__).resolve().parent / "migrations" == MIGRATIONS
    monkeypatch.chdir(tmp_path)
    with HistoryStore("sqlite:///relative/h.db") as store:
        store.upgrade()
    assert (tmp_path / "relative" / "h.db").is_file()


def test_the_developer_ini_migrates_a_database_given_on_the_command_line(tmp_path: Path) -> None:
    ini = Path(marketfact.history.__file__).resolve().parent / "alembic.ini"
    url = f"sqlite:///{tmp_path}/cli.db"
    config = Config(str(ini), cmd_opts=argparse.Namespace(x=[f"url={url}"]))
    command.upgrade(config, "head")
    with HistoryStore(url) as store:
        assert store.current_revision() == SCHEMA_HEAD
        assert _diff(store) == []
