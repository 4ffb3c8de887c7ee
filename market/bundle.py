"""Wire the market-data sources a run uses: prices, FX, share counts and the instrument table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from marketfact.market.model import Instrument, SharesQuote
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource
from marketfact.market.source import ChainedPriceSource, FxSource, PriceSource, SharesSource


@dataclass(frozen=True)
class ChainedSharesSource:
    """Ask each share-count source in turn."""

    sources: tuple[SharesSource, ...]
    name: str = "shares"

    def shares(self, symbol: str, on: date) -> SharesQuote:
        """The first source's answer; the last error when none has one."""
        from marketfact.market.source import MarketDataError

        errors = []
        for source in self.sources:
            try:
                return source.shares(symbol, on)
            except MarketDataError as exc:
                errors.append(f"{source.name}: {exc}")
        raise MarketDataError("; ".join(errors))


@dataclass(frozen=True)
class MarketData:
    """The sources of one run."""

    prices: PriceSource
    fx: dict[str, FxSource]
    shares: SharesSource
    instruments: dict[str, Instrument]
    mode: str  # "offline snapshot", "live", "snapshot, live fallback"
    snapshot: SnapshotSource | None = None


def market_data(
    mode: str,
    snapshot_dir: Path | None,
    cache_dir: Path,
    network_deadline: float | None = None,
) -> MarketData:
    """Sources for ``mode``: "snapshot" (offline only), "yfinance" (live, cached), or "auto" (both).

    ``snapshot_dir`` None is the shipped snapshot; the folders come from the settings (marketfact.settings),
    as does ``network_deadline`` (seconds for all the run's requests to Yahoo) when not given.
    """
    from marketfact.market.cache import CachedPriceSource
    from marketfact.market.yahoo import YFinanceFxSource, YFinanceSharesSource, YFinanceSource
    from marketfact.market.yahoonet import NetworkDeadline

    snapshot = SnapshotSource(snapshot_dir) if snapshot_dir else SnapshotSource()
    if network_deadline is None:
        from marketfact.settings import Settings

        network_deadline = Settings().network_deadline
    deadline = NetworkDeadline(network_deadline)  # one for the run's every request (issue 20.7)
    live = CachedPriceSource(YFinanceSource(deadline=deadline), cache_dir)
    instruments = dict(snapshot.instruments())
    ecb = EcbFxSource(snapshot.root)
    snap_shares = SnapshotSharesSource(snapshot.root)
    if mode == "snapshot":
        prices: PriceSource = snapshot
        shares: SharesSource = snap_shares
        label = "offline snapshot"
    elif mode == "yfinance":
        prices, shares, label = live, YFinanceSharesSource(deadline=deadline), "live (yfinance, cached)"
    else:
        prices = ChainedPriceSource([snapshot, live])
        shares = ChainedSharesSource((snap_shares, YFinanceSharesSource(deadline=deadline)))
        label = "offline snapshot, yfinance where it does not cover"
    return MarketData(
        prices=prices,
        fx={"ecb": ecb, "yahoo": YFinanceFxSource(prices)},
        shares=shares,
        instruments=instruments,
        mode=label,
        snapshot=snapshot,
    )
