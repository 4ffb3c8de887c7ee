"""Measure claims, vectorised: all claims of all instruments in a handful of numpy operations.

The prices of every instrument are laid end to end in one ``PricePanel`` (each instrument reindexed on
its own exchange's sessions, so a missing session is a NaN row, not a silent shift). A claim then needs
three positions — base, first and last session of its window — found by one ``searchsorted`` over
(symbol code, day) keys. Cost grows with instruments × sessions for the panel and with claims for the
look-ups; there is no per-claim Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from marketfact.market.calendars import session_days

_DAY = np.timedelta64(1, "D")
KEY_STRIDE = np.int64(1 << 32)
"""A price row's key is instrument code × KEY_STRIDE + its day number: one sorted int64 array for all."""
_PANEL_COLUMNS = ("open", "high", "low", "close")


def day_numbers(values: pd.Series | pd.DatetimeIndex | np.ndarray) -> np.ndarray:
    """Dates as whole days since 1970 (int64); NaT becomes a large negative number."""
    arr = np.asarray(values, dtype="datetime64[ns]").astype("datetime64[D]")
    return arr.astype(np.int64)


@dataclass(frozen=True, slots=True)
class PricePanel:
    """All instruments' sessions end to end: arrays of equal length plus each symbol's segment."""

    codes: dict[str, int]
    keys: np.ndarray  # int64: code << 32 | day, sorted
    sessions: np.ndarray  # datetime64[ns]
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    seg_start: np.ndarray  # per code: first position of the symbol's segment
    seg_stop: np.ndarray  # per code: one past the last position

    @classmethod
    def from_frames(cls, frames: Mapping[str, pd.DataFrame], calendars: Mapping[str, str]) -> PricePanel:
        """Reindex each PRICE_FRAME on its exchange's sessions and lay them end to end.

        A symbol's rows are the sessions of its exchange from its frame's first to its last row. All
        frames' rows are keyed by (symbol code, day) at once and the sessions look their row up in that
        key array, so the work per instrument is two slices, not a pandas reindex.
        """
        codes = {symbol: code for code, symbol in enumerate(frames)}
        row_keys: list[np.ndarray] = []
        row_values: list[np.ndarray] = []
        keys: list[np.ndarray] = []
        starts = np.zeros(len(frames), dtype=np.int64)
        stops = np.zeros(len(frames), dtype=np.int64)
        pos = 0
        for code, (symbol, frame) in enumerate(frames.items()):
            starts[code] = pos
            stops[code] = pos
            if frame.empty:
                continue
            days = day_numbers(cast(pd.DatetimeIndex, frame.index))
            row_keys.append(code * KEY_STRIDE + days)
            # Positional, as a label look-up per frame costs more than the rest of its work together.
            where = {name: i for i, name in enumerate(frame.columns)}
            if any(c not in where for c in _PANEL_COLUMNS):
                raise KeyError(f"the price frame of {symbol} lacks {[c for c in _PANEL_COLUMNS if c not in where]}")
            columns = [where[c] for c in _PANEL_COLUMNS]
            row_values.append(frame.to_numpy(dtype="float64")[:, columns])
            calendar = session_days(calendars[symbol])
            first = int(np.searchsorted(calendar, days[0], side="left"))
            last = int(np.searchsorted(calendar, days[-1], side="right"))  # one past the last session
            keys.append(code * KEY_STRIDE + calendar[first:last])
            pos += max(last - first, 0)
            stops[code] = pos
        panel_keys = np.concatenate(keys) if keys else np.empty(0, np.int64)
        values = np.full((len(panel_keys), len(_PANEL_COLUMNS)), np.nan)
        if row_keys:
            # The first row of each (symbol, day) wins, as a vendor's repeated row is a data-quality finding;
            # rows on non-sessions (a vendor's holiday row) have no session to land on.
            unique, first_row = np.unique(np.concatenate(row_keys), return_index=True)
            at = np.minimum(np.searchsorted(unique, panel_keys), len(unique) - 1)
            hit = unique[at] == panel_keys
            values[hit] = np.concatenate(row_values)[first_row[at[hit]]]
        days_of = (panel_keys % KEY_STRIDE).astype("datetime64[D]").astype("datetime64[ns]")
        return cls(
            codes=codes,
            keys=panel_keys,
            sessions=days_of,
            open=values[:, 0].copy(),
            high=values[:, 1].copy(),
            low=values[:, 2].copy(),
            close=values[:, 3].copy(),
            seg_start=starts,
            seg_stop=stops,
        )

    def code_of(self, symbols: pd.Series) -> np.ndarray:
        """Each symbol's code in the panel (int64), -1 for a symbol without prices: one hash look-up pass."""
        known = pd.Index(list(self.codes), dtype=object)
        at = known.get_indexer(pd.Index(symbols.to_numpy(dtype=object), dtype=object))
        codes = np.fromiter(self.codes.values(), dtype=np.int64, count=len(self.codes))
        return np.where(at >= 0, codes[np.maximum(at, 0)] if len(codes) else -1, -1)

    def locate(self, symbols: pd.Series, days: pd.Series) -> np.ndarray:
        """Positions of (symbol, session) pairs; -1 where the panel has no such row."""
        code = self.code_of(symbols)
        if len(self.keys) == 0:
            return np.full(len(code), -1, dtype=np.int64)
        key = code * KEY_STRIDE + day_numbers(days)
        pos = np.searchsorted(self.keys, key)
        clipped = np.minimum(pos, len(self.keys) - 1)
        found = (code >= 0) & (self.keys[clipped] == key) & ~pd.isna(days).to_numpy()
        return np.where(found, clipped, -1)


def _window_extreme(
    values: np.ndarray, first: np.ndarray, last: np.ndarray, lowest: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per claim, the min (where ``lowest``) or max of ``values[first..last]`` and its position.

    Windows are short (a few sessions), so one vectorised pass per offset beats any per-claim loop.
    """
    ok = (first >= 0) & (last >= first)
    span = int((last - first)[ok].max()) + 1 if ok.any() else 0
    best = np.full(len(first), np.nan)
    where = np.full(len(first), -1, dtype=np.int64)
    sign = np.where(lowest, 1.0, -1.0)  # compare on sign × value so one "less than" serves both
    for k in range(span):
        p = first + k
        live = ok & (p <= last)
        cand = np.where(live, values[np.where(live, p, 0)] * sign, np.nan)
        better = live & ~np.isnan(cand) & (np.isnan(best) | (cand < best))
        best = np.where(better, cand, best)
        where = np.where(better, p, where)
        # A NaN inside the window poisons the extreme: it is unknown, not merely absent.
        best = np.where(live & np.isnan(cand), np.inf, best)
    best = np.where(np.isinf(best), np.nan, best)
    return best * sign, np.where(np.isnan(best), -1, where)


MEASURE_COLUMNS = (
    "base_pos", "start_pos", "end_pos", "base_close", "end_close", "extreme", "extreme_pos",
    "close_pct", "intraday_pct", "prev_close_pct", "next_close_pct", "window_low", "window_high",
    "next_close", "prev_points", "next_points",
)  # fmt: skip


def measure(table: pd.DataFrame, panel: PricePanel) -> pd.DataFrame:
    """Add the measured moves to a CLAIM_TABLE (percent changes; money is done in ``money_moves``).

    ``close_pct``: close of the last session vs close of the base session. ``intraday_pct``: the
    window's lowest low (claims of a fall) or highest high (of a rise) vs the base close.
    ``prev_close_pct``/``next_close_pct``: the same window one session earlier/later, for the
    "another day" reading of a MISLEADING claim.
    """
    out = table.copy(deep=False)  # copy-on-write: columns are shared until written
    n = len(panel.keys)
    start = panel.locate(table["symbol"], table["start"])
    end = panel.locate(table["symbol"], table["end"])
    code = np.maximum(panel.code_of(table["symbol"]), 0)
    seg_lo = panel.seg_start[code] if len(panel.seg_start) else np.zeros(len(table), np.int64)
    seg_hi = panel.seg_stop[code] if len(panel.seg_stop) else np.zeros(len(table), np.int64)
    base = np.where((start > seg_lo) & (start >= 0), start - 1, -1)

    def at(values: np.ndarray, pos: np.ndarray) -> np.ndarray:
        return np.where(pos >= 0, values[np.clip(pos, 0, max(n - 1, 0))] if n else np.nan, np.nan)

    base_close = at(panel.close, base)
    end_close = at(panel.close, end)
    lowest = table["direction"].to_numpy() < 0
    ext_low, pos_low = _window_extreme(panel.low, start, end, np.ones(len(table), bool))
    ext_high, pos_high = _window_extreme(panel.high, start, end, np.zeros(len(table), bool))
    extreme = np.where(lowest, ext_low, ext_high)
    extreme_pos = np.where(lowest, pos_low, pos_high)

    prev_ok = (base - 1 >= seg_lo) & (base >= 0) & (end - 1 >= seg_lo)
    next_ok = (end + 1 < seg_hi) & (end >= 0) & (base >= 0)
    out["base_pos"], out["start_pos"], out["end_pos"] = base, start, end
    out["base_close"], out["end_close"] = base_close, end_close
    out["extreme"], out["extreme_pos"] = extreme, extreme_pos
    out["close_pct"] = (end_close / base_close - 1.0) * 100.0
    out["intraday_pct"] = (extreme / base_close - 1.0) * 100.0
    out["prev_close_pct"] = np.where(
        prev_ok, (at(panel.close, end - 1) / at(panel.close, base - 1) - 1.0) * 100.0, np.nan
    )
    out["next_close_pct"] = np.where(
        next_ok, (at(panel.close, end + 1) / at(panel.close, base + 1) - 1.0) * 100.0, np.nan
    )
    # Levels and points (checks/kinds.py) read the window's low and high and the neighbouring sessions.
    out["window_low"], out["window_high"] = ext_low, ext_high
    out["next_close"] = np.where(next_ok, at(panel.close, end + 1), np.nan)
    out["prev_points"] = np.where(prev_ok, at(panel.close, end - 1) - at(panel.close, base - 1), np.nan)
    out["next_points"] = np.where(next_ok, at(panel.close, end + 1) - at(panel.close, base + 1), np.nan)
    return out


def money_moves(measured: pd.DataFrame, shares: np.ndarray, fx: np.ndarray) -> pd.DataFrame:
    """Market-value changes: shares × (price − base close), in listing currency and converted by ``fx``.

    Both are divided by the claim's scale, so they compare directly with the stated number
    ("563" billion). ``fx`` is the claim currency per listing currency unit (NaN when unknown).
    """
    out = measured.copy(deep=False)  # copy-on-write: columns are shared until written
    scale = measured["scale"].to_numpy(dtype="float64")
    d_close = measured["end_close"].to_numpy() - measured["base_close"].to_numpy()
    d_ext = measured["extreme"].to_numpy() - measured["base_close"].to_numpy()
    out["money_close_listing"] = shares * d_close / scale
    out["money_intraday_listing"] = shares * d_ext / scale
    out["money_close"] = out["money_close_listing"] * fx
    out["money_intraday"] = out["money_intraday_listing"] * fx
    return out
