"""Claims keyed by the sessions their words resolve to: one history for "on Monday", "am Montag", "2025-01-27".

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05

No table changes: the rows are re-keyed. Every stored claim's canonical dict (``claims.canonical``, the
version-1 rules of ``history.keys``) is brought to version 2 by ``history.keys.upgrade_canonical``: period
words plus publication time are resolved, on the listing's exchange calendar of the shipped instrument
table, to the sessions a run resolves them to now; a claim whose words resolve to none keeps them. Claims
that now share a key are merged: their verdicts and changes move to the one key, the claim row keeps the
first run of the earliest and the wording of the latest, and the merged claim's changes are classified
again in recording order (``history.changes.classify``), so it has one ``first`` and one line of changes.

Downgrade keys the rows by the version-1 digest of the same canonical dicts; merged histories stay merged
(a resolved period is not turned back into its words).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

claims = sa.table(
    "claims",
    sa.column("claim_hash", sa.String),
    sa.column("canonical", sa.JSON),
    sa.column("last_claim_id", sa.String),
    sa.column("last_text", sa.Text),
    sa.column("last_subject", sa.Text),
    sa.column("first_run_id", sa.String),
    sa.column("last_run_id", sa.String),
)
verdicts = sa.table(
    "verdicts",
    sa.column("id", sa.Integer),
    sa.column("run_id", sa.String),
    sa.column("claim_hash", sa.String),
    sa.column("claim_id", sa.String),
    sa.column("label", sa.String),
    sa.column("measured", sa.Float),
    sa.column("data_fingerprint", sa.String),
)
changes = sa.table(
    "verdict_changes",
    sa.column("id", sa.Integer),
    sa.column("verdict_id", sa.Integer),
    sa.column("claim_hash", sa.String),
    sa.column("run_id", sa.String),
    sa.column("previous_run_id", sa.String),
    sa.column("kind", sa.String),
    sa.column("from_label", sa.String),
    sa.column("to_label", sa.String),
    sa.column("from_measured", sa.Float),
    sa.column("to_measured", sa.Float),
)


def _digest(document: Any) -> str:
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _reclassify(bind: sa.Connection, key: str) -> None:
    """Classify the changes of the claim ``key`` again, verdict by verdict in recording order."""
    from marketfact.checks.verdicts import Label
    from marketfact.history.changes import Observation, classify

    bind.execute(changes.delete().where(changes.c.claim_hash == key))
    rows = bind.execute(sa.select(verdicts).where(verdicts.c.claim_hash == key).order_by(verdicts.c.id)).all()
    previous = None
    for row in rows:
        current = Observation(Label(row.label), row.measured, row.data_fingerprint)
        before = Observation(Label(previous.label), previous.measured, previous.data_fingerprint) if previous else None
        kind = classify(before, current)
        if kind is not None:
            bind.execute(
                changes.insert().values(
                    verdict_id=row.id, claim_hash=key, run_id=row.run_id,
                    previous_run_id=previous.run_id if previous else None, kind=kind.value,
                    from_label=previous.label if previous else None, to_label=row.label,
                    from_measured=previous.measured if previous else None, to_measured=row.measured,
                )
            )  # fmt: skip
        previous = row


def _rekey(convert: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    """Re-key every claim by ``_digest(convert(canonical))``, merging claims that come to share a key."""
    bind = op.get_bind()
    stored = bind.execute(sa.select(claims)).all()
    if not stored:
        return
    first_id, last_id = sa.func.min(verdicts.c.id).label("first"), sa.func.max(verdicts.c.id).label("last")
    query = sa.select(verdicts.c.claim_hash, first_id, last_id).group_by(verdicts.c.claim_hash)
    span = {r.claim_hash: (r.first, r.last) for r in bind.execute(query)}
    groups: dict[str, list[Any]] = defaultdict(list)
    canonical: dict[str, dict[str, Any]] = {}
    for row in stored:
        new = convert(dict(row.canonical))
        key = _digest(new)
        groups[key].append(row)
        canonical[key] = new
    for key, rows in groups.items():
        olds = [r.claim_hash for r in rows]
        if olds == [key]:
            continue
        first = min(rows, key=lambda r: span.get(r.claim_hash, (0, 0))[0])
        last = max(rows, key=lambda r: span.get(r.claim_hash, (0, 0))[1])
        bind.execute(
            claims.insert().values(
                claim_hash=key, canonical=canonical[key], last_claim_id=last.last_claim_id, last_text=last.last_text,
                last_subject=last.last_subject, first_run_id=first.first_run_id, last_run_id=last.last_run_id,
            )
        )  # fmt: skip
        bind.execute(verdicts.update().where(verdicts.c.claim_hash.in_(olds)).values(claim_hash=key))
        bind.execute(changes.update().where(changes.c.claim_hash.in_(olds)).values(claim_hash=key))
        bind.execute(claims.delete().where(claims.c.claim_hash.in_(olds)))
        if len(olds) > 1:
            _reclassify(bind, key)


def upgrade() -> None:
    """Re-key the claims by the version-2 rules, merging the wordings of one assertion."""
    from marketfact.claims.listings import run_instruments
    from marketfact.history.keys import upgrade_canonical
    from marketfact.market.snapshot import SnapshotSource

    instruments: dict[str, Any] = {}

    def convert(old: dict[str, Any]) -> dict[str, Any]:
        if not instruments:  # the table a run resolves with, so a re-keyed claim meets its next run's key
            instruments.update(run_instruments(SnapshotSource().instruments()))
        return upgrade_canonical(old, instruments)

    _rekey(convert)


def downgrade() -> None:
    """Key the claims by the version-1 digest of their canonical dicts again."""
    _rekey(lambda canonical: {**canonical, "v": 1})
