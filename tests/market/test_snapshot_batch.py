"""The snapshot's batch reader gives exactly the frames of one-file-at-a-time reading, or leaves a file alone.

Odd files (a blank line, a foreign header, a field that is no number) are copies of real snapshot files
with that one change, written to a temporary folder; no price is made up.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from marketfact.market.snapshot import SHIPPED_SNAPSHOT, SnapshotSource, read_price_csv, read_price_csvs
from marketfact.market.source import ChainedPriceSource, MarketDataError, prefetch


def shipped_files() -> dict[str, Path]:
    return {p.stem: p for p in sorted((SHIPPED_SNAPSHOT / "prices").glob("*.csv"))}


def test_batch_equals_single_reads_on_the_shipped_snapshot() -> None:
    files = shipped_files()
    batch = read_price_csvs(files)
    assert set(batch) == set(files)
    for symbol, path in files.items():
        pd.testing.assert_frame_equal(batch[symbol], read_price_csv(path), check_freq=False)


def test_odd_files_are_left_to_the_single_reader(snapshot_copy: Path) -> None:
    prices = snapshot_copy / "prices"
    nvda = (prices / "NVDA.csv").read_text().splitlines()
    (prices / "NVDA.csv").write_text("\n".join([nvda[0], nvda[1], "", *nvda[2:]]) + "\n\n")  # blank lines
    sap = (prices / "SU.PA.csv").read_text().splitlines()
    (prices / "SU.PA.csv").write_text("\n".join(["Date,Close", *(ln.split(",")[0] for ln in sap[1:])]))
    files = {p.stem: p for p in prices.glob("*.csv")}
    batch = read_price_csvs(files)
    assert "SU.PA" not in batch  # foreign header: read alone, which names what is missing
    pd.testing.assert_frame_equal(batch["NVDA"], read_price_csv(files["NVDA"]), check_freq=False)
    source = SnapshotSource(snapshot_copy)
    prefetch(source, list(files))
    with pytest.raises(MarketDataError, match="lacks columns"):
        source.history("SU.PA", date(2025, 1, 20), date(2025, 1, 31))


def test_a_field_that_is_no_number_sends_every_file_to_the_single_reader(snapshot_copy: Path) -> None:
    path = snapshot_copy / "prices" / "NVDA.csv"
    lines = path.read_text().splitlines()
    fields = lines[3].split(",")
    lines[3] = ",".join([fields[0], "n/a?", *fields[2:]])
    path.write_text("\n".join(lines) + "\n")
    files = {p.stem: p for p in (snapshot_copy / "prices").glob("*.csv")}
    assert read_price_csvs(files) == {}
    source = SnapshotSource(snapshot_copy)
    prefetch(ChainedPriceSource([source]), list(files))
    with pytest.raises(MarketDataError, match="cannot be read as a price file: could not convert"):
        source.history("NVDA", date(2025, 1, 24), date(2025, 1, 28))
    pd.testing.assert_frame_equal(  # the other files are still served, read one by one
        source.history("SU.PA", date(2025, 1, 24), date(2025, 1, 28)).frame,
        read_price_csv(files["SU.PA"]).loc["2025-01-24":"2025-01-28"],
        check_freq=False,
    )


def test_preload_reads_each_file_once_and_history_serves_from_it(snapshot_copy: Path) -> None:
    source = SnapshotSource(snapshot_copy)
    source.preload(["NVDA", "SU.PA", "NOT-THERE"])
    (snapshot_copy / "prices" / "NVDA.csv").unlink()  # served from what was read
    series = source.history("NVDA", date(2025, 1, 24), date(2025, 1, 28))
    assert [d.date() for d in series.frame.index] == [date(2025, 1, 24), date(2025, 1, 27), date(2025, 1, 28)]
    assert series.frame.loc["2025-01-27", "close"] == pytest.approx(118.42)
    with pytest.raises(MarketDataError, match=r"no prices for NOT-THERE$"):
        source.history("NOT-THERE", date(2025, 1, 24), date(2025, 1, 28))
