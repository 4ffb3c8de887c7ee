"""Test seams for the market-data adapters: Yahoo-shaped frames built from the shipped snapshot.

``yahoo_frame`` rebuilds what ``yfinance.Ticker.history(interval="1d", auto_adjust=False, actions=True)``
returns (index: midnight in the exchange's time zone, named ``Date``, second resolution; float prices,
int64 ``Volume``, float ``Dividends`` and ``Stock Splits``) from the real rows in market/data/prices.
``RecordedTicker`` stands where ``yfinance.Ticker`` talks to the network: it answers ``history`` and
``get_shares_full`` from such frames and raises what yfinance raises when ``hide_exceptions`` is off.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from yfinance.exceptions import YFPricesMissingError

from marketfact.market.model import PriceSeries
from marketfact.market.snapshot import SHIPPED_SNAPSHOT, SnapshotSource, read_price_csv


def yahoo_frame(
    symbol: str,
    tz: str,
    *,
    dividends: dict[str, float] | None = None,
    splits: dict[str, float] | None = None,
    divide_prices_by: float = 1.0,
) -> pd.DataFrame:
    """The snapshot's rows of ``symbol`` in yfinance's output shape.

    ``divide_prices_by`` rebuilds Yahoo's split-adjusted view of a window that precedes a split.
    Event rows on dates without prices carry NaN prices, as yfinance's merge leaves them.
    """
    snap = read_price_csv(SHIPPED_SNAPSHOT / "prices" / f"{symbol}.csv")
    frame = pd.DataFrame(
        {
            "Open": snap["open"] / divide_prices_by,
            "High": snap["high"] / divide_prices_by,
            "Low": snap["low"] / divide_prices_by,
            "Close": snap["close"] / divide_prices_by,
            "Adj Close": snap["adj_close"] / divide_prices_by,
            # yfinance: df['Volume'] = df['Volume'].fillna(0).astype(np.int64)
            "Volume": (snap["volume"] * divide_prices_by).fillna(0).round().astype(np.int64),
        }
    )
    frame.index = pd.DatetimeIndex(snap.index.date)
    frame["Dividends"] = 0.0
    frame["Stock Splits"] = 0.0
    for column, events in (("Dividends", dividends or {}), ("Stock Splits", splits or {})):
        for day, value in events.items():
            frame.loc[pd.Timestamp(day), column] = value
    frame = frame.sort_index()
    frame["Volume"] = frame["Volume"].fillna(0).astype(np.int64)
    for column in ("Dividends", "Stock Splits"):
        frame[column] = frame[column].fillna(0.0)
    # yfinance: pd.to_datetime(quotes.index.date).tz_localize(tz_exchange, ambiguous=True, ...)
    frame.index = pd.to_datetime(frame.index.date).tz_localize(tz, ambiguous=True, nonexistent="shift_forward")
    frame.index.name = "Date"
    return frame


class RecordedTicker:
    """Answers like ``yfinance.Ticker`` from a Yahoo-shaped frame; records every call."""

    def __init__(
        self,
        symbol: str,
        frame: pd.DataFrame | None = None,
        *,
        currency: str | None = None,
        exchange_tz: str | None = None,
        shares: pd.Series | None = None,
        error: Exception | None = None,
    ) -> None:
        self.ticker = symbol
        self.frame = frame
        self.shares_series = shares
        self.error = error
        self.calls: list[dict[str, Any]] = []
        tz = exchange_tz or (str(frame.index.tz) if frame is not None else None)
        self._meta = {"currency": currency, "exchangeTimezoneName": tz, "symbol": symbol}

    @property
    def history_metadata(self) -> dict[str, Any]:
        return self._meta

    def history(self, start: str | None = None, end: str | None = None, **kwargs: Any) -> pd.DataFrame:
        self.calls.append({"start": start, "end": end, **kwargs})
        if self.error is not None:
            raise self.error
        assert self.frame is not None
        local = self.frame.index.tz_convert(self._meta["exchangeTimezoneName"]).tz_localize(None)
        mask = np.ones(len(local), dtype=bool)
        if start is not None:
            mask &= local >= pd.Timestamp(start)
        if end is not None:
            mask &= local < pd.Timestamp(end)  # yfinance's end is exclusive
        rows = self.frame[mask]
        if rows.empty:
            raise YFPricesMissingError(self.ticker, f"(1d {start} -> {end})")
        return rows.copy()

    def get_shares_full(self, start: str | None = None, end: str | None = None) -> pd.Series | None:
        self.calls.append({"shares": True, "start": start, "end": end})
        if self.error is not None:
            raise self.error
        return self.shares_series


class Tickers:
    """A ``ticker_factory``: hands out prepared RecordedTickers by symbol."""

    def __init__(self, *tickers: RecordedTicker) -> None:
        self.by_symbol = {t.ticker: t for t in tickers}
        self.asked: list[str] = []

    def __call__(self, symbol: str) -> RecordedTicker:
        self.asked.append(symbol)
        if symbol not in self.by_symbol:
            return RecordedTicker(symbol, error=YFPricesMissingError(symbol, "(1d)"))
        return self.by_symbol[symbol]


class CountingSource:
    """Wraps a PriceSource and counts the requests that reach it."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.requests: list[tuple[str, date, date]] = []

    def history(self, symbol: str, start: date, end: date) -> PriceSeries:
        self.requests.append((symbol, start, end))
        return self.inner.history(symbol, start, end)


# Test modules reach these helpers through fixtures: importing from a conftest is ambiguous when other
# test folders have their own.


@pytest.fixture(scope="session")
def snapshot() -> SnapshotSource:
    """The shipped snapshot."""
    return SnapshotSource()


@pytest.fixture(scope="session")
def yahoo() -> Any:
    """``yahoo.frame(...)``, ``yahoo.Ticker(...)``, ``yahoo.Tickers(...)`` and ``yahoo.Counting(...)``."""

    class Helpers:
        frame = staticmethod(yahoo_frame)
        Ticker = RecordedTicker
        Tickers = Tickers
        Counting = CountingSource

    return Helpers


@pytest.fixture
def snapshot_copy(tmp_path: Path) -> Path:
    """A copy of the real shipped snapshot, for a test that changes its files."""
    root = tmp_path / "snapshot"
    shutil.copytree(SHIPPED_SNAPSHOT, root)
    return root
