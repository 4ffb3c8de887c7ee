"""The interfaces every market-data source implements, and the errors they raise.

Three implementations stand behind ``PriceSource``: the shipped snapshot (offline default), yfinance
(live), and a local cache in front of either. ``ChainedPriceSource`` asks them in order, so "the
snapshot where it covers the request, yfinance otherwise" is one line of wiring, not a special case.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Protocol, runtime_checkable

from marketfact.market.model import FxQuote, PriceSeries, SharesQuote


class MarketDataError(Exception):
    """A source could not deliver what was asked; the message says what and why, for a person."""


class NoDataError(MarketDataError):
    """The source has no rows for this symbol and window."""


class SourceUnavailableError(MarketDataError):
    """The source could not be reached (no network, rate limit, vendor outage)."""


class RateLimitedError(SourceUnavailableError):
    """The vendor asked us to slow down: the one failure worth retrying after a pause."""


@runtime_checkable
class PriceSource(Protocol):
    """Daily OHLCV of one symbol, raw (unadjusted) prices, exchange-local session dates."""

    name: str

    def history(self, symbol: str, start: date, end: date) -> PriceSeries:
        """Rows for sessions ``start``..``end`` inclusive; raises ``MarketDataError`` when it cannot."""
        ...


@runtime_checkable
class FxSource(Protocol):
    """Exchange rates per date."""

    name: str

    def rate(self, base: str, quote: str, on: date) -> FxQuote:
        """Units of ``quote`` per one ``base`` on ``on`` (or the last fixing before it)."""
        ...


@runtime_checkable
class SharesSource(Protocol):
    """Shares outstanding per date."""

    @property
    def name(self) -> str:
        """The source's name, as reports show it."""
        ...

    def shares(self, symbol: str, on: date) -> SharesQuote:
        """The share count nearest before ``on``."""
        ...


def prefetch(source: PriceSource, symbols: Collection[str]) -> None:
    """Let a source that reads many symbols at once (it has ``preload(symbols)``) do so now.

    Requests stay per instrument (``history``); a source whose reads are cheaper in bulk, like the
    snapshot's CSV files, reads them all in one go first. Sources without ``preload`` are untouched.
    """
    preload = getattr(source, "preload", None)
    if callable(preload) and symbols:
        preload(symbols)


class ChainedPriceSource:
    """Ask each source in turn; the first that covers the window wins.

    A source whose rows do not reach ``start``..``end`` is passed over, so the snapshot answers what
    it holds and yfinance the rest. When none can answer, the error lists what each one said.
    """

    def __init__(self, sources: Sequence[PriceSource]) -> None:
        self.sources = list(sources)
        self.name = " → ".join(s.name for s in self.sources)

    def preload(self, symbols: Collection[str]) -> None:
        """Each source that reads in bulk reads ``symbols`` now (see ``prefetch``)."""
        for source in self.sources:
            prefetch(source, symbols)

    def history(self, symbol: str, start: date, end: date) -> PriceSeries:
        """Rows from the first source that covers the window."""
        reasons = [f"no source has {symbol} for {start}..{end}"]
        partial: PriceSeries | None = None
        for source in self.sources:
            try:
                series = source.history(symbol, start, end)
            except MarketDataError as exc:
                reasons.append(str(exc))  # each source's own reason, a code of checks.reasons
                continue
            if series.covers(start, end):
                return series
            partial = partial or series
        if partial is not None:
            # Better some evidence rows than none: data-quality checks will name the missing sessions.
            return partial
        raise NoDataError("; ".join(reasons))
