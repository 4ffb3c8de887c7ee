"""The yfinance adapters, fed with Yahoo-shaped frames rebuilt from the shipped snapshot (no network).

Every price below comes from market/data/prices; where a test needs an event the snapshot does not
hold (a split inside the window, a second share count), the test says it is synthetic.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import requests.exceptions as requests_errors
from curl_cffi.requests import exceptions as curl_errors
from pandas.testing import assert_frame_equal
from yfinance.exceptions import (
    YFDataException,
    YFPricesMissingError,
    YFRateLimitError,
    YFTzMissingError,
)

from marketfact.market.model import PRICE_COLUMNS
from marketfact.market.source import (
    FxSource,
    MarketDataError,
    NoDataError,
    PriceSource,
    RateLimitedError,
    SharesSource,
    SourceUnavailableError,
)
from marketfact.market.yahoo import (
    YFinanceFxSource,
    YFinanceSharesSource,
    YFinanceSource,
    price_frame_from_yfinance,
)

PROJECT = Path(__file__).resolve().parents[2]
NY, TOKYO, LONDON = "America/New_York", "Asia/Tokyo", "Europe/London"


def source_for(yahoo, *tickers, check_later_splits=False):
    """A YFinanceSource whose network is the given RecordedTickers."""
    return YFinanceSource(ticker_factory=yahoo.Tickers(*tickers), check_later_splits=check_later_splits)


def test_the_adapters_implement_the_protocols(snapshot):
    assert isinstance(YFinanceSource(), PriceSource)
    assert isinstance(YFinanceFxSource(snapshot), FxSource)
    assert isinstance(YFinanceSharesSource(), SharesSource)


def test_history_gives_the_snapshot_rows_in_the_price_frame_shape(yahoo, snapshot):
    ticker = yahoo.Ticker("NVDA", yahoo.frame("NVDA", NY), currency="USD")
    series = source_for(yahoo, ticker).history("NVDA", date(2025, 1, 21), date(2025, 1, 31))

    expected = snapshot.history("NVDA", date(2025, 1, 21), date(2025, 1, 31)).frame
    assert_frame_equal(series.frame, expected)
    assert list(series.frame.columns) == list(PRICE_COLUMNS)
    assert series.frame.index.name == "session"
    assert series.frame.index.tz is None
    assert (series.frame.dtypes == "float64").all()
    assert (series.symbol, series.currency, series.source) == ("NVDA", "USD", "yfinance")
    assert series.notes == ()
    closes = series.frame["close"]
    change = closes[pd.Timestamp("2025-01-27")] / closes[pd.Timestamp("2025-01-24")] - 1
    assert round(100 * change, 2) == -16.97

    (call,) = ticker.calls
    assert call["start"] == "2025-01-21"
    assert call["end"] == "2025-02-01", "yfinance's end is exclusive: ask for the day after"
    assert (call["interval"], call["auto_adjust"], call["repair"], call["actions"]) == ("1d", False, False, True)


@pytest.mark.parametrize("delivered_tz", [TOKYO, "UTC"])
def test_sessions_are_exchange_local_dates_never_utc_dates(yahoo, snapshot, delivered_tz):
    frame = yahoo.frame("6857.T", TOKYO)
    # Tokyo's midnight is 15:00 UTC of the day before: taking UTC dates would move every session back a day.
    assert frame.index.tz_convert("UTC")[0].date() != frame.index[0].date()
    frame.index = frame.index.tz_convert(delivered_tz)
    ticker = yahoo.Ticker("6857.T", frame, currency="JPY", exchange_tz=TOKYO)

    series = source_for(yahoo, ticker).history("6857.T", date(2025, 1, 27), date(2025, 1, 28))

    assert list(series.frame.index.date) == [date(2025, 1, 27), date(2025, 1, 28)]
    assert list(series.frame["close"]) == [9185.0, 8162.0]
    assert_frame_equal(series.frame, snapshot.history("6857.T", date(2025, 1, 27), date(2025, 1, 28)).frame)


def test_a_dividend_inside_the_window_is_noted(yahoo):
    # ASML's ex-dividend of $1.57 on 2025-02-11 is recorded in market/data/PROVENANCE.md.
    ticker = yahoo.Ticker("ASML", yahoo.frame("ASML", NY, dividends={"2025-02-11": 1.57}), currency="USD")
    source = source_for(yahoo, ticker)

    inside = source.history("ASML", date(2025, 2, 3), date(2025, 2, 14))
    before = source.history("ASML", date(2025, 1, 27), date(2025, 2, 7))

    assert inside.notes == ("dividend 1.57 USD (ex-date) on 2025-02-11",)
    assert before.notes == ()


@pytest.mark.parametrize(
    ("ratio", "note"),
    [
        (10.0, "split 10:1 on 2025-01-28: Yahoo's prices before it are divided by 10"),
        (0.25, "reverse split 1:4 on 2025-01-28: Yahoo's prices before it are multiplied by 4"),
    ],
)
def test_a_split_inside_the_window_is_noted(yahoo, ratio, note):
    # Synthetic event: NVDA did not split in this window; the prices are the snapshot's.
    frame = yahoo.frame("NVDA", NY, splits={"2025-01-28": ratio})
    series = source_for(yahoo, yahoo.Ticker("NVDA", frame)).history("NVDA", date(2025, 1, 27), date(2025, 1, 29))
    assert series.notes == (note,)
    assert series.currency is None, "no currency in the metadata: say unknown, do not guess"


def test_an_event_row_without_prices_gives_a_note_but_no_row(yahoo, snapshot):
    # Synthetic event on Saturday 2025-01-25 (no session): yfinance keeps such a row with NaN prices.
    frame = yahoo.frame("NVDA", NY, splits={"2025-01-25": 2.0})
    assert pd.isna(frame.loc["2025-01-25", "Close"])
    series = source_for(yahoo, yahoo.Ticker("NVDA", frame)).history("NVDA", date(2025, 1, 24), date(2025, 1, 27))
    assert series.notes == ("split 2:1 on 2025-01-25: Yahoo's prices before it are divided by 2",)
    assert_frame_equal(series.frame, snapshot.history("NVDA", date(2025, 1, 24), date(2025, 1, 27)).frame)


def test_rows_and_events_yahoo_sends_beyond_the_window_are_dropped(yahoo, snapshot):
    class Overeager(yahoo.Ticker):  # Yahoo sometimes appends the latest bar after the requested end
        def history(self, start=None, end=None, **kwargs):
            return super().history(start, None, **kwargs)

    frame = yahoo.frame("NVDA", NY, dividends={"2025-02-05": 0.01})  # synthetic dividend after the window
    series = source_for(yahoo, Overeager("NVDA", frame)).history("NVDA", date(2025, 1, 27), date(2025, 1, 31))
    assert series.notes == ()
    assert_frame_equal(series.frame, snapshot.history("NVDA", date(2025, 1, 27), date(2025, 1, 31)).frame)


def test_a_split_after_the_window_is_noted_because_yahoo_divides_earlier_prices(yahoo, snapshot):
    # SoftBank's 4:1 split took effect 2026-01-01 (PROVENANCE.md); Yahoo now shows the Jan-2025 prices ÷ 4.
    frame = yahoo.frame("9984.T", TOKYO, divide_prices_by=4, splits={"2026-01-01": 4.0})
    ticker = yahoo.Ticker("9984.T", frame, currency="JPY")
    series = source_for(yahoo, ticker, check_later_splits=True).history("9984.T", date(2025, 1, 27), date(2025, 1, 28))

    raw = snapshot.history("9984.T", date(2025, 1, 27), date(2025, 1, 28)).frame
    assert list(series.frame["close"] * 4) == list(raw["close"])
    (note,) = series.notes
    assert note.startswith("split 4:1 on 2026-01-01, after the window")
    assert "divided by 4" in note
    assert ticker.calls[1]["start"] == "2025-01-29"
    assert ticker.calls[1]["end"] is None


def test_no_later_split_means_no_note(yahoo):
    ticker = yahoo.Ticker("NVDA", yahoo.frame("NVDA", NY), currency="USD")
    series = source_for(yahoo, ticker, check_later_splits=True).history("NVDA", date(2025, 1, 27), date(2025, 1, 28))
    assert series.notes == ()
    assert len(ticker.calls) == 2


def test_a_failed_later_split_check_is_said_not_hidden(yahoo):
    class FlakyTicker(yahoo.Ticker):
        def history(self, start=None, end=None, **kwargs):
            if self.calls:
                raise curl_errors.DNSError("Failed to perform, curl: (6) Could not resolve host", 6)
            return super().history(start, end, **kwargs)

    ticker = FlakyTicker("NVDA", yahoo.frame("NVDA", NY), currency="USD")
    series = source_for(yahoo, ticker, check_later_splits=True).history("NVDA", date(2025, 1, 27), date(2025, 1, 28))
    (note,) = series.notes
    assert note.startswith("splits after 2025-01-28 could not be checked")
    assert len(series.frame) == 2


WHAT = "NVDA 2025-01-13..2025-01-31"


@pytest.mark.parametrize(
    ("raised", "expected", "words"),
    [
        (YFRateLimitError(), RateLimitedError, "rate-limited"),
        (YFPricesMissingError("NVDA", "(1d 2025-01-13 -> 2025-02-01)"), NoDataError, WHAT),
        (YFTzMissingError("NVDA"), NoDataError, "does not know NVDA"),
        (YFDataException("*** YAHOO! FINANCE IS CURRENTLY DOWN! ***"), SourceUnavailableError, "CURRENTLY DOWN"),
        (
            curl_errors.DNSError(
                "Failed to perform, curl: (6) Could not resolve host: example.invalid (Domain name not found)."
                " See https://curl.se/libcurl/c/libcurl-errors.html first for more details.",
                6,
            ),
            SourceUnavailableError,
            "could not reach Yahoo Finance (no network?)",
        ),
        (requests_errors.ConnectionError("Max retries exceeded"), SourceUnavailableError, "no network?"),
        (curl_errors.Timeout("Operation timed out after 10001 ms", 28), SourceUnavailableError, "timed out"),
        (requests_errors.ReadTimeout("read timed out"), SourceUnavailableError, "yfinance timed out after "),
        (curl_errors.HTTPError("HTTP Error 500"), SourceUnavailableError, "HTTP error"),
        (KeyError("chart"), MarketDataError, "KeyError"),
    ],
)
def test_yfinance_failures_become_one_clear_line(yahoo, raised, expected, words):
    ticker = yahoo.Ticker("NVDA", error=raised)
    with pytest.raises(MarketDataError) as info:
        source_for(yahoo, ticker).history("NVDA", date(2025, 1, 13), date(2025, 1, 31))

    assert type(info.value) is expected
    message = str(info.value)
    assert words in message
    assert "NVDA" in message
    assert "\n" not in message
    assert "libcurl-errors" not in message
    # A known failure is said in full by its message; only a surprise keeps its traceback chain.
    assert (info.value.__cause__ is raised) == (expected is MarketDataError)


def test_an_empty_frame_is_no_data_not_an_empty_answer(yahoo):
    import yfinance.utils

    class HidingTicker(yahoo.Ticker):  # what yfinance does with hide_exceptions on
        def history(self, start=None, end=None, **kwargs):
            return yfinance.utils.empty_df()

    with pytest.raises(NoDataError, match=r"no rows for NVDA 2025-01-13\.\.2025-01-31"):
        source_for(yahoo, HidingTicker("NVDA")).history("NVDA", date(2025, 1, 13), date(2025, 1, 31))


def test_a_window_without_sessions_is_no_data(yahoo):
    ticker = yahoo.Ticker("NVDA", yahoo.frame("NVDA", NY))
    with pytest.raises(NoDataError, match="NVDA"):
        source_for(yahoo, ticker).history("NVDA", date(2025, 1, 25), date(2025, 1, 26))  # a weekend


def test_a_reversed_window_is_refused(yahoo):
    with pytest.raises(MarketDataError, match="ends before it starts"):
        source_for(yahoo).history("NVDA", date(2025, 1, 31), date(2025, 1, 13))


def test_a_frame_without_price_columns_is_refused():
    raw = pd.DataFrame({"Close": [1.0]}, index=pd.DatetimeIndex(["2025-01-27"], name="Date").tz_localize(NY))
    with pytest.raises(MarketDataError, match="without columns"):
        price_frame_from_yfinance(raw)


def test_yfinance_is_made_to_raise_and_its_log_noise_is_dropped(yahoo, caplog):
    import yfinance

    ticker = yahoo.Ticker("NVDA", yahoo.frame("NVDA", NY))
    source_for(yahoo, ticker).history("NVDA", date(2025, 1, 27), date(2025, 1, 27))

    assert yfinance.config.debug.hide_exceptions is False
    with caplog.at_level(logging.DEBUG, logger="yfinance"):
        logging.getLogger("yfinance").warning("Cookie/crumb fetch failed (DNSError), continuing without crumb")
        logging.getLogger("yfinance").debug("url=...")
    assert [r.levelname for r in caplog.records] == ["DEBUG"]


def test_the_real_yfinance_without_network_fails_fast_with_one_line(tmp_path):
    """Real yfinance code path, its proxy pointed at a closed local port: no request leaves the machine."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from datetime import date
        import yfinance
        yfinance.config.network.proxy = "http://127.0.0.1:9"
        yfinance.set_tz_cache_location({str(tmp_path)!r})
        from marketfact.market.source import MarketDataError
        from marketfact.market.yahoo import YFinanceSource
        start = time.monotonic()
        try:
            YFinanceSource(timeout=5).history("NVDA", date(2025, 1, 13), date(2025, 1, 31))
        except MarketDataError as exc:
            print(type(exc).__name__, "|", exc)
        print(f"{{time.monotonic() - start:.2f}}")
        """
    )
    begun = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", "yfinance must not print its own warnings or a traceback"
    outcome, seconds = done.stdout.strip().splitlines()
    kind, message = outcome.split(" | ", 1)
    assert kind == "SourceUnavailableError"
    assert message.startswith("yfinance could not reach Yahoo Finance (no network?) while fetching NVDA")
    assert float(seconds) < 10
    assert time.monotonic() - begun < 30


# --- FX -------------------------------------------------------------------------------------------


def test_fx_rate_from_the_snapshot_eurusd_series(yahoo, snapshot):
    fx = YFinanceFxSource(snapshot)
    quote = fx.rate("EUR", "USD", date(2025, 1, 27))
    assert (quote.base, quote.quote, quote.rate, quote.on) == ("EUR", "USD", 1.046759, date(2025, 1, 27))
    assert "00:00 London" in quote.description
    assert "start of 2025-01-27" in quote.description
    assert quote.source == "Yahoo Finance EURUSD=X (snapshot)"


def test_fx_inverse_pair_uses_the_market_quoted_series_first(yahoo, snapshot):
    counting = yahoo.Counting(snapshot)
    quote = YFinanceFxSource(counting).rate("USD", "EUR", date(2025, 1, 27))
    assert quote.rate == pytest.approx(1 / 1.046759, rel=1e-12)
    assert "1 / 1.04676 (EURUSD=X)" in quote.description
    assert [r[0] for r in counting.requests] == ["EURUSD=X"]


def test_fx_on_a_weekend_takes_the_last_bar_before(snapshot):
    quote = YFinanceFxSource(snapshot).rate("EUR", "USD", date(2025, 1, 26))
    assert (quote.on, quote.rate) == (date(2025, 1, 24), 1.041602)


def test_fx_through_yfinance_shaped_data(yahoo):
    ticker = yahoo.Ticker("EURUSD=X", yahoo.frame("EURUSD=X", LONDON), currency="USD")
    tickers = yahoo.Tickers(ticker)
    fx = YFinanceFxSource(YFinanceSource(ticker_factory=tickers, check_later_splits=False))
    assert fx.rate("EUR", "USD", date(2025, 1, 28)).rate == 1.044506
    assert fx.rate("USD", "EUR", date(2025, 1, 28)).rate == pytest.approx(1 / 1.044506)
    assert tickers.asked == ["EURUSD=X", "EURUSD=X"]


def test_fx_pair_without_data_names_what_was_tried(snapshot):
    with pytest.raises(NoDataError) as info:
        YFinanceFxSource(snapshot).rate("GBP", "JPY", date(2025, 1, 27))
    assert "GBPJPY=X" in str(info.value)
    assert "JPYGBP=X" in str(info.value)


def test_fx_without_network_is_source_unavailable(yahoo):
    down = yahoo.Ticker("EURUSD=X", error=curl_errors.DNSError("Could not resolve host", 6))
    fx = YFinanceFxSource(source_for(yahoo, down, yahoo.Ticker("USDEUR=X", error=down.error)))
    with pytest.raises(SourceUnavailableError, match="no network"):
        fx.rate("EUR", "USD", date(2025, 1, 27))


def test_fx_same_currency_is_one(snapshot):
    assert YFinanceFxSource(snapshot).rate("usd", "USD", date(2025, 1, 27)).rate == 1.0


# --- shares outstanding ---------------------------------------------------------------------------


def yahoo_shares(values: dict[str, float], tz: str = NY) -> pd.Series:
    """A ``get_shares_full`` answer: int counts on UTC-midnight stamps localised to the exchange zone."""
    stamps = [int(pd.Timestamp(day, tz="UTC").timestamp()) for day in values]
    series = pd.Series([int(v) for v in values.values()], index=pd.to_datetime(stamps, unit="s"))
    series.index = series.index.tz_localize(tz)
    return series


# 24 490 million as of 2024-11-15 is the 10-Q cover-page count in market/data/shares_outstanding.csv;
# the other two counts are synthetic, to show which one is chosen.
NVDA_SHARES = {"2024-08-20": 24_530_000_000, "2024-11-15": 24_490_000_000, "2025-02-20": 24_400_000_000}


def test_shares_nearest_before_the_date(yahoo):
    ticker = yahoo.Ticker("NVDA", shares=yahoo_shares(NVDA_SHARES))
    quote = YFinanceSharesSource(ticker_factory=yahoo.Tickers(ticker)).shares("NVDA", date(2025, 1, 27))
    assert (quote.shares, quote.as_of) == (24_490_000_000.0, date(2024, 11, 15))
    assert "get_shares_full" in quote.source
    (call,) = ticker.calls
    assert call["end"] == "2025-01-28"
    assert call["start"] == (date(2025, 1, 27) - timedelta(days=548)).isoformat()


@pytest.mark.parametrize("answer", [None, "empty", "too late"])
def test_shares_missing_is_no_data(yahoo, answer):
    shares = {
        None: None,
        "empty": yahoo_shares({}),
        "too late": yahoo_shares({"2025-02-20": 24_400_000_000}),
    }[answer]
    ticker = yahoo.Ticker("NVDA", shares=shares)
    with pytest.raises(NoDataError, match="NVDA shares outstanding up to 2025-01-27"):
        YFinanceSharesSource(ticker_factory=yahoo.Tickers(ticker)).shares("NVDA", date(2025, 1, 27))


def test_shares_without_network_is_source_unavailable(yahoo):
    ticker = yahoo.Ticker("NVDA", error=requests_errors.ConnectionError("Name or service not known"))
    with pytest.raises(SourceUnavailableError, match=r"no network\?\) while fetching NVDA shares"):
        YFinanceSharesSource(ticker_factory=yahoo.Tickers(ticker)).shares("NVDA", date(2025, 1, 27))
