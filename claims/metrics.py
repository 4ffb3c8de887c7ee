"""What a claim can speak of: the metrics, the records, the directions and the money scales.

The vocabulary of ``claims.model`` (which re-exports it, the import path most callers use), kept apart from the
pydantic models that validate a claim file against it.
"""

from __future__ import annotations

from enum import StrEnum


class Metric(StrEnum):
    """What a claim measures."""

    CLOSE_CHANGE = "close_change"  # % change of the close over N sessions vs the close before them
    INTRADAY_EXTREME = "intraday_extreme"  # the day's low/high vs the previous close
    MARKET_CAP_CHANGE = "market_cap_change"  # shares outstanding × price change, in a currency
    CLOSE_LEVEL = "close_level"  # the session's close: "closed at 6,012.28 points", "ended at $118.42"
    INTRADAY_LEVEL = "intraday_level"  # the day's low (down) or high (up): "fell as low as $116.70"
    POINTS_CHANGE = "points_change"  # the close's change in index points, or a stock's in its currency
    MARKET_CAP_LEVEL = "market_cap_level"  # shares outstanding × the close, in a currency
    RECORD = "record"  # an extreme over a history: lowest close since …, biggest one-day fall since …


LEVELS = frozenset({Metric.CLOSE_LEVEL, Metric.INTRADAY_LEVEL, Metric.MARKET_CAP_LEVEL})
"""Metrics that state where a price or value stood, not how far it moved."""
PRICE_UNITS = frozenset({Metric.CLOSE_LEVEL, Metric.INTRADAY_LEVEL, Metric.POINTS_CHANGE})
"""Metrics stated in index points or in the listing's currency units."""
MONEY_VALUES = frozenset({Metric.MARKET_CAP_CHANGE, Metric.MARKET_CAP_LEVEL})
"""Metrics about a company's market value (shares outstanding × price)."""


class Record(StrEnum):
    """Which extreme a record claim says the session set."""

    LOWEST_CLOSE = "lowest_close"
    HIGHEST_CLOSE = "highest_close"
    BIGGEST_FALL = "biggest_fall"  # the largest one-day percent fall of the close (with unit: money, of market value)
    BIGGEST_RISE = "biggest_rise"
    LOSING_STREAK = "losing_streak"  # the most sessions in a row with a lower close ("longest losing streak since")
    WINNING_STREAK = "winning_streak"

    @property
    def direction(self) -> Direction:
        """Down for a low, a fall or a losing streak, up for a high, a rise or a winning streak."""
        down = (Record.LOWEST_CLOSE, Record.BIGGEST_FALL, Record.LOSING_STREAK)
        return Direction.DOWN if self in down else Direction.UP

    @property
    def streak(self) -> bool:
        """A record of duration: sessions in a row, not a price or a move."""
        return self in (Record.LOSING_STREAK, Record.WINNING_STREAK)


class Direction(StrEnum):
    """Which way the claim says the price or value moved."""

    UP = "up"
    DOWN = "down"

    @property
    def sign(self) -> int:
        """+1 for up, -1 for down."""
        return 1 if self is Direction.UP else -1


SCALES: dict[str, float] = {"one": 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
"""Money scales in the English short scale (a German "Milliarde" is a billion, a "Billion" a trillion)."""
