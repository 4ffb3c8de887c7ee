"""Live market data from Yahoo Finance through yfinance, with its failures made loud.

yfinance hides errors by default: it logs them and returns an empty frame. Here every failure becomes a
``MarketDataError`` with one readable sentence: no network, a timeout or a rate limit is a
``SourceUnavailableError``; an unknown symbol or a window without rows is a ``NoDataError``.

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
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any, NoReturn, TypeVar

import numpy as np
import pandas as pd

from marketfact.market.model import PRICE_COLUMNS, FxQuote, PriceSeries, SharesQuote
from marketfact.market.source import MarketDataError, NoDataError, PriceSource, RateLimitedError, SourceUnavailableError

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


def _short(exc: BaseException) -> str:
    """The first sentence of an exception, on one line (curl appends a long help URL)."""
    text = " ".join(str(exc).split())
    text = text.split(" See https://", 1)[0]
    return f"{type(exc).__name__}: {text[:160]}" if text else type(exc).__name__


def translate_yfinance_error(exc: Exception, what: str, waited: float | None = None) -> MarketDataError:
    """Turn whatever yfinance (or its HTTP client) raised into a ``MarketDataError`` of one line.

    ``what`` names the request for the reader, e.g. ``"NVDA 2025-01-13..2025-01-31"``; ``waited`` is how long
    the request took, measured (a timeout says that, not a limit it may never have had).
    """
    from yfinance import exceptions as yfe

    if isinstance(exc, MarketDataError):
        return exc
    if isinstance(exc, yfe.YFRateLimitError):
        return RateLimitedError(
            f"Yahoo Finance rate-limited yfinance (HTTP 429 Too Many Requests) while fetching {what}; try again later"
        )
    if isinstance(exc, yfe.YFTzMissingError):
        return NoDataError(
            f"Yahoo Finance does not know {what.split()[0]} (no exchange time zone: unknown or delisted symbol)"
        )
    if isinstance(exc, yfe.YFTickerMissingError):
        return NoDataError(f"Yahoo Finance has no data for {what} ({exc.rationale})")
    if isinstance(exc, yfe.YFDataException):
        return SourceUnavailableError(f"Yahoo Finance failed while fetching {what}: {_short(exc)}")
    names = {cls.__name__ for cls in type(exc).__mro__}
    if isinstance(exc, TimeoutError) or names & {"Timeout", "ReadTimeout", "ConnectTimeout"}:
        limit = f" after {waited:.1f} s" if waited is not None else ""
        return SourceUnavailableError(f"yfinance timed out{limit} fetching {what} from Yahoo Finance ({_short(exc)})")
    if "HTTPError" in names:
        return SourceUnavailableError(f"Yahoo Finance answered with an HTTP error for {what} ({_short(exc)})")
    if isinstance(exc, OSError):  # both HTTP clients' connection, DNS and proxy errors are OSErrors
        return SourceUnavailableError(
            f"yfinance could not reach Yahoo Finance (no network?) while fetching {what} ({_short(exc)})"
        )
    return MarketDataError(f"yfinance failed while fetching {what} ({_short(exc)})")


def _raise_loud(exc: Exception, what: str, waited: float | None = None) -> NoReturn:
    """Raise the translated error; keep the original traceback only for surprises (a known failure,
    such as no network, is fully said by its message and its traceback would only be noise)."""
    error = translate_yfinance_error(exc, what, waited)
    if error is exc:
        raise error
    raise error from (exc if type(error) is MarketDataError else None)


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


NETWORK_DEADLINE_S = 60.0
"""All of a run's requests to Yahoo Finance share this many seconds (issue 20.7): an unresponsive network
(connections accepted, never answered) used to cost its timeout per request (docs/performance.md). The setting
``MARKETFACT_NETWORK_DEADLINE`` changes it."""

T = TypeVar("T")


class NetworkDeadline:
    """One overall deadline for the requests of a run, from its first request on.

    Each request gets the time left (at most its own timeout); once none is left, the next request is not
    made and says so: its error names the run's deadline, not a per-request timeout it never had.

    yfinance's own timeouts do not bound a request: before the one it is given a timeout for, it fetches a
    cookie and a crumb with a timeout of their own each, and some calls (``get_shares_full``) take no timeout at
    all: against a network that accepts connections and never answers, one ``history`` call takes many times
    its timeout (docs/performance.md). So ``call`` runs the whole yfinance call in a thread and waits for it no
    longer than its timeout; a call still waiting then is abandoned (the thread ends on its own; it is a
    daemon, so it never holds up the end of the process).
    """

    def __init__(self, seconds: float = NETWORK_DEADLINE_S) -> None:
        self.seconds = seconds
        self._started: float | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, object]:  # a Dask worker gets a copy: without the lock
        return {"seconds": self.seconds, "_started": self._started}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def timeout(self, per_request: float, what: str) -> float:
        """The timeout for the request fetching ``what``; SourceUnavailableError when the deadline passed."""
        now = time.monotonic()
        with self._lock:
            if self._started is None:
                self._started = now
            left = self.seconds - (now - self._started)
        if left < 0.5:
            raise SourceUnavailableError(
                f"{what} not fetched: Yahoo Finance had not answered within the run's network deadline of "
                f"{self.seconds:g} s"
            )
        return min(per_request, left)

    def call(self, request: Callable[[float], T], per_request: float, what: str) -> T:
        """``request(timeout)``, waited for at most ``timeout`` (the time left, at most ``per_request``).

        Its failures become one ``MarketDataError`` (``translate_yfinance_error``); a call that has not
        returned in time is abandoned and its SourceUnavailableError says how long it was waited for and why
        that long.
        """
        timeout = self.timeout(per_request, what)
        outcome: list[tuple[bool, Any]] = []

        def run() -> None:
            try:
                outcome.append((True, request(timeout)))
            except Exception as exc:
                outcome.append((False, exc))

        started = time.monotonic()
        worker = threading.Thread(target=run, name=f"yfinance: {what}"[:60], daemon=True)
        worker.start()
        worker.join(timeout)
        waited = time.monotonic() - started
        if not outcome:
            why = (
                f"the rest of the run's network deadline of {self.seconds:g} s"
                if timeout < per_request
                else f"the limit per request; the run's network deadline is {self.seconds:g} s"
            )
            raise SourceUnavailableError(f"Yahoo Finance did not answer {what} within {timeout:.1f} s ({why})")
        answered, value = outcome[0]
        if not answered:
            _raise_loud(value, what, waited)
        return value  # type: ignore[no-any-return]


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
            _raise_loud(exc, what)
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
