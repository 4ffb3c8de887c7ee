"""What the verdicts of a run show, gathered for all judged claims at once before ``checks.explain``'s loop.

Each column of the judged table becomes a list in one conversion (no pandas access per row); session dates
and evidence prices are read from the panel with numpy; the panel rows a price path shows are converted
once and their ``PathRow``s shared between verdicts that show the same session in the same role.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from marketfact.checks.measure import PricePanel
from marketfact.checks.plan import CONTEXT_SESSIONS, Plan
from marketfact.checks.verdicts import EvidenceRow, PathRow

RECORD_PATH = 260
"""At most this many sessions of a record's history are drawn before its session."""


def as_date(ts: object) -> date | None:
    """A timestamp as its date, None for NaT or None."""
    return None if ts is None or pd.isna(ts) else pd.Timestamp(ts).date()  # type: ignore[arg-type,call-overload]


def column_values(values: pd.Series) -> list[Any]:
    """A column as the Python objects iterating it gives (what ``itertuples`` puts in a row), converted at once."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biufO":
        return values.to_numpy().tolist()  # type: ignore[no-any-return]
    if isinstance(dtype, pd.StringDtype):  # element by element, a string array costs a pandas call each
        return values.to_numpy(dtype=object).tolist()  # type: ignore[no-any-return]
    return list(values)


def rows_of(judged: pd.DataFrame) -> list[Any]:
    """The judged table as named rows (``Index`` first, then the columns), like ``itertuples`` gives them."""
    row = namedtuple("Row", ["Index", *judged.columns], rename=True)  # type: ignore[misc]
    columns = [column_values(judged[c]) for c in judged.columns]
    return list(map(row._make, zip(judged.index.tolist(), *columns, strict=True)))


def dates_of(values: pd.Series) -> list[date | None]:
    """A datetime column as dates, None for NaT (``as_date`` of each value, at once for tz-naive columns)."""
    if isinstance(values.dtype, np.dtype) and values.dtype.kind == "M":
        return values.to_numpy().astype("datetime64[D]").tolist()  # type: ignore[no-any-return]
    return [as_date(v) for v in values]


def price_paths(panel: PricePanel, code: np.ndarray, judged: pd.DataFrame) -> list[tuple[PathRow, ...]]:
    """Per claim, the sessions from CONTEXT_SESSIONS before its base to as many after its window.

    A path is four runs of panel rows: context before the base, the base, the window, context after.
    Each (row, role) that some path shows becomes one ``PathRow``, made once and shared by every verdict
    that shows it; a path is then slices of those rows.
    """
    n = len(judged)
    base, end = judged["base_pos"].to_numpy(), judged["end_pos"].to_numpy()
    ok = (code >= 0) & (base >= 0) & (end >= 0)
    if not ok.any():
        return [()] * n
    at = np.where(ok, code, 0)
    # A record's chart shows the history it was compared with (up to a year of sessions before it).
    history = judged["record_first"].to_numpy() if "record_first" in judged else np.full(n, -1)
    anchor = np.where(history >= 0, np.maximum(np.minimum(base, history - 1), end - RECORD_PATH), base)
    first = np.maximum(panel.seg_start[at], anchor - CONTEXT_SESSIONS)
    stop = np.minimum(panel.seg_stop[at], end + CONTEXT_SESSIONS + 1)
    ok &= stop > first
    has_base = ok & (first <= base) & (base < stop)
    runs = {  # role → (start, stop) of its runs, per claim (empty where start >= stop)
        "context": [(first, np.minimum(base, stop)), (np.maximum(np.maximum(base, end) + 1, first), stop)],
        "base": [(np.where(has_base, base, 0), np.where(has_base, base + 1, 0))],
        "window": [(np.maximum(base + 1, first), np.minimum(end + 1, stop))],
    }
    size = len(panel.sessions)
    made: dict[str, list[PathRow | None]] = {}
    for role, pairs in runs.items():
        shown = np.zeros(size + 1, dtype=np.int64)
        for lo, hi in pairs:
            keep = ok & (hi > lo)
            np.add.at(shown, lo[keep], 1)
            np.add.at(shown, hi[keep], -1)
        made[role] = _path_rows(panel, np.flatnonzero(np.cumsum(shown[:-1]) > 0), role)
    context, base_rows, window = made["context"], made["base"], made["window"]
    out: list[tuple[PathRow, ...]] = []
    for good, b, e, lo, hi in zip(ok.tolist(), base.tolist(), end.tolist(), first.tolist(), stop.tolist(), strict=True):
        if not good:
            out.append(())
            continue
        path = context[lo : min(b, hi)]
        if lo <= b < hi:
            path.append(base_rows[b])
        path += window[max(b + 1, lo) : min(e + 1, hi)]
        path += context[max(b + 1, e + 1, lo) : hi]
        out.append(tuple(path))  # type: ignore[arg-type]
    return out


def _path_rows(panel: PricePanel, used: np.ndarray, role: str) -> list[PathRow | None]:
    """``PathRow``s in ``role`` at the panel positions ``used``, in a list indexed by panel position."""
    rows: list[PathRow | None] = [None] * len(panel.sessions)
    if not len(used):
        return rows
    sessions = panel.sessions[used].astype("datetime64[D]").tolist()
    bars = (panel.open[used], panel.high[used], panel.low[used], panel.close[used])
    prices = [_floats_or_none(a) for a in bars]
    for i, day, o, h, low, c in zip(used.tolist(), sessions, *prices, strict=True):
        rows[i] = PathRow(day, o, h, low, c, role)
    return rows


def _floats_or_none(values: np.ndarray) -> list[float | None]:
    """Python floats, None where NaN (a PathRow's missing price)."""
    boxed = values.astype(object)
    boxed[np.isnan(values)] = None
    return boxed.tolist()  # type: ignore[no-any-return]


def evidence_prices(
    panel: PricePanel, code: np.ndarray, judged: pd.DataFrame, rows: list[Any]
) -> list[tuple[EvidenceRow, ...]]:
    """Per claim, the prices its verdict rests on: the base close, then the end close or the extreme."""
    n = len(judged)
    if not len(panel.sessions):
        return [()] * n
    positions = [judged[c].to_numpy() for c in ("base_pos", "end_pos", "extreme_pos")]
    at = [np.clip(p, 0, len(panel.sessions) - 1) for p in positions]
    day = [panel.sessions[a].astype("datetime64[D]").tolist() for a in at]
    base_close, end_close = panel.close[at[0]].tolist(), panel.close[at[1]].tolist()
    down = judged["direction"].to_numpy() < 0
    extreme = np.where(down, panel.low[at[2]], panel.high[at[2]]).tolist()
    known = (code >= 0).tolist()
    out: list[tuple[EvidenceRow, ...]] = []
    for k, row in enumerate(rows):
        if not known[k]:
            out.append(())
            continue
        cur = row.listing_currency
        found = []
        if row.base_pos >= 0:
            found.append(EvidenceRow(day[0][k], "base", "close", base_close[k], cur))
        if row.basis == "close" and row.end_pos >= 0:
            found.append(EvidenceRow(day[1][k], "end", "close", end_close[k], cur))
        if row.basis == "intraday" and row.extreme_pos >= 0:
            field = "low" if row.direction < 0 else "high"
            found.append(EvidenceRow(day[2][k], "extreme", field, extreme[k], cur))
        out.append(tuple(found))
    return out


def needed_by_claim(plan: Plan, claims: pd.Index | None = None) -> dict[int, dict[date, frozenset[str]]]:
    """Per claim-table row, the sessions and columns its verdict rests on (for its own quality lists).

    ``claims``: only these rows (the judged rows whose Verdicts are built): a page's 2 000 cards of a run
    of 100 000 SYNTHETIC claims built this for every claim, ≈+150 MB at the report's peak.
    """
    ev = plan.evidence
    if claims is not None:
        ev = ev[ev["claim"].isin(claims)]
    sets: dict[int, dict[date, set[str]]] = {}
    days = dates_of(ev["session"])
    for claim, day, column in zip(ev["claim"].tolist(), days, column_values(ev["column"]), strict=True):
        if day is not None:  # as groupby does, a row without a session counts for nothing
            sets.setdefault(int(claim), {}).setdefault(day, set()).add(column)
    return {claim: {d: frozenset(c) for d, c in by_day.items()} for claim, by_day in sets.items()}
