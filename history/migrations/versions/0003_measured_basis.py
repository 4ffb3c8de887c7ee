"""Each verdict keeps the basis of its measured value: which price, which sessions, on which exchange and clock.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

Four nullable columns on ``verdicts``: ``price_field`` (``Verdict.price_field``: "close", "intraday low",
"adjusted close" …), ``start_session`` (the first session of the claim's window; ``base_session`` is the
close it is measured against, ``end_session`` its last session), ``exchange`` (the listing's MIC) and
``timezone`` (the exchange's time zone: session dates are local dates there). Rows recorded before keep
NULL in all four: the history shows what was stored and invents no basis for them. No row is rewritten.

Both directions alter ``verdicts`` in place, never through a copy: SQLite adds and (from 3.35) drops a plain
column with ``ALTER TABLE``, where a batch-mode copy could not drop a table that ``verdict_changes`` refers to.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("price_field", "start_session", "exchange", "timezone")


def upgrade() -> None:
    """Add the basis columns, NULL for every verdict already recorded."""
    op.add_column("verdicts", sa.Column("price_field", sa.String(32), nullable=True))
    op.add_column("verdicts", sa.Column("start_session", sa.Date(), nullable=True))
    op.add_column("verdicts", sa.Column("exchange", sa.String(16), nullable=True))
    op.add_column("verdicts", sa.Column("timezone", sa.String(64), nullable=True))


def downgrade() -> None:
    """Drop the basis columns, in place (SQLite 3.35 or newer)."""
    for name in reversed(COLUMNS):
        op.drop_column("verdicts", name)
