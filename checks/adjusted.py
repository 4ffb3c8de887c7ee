"""Adjusted-only series: a percent change of the close measured on adjusted closes where that is exact.

Some vendor series carry only dividend/split-adjusted closes (VST in the snapshot: ``price_basis`` is
``adjusted_only``). Adjustment multiplies every close before an ex-date by one factor, so the ratio of two
closes is unchanged when no dividend or split falls after the first and on or before the last. A percent
change of the close over such a window is therefore measured on the adjusted closes, and the verdict says
so. Every other claim on such a series (a level, points, the day's low or high, a window that spans an
ex-date, or one no record of actions covers) is UNVERIFIABLE with one reason naming why.

The dividends and splits come from the series' notes: the vendor's actions (yfinance lists every event of
the window it fetched) or the snapshot's ``actions.csv`` (with the span over which that record is complete).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd

from marketfact.checks.verdicts import EvidenceRow
from marketfact.market.model import Instrument, PriceSeries

ADJUSTED_ONLY = "adjusted_only"
_ACTION = re.compile(r"^(dividend|split|reverse split|capital gain distribution)\b.*?\bon (\d{4}-\d{2}-\d{2})")
_CHECKED = re.compile(r"corporate actions checked (\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")
_NAMES = {
    "close_change": "a percent change of the close",
    "intraday_extreme": "the day's low or high",
    "market_cap_change": "a change of market value",
    "close_level": "a closing price",
    "intraday_level": "the day's low or high",
    "points_change": "a move in currency units",
    "market_cap_level": "a market value",
    "record": "a record",
}


def adjusted_symbols(instruments: Mapping[str, Instrument]) -> frozenset[str]:
    """Symbols whose vendor series has only adjusted closes."""
    return frozenset(s for s, i in instruments.items() if i.price_basis == ADJUSTED_ONLY)


def actions_of(series: PriceSeries) -> list[tuple[date, str]]:
    """Dividends and splits named in the series' notes: (ex-date, the note)."""
    found = []
    for note in series.notes:
        match = _ACTION.search(note)
        if match:
            found.append((date.fromisoformat(match.group(2)), note))
    return sorted(found)


def checked_span(series: PriceSeries) -> tuple[date, date, str] | None:
    """Over which dates the series' notes list every dividend and split, and who says so (None: unknown)."""
    for note in series.notes:
        match = _CHECKED.search(note)
        if match:
            return date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2)), "the snapshot's notes"
    if "yfinance" in series.source and not series.frame.empty:  # fetched with actions=True: every event of the window
        return series.frame.index[0].date(), series.frame.index[-1].date(), "the vendor's actions"
    return None


def with_adjusted_closes(series: Mapping[str, PriceSeries], symbols: frozenset[str]) -> dict[str, PriceSeries]:
    """The series to measure on: an adjusted-only series' ``close`` is its adjusted close (others unchanged)."""
    out = dict(series)
    for symbol in symbols & set(series):
        ps = series[symbol]
        frame = ps.frame.copy()
        frame["close"] = frame["adj_close"]
        out[symbol] = replace(ps, frame=frame)
    return out


def on_adjusted_closes(explanation: str, evidence: tuple[EvidenceRow, ...]) -> tuple[str, tuple[EvidenceRow, ...]]:
    """A verdict's sentence and evidence rows worded for adjusted closes: they are no traded prices."""
    text = explanation.replace(" closed at ", " had a dividend-adjusted close of ", 1).replace(
        "(raw closes,", "(Yahoo's dividend-adjusted closes, as no raw close exists;", 1
    )
    rows = tuple(replace(e, field="adj_close") if e.field == "close" else e for e in evidence)
    return text, rows


def adjusted_problems(
    table: pd.DataFrame, series: Mapping[str, PriceSeries], symbols: frozenset[str]
) -> tuple[pd.Series, pd.Series]:
    """Per claim row: why it cannot rest on adjusted closes ('' when it can), and the note a verdict carries."""
    problems = pd.Series("", index=table.index, dtype=object)
    notes = pd.Series("", index=table.index, dtype=object)
    if not symbols:
        return problems, notes
    for symbol in sorted(symbols):
        rows = (table["symbol"] == symbol).to_numpy() & (table["problem"] == "").to_numpy()
        if not rows.any() or symbol not in series:
            continue
        ps = series[symbol]
        idx = table.index[rows]
        part = table.loc[idx]
        head = f"{symbol}'s vendor series has only dividend-adjusted closes (no raw open, high, low or close)"
        eligible = ((part["metric"] == "close_change") & (part["basis"] == "close")).to_numpy()
        what = part["metric"].map(_NAMES).fillna("this claim").to_numpy()
        for k in np.flatnonzero(~eligible).tolist():
            problems.at[idx[k]] = (
                f"{head}: {what[k]} needs raw prices; only a percent change of the close can be measured on them"
            )
        base = part["base"].to_numpy(dtype="datetime64[D]")
        end = part["end"].to_numpy(dtype="datetime64[D]")
        actions = actions_of(ps)
        days = np.array([d for d, _ in actions], dtype="datetime64[D]")
        # An ex-date after the base session and on or before the last one changes the ratio of the two closes.
        first_after = np.searchsorted(days, base, side="right")
        next_action = (
            days[np.minimum(first_after, len(days) - 1)] if len(days) else np.full(len(end), np.datetime64("NaT"))
        )
        inside = eligible & (first_after < len(days)) & (next_action <= end)
        span = checked_span(ps)
        covered = eligible & ~inside
        if span is not None:
            covered &= (base >= np.datetime64(span[0])) & (end <= np.datetime64(span[1]))
        else:
            covered &= False
        for k in np.flatnonzero(inside).tolist():
            note = actions[int(first_after[k])][1]
            problems.at[idx[k]] = (
                f"{head}, and {note.split(' (')[0]} (ex-date {actions[int(first_after[k])][0]}) falls between "
                f"{base[k]} and {end[k]}: across it the adjusted change differs from the raw one"
            )
        for k in np.flatnonzero(eligible & ~inside & ~covered).tolist():
            problems.at[idx[k]] = (
                f"{head}, and no record of its dividends and splits covers {base[k]}..{end[k]}, so the adjusted "
                "change cannot stand in for the raw one"
            )
        if span is not None:
            for k in np.flatnonzero(covered).tolist():
                notes.at[idx[k]] = (
                    f"Measured on {symbol}'s dividend-adjusted closes: the vendor series has no raw close, and no "
                    f"dividend or split falls between {base[k]} and {end[k]} ({span[2]}), so the percent change "
                    "equals the raw one."
                )
    return problems, notes
