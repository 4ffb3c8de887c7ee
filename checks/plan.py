"""Plan a run: which instruments, which windows, which values each verdict will rest on.

The plan is computed once, before any data is fetched, so a run fetches each instrument once (not
once per claim) and validates only the rows its verdicts touch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import cast

import numpy as np
import pandas as pd

from marketfact.checks.adjusted import adjusted_symbols
from marketfact.claims.listings import run_instruments
from marketfact.claims.model import MONEY_VALUES, ClaimFile
from marketfact.claims.resolve import claim_table
from marketfact.market.calendars import session_days, session_index
from marketfact.market.model import Instrument

CONTEXT_SESSIONS = 5
"""Sessions fetched on each side of a window: for the chart, and the "another day" reading."""

RECORD_EPOCH = date(2000, 1, 1)
"""Where "all the history" starts for a record that gives no ``since``: the first day the exchange calendars hold."""

EVIDENCE = "EVIDENCE: claim (row number in the claim table), symbol, session (datetime64), column"


@dataclass(frozen=True, slots=True)
class FxNeed:
    """An exchange rate a money claim needs: ``quote`` per ``base`` on ``on`` from ``source``."""

    source: str  # "ecb" or "yahoo"
    base: str
    quote: str
    on: date


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything a run will fetch and check, derived from the claims alone."""

    claims: ClaimFile
    table: pd.DataFrame  # CLAIM_TABLE
    instruments: Mapping[str, Instrument]
    windows: dict[str, tuple[date, date]]  # per symbol: first and last session to fetch
    evidence: pd.DataFrame  # EVIDENCE
    fx_needs: tuple[FxNeed, ...]
    shares_needs: tuple[tuple[str, date], ...]

    def evidence_for(self, symbol: str) -> dict[date, frozenset[str]]:
        """Sessions → columns that verdicts on ``symbol`` rest on (the union over its claims)."""
        rows = self.evidence[self.evidence["symbol"] == symbol]
        grouped = rows.groupby("session")["column"].agg(frozenset)
        return {cast(pd.Timestamp, ts).date(): cols for ts, cols in grouped.items()}


def money_rows(table: pd.DataFrame) -> np.ndarray:
    """Rows about a market value: the money metrics, and a record of market value (unit: money, #17)."""
    metric = table["metric"].to_numpy(dtype=object)
    value_record = (metric == "record") & (table["unit"].to_numpy(dtype=object) == "money")
    return np.isin(metric, [m.value for m in MONEY_VALUES]) | value_record


def evidence_triples(table: pd.DataFrame, adjusted: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Vectorised EVIDENCE: the base close, and the end close (close basis) or every window low/high.

    On an adjusted-only series (``adjusted``) a percent change of the close rests on the adjusted closes
    (checks/adjusted.py), so those cells are ``adj_close``.
    """
    ok = table[table["problem"] == ""]
    idx = ok.index.to_numpy()
    parts = [pd.DataFrame({"claim": idx, "symbol": ok["symbol"], "session": ok["base"], "column": "close"})]
    close_rows = ok[ok["basis"] == "close"]
    parts.append(
        pd.DataFrame(
            {"claim": close_rows.index, "symbol": close_rows["symbol"], "session": close_rows["end"], "column": "close"}
        )
    )
    intraday = ok[ok["basis"] == "intraday"]
    for calendar, group in intraday.groupby("calendar"):
        sessions = session_index(str(calendar))
        first = sessions.searchsorted(pd.DatetimeIndex(group["start"]))
        last = sessions.searchsorted(pd.DatetimeIndex(group["end"]))
        span = int((last - first).max()) + 1 if len(group) else 0
        column = np.where(group["direction"].to_numpy() < 0, "low", "high")
        for k in range(span):
            live = first + k <= last
            parts.append(
                pd.DataFrame(
                    {
                        "claim": group.index[live],
                        "symbol": group["symbol"].to_numpy()[live],
                        "session": sessions[(first + k)[live]],
                        "column": column[live],
                    }
                )
            )
    parts.extend(_record_triples(ok))
    triples = pd.concat(parts, ignore_index=True)
    triples["session"] = pd.to_datetime(triples["session"])
    if adjusted:
        on_adjusted = ok.index[
            ok["symbol"].isin(adjusted) & (ok["metric"] == "close_change") & (ok["basis"] == "close")
        ]
        swap = triples["claim"].isin(on_adjusted) & (triples["column"] == "close")
        triples.loc[swap, "column"] = "adj_close"
    return triples


def history_start(table: pd.DataFrame) -> pd.Series:
    """Per claim row, the first session its verdict reads: a record's ``since`` (or ``RECORD_EPOCH``), else the base.

    A record of the biggest one-day move also needs the close before ``since``: its base is one session
    earlier, which the fetch window's context sessions cover.
    """
    record = (table["record"] != "").to_numpy()
    since = table["since"].fillna(pd.Timestamp(RECORD_EPOCH))
    return since.where(record, table["base"])


def _record_triples(ok: pd.DataFrame) -> list[pd.DataFrame]:
    """EVIDENCE of record claims: every close of the history they name (``since`` through the session).

    A record with no ``since`` rests on whatever history the source has; its sessions are unknown until
    the data arrives, so only the session itself is evidence here (its history is checked as context).
    """
    records = ok[(ok["record"] != "") & ok["since"].notna()]
    parts: list[pd.DataFrame] = []
    for calendar, group in records.groupby("calendar"):
        sessions = session_index(str(calendar))
        first = sessions.searchsorted(pd.DatetimeIndex(group["since"]))
        moves = group["record"].isin(["biggest_fall", "biggest_rise"]).to_numpy()
        first = np.maximum(first - moves, 0)  # a one-day move also needs the close before since
        last = sessions.searchsorted(pd.DatetimeIndex(group["end"]))
        for row, lo, hi, symbol in zip(group.index, first, last, group["symbol"], strict=True):
            parts.append(
                pd.DataFrame({"claim": row, "symbol": symbol, "session": sessions[lo : hi + 1], "column": "close"})
            )
    return parts


def _day_numbers(column: pd.Series) -> np.ndarray:
    """A datetime64 column as whole days since 1970, the unit of ``session_days``."""
    return column.to_numpy(dtype="datetime64[D]").astype(np.int64)


def _dates(days: pd.Series | np.ndarray) -> list[date]:
    """Dates (a datetime64 column, or day numbers) as ``date`` objects: numpy converts at C speed, Timestamps do not."""
    values = days.to_numpy(dtype="datetime64[D]") if isinstance(days, pd.Series) else days.astype("datetime64[D]")
    return values.tolist()


def plan_run(claims: ClaimFile, instruments: Mapping[str, Instrument], today: date | None = None) -> Plan:
    """Resolve the claims and derive fetch windows, evidence and FX/share needs.

    ``instruments`` (the price source's table) is extended by the alias table's listings and by the claim
    file's own (``claims.listings.run_instruments``).
    """
    instruments = run_instruments(instruments, claims.instruments)
    table = claim_table(claims.claims, instruments)
    ok = table[table["problem"] == ""].assign(first=lambda t: history_start(t))
    windows: dict[str, tuple[date, date]] = {}
    spans = ok.groupby("symbol").agg(first=("first", "min"), last=("end", "max"), calendar=("calendar", "first"))
    for calendar, rows in spans.groupby("calendar"):  # per exchange, every symbol at once
        days = session_days(str(calendar))
        lo = np.maximum(np.searchsorted(days, _day_numbers(rows["first"])) - CONTEXT_SESSIONS, 0)
        hi = np.minimum(np.searchsorted(days, _day_numbers(rows["last"])) + CONTEXT_SESSIONS, len(days) - 1)
        firsts, lasts = _dates(days[lo]), _dates(days[hi])
        for symbol, first, last in zip(rows.index, firsts, lasts, strict=True):
            windows[str(symbol)] = (first, min(last, today) if today else last)
    windows = dict(sorted(windows.items()))  # symbol order, whatever the exchanges
    money = ok[money_rows(ok)]  # a price in money is in the listing currency
    cross = money[money["currency"] != money["listing_currency"]]
    fx = cross[["fx_source", "listing_currency", "currency", "end"]].drop_duplicates()
    fx_needs = [
        FxNeed(str(source), str(base), str(quote), on)
        for source, base, quote, on in zip(
            fx["fx_source"], fx["listing_currency"], fx["currency"], _dates(fx["end"]), strict=True
        )
    ]
    held = money[["symbol", "end"]].drop_duplicates()
    shares_needs = list(zip(held["symbol"].astype(str), _dates(held["end"]), strict=True))
    return Plan(
        claims=claims,
        table=table,
        instruments=instruments,
        windows=windows,
        evidence=evidence_triples(table, adjusted_symbols(instruments)),
        fx_needs=tuple(sorted(fx_needs, key=lambda n: (n.source, n.base, n.quote, n.on))),
        shares_needs=tuple(sorted(shares_needs)),
    )
