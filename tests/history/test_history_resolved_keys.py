"""One history per assertion: "on Monday", "am Montag" and "2025-01-27" are keyed by the sessions they resolve to.

Verdicts come from the core run in-process on the shipped snapshot (real prices, no Prefect). The migration
test builds a history the way version 1 keyed it (the same canonical dict, unresolved words, ``"v": 1``),
then upgrades it to head.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, select

import marketfact.history.store as store_module
from marketfact.checks.run import run_in_process
from marketfact.checks.runreport import RunReport
from marketfact.claims.listings import run_instruments
from marketfact.claims.load import load_claims
from marketfact.claims.model import ClaimFile
from marketfact.history import ChangeKind, HistoryStore
from marketfact.history.engine import alembic_config
from marketfact.history.keys import canonical_claim, canonical_hash, claim_hash, resolved_window
from marketfact.history.models import ChangeRecord, ClaimRecord, VerdictRecord
from marketfact.history.rows import verdict_values
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource

CLAIM: dict[str, Any] = {
    "text": "Nvidia's share price plunged 17 % on Monday.",
    "subject": "Nvidia",
    "instrument": "NVDA",
    "metric": "close_change",
    "direction": "down",
    "value": 17,
    "published_at": "2025-01-29T07:00:00+01:00",
}
BASIS_COLUMNS = {"price_field", "start_session", "exchange", "timezone"}  # migration 0003
WORDINGS: list[dict[str, Any]] = [
    {"id": "nvda-on-monday", "period": "on Monday", "language": "en"},
    {"id": "nvda-am-montag", "period": "am Montag", "language": "de"},
    {"id": "nvda-2025-01-27", "sessions": ["2025-01-27"]},
]


def _run(wording: dict[str, Any], hours: int) -> RunReport:
    snapshot = SnapshotSource()
    claims = ClaimFile.model_validate({"claims": [{**CLAIM, **wording}]})
    run = run_in_process(
        claims, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource(), validate=False
    )
    started = run.started_at + timedelta(hours=hours)  # one run after the other
    return replace(run, run_id=f"run-{hours}-{wording['id']}", started_at=started, finished_at=started)


@pytest.fixture(scope="module")
def runs() -> list[RunReport]:
    return [_run(w, i) for i, w in enumerate(WORDINGS)]


def test_the_three_wordings_resolve_to_one_window(runs: list[RunReport]) -> None:
    windows = {r.verdicts[0].window for r in runs}
    assert len(windows) == 1
    ((first, last),) = windows
    assert first.isoformat() == last.isoformat() == "2025-01-27"
    assert len({claim_hash(r.claims[0], r.verdicts[0].window) for r in runs}) == 1
    assert len({claim_hash(r.claims[0]) for r in runs}) == 2  # unresolved, words and dates differ


def test_recorded_wordings_share_one_history(tmp_path: Path, runs: list[RunReport]) -> None:
    with HistoryStore(f"sqlite:///{tmp_path}/h.db") as store:
        store.upgrade()
        changes = [store.record(r) for r in runs]
        assert [[c.kind for c in cs] for cs in changes] == [[ChangeKind.FIRST], [], []]
        for wording in WORDINGS:  # any of the ids finds the whole history
            rows = store.history(wording["id"])
            assert [r.run_id for r in rows] == [r.run_id for r in runs]


def _v1_hash(claim: Any, window: Any = None) -> str:
    return canonical_hash(_v1_canonical(claim))


def _v1_canonical(claim: Any, window: Any = None) -> dict[str, Any]:
    return {**canonical_claim(claim), "v": 1}


def _v1_verdict_values(run_id: str, key: str, verdict: Any) -> dict[str, Any]:
    """A verdict's row without the columns later migrations added (0003: its measured value's basis)."""
    return {k: v for k, v in verdict_values(run_id, key, verdict).items() if k not in BASIS_COLUMNS}


def test_migration_merges_the_wordings_recorded_under_version_1(
    tmp_path: Path, runs: list[RunReport], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path}/h.db"
    with HistoryStore(url) as store:
        store.upgrade("0001")
        with monkeypatch.context() as patch:  # record as version 1 did
            patch.setattr(store_module, "claim_hash", _v1_hash)
            patch.setattr(store_module, "canonical_claim", _v1_canonical)
            patch.setattr(store_module, "verdict_values", _v1_verdict_values)
            store._schema_checked = True
            for run in runs:
                store.record(run)
        with store.engine.connect() as connection:
            # version 1 already put "on Monday" and "am Montag" together; the dated wording stood apart
            assert connection.scalar(select(func.count()).select_from(ClaimRecord)) == 2
            assert connection.scalar(select(func.count()).select_from(ChangeRecord)) == 2  # two "first"s
        store.upgrade()
        expected = claim_hash(runs[0].claims[0], runs[0].verdicts[0].window)
        with store.engine.connect() as connection:
            assert connection.scalars(select(ClaimRecord.claim_hash)).all() == [expected]
            assert set(connection.scalars(select(VerdictRecord.claim_hash))) == {expected}
            kinds = connection.scalars(select(ChangeRecord.kind).order_by(ChangeRecord.id)).all()
            assert kinds == ["first"]
            row = connection.execute(select(ClaimRecord.__table__)).one()
            assert row.first_run_id == runs[0].run_id
            assert row.last_run_id == runs[-1].run_id
            assert row.last_claim_id == "nvda-2025-01-27"
            assert row.canonical["v"] == 2
        rows = store.history("nvda-on-monday")
        assert len(rows) == 3
        # a run after the migration lands on the same key
        assert [c.kind for c in store.record(_run(WORDINGS[1], 9))] == []
        assert len(store.history(expected[:8])) == 4
        with store.engine.begin() as connection:  # and back: one key per claim, merged stays merged
            command.downgrade(alembic_config(connection), "0001")
        with store.engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(ClaimRecord)) == 1


def _make_golden():  # type: ignore[no-untyped-def]
    path = Path(__file__).resolve().parents[1] / "data" / "make_golden.py"
    spec = importlib.util.spec_from_file_location("make_golden_keys", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_window_a_run_resolves_is_the_one_the_migration_resolves() -> None:
    """Every coverage claim: ``Verdict.window`` from a run equals ``resolved_window`` (what migration 0002 uses)."""
    golden = _make_golden()
    run = golden.run_claims(load_claims(golden.COVERAGE), validate=False)
    instruments = run_instruments(SnapshotSource().instruments())  # as the migration does
    claims = run.claims_by_id()
    windows = [(v.window, resolved_window(claims[v.claim_id], instruments)) for v in run.verdicts]
    assert all(a == b for a, b in windows), [w for w in windows if w[0] != w[1]]
    assert any(w is None for w, _ in windows)  # unknown instruments, holidays: left on their words
    assert sum(w is not None for w, _ in windows) > len(windows) // 2
