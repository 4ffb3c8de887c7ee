"""Claims beyond percent moves, measured vectorised: levels, points, market value, records.

``measure`` (checks/measure.py) finds each claim's base, window and extreme; this module turns them into
what the other kinds speak of, as columns of the claim table that ``judge`` reads by kind:

- ``close_level``: the close of the session (``level_close``), with the day's high and low, and the
  close of the session before and after, as the other bases a MISLEADING number may fit;
- ``intraday_level``: the window's low (down) or high (up), against the close and the opposite extreme;
- ``points_change``: the close's change in index points or currency units, against the intraday
  extreme's and the neighbouring sessions' changes;
- ``market_cap_level``: shares outstanding × the close (or the extreme), converted like a market-value
  change;
- ``record``: the session's close (or one-day move) against the lowest/highest of the history since
  ``since``, each history's extreme found by one ``reduceat`` over the panel, not a loop per claim.

A record's claimed interval is known only once its history is measured: ``[0, lowest close before]`` for
a lowest close, ``[biggest fall before, ∞)`` for a biggest fall; it holds or it does not (no margin).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from marketfact.checks.measure import KEY_STRIDE, PricePanel, day_numbers
from marketfact.market.calendars import session_days, shift_sessions
from marketfact.market.model import PriceSeries

LEVEL_METRICS = ("close_level", "intraday_level", "market_cap_level")
"""Metrics stating where a price stood: judged on the level alone (a level has no sign to check)."""
CLOSE_RECORDS = ("lowest_close", "highest_close")
MOVE_RECORDS = ("biggest_fall", "biggest_rise")
STREAK_RECORDS = ("losing_streak", "winning_streak")
"""Records of duration: the most sessions in a row with a lower (higher) close than the session before."""

KIND_COLUMNS = (
    "level_close", "level_high", "level_low", "level_prev", "level_next", "level_other", "points_close",
    "points_intraday", "record_prior", "record_first", "record_alt", "record_alt_value", "history_gap",
    "value_record",
)  # fmt: skip
"""Columns this module adds; ``record_first`` is the panel position of a record's first session of history."""


def family(table: pd.DataFrame) -> np.ndarray:
    """The judging family of each row: the unit for a percent or money move, else the metric (a record by kind)."""
    unit = table["unit"].to_numpy(dtype=object)
    if "metric" not in table:
        return unit
    metric = table["metric"].to_numpy(dtype=object)
    record = table["record"].to_numpy(dtype=object) if "record" in table else np.full(len(table), "", object)
    moves = np.isin(metric, ["close_change", "intraday_extreme", "market_cap_change"])
    out = np.where(moves, unit, metric)
    out = np.where(np.isin(record, (*CLOSE_RECORDS, *STREAK_RECORDS)), "record_close", out)  # magnitudes
    return np.where(np.isin(record, MOVE_RECORDS), "record_move", out)


def is_level(table: pd.DataFrame) -> np.ndarray:
    """Rows judged on magnitude alone: levels, and a record of the lowest or highest close."""
    fam = family(table)
    return np.isin(fam, [*LEVEL_METRICS, "record_close"])


def measure_kinds(measured: pd.DataFrame, panel: PricePanel) -> pd.DataFrame:
    """Add KIND_COLUMNS to a measured claim table (``checks.measure.measure``'s output)."""
    out = measured.copy(deep=False)  # copy-on-write
    base_close, end_close = out["base_close"].to_numpy(), out["end_close"].to_numpy()
    low, high = out["window_low"].to_numpy(), out["window_high"].to_numpy()
    down = out["direction"].to_numpy() < 0
    out["level_close"] = end_close
    out["level_high"], out["level_low"] = high, low
    out["level_prev"] = base_close  # the close of the session before the one claimed
    out["level_next"] = out["next_close"]
    out["level_other"] = np.where(down, high, low)  # the opposite extreme: the high for a claimed low
    out["points_close"] = end_close - base_close
    out["points_intraday"] = out["extreme"].to_numpy() - base_close
    return _records(out, panel)


def _first_session_on_or_after(table: pd.DataFrame) -> np.ndarray:
    """Per row, the day number of the first session of its exchange on or after ``since`` (-1 where none given)."""
    out = np.full(len(table), -1, dtype=np.int64)
    given = table["since"].notna().to_numpy()
    for calendar in pd.unique(table["calendar"].to_numpy()[given]):
        rows = given & (table["calendar"].to_numpy() == calendar)
        days = session_days(str(calendar))
        pos = np.minimum(np.searchsorted(days, day_numbers(table["since"].to_numpy()[rows])), len(days) - 1)
        out[rows] = days[pos]
    return out


def _reduce(values: np.ndarray, lo: np.ndarray, hi: np.ndarray, lowest: np.ndarray) -> np.ndarray:
    """Per row, the min (``lowest``) or max of ``values[lo:hi]``; NaN where the slice is empty or holds a NaN."""
    out = np.full(len(lo), np.nan)
    ok = hi > lo
    if not ok.any() or not len(values):
        return out
    padded = np.append(values, np.nan)  # reduceat needs a valid index one past each slice
    idx = np.column_stack([lo[ok], hi[ok]]).ravel()
    mins = np.minimum.reduceat(padded, idx)[::2]
    maxs = np.maximum.reduceat(padded, idx)[::2]
    out[ok] = np.where(lowest[ok], mins, maxs)
    return out


def runs(mask: np.ndarray) -> np.ndarray:
    """Per position, how many positions in a row up to it are True (0 where False)."""
    idx = np.arange(len(mask))
    last_false = np.maximum.accumulate(np.where(mask, -1, idx)) if len(mask) else idx
    return np.where(mask, idx - last_false, 0)


def streak_history(streaks: np.ndarray, moves: np.ndarray, first: int, end: int) -> tuple[int, float] | None:
    """The longest streak that ended before the one running at ``end`` began, counted from ``first`` on.

    Returns (its last position, its length), (-1, 0.0) when the history holds none, None when a move in
    the history is unknown. A streak that began before ``first`` counts its sessions from ``first`` only.
    """
    if end < first or np.isnan(moves[first : end + 1]).any():
        return None
    stop = end - int(streaks[end])  # the history ends where the current streak began
    if stop <= first:
        return (-1, 0.0)
    clipped = np.minimum(streaks[first:stop], np.arange(1, stop - first + 1))
    at = int(np.argmax(clipped))
    return (first + at, float(clipped[at])) if clipped[at] > 0 else (-1, 0.0)


def _streaks(
    record: np.ndarray, rows: np.ndarray, pct: np.ndarray, first: np.ndarray, end: np.ndarray
) -> dict[str, np.ndarray]:
    """A streak record's length at its session and the session before, and their histories' longest (#17)."""
    out = {k: np.full(len(record), np.nan) for k in ("prior", "at_end", "prev_prior", "at_prev")}
    todo = np.flatnonzero(rows & np.isin(record, STREAK_RECORDS))
    if not len(todo):
        return out
    by_kind = {"losing_streak": runs(pct < 0), "winning_streak": runs(pct > 0)}  # NaN compares False: a break
    for i in todo.tolist():
        streaks = by_kind[str(record[i])]
        for at, prior, e in (("at_end", "prior", int(end[i])), ("at_prev", "prev_prior", int(end[i]) - 1)):
            found = streak_history(streaks, pct, int(first[i]), e) if e >= 0 else None
            out[at][i] = float(streaks[e]) if e >= 0 else np.nan
            out[prior][i] = np.nan if found is None else max(found[1], 1.0)  # a streak is one session at least
    return out


def _records(out: pd.DataFrame, panel: PricePanel) -> pd.DataFrame:
    """Measure record claims: the session's close or move against its history's extreme; set their interval."""
    record = out["record"].to_numpy(dtype=object)
    rows = (record != "") & (out["problem"] == "").to_numpy() & (out["end_pos"].to_numpy() >= 0)
    out["record_prior"], out["record_alt_value"], out["record_first"] = np.nan, np.nan, -1
    out["record_alt"], out["history_gap"] = "", ""
    out["value_record"] = False
    if not rows.any():
        return out
    end = out["end_pos"].to_numpy()
    moves = np.isin(record, (*MOVE_RECORDS, *STREAK_RECORDS))  # both read one-day moves
    worth = moves & (out["unit"].to_numpy(dtype=object) == "money")
    lowest = np.isin(record, ("lowest_close", "biggest_fall"))
    first, covered = _history_start(out, panel, moves)
    daily = _Daily.of(panel)
    end_close = out["end_close"].to_numpy()
    found = _compared(
        record, rows, daily, first=first, end=end, end_close=end_close, moves=moves, worth=worth, lowest=lowest
    )
    alt, alt_value = _other_bases(panel, found, first=first, end=end, moves=moves, lowest=lowest)
    gap, use = _history_gaps(
        panel, daily, found["prior"], rows=rows, covered=covered, first=first, end=end, moves=moves, worth=worth
    )
    prior = np.where(use, found["prior"], np.nan)
    out["record_prior"] = prior
    out["record_first"] = np.where(rows, first, -1)
    out["record_alt"] = np.where(use, alt, "")
    out["record_alt_value"] = np.where(use, alt_value, np.nan)
    out["history_gap"] = gap
    _record_interval(out, record, rows, prior)
    out["record_value"] = np.where(use, found["at_end"], np.nan)
    out["value_record"] = worth
    return out


def _history_start(out: pd.DataFrame, panel: PricePanel, moves: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the panel position of its history's first session, and whether the panel covers that history."""
    n = len(out)
    code = np.maximum(panel.code_of(out["symbol"]), 0)
    seg_lo = panel.seg_start[code] if len(panel.seg_start) else np.zeros(n, np.int64)
    since_day = _first_session_on_or_after(out)
    # The first session of history: since's session in the panel, or the segment's first row ("all history").
    key = code * KEY_STRIDE + since_day
    first = np.where(since_day >= 0, np.searchsorted(panel.keys, key), seg_lo)
    first_day = (panel.keys[np.clip(seg_lo, 0, max(len(panel.keys) - 1, 0))] % KEY_STRIDE) if len(panel.keys) else 0
    covered = (since_day < 0) | (first_day <= since_day)
    # A one-day move needs the close before its session; with all history, the first row has none.
    first = np.where(moves & (since_day < 0), first + 1, first)
    covered &= ~moves | (since_day < 0) | (first > seg_lo)
    return first, covered


@dataclass(frozen=True, slots=True)
class _Daily:
    """The panel's closes and each session's one-day move, in percent and in price (NaN across two segments)."""

    close: np.ndarray
    pct: np.ndarray
    delta: np.ndarray  # a record of market value: shares × this, one share count for every session

    @classmethod
    def of(cls, panel: PricePanel) -> _Daily:
        close = panel.close
        prev = np.full(len(close), np.nan)
        prev[1:] = close[:-1]
        starts = panel.seg_start[panel.seg_start < len(close)]
        prev[starts] = np.nan  # no move across two symbols' segments
        return cls(close, (close / prev - 1.0) * 100.0, close - prev)

    def values(self, moves: np.ndarray, worth: np.ndarray, i: int) -> np.ndarray:
        """The series row ``i``'s record ranks: market-value changes, one-day moves or closes."""
        return self.delta if worth[i] else self.pct if moves[i] else self.close


def _compared(
    record: np.ndarray,
    rows: np.ndarray,
    daily: _Daily,
    *,
    first: np.ndarray,
    end: np.ndarray,
    end_close: np.ndarray,
    moves: np.ndarray,
    worth: np.ndarray,
    lowest: np.ndarray,
) -> dict[str, np.ndarray]:
    """The value at the claimed session and its history's extreme, and the same one session earlier."""
    close, pct, delta = daily.close, daily.pct, daily.delta
    clip_end, clip_prev = np.clip(end, 0, None), np.clip(end - 1, 0, None)
    prior = np.where(
        worth,
        _reduce(delta, first, end, lowest),
        np.where(moves, _reduce(pct, first, end, lowest), _reduce(close, first, end, lowest)),
    )
    at_end = np.where(
        worth,
        delta[clip_end] if len(delta) else np.nan,
        np.where(moves, pct[clip_end] if len(pct) else np.nan, end_close),
    )
    # The same record one session earlier: another basis a record may fit.
    prev_prior = np.where(
        worth,
        _reduce(delta, first, end - 1, lowest),
        np.where(moves, _reduce(pct, first, end - 1, lowest), _reduce(close, first, end - 1, lowest)),
    )
    at_prev = np.where(worth, delta[clip_prev], np.where(moves, pct[clip_prev], close[clip_prev]))
    streak = _streaks(record, rows, pct, first, end)
    is_streak = np.isin(record, STREAK_RECORDS)
    return {
        "prior": np.where(is_streak, streak["prior"], prior),
        "at_end": np.where(is_streak, streak["at_end"], at_end),
        "prev_prior": np.where(is_streak, streak["prev_prior"], prev_prior),
        "at_prev": np.where(is_streak, streak["at_prev"], at_prev),
    }


def _other_bases(
    panel: PricePanel,
    found: dict[str, np.ndarray],
    *,
    first: np.ndarray,
    end: np.ndarray,
    moves: np.ndarray,
    lowest: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Where a record fails as claimed but holds on the session before or the day's low/high: which, and its value."""
    ext_prior = np.where(lowest, _reduce(panel.low, first, end, lowest), _reduce(panel.high, first, end, lowest))
    ext_at = np.where(lowest, panel.low[np.clip(end, 0, None)], panel.high[np.clip(end, 0, None)])
    sign = np.where(lowest, 1.0, -1.0)
    prev_holds = (end - 1 > first) & (sign * found["at_prev"] <= sign * found["prev_prior"])
    ext_holds = ~moves & (sign * ext_at <= sign * ext_prior)
    holds = sign * found["at_end"] <= sign * found["prior"]
    alt = np.where(~holds & prev_holds, "the session before instead of the one claimed", "")
    ext_words = np.where(lowest, "the intraday low", "the intraday high") + " instead of the close"
    alt_value = np.where(alt != "", found["at_prev"], np.nan)
    use_ext = ~holds & (alt == "") & ext_holds
    return np.where(use_ext, ext_words, alt), np.where(use_ext, ext_at, alt_value)


def _history_gaps(
    panel: PricePanel,
    daily: _Daily,
    prior: np.ndarray,
    *,
    rows: np.ndarray,
    covered: np.ndarray,
    first: np.ndarray,
    end: np.ndarray,
    moves: np.ndarray,
    worth: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Why a record's history cannot be compared with ('' where it can), and the rows whose history can."""
    gap = np.full(len(rows), "", dtype=object)
    gap[rows & ~covered] = "uncovered"
    gap[rows & covered & (end <= first)] = "empty"
    use = rows & covered & (end > first)
    # A close missing inside the history leaves its extreme unknown: say which sessions lack one.
    for i in np.flatnonzero(use & np.isnan(prior)).tolist():
        values = daily.values(moves, worth, i)
        gaps = panel.sessions[first[i] : end[i]][np.isnan(values[first[i] : end[i]])]
        listed = ", ".join(str(d) for d in gaps.astype("datetime64[D]")[:5]) + (" …" if len(gaps) > 5 else "")
        gap[i] = (
            f"the history since {panel.sessions[first[i]].astype('datetime64[D]')} lacks {len(gaps)} close(s): {listed}"
        )
    return gap, use & ~np.isnan(prior)


def _record_interval(out: pd.DataFrame, record: np.ndarray, rows: np.ndarray, prior: np.ndarray) -> None:
    """The claimed interval of a record: where the session's value must lie to beat (or tie) its history."""
    fall = record == "biggest_fall"
    lo = np.where(record == "lowest_close", 0.0, np.where(fall, -prior, prior))
    hi = np.where(record == "lowest_close", prior, np.inf)
    for column, value in (("lo", lo), ("hi", hi)):
        out[column] = np.where(rows, value, out[column].to_numpy())
    out["lo_closed"] = np.where(rows, True, out["lo_closed"].to_numpy())
    out["hi_closed"] = np.where(rows, True, out["hi_closed"].to_numpy())
    for column in ("margin", "half"):
        out[column] = np.where(rows, 0.0, out[column].to_numpy())


def history_problems(table: pd.DataFrame, series: Mapping[str, PriceSeries]) -> pd.Series:
    """Per row, why a record cannot be checked on the history the source gave ('' when it can).

    The snapshot holds a few weeks; a record since an earlier date, or over all history, needs the live
    source. The message names the history that is missing and the option that fetches it.
    """
    problems = pd.Series("", index=table.index, dtype=object)
    gap = table["history_gap"] if "history_gap" in table else pd.Series("", index=table.index)
    # The snapshot is a few weeks around one event, not a history: "ever" cannot rest on it.
    ever = (table["record"] != "").to_numpy() & table["since"].isna().to_numpy() & (table["problem"] == "").to_numpy()
    for i in np.flatnonzero((gap != "").to_numpy() | ever).tolist():
        row = table.iloc[i]
        ps = series.get(row["symbol"])
        held = (
            f"closes start on {ps.frame.index[0].date()}"
            if ps is not None and not ps.frame.empty
            else "closes are missing"
        )
        source = ps.source if ps is not None else "the source"
        if gap.iat[i] == "" and "snapshot" not in source:
            continue
        if gap.iat[i] not in ("", "empty", "uncovered"):
            problems.iat[i] = str(gap.iat[i])
            continue
        if gap.iat[i] == "empty":
            problems.iat[i] = (
                f"no session between since ({row['since'].date()}) and {row['end'].date()} to compare with"
            )
            continue
        want = f"since {row['since'].date()}" if pd.notna(row["since"]) else "over all its history (no since given)"
        first = row["since"].date() if pd.notna(row["since"]) else "its first session"
        if pd.notna(row["since"]) and row["record"] in (*MOVE_RECORDS, *STREAK_RECORDS):
            # A one-day move on since's session is measured from the close of the session before it.
            before = shift_sessions(str(row["calendar"]), row["since"].date(), -1)
            first = before if before < row["since"].date() else first  # not before the calendars' first session
        problems.iat[i] = (
            f"a record {want} needs {row['symbol']}'s closes from {first}, and the {source}'s {held}: "
            "run with --source yfinance to fetch the history"
        )
    return problems


def money_levels(measured: pd.DataFrame, shares: np.ndarray, fx: np.ndarray) -> pd.DataFrame:
    """Market values (``market_cap_level``): shares × price per claim scale, in the claim's and listing currency."""
    out = measured.copy(deep=False)  # copy-on-write
    scale = measured["scale"].to_numpy(dtype="float64")
    per = shares / scale
    listing = {
        "mcap_close": measured["end_close"].to_numpy() * per,
        "mcap_extreme": measured["extreme"].to_numpy() * per,
        "mcap_high": measured["window_high"].to_numpy() * per,
        "mcap_low": measured["window_low"].to_numpy() * per,
        "mcap_prev": measured["base_close"].to_numpy() * per,
    }
    if "value_record" in measured and measured["value_record"].to_numpy(dtype=bool).any():
        # A record of market value was ranked per share (one share count for every session: the same order);
        # its values and interval become market values in the claim's scale here, once shares are known.
        value = measured["value_record"].to_numpy(dtype=bool)
        out["record_factor"] = np.where(value, per, np.nan)
        for column in ("record_prior", "record_value", "record_alt_value", "lo", "hi"):
            out[column] = np.where(value, measured[column].to_numpy() * per, measured[column].to_numpy())
    out["mcap_close_listing"] = listing["mcap_close"]
    out["mcap_extreme_listing"] = listing["mcap_extreme"]
    for name, value in listing.items():
        out[name] = value * fx
    return out
