"""Every verdict of a large run as one Parquet file, ``verdicts.parquet``, next to report.json.

A run of more than ``checks.columnar.LAZY_ABOVE`` claims keeps its verdicts as a ``VerdictTable``. Its
report.json holds the claims its page shows (with their evidence, as always) and names this file, which
holds one row per claim, in the claim file's order:

=============== ======= ==============================================================================
column          type    meaning
=============== ======= ==============================================================================
claim_id        string  the claim's id in the claim file
label           string  CORRECT, MOSTLY_CORRECT, MISLEADING, INCORRECT or UNVERIFIABLE
outcome         string  pass, fail or unverifiable
measured        double  percent points for moves, claim-currency units × scale for money; null: none
unit            string  percent or money
claim_currency  string  the currency of a money claim; null for moves
lo, hi          double  the claimed interval of the magnitude (before hedging); null when unbounded
direction       string  up or down
basis           string  close or intraday
symbol          string  the instrument's symbol
exchange        string  MIC of the listing's exchange
start, end      date32  the claim's first and last session (exchange-local dates)
base            date32  the session whose close the move is measured from
reason          string  why the claim is UNVERIFIABLE; null otherwise
=============== ======= ==============================================================================

The file's key-value metadata carries ``marketfact.columns_version`` (``checks.columnar.COLUMNS_VERSION``:
a change of names, types or meaning bumps it), ``marketfact.run_id`` and ``marketfact.synthetic``.
A sharded run (``flows.shards``) writes one such file per shard under ``verdicts/shard=<k>/``: read the
folder as one dataset (``pyarrow.dataset.dataset(path, partitioning="hive")``, ``pandas.read_parquet``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from marketfact.checks.columnar import COLUMNS_VERSION, ShardedVerdicts, VerdictTable
from marketfact.checks.runreport import RunReport

FILE_NAME = "verdicts.parquet"
SHARDS_FOLDER = "verdicts"
"""A sharded run's folder of Parquet files, one per shard: ``verdicts/shard=<k>/part.parquet``."""


def columnar_verdicts(run: RunReport) -> VerdictTable | None:
    """The run's verdicts when they are kept as a table (a large run), else None."""
    return run.verdicts if isinstance(run.verdicts, VerdictTable) else None


def columnar_file(run: RunReport) -> tuple[str, int] | None:
    """Where a large run's every verdict is (relative to its report) and how many: None for a small run."""
    if isinstance(run.verdicts, ShardedVerdicts):
        return run.verdicts.path, len(run.verdicts)
    if isinstance(run.verdicts, VerdictTable):
        return FILE_NAME, len(run.verdicts)
    return None


def write_parquet(frame: pd.DataFrame, path: Path, run_id: str, synthetic: bool) -> Path:
    """Write ``frame`` (``VerdictTable.columns``) to ``path`` through a temporary file, with its metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta.update(
        {
            b"marketfact.columns_version": COLUMNS_VERSION.encode(),
            b"marketfact.run_id": run_id.encode(),
            b"marketfact.synthetic": b"true" if synthetic else b"false",
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table.replace_schema_metadata(meta), tmp, compression="zstd")
    tmp.replace(path)
    return path


def write_columnar(run: RunReport, directory: Path) -> Path | None:
    """Write ``directory/verdicts.parquet`` for a large run; None (nothing written) for a small one."""
    table = columnar_verdicts(run)
    if table is None:
        return None
    return write_parquet(table.columns(), Path(directory) / FILE_NAME, run.run_id, run.synthetic)


def read_verdicts(path: Path) -> pd.DataFrame:
    """A verdicts file, or a sharded run's folder of them, as one frame."""
    return pd.read_parquet(path)
