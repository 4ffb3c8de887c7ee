"""The verdict history's tables as SQLAlchemy 2 ORM models.

Four tables: ``runs`` (one row per recorded run), ``claims`` (one row per claim hash, see
``history.keys``), ``verdicts`` (one row per claim per run) and ``verdict_changes`` (one row per verdict
that differs from the claim's previous one, see ``history.changes``). The schema is created and changed
only by the Alembic migrations in ``history/migrations``; a test checks that they produce exactly these
models.

Times are stored in UTC: ``UtcDateTime`` turns aware datetimes into UTC on the way in and hands back
aware UTC datetimes, also on SQLite, which has no time-zone type.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Constraint names fixed up front, so later migrations (SQLite batch mode included) can name them."""


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC; naive datetimes are refused rather than guessed."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to UTC; SQLite gets it without tzinfo (it would drop the offset, not apply it)."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()}: the history stores aware times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Hand back an aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of the history tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RunRecord(Base):
    """One recorded run of marketfact."""

    __tablename__ = "runs"

    run_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime] = mapped_column(UtcDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claims_file: Mapped[str] = mapped_column(Text)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    synthetic: Mapped[bool] = mapped_column(Boolean)
    versions: Mapped[dict[str, Any]] = mapped_column(JSON)
    sources: Mapped[list[Any]] = mapped_column(JSON)
    report_path: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_runs_started_at", "started_at"),)


class ClaimRecord(Base):
    """One assertion, keyed by its normalised hash, with how it was last worded."""

    __tablename__ = "claims"

    claim_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    canonical: Mapped[dict[str, Any]] = mapped_column(JSON)  # what was hashed (history.keys)
    last_claim_id: Mapped[str] = mapped_column(String(80))
    last_text: Mapped[str] = mapped_column(Text)
    last_subject: Mapped[str] = mapped_column(Text)
    first_run_id: Mapped[str] = mapped_column(ForeignKey("runs.run_id"))
    last_run_id: Mapped[str] = mapped_column(ForeignKey("runs.run_id"))

    __table_args__ = (Index("ix_claims_last_claim_id", "last_claim_id"),)


class VerdictRecord(Base):
    """The verdict on one claim in one run; ``id`` grows in recording order."""

    __tablename__ = "verdicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.run_id"))
    claim_hash: Mapped[str] = mapped_column(ForeignKey("claims.claim_hash"))
    claim_id: Mapped[str] = mapped_column(String(80))
    label: Mapped[str] = mapped_column(String(16))
    measured: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    claimed: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    retrieved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    symbol: Mapped[str | None] = mapped_column(String(32))
    base_session: Mapped[date | None] = mapped_column(Date)
    end_session: Mapped[date | None] = mapped_column(Date)
    data_fingerprint: Mapped[str | None] = mapped_column(String(64))
    # The basis of ``measured`` (migration 0003; NULL in verdicts recorded before): which price, the window's
    # first session, and the exchange (MIC) and time zone whose local dates the sessions are.
    price_field: Mapped[str | None] = mapped_column(String(32))
    start_session: Mapped[date | None] = mapped_column(Date)
    exchange: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("run_id", "claim_id", name="uq_verdicts_run_id_claim_id"),
        Index("ix_verdicts_claim_hash_id", "claim_hash", "id"),
        Index("ix_verdicts_claim_id", "claim_id"),
    )


class ChangeRecord(Base):
    """A verdict that differs from the claim's previous one (kinds in ``history.changes``)."""

    __tablename__ = "verdict_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    verdict_id: Mapped[int] = mapped_column(ForeignKey("verdicts.id"), unique=True)
    claim_hash: Mapped[str] = mapped_column(ForeignKey("claims.claim_hash"))
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.run_id"))
    previous_run_id: Mapped[str | None] = mapped_column(ForeignKey("runs.run_id"))
    kind: Mapped[str] = mapped_column(String(24))
    from_label: Mapped[str | None] = mapped_column(String(16))
    to_label: Mapped[str] = mapped_column(String(16))
    from_measured: Mapped[float | None] = mapped_column(Float)
    to_measured: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (Index("ix_verdict_changes_claim_hash", "claim_hash"),)
