"""The snapshot's date, shown as its data's retrieval time: the same on every clone of the project.

The shipped snapshot carries it in ``SNAPSHOT.toml``; a folder without one is dated by its instruments file,
as before. The folders here are copies of the real shipped snapshot.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from marketfact.market.snapshot import SHIPPED_SNAPSHOT, SnapshotSource
from marketfact.market.source import MarketDataError

SHIPPED_DATE = datetime(2026, 11, 29, 9, 51, 59, tzinfo=UTC)


def test_a_fresh_clone_shows_the_snapshot_date_not_its_checkout_time(snapshot_copy: Path) -> None:
    now = datetime.now(UTC).timestamp()
    os.utime(snapshot_copy / "instruments.csv", (now, now))  # what a fresh clone's checkout does
    for root in (SHIPPED_SNAPSHOT, snapshot_copy):
        source = SnapshotSource(root)
        assert source.retrieved_at == SHIPPED_DATE
        assert source.history("NVDA", date(2025, 1, 27), date(2025, 1, 27)).retrieved_at == SHIPPED_DATE


def test_a_folder_without_a_manifest_is_dated_by_its_instruments_file(snapshot_copy: Path) -> None:
    (snapshot_copy / "SNAPSHOT.toml").unlink()
    stamp = datetime(2025, 3, 1, 12, 0, tzinfo=UTC).timestamp()
    os.utime(snapshot_copy / "instruments.csv", (stamp, stamp))
    assert SnapshotSource(snapshot_copy).retrieved_at == datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("as_of = 2026-11-29T09:51:59\n", "as_of must be a time with its offset"),
        ("as_of = 2026-11-29\n", "as_of must be a time with its offset"),
        ("as_of = \n", "cannot be read"),
    ],
)
def test_a_bad_manifest_is_refused_by_name(snapshot_copy: Path, text: str, words: str) -> None:
    (snapshot_copy / "SNAPSHOT.toml").write_text(text, encoding="utf-8")
    with pytest.raises(MarketDataError, match=words) as caught:
        SnapshotSource(snapshot_copy)
    assert "SNAPSHOT.toml" in str(caught.value)
