"""Two recorders writing one history at once, and the check that nothing was lost or decided on stale data.

Used for SQLite (test_history_concurrency.py) and PostgreSQL (test_history_postgres.py). The recorders run
in separate interpreters (``spawn``), as two flow runs would.
"""

from __future__ import annotations

import multiprocessing
from datetime import timedelta
from itertools import pairwise
from typing import Any

from history_builders import at, deepseek_claims, deepseek_verdicts, run_report, unverifiable
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketfact.checks.verdicts import Label
from marketfact.history.changes import Observation, classify
from marketfact.history.models import ChangeRecord, VerdictRecord
from marketfact.history.store import HistoryStore

RUNS_PER_PROCESS = 12
CLAIMS = 5


def record_runs(url: str, name: str, barrier: Any) -> None:
    """One recorder: wait for the other, migrate, then record its runs as fast as it can."""
    claims = deepseek_claims()
    judged = deepseek_verdicts(claims)
    pending = [unverifiable(claims[v.claim_id], "no close yet") for v in judged]
    with HistoryStore(url) as store:
        barrier.wait()
        store.upgrade()  # both processes upgrade the fresh database at the same moment
        for i in range(RUNS_PER_PROCESS):
            # Alternate between "data not in yet" and the real verdicts so that most runs change something.
            verdicts = judged if (i + (name == "b")) % 2 else pending
            store.record(run_report(f"{name}-{i:02d}", at("2025-01-27T16:00") + timedelta(minutes=i), verdicts))


def record_in_two_processes(url: str) -> None:
    """Run two ``record_runs`` at once against ``url`` and require both to succeed."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    workers = [context.Process(target=record_runs, args=(url, name, barrier)) for name in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]


def assert_complete_and_consistent(url: str) -> None:
    """Every run and verdict is there, and replaying the verdicts gives exactly the stored changes."""
    with HistoryStore(url) as store:
        runs = store.runs(limit=1000)
        assert len(runs) == 2 * RUNS_PER_PROCESS
        assert all(r.counts["total"] == CLAIMS for r in runs)
        with Session(store.engine) as session:
            verdicts = session.scalars(select(VerdictRecord).order_by(VerdictRecord.id)).all()
            changes = {c.verdict_id: c for c in session.scalars(select(ChangeRecord))}
    assert len(verdicts) == 2 * RUNS_PER_PROCESS * CLAIMS
    by_claim: dict[str, list[VerdictRecord]] = {}
    for verdict in verdicts:
        by_claim.setdefault(verdict.claim_hash, []).append(verdict)
    assert len(by_claim) == CLAIMS
    # A recorder that decided from a state the other had already moved past would break this replay.
    for chain in by_claim.values():
        assert changes[chain[0].id].kind == "first"
        for previous, current in pairwise(chain):
            expected = classify(
                Observation(Label(previous.label), previous.measured, previous.data_fingerprint),
                Observation(Label(current.label), current.measured, current.data_fingerprint),
            )
            stored = changes.get(current.id)
            assert (stored.kind if stored else None) == (expected.value if expected else None)
            if stored is not None:
                assert stored.previous_run_id == previous.run_id
    assert sum(c.kind == "first" for c in changes.values()) == CLAIMS
