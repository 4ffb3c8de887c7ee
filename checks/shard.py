"""A run in shards: claims partitioned by instrument, each shard checked whole on its own, then merged.

``partition`` splits a claim file's claims by instrument (a claim's ``instrument``, else its ``subject``),
so that every price series is fetched and validated by exactly one shard; ``check_shard`` plans,
fetches, validates (Great Expectations) and judges one shard, keeping its verdicts as a ``VerdictTable``;
``ShardResult`` is the little a shard hands back (counts, the cards it offers the page, failed
validations); ``merge`` makes the run's ``RunReport`` from the shards' results. Nothing here knows about
Prefect or Dask: ``flows.shards`` runs each shard in a task of its own, wherever the task runner puts it.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import resource
import time
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from marketfact.checks.columnar import ShardedVerdicts, VerdictTable
from marketfact.checks.engine import now
from marketfact.checks.evidence import RunEvidence
from marketfact.checks.plan import plan_run
from marketfact.checks.quality.outcome import ValidationOutcome
from marketfact.checks.run import fetch_all, fetch_conversions, judge_all, library_versions, sources_of, validated
from marketfact.checks.runreport import DataSourceInfo, RunReport
from marketfact.checks.verdicts import Verdict
from marketfact.claims.load import ClaimFileError
from marketfact.claims.model import Article, Claim
from marketfact.claims.store import by_id as claims_by_id
from marketfact.market.bundle import market_data

CLAIMS_PER_SHARD = 100_000
"""``marketfact check`` without ``--shards`` checks a file of more claims in shards of about this many each
(``auto_shards``): one run of 100 000 SYNTHETIC claims peaks near 800 MB (docs/scale.md); shards, checked one
at a time on Prefect's threads (or side by side on Dask), keep a larger file within that."""

SHARD_MAX_CLAIMS = 10_000_000
"""The claim limit a shard's own file is read with: ``partition`` wrote it from a file already accepted (with
its ``--max-claims``), and a hash partition may put a little more than ``CLAIMS_PER_SHARD`` in one shard."""


def auto_shards(claims: int) -> int:
    """Shards for a file of ``claims`` claims when none are asked for: 0 (one run) up to ``CLAIMS_PER_SHARD``."""
    return 0 if claims <= CLAIMS_PER_SHARD else math.ceil(claims / CLAIMS_PER_SHARD)


SEVERITY_ORDER = ("UNVERIFIABLE", "INCORRECT", "MISLEADING", "MOSTLY_CORRECT", "CORRECT")
"""Labels from the least favourable, as ``reports.article.SEVERITY`` orders a page (checks cannot import it)."""


def shard_of(claim: Mapping[str, Any], shards: int) -> int:
    """The shard of a claim (as parsed data): a stable hash of its instrument, else of its subject."""
    key = str(claim.get("instrument") or claim.get("subject") or "")
    return zlib.crc32(key.encode()) % shards


def read_claim_data(path: Path) -> dict[str, Any]:
    """A claim file as parsed data (not yet validated): the partition needs only two fields per claim."""
    text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text) if Path(path).suffix.lower() == ".json" else yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        raise ClaimFileError(f"{path}: expected a mapping with a 'claims' list at the top level")
    return data


def partition(path: Path, shards: int, folder: Path) -> list[Path]:
    """Write the claims of ``path`` into at most ``shards`` claim files under ``folder``, by instrument.

    Each file keeps the article (so claims inherit its url and time as before) and its claims' order;
    empty shards get no file. Returns the files written, in shard order.
    """
    data = read_claim_data(path)
    groups: list[list[Any]] = [[] for _ in range(max(shards, 1))]
    for claim in data["claims"]:
        groups[shard_of(claim, len(groups)) if isinstance(claim, dict) else 0].append(claim)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for k, claims in enumerate(groups):
        if claims:
            target = folder / f"claims-{k:04d}.json"
            shard = json.dumps({**data, "claims": claims}, ensure_ascii=False, default=_as_text)
            target.write_text(shard, encoding="utf-8")
            written.append(target)
    return written


def _as_text(value: object) -> str:
    """A YAML date or time in a shard's JSON: as ISO text, which the claim model reads back to the same value."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in a claim file")


@dataclass(frozen=True)
class ShardSpec:
    """What one shard task needs: its claim file and where the market data is (paths absolute)."""

    shard: int
    claims_path: str
    source: str
    snapshot_dir: str | None
    cache_dir: str
    cards: int  # how many cards it offers the page at most


@dataclass(frozen=True)
class ShardResult:
    """What a shard hands back: small whatever its size (the verdicts themselves go to its Parquet file)."""

    shard: int
    claims: int
    instruments: int
    counts: dict[str, int]
    cards: tuple[Verdict, ...]
    card_claims: tuple[Claim, ...]
    article: Article | None
    failed_validations: tuple[ValidationOutcome, ...]
    passed_validations: int
    sources: tuple[DataSourceInfo, ...]
    errors: dict[str, str]
    mode: str
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds per step, "cpu" the process time
    worker: str = ""  # host:pid of the process that ran it
    peak_rss_mb: float = 0.0  # that process's high-water mark of resident memory when the shard ended


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (VmHWM on Linux, else ``ru_maxrss``)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def check_shard(spec: ShardSpec, validate: bool = True) -> tuple[ShardResult, VerdictTable]:
    """Plan, fetch, validate and judge one shard's claims; its verdicts stay a ``VerdictTable``."""
    from marketfact.claims.load import load_claims

    timings: dict[str, float] = {}
    cpu = time.process_time()

    def step(name: str, started: float) -> float:
        ended = time.perf_counter()
        timings[name] = ended - started
        return ended

    t = time.perf_counter()
    claims = load_claims(Path(spec.claims_path), SHARD_MAX_CLAIMS)
    market = market_data(spec.source, Path(spec.snapshot_dir) if spec.snapshot_dir else None, Path(spec.cache_dir))
    t = step("load", t)
    plan = plan_run(claims, market.instruments)
    t = step("plan", t)
    series, errors = fetch_all(plan, market.prices)
    fx, shares, _ = fetch_conversions(plan, market.fx, market.shares)
    t = step("fetch", t)
    evidence = RunEvidence(plan, series, errors, fx=fx, shares=shares)
    if validate:
        evidence = validated(evidence, None)
    t = step("validate", t)
    judged, panel = judge_all(evidence)
    table = VerdictTable(evidence, judged, panel)
    cards = _offered(table, spec.cards)
    t = step("judge", t)
    validations = (*evidence.outcomes.values(), *evidence.extra)
    failed = tuple(v for v in validations if not v.success)
    by_id = claims_by_id(claims.claims)  # a ClaimStore builds only the cards' claims
    timings["cpu"] = time.process_time() - cpu
    result = ShardResult(
        shard=spec.shard,
        claims=len(table),
        instruments=len(series),
        counts=dict(table.label_counts()),
        cards=cards,
        card_claims=tuple(by_id[cid] for cid in dict.fromkeys(v.claim_id for v in cards)),
        article=claims.article,
        failed_validations=failed,
        passed_validations=len(validations) - len(failed),
        sources=sources_of(series, fx, market.mode),
        errors=errors,
        mode=market.mode,
        timings=timings,
        worker=f"{os.uname().nodename}:{os.getpid()}",
        peak_rss_mb=peak_rss_mb(),
    )
    return result, table


def _offered(table: VerdictTable, limit: int) -> tuple[Verdict, ...]:
    """The shard's share of the page: up to ``limit`` claims that are not CORRECT, shared between labels."""
    at: dict[str, list[int]] = {label: [] for label in SEVERITY_ORDER[:-1]}
    for i, value in enumerate(table.labels()):
        if value in at:
            at[value].append(i)
    sizes = [len(at[label]) for label in at]
    shares = [0] * len(sizes)
    remaining = min(limit, sum(sizes))
    while remaining > 0:  # an even share each; what a small label leaves goes to the others
        open_ = [i for i, size in enumerate(sizes) if shares[i] < size]
        each = max(remaining // len(open_), 1)
        for i in open_:
            take = min(each, sizes[i] - shares[i], remaining)
            shares[i] += take
            remaining -= take
    return table.take([i for label, share in zip(at, shares, strict=True) for i in at[label][:share]])


def merge(
    results: Sequence[ShardResult],
    started: datetime,
    claims_file: str,
    run_id: str,
    verdicts_path: str,
    limit: int,
    synthetic: bool = False,
) -> RunReport:
    """One run from its shards: counts summed, the page's cards (least favourable first), failed validations."""
    counts: Counter[str] = Counter()
    for r in results:
        counts.update(r.counts)
    rank = {label: i for i, label in enumerate(SEVERITY_ORDER)}
    offered = sorted(
        (v for r in results for v in r.cards), key=lambda v: rank[v.label.value]
    )  # stable: shard order within a label
    shown = tuple(_even(offered, limit))
    wanted = {v.claim_id for v in shown}
    claims = tuple({c.id: c for r in results for c in r.card_claims if c.id in wanted}.values())
    sources: dict[str, DataSourceInfo] = {}
    for r in results:
        for s in r.sources:
            sources.setdefault(s.name, s)
    return RunReport(
        run_id=run_id,
        started_at=started,
        finished_at=now(),
        claims_file=claims_file,
        article=next((r.article for r in results if r.article is not None), None),
        claims=claims,
        verdicts=ShardedVerdicts(shown, counts, verdicts_path),
        validations=tuple(v for r in results for v in r.failed_validations),
        sources=tuple(sources.values()),
        versions=library_versions(),
        synthetic=synthetic,
    )


def _even(offered: Sequence[Verdict], limit: int) -> list[Verdict]:
    """At most ``limit`` of ``offered`` (sorted by label), shared evenly between the labels."""
    groups: dict[str, list[Verdict]] = {}
    for v in offered:
        groups.setdefault(v.label.value, []).append(v)
    per = math.ceil(limit / max(len(groups), 1))
    kept = [v for group in groups.values() for v in group[:per]]
    return kept[:limit]
