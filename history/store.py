"""``HistoryStore``: every run's verdicts in a database, and the changes between re-checks.

An SQLite file in the report folder by default (``Settings.history_for``), any SQLAlchemy URL by setting
(PostgreSQL needs a driver such as psycopg). The schema comes only from the Alembic migrations (``upgrade()``).

Two processes may record at once. Each ``record`` is one transaction; on SQLite it starts with
``BEGIN IMMEDIATE`` (``history.engine``) so recordings queue up whole, and on PostgreSQL the claims'
upsert locks their rows, in hash order, until commit, so a second recorder of the same claims waits and
then reads the first one's verdicts before deciding what changed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import ColumnElement, Select, Table, func, insert, inspect, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from marketfact.checks.runreport import RunReport
from marketfact.claims.model import Claim
from marketfact.history.engine import SCHEMA_HEAD, VERSION_TABLE, WRITE_OPTION, alembic_config, make_engine, sqlite_file
from marketfact.history.keys import Window, canonical_claim, claim_hash
from marketfact.history.models import ChangeRecord, ClaimRecord, RunRecord, VerdictRecord
from marketfact.history.rows import (
    Change,
    HistoryRow,
    Row,
    RunSummary,
    change_between,
    change_values,
    history_row,
    run_record,
    verdict_values,
)

_OBSERVED = ("run_id", "claim_hash", "claim_id", "label", "measured", "data_fingerprint")
"""What change detection reads of a claim's previous verdict. Only these are loaded, so a recorder needs no column
a later migration added (the migration tests record into older schemas this way)."""
_CHUNK = 500  # rows per statement: SQLite allows at most 32 766 bound parameters in one
_BULK = 10_000  # rows per executemany: bounds the memory of one call, not the number of statements
T = TypeVar("T")


class HistoryError(Exception):
    """The history cannot do what was asked; the message says why and what to do."""


class SchemaNotReadyError(HistoryError):
    """The database is missing or not at the schema this code expects."""


class RunAlreadyRecordedError(HistoryError):
    """A run id is recorded once; a second ``record`` of it is refused."""


def _chunks(items: Sequence[T], size: int = _CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _table(model: type[object]) -> Table:
    """The table of an ORM model, for Core statements (executemany, no ORM object per row)."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def _require_aware(value: datetime | None, what: str) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{what} is a naive datetime ({value.isoformat()}); give it a time zone")


class HistoryStore:
    """The verdict history in the database at ``url``."""

    def __init__(self, url: str) -> None:
        """Connect lazily to ``url`` (any SQLAlchemy URL); nothing is created until ``upgrade()``."""
        self.url = url
        self.engine = make_engine(url)
        self._writer = self.engine.execution_options(**{WRITE_OPTION: True})
        self._schema_checked = False

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the store's connections."""
        self.engine.dispose()

    @property
    def where(self) -> str:
        """The URL with any password hidden, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    # -- schema --------------------------------------------------------------------------------------

    def upgrade(self, revision: str = "head") -> None:
        """Apply the Alembic migrations up to ``revision``; safe to repeat, and from two processes at once.

        A database already at the newest schema (every run after the first) is left alone after one query,
        without importing Alembic."""
        if revision in ("head", SCHEMA_HEAD) and self.current_revision() == SCHEMA_HEAD:
            self._schema_checked = True
            return
        from alembic import command

        db_file = sqlite_file(self.url)
        if db_file is not None:
            db_file.parent.mkdir(parents=True, exist_ok=True)
        with self._writer.connect() as connection, connection.begin():
            command.upgrade(alembic_config(connection), revision)
        self._schema_checked = False

    def current_revision(self) -> str | None:
        """The migration the database is at (None: never migrated), read from Alembic's version table."""
        db_file = sqlite_file(self.url)
        if db_file is not None and not db_file.exists():
            return None
        with self.engine.connect() as connection:
            if not inspect(connection).has_table(VERSION_TABLE):
                return None
            versions = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
        if len(versions) > 1:  # Alembic's own reading refuses this too: the history has one line of migrations
            raise HistoryError(f"the verdict history at {self.where} is at several revisions at once: {versions}")
        return versions[0] if versions else None

    @staticmethod
    def head_revision() -> str | None:
        """The newest migration this code ships, as Alembic reads it from the migration scripts."""
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(alembic_config()).get_current_head()

    def _require_schema(self) -> None:
        if self._schema_checked:
            return
        current, head = self.current_revision(), SCHEMA_HEAD
        if current is None:
            raise SchemaNotReadyError(f"no verdict history at {self.where} yet: HistoryStore.upgrade() creates it")
        if current != head:
            raise SchemaNotReadyError(
                f"the verdict history at {self.where} is at schema revision {current}, this marketfact "
                f"expects {head}: run HistoryStore.upgrade() to migrate it"
            )
        self._schema_checked = True

    # -- writing -------------------------------------------------------------------------------------

    def record(self, run: RunReport, report_path: str | None = None) -> list[Change]:
        """Store ``run`` and its verdicts in one transaction; return what changed since earlier runs."""
        self._require_schema()
        _require_aware(run.started_at, "started_at")
        _require_aware(run.finished_at, "finished_at")
        claims = {c.id: c for c in run.claims}
        for verdict in run.verdicts:
            if verdict.claim_id not in claims:
                raise ValueError(f"run {run.run_id}: verdict on {verdict.claim_id!r}, a claim the run lacks")
            _require_aware(verdict.retrieved_at, f"retrieved_at of the verdict on {verdict.claim_id!r}")
        windows = {v.claim_id: v.window for v in run.verdicts}
        hashes = {cid: claim_hash(c, windows.get(cid)) for cid, c in claims.items()}
        judged = {v.claim_id for v in run.verdicts}
        with Session(self._writer) as session, session.begin():
            if session.get(RunRecord, run.run_id) is not None:
                raise RunAlreadyRecordedError(f"run {run.run_id} is already in the history at {self.where}")
            session.add(run_record(run, report_path))
            session.flush()  # the claims below refer to the run
            latest_claims = {hashes[c.id]: c for c in run.claims if c.id in judged}
            self._upsert_claims(session, run.run_id, latest_claims, windows)
            previous = self._latest_verdicts(session, sorted(latest_claims))
            # In bulk, without an ORM object per row: 100 000 verdicts are one executemany (see docs/reliability.md).
            rows = [verdict_values(run.run_id, hashes[v.claim_id], v) for v in run.verdicts]
            for chunk in _chunks(rows, _BULK):
                session.execute(insert(_table(VerdictRecord)), list(chunk))
            ids: dict[str, int] = {
                claim_id: verdict_id
                for claim_id, verdict_id in session.execute(
                    select(VerdictRecord.claim_id, VerdictRecord.id).where(VerdictRecord.run_id == run.run_id)
                ).all()
            }
            changes: list[Change] = []
            change_rows: list[dict[str, object]] = []
            for row in rows:
                change = change_between(previous.get(row["claim_hash"]), Row(**row))
                if change is not None:
                    changes.append(change)
                    change_rows.append(change_values(ids[row["claim_id"]], change))
            for chunk in _chunks(change_rows, _BULK):
                session.execute(insert(_table(ChangeRecord)), list(chunk))
        return changes

    def _upsert_claims(
        self, session: Session, run_id: str, claims: dict[str, Claim], windows: Mapping[str, Window | None]
    ) -> None:
        rows: list[dict[str, Any]] = [
            {
                "claim_hash": h,
                "canonical": canonical_claim(c, windows.get(c.id)),
                "last_claim_id": c.id,
                "last_text": c.text,
                "last_subject": c.subject,
                "first_run_id": run_id,
                "last_run_id": run_id,
            }
            for h, c in sorted(claims.items())  # one lock order for every recorder: no deadlocks
        ]
        dialect = session.get_bind().dialect.name
        if dialect in ("sqlite", "postgresql"):
            insert_for = sqlite.insert if dialect == "sqlite" else postgresql.insert
            stmt = insert_for(_table(ClaimRecord))
            keep = ("last_claim_id", "last_text", "last_subject", "last_run_id")
            stmt = stmt.on_conflict_do_update(index_elements=["claim_hash"], set_={k: stmt.excluded[k] for k in keep})
            for chunk in _chunks(rows, _BULK):  # one statement, executed for many rows: compiled once
                session.execute(stmt, list(chunk))
            return
        # Other databases: read, then insert or update (their own isolation decides how safe this is).
        for chunk in _chunks(rows):
            known = {
                r.claim_hash: r
                for r in session.scalars(
                    select(ClaimRecord)
                    .where(ClaimRecord.claim_hash.in_([r["claim_hash"] for r in chunk]))
                    .with_for_update()
                )
            }
            for row in chunk:
                existing = known.get(row["claim_hash"])
                if existing is None:
                    session.add(ClaimRecord(**row))
                else:
                    existing.last_claim_id = row["last_claim_id"]
                    existing.last_text = row["last_text"]
                    existing.last_subject = row["last_subject"]
                    existing.last_run_id = row["last_run_id"]

    @staticmethod
    def _latest_verdicts(session: Session, hashes: Sequence[str]) -> dict[str, Row]:
        """Each claim's newest verdict, as the columns change detection reads (``rows.StoredVerdict``)."""
        latest: dict[str, Row] = {}
        columns = [getattr(VerdictRecord, name) for name in _OBSERVED]
        for chunk in _chunks(hashes):
            newest = (
                select(func.max(VerdictRecord.id))
                .where(VerdictRecord.claim_hash.in_(list(chunk)))
                .group_by(VerdictRecord.claim_hash)
            )
            for record in session.execute(select(*columns).where(VerdictRecord.id.in_(newest))):
                latest[record.claim_hash] = Row(**record._asdict())
        return latest

    # -- reading -------------------------------------------------------------------------------------

    def history(
        self,
        claim: str | None = None,
        *,
        labels: Collection[str] | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[HistoryRow]:
        """Recorded verdicts for ``format_history``.

        With ``claim`` (a claim id; else a claim hash or a prefix of it of at least 4 hex digits): every
        verdict of the matching claims, oldest first. Without: the latest verdict of every claim, newest
        first, with its last change (``change``/``from_label`` then describe that change, wherever it
        happened). ``labels`` keeps verdicts with these labels (without ``claim``: claims whose latest
        verdict has one), ``since`` those of runs started then or later, ``limit`` the newest that many.
        """
        self._require_schema()
        _require_aware(since, "since")
        with Session(self.engine) as session:
            counts = dict(
                session.execute(select(VerdictRecord.claim_hash, func.count()).group_by(VerdictRecord.claim_hash)).all()
            )
            if claim is not None:
                hashes = self._matching(session, claim)
                if not hashes:
                    return []
                where = VerdictRecord.claim_hash.in_(hashes)
                last_change: dict[str, ChangeRecord] = {}
            else:
                where = VerdictRecord.id.in_(self._newest())
                newest_change = select(func.max(ChangeRecord.id)).group_by(ChangeRecord.claim_hash)
                last_change = {
                    c.claim_hash: c
                    for c in session.scalars(select(ChangeRecord).where(ChangeRecord.id.in_(newest_change)))
                }
            query = (
                select(VerdictRecord, RunRecord, ClaimRecord, ChangeRecord)
                .join(RunRecord, RunRecord.run_id == VerdictRecord.run_id)
                .join(ClaimRecord, ClaimRecord.claim_hash == VerdictRecord.claim_hash)
                .outerjoin(ChangeRecord, ChangeRecord.verdict_id == VerdictRecord.id)
                .where(where, *self._filters(labels, since))
                .order_by(VerdictRecord.id.desc())
            )
            if limit:
                query = query.limit(limit)
            found = list(session.execute(query).tuples())
            if claim is not None:  # each claim's verdicts together, oldest first
                found.sort(key=lambda t: (t[0].claim_hash, t[0].id))
            rows = []
            for verdict, run, claim_row, own_change in found:
                change = own_change if claim is not None else last_change.get(verdict.claim_hash)
                rows.append(history_row(verdict, run, claim_row, change, counts[verdict.claim_hash]))
            return rows

    def count_claims(self, *, labels: Collection[str] | None = None, since: datetime | None = None) -> int:
        """How many claims ``history()`` without ``claim`` and ``limit`` lists under these filters."""
        self._require_schema()
        _require_aware(since, "since")
        with Session(self.engine) as session:
            query = (
                select(func.count())
                .select_from(VerdictRecord)
                .join(RunRecord, RunRecord.run_id == VerdictRecord.run_id)
                .where(VerdictRecord.id.in_(self._newest()), *self._filters(labels, since))
            )
            return int(session.scalar(query) or 0)

    @staticmethod
    def _newest() -> Select[int]:
        return select(func.max(VerdictRecord.id)).group_by(VerdictRecord.claim_hash)

    @staticmethod
    def _filters(labels: Collection[str] | None, since: datetime | None) -> list[ColumnElement[bool]]:
        filters: list[ColumnElement[bool]] = []
        if labels:
            filters.append(VerdictRecord.label.in_(sorted(labels)))
        if since is not None:
            filters.append(RunRecord.started_at >= since)
        return filters

    @staticmethod
    def _matching(session: Session, claim: str) -> list[str]:
        """An exact claim id first; else an exact claim hash; else a hash prefix of 4 or more hex digits."""
        by_id = select(VerdictRecord.claim_hash).where(VerdictRecord.claim_id == claim).distinct()
        found = set(session.scalars(by_id))
        if found:
            return sorted(found)
        prefix = claim.strip().lower()
        if len(prefix) >= 4 and all(ch in "0123456789abcdef" for ch in prefix):
            found = set(
                session.scalars(
                    select(ClaimRecord.claim_hash).where(ClaimRecord.claim_hash.startswith(prefix, autoescape=True))
                )
            )
            if prefix in found:
                return [prefix]
        return sorted(found)

    def runs(self, limit: int = 20) -> list[RunSummary]:
        """The ``limit`` most recently started runs, newest first."""
        self._require_schema()
        with Session(self.engine) as session:
            records = session.scalars(
                select(RunRecord).order_by(RunRecord.started_at.desc(), RunRecord.run_id.desc()).limit(limit)
            ).all()
            ids = [r.run_id for r in records]
            changes = dict(
                session.execute(
                    select(ChangeRecord.run_id, func.count())
                    .where(ChangeRecord.run_id.in_(ids))
                    .group_by(ChangeRecord.run_id)
                ).all()
            )
            return [
                RunSummary(
                    run_id=r.run_id,
                    started_at=r.started_at,
                    finished_at=r.finished_at,
                    recorded_at=r.recorded_at,
                    claims_file=r.claims_file,
                    counts=dict(r.counts),
                    synthetic=r.synthetic,
                    versions=dict(r.versions),
                    report_path=r.report_path,
                    changes=changes.get(r.run_id, 0),
                )
                for r in records
            ]
