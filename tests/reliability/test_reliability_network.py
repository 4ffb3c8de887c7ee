"""One overall network deadline per run, stated truthfully (issue 20.7).

The network is replaced at its one seam, ``ticker_factory``: a stand-in ticker that never answers within
the timeout it is given (as a server that accepts connections and never replies), timing out after it.
"""

from __future__ import annotations

import pickle
import time
from datetime import date
from typing import Any

import pytest

from marketfact.market.source import SourceUnavailableError
from marketfact.market.yahoo import NetworkDeadline, YFinanceSharesSource, YFinanceSource, _loud_yfinance


class _Unanswered:
    """A ticker whose requests wait out the timeout they are given, then time out."""

    asked: list[float]

    def __init__(self, symbol: str) -> None:
        self.symbol = symbol

    def history(self, **kwargs: Any) -> None:
        timeout = float(kwargs["timeout"])
        _Unanswered.asked.append(timeout)
        time.sleep(timeout)
        raise TimeoutError(f"read timed out after {timeout} s")


def test_every_request_shares_one_deadline_and_says_which_ran_out() -> None:
    _Unanswered.asked = []
    _loud_yfinance()  # imported before the clock starts: the import is not network time
    deadline = NetworkDeadline(2.0)
    source = YFinanceSource(_Unanswered, timeout=0.7, deadline=deadline)
    shares = YFinanceSharesSource(_Unanswered, deadline=deadline)
    start = time.monotonic()
    messages = []
    for symbol in ("NVDA", "AVGO", "ASML", "MSFT", "ORCL", "GOOGL", "CEG", "ENR.DE"):
        with pytest.raises(SourceUnavailableError) as err:
            source.history(symbol, date(2025, 1, 24), date(2025, 1, 28))
        messages.append(str(err.value))
    took = time.monotonic() - start
    assert took < 3.5, f"eight requests of 0.7 s each (5.6 s) took {took:.1f} s: the run's deadline is 2 s"
    assert messages[0].startswith("yfinance timed out after 0.7 s fetching NVDA"), messages[0]
    assert any(f"after {t:g} s" in m for m in messages for t in _Unanswered.asked if t < 0.7), messages
    assert "not fetched: Yahoo Finance had not answered within the run's network deadline of 2 s" in messages[-1]
    with pytest.raises(SourceUnavailableError, match="network deadline of 2 s"):
        shares.shares("NVDA", date(2025, 1, 27))


def test_the_deadline_travels_to_a_worker() -> None:
    deadline = NetworkDeadline(5.0)
    deadline.timeout(1.0, "x")
    copy = pickle.loads(pickle.dumps(deadline))
    assert copy.seconds == 5.0
    assert copy.timeout(1.0, "y") == 1.0
