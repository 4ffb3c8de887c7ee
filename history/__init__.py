"""The verdict history: every run's verdicts in a database, claims keyed by what they assert.

``HistoryStore(url).upgrade()`` creates or migrates the schema (Alembic), ``record(run)`` stores a run and
returns what changed, ``history(claim)`` and ``runs()`` read it back, ``format_history`` renders it.
Pure storage: no Prefect here.
"""

from marketfact.history.changes import ChangeKind, classify
from marketfact.history.format import format_history, format_runs
from marketfact.history.keys import canonical_claim, claim_hash, evidence_fingerprint
from marketfact.history.rows import Change, HistoryRow, RunSummary
from marketfact.history.store import (
    HistoryError,
    HistoryStore,
    RunAlreadyRecordedError,
    SchemaNotReadyError,
)

__all__ = [
    "Change",
    "ChangeKind",
    "HistoryError",
    "HistoryRow",
    "HistoryStore",
    "RunAlreadyRecordedError",
    "RunSummary",
    "SchemaNotReadyError",
    "canonical_claim",
    "claim_hash",
    "classify",
    "evidence_fingerprint",
    "format_history",
    "format_runs",
]
