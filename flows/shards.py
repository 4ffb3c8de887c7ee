"""The ``verify-claims-sharded`` flow: claims partitioned by instrument, one task per shard, one merged run.

Each shard is planned, fetched, validated (Great Expectations) and judged in a task of its own
(``check-shard``), which writes its verdicts to ``<run>/verdicts/shard=<k>/part.parquet`` and hands back
only counts, the cards it offers the page and its failed validations (``checks.shard.ShardResult``). With
a Dask task runner (``with_task_runner("dask", address)``), the shards run side by side on the cluster's
workers, on one machine or many (docs/scale.md). The merge writes the run's digest page and a
``report.json`` that names the folder of Parquet files. Run it through ``marketfact check --shards N``.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from marketfact.checks.run import new_run_id
from marketfact.checks.runreport import RunReport
from marketfact.checks.shard import ShardResult, ShardSpec, check_shard, merge, partition
from marketfact.flows.tasks import FlowResult, whole
from marketfact.flows.verify import on_task_runner
from marketfact.reports.columnar import SHARDS_FOLDER, write_parquet
from marketfact.reports.digest import MAX_CLAIM_CARDS
from marketfact.settings import DEFAULT_CACHE_DIR, DEFAULT_OUT_DIR, absolute


@task(name="partition-claims", cache_policy=NO_CACHE)
def partition_task(claims_path: str, shards: int, folder: str) -> list[str]:
    """Split the claim file by instrument into at most ``shards`` claim files."""
    return [str(p) for p in partition(Path(claims_path), shards, Path(folder))]


@task(name="check-shard", cache_policy=NO_CACHE)
def check_shard_task(spec: ShardSpec, report_dir: str, run_id: str, synthetic: bool) -> ShardResult:
    """One shard whole: plan, fetch, validate, judge; its verdicts to Parquet, a small result back."""
    result, table = check_shard(spec)
    target = Path(report_dir) / SHARDS_FOLDER / f"shard={spec.shard:04d}" / "part.parquet"
    write_parquet(table.columns(), target, run_id, synthetic)
    return result


@task(name="merge-shards", cache_policy=NO_CACHE)
def merge_task(  # type: ignore[no-untyped-def]
    results, started, claims_path, run_id, out_dir, lang, synthetic
) -> tuple[RunReport, dict[str, str]]:
    """The run's report from its shards: the digest page, report.json, the index of runs."""
    from marketfact.reports import write_reports

    run = merge(results, started, claims_path, run_id, SHARDS_FOLDER, MAX_CLAIM_CARDS, synthetic)
    paths = write_reports(run, Path(out_dir), lang=lang, charts=False)
    return run, paths.as_dict()


@flow(name="verify-claims-sharded", log_prints=False)
def verify_sharded(
    claims_path: str,
    shards: int = 4,
    out_dir: str = DEFAULT_OUT_DIR,
    source: str = "auto",
    lang: str = "en",
    snapshot_dir: str | None = None,
    cache_dir: str = DEFAULT_CACHE_DIR,
    synthetic: bool = False,
) -> FlowResult:
    """Check a claim file in ``shards`` shards (by instrument) and write one merged report."""
    from marketfact.checks.engine import now

    logger = get_run_logger()
    started = now()
    run_id = new_run_id(started)
    claims_path, out = str(absolute(claims_path)), absolute(out_dir)
    report_dir = out / run_id
    files = partition_task(claims_path, shards, str(report_dir / "shards"))
    cards = math.ceil(MAX_CLAIM_CARDS / max(len(files), 1))
    specs = [
        ShardSpec(
            shard=k,
            claims_path=path,
            source=source,
            snapshot_dir=str(absolute(snapshot_dir)) if snapshot_dir else None,
            cache_dir=str(absolute(cache_dir)),
            cards=cards,
        )
        for k, path in enumerate(files)
    ]
    logger.info("%d shard(s) of the claims, by instrument", len(specs))
    futures = check_shard_task.map(specs, report_dir=str(report_dir), run_id=run_id, synthetic=synthetic)
    results = [f.result() for f in futures]
    for r in results:
        for symbol, message in r.errors.items():
            logger.warning("no prices for %s: %s", symbol, message)
    run, paths = merge_task(whole(results), started, claims_path, run_id, str(out), lang, synthetic)
    counts = run.counts()
    logger.info(
        "%d pass, %d fail, %d unverifiable in %d shard(s); report: %s",
        counts["pass"], counts["fail"], counts["unverifiable"], len(results), paths.get("html"),
    )  # fmt: skip
    return FlowResult(
        {"run": run, "paths": paths, "counts": counts, "shards": results, "as_of": date.today().isoformat()}
    )


def with_task_runner(kind: str = "threads", address: str | None = None, workers: int = 2, one_at_a_time: bool = False):  # type: ignore[no-untyped-def]
    """``verify_sharded`` with its task runner, as ``flows.verify.with_task_runner`` gives ``verify_claims``.

    ``one_at_a_time`` (threads only): one shard after the other, so their memory is not added up in one process.
    """
    if one_at_a_time and kind == "threads":
        from prefect.task_runners import ThreadPoolTaskRunner

        return verify_sharded.with_options(task_runner=ThreadPoolTaskRunner(max_workers=1))  # type: ignore[arg-type]
    return on_task_runner(verify_sharded, kind, address, workers)
