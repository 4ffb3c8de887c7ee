"""Settings and the CLI module load without pandas or Prefect: the temporary server is launched before those."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from marketfact.settings import SHIPPED_SNAPSHOT, Settings

REPO = Path(__file__).resolve().parents[2]


def test_the_default_snapshot_is_the_shipped_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from marketfact.market.snapshot import SHIPPED_SNAPSHOT as from_market

    monkeypatch.delenv("MARKETFACT_SNAPSHOT_DIR", raising=False)
    assert from_market == SHIPPED_SNAPSHOT
    assert Settings().snapshot_dir == from_market
    assert (SHIPPED_SNAPSHOT / "instruments.csv").is_file()


def test_the_cli_module_imports_neither_pandas_nor_prefect() -> None:
    probe = (
        "import sys\n"
        "import marketfact.cli\n"
        "from marketfact.settings import Settings\n"
        "Settings()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'numpy', 'prefect', 'great_expectations'}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
