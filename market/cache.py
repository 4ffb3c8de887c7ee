"""A local, crash-safe store of daily price series in front of any PriceSource.

Layout: one JSON file per fetched window, named by its key
``<symbol, percent-encoded>.<interval>.<adjustment>.<start>.<end>.json`` (interval ``1d``, adjustment
``raw``). A file holds the rows the inner source returned for exactly that window plus what the
``PriceSeries`` said about them (source, retrieval time, currency, provenance, notes). JSON rather than
parquet (pyarrow is not a dependency) or pickle (unsafe to load, opaque): plain text, and floats
round-trip exactly.

A request is served from the narrowest stored window that contains it, so a sub-window of an earlier
fetch costs no download; any other request goes to the inner source and its answer is stored under its
own key (stored windows it contains are then pruned). Only settled sessions are stored: rows newer than
``settle_days`` before today may still change at the vendor. Errors and empty answers are never stored.

Writes are atomic: a temporary file in the same folder, fsync, ``os.replace``. A reader therefore sees
either the old file or the new one, never a torn one, also across processes. A file that fails
validation (truncated, edited, wrong shape, nested past reason, a number no price can be) is ignored,
deleted and fetched again; a cache entry that cannot be read at all (a folder by that name, a file without
read permission) is left where it is and the window is fetched again.
"""

from __future__ import annotations

import contextlib
import glob
import json
import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pandas as pd

from marketfact import files
from marketfact.market.model import MAX_VALUE, PRICE_COLUMNS, PriceSeries
from marketfact.market.source import NoDataError, PriceSource

CACHE_FORMAT = "marketfact-price-cache/1"
INTERVAL = "1d"
ADJUSTMENT = "raw"
_STALE_TEMP_SECONDS = 3600
_NOTE_DATE = re.compile(r" on (\d{4}-\d{2}-\d{2})\b")

log = logging.getLogger(__name__)


class CorruptCacheEntry(ValueError):
    """A cache file that cannot be trusted; the reason says which check it failed."""


@dataclass(frozen=True, slots=True)
class CacheKey:
    """What a stored window is: symbol, bar interval, price adjustment and the requested dates."""

    symbol: str
    start: date
    end: date
    interval: str = INTERVAL
    adjustment: str = ADJUSTMENT

    @property
    def filename(self) -> str:
        """The file name that encodes this key (symbols such as ``^GSPC`` or ``EURUSD=X`` are escaped)."""
        symbol = quote(self.symbol, safe="")
        return f"{symbol}.{self.interval}.{self.adjustment}.{self.start}.{self.end}.json"

    @classmethod
    def from_filename(cls, name: str) -> CacheKey | None:
        """The key of a cache file name, or None for anything else (temporary files, strangers)."""
        parts = name.rsplit(".", 5)
        if len(parts) != 6 or parts[5] != "json" or not parts[0] or parts[0].startswith("."):
            return None
        try:
            start, end = date.fromisoformat(parts[3]), date.fromisoformat(parts[4])
        except ValueError:
            return None
        return cls(unquote(parts[0]), start, end, parts[1], parts[2])

    def contains(self, start: date, end: date) -> bool:
        """True when ``start``..``end`` lies inside this key's window."""
        return self.start <= start and end <= self.end


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _number(value: Any) -> float:
    if value is None:
        return math.nan
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CorruptCacheEntry(f"value {str(value)[:40]!r} is not a number")
    if isinstance(value, int) and abs(value) > MAX_VALUE:  # 10**400 is no float at all
        raise CorruptCacheEntry(f"value {str(value)[:20]}… ({len(str(value))} digits) is larger than any price")
    number = float(value)
    if not math.isfinite(number) or abs(number) > MAX_VALUE:  # 1e999 reads as inf
        raise CorruptCacheEntry(f"value {number:g} is larger than any price (at most {MAX_VALUE:g})")
    return number


def _no_constant(name: str) -> Any:
    """Python's JSON reader takes NaN and Infinity; the cache never writes them (NaN is stored as null)."""
    raise CorruptCacheEntry(f"holds {name}, which the cache never writes")


def encode_entry(key: CacheKey, series: PriceSeries) -> bytes:
    """The JSON document stored for ``key``: rows in PRICE_FRAME order, NaN as null."""
    rows = [
        [day.date().isoformat(), *(None if pd.isna(v) else float(v) for v in values)]
        for day, values in zip(series.frame.index, series.frame.loc[:, list(PRICE_COLUMNS)].to_numpy(), strict=True)
    ]
    document = {
        "format": CACHE_FORMAT,
        "key": {
            "symbol": key.symbol,
            "interval": key.interval,
            "adjustment": key.adjustment,
            "start": key.start.isoformat(),
            "end": key.end.isoformat(),
        },
        "source": series.source,
        "retrieved_at": series.retrieved_at.isoformat(),
        "currency": series.currency,
        "provenance": series.provenance,
        "notes": list(series.notes),
        "columns": list(PRICE_COLUMNS),
        "rows": rows,
    }
    return json.dumps(document, allow_nan=False, separators=(",", ":")).encode("utf-8")


def decode_entry(key: CacheKey, payload: bytes) -> PriceSeries:
    """Validate a stored document against its key and rebuild the PriceSeries; ``CorruptCacheEntry``
    when any check fails."""
    try:
        doc = json.loads(payload.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptCacheEntry(f"not JSON ({exc})") from None
    except RecursionError:
        raise CorruptCacheEntry("nests too deeply to be a price-cache document") from None
    if not isinstance(doc, dict) or doc.get("format") != CACHE_FORMAT:
        raise CorruptCacheEntry("not a marketfact price-cache document")
    expected = {
        "symbol": key.symbol,
        "interval": key.interval,
        "adjustment": key.adjustment,
        "start": key.start.isoformat(),
        "end": key.end.isoformat(),
    }
    if doc.get("key") != expected:
        raise CorruptCacheEntry(f"key {doc.get('key')} does not match the file name {expected}")
    if doc.get("columns") != list(PRICE_COLUMNS):
        raise CorruptCacheEntry(f"columns {doc.get('columns')} are not {list(PRICE_COLUMNS)}")
    rows, notes = doc.get("rows"), doc.get("notes")
    if not isinstance(rows, list) or not rows:
        raise CorruptCacheEntry("no rows")
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise CorruptCacheEntry("notes are not a list of strings")
    for field in ("source", "provenance"):
        if not isinstance(doc.get(field), str):
            raise CorruptCacheEntry(f"{field} is not text")
    if doc.get("currency") is not None and not isinstance(doc.get("currency"), str):
        raise CorruptCacheEntry("currency is not text")
    try:
        retrieved_at = datetime.fromisoformat(doc["retrieved_at"])
        days = [date.fromisoformat(row[0]) for row in rows]
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise CorruptCacheEntry(f"bad date ({exc})") from None
    if retrieved_at.tzinfo is None:
        raise CorruptCacheEntry("retrieved_at has no time zone")
    if any(len(row) != 1 + len(PRICE_COLUMNS) for row in rows):
        raise CorruptCacheEntry("a row has the wrong number of fields")
    if any(b <= a for a, b in pairwise(days)) or days[0] < key.start or days[-1] > key.end:
        raise CorruptCacheEntry("session dates are not increasing inside the key's window")
    values = [[_number(v) for v in row[1:]] for row in rows]
    frame = pd.DataFrame(values, columns=list(PRICE_COLUMNS), dtype="float64")
    frame.index = pd.DatetimeIndex(pd.to_datetime(days), name="session").as_unit("us")
    return PriceSeries(
        symbol=key.symbol,
        currency=doc["currency"],
        frame=frame,
        source=doc["source"],
        retrieved_at=retrieved_at,
        provenance=doc["provenance"],
        notes=tuple(notes),
    )


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that no reader, in any process, sees a partial file; flushed to
    the disk, folder included. The file gets the mode the user's umask gives (``marketfact.files``)."""
    files.atomic_write(path, payload, durable=True)


class CachedPriceSource:
    """A PriceSource that answers from local files when it can and asks ``inner`` otherwise."""

    def __init__(
        self,
        inner: PriceSource,
        cache_dir: Path,
        *,
        settle_days: int = 2,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.inner = inner
        self.cache_dir = Path(cache_dir)
        self.settle_days = settle_days
        self.clock = clock
        self.name = f"cache({inner.name})"

    def _keys(self, symbol: str) -> list[tuple[CacheKey, Path]]:
        if not self.cache_dir.is_dir():
            return []
        found = []
        # The file name starts with the escaped symbol; the exact comparison below drops "6857" for "6857.T".
        for path in self.cache_dir.glob(glob.escape(quote(symbol, safe="")) + ".*.json"):
            key = CacheKey.from_filename(path.name)
            if key and key.symbol == symbol and (key.interval, key.adjustment) == (INTERVAL, ADJUSTMENT):
                found.append((key, path))
        return found

    def _read(self, key: CacheKey, path: Path) -> PriceSeries | None:
        try:
            before = path.stat()
            payload = path.read_bytes()
        except FileNotFoundError:  # pruned or replaced by another process since the listing
            return None
        except OSError as exc:  # a folder by that name, no permission: not ours to delete; fetch again
            log.warning("ignoring cache entry %s, which cannot be read (%s)", path, exc.strerror or exc)
            return None
        try:
            return decode_entry(key, payload)
        except CorruptCacheEntry as exc:
            log.warning("ignoring corrupt cache file %s: %s", path, exc)
            with contextlib.suppress(OSError):
                if path.stat().st_ino == before.st_ino:  # do not delete a good file written meanwhile
                    path.unlink()
            return None

    def lookup(self, symbol: str, start: date, end: date) -> PriceSeries | None:
        """The stored series for the window, or None when no valid stored window contains it."""
        candidates = sorted(
            ((k, p) for k, p in self._keys(symbol) if k.contains(start, end)),
            key=lambda kp: (kp[0].end - kp[0].start, kp[0].start),
        )
        for key, path in candidates:
            stored = self._read(key, path)
            if stored is not None:
                return self._serve(stored, start, end, path)
        return None

    def _serve(self, stored: PriceSeries, start: date, end: date, path: Path) -> PriceSeries:
        frame = stored.frame.loc[pd.Timestamp(start) : pd.Timestamp(end)]
        if frame.empty:
            raise NoDataError(
                f"{stored.symbol} has no rows between {start} and {end} (cached answer of {stored.source} "
                f"retrieved {stored.retrieved_at:%Y-%m-%d %H:%M} UTC)"
            )
        # Events before the window do not touch it; later ones still shape the vendor's adjusted prices.
        notes = tuple(n for n in stored.notes if not ((m := _NOTE_DATE.search(n)) and m.group(1) < start.isoformat()))
        return PriceSeries(
            symbol=stored.symbol,
            currency=stored.currency,
            frame=frame,
            source=f"cache({stored.source})",
            retrieved_at=stored.retrieved_at,
            provenance=f"{stored.provenance}; served from the local cache ({path.name})",
            notes=notes,
        )

    def history(self, symbol: str, start: date, end: date) -> PriceSeries:
        """Stored rows when a stored window contains ``start``..``end``; otherwise ask ``inner`` and store."""
        cached = self.lookup(symbol, start, end)
        if cached is not None:
            return cached
        series = self.inner.history(symbol, start, end)  # errors propagate and are never stored
        try:
            self.store(symbol, start, end, series)
        except OSError as exc:  # a full disk or read-only folder must not cost the user the answer
            log.warning("could not write the price cache in %s: %s", self.cache_dir, exc)
        return series

    def store(self, symbol: str, start: date, end: date, series: PriceSeries) -> Path | None:
        """Store ``series`` as the answer for ``start``..``end`` (cut at the last settled date).

        Returns the file written, or None when nothing was worth storing (empty, or not yet settled).
        """
        settled = (self.clock().astimezone(UTC) - timedelta(days=self.settle_days)).date()
        last = min(end, settled)
        frame = series.frame.loc[pd.Timestamp(start) : pd.Timestamp(last)]
        if last < start or frame.empty:
            return None
        key = CacheKey(symbol, start, last)
        kept = PriceSeries(
            series.symbol, series.currency, frame, series.source, series.retrieved_at, series.provenance, series.notes
        )
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        path = self.cache_dir / key.filename
        atomic_write(path, encode_entry(key, kept))
        self._tidy(key, path)
        return path

    def _tidy(self, written: CacheKey, path: Path) -> None:
        """Drop stored windows the new one contains, and temporary files left by crashed writers."""
        for key, other in self._keys(written.symbol):
            if other != path and written.contains(key.start, key.end):
                with contextlib.suppress(FileNotFoundError):
                    other.unlink()
        cutoff = time.time() - _STALE_TEMP_SECONDS
        for tmp in self.cache_dir.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
