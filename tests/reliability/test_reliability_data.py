"""What was read is validated before any cleaning (issue 20.3), and damaged snapshots are one line (20).

The odd data is derived from the shipped snapshot: a copy with one row repeated at the end of a price
file (same session, another close inside the day's range), as a vendor's second delivery would leave it.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from marketfact.market.snapshot import SHIPPED_SNAPSHOT, SnapshotSource
from marketfact.market.yahoo import price_frame_from_yfinance
from tests.reliability.helpers import SEED, run

MONDAY = date(2025, 1, 27)


def snapshot_with_second_monday(tmp_path: Path) -> Path:
    """A copy of the shipped snapshot whose NVDA file repeats 27 Jan 2025 at its end with another close."""
    root = tmp_path / "snapshot"
    shutil.copytree(SHIPPED_SNAPSHOT, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    prices = root / "prices" / "NVDA.csv"
    row = next(line for line in prices.read_text().splitlines() if line.startswith(MONDAY.isoformat()))
    day, open_, high, low, close, _adj, volume = row.split(",")
    other = round((float(high) + float(low)) / 2, 2)  # inside the day's range: only the repeat is wrong
    assert other != float(close)
    with prices.open("a") as handle:
        handle.write(f"{day},{open_},{high},{low},{other},{other},{volume}\n")
    return root


def test_the_snapshot_hands_over_every_row_of_the_window_as_read(tmp_path: Path) -> None:
    source = SnapshotSource(snapshot_with_second_monday(tmp_path))
    window = source.history("NVDA", date(2025, 1, 24), date(2025, 1, 28)).frame
    assert list(window.index.strftime("%Y-%m-%d")) == ["2025-01-24", "2025-01-27", "2025-01-28", "2025-01-27"]


def test_yfinance_frames_keep_a_conflicting_repeat_and_fold_an_identical_one() -> None:
    index = pd.DatetimeIndex(["2025-01-24 00:00", "2025-01-27 00:00", "2025-01-27 00:00", "2025-01-27 00:00"])
    index = index.tz_localize("America/New_York")
    raw = pd.DataFrame(
        {
            "Open": [148.0, 124.8, 124.8, 124.8],
            "High": [149.0, 128.4, 128.4, 128.4],
            "Low": [141.0, 116.7, 116.7, 116.7],
            "Close": [142.6, 118.4, 118.4, 121.0],
            "Adj Close": [142.6, 118.4, 118.4, 121.0],
            "Volume": [1, 2, 2, 3],
        },
        index=index,
    )
    frame, _ = price_frame_from_yfinance(raw, "America/New_York")
    assert list(frame["close"]) == [142.6, 118.4, 121.0], "the identical repeat folded, the conflicting one kept"


@pytest.mark.slow
def test_a_conflicting_repeated_row_makes_the_verdict_unverifiable(tmp_path: Path) -> None:
    root = snapshot_with_second_monday(tmp_path)
    outcome = run("check", SEED, "-o", tmp_path / "out", "--source", "snapshot", MARKETFACT_SNAPSHOT_DIR=str(root))
    assert outcome.code == 0, outcome.stderr[-2000:]
    report = json.loads(next((tmp_path / "out").glob("*/report.json")).read_text(encoding="utf-8"))
    verdicts = {c["claim"]["id"]: c["verdict"] for c in report["claims"]}
    monday = verdicts["nvda-monday-plunge"]
    assert monday["label"] == "UNVERIFIABLE", "was CORRECT: the repeat was dropped before validation"
    assert "dates_unique" in monday["reason"]
    assert "2025-01-27" in monday["reason"]
    assert verdicts["advantest-two-days"]["label"] == "CORRECT", "other instruments are still checked"


def snapshot_with_a_huge_close(tmp_path: Path) -> Path:
    """A copy of the shipped snapshot whose NVDA close of 27 Jan 2025 reads 1e308 (a vendor's damage)."""
    root = tmp_path / "snapshot"
    shutil.copytree(SHIPPED_SNAPSHOT, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    prices = root / "prices" / "NVDA.csv"
    lines = prices.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(MONDAY.isoformat()))
    cells = lines[at].split(",")
    cells[4] = "1e308"  # day, open, high, low, close, adj_close, volume
    lines[at] = ",".join(cells)
    prices.write_text("\n".join(lines) + "\n")
    return root


@pytest.mark.slow
def test_a_close_of_1e308_in_the_snapshot_makes_the_verdict_unverifiable_and_the_report_is_written(
    tmp_path: Path,
) -> None:
    """Before: the claim was judged on it and Babel's InvalidOperation ended the run while the report
    formatted the measured move (internal error, exit 3, no report)."""
    root = snapshot_with_a_huge_close(tmp_path)
    outcome = run("check", SEED, "-o", tmp_path / "out", "--source", "snapshot", MARKETFACT_SNAPSHOT_DIR=str(root))
    assert outcome.code == 0, outcome.stderr[-2000:]
    folder = next((tmp_path / "out").glob("*/report.json")).parent
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    verdicts = {c["claim"]["id"]: c["verdict"] for c in report["claims"]}
    monday = verdicts["nvda-monday-plunge"]
    assert monday["label"] == "UNVERIFIABLE"
    assert "close_positive" in monday["reason"], monday["reason"]
    assert verdicts["advantest-two-days"]["label"] == "CORRECT", "other instruments are still checked"
    assert "close_positive" in (folder / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda root: (root / "instruments.csv").unlink(), "is not a market-data snapshot"),
        (lambda root: shutil.rmtree(root), "is not a market-data snapshot"),
        (lambda root: (root / "SNAPSHOT.toml").write_text("as_of = 2026-11-29\n"), "as_of must be a time with"),
    ],
    ids=["no-instruments", "no-snapshot", "date-without-time"],
)
def test_a_damaged_snapshot_is_one_line(tmp_path: Path, damage, expected: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "snapshot"
    shutil.copytree(SHIPPED_SNAPSHOT, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    damage(root)
    outcome = run("check", SEED, "-o", tmp_path / "out", "--source", "snapshot", MARKETFACT_SNAPSHOT_DIR=str(root))
    outcome.assert_one_clear_line(2, "MARKETFACT_SNAPSHOT_DIR", str(root), expected)
