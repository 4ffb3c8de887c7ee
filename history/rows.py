"""Typed rows of the verdict history, and their conversion from and to the ORM records.

``Change``, ``HistoryRow`` and ``RunSummary`` are what callers of ``HistoryStore`` get back; they hold
plain values, so they outlive the database session they were read in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any, Protocol

from marketfact.checks.runreport import RunReport
from marketfact.checks.verdicts import Label, Verdict
from marketfact.history.changes import ChangeKind, Observation, classify
from marketfact.history.keys import evidence_fingerprint
from marketfact.history.models import ChangeRecord, ClaimRecord, RunRecord, VerdictRecord


@dataclass(frozen=True, slots=True)
class Change:
    """A verdict that differs from the claim's previous one (``history.changes`` names the kinds)."""

    claim_hash: str
    claim_id: str
    run_id: str
    previous_run_id: str | None
    kind: ChangeKind
    from_label: Label | None
    to_label: Label
    from_measured: float | None
    to_measured: float | None


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One recorded verdict, with its run, its claim and the change it made (None: unchanged)."""

    claim_hash: str
    claim_id: str
    subject: str
    text: str
    run_id: str
    started_at: datetime
    label: Label
    measured: float | None
    unit: str
    claimed: str
    explanation: str
    reason: str | None
    source: str
    retrieved_at: datetime | None
    # The basis of ``measured``; None where the verdict was recorded before it was kept (migration 0003).
    price_field: str | None  # "close", "intraday low", "adjusted close" …
    base_session: date | None  # the close measured against
    start_session: date | None  # the window's first session
    end_session: date | None
    exchange: str | None  # MIC of the listing
    timezone: str | None  # the exchange's: every session date is a local date there
    synthetic: bool
    report_path: str | None
    change: ChangeKind | None
    from_label: Label | None
    change_run_id: str | None  # the run the change happened in
    verdicts_recorded: int  # of this claim, in all runs


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One recorded run."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    recorded_at: datetime
    claims_file: str
    counts: dict[str, int]
    synthetic: bool
    versions: dict[str, str]
    report_path: str | None
    changes: int


def run_record(run: RunReport, report_path: str | None) -> RunRecord:
    """The ``runs`` row of ``run``."""
    return RunRecord(
        run_id=run.run_id,
        started_at=run.started_at,
        finished_at=run.finished_at,
        recorded_at=datetime.now(UTC),
        claims_file=run.claims_file,
        counts=run.counts(),
        synthetic=run.synthetic,
        versions=dict(run.versions),
        sources=[
            {
                "name": s.name,
                "mode": s.mode,
                "retrieved_at": s.retrieved_at.isoformat() if s.retrieved_at else None,
                "detail": s.detail,
            }
            for s in run.sources
        ],
        report_path=report_path,
    )


def verdict_values(run_id: str, key: str, v: Verdict) -> dict[str, Any]:
    """The ``verdicts`` row of ``v`` in run ``run_id`` on the claim hashed ``key``, as column values."""
    return {
        "run_id": run_id,
        "claim_hash": key,
        "claim_id": v.claim_id,
        "label": v.label.value,
        "measured": v.measured,
        "unit": v.unit,
        "claimed": v.claimed,
        "explanation": v.explanation,
        "reason": v.reason,
        "source": v.source,
        "retrieved_at": v.retrieved_at,
        "symbol": v.symbol,
        "base_session": v.base_session,
        "end_session": v.end_session,
        "data_fingerprint": evidence_fingerprint(v),
        "price_field": v.price_field or None,
        "start_session": v.start_session,
        "exchange": v.exchange,
        "timezone": v.timezone,
    }


def verdict_record(run_id: str, key: str, v: Verdict) -> VerdictRecord:
    """The ``verdicts`` row of ``v`` in run ``run_id`` on the claim hashed ``key``."""
    return VerdictRecord(**verdict_values(run_id, key, v))


class StoredVerdict(Protocol):
    """What change detection reads of a verdict: a ``VerdictRecord``, or its column values (``Row``)."""

    @property
    def run_id(self) -> str: ...
    @property
    def claim_hash(self) -> str: ...
    @property
    def claim_id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def measured(self) -> float | None: ...
    @property
    def data_fingerprint(self) -> str | None: ...


class Row(SimpleNamespace):
    """Column values read as attributes (a verdict about to be inserted in bulk, without an ORM object)."""

    run_id: str
    claim_hash: str
    claim_id: str
    label: str
    measured: float | None
    data_fingerprint: str | None


def observation(record: StoredVerdict) -> Observation:
    """What changes are judged on, from a stored verdict."""
    return Observation(Label(record.label), record.measured, record.data_fingerprint)


def change_between(previous: StoredVerdict | None, current: StoredVerdict) -> Change | None:
    """The change from the claim's previous verdict to ``current``, or None when unchanged."""
    kind = classify(observation(previous) if previous else None, observation(current))
    if kind is None:
        return None
    return Change(
        claim_hash=current.claim_hash,
        claim_id=current.claim_id,
        run_id=current.run_id,
        previous_run_id=previous.run_id if previous else None,
        kind=kind,
        from_label=Label(previous.label) if previous else None,
        to_label=Label(current.label),
        from_measured=previous.measured if previous else None,
        to_measured=current.measured,
    )


def change_values(verdict_id: int, change: Change) -> dict[str, Any]:
    """The ``verdict_changes`` row of ``change``, made by the verdict ``verdict_id``, as column values."""
    return {
        "verdict_id": verdict_id,
        "claim_hash": change.claim_hash,
        "run_id": change.run_id,
        "previous_run_id": change.previous_run_id,
        "kind": change.kind.value,
        "from_label": change.from_label.value if change.from_label else None,
        "to_label": change.to_label.value,
        "from_measured": change.from_measured,
        "to_measured": change.to_measured,
    }


def change_record(record: VerdictRecord, change: Change) -> ChangeRecord:
    """The ``verdict_changes`` row of ``change``, made by the verdict ``record``."""
    return ChangeRecord(**change_values(record.id, change))


def history_row(
    verdict: VerdictRecord, run: RunRecord, claim: ClaimRecord, change: ChangeRecord | None, count: int
) -> HistoryRow:
    """A typed history row; ``change`` is the verdict's own change or the claim's last one."""
    return HistoryRow(
        claim_hash=verdict.claim_hash,
        claim_id=verdict.claim_id,
        subject=claim.last_subject,
        text=claim.last_text,
        run_id=run.run_id,
        started_at=run.started_at,
        label=Label(verdict.label),
        measured=verdict.measured,
        unit=verdict.unit,
        claimed=verdict.claimed,
        explanation=verdict.explanation,
        reason=verdict.reason,
        source=verdict.source,
        retrieved_at=verdict.retrieved_at,
        price_field=verdict.price_field,
        base_session=verdict.base_session,
        start_session=verdict.start_session,
        end_session=verdict.end_session,
        exchange=verdict.exchange,
        timezone=verdict.timezone,
        synthetic=run.synthetic,
        report_path=run.report_path,
        change=ChangeKind(change.kind) if change else None,
        from_label=Label(change.from_label) if change and change.from_label else None,
        change_run_id=change.run_id if change else None,
        verdicts_recorded=count,
    )
