"""The local price cache: round trip, sub-windows, settlement, atomic writes, concurrent writers, repair.

The inner source is the shipped snapshot (real data) or the yfinance adapter fed with Yahoo-shaped
frames rebuilt from it; nothing here touches the network.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

from marketfact.market.cache import CachedPriceSource, CacheKey, atomic_write, decode_entry, encode_entry
from marketfact.market.model import empty_price_frame
from marketfact.market.source import NoDataError, PriceSource
from marketfact.market.yahoo import YFinanceSource

JAN = (date(2025, 1, 13), date(2025, 1, 31))
LATE_JAN = (date(2025, 1, 21), date(2025, 1, 28))


class Refusing:
    """An inner source that must never be asked: everything has to come from the cache."""

    name = "refusing"

    def history(self, symbol, start, end):
        raise AssertionError(f"the inner source was asked for {symbol} {start}..{end}")


def files(cache_dir: Path) -> list[str]:
    return sorted(p.name for p in cache_dir.iterdir()) if cache_dir.exists() else []


def test_it_is_a_price_source(snapshot, tmp_path):
    cache = CachedPriceSource(snapshot, tmp_path)
    assert isinstance(cache, PriceSource)
    assert cache.name == "cache(snapshot)"


def test_round_trip_keeps_rows_and_retrieval_time(yahoo, snapshot, tmp_path):
    inner = yahoo.Counting(snapshot)
    cache = CachedPriceSource(inner, tmp_path)

    fresh = cache.history("NVDA", *JAN)
    again = cache.history("NVDA", *JAN)

    assert inner.requests == [("NVDA", *JAN)]
    assert fresh.source == "snapshot"
    assert again.source == "cache(snapshot)"
    assert again.retrieved_at == fresh.retrieved_at == snapshot.retrieved_at
    assert (again.symbol, again.currency) == ("NVDA", "USD")
    assert_frame_equal(again.frame, fresh.frame)
    assert again.provenance.startswith(fresh.provenance)
    assert files(tmp_path) == ["NVDA.1d.raw.2025-01-13.2025-01-31.json"]


def test_missing_values_survive_the_round_trip(snapshot, tmp_path):
    # ENR.DE has empty fields on 17, 20, 21 and 24 Jan 2025; they must stay NaN, not become zeros.
    CachedPriceSource(snapshot, tmp_path).history("ENR.DE", *JAN)
    again = CachedPriceSource(Refusing(), tmp_path).history("ENR.DE", *JAN)
    assert_frame_equal(again.frame, snapshot.history("ENR.DE", *JAN).frame)
    assert again.frame.isna().to_numpy().any()


@pytest.mark.parametrize("symbol", ["^GSPC", "EURUSD=X", "6857.T", "ENR.DE"])
def test_symbols_with_odd_characters_make_valid_keys(snapshot, tmp_path, symbol):
    CachedPriceSource(snapshot, tmp_path).history(symbol, *LATE_JAN)
    (name,) = files(tmp_path)
    assert CacheKey.from_filename(name) == CacheKey(symbol, *LATE_JAN)
    assert CachedPriceSource(Refusing(), tmp_path).history(symbol, *LATE_JAN).symbol == symbol


def test_a_symbol_is_never_served_another_symbols_file(snapshot, tmp_path):
    CachedPriceSource(snapshot, tmp_path).history("6857.T", *LATE_JAN)
    with pytest.raises(NoDataError, match=r"no prices for 6857$"):  # the snapshot's answer, not 6857.T's cached rows
        CachedPriceSource(snapshot, tmp_path).history("6857", *LATE_JAN)


def test_a_window_inside_a_cached_one_is_served_from_the_cache(snapshot, tmp_path):
    CachedPriceSource(snapshot, tmp_path).history("NVDA", *JAN)
    served = CachedPriceSource(Refusing(), tmp_path).history("NVDA", *LATE_JAN)
    assert_frame_equal(served.frame, snapshot.history("NVDA", *LATE_JAN).frame)
    assert served.source == "cache(snapshot)"


def test_a_wider_window_is_fetched_and_replaces_the_narrower_file(yahoo, snapshot, tmp_path):
    inner = yahoo.Counting(snapshot)
    cache = CachedPriceSource(inner, tmp_path)
    cache.history("NVDA", *LATE_JAN)
    cache.history("NVDA", *JAN)
    assert len(inner.requests) == 2
    assert files(tmp_path) == ["NVDA.1d.raw.2025-01-13.2025-01-31.json"]


def test_a_cached_window_without_sessions_is_no_data(snapshot, tmp_path):
    CachedPriceSource(snapshot, tmp_path).history("NVDA", *JAN)
    with pytest.raises(NoDataError, match="cached answer of snapshot"):
        CachedPriceSource(Refusing(), tmp_path).history("NVDA", date(2025, 1, 25), date(2025, 1, 26))


def test_errors_are_never_cached(yahoo, snapshot, tmp_path):
    inner = yahoo.Counting(snapshot)
    cache = CachedPriceSource(inner, tmp_path)
    for _ in range(2):
        with pytest.raises(NoDataError):
            cache.history("NOPE", *JAN)
    assert len(inner.requests) == 2
    assert files(tmp_path) == []


def test_an_empty_answer_is_never_cached(snapshot, tmp_path):
    class Empty:
        name = "empty"

        def history(self, symbol, start, end):
            return dataclasses.replace(snapshot.history("NVDA", start, end), frame=empty_price_frame())

    cache = CachedPriceSource(Empty(), tmp_path)
    assert cache.history("NVDA", *JAN).frame.empty
    assert files(tmp_path) == []


def test_only_settled_sessions_are_stored(yahoo, snapshot, tmp_path):
    inner = yahoo.Counting(snapshot)
    # As if it were the evening of 29 Jan 2025: the last two days may still change at the vendor.
    cache = CachedPriceSource(inner, tmp_path, clock=lambda: datetime(2025, 1, 29, 20, 0, tzinfo=UTC))

    fetched = cache.history("NVDA", *JAN)
    assert fetched.frame.index[-1].date() == date(2025, 1, 31)
    assert files(tmp_path) == ["NVDA.1d.raw.2025-01-13.2025-01-27.json"]

    cache.history("NVDA", *JAN)  # reaches past the settled part: asked again
    cache.history("NVDA", date(2025, 1, 20), date(2025, 1, 27))  # settled: from the cache
    assert len(inner.requests) == 2


def test_notes_dated_before_a_served_window_are_dropped(yahoo, tmp_path):
    # ASML's ex-dividend of $1.57 on 2025-02-11 (PROVENANCE.md), through the yfinance adapter.
    ticker = yahoo.Ticker("ASML", yahoo.frame("ASML", "America/New_York", dividends={"2025-02-11": 1.57}))
    inner = YFinanceSource(ticker_factory=yahoo.Tickers(ticker), check_later_splits=False)
    CachedPriceSource(inner, tmp_path).history("ASML", date(2025, 1, 13), date(2025, 2, 14))

    cache = CachedPriceSource(Refusing(), tmp_path)
    assert cache.history("ASML", date(2025, 2, 10), date(2025, 2, 14)).notes == (
        "dividend 1.57 (ex-date) on 2025-02-11",
    )
    # Before the ex-date the event still matters: Yahoo's adj_close of those days is adjusted for it.
    assert len(cache.history("ASML", date(2025, 1, 27), date(2025, 2, 7)).notes) == 1
    assert cache.history("ASML", date(2025, 2, 12), date(2025, 2, 14)).notes == ()


# --- atomicity and concurrency ---------------------------------------------------------------------

FORK = multiprocessing.get_context("fork")


def _crash_while_writing(cache_dir: Path) -> None:
    from marketfact.market.snapshot import SnapshotSource

    snapshot = SnapshotSource()
    series = dataclasses.replace(snapshot.history("NVDA", *JAN), source="replacement")

    def die(fd: int) -> None:  # the new bytes are written but not yet renamed into place
        os._exit(3)

    os.fsync = die
    CachedPriceSource(snapshot, cache_dir).store("NVDA", *JAN, series)


def test_a_crash_mid_write_leaves_the_old_file_valid(snapshot, tmp_path):
    CachedPriceSource(snapshot, tmp_path).history("NVDA", *JAN)
    before = (tmp_path / CacheKey("NVDA", *JAN).filename).read_bytes()

    child = FORK.Process(target=_crash_while_writing, args=(tmp_path,))
    child.start()
    child.join(30)
    assert child.exitcode == 3

    assert (tmp_path / CacheKey("NVDA", *JAN).filename).read_bytes() == before
    leftovers = [n for n in files(tmp_path) if n.endswith(".tmp")]
    assert len(leftovers) == 1, "the crashed writer's temporary file stays behind ..."
    served = CachedPriceSource(Refusing(), tmp_path).history("NVDA", *JAN)  # ... and is ignored
    assert served.source == "cache(snapshot)"


def test_a_failed_write_cleans_up_and_keeps_the_old_file(snapshot, tmp_path, monkeypatch):
    cache = CachedPriceSource(snapshot, tmp_path)
    cache.history("NVDA", *JAN)
    path = tmp_path / CacheKey("NVDA", *JAN).filename
    before = path.read_bytes()

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space"):
        atomic_write(path, b"{}")
    assert files(tmp_path) == [path.name]
    assert path.read_bytes() == before
    # Through history() the same failure costs only the caching, not the answer.
    assert len(CachedPriceSource(snapshot, tmp_path / "other").history("NVDA", *JAN).frame) == 14


def _write_repeatedly(cache_dir: Path, tag: str, rounds: int) -> None:
    from marketfact.market.snapshot import SnapshotSource

    snapshot = SnapshotSource()
    cache = CachedPriceSource(snapshot, cache_dir)
    for i in range(rounds):
        series = dataclasses.replace(snapshot.history("NVDA", *JAN), source=f"{tag}-{i}")
        cache.store("NVDA", *JAN, series)


def test_concurrent_writers_never_leave_a_torn_file(snapshot, tmp_path):
    CachedPriceSource(snapshot, tmp_path).history("NVDA", *JAN)
    writers = [FORK.Process(target=_write_repeatedly, args=(tmp_path, tag, 60)) for tag in ("a", "b")]
    for writer in writers:
        writer.start()

    reader = CachedPriceSource(Refusing(), tmp_path)
    expected = snapshot.history("NVDA", *JAN).frame
    seen: set[str] = set()
    deadline = time.monotonic() + 60
    while any(w.is_alive() for w in writers) and time.monotonic() < deadline:
        series = reader.history("NVDA", *JAN)  # Refusing raises if a read ever found a bad file
        assert_frame_equal(series.frame, expected)
        seen.add(series.source)
    for writer in writers:
        writer.join(30)
        assert writer.exitcode == 0

    assert len(seen) > 1, "the reader should have seen the file change under it"
    assert files(tmp_path) == [CacheKey("NVDA", *JAN).filename], "no temporary files left"
    assert reader.history("NVDA", *JAN).source in {"cache(a-59)", "cache(b-59)"}


# --- corrupt files ---------------------------------------------------------------------------------


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


def _wrong_columns(path: Path) -> None:
    path.write_text(path.read_text().replace('"adj_close"', '"adjusted"'))


def _rows_outside_key(path: Path) -> None:
    path.write_text(path.read_text().replace('["2025-01-13"', '["2024-12-31"'))


def _text_instead_of_number(path: Path) -> None:
    path.write_text(path.read_text().replace("142.62", '"142.62"'))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [_truncate, _wrong_columns, _rows_outside_key, _text_instead_of_number, _empty])
def test_a_corrupt_file_is_ignored_and_replaced(yahoo, snapshot, tmp_path, damage, caplog):
    CachedPriceSource(snapshot, tmp_path).history("NVDA", *JAN)
    path = tmp_path / CacheKey("NVDA", *JAN).filename
    damage(path)

    inner = yahoo.Counting(snapshot)
    series = CachedPriceSource(inner, tmp_path).history("NVDA", *JAN)

    assert len(inner.requests) == 1, "a corrupt file must not be served"
    assert_frame_equal(series.frame, snapshot.history("NVDA", *JAN).frame)
    assert "ignoring corrupt cache file" in caplog.text
    key = CacheKey("NVDA", *JAN)
    assert decode_entry(key, path.read_bytes()).frame.equals(series.frame), "replaced by a valid file"


def test_a_corrupt_wider_file_does_not_hide_a_valid_narrower_one(snapshot, tmp_path):
    cache = CachedPriceSource(snapshot, tmp_path)
    narrow = cache.store("NVDA", *LATE_JAN, snapshot.history("NVDA", *LATE_JAN))
    wide_key = CacheKey("NVDA", date(2025, 1, 1), date(2025, 2, 28))
    (tmp_path / wide_key.filename).write_text("{not json")

    served = CachedPriceSource(Refusing(), tmp_path).history("NVDA", *LATE_JAN)
    assert served.source == "cache(snapshot)"
    assert narrow is not None
    assert narrow.exists()


def test_encode_decode_round_trip_is_exact(snapshot):
    series = snapshot.history("EURUSD=X", *JAN)
    key = CacheKey("EURUSD=X", *JAN)
    back = decode_entry(key, encode_entry(key, series))
    assert_frame_equal(back.frame, series.frame, check_exact=True)
    assert (back.currency, back.source, back.retrieved_at) == (series.currency, series.source, series.retrieved_at)
