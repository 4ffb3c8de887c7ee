"""The frames the price suites validate, computed in pandas from ``PriceSeries``.

Two frames per validation, each holding any number of symbols (a ``symbol`` column tells them apart):

- the **window** frame: every row of each series inside its window, plus a placeholder row for each
  exchange session the data lacks, with helper columns (previous close, the day's move, whether the
  date is a session, whether the row repeats a stale close, the price basis);
- the **evidence** frame: one row per (symbol, session, column) a verdict rests on, carrying that value
  and the bounds the day's bar puts on it, so the critical checks see exactly those values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from marketfact.market.calendars import session_positions, sessions_between
from marketfact.market.model import PRICE_COLUMNS, Instrument, PriceSeries

BAR = ("open", "high", "low", "close")
PRICES = (*BAR, "adj_close")
MAX_DAILY_MOVE = 0.5
"""A day-over-day move of the close beyond ±50 % is a unit slip or an unannounced split, not a market."""
BASIS_TOLERANCE = 0.05
"""Rows whose price basis differs by more than 5 % from the reference are on another basis."""

_ISO_DAY = r"(\d{4}-\d{2}-\d{2})"
_RATIO = r"(\d+(?:\.\d+)?)\s*(?::|/|-for-|\s+for\s+)\s*(\d+(?:\.\d+)?)"


@dataclass(frozen=True, slots=True)
class PriceCheck:
    """One symbol's prices to validate: the window around its claims and the values they rest on.

    ``evidence`` is session → columns; a batch of checks may give theirs as one table instead (``build_frames``).
    """

    series: PriceSeries
    instrument: Instrument
    window: tuple[date, date]
    evidence: dict[date, frozenset[str]] = field(default_factory=dict)


def split_note(day: date, new: float, old: float = 1.0) -> str:
    """A ``PriceSeries.notes`` entry the suite reads: ``split 10:1 effective 2024-06-10``."""
    return f"split {new:g}:{old:g} effective {day.isoformat()}"


def parse_split_notes(notes: tuple[str, ...]) -> dict[date, float | None]:
    """Splits named in a series' notes: effective day → expected close ratio (old/new), None if unstated.

    Reads ``split 10:1 effective 2024-06-10``, ``2024-06-10 stock split 10-for-1`` and the like: a
    note must say "split" and give an ISO date; the ratio is optional.
    """
    splits: dict[date, float | None] = {}
    for note in notes:
        if "split" not in note.lower():
            continue
        day = re.search(_ISO_DAY, note)
        if day is None:
            continue
        ratio = re.search(_RATIO, note)
        factor = float(ratio.group(2)) / float(ratio.group(1)) if ratio and float(ratio.group(1)) else None
        splits[date.fromisoformat(day.group(1))] = factor
    return splits


WINDOW_BOOLS = (
    "at_midnight",
    "in_data",
    "is_session",
    "order_ok",
    "stale_fill",
    "traded",
    "close_repeats",
    "adjusted_only",
    "volume_expected",
    "split_noted",
    "split_shift",
)
CELL_BOOLS = ("in_data", "order_ok", "stale_fill", "split_shift", "raw_close_missing")
CELL_COLUMNS = (
    "symbol",
    "session",
    "column",
    "value",
    "price_value",
    "floor",
    "floor_rule",
    "ceiling",
    "ceiling_rule",
    "prev_close",
    "unexplained_move",
    "basis_level",
    *CELL_BOOLS,
)
_PER_SERIES = ("symbol", "index_tz", "currency", "expected_currency", "missing_columns", "volume_expected")
"""Columns that hold one value for the whole series: a placeholder row copies them."""
_PLACEHOLDER = {
    "at_midnight": True,
    "in_data": False,
    "order_ok": True,
    "stale_fill": False,
    "traded": False,
    "close_repeats": False,
    "adjusted_only": False,
    "split_noted": False,
    "split_shift": False,
}
"""What a placeholder row for a missing session says: no data, nothing else wrong with it."""


def _index_shape(index: pd.Index) -> tuple[str, pd.DatetimeIndex]:
    """The index's time zone (or "naive") and its wall-clock timestamps without a zone."""
    stamps = pd.DatetimeIndex(index)
    if stamps.tz is None:
        return "naive", stamps
    # A tz-aware index is flagged; its wall time in its own zone is the best guess at a date.
    return str(stamps.tz), stamps.tz_localize(None)


def _by_calendar(calendars: np.ndarray, sessions: pd.Series) -> np.ndarray:
    """Whether each date is a session of its row's exchange calendar (one lookup per calendar)."""
    out = np.zeros(len(sessions), dtype=bool)
    for calendar in pd.unique(calendars):
        rows = calendars == calendar
        _, is_session = session_positions(str(calendar), pd.DatetimeIndex(sessions[rows]))
        out[rows] = np.asarray(is_session, dtype=bool)
    return out


_DAY_NS = 86_400 * 10**9


def _stamps(raw: pd.DataFrame) -> tuple[str, np.ndarray, np.ndarray]:
    """(index time zone or "naive", session dates as datetime64[ns], whether each stamp is at midnight).

    A tz-naive DatetimeIndex without NaT (every vendor frame that passes) is floored to days on its
    integers; anything else goes through pandas, as it is to be flagged or shown as it came.
    """
    index = raw.index
    if isinstance(index, pd.DatetimeIndex) and index.tz is None and not index.hasnans:
        stamps = index.as_unit("ns").asi8
        days = stamps - stamps % _DAY_NS
        return "naive", days.view("datetime64[ns]"), stamps == days
    tz, wall = _index_shape(index)
    normal = wall.normalize()
    return tz, normal.to_numpy(dtype="datetime64[ns]"), np.asarray(wall == normal)


def _stack(checks: list[PriceCheck]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every series' rows in one frame (``code`` = position in ``checks``), and one row of facts per series."""
    codes, sessions, midnight, values, facts = [], [], [], [], []
    for code, check in enumerate(checks):
        raw = check.series.frame
        tz, days, at_midnight = _stamps(raw)
        codes.append(np.full(len(raw), code))
        sessions.append(days)
        midnight.append(at_midnight)
        # A frame already in the price-frame shape is read as it is; reindexing each one costs more.
        shaped = raw if tuple(raw.columns) == PRICE_COLUMNS else raw.reindex(columns=list(PRICE_COLUMNS))
        values.append(shaped.to_numpy(dtype="float64", na_value=np.nan))
        inst = check.instrument
        facts.append(
            {
                "symbol": check.series.symbol,
                "missing_columns": ", ".join(c for c in PRICE_COLUMNS if c not in raw.columns),
                "index_tz": tz,
                "currency": check.series.currency or "not stated",
                "expected_currency": inst.currency,
                "volume_expected": inst.kind != "fx",
                "calendar": inst.calendar,
                "adjusted_only_basis": inst.price_basis == "adjusted_only",
                "start": pd.Timestamp(check.window[0]),
                "end": pd.Timestamp(check.window[1]),
            }
        )
    table = np.concatenate(values) if values else np.empty((0, len(PRICE_COLUMNS)))
    rows = pd.DataFrame(table, columns=list(PRICE_COLUMNS))
    rows.insert(0, "session", np.concatenate(sessions) if sessions else np.array([], dtype="datetime64[ns]"))
    rows.insert(0, "code", np.concatenate(codes) if codes else np.array([], dtype="int64"))
    rows["at_midnight"] = np.concatenate(midnight) if midnight else np.array([], dtype=bool)
    return rows, pd.DataFrame(facts)


def _splits(checks: list[PriceCheck]) -> pd.DataFrame:
    """(code, session, factor) of every split noted with a series; factor NaN when the note has none."""
    rows = [
        (code, pd.Timestamp(day), np.nan if factor is None else factor)
        for code, check in enumerate(checks)
        for day, factor in parse_split_notes(check.series.notes).items()
    ]
    frame = pd.DataFrame(rows, columns=["code", "session", "split_factor"])
    return frame.astype({"code": "int64", "session": "datetime64[ns]", "split_factor": "float64"})


def _derive(rows: pd.DataFrame, facts: pd.DataFrame, splits: pd.DataFrame) -> pd.DataFrame:
    """Helper columns on every row of every series, rows in the order the vendors gave them."""
    code = rows["code"].to_numpy()
    by = rows.groupby("code", sort=False)
    frame = rows.copy()
    for col in ("symbol", "missing_columns", "index_tz", "currency", "expected_currency", "volume_expected"):
        frame[col] = facts[col].to_numpy()[code]
    frame["in_data"] = True
    frame["is_session"] = _by_calendar(facts["calendar"].to_numpy()[code], frame["session"])
    previous = by["session"].shift(1)
    frame["order_ok"] = (frame["session"] > previous) | previous.isna()
    close, volume = frame["close"], frame["volume"]
    prev_close = close.groupby(code).ffill().groupby(code).shift(1)
    frame["prev_close"] = prev_close
    frame["close_change"] = close / prev_close - 1
    frame["stale_fill"] = (volume == 0) & (close == prev_close)
    frame["traded"] = ~frame["stale_fill"]
    frame["close_repeats"] = (close == prev_close) & (volume > 0)
    # Adjusted-only: the vendor has no raw closes at all (or says so), only adjusted ones.
    no_raw = close.isna().groupby(code).transform("all").to_numpy() | facts["adjusted_only_basis"].to_numpy()[code]
    frame["adjusted_only"] = close.isna() & frame["adj_close"].notna() & no_raw

    noted = frame[["code", "session"]].merge(splits, on=["code", "session"], how="left", indicator=True)
    frame["split_noted"] = (noted["_merge"] == "both").to_numpy()
    factor = noted["split_factor"].to_numpy()
    ratio = close / prev_close
    matches = (ratio.fillna(1.0) / factor - 1).abs() <= MAX_DAILY_MOVE
    explained = frame["split_noted"] & (np.isnan(factor) | matches)
    frame["unexplained_move"] = frame["close_change"].where(~explained)
    # A noted split whose ratio the prices show (raw prices) changes their basis on that day; one they
    # do not show (Yahoo's split-adjusted OHLC) does not.
    frame["split_shift"] = explained
    jumps = (frame["close_change"].abs() > MAX_DAILY_MOVE).fillna(False) | frame["split_shift"]
    frame["basis_level"] = ratio.where(jumps, 1.0).fillna(1.0).groupby(code).cumprod()
    return frame


def _window(frame: pd.DataFrame, facts: pd.DataFrame, wanted: pd.DataFrame) -> pd.DataFrame:
    """Rows inside each window or on an evidence day, plus placeholders for sessions the data lacks."""
    code = frame["code"].to_numpy()
    inside = frame["session"].between(facts["start"].to_numpy()[code], facts["end"].to_numpy()[code])
    days = wanted[["code", "session"]].drop_duplicates()
    on_evidence = frame[["code", "session"]].merge(days, how="left", indicator=True)["_merge"] == "both"
    rows = frame.loc[inside.to_numpy() | on_evidence.to_numpy()]
    want = pd.concat([days, _calendar_sessions(facts)], ignore_index=True).drop_duplicates()
    want = want.astype({"code": "int64", "session": "datetime64[ns]"})
    missing = want.merge(rows[["code", "session"]], how="left", indicator=True)
    missing = missing.loc[missing["_merge"] == "left_only", ["code", "session"]].reset_index(drop=True)
    if len(missing):
        mcode = missing["code"].to_numpy()
        for col in _PER_SERIES:
            missing[col] = facts[col].to_numpy()[mcode]
        for col, value in _PLACEHOLDER.items():
            missing[col] = value
        missing["is_session"] = _by_calendar(facts["calendar"].to_numpy()[mcode], missing["session"])
        rows = pd.concat([rows, missing.reindex(columns=rows.columns)], ignore_index=True)
    rows = rows.reset_index(drop=True)
    # Placeholders may leave a flag empty; an empty flag is False (NaN would read as True).
    rows[list(WINDOW_BOOLS)] = rows[list(WINDOW_BOOLS)].fillna(False).astype(bool)
    # The basis most of a window's rows share is its reference; rows on another basis are flagged.
    levels = rows["basis_level"].where(rows["in_data"]).astype("float64")
    rows["basis_level"] = levels / _reference_levels(rows["code"], levels)
    return rows


def _calendar_sessions(facts: pd.DataFrame) -> pd.DataFrame:
    """(code, session) for every exchange session inside each series' window, series after series."""
    codes, sessions = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype="datetime64[ns]")]
    windows = zip(facts["calendar"].tolist(), facts["start"].tolist(), facts["end"].tolist(), strict=True)
    for code, (calendar, start, end) in enumerate(windows):
        days = sessions_between(str(calendar), start.date(), end.date())
        codes.append(np.full(len(days), code, dtype=np.int64))
        sessions.append(days.to_numpy(dtype="datetime64[ns]"))
    return pd.DataFrame({"code": np.concatenate(codes), "session": np.concatenate(sessions)})


def _reference_levels(code: pd.Series, levels: pd.Series) -> np.ndarray:
    """Per row, the price basis most rows of its series share (levels within ~10 % are one basis).

    On a tie the basis of level 1 (the series' first row, or the window's reference) wins.
    """
    usable = levels > 0
    table = pd.DataFrame({"code": code[usable], "level": levels[usable]})
    table["bucket"] = np.log(table["level"]).round(1)
    counts = table.groupby(["code", "bucket"], sort=False).agg(n=("level", "size"), level=("level", "first"))
    counts = counts.reset_index()
    counts["preferred"] = counts["bucket"] == 0.0
    best = counts.sort_values(["code", "n", "preferred"], ascending=[True, False, False]).drop_duplicates("code")
    reference = pd.Series(best["level"].to_numpy(), index=best["code"].to_numpy())
    return reference.reindex(code.to_numpy()).fillna(1.0).to_numpy()


def _tightest(cells: pd.DataFrame, columns: tuple[str, ...], pick: str) -> tuple[np.ndarray, np.ndarray]:
    """Per cell, the smallest (``pick="min"``) or largest of ``columns`` on its row, and which it is."""
    values = cells.loc[:, list(columns)].to_numpy(dtype="float64")
    present = ~np.isnan(values).all(axis=1)
    filled = np.where(np.isnan(values), np.inf if pick == "min" else -np.inf, values)
    which = filled.argmin(axis=1) if pick == "min" else filled.argmax(axis=1)
    bound = np.where(present, filled[np.arange(len(cells)), which], np.nan)
    return bound, np.where(present, np.asarray(columns, dtype=object)[which], "")


def _bounds(cells: pd.DataFrame) -> pd.DataFrame:
    """The floor and ceiling the day's bar puts on each cell's value, with the rule each stands for.

    A close or open lies between the low and the high; a low lies under the open, close and high; a
    high over the open, close and low. The rule names the pair that binds ("low_le_close").
    """
    column = cells["column"].to_numpy(dtype=object)
    mid = np.isin(column, ["open", "close"])
    is_low, is_high = column == "low", column == "high"
    low_ceiling, low_by = _tightest(cells, ("open", "close", "high"), "min")
    high_floor, high_by = _tightest(cells, ("open", "close", "low"), "max")
    floor = np.where(mid, cells["low"].to_numpy(dtype="float64"), np.where(is_high, high_floor, np.nan))
    ceiling = np.where(mid, cells["high"].to_numpy(dtype="float64"), np.where(is_low, low_ceiling, np.nan))
    floor_rule = np.where(mid, "low_le_" + column, np.where(is_high & (high_by != ""), high_by + "_le_high", ""))
    ceiling_rule = np.where(mid, column + "_le_high", np.where(is_low & (low_by != ""), "low_le_" + low_by, ""))
    return pd.DataFrame(
        {"floor": floor, "floor_rule": floor_rule, "ceiling": ceiling, "ceiling_rule": ceiling_rule}, index=cells.index
    )


def _cells(rows: pd.DataFrame, wanted: pd.DataFrame) -> pd.DataFrame:
    """One row per (symbol, session, column) a verdict rests on, with its value and its row's flags.

    A day the vendor delivered twice gives two cells, which the uniqueness check then names.
    """
    cells = wanted.merge(rows, on=["code", "session"], how="inner").sort_values(["code", "session", "column"])
    cells = cells.reset_index(drop=True)
    lookup = cells.loc[:, list(PRICE_COLUMNS)].to_numpy(dtype="float64")
    position = pd.Index(PRICE_COLUMNS).get_indexer(pd.Index(cells["column"]))
    cells["value"] = np.where(position >= 0, lookup[np.arange(len(cells)), position.clip(0)], np.nan)
    cells["price_value"] = cells["value"].where(cells["column"].isin(PRICES))
    cells = pd.concat([cells, _bounds(cells)], axis=1)
    cells["raw_close_missing"] = (cells["column"] == "close") & cells["adjusted_only"]
    # A verdict's values must share one basis: the one most of its sessions are on (the window's on a
    # tie), so a claim wholly before or after a split stays checkable, one spanning it does not.
    days = cells.drop_duplicates(["code", "session"])
    reference = pd.Series(_reference_levels(days["code"], days["basis_level"]), index=days["code"].to_numpy())
    reference = reference[~reference.index.duplicated()]
    cells["basis_level"] = cells["basis_level"] / reference.reindex(cells["code"].to_numpy()).to_numpy()
    return cells.reindex(columns=list(CELL_COLUMNS))


def build_frames(checks: list[PriceCheck], evidence: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(window frame, evidence frame) for all ``checks`` at once, ready for the two price suites.

    Vectorised over symbols: hundreds of instruments cost one pass of pandas, not hundreds. ``evidence``: the
    evidence of every check as one table of (symbol, session, column) rows, a plan's EVIDENCE table, read in
    place of each check's ``evidence``.
    """
    rows, facts = _stack(checks)
    if evidence is None:
        wanted = pd.DataFrame(
            [
                (code, day, column)
                for code, check in enumerate(checks)
                for day, columns in check.evidence.items()
                for column in sorted(columns)
            ],
            columns=["code", "session", "column"],
        )
    else:
        wanted = _wanted(evidence, [check.series.symbol for check in checks])
    # The days converted as one column: a pd.Timestamp per cell was ≈0.7 s of CPU at 100 000 SYNTHETIC claims.
    wanted["session"] = pd.to_datetime(wanted["session"])
    wanted = wanted.astype({"code": "int64", "session": "datetime64[ns]", "column": object})
    window = _window(_derive(rows, facts, _splits(checks)), facts, wanted)
    cells = _cells(window, wanted)
    cells[list(CELL_BOOLS)] = cells[list(CELL_BOOLS)].fillna(False).astype(bool)
    return window.drop(columns=["code"]), cells


def _wanted(table: pd.DataFrame, symbols: list[str]) -> pd.DataFrame:
    """(code, session, column) of a table of (symbol, session, column) rows, as the checks' ``evidence`` gives them.

    ``code`` is the symbol's position in ``symbols`` (other symbols are left out); each symbol's sessions in the
    order they first come, each session's columns by name, once each. A dict per symbol built from the table
    and read back was ≈0.4 s of CPU at 100 000 SYNTHETIC claims.
    """
    cells = table.loc[:, ["symbol", "session", "column"]].drop_duplicates()
    code = pd.Index(symbols).get_indexer(pd.Index(cells["symbol"]))
    cells = pd.DataFrame(
        {"code": code, "session": pd.to_datetime(cells["session"]).dt.normalize(), "column": cells["column"]}
    ).loc[code >= 0]
    cells["day"] = cells.groupby(["code", "session"], sort=False, dropna=False).ngroup()
    cells = cells.sort_values(["code", "day", "column"], kind="stable")
    return cells.loc[:, ["code", "session", "column"]].reset_index(drop=True)
