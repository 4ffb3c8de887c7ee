"""Benchmark: recording a large run in the verdict history (issues 16, 20.9).

    python -m bench.history_record                  # 100 000 claims, a first run then a re-check
    python -m bench.history_record --claims 2000    # smaller

Synthetic claims and verdicts (generated here, never market data): the seed file's first claim with
100 000 different stated values, so each has its own claim hash; verdicts cycle through the labels. A new
SQLite history records the run (every claim and verdict new), then a second run of the same claims with one
verdict in ten changed (every claim known: the upsert and the change detection do their work). Prints the
seconds of each ``HistoryStore.record``, the rows written, and ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from marketfact.checks.runreport import DataSourceInfo, RunReport
from marketfact.checks.verdicts import Label, Verdict
from marketfact.claims.load import load_claims
from marketfact.claims.model import Claim
from marketfact.history import HistoryStore

SEED = Path(__file__).resolve().parents[1] / "examples" / "deepseek-2025-01.yaml"
LABELS = (Label.CORRECT, Label.MOSTLY_CORRECT, Label.INCORRECT, Label.MISLEADING, Label.UNVERIFIABLE)
RETRIEVED = datetime(2025, 2, 1, tzinfo=UTC)


def synthetic_claims(count: int) -> list[Claim]:
    """``count`` claims that differ in their stated value (and so in their hash)."""
    template = load_claims(SEED).claims[0]
    return [
        template.model_copy(update={"id": f"c{i:06d}", "value": 1 + i / 1000, "value_text": f"{1 + i / 1000:.3f}"})
        for i in range(count)
    ]


def synthetic_verdict(claim: Claim, i: int, shift: int = 0) -> Verdict:
    """A verdict on ``claim`` whose label cycles with ``i + shift``."""
    label = LABELS[(i + shift) % len(LABELS)]
    measured = None if label is Label.UNVERIFIABLE else -(claim.value or 0.0)
    return Verdict(
        claim_id=claim.id,
        label=label,
        explanation="synthetic",
        measured=measured,
        unit="%",
        claimed=f"down {claim.value}",
        interval=None,
        basis="close",
        price_field="close",
        base_session=date(2025, 1, 24),
        end_session=date(2025, 1, 27),
        sessions_note="",
        symbol="NVDA",
        source="synthetic",
        retrieved_at=RETRIEVED,
        reason="synthetic" if label is Label.UNVERIFIABLE else None,
    )


def run_of(run_id: str, started: datetime, claims: list[Claim], verdicts: list[Verdict]) -> RunReport:
    """A synthetic RunReport."""
    return RunReport(
        run_id=run_id,
        started_at=started,
        finished_at=started + timedelta(seconds=60),
        claims_file="synthetic.json",
        article=None,
        claims=tuple(claims),
        verdicts=tuple(verdicts),
        sources=(DataSourceInfo("synthetic", "generated", RETRIEVED, "bench/history_record.py"),),
        versions={"marketfact": "bench"},
        synthetic=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()
    start = time.perf_counter()
    claims = synthetic_claims(args.claims)
    first = [synthetic_verdict(c, i) for i, c in enumerate(claims)]
    second = [synthetic_verdict(c, i, shift=1) if i % 10 == 0 else first[i] for i, c in enumerate(claims)]
    print(f"{args.claims} synthetic claims and verdicts built in {time.perf_counter() - start:.1f} s")
    t0 = datetime(2025, 2, 1, 12, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "history.db"
        with HistoryStore(f"sqlite:///{db}") as store:
            store.upgrade()
            for name, run in (
                ("first run (all new)", run_of("bench-1", t0, claims, first)),
                ("re-check (1 in 10 changed)", run_of("bench-2", t0 + timedelta(days=1), claims, second)),
            ):
                start, cpu = time.perf_counter(), time.process_time()
                changes = store.record(replace(run))
                took, cpu = time.perf_counter() - start, time.process_time() - cpu
                print(
                    f"{name}: {took:.2f} s wall, {cpu:.2f} s CPU, {len(run.verdicts) / took:,.0f} verdicts/s, "
                    f"{len(changes)} changes"
                )
        with sqlite3.connect(db) as connection:
            counts = {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("claims", "verdicts")}
            check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        print(f"rows: {counts}; integrity_check: {check}; file {db.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
