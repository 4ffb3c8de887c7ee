"""Live market data from Yahoo Finance through yfinance, with its failures made loud.

yfinance hides errors by default: it logs them and returns an empty frame. Here every failure becomes a
``MarketDataError`` with one readable sentence: no network, a timeout or a rate limit is a
``SourceUnavailableError``; an unknown symbol or a window without rows is a ``NoDataError``. The translation
and the run's one network deadline live in ``market.yahoonet``.

Prices are requested raw (``auto_adjust=False``, ``repair=False``). Yahoo's open/high/low/close are
nevertheless adjusted for stock splits (only ``Adj Close`` carries dividends), so a split inside the
window, and by default one after it, is reported in ``PriceSeries.notes``, as are dividends inside the
window. Notes about one day end in ``" on YYYY-MM-DD"``; the cache relies on that to drop notes dated
before a window it serves.

The network sits behind one seam: ``ticker_factory`` (``yfinance.Ticker`` by default). Tests pass a
factory whose objects answer ``history`` and ``get_shares_full`` like yfinance does, without a network.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from marketfact.market.model import PRICE_COLUMNS, FxQuote, PriceSeries, SharesQuote
from marketfact.market.source import MarketDataError, NoDataError, PriceSource, SourceUnavailableError
from marketfact.market.yahoonet import NetworkDeadline, raise_loud

TickerFactory = Callable[[str], Any]
"""Makes the object that talks to Yahoo for one symbol: ``yfinance.Ticker`` or a test's stand-in."""

YAHOO_COLUMNS: dict[str, str] = {
    "Open": "open",
    "High": "high",
    "Low": "low",
    "Close": "close",
    "Adj Close": "adj_close",
    "Volume": "volume",
}
"""yfinance's column names (``auto_adjust=False``) and the PRICE_FRAME columns they become."""


class _DropYFinanceNoise(logging.Filter):
    """Drops yfinance's own warnings and errors: each failure reaches the caller as one exception."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno < logging.WARNING or record.levelno >= logging.CRITICAL


_NOISE_FILTER = _DropYFinanceNoise()


def _loud_yfinance() -> Any:
    """Import yfinance lazily (only runs that fetch pay for it) and make it raise instead of returning empty frames."""
    import yfinance

    yfinance.config.debug.hide_exceptions = False
    yf_logger = logging.getLogger("yfinance")
    if _NOISE_FILTER not in yf_logger.filters:
        yf_logger.addFilter(_NOISE_FILTER)
    return yfinance


def _local_dates(index: pd.Index, exchange_tz: str | None) -> pd.DatetimeIndex:
    """Exchange-local session dates of a yfinance index; converting to UTC first would shift Tokyo."""
    stamps = pd.DatetimeIndex(index)
    if stamps.tz is not None:
        stamps = stamps.tz_convert(exchange_tz or stamps.tz).tz_localize(None)
    # Built from the bare values: a frequency pandas infers here would make equal frames compare unequal.
    return pd.DatetimeIndex(stamps.normalize().as_unit("us").to_numpy(), name="session")


def _split_text(ratio: float) -> str:
    return f"split {ratio:g}:1" if ratio >= 1 else f"reverse split 1:{1 / ratio:g}"


def _scaled(ratio: float) -> str:
    """How Yahoo rescales the prices before a split of ``ratio`` (new shares per old share)."""
    return f"divided by {ratio:g}" if ratio >= 1 else f"multiplied by {1 / ratio:g}"


def price_frame_from_yfinance(
    raw: pd.DataFrame,
    exchange_tz: str | None = None,
    currency: str | None = None,
    window: tuple[date, date] | None = None,
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """A yfinance ``history`` frame in the PRICE_FRAME shape, plus notes on its dividends and splits.

    ``window`` (first, last session date) keeps only rows and events inside it. Rows that carry an
    event but no price (yfinance keeps them) give their note and are dropped from the frame.
    """
    missing = [c for c in ("Open", "High", "Low", "Close") if c not in raw.columns]
    if missing:
        raise MarketDataError(f"yfinance returned a frame without columns {missing}")
    sessions = _local_dates(raw.index, exchange_tz)
    inside = np.ones(len(sessions), dtype=bool)
    if window is not None:
        inside &= (sessions >= pd.Timestamp(window[0])) & (sessions <= pd.Timestamp(window[1]))
    frame = pd.DataFrame(
        {
            name: (
                pd.to_numeric(raw[col], errors="coerce").astype("float64").to_numpy()
                if col in raw.columns
                else float("nan")
            )
            for col, name in YAHOO_COLUMNS.items()
        },
        index=sessions,
    ).loc[inside, list(PRICE_COLUMNS)]
    # A session delivered twice with the same prices is one row; twice with different prices stays two, for
    # the data-quality suite to refuse (dates_unique): which of the two is right, nothing here can know.
    frame = frame[~(frame.index.duplicated(keep=False) & frame.reset_index().duplicated(keep="first").to_numpy())]
    frame = frame.dropna(how="all", subset=["open", "high", "low", "close", "adj_close"]).sort_index(kind="stable")
    notes: list[str] = []
    for col in ("Dividends", "Stock Splits", "Capital Gains"):
        if col not in raw.columns:
            continue
        values = pd.to_numeric(raw[col], errors="coerce").to_numpy()[inside]
        for day, value in zip(sessions[inside], values, strict=True):
            if not value or pd.isna(value):
                continue
            on = f"on {day.date().isoformat()}"
            if col == "Dividends":
                notes.append(f"dividend {value:g}{' ' + currency if currency else ''} (ex-date) {on}")
            elif col == "Stock Splits":
                ratio = float(value)
                notes.append(f"{_split_text(ratio)} {on}: Yahoo's prices before it are {_scaled(ratio)}")
            else:
                notes.append(f"capital gain distribution {value:g} {on}")
    return frame, tuple(notes)


def _metadata(ticker: Any) -> Mapping[str, Any]:
    """yfinance's metadata of the last history call (no request: it arrived with the prices)."""
    try:
        meta = ticker.history_metadata
    except Exception:
        return {}
    return meta if isinstance(meta, Mapping) else {}


class YFinanceSource:
    """Daily raw OHLCV from Yahoo Finance via ``yfinance.Ticker(symbol).history``."""

    name = "yfinance"

    def __init__(
        self,
        ticker_factory: TickerFactory | None = None,
        *,
        timeout: float = 10.0,
        check_later_splits: bool = True,
        deadline: NetworkDeadline | None = None,
    ) -> None:
        self._ticker_factory = ticker_factory
        self.timeout = timeout
        self.check_later_splits = check_later_splits
        self.deadline = deadline or NetworkDeadline()

    def _ticker(self, symbol: str) -> Any:
        yfinance = _loud_yfinance()
        factory = self._ticker_factory or yfinance.Ticker
        return factory(symbol)

    def history(self, symbol: str, start: date, end: date) -> PriceSeries:
        """Rows for the exchange-local sessions ``start``..``end`` inclusive, raw prices."""
        what = f"{symbol} {start.isoformat()}..{end.isoformat()}"
        if end < start:
            raise MarketDataError(f"cannot fetch {what}: the window ends before it starts")
        retrieved_at = datetime.now(UTC)
        _loud_yfinance()  # imported here, not in the bounded call: an import is not network time

        def request(timeout: float) -> tuple[Any, pd.DataFrame, Mapping[str, Any]]:
            ticker = self._ticker(symbol)
            raw = ticker.history(
                start=start.isoformat(),
                end=(end + timedelta(days=1)).isoformat(),  # yfinance's end is exclusive
                interval="1d",
                auto_adjust=False,
                back_adjust=False,
                actions=True,
                repair=False,  # repairs rewrite prices; a fact-check shows the vendor's numbers
                prepost=False,
                timeout=timeout,
            )
            if raw is None or len(raw) == 0:
                raise NoDataError(f"Yahoo Finance returned no rows for {what}")
            return ticker, raw, _metadata(ticker)  # the metadata may cost a request of its own: bounded too

        ticker, raw, meta = self.deadline.call(request, self.timeout, what)
        currency = meta.get("currency") or None
        try:
            frame, notes = price_frame_from_yfinance(
                raw, meta.get("exchangeTimezoneName"), currency, window=(start, end)
            )
        except Exception as exc:
            raise_loud(exc, what)
        if frame.empty:
            raise NoDataError(f"Yahoo Finance returned no rows for {what}")
        if self.check_later_splits:
            notes = (*notes, *self._later_splits(ticker, symbol, end))
        return PriceSeries(
            symbol=symbol,
            currency=currency,
            frame=frame,
            source=self.name,
            retrieved_at=retrieved_at,
            provenance=(
                f"Yahoo Finance via yfinance Ticker.history(interval='1d', auto_adjust=False, repair=False), "
                f"retrieved {retrieved_at:%Y-%m-%d %H:%M} UTC; OHLC are split-adjusted by Yahoo"
            ),
            notes=notes,
        )

    def _later_splits(self, ticker: Any, symbol: str, end: date) -> tuple[str, ...]:
        """Splits after the window: Yahoo has divided the window's prices by them."""
        after = end + timedelta(days=1)
        if after >= datetime.now(UTC).date():
            return ()
        def request(timeout: float) -> pd.DataFrame:
            raw: pd.DataFrame = ticker.history(
                start=after.isoformat(), interval="1d", auto_adjust=False, actions=True, repair=False, timeout=timeout
            )
            return raw

        try:
            raw = self.deadline.call(request, self.timeout, f"{symbol} after {end.isoformat()}")
        except NoDataError:
            return ()
        except MarketDataError as error:
            return (f"splits after {end.isoformat()} could not be checked: {error}",)
        if raw is None or "Stock Splits" not in raw.columns:
            return ()
        splits = pd.to_numeric(raw["Stock Splits"], errors="coerce")
        splits = splits[splits.fillna(0) != 0]
        days = _local_dates(splits.index, None)
        return tuple(
            f"{_split_text(float(r))} on {d.date().isoformat()}, after the window: Yahoo's prices here are "
            f"{_scaled(float(r))}, not the traded prices; percent changes are unaffected"
            for d, r in zip(days, splits.to_numpy(), strict=True)
        )


_MARKET_ORDER = ("EUR", "GBP", "AUD", "NZD", "USD", "CAD", "CHF", "CNY", "HKD", "JPY")
"""Which currency is the base in a market quote (EURUSD, USDJPY): earlier in this list wins."""


class YFinanceFxSource:
    """Exchange rates from Yahoo's daily FX series ``{BASE}{QUOTE}=X`` read through a PriceSource.

    Timing caveat: Yahoo stamps its daily FX bar at 00:00 London, so the value for a date is the rate
    at the *start* of that date, not an end-of-day fixing (see market/data/PROVENANCE.md). Inverse pairs
    come from the market-quoted series: USD→EUR is 1 / EURUSD=X.
    """

    def __init__(self, prices: PriceSource | None = None, *, lookback_days: int = 7) -> None:
        # Currencies do not split: the later-splits request would be wasted on FX pairs.
        self.prices: PriceSource = prices if prices is not None else YFinanceSource(check_later_splits=False)
        self.lookback_days = lookback_days
        self.name = f"Yahoo daily FX bar ({self.prices.name})"

    @staticmethod
    def _candidates(base: str, quote: str) -> list[tuple[str, bool]]:
        rank = {c: i for i, c in enumerate(_MARKET_ORDER)}
        direct, inverse = (f"{base}{quote}=X", False), (f"{quote}{base}=X", True)
        if rank.get(quote, len(rank)) < rank.get(base, len(rank)):
            return [inverse, direct]
        return [direct, inverse]

    def rate(self, base: str, quote: str, on: date) -> FxQuote:
        """Units of ``quote`` per one ``base``: the close of ``on``'s daily bar, or of the last one before."""
        base, quote = base.upper(), quote.upper()
        if base == quote:
            return FxQuote(base, quote, 1.0, on, self.name, f"{base} to {base} is 1 by definition")
        failures: list[MarketDataError] = []
        for symbol, inverted in self._candidates(base, quote):
            try:
                series = self.prices.history(symbol, on - timedelta(days=self.lookback_days), on)
            except MarketDataError as exc:
                failures.append(exc)
                continue
            closes = series.frame["close"].dropna()
            closes = closes[(closes > 0) & (closes.index <= pd.Timestamp(on))]
            if closes.empty:
                failures.append(NoDataError(f"{symbol} has no close on or before {on}"))
                continue
            day, value = closes.index[-1].date(), float(closes.iloc[-1])
            how = f"1 / {value:g} ({symbol})" if inverted else f"{symbol} {value:g}"
            return FxQuote(
                base=base,
                quote=quote,
                rate=1.0 / value if inverted else value,
                on=day,
                source=f"Yahoo Finance {symbol} ({series.source})",
                description=(
                    f"{how}, Yahoo's daily FX bar of {day.isoformat()}; Yahoo stamps it 00:00 London, so it "
                    f"is the rate at the start of {day.isoformat()}, not an end-of-day fixing"
                ),
            )
        reasons = "; ".join(str(f) for f in failures)
        if failures and all(isinstance(f, SourceUnavailableError) for f in failures):
            raise SourceUnavailableError(f"no {base}/{quote} rate for {on}: {reasons}")
        raise NoDataError(f"no {base}/{quote} rate on or shortly before {on}: {reasons}")


class YFinanceSharesSource:
    """Shares outstanding from Yahoo Finance via ``yfinance.Ticker(symbol).get_shares_full``."""

    name = "yfinance shares outstanding"

    def __init__(
        self,
        ticker_factory: TickerFactory | None = None,
        *,
        lookback_days: int = 548,
        timeout: float = 10.0,
        deadline: NetworkDeadline | None = None,
    ) -> None:
        self._ticker_factory = ticker_factory
        self.lookback_days = lookback_days
        self.timeout = timeout
        self.deadline = deadline or NetworkDeadline()

    def shares(self, symbol: str, on: date) -> SharesQuote:
        """The latest count Yahoo dates on or before ``on`` (looking back ``lookback_days``)."""
        what = f"{symbol} shares outstanding up to {on.isoformat()}"
        yfinance = _loud_yfinance()

        def request(timeout: float) -> Any:  # get_shares_full takes no timeout: only the wait bounds it
            ticker = (self._ticker_factory or yfinance.Ticker)(symbol)
            return ticker.get_shares_full(
                start=(on - timedelta(days=self.lookback_days)).isoformat(),
                end=(on + timedelta(days=1)).isoformat(),
            )

        counts = self.deadline.call(request, self.timeout, what)
        if counts is None or len(counts) == 0:
            raise NoDataError(f"Yahoo Finance has no share count for {what}")
        counts = pd.Series(pd.to_numeric(counts, errors="coerce").to_numpy(), index=_local_dates(counts.index, None))
        counts = counts[(counts > 0) & (counts.index <= pd.Timestamp(on))].sort_index(kind="stable")
        if counts.empty:
            raise NoDataError(f"Yahoo Finance has no share count for {what}")
        return SharesQuote(
            symbol=symbol,
            shares=float(counts.iloc[-1]),
            as_of=counts.index[-1].date(),
            source=f"Yahoo Finance shares outstanding (yfinance get_shares_full, as of {counts.index[-1].date()})",
        )
