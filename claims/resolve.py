"""Resolve claims into the claim table: instrument, exchange sessions, basis and claimed interval.

The claim table (``CLAIM_TABLE``) is the one shape the vectorised core works on: one row per claim,
plain columns, no Python objects. A claim that cannot be resolved keeps its row with ``problem`` set,
so it becomes an UNVERIFIABLE verdict with the reason while the other claims are still judged.

``claim_table`` resolves the common claim (a known instrument, its sessions given as dates) column-wise;
every other claim (unknown instrument, money on an index, a period in words, no day, a day that is no
session) takes ``claim_rows``, the one place each of those rules is written.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

import numpy as np
import pandas as pd

from marketfact.claims.hedges import (
    LEVEL_MARGIN,
    MOSTLY_MARGIN,
    Basis,
    Bound,
    HedgeReading,
    claimed_interval,
    mostly_margin,
    read_hedge,
)
from marketfact.claims.model import LEVELS, MONEY_VALUES, PRICE_UNITS, SCALES, Claim, Direction, Metric
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
TERM_COLUMNS = ("basis", "lo", "hi", "lo_closed", "hi_closed", "margin", "half")
"""The columns ``_claim_terms`` decides from the claim's own words."""

Terms = tuple[str, float, float, bool, bool, float, float]


@dataclass(frozen=True, slots=True)
class Window:
    """The first and last session a claim speaks of."""

    first: pd.Timestamp
    last: pd.Timestamp


SEARCH_SESSIONS = 5
"""A claim that names no day is measured on this many sessions before publication."""


def _group(*fields: Sequence[object] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group rows by equal values in all ``fields``: (group code per row, first row of each group).

    Factorised field by field and combined: no key object per row, no groupby over object columns.
    """
    codes = np.zeros(len(fields[0]), dtype=np.int64)
    for field in fields:
        values = field if isinstance(field, np.ndarray) else pd.Series(cast(Any, field), dtype=object)
        part, uniques = pd.factorize(values, use_na_sentinel=False)
        codes, _ = pd.factorize(codes * (len(uniques) + 1) + part)
    _, first = np.unique(codes, return_index=True)
    return codes, first


def _days(days: list[date | None]) -> np.ndarray:
    """Dates as datetime64[ns] (None as NaT), without a numpy conversion per element."""
    ordinals = np.fromiter((d.toordinal() if d else 0 for d in days), dtype=np.int64, count=len(days))
    out = (ordinals - _EPOCH_ORDINAL).astype("datetime64[D]").astype("datetime64[ns]")
    out[ordinals == 0] = np.datetime64("NaT")
    return out


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@functools.lru_cache(maxsize=1024)
def _reading(hedge: str | None) -> HedgeReading:
    """``read_hedge``, once per distinct hedge text of a run (the texts repeat; reading one costs ~20 µs)."""
    return read_hedge(hedge)


def _basis(metric: Metric, hedge: HedgeReading) -> Basis:
    """Which price a claim speaks of: the day's extreme for an intraday metric or hedge, else the close."""
    if metric in (Metric.INTRADAY_EXTREME, Metric.INTRADAY_LEVEL):
        return Basis.INTRADAY
    return Basis.CLOSE if metric in (Metric.CLOSE_LEVEL, Metric.RECORD) else (hedge.basis or Basis.CLOSE)


def _interval_terms(low: float, high: float | None, precision: int, bound: Bound) -> tuple[float, ...]:
    """TERM_COLUMNS after ``basis``: the claimed interval, the "mostly" margin and the stated rounding's half."""
    interval = claimed_interval(low, high, precision, bound)
    return (
        interval.lo, interval.hi, interval.lo_closed, interval.hi_closed,
        mostly_margin(low, high), 0.5 * 10.0**-precision,
    )  # fmt: skip


def _truncated_level(terms: tuple[float, ...]) -> tuple[float, ...]:
    """A level stated exactly may be cut, not rounded: "bei 39.016 Punkten" for 39,016.87 is how news writes
    the close. Its interval runs to the next step of the last digit stated: [39015.5, 39017)."""
    lo, hi, lo_closed, hi_closed, margin, half = terms
    return (lo, _plus(hi, half), lo_closed, hi_closed, margin, half)


def _plus(a: float, b: float) -> float:
    """``a + b`` in decimal, as the claimed interval is computed (39.55 + 0.05 is 39.6, not 39.599999999999994)."""
    return float(Decimal(repr(a)) + Decimal(repr(b)))


NO_NUMBER = (math.nan, math.nan, True, True, 0.0, 0.0)
"""TERM_COLUMNS after ``basis`` of a claim that states no number (a record): set once its history is measured."""


def _claim_terms(claim: Claim) -> Terms:
    """TERM_COLUMNS of a claim: basis, claimed interval, "mostly" margin and the stated rounding's half."""
    hedge = _reading(claim.hedge)
    low, high = claim.range if claim.range is not None else (claim.value, None)
    if low is None:
        return (_basis(claim.metric, hedge).value, *NO_NUMBER)  # type: ignore[return-value]
    terms = _interval_terms(low, high, claim.precision, hedge.bound)
    if claim.metric in LEVELS and high is None and hedge.bound is Bound.EXACT:
        terms = _truncated_level(terms)
    return (_basis(claim.metric, hedge).value, *terms)  # type: ignore[return-value]


_FIELDS = (
    "id", "instrument", "metric", "direction", "sessions", "unit", "currency", "fx", "scale",
    "hedge", "value", "range", "value_text", "decimals", "record", "since",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Columns:
    """The claim fields the table reads (``_FIELDS``), one tuple per field."""

    id: tuple[str, ...]
    instrument: tuple[str | None, ...]
    metric: tuple[Metric, ...]
    direction: tuple[Direction, ...]
    sessions: tuple[list[date] | None, ...]
    unit: tuple[str, ...]
    currency: tuple[str | None, ...]
    fx: tuple[str, ...]
    scale: tuple[str, ...]
    hedge: tuple[str | None, ...]
    value: tuple[float | None, ...]
    range: tuple[tuple[float, float] | None, ...]
    value_text: tuple[str | None, ...]
    decimals: tuple[int | None, ...]
    record: tuple[object, ...]
    since: tuple[date | None, ...]

    @classmethod
    def of(cls, claims: Sequence[Claim]) -> _Columns:
        """One C-level getter call per claim, transposed by ``zip``: no Python loop per field."""
        if not claims:
            return cls(*(() for _ in _FIELDS))
        from marketfact.claims.store import rows_of  # a ClaimStore's rows: no model built per claim

        return cls(*zip(*map(operator.attrgetter(*_FIELDS), rows_of(claims)), strict=True))


def _term_columns(claims: Sequence[Claim], cols: _Columns) -> pd.DataFrame:
    """TERM_COLUMNS of every claim, the same rules as ``_claim_terms``, each applied once per distinct input.

    The wording is read once per distinct (metric, hedge), the stated precision once per distinct way the
    number was written, the claimed interval once per distinct (low, high, precision, bound): news numbers
    and hedges repeat, and 100 000 claims come down to a few thousand of each.
    """
    worded, first = _group(cols.metric, cols.hedge)
    readings = [(cols.metric[i], _reading(cols.hedge[i])) for i in first]
    basis = np.array([_basis(metric, hedge).value for metric, hedge in readings], dtype=object)[worded]
    bound = np.array([hedge.bound.value for _, hedge in readings], dtype=object)[worded]
    written, first = _group(cols.value_text, cols.decimals, cols.range)
    precision = np.array([claims[i].precision for i in first], dtype=np.int64)[written]
    lows = [v if r is None else r[0] for v, r in zip(cols.value, cols.range, strict=True)]
    low_numbers = [math.nan if v is None else v for v in lows]
    highs = [math.nan if r is None else r[1] for r in cols.range]
    low, high = np.array(low_numbers, dtype="float64"), np.array(highs, dtype="float64")
    same, first = _group(low, high, precision, bound)
    rows = [  # Python floats from lows/highs: the interval's exact arithmetic reads their repr
        NO_NUMBER
        if lows[i] is None
        else _interval_terms(lows[i], None if math.isnan(highs[i]) else highs[i], int(precision[i]), Bound(bound[i]))
        for i in first
    ]
    terms = pd.DataFrame(rows, columns=list(TERM_COLUMNS[1:])).iloc[same].reset_index(drop=True)
    cut = np.fromiter((m in LEVELS for m in cols.metric), dtype=bool, count=len(claims))
    cut &= (bound == Bound.EXACT.value) & np.isnan(high) & ~np.isnan(low)
    if cut.any():  # as _truncated_level
        his, halves = terms.loc[cut, "hi"].tolist(), terms.loc[cut, "half"].tolist()
        terms.loc[cut, "hi"] = [_plus(h, d) for h, d in zip(his, halves, strict=True)]
    terms.insert(0, "basis", basis)
    return terms


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
        **dict(zip(TERM_COLUMNS, terms or _claim_terms(claim), strict=True)),
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
    are computed by ``_term_columns``, once per distinct input (news numbers and hedges repeat), and sessions are
    checked with one ``searchsorted`` per calendar. The rest take ``claim_rows``, row by row.
    """
    cols = _Columns.of(claims)
    symbol = [s or "" for s in cols.instrument]
    inst = [instruments.get(s) for s in symbol]
    plain = np.fromiter(map(bool, cols.sessions), dtype=bool, count=len(claims))
    # Whether _instrument_problem rules a (symbol, metric, unit, currency) out, asked of one claim per distinct key.
    fit_keys = list(zip(symbol, cols.metric, cols.unit, cols.currency, strict=True))
    one_of = dict(zip(fit_keys, range(len(claims)), strict=True))
    unfit = {key: inst[i] is None or bool(_instrument_problem(claims[i], inst[i])) for key, i in one_of.items()}
    plain &= np.fromiter((not unfit[k] for k in fit_keys), bool, len(claims))
    start = _days([s[0] if s else None for s in cols.sessions])
    end = _days([s[-1] if s else None for s in cols.sessions])
    calendar = np.array([i.calendar if i else "" for i in inst], dtype=object)
    for cal in np.unique(calendar[plain]):
        rows = np.flatnonzero(plain & (calendar == cal))
        try:
            ok = np.asarray(session_positions(str(cal), start[rows])[1])
            ok &= np.asarray(session_positions(str(cal), end[rows])[1])
        except UnknownExchangeError:
            ok = np.zeros(len(rows), dtype=bool)
        plain[rows[~ok]] = False  # claim_rows names the reason
    terms = _term_columns(claims, cols)
    signs: dict[Direction | None, int] = {d: d.sign for d in Direction}
    signs[None] = 0  # a level stated without a direction
    metric_values = {m: m.value for m in Metric}
    table = pd.DataFrame(
        {
            "claim_id": cols.id,
            "symbol": symbol,
            "calendar": calendar,
            "timezone": [i.timezone if i else "" for i in inst],
            "listing_currency": [i.currency if i else "" for i in inst],
            "metric": [metric_values[m] for m in cols.metric],
            "direction": [signs[d] for d in cols.direction],
            **{col: terms[col] for col in TERM_COLUMNS},
            "start": start,
            "end": end,
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
    odd = np.flatnonzero(~plain)
    if len(odd):
        known = [terms[c].to_numpy(dtype=object)[odd].tolist() for c in TERM_COLUMNS]
        odd_terms = zip(odd.tolist(), zip(*known, strict=True), strict=True)
        candidates = [(i, row) for i, t in odd_terms for row in claim_rows(claims[i], inst[i], t)]
        spliced = pd.DataFrame(
            [row for _, row in candidates], columns=list(CLAIM_COLUMNS), index=[i for i, _ in candidates]
        )
        # A stable sort on the claim's position keeps each claim's candidate rows in their own order.
        table = pd.concat([table[plain], spliced.astype(CLAIM_DTYPES)]).sort_index(kind="stable")
        table = table.reset_index(drop=True)
    # A level's "mostly" margin is a smaller share of its (large) stated value than a move's.
    level = table["metric"].isin([m.value for m in LEVELS]).to_numpy()
    if level.any():
        table["margin"] = np.where(level, table["margin"].to_numpy() * (LEVEL_MARGIN / MOSTLY_MARGIN), table["margin"])
    return add_base_sessions(table)


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
