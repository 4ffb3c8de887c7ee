"""Every measured value in the history says its basis: which price, which sessions, which exchange and time zone.

Verdicts come from the core run in-process on the shipped snapshot (examples/deepseek-2025-01.yaml, real prices,
no Prefect). Migration 0003 added the columns; a history recorded at 0002 keeps its rows, with no basis invented.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import inspect, select

import marketfact.history.store as store_module
from marketfact.checks.run import run_in_process
from marketfact.checks.runreport import RunReport
from marketfact.checks.verdicts import Label
from marketfact.claims.load import load_claims
from marketfact.cli import main
from marketfact.history import HistoryRow, HistoryStore, format_history
from marketfact.history.engine import SCHEMA_HEAD, alembic_config
from marketfact.history.format import BASIS_HEADER
from marketfact.history.models import Base
from marketfact.history.rows import verdict_values
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "deepseek-2025-01.yaml"
BASIS = ("price_field", "start_session", "exchange", "timezone")  # the columns of migration 0003
FRIDAY, MONDAY, TUESDAY = date(2025, 1, 24), date(2025, 1, 27), date(2025, 1, 28)


def _run(run_id: str, hours: int = 0) -> RunReport:
    snapshot = SnapshotSource()
    run = run_in_process(
        load_claims(EXAMPLE), snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource(),
        validate=False,
    )  # fmt: skip
    started = run.started_at + timedelta(hours=hours)
    return replace(run, run_id=run_id, started_at=started, finished_at=started)


@pytest.fixture(scope="module")
def run() -> RunReport:
    return _run("run-1")


def _cells(line: str) -> list[str]:
    """The cells of a table line (columns are two or more spaces apart)."""
    return re.split(r" {2,}", line.strip())


def _verdict_rows(store: HistoryStore) -> list[dict[str, Any]]:
    """Every stored verdict, every column the database has, in recording order."""
    table = Base.metadata.tables["verdicts"]
    with store.engine.connect() as connection:
        present = {c["name"] for c in inspect(connection).get_columns("verdicts")}
        columns = [c for c in table.c if c.name in present]
        return [dict(r._mapping) for r in connection.execute(select(*columns).order_by(table.c.id))]


def test_a_recorded_verdict_keeps_its_price_sessions_exchange_and_time_zone(tmp_path: Path, run: RunReport) -> None:
    with HistoryStore(f"sqlite:///{tmp_path}/h.db") as store:
        store.upgrade()
        store.record(run)
        stored = {r["claim_id"]: r for r in _verdict_rows(store)}
    for verdict in run.verdicts:  # what the run concluded, column by column
        row = stored[verdict.claim_id]
        assert (row["price_field"], row["exchange"], row["timezone"]) == (
            verdict.price_field, verdict.exchange, verdict.timezone,
        )  # fmt: skip
        assert (row["base_session"], row["start_session"], row["end_session"]) == (
            verdict.base_session, verdict.start_session, verdict.end_session,
        )  # fmt: skip
    plunge, at_times = stored["nvda-monday-plunge"], stored["nvda-market-value-at-times"]
    assert [plunge[k] for k in ("price_field", "base_session", "start_session", "end_session")] == [
        "close", FRIDAY, MONDAY, MONDAY,
    ]  # fmt: skip
    assert (plunge["exchange"], plunge["timezone"]) == ("XNAS", "America/New_York")
    assert at_times["price_field"] == "intraday low"
    assert at_times["unit"] == "bn EUR"
    tokyo = stored["advantest-two-days"]
    assert (tokyo["start_session"], tokyo["end_session"], tokyo["timezone"]) == (MONDAY, TUESDAY, "Asia/Tokyo")


def _record_without_basis(store: HistoryStore, run: RunReport, monkeypatch: pytest.MonkeyPatch) -> None:
    """Record ``run`` as a marketfact before migration 0003 did: no basis columns."""

    def old_values(run_id: str, key: str, verdict: Any) -> dict[str, Any]:
        return {k: v for k, v in verdict_values(run_id, key, verdict).items() if k not in BASIS}

    with monkeypatch.context() as patch:
        patch.setattr(store_module, "verdict_values", old_values)
        store._schema_checked = True
        store.record(run)
    store._schema_checked = False


def test_migration_0003_keeps_every_old_row_and_leaves_its_basis_empty(
    tmp_path: Path, run: RunReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    with HistoryStore(f"sqlite:///{tmp_path}/h.db") as store:
        store.upgrade("0002")
        _record_without_basis(store, run, monkeypatch)
        before = _verdict_rows(store)
        assert len(before) == 5
        assert not set(BASIS) & set(before[0])  # the 0002 table has no such columns
        store.upgrade()
        assert store.current_revision() == SCHEMA_HEAD
        after = _verdict_rows(store)
        assert [{k: v for k, v in r.items() if k not in BASIS} for r in after] == before
        assert all(r[k] is None for r in after for k in BASIS)
        # the old row shows the sessions it has and says what it lacks; a new run records its basis
        store.record(_run("run-2", hours=1))
        rows = store.history("nvda-monday-plunge")
        text = format_history(rows, "nvda-monday-plunge")
        [old] = [line for line in text.splitlines() if " run-1 " in line]
        [new] = [line for line in text.splitlines() if " run-2 " in line]
        assert _cells(old)[3:5] == ["-16.97%", "2025-01-24 → 2025-01-27 (price and time zone not recorded)"]
        assert "XNAS" not in old
        assert _cells(new)[3:5] == ["-16.97%", "close 2025-01-24 → 2025-01-27 (XNAS, America/New_York)"]
        with store.engine.begin() as connection:  # and back: the new columns go, the rows stay
            command.downgrade(alembic_config(connection), "0002")
        assert _verdict_rows(store)[:5] == before
        assert len(_verdict_rows(store)) == 10


def _row(**changes: Any) -> HistoryRow:
    row = HistoryRow(
        claim_hash="0" * 64, claim_id="c", subject="Nvidia", text="Nvidia fell 17 % on Monday.", run_id="r",
        started_at=datetime(2025, 1, 28, 6, tzinfo=UTC), label=Label.CORRECT, measured=-16.97, unit="%",
        claimed="down 17", explanation="", reason=None, source="snapshot", retrieved_at=None,
        price_field="close", base_session=FRIDAY, start_session=MONDAY, end_session=MONDAY, exchange="XNAS",
        timezone="America/New_York", synthetic=False, report_path=None, change=None, from_label=None,
        change_run_id=None, verdicts_recorded=1,
    )  # fmt: skip
    return replace(row, **changes)


NY = "(XNAS, America/New_York)"


@pytest.mark.parametrize(
    ("changes", "measured", "basis"),
    [
        ({}, "-16.97%", f"close 2025-01-24 → 2025-01-27 {NY}"),
        ({"start_session": MONDAY, "end_session": TUESDAY}, "-16.97%", f"close 2025-01-24 → 2025-01-28 {NY}"),
        ({"price_field": "adjusted close"}, "-16.97%", f"adjusted close 2025-01-24 → 2025-01-27 {NY}"),
        (
            {"price_field": "intraday low", "measured": -602.83, "unit": "bn EUR"},
            "-602.83 bn EUR",
            f"intraday low 2025-01-27 vs close 2025-01-24 {NY}",
        ),
        (
            {"price_field": "intraday high", "end_session": TUESDAY, "measured": 3.2},
            "+3.20%",
            f"intraday high 2025-01-27 to 2025-01-28 vs close 2025-01-24 {NY}",
        ),
        ({"base_session": None, "start_session": None}, "-16.97%", f"close 2025-01-27 {NY}"),
        (
            {"exchange": "XETR", "timezone": "Europe/Berlin"},
            "-16.97%",
            "close 2025-01-24 → 2025-01-27 (XETR, Europe/Berlin)",
        ),
        # recorded before migration 0003: the sessions stored, nothing invented
        (
            {"price_field": None, "start_session": None, "exchange": None, "timezone": None},
            "-16.97%",
            "2025-01-24 → 2025-01-27 (price and time zone not recorded)",
        ),
        (
            dict.fromkeys(("price_field", "base_session", "start_session", "end_session", "exchange", "timezone")),
            "-16.97%",
            "(price and time zone not recorded)",
        ),
        ({"label": Label.UNVERIFIABLE, "measured": None}, "-", "-"),
    ],
)
def test_the_measured_cell_and_its_basis(changes: dict[str, Any], measured: str, basis: str) -> None:
    lines = format_history([_row(**changes)]).splitlines()
    header, row = lines[0], lines[2]
    start = header.index(BASIS_HEADER)
    assert row[start:].startswith(basis + "  ")
    assert row[:start].rstrip().endswith("  " + measured)


def test_the_tables_say_session_dates_are_exchange_local_and_run_times_utc(tmp_path: Path, run: RunReport) -> None:
    with HistoryStore(f"sqlite:///{tmp_path}/history.db") as store:
        store.upgrade()
        store.record(run)
    result = CliRunner().invoke(main, ["history", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    header, _, *rows = result.output.splitlines()
    assert "basis (exchange-local dates)" in header
    assert "checked (UTC)" in header
    by_id = {_cells(line)[1]: _cells(line)[5:7] for line in rows}  # measured, basis
    assert by_id["advantest-two-days"] == ["-18.79%", "close 2025-01-24 → 2025-01-28 (XTKS, Asia/Tokyo)"]
    assert by_id["siemens-energy-monday"] == ["-19.95%", "close 2025-01-24 → 2025-01-27 (XETR, Europe/Berlin)"]
    money, basis = by_id["nvda-market-value-at-times"]
    assert money.endswith(" bn EUR")
    assert basis == "intraday low 2025-01-27 vs close 2025-01-24 (XNAS, America/New_York)"
    detail = CliRunner().invoke(main, ["history", "-o", str(tmp_path), "nvda-monday-plunge"]).output.splitlines()
    [table_header] = [line for line in detail if "run started (UTC)" in line]
    assert "basis (exchange-local dates)" in table_header
    [row] = [_cells(line) for line in detail if "CORRECT" in line and line.startswith("  2")]
    assert row[3:5] == ["-16.97%", "close 2025-01-24 → 2025-01-27 (XNAS, America/New_York)"]
