"""The shipped market-data snapshot: real vendor data with its provenance, read from CSV files.

Layout of a snapshot folder (``market/data`` ships one; the benchmark writes a synthetic one):
``instruments.csv``, ``prices/<symbol>.csv`` (date,open,high,low,close,adj_close,volume),
``fx/ECB_reference_rates.csv`` (Date plus one column per currency, EUR base),
``shares_outstanding.csv``, ``PROVENANCE.md`` and, optionally, ``SNAPSHOT.toml`` (``as_of``: the snapshot's
date, shown as its retrieval time).
"""

from __future__ import annotations

import functools
import io
import tomllib
from collections.abc import Collection, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from marketfact.market.model import PRICE_COLUMNS, FxQuote, Instrument, PriceSeries, SharesQuote
from marketfact.market.source import MarketDataError, NoDataError

SHIPPED_SNAPSHOT = Path(__file__).parent / "data"
ACTION_COLUMNS = ("symbol", "checked_from", "checked_to", "ex_date", "action", "value", "currency", "source")
"""``actions.csv``: dividends and splits the snapshot knows of, and the dates over which that record is complete."""


def read_price_csv(path: Path) -> pd.DataFrame:
    """Read one snapshot price file into the PRICE_FRAME shape (empty fields stay NaN)."""
    try:
        header = pd.read_csv(path, nrows=0).columns
        missing = [c for c in ("date", *PRICE_COLUMNS) if c not in header]
        if missing:
            raise MarketDataError(f"{path} lacks columns {missing}")
        frame = pd.read_csv(path, parse_dates=["date"], dtype={c: "float64" for c in PRICE_COLUMNS})
    except (ValueError, pd.errors.ParserError) as exc:  # a field that is no number, a ragged row
        raise MarketDataError(f"{path} cannot be read as a price file: {exc}") from None
    frame = frame.set_index("date")
    frame.index = pd.DatetimeIndex(frame.index, name="session")
    return frame.loc[:, list(PRICE_COLUMNS)]


PRICE_HEADER = ",".join(("date", *PRICE_COLUMNS)).encode()
"""The header line every snapshot price file has (the batch reader relies on it; others are read alone)."""


def read_price_csvs(paths: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """Read many snapshot price files in one CSV parse; returns the frames it could read this way.

    A price file is a few hundred rows, so reading one costs mostly the parser's set-up; parsed as one text,
    many files take a tenth of the time (docs/performance.md). Each file's non-blank rows get its
    symbol as a first field, the texts are joined and parsed once, and the result is cut back into
    one frame per symbol. A file this cannot read as expected (another header, a
    field that is no number or date) is left out, and ``read_price_csv`` reads it alone with its own
    error message; if the joined text fails to parse, every file is left to it.
    """
    parts: list[bytes] = []
    for symbol, path in paths.items():
        try:
            head, _, body = path.read_bytes().partition(b"\n")
        except OSError:
            continue
        if head.rstrip(b"\r") != PRICE_HEADER or b"," in symbol.encode() or b'"' in body:
            continue
        lines = [line for line in body.replace(b"\r", b"").split(b"\n") if line.strip()]
        if not lines:
            continue
        prefix = symbol.encode() + b","
        parts.append(prefix + (b"\n" + prefix).join(lines) + b"\n")
    if not parts:
        return {}
    text = b"symbol," + PRICE_HEADER + b"\n" + b"".join(parts)
    try:
        table = pd.read_csv(
            io.BytesIO(text), dtype={"symbol": "str", "date": "str", **{c: "float64" for c in PRICE_COLUMNS}}
        )
        sessions = pd.to_datetime(table["date"], format="%Y-%m-%d")
    except (ValueError, TypeError, pd.errors.ParserError):
        return {}
    symbols = table["symbol"].to_numpy(dtype=object)
    values = table.loc[:, list(PRICE_COLUMNS)].to_numpy(dtype="float64")
    index = pd.DatetimeIndex(sessions, name="session")
    # Rows of one file are contiguous: cut where the symbol changes.
    cuts = np.flatnonzero(symbols[1:] != symbols[:-1]) + 1
    bounds = zip(np.r_[0, cuts], np.r_[cuts, len(symbols)], strict=True)
    return {
        str(symbols[a]): pd.DataFrame(values[a:b], index=index[a:b], columns=list(PRICE_COLUMNS)) for a, b in bounds
    }


def snapshot_date(root: Path) -> datetime:
    """When a snapshot's numbers were taken: ``as_of`` of its ``SNAPSHOT.toml`` (the shipped one has it, so
    every clone shows the same date), else the modification time of its ``instruments.csv``, the closest a
    bare folder has (a clone's checkout time for a file out of git, hence the manifest)."""
    manifest = root / "SNAPSHOT.toml"
    if manifest.is_file():
        try:
            as_of = tomllib.loads(manifest.read_text(encoding="utf-8")).get("as_of")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise MarketDataError(f"{manifest} cannot be read: {exc}") from None
        if not isinstance(as_of, datetime) or as_of.tzinfo is None:
            raise MarketDataError(f"{manifest}: as_of must be a time with its offset, e.g. 2026-11-29T09:51:59Z")
        return as_of.astimezone(UTC)
    return datetime.fromtimestamp((root / "instruments.csv").stat().st_mtime, UTC)


class SnapshotSource:
    """Prices, instruments, FX and share counts from a snapshot folder, loaded once per symbol."""

    name = "snapshot"

    def __init__(self, root: Path = SHIPPED_SNAPSHOT) -> None:
        self.root = Path(root)
        if not (self.root / "instruments.csv").is_file():
            raise MarketDataError(f"{self.root} is not a market-data snapshot (no instruments.csv)")
        self._files = {p.stem: p for p in (self.root / "prices").glob("*.csv")}
        self._frames: dict[str, pd.DataFrame] = {}
        self.retrieved_at = snapshot_date(self.root)

    @property
    def provenance_file(self) -> Path:
        """Where the snapshot says where each number came from."""
        return self.root / "PROVENANCE.md"

    def symbols(self) -> list[str]:
        """Symbols with a price file."""
        return sorted(self._files)

    def preload(self, symbols: Collection[str]) -> None:
        """Read the price files of ``symbols`` in one parse (``read_price_csvs``) before they are asked for.

        One snapshot object lives for a run and its files do not change under it, so each file is
        read once; a symbol the batch could not read is read alone when ``history`` asks for it.
        """
        wanted = {s: self._files[s] for s in symbols if s in self._files and s not in self._frames}
        if len(wanted) > 1:
            self._frames.update(read_price_csvs(wanted))

    def _frame(self, symbol: str) -> pd.DataFrame:
        frame = self._frames.get(symbol)
        if frame is None:
            path = self._files.get(symbol)
            if path is None:
                raise NoDataError(f"the snapshot has no prices for {symbol}")
            frame = self._frames[symbol] = read_price_csv(path)
        return frame

    def history(self, symbol: str, start: date, end: date) -> PriceSeries:
        """Rows of the snapshot between ``start`` and ``end`` inclusive."""
        frame = self._frame(symbol)
        # Every row dated inside the window, as the file has them: a slice by label would stop at the
        # window's last date and drop a row repeated further down (a conflicting duplicate, a row out of
        # order), which the data-quality suite must see to refuse it.
        dates = frame.index
        window = frame.loc[(dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))]
        if window.empty:
            raise NoDataError(f"the snapshot has no {symbol} rows between {start} and {end}")
        instrument = self.instruments().get(symbol)
        return PriceSeries(
            symbol=symbol,
            currency=instrument.currency if instrument else None,
            frame=window,
            source=self.name,
            retrieved_at=self.retrieved_at,
            provenance=f"{self.provenance_file.name} (prices/{symbol}.csv)",
            notes=self.action_notes(symbol, start, end),
        )

    @functools.cache  # noqa: B019
    def _actions(self) -> dict[str, tuple[dict[str, str], ...]]:
        """``actions.csv``'s rows per symbol, in the file's order, read once.

        ``history`` asks once per symbol: filtering the table and converting the match to records each time
        cost ≈0.6 ms a symbol, ≈0.3 s of CPU for a run on 500 instruments (bench.run's core, paired).
        """
        path = self.root / "actions.csv"
        if not path.is_file():
            return {}
        by_symbol: dict[str, list[dict[str, str]]] = {}
        for row in pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records"):
            by_symbol.setdefault(str(row["symbol"]), []).append({str(k): str(v) for k, v in row.items()})
        return {symbol: tuple(rows) for symbol, rows in by_symbol.items()}

    def action_notes(self, symbol: str, start: date, end: date) -> tuple[str, ...]:
        """What ``actions.csv`` records of ``symbol``'s dividends and splits, as notes shaped like yfinance's.

        A ``checked`` note says over which dates the record is complete ("no other dividend or split"),
        so an adjusted-only series can be used for a percent change where it shows none.
        """
        notes: list[str] = []
        # The word "split" is kept out of the coverage note: the price suite reads notes naming one as a split.
        for row in self._actions().get(symbol, ()):
            first, last, ex_date = str(row["checked_from"]), str(row["checked_to"]), str(row["ex_date"])
            if first and not notes:
                notes.append(f"corporate actions checked {first}..{last} ({row['source']})")
            if ex_date and start.isoformat() <= ex_date <= end.isoformat():
                unit = f" {row['currency']}" if row["currency"] else ""
                notes.append(f"{row['action']} {row['value']}{unit} (ex-date) on {ex_date}")
        return tuple(notes)

    def full_history(self, symbol: str) -> PriceSeries:
        """Every row the snapshot holds for ``symbol``."""
        frame = self._frame(symbol)
        return self.history(symbol, frame.index[0].date(), frame.index[-1].date())

    @functools.cache  # noqa: B019
    def instruments(self) -> dict[str, Instrument]:
        """The instruments table, keyed by symbol."""
        return read_instruments(self.root / "instruments.csv")


class EcbFxSource:
    """ECB euro reference rates (published about 14:15 CET) from the snapshot's ``fx`` folder."""

    name = "ECB euro reference rate"

    def __init__(self, root: Path = SHIPPED_SNAPSHOT) -> None:
        path = Path(root) / "fx" / "ECB_reference_rates.csv"
        if not path.is_file():
            raise MarketDataError(f"no ECB reference rates at {path}")
        self.table = pd.read_csv(path, parse_dates=["Date"]).set_index("Date").sort_index()
        # Each currency's fixings once, as sorted arrays: a look-up is then one searchsorted.
        self._fixings = {
            str(c): (col.index.to_numpy(dtype="datetime64[ns]"), col.to_numpy(dtype="float64"))
            for c, col in ((c, self.table[c].dropna()) for c in self.table.columns)
        }

    def _eur_rate(self, currency: str, on: date) -> tuple[float, date]:
        if currency == "EUR":
            return 1.0, on
        if currency not in self._fixings:
            raise NoDataError(f"no ECB reference rate for {currency}")
        # The fixing of that day, or the last one before it (weekends and TARGET holidays have none).
        days, rates = self._fixings[currency]
        pos = int(np.searchsorted(days, np.datetime64(on, "ns"), side="right")) - 1
        fixed = pd.Timestamp(days[pos]).date() if pos >= 0 else None
        if fixed is None or (on - fixed) > timedelta(days=7):
            raise NoDataError(f"no ECB {currency} reference rate on or shortly before {on}")
        return float(rates[pos]), fixed

    def rate(self, base: str, quote: str, on: date) -> FxQuote:
        """Units of ``quote`` per ``base``, crossed through EUR where neither side is EUR."""
        eur_base, day_base = self._eur_rate(base, on)
        eur_quote, day_quote = self._eur_rate(quote, on)
        fixing = min(day_base, day_quote)
        return FxQuote(
            base=base,
            quote=quote,
            rate=eur_quote / eur_base,
            on=fixing,
            source=self.name,
            description=f"ECB reference rate of {fixing.isoformat()} (14:15 CET)",
        )


class SnapshotSharesSource:
    """Shares outstanding from the snapshot's ``shares_outstanding.csv`` (filings' cover pages)."""

    name = "snapshot shares outstanding"

    def __init__(self, root: Path = SHIPPED_SNAPSHOT) -> None:
        self.table = pd.read_csv(Path(root) / "shares_outstanding.csv", parse_dates=["as_of"])
        # Indexed per symbol once, sorted by date: a look-up is then one searchsorted, not a scan.
        ordered = self.table.sort_values(["symbol", "as_of"], kind="stable")
        symbols = ordered["symbol"].astype(str).to_numpy(dtype=object)
        days = ordered["as_of"].to_numpy(dtype="datetime64[ns]")
        counts = ordered["shares"].to_numpy("float64")
        sources = ordered["source"].tolist()
        cuts = np.flatnonzero(symbols[1:] != symbols[:-1]) + 1 if len(symbols) else np.empty(0, np.int64)
        self._by_symbol = {
            str(symbols[a]): (days[a:b], counts[a:b], sources[a:b])
            for a, b in zip(np.r_[0, cuts], np.r_[cuts, len(symbols)], strict=True)
            if b > a
        }

    def shares(self, symbol: str, on: date) -> SharesQuote:
        """The latest count dated on or before ``on``."""
        found = self._by_symbol.get(symbol)
        if found is None:
            raise NoDataError(f"the snapshot has no share count for {symbol} on or before {on}")
        days, counts, sources = found
        pos = int(days.searchsorted(np.datetime64(on, "ns"), side="right")) - 1
        if pos < 0:
            raise NoDataError(f"the snapshot has no share count for {symbol} on or before {on}")
        return SharesQuote(symbol, float(counts[pos]), pd.Timestamp(days[pos]).date(), str(sources[pos]))


def read_instruments(path: Path) -> dict[str, Instrument]:
    """An instruments.csv (the snapshot's columns) as a table keyed by symbol."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return {
        row["symbol"]: Instrument(
            symbol=row["symbol"],
            name=row["name"],
            kind=row["kind"],
            mic=row["mic"] or None,
            currency=row["currency"],
            timezone=row["timezone"],
            price_basis=row["price_basis"] or "raw",
            notes=row["notes"],
        )
        for row in table.to_dict("records")
    }
