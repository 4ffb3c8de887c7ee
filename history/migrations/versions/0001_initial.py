"""The first schema of the verdict history: runs, claims, verdicts, verdict_changes.

Revision ID: 0001
Revises:
Create Date: 2025-02-01

Column types are spelled out here rather than imported from ``history.models``: a migration describes
the schema as it was at its revision, whatever the models say later.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the four tables and their indexes."""
    op.create_table(
        "runs",
        sa.Column("run_id", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claims_file", sa.Text(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("report_path", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_runs")),
    )
    op.create_index("ix_runs_started_at", "runs", ["started_at"])

    op.create_table(
        "claims",
        sa.Column("claim_hash", sa.String(64), nullable=False),
        sa.Column("canonical", sa.JSON(), nullable=False),
        sa.Column("last_claim_id", sa.String(80), nullable=False),
        sa.Column("last_text", sa.Text(), nullable=False),
        sa.Column("last_subject", sa.Text(), nullable=False),
        sa.Column("first_run_id", sa.String(64), nullable=False),
        sa.Column("last_run_id", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["first_run_id"], ["runs.run_id"], name=op.f("fk_claims_first_run_id_runs")),
        sa.ForeignKeyConstraint(["last_run_id"], ["runs.run_id"], name=op.f("fk_claims_last_run_id_runs")),
        sa.PrimaryKeyConstraint("claim_hash", name=op.f("pk_claims")),
    )
    op.create_index("ix_claims_last_claim_id", "claims", ["last_claim_id"])

    op.create_table(
        "verdicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.String(64), nullable=False),
        sa.Column("claim_hash", sa.String(64), nullable=False),
        sa.Column("claim_id", sa.String(80), nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("measured", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(32), nullable=False),
        sa.Column("claimed", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("retrieved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("symbol", sa.String(32), nullable=True),
        sa.Column("base_session", sa.Date(), nullable=True),
        sa.Column("end_session", sa.Date(), nullable=True),
        sa.Column("data_fingerprint", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["runs.run_id"], name=op.f("fk_verdicts_run_id_runs")),
        sa.ForeignKeyConstraint(
            ["claim_hash"], ["claims.claim_hash"], name=op.f("fk_verdicts_claim_hash_claims")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verdicts")),
        sa.UniqueConstraint("run_id", "claim_id", name="uq_verdicts_run_id_claim_id"),
    )
    op.create_index("ix_verdicts_claim_hash_id", "verdicts", ["claim_hash", "id"])
    op.create_index("ix_verdicts_claim_id", "verdicts", ["claim_id"])

    op.create_table(
        "verdict_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("verdict_id", sa.Integer(), nullable=False),
        sa.Column("claim_hash", sa.String(64), nullable=False),
        sa.Column("run_id", sa.String(64), nullable=False),
        sa.Column("previous_run_id", sa.String(64), nullable=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("from_label", sa.String(16), nullable=True),
        sa.Column("to_label", sa.String(16), nullable=False),
        sa.Column("from_measured", sa.Float(), nullable=True),
        sa.Column("to_measured", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["verdict_id"], ["verdicts.id"], name=op.f("fk_verdict_changes_verdict_id_verdicts")
        ),
        sa.ForeignKeyConstraint(
            ["claim_hash"], ["claims.claim_hash"], name=op.f("fk_verdict_changes_claim_hash_claims")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["runs.run_id"], name=op.f("fk_verdict_changes_run_id_runs")),
        sa.ForeignKeyConstraint(
            ["previous_run_id"], ["runs.run_id"], name=op.f("fk_verdict_changes_previous_run_id_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verdict_changes")),
        sa.UniqueConstraint("verdict_id", name=op.f("uq_verdict_changes_verdict_id")),
    )
    op.create_index("ix_verdict_changes_claim_hash", "verdict_changes", ["claim_hash"])


def downgrade() -> None:
    """Drop the tables, dependants first."""
    op.drop_index("ix_verdict_changes_claim_hash", table_name="verdict_changes")
    op.drop_table("verdict_changes")
    op.drop_index("ix_verdicts_claim_id", table_name="verdicts")
    op.drop_index("ix_verdicts_claim_hash_id", table_name="verdicts")
    op.drop_table("verdicts")
    op.drop_index("ix_claims_last_claim_id", table_name="claims")
    op.drop_table("claims")
    op.drop_index("ix_runs_started_at", table_name="runs")
    op.drop_table("runs")
