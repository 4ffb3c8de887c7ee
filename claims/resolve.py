"""Resolve claims into the claim table: instrument, exchange sessions, basis and claimed interval.

The claim table (``CLAIM_TABLE``) is the one shape the vectorised core works on: one row per claim,
plain columns, no Python objects. A claim that cannot be resolved keeps its row with ``problem`` set,
so it becomes an UNVERIFIABLE verdict with the reason while the other claims are still judged.

``claim_table`` resolves the common claim (a known instrument, its sessions given as dates) column-wise;
every other claim (unknown instrument, money on an index, a period in words, no day, a day that is no
session) takes ``claim_rows``, the one place each of those rules is written. What the claim's own words
claim (basis, interval, margins) is decided in ``claims.terms``.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from marketfact.claims.hedges import LEVEL_MARGIN, MOSTLY_MARGIN
from marketfact.claims.metrics import LEVELS, MONEY_VALUES, PRICE_UNITS, SCALES, Direction, Metric
from marketfact.claims.model import Claim
from marketfact.claims.terms import TERM_COLUMNS, ClaimColumns, Terms, claim_terms, term_columns
from marketfact.market.calendars import (
    UnknownExchangeError,
    is_session,
    nearest_sessions,
    outside_calendar,
    session_index,
    session_positions,
)
from marketfact.market.model import Instrument

CLAIM_TABLE = (
    "CLAIM_TABLE: claim_id, symbol, calendar, timezone, listing_currency, metric, direction (+1/-1), "
    "basis, start/end/base (datetime64 session dates), lo, hi, lo_closed, hi_closed, margin, half (the "
    "stated precision's rounding), unit, currency, fx_source (where a money claim's exchange rate comes "
    "from), scale, problem ('' when resolvable), searched (True on the candidate rows of a claim that "
    "names no day: one row per session searched, collapsed after judging), record (lowest_close … or ''), "
    "since (a record's first session of history; NaT: all the source has)"
)
CLAIM_DTYPES: dict[str, str] = {
    "claim_id": "str", "symbol": "str", "calendar": "str", "timezone": "str", "listing_currency": "str",
    "metric": "str", "direction": "int64", "basis": "str", "start": "datetime64[ns]", "end": "datetime64[ns]",
    "base": "datetime64[ns]", "lo": "float64", "hi": "float64", "lo_closed": "bool", "hi_closed": "bool",
    "margin": "float64", "half": "float64", "unit": "str", "currency": "str", "fx_source": "str",
    "scale": "float64", "problem": "str", "searched": "bool", "record": "str", "since": "datetime64[ns]",
}  # fmt: skip
CLAIM_COLUMNS = tuple(CLAIM_DTYPES)


@dataclass(frozen=True, slots=True)
class Window:
    """The first and last session a claim speaks of."""

    first: pd.Timestamp
    last: pd.Timestamp


SEARCH_SESSIONS = 5
"""A claim that names no day is measured on this many sessions before publication."""


def _days(days: list[date | None]) -> np.ndarray:
    """Dates as datetime64[ns] (None as NaT), without a numpy conversion per element."""
    ordinals = np.fromiter((d.toordinal() if d else 0 for d in days), dtype=np.int64, count=len(days))
    out = (ordinals - _EPOCH_ORDINAL).astype("datetime64[D]").astype("datetime64[ns]")
    out[ordinals == 0] = np.datetime64("NaT")
    return out


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _instrument_problem(claim: Claim, instrument: Instrument | None) -> str:
    """Why the claim cannot be checked on its instrument at all ('' when it can)."""
    if instrument is None:
        return (
            f"unknown instrument {claim.instrument!r} for {claim.subject!r}: not in the instrument table"
            if claim.instrument
            else f"no instrument given for {claim.subject!r}"
        )
    if (claim.metric in MONEY_VALUES or claim.value_record) and instrument.kind != "equity":
        return f"{instrument.symbol} is an {instrument.kind}, which has no market value"
    if claim.value_record and claim.currency != instrument.currency:
        # Each session's loss would be converted at its own day's rate, which may reorder the history (#17).
        return (
            f"a record of market value is ranked in {instrument.symbol}'s listing currency, {instrument.currency}, "
            f"not {claim.currency}: give currency: {instrument.currency}"
        )
    if claim.metric in PRICE_UNITS:
        if claim.unit == "points" and instrument.kind != "index":
            return (
                f"{instrument.symbol} is an {instrument.kind} quoted in {instrument.currency}, not in points: "
                f"state its price with unit: money and currency: {instrument.currency}"
            )
        if claim.unit == "money" and instrument.kind == "index":
            return f"{instrument.symbol} is an index: its level and its moves are in points (unit: points)"
        if claim.unit == "money" and claim.currency != instrument.currency:
            return (
                f"{instrument.symbol} is quoted in {instrument.currency}, not {claim.currency}: "
                "a price claim is checked in the listing currency"
            )
    return ""


def _period_window(claim: Claim, instrument: Instrument) -> Window | str:
    """Resolve ``claim.period`` from the publication time on the listing's exchange."""
    from marketfact.claims.periods import resolve_period

    assert claim.period is not None
    if claim.published_at is None:
        return f"the period {claim.period!r} needs the article's publication time (published_at)"
    errors = []
    for lang in [claim.language] if claim.language else ["de", "en"]:
        try:
            res = resolve_period(claim.period, claim.published_at, instrument.calendar, instrument.timezone, lang)
        except ValueError as exc:
            errors.append(str(exc))
            continue
        if not res.closed_at_publication and claim.metric not in (Metric.INTRADAY_EXTREME, Metric.INTRADAY_LEVEL):
            return (
                f"{res.last.isoformat()} had not closed on {instrument.calendar} when the article appeared "
                f"({claim.published_at.isoformat()}): a close-based claim cannot be checked against that day"
            )
        return Window(pd.Timestamp(res.first), pd.Timestamp(res.last))
    return errors[0]


def _window(claim: Claim, instrument: Instrument) -> Window | str | list[Window]:
    """Sessions of the claim on its exchange (a list of candidates when it names no day), or why not."""
    if claim.sessions:
        first, last = claim.sessions[0], claim.sessions[-1]
    elif claim.period:
        window = _period_window(claim, instrument)
        if isinstance(window, str):
            return window
        first, last = window.first.date(), window.last.date()
    elif claim.published_at is not None:
        from marketfact.claims.periods import candidate_sessions

        days = candidate_sessions(claim.published_at, instrument.calendar, SEARCH_SESSIONS)
        return [Window(pd.Timestamp(d), pd.Timestamp(d)) for d in days] or "no session before publication"
    else:
        return "no session given; give sessions, a period, or the publication time to search before"
    for day in (first, last):  # in this order, so the message names the first day that is no session
        if not is_session(instrument.calendar, day):
            outside = outside_calendar(instrument.calendar, day)
            if outside is not None:
                return f"{outside} ({instrument.name})"
            before, after = nearest_sessions(instrument.calendar, day)
            return (
                f"{day.isoformat()} was not a trading session of {instrument.calendar} "
                f"({instrument.name}); the nearest sessions are {before.isoformat()} and {after.isoformat()}"
            )
    return Window(pd.Timestamp(first), pd.Timestamp(last))


def claim_rows(claim: Claim, instrument: Instrument | None, terms: Terms | None = None) -> list[dict[str, object]]:
    """CLAIM_TABLE rows for ``claim``: one, or one per candidate session when it names no day.

    ``terms``: the claim's TERM_COLUMNS when already computed (``claim_table`` has them for every claim).
    """
    row: dict[str, object] = {
        "claim_id": claim.id,
        "symbol": claim.instrument or "",
        "calendar": instrument.calendar if instrument else "",
        "timezone": instrument.timezone if instrument else "",
        "listing_currency": instrument.currency if instrument else "",
        "metric": claim.metric.value,
        "direction": claim.sign,
        **dict(zip(TERM_COLUMNS, terms or claim_terms(claim), strict=True)),
        "start": pd.NaT,
        "end": pd.NaT,
        "base": pd.NaT,
        "unit": claim.unit,
        "currency": claim.currency or "",
        "fx_source": claim.fx,
        "scale": claim.scale_factor,
        "problem": _instrument_problem(claim, instrument),
        "searched": False,
        "record": claim.record.value if claim.record else "",
        "since": pd.Timestamp(claim.since) if claim.since else pd.NaT,
    }
    if row["problem"] or instrument is None:
        return [row]
    try:
        window = _window(claim, instrument)
    except UnknownExchangeError as exc:
        window = str(exc)
    if isinstance(window, str):
        row["problem"] = window
        return [row]
    if isinstance(window, list):
        return [{**row, "start": w.first, "end": w.last, "searched": True} for w in window]
    row.update(start=window.first, end=window.last)
    return [row]


def claim_table(claims: Sequence[Claim], instruments: Mapping[str, Instrument]) -> pd.DataFrame:
    """The CLAIM_TABLE of ``claims``, with each base session (the session before the window) filled in.

    Column-wise for claims on a known instrument with dates given: one pass reads the claims, the terms
    are computed by ``term_columns``, once per distinct input (news numbers and hedges repeat), and sessions are
    checked with one ``searchsorted`` per calendar. The rest take ``claim_rows``, row by row.
    """
    # The collector paused, as while the claims were read (claims.store): the columns made here are hundreds of
    # thousands of objects, whose allocations set off collections that walk every claim's row again and free
    # nothing. At 100 000 SYNTHETIC claims ≈0.5 s of the core's CPU (bench.run's core phase, paired).
    collecting = gc.isenabled()
    gc.disable()
    try:
        cols = ClaimColumns.of(claims)
        where = _Where.of(cols, instruments)
        plain = _columnwise_claims(claims, cols=cols, where=where)
        terms = term_columns(claims, cols)
        table = _columnwise_table(cols, where=where, terms=terms)
        if not plain.all():
            table = _with_claim_rows(table, plain=plain, claims=claims, where=where, terms=terms)
        return add_base_sessions(_level_margins(table))
    finally:
        if collecting:
            gc.enable()


@dataclass(frozen=True, slots=True)
class _Where:
    """Per claim: its symbol, its instrument (None: not in the table), its calendar, its first and last date."""

    symbol: list[str]
    inst: list[Instrument | None]
    calendar: np.ndarray
    start: np.ndarray
    end: np.ndarray

    @classmethod
    def of(cls, cols: ClaimColumns, instruments: Mapping[str, Instrument]) -> _Where:
        symbol = [s or "" for s in cols.instrument]
        inst = [instruments.get(s) for s in symbol]
        return cls(
            symbol=symbol,
            inst=inst,
            calendar=np.array([i.calendar if i else "" for i in inst], dtype=object),
            start=_days([s[0] if s else None for s in cols.sessions]),
            end=_days([s[-1] if s else None for s in cols.sessions]),
        )


def _columnwise_claims(claims: Sequence[Claim], *, cols: ClaimColumns, where: _Where) -> np.ndarray:
    """Which claims the column-wise path resolves: dates given, on an instrument that fits the claim, each date
    a session of its calendar. The others take ``claim_rows``, which names the reason."""
    plain = np.fromiter(map(bool, cols.sessions), dtype=bool, count=len(claims))
    # Whether _instrument_problem rules a (symbol, metric, unit, currency) out, asked of one claim per distinct key.
    fit_keys = list(zip(where.symbol, cols.metric, cols.unit, cols.currency, strict=True))
    one_of = dict(zip(fit_keys, range(len(claims)), strict=True))
    inst = where.inst
    unfit = {key: inst[i] is None or bool(_instrument_problem(claims[i], inst[i])) for key, i in one_of.items()}
    plain &= np.fromiter((not unfit[k] for k in fit_keys), bool, len(claims))
    for cal in np.unique(where.calendar[plain]):
        rows = np.flatnonzero(plain & (where.calendar == cal))
        try:
            ok = np.asarray(session_positions(str(cal), where.start[rows])[1])
            ok &= np.asarray(session_positions(str(cal), where.end[rows])[1])
        except UnknownExchangeError:
            ok = np.zeros(len(rows), dtype=bool)
        plain[rows[~ok]] = False  # claim_rows names the reason
    return plain


def _columnwise_table(cols: ClaimColumns, *, where: _Where, terms: pd.DataFrame) -> pd.DataFrame:
    """The CLAIM_TABLE of every claim as the column-wise path reads it (no problems found, no base sessions)."""
    signs: dict[Direction | None, int] = {d: d.sign for d in Direction}
    signs[None] = 0  # a level stated without a direction
    metric_values = {m: m.value for m in Metric}
    return pd.DataFrame(
        {
            "claim_id": cols.id,
            "symbol": where.symbol,
            "calendar": where.calendar,
            "timezone": [i.timezone if i else "" for i in where.inst],
            "listing_currency": [i.currency if i else "" for i in where.inst],
            "metric": [metric_values[m] for m in cols.metric],
            "direction": [signs[d] for d in cols.direction],
            **{col: terms[col] for col in TERM_COLUMNS},
            "start": where.start,
            "end": where.end,
            "base": np.datetime64("NaT", "ns"),
            "unit": cols.unit,
            "currency": [c or "" for c in cols.currency],
            "fx_source": cols.fx,
            "scale": [SCALES[s] for s in cols.scale],
            "problem": "",
            "searched": False,
            "record": [r.value if r else "" for r in cols.record],  # type: ignore[attr-defined]
            "since": _days(list(cols.since)),
        },
        columns=list(CLAIM_COLUMNS),
    ).astype(CLAIM_DTYPES)


def _with_claim_rows(
    table: pd.DataFrame, *, plain: np.ndarray, claims: Sequence[Claim], where: _Where, terms: pd.DataFrame
) -> pd.DataFrame:
    """``table``'s column-wise rows, and ``claim_rows`` in place of each other claim's row (one or more each)."""
    odd = np.flatnonzero(~plain)
    known = [terms[c].to_numpy(dtype=object)[odd].tolist() for c in TERM_COLUMNS]
    odd_terms = zip(odd.tolist(), zip(*known, strict=True), strict=True)
    candidates = [(i, row) for i, t in odd_terms for row in claim_rows(claims[i], where.inst[i], t)]
    spliced = pd.DataFrame(
        [row for _, row in candidates], columns=list(CLAIM_COLUMNS), index=[i for i, _ in candidates]
    )
    # A stable sort on the claim's position keeps each claim's candidate rows in their own order.
    table = pd.concat([table[plain], spliced.astype(CLAIM_DTYPES)]).sort_index(kind="stable")
    return table.reset_index(drop=True)


def _level_margins(table: pd.DataFrame) -> pd.DataFrame:
    """A level's "mostly" margin is a smaller share of its (large) stated value than a move's."""
    level = table["metric"].isin([m.value for m in LEVELS]).to_numpy()
    if level.any():
        table["margin"] = np.where(level, table["margin"].to_numpy() * (LEVEL_MARGIN / MOSTLY_MARGIN), table["margin"])
    return table


def add_base_sessions(table: pd.DataFrame) -> pd.DataFrame:
    """Vectorised: the base of a window is the session before its first session, on its own calendar."""
    base = np.full(len(table), np.datetime64("NaT"), dtype="datetime64[ns]")
    ok = (table["problem"] == "").to_numpy()
    for calendar, idx in table[ok].groupby("calendar").groups.items():
        sessions = session_index(str(calendar))
        pos = sessions.searchsorted(pd.DatetimeIndex(table.loc[idx, "start"]))
        base[table.index.get_indexer(idx)] = sessions[np.maximum(pos - 1, 0)].to_numpy()
    table = table.copy(deep=False)  # copy-on-write
    table["base"] = base
    return table


def is_unbounded(hi: float) -> bool:
    """Whether an interval has no upper limit ("more than")."""
    return math.isinf(hi)
