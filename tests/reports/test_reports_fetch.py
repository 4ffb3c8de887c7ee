"""The network's failures (Yahoo unreachable, a timeout, the run's deadline, HTTP errors, a rate limit) as reason
codes, worded in German in a German report.

The errors are made by the product's own code (``market.yahoonet.translate_yfinance_error`` on the exception types
yfinance and its HTTP clients raise, ``NetworkDeadline`` on a request that does not return in time); the
exception texts are SYNTHETIC (no network is reached). The claims are the seed file's, checked by the real
checker on the snapshot, with one instrument's fetch failing.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from marketfact.checks.reasons import read_reasons
from marketfact.market.source import MarketDataError
from marketfact.market.yahoonet import NetworkDeadline, translate_yfinance_error
from marketfact.reports.i18n import Formatter
from marketfact.reports.reasontext import reason_text
from tests.reports.test_reports_language import own_words, phrases

WHAT = "NVDA 2025-01-13..2025-02-14"


class HTTPError(Exception):
    """Named like requests' and curl_cffi's HTTP errors, which the translation recognises by name."""


def _raised(request: Any, per_request: float, deadline: float) -> str:
    with pytest.raises(MarketDataError) as caught:
        NetworkDeadline(deadline).call(request, per_request, WHAT)
    return str(caught.value)


def _expired() -> str:
    clock = NetworkDeadline(0.6)
    clock.timeout(5, WHAT)  # the first request starts the clock
    time.sleep(0.2)
    with pytest.raises(MarketDataError) as caught:
        clock.timeout(5, WHAT)
    return str(caught.value)


@pytest.fixture(scope="module")
def errors() -> dict[str, str]:
    """One message per code, each written by market.yahoonet."""
    from yfinance import exceptions as yfe

    translated = {
        "yahoo_unreachable": (OSError("[Errno 101] Network is unreachable"), None),
        "yahoo_timed_out_after": (TimeoutError("read timed out"), 3.0),
        "yahoo_timed_out": (TimeoutError("read timed out"), None),
        "yahoo_http_error": (HTTPError("503 Service Unavailable"), None),
        "yahoo_rate_limited": (yfe.YFRateLimitError(), None),
        "yahoo_unknown_symbol": (yfe.YFTzMissingError("NVDA"), None),
        "yahoo_no_data": (yfe.YFTickerMissingError("NVDA", "no price data found"), None),
        "yahoo_failed": (yfe.YFDataException("unexpected answer"), None),
        "yfinance_failed": (ValueError("a frame without an index"), None),
    }
    found = {code: str(translate_yfinance_error(exc, WHAT, waited)) for code, (exc, waited) in translated.items()}
    found["yahoo_no_answer_limit"] = _raised(lambda timeout: time.sleep(3), per_request=0.3, deadline=60)
    found["yahoo_no_answer_rest"] = _raised(lambda timeout: time.sleep(3), per_request=30, deadline=0.8)
    found["yahoo_deadline"] = _expired()
    return found


def test_each_network_failure_has_its_code_and_german_words(errors: dict[str, str]) -> None:
    de = Formatter("de")
    english = phrases("en")
    for code, message in errors.items():
        reasons = read_reasons(message)
        assert [r.code for r in reasons] == [code], message
        assert reasons[0].english() == message
        german = reason_text(reasons[0], de)
        client = reasons[0].get("error")  # the HTTP client's own words stay, quoted
        words = german.replace(f"„{client}“", "") if client else german
        assert [p for p in english if p in words] == [], (code, german)
        for piece in ("fetching", "within", "not fetched", "no network", "answered", "deadline", "does not know"):
            assert piece not in words, (code, german)
    assert reason_text(read_reasons(errors["yahoo_unreachable"])[0], de) == (
        "Yahoo Finance war nicht erreichbar (kein Netz?) beim Abruf von NVDA vom 13.01.2025 bis zum 14.02.2025 "
        "(Fehlermeldung: „OSError: [Errno 101] Network is unreachable“)"
    )
    assert "Netz-Frist des Laufs von 0,6 s" in reason_text(read_reasons(errors["yahoo_deadline"])[0], de)


class FailingPrices:
    """The snapshot, except that one instrument's fetch fails with ``message``."""

    def __init__(self, snapshot: Any, symbol: str, message: str) -> None:
        self.snapshot, self.symbol, self.message = snapshot, symbol, message
        self.name = snapshot.name

    def history(self, symbol: str, start: date, end: date) -> Any:
        if symbol == self.symbol:
            from marketfact.market.source import SourceUnavailableError

            raise SourceUnavailableError(self.message)
        return self.snapshot.history(symbol, start, end)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.snapshot, name)


def test_a_german_report_words_the_fetch_error(errors: dict[str, str], tmp_path: Path) -> None:
    from marketfact.checks.run import run_in_process
    from marketfact.claims.load import load_claims
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource
    from marketfact.reports import render_html

    snapshot = SnapshotSource()
    seed = Path(__file__).resolve().parents[2] / "examples" / "deepseek-2025-01.yaml"
    prices = FailingPrices(snapshot, "NVDA", errors["yahoo_unreachable"])
    run = run_in_process(
        load_claims(seed), prices, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource(),
        validate=False,
    )  # fmt: skip
    failed = [v for v in run.verdicts if v.label.value == "UNVERIFIABLE"]
    assert failed, "the NVDA claims cannot be checked without NVDA's prices"
    assert all(errors["yahoo_unreachable"] in (v.reason or "") for v in failed)
    german = own_words(render_html(run, "de", charts=False))
    assert "Yahoo Finance war nicht erreichbar (kein Netz?) beim Abruf von NVDA" in german
    assert "could not reach" not in german
    assert [p for p in phrases("en") if p in german] == []
