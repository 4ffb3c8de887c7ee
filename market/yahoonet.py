"""Yahoo Finance's network, made loud and bounded: what yfinance raised becomes one ``MarketDataError`` of
one readable line, and all of a run's requests share one deadline.

No network, a timeout or a rate limit is a ``SourceUnavailableError`` (``RateLimitedError``); an unknown symbol
or a window without rows is a ``NoDataError``. ``market.yahoo`` asks Yahoo through ``NetworkDeadline.call``;
``claims.extract.search`` translates its own failures with ``translate_yfinance_error``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from marketfact.market.source import MarketDataError, NoDataError, RateLimitedError, SourceUnavailableError


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


def raise_loud(exc: Exception, what: str, waited: float | None = None) -> NoReturn:
    """Raise the translated error; keep the original traceback only for surprises (a known failure,
    such as no network, is fully said by its message and its traceback would only be noise)."""
    error = translate_yfinance_error(exc, what, waited)
    if error is exc:
        raise error
    raise error from (exc if type(error) is MarketDataError else None)


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
            raise_loud(value, what, waited)
        return value  # type: ignore[no-any-return]
