"""One overall network deadline per run, stated truthfully (issue 20.7).

The fast tests replace the network at its one seam, ``ticker_factory``: a stand-in ticker that never answers
(as a server that accepts connections and never replies). The slow test gives the installed command a real
unresponsive network: a local TCP server that accepts connections and never answers, named as the HTTPS
proxy (``HTTPS_PROXY``, which yfinance's HTTP client, curl, honours as a user's network would make it).
"""

from __future__ import annotations

import json
import pickle
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from marketfact.market.source import SourceUnavailableError
from marketfact.market.yahoo import YFinanceSharesSource, YFinanceSource, _loud_yfinance
from marketfact.market.yahoonet import NetworkDeadline
from tests.reliability.helpers import SEED, run

_RELEASE = threading.Event()


class _Unanswered:
    """A ticker whose requests never answer (until the test releases them), whatever timeout they are given."""

    asked: list[float]

    def __init__(self, symbol: str) -> None:
        self.symbol = symbol

    def history(self, **kwargs: Any) -> None:
        _Unanswered.asked.append(float(kwargs["timeout"]))
        _RELEASE.wait(30)
        raise TimeoutError("released")

    def get_shares_full(self, **kwargs: Any) -> None:  # yfinance's takes no timeout at all
        _RELEASE.wait(30)
        raise TimeoutError("released")


@pytest.fixture
def unanswered() -> Iterator[type[_Unanswered]]:
    _Unanswered.asked = []
    _RELEASE.clear()
    _loud_yfinance()  # imported before the clock starts: the import is not network time
    yield _Unanswered
    _RELEASE.set()  # the abandoned requests end now, not 30 s later


def test_every_request_shares_one_deadline_and_says_which_ran_out(unanswered: type[_Unanswered]) -> None:
    deadline = NetworkDeadline(2.0)
    source = YFinanceSource(unanswered, timeout=0.7, deadline=deadline)
    shares = YFinanceSharesSource(unanswered, deadline=deadline)
    start = time.monotonic()
    messages = []
    for symbol in ("NVDA", "AVGO", "ASML", "MSFT", "ORCL", "GOOGL", "CEG", "ENR.DE"):
        with pytest.raises(SourceUnavailableError) as err:
            source.history(symbol, date(2025, 1, 24), date(2025, 1, 28))
        messages.append(str(err.value))
    took = time.monotonic() - start
    assert took < 3.5, f"eight requests of 0.7 s each (5.6 s) took {took:.1f} s: the run's deadline is 2 s"
    assert messages[0] == (
        "Yahoo Finance did not answer NVDA 2025-01-24..2025-01-28 within 0.7 s (the limit per request; the run's "
        "network deadline is 2 s)"
    ), messages[0]
    assert any("(the rest of the run's network deadline of 2 s)" in m for m in messages), messages
    assert "not fetched: Yahoo Finance had not answered within the run's network deadline of 2 s" in messages[-1]
    with pytest.raises(SourceUnavailableError, match="network deadline of 2 s"):
        shares.shares("NVDA", date(2025, 1, 27))


def test_a_call_that_takes_no_timeout_is_bounded_too(unanswered: type[_Unanswered]) -> None:
    """``get_shares_full`` takes no timeout of ours: the wait for it is bounded all the same."""
    shares = YFinanceSharesSource(unanswered, timeout=0.5, deadline=NetworkDeadline(30))
    start = time.monotonic()
    with pytest.raises(SourceUnavailableError, match=r"did not answer NVDA shares outstanding .* within 0\.5 s"):
        shares.shares("NVDA", date(2025, 1, 27))
    assert time.monotonic() - start < 2


def test_the_deadline_travels_to_a_worker() -> None:
    deadline = NetworkDeadline(5.0)
    deadline.timeout(1.0, "x")
    copy = pickle.loads(pickle.dumps(deadline))
    assert copy.seconds == 5.0
    assert copy.timeout(1.0, "y") == 1.0


@pytest.mark.parametrize("value", ["0", "-5", "nan", "inf", "soon", "99999"])
def test_an_unusable_deadline_setting_is_one_line(tmp_path: Path, value: str) -> None:
    outcome = run("check", SEED, "-o", tmp_path / "out", MARKETFACT_NETWORK_DEADLINE=value, timeout=120)
    outcome.assert_one_clear_line(2, "MARKETFACT_NETWORK_DEADLINE")
    assert not (tmp_path / "out").exists()


class _SilentServer:
    """A TCP server on loopback that accepts every connection and never sends a byte."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port: int = self.sock.getsockname()[1]
        self.accepted: list[float] = []
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.accepted.append(time.monotonic())
            self._held.append(conn)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        for conn in self._held:
            conn.close()
        self.sock.close()


@pytest.mark.slow
def test_check_against_an_unresponsive_network_ends_within_its_deadline(tmp_path: Path) -> None:
    """The installed ``marketfact check --source yfinance``, every request of its HTTP client sent to a server
    that never answers. Before: yfinance's cookie and crumb requests (30 s each) came before the one given a
    timeout: one request took 70 s, the seed file 142 s, every message "timed out after 10 s"."""
    server = _SilentServer()
    proxy = f"http://127.0.0.1:{server.port}"
    deadline = 3
    try:
        outcome = run(
            "check", SEED, "--source", "yfinance", "-o", tmp_path / "out",
            timeout=240,
            MARKETFACT_NETWORK_DEADLINE=str(deadline),
            MARKETFACT_CACHE_DIR=str(tmp_path / "cache"),  # nothing cached: every price needs a request
            HTTPS_PROXY=proxy, https_proxy=proxy, HTTP_PROXY=proxy, http_proxy=proxy,
            NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost",  # Prefect's own server is local
        )  # fmt: skip
        ended = time.monotonic()
    finally:
        server.close()
    assert server.accepted, "no request reached the unresponsive server: the test tested nothing"
    after_first = ended - server.accepted[0]
    # The network part is bounded by the deadline; the rest (validation, reports, history) takes seconds.
    assert after_first < deadline + 30, f"the command ended {after_first:.0f} s after its first request"
    assert outcome.code == 0, outcome.stderr[-2000:]
    assert "Traceback" not in outcome.stdout + outcome.stderr
    assert "0 pass, 0 fail, 5 unverifiable" in outcome.stdout, outcome.stdout[-2000:]
    said = outcome.stdout + outcome.stderr
    assert "timed out after 10 s" not in said
    assert f"network deadline of {deadline} s" in said
    report = json.loads(next((tmp_path / "out").glob("*/report.json")).read_text(encoding="utf-8"))
    for claim in report["claims"]:
        verdict = claim["verdict"]
        assert verdict["label"] == "UNVERIFIABLE", verdict
        assert f"network deadline of {deadline} s" in verdict["reason"], verdict
        assert "did not answer" in verdict["reason"] or "not fetched" in verdict["reason"], verdict
