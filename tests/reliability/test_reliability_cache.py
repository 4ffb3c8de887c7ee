"""Damaged price-cache entries (issue 20, "one clear line instead of a traceback"): each is a refetch.

The entry is written by the cache itself from the shipped snapshot (real prices), then damaged as a disk, an
editor or a hostile user could: a folder by the entry's name, JSON nested 100 000 deep, a value of 10**400,
1e308, 1e999 or NaN. Before, each made ``check --source yfinance`` end in a traceback or a wrong line (the
folder: "Is a directory; give a folder path with -o"; 1e308: Babel's ``InvalidOperation`` in the report).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from marketfact.market.cache import CachedPriceSource, CacheKey, CorruptCacheEntry, decode_entry
from marketfact.market.model import PriceSeries
from marketfact.market.snapshot import SnapshotSource

WINDOW = (date(2025, 1, 16), date(2025, 2, 4))
CLOSE_0127 = ",118.42,"  # NVDA's close on 2025-01-27 in the shipped snapshot


class Counting:
    """The snapshot as the inner source, counting how often it was asked (a refetch asks it)."""

    name = "snapshot"

    def __init__(self) -> None:
        self.snapshot = SnapshotSource()
        self.asked = 0

    def history(self, symbol: str, start: date, end: date) -> PriceSeries:
        self.asked += 1
        return self.snapshot.history(symbol, start, end)


def _entry(cache_dir: Path) -> Path:
    inner = Counting()
    path = CachedPriceSource(inner, cache_dir).store("NVDA", *WINDOW, inner.history("NVDA", *WINDOW))
    assert path is not None
    assert CLOSE_0127 in path.read_text(encoding="utf-8")
    return path


def _replace(old: str, new: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    return damage


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("x", encoding="utf-8")


def _deep(path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


DAMAGE = {
    "a folder by the entry's name": (_folder, "cannot be read (Is a directory)"),
    "JSON nested 100 000 deep": (_deep, "nests too deeply"),
    "a close of 10**400": (_replace(CLOSE_0127, f",{10**400},"), "401 digits) is larger than any price"),
    "a close of 1e308": (_replace(CLOSE_0127, ",1e308,"), "1e+308 is larger than any price"),
    "a close of 1e999 (inf)": (_replace(CLOSE_0127, ",1e999,"), "inf is larger than any price"),
    "a close of NaN": (_replace(CLOSE_0127, ",NaN,"), "holds NaN, which the cache never writes"),
    "a close of -Infinity": (_replace(CLOSE_0127, ",-Infinity,"), "holds -Infinity"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_cache_entry_is_fetched_again(tmp_path: Path, case: str, caplog: pytest.LogCaptureFixture) -> None:
    damage, said = DAMAGE[case]
    path = _entry(tmp_path)
    damage(path)
    inner = Counting()
    cache = CachedPriceSource(inner, tmp_path)
    with caplog.at_level(logging.WARNING, logger="marketfact.market.cache"):
        series = cache.history("NVDA", *WINDOW)
    assert inner.asked == 1, "the window is fetched again"
    assert float(series.frame.loc["2025-01-27", "close"]) == 118.42
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(said in w and str(path) in w for w in warnings), warnings
    assert all("\n" not in w and len(w) < 400 for w in warnings), warnings
    if path.is_dir():  # not ours to delete: left as found, the answer served all the same
        assert (path / "inside").read_text(encoding="utf-8") == "x"
        assert any("could not write the price cache" in w for w in warnings), warnings
    else:  # replaced by the fresh answer, which the next request reads
        again = Counting()
        assert float(CachedPriceSource(again, tmp_path).history("NVDA", *WINDOW).frame["close"].max()) < 1e4
        assert again.asked == 0


def test_decoding_refuses_them_with_a_reason(tmp_path: Path) -> None:
    path = _entry(tmp_path)
    key = CacheKey.from_filename(path.name)
    assert key is not None
    good = path.read_bytes()
    decode_entry(key, good)
    for bad, reason in [
        (good.replace(CLOSE_0127.encode(), f",{10**400},".encode()), "larger than any price"),
        (good.replace(CLOSE_0127.encode(), b",1e308,"), "larger than any price"),
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
        (good.replace(CLOSE_0127.encode(), b',"' + b"x" * 100_000 + b'",'), "is not a number"),
    ]:
        with pytest.raises(CorruptCacheEntry, match=reason) as err:
            decode_entry(key, bad)
        assert len(str(err.value)) < 200
