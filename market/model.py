"""Boundary types for market data.

A price frame crosses module boundaries only in the shape named here (``PRICE_FRAME``): a
``DatetimeIndex`` named ``session`` holding tz-naive exchange-local dates (midnight), and the float
columns of ``PRICE_COLUMNS``. Exchange-local dates are what news reports speak of; a UTC date would
put Tokyo's Monday session on Sunday.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

import pandas as pd

PRICE_COLUMNS: tuple[str, ...] = ("open", "high", "low", "close", "adj_close", "volume")
"""Columns of every price frame, raw (unadjusted) prices, as yfinance's ``auto_adjust=False`` gives them."""

MAX_VALUE = 1e15
"""No price or volume is larger (the largest share prices are below 10⁶, volumes below 10¹²): a stored value
beyond it (1e308, 10**400) is damage, and the report could not even print what it would measure."""

PRICE_FRAME = "PRICE_FRAME: index 'session' (tz-naive exchange-local date), float columns " + ", ".join(PRICE_COLUMNS)

InstrumentKind = Literal["equity", "index", "fx"]
PriceBasis = Literal["raw", "reconstructed", "adjusted_only"]


@dataclass(frozen=True, slots=True)
class Instrument:
    """A listing: one symbol on one exchange, in one currency."""

    symbol: str
    name: str
    kind: InstrumentKind
    mic: str | None
    currency: str
    timezone: str
    price_basis: PriceBasis = "raw"
    notes: str = ""

    @property
    def calendar(self) -> str:
        """The exchange_calendars code of the listing exchange (FX trades on weekdays)."""
        return self.mic or "24/5"


@dataclass(frozen=True, slots=True)
class PriceSeries:
    """Daily prices of one instrument with where they came from."""

    symbol: str
    currency: str | None
    frame: pd.DataFrame  # PRICE_FRAME
    source: str  # "snapshot", "yfinance", "cache(yfinance)"
    retrieved_at: datetime
    provenance: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def covers(self, start: date, end: date) -> bool:
        """True when the frame's first and last rows bracket [start, end]."""
        if self.frame.empty:
            return False
        idx = self.frame.index
        return bool(idx[0] <= pd.Timestamp(start) and idx[-1] >= pd.Timestamp(end))


@dataclass(frozen=True, slots=True)
class FxQuote:
    """One exchange rate: ``rate`` units of ``quote`` per one unit of ``base`` on ``on``."""

    base: str
    quote: str
    rate: float
    on: date
    source: str
    description: str


@dataclass(frozen=True, slots=True)
class SharesQuote:
    """A count of shares outstanding as of a date, with its source."""

    symbol: str
    shares: float
    as_of: date
    source: str
    relative_uncertainty: float = 0.01


def empty_price_frame() -> pd.DataFrame:
    """A price frame with no rows, in the PRICE_FRAME shape."""
    frame = pd.DataFrame({c: pd.Series(dtype="float64") for c in PRICE_COLUMNS})
    frame.index = pd.DatetimeIndex([], name="session")
    return frame
