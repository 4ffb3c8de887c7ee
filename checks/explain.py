"""Turn judged claim-table rows into ``Verdict``s with evidence and a sentence a reader can check by hand.

This is the only per-claim Python of a run, and it runs on the claims a report shows. Everything that
can be done for all claims at once is done so before the loop: each column of the judged table becomes
a list in one conversion (no pandas access per row), session dates and evidence prices are gathered
from the panel with numpy, the panel rows a price path shows are converted once and their ``PathRow``s
shared between verdicts that show the same session in the same role, and each instrument's quality
results are split into failures and warnings once, not once per claim.
"""

from __future__ import annotations

import math
from collections import namedtuple
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from marketfact.checks.adjusted import on_adjusted_closes
from marketfact.checks.evidence import RunEvidence
from marketfact.checks.kinds import family
from marketfact.checks.kindtext import (
    KINDS,
    claimed_words,
    kind_interval,
    kind_reading,
    kind_sentence,
    kind_unit,
    price_field,
    record_alternatives,
    record_evidence,
)
from marketfact.checks.measure import PricePanel
from marketfact.checks.plan import CONTEXT_SESSIONS, Plan
from marketfact.checks.quality.outcome import ExpectationResult
from marketfact.checks.reasons import read_reasons
from marketfact.checks.verdicts import (
    Alternative,
    DayRange,
    EvidenceRow,
    FxRate,
    Label,
    PathRow,
    Reading,
    SessionSearch,
    ShareCount,
    Verdict,
)
from marketfact.claims.hedges import Interval
from marketfact.claims.model import MONEY_VALUES, Claim, Metric
from marketfact.claims.store import by_id as claims_by_id
from marketfact.market.model import FxQuote

RECORD_PATH = 260
"""At most this many sessions of a record's history are drawn before its session."""


def _num(x: float, digits: int = 2) -> str:
    return f"{x:,.{digits}f}".replace("-", "−")


def _pct(x: float) -> str:
    return ("+" if x > 0 else "−" if x < 0 else "") + f"{abs(x):.2f} %"


def _day(ts: object) -> date | None:
    return None if ts is None or pd.isna(ts) else pd.Timestamp(ts).date()  # type: ignore[arg-type,call-overload]


def _interval(row: Any) -> Interval:
    return Interval(row.lo, row.hi, bool(row.lo_closed), bool(row.hi_closed))


def row_frame(row: Any) -> pd.DataFrame:
    """One judged row as a one-row frame, for the column-wise helpers (``family``)."""
    return pd.DataFrame({"metric": [row.metric], "unit": [row.unit], "record": [getattr(row, "record", "")]})


def _claimed_words(claim: Claim, interval: str, unit: str) -> str:
    sign = "+" if claim.sign > 0 else "−"
    amount = f"{claim.range[0]:g}–{claim.range[1]:g}" if claim.range else f"{claim.value:g}"
    hedge = f"{claim.hedge} " if claim.hedge else ""
    return f"{hedge}{sign}{amount} {unit} → magnitude in {interval}"


def _unit(claim: Claim) -> str:
    if claim.unit == "percent":
        return "%"
    scale = {"one": "", "thousand": "k ", "million": "m ", "billion": "bn ", "trillion": "tn "}[claim.scale]
    return f"{scale}{claim.currency}"


def _sentence(
    claim: Claim,
    row: Any,
    days: tuple[date | None, date | None, date | None],
    label: Label,
    unit: str,
    fx: FxQuote | None,
    interval: str,
    day_range: tuple[float, float, float, float] | None = None,
) -> str:
    r = row  # the judged row: attributes are columns; ``days`` are its start, end and base as dates
    name = f"{claim.subject} ({r.symbol}, {r.calendar})"
    start, end, base = days
    cur = r.listing_currency
    sessions = f"{start}–{end}" if r.start != r.end else f"{end}"
    tz = f"exchange-local dates, {r.timezone}"
    if claim.unit == "percent":
        close_part = (
            f"closed at {_num(r.end_close)} {cur} on {end} against {_num(r.base_close)} {cur} on {base} "
            f"(raw closes, {tz}): {_pct(r.close_pct)}"
        )
        if r.basis == "intraday":
            word = "low" if r.direction < 0 else "high"
            fact = (
                f"{name} reached an intraday {word} of {_num(r.extreme)} {cur} in session(s) {sessions}, "
                f"{_pct(r.intraday_pct)} against the close of {_num(r.base_close)} {cur} on {base}; it " + close_part
            )
        else:
            fact = f"{name} " + close_part
    else:
        shares = r.money_close_listing / (r.end_close - r.base_close) if r.end_close != r.base_close else math.nan
        price = r.extreme if r.basis == "intraday" else r.end_close
        what = (
            "intraday low"
            if r.basis == "intraday" and r.direction < 0
            else ("intraday high" if r.basis == "intraday" else "close")
        )
        conv = f", at {fx.description}: {_num(fx.rate, 4)} {fx.quote} per {fx.base}" if fx else ""
        fact = (
            f"{name}: {_num(shares * claim.scale_factor / 1e9)} bn shares × ({what} {_num(price)} {cur} on "
            f"{end} − close {_num(r.base_close)} {cur} on {base}) = "
            f"{_num(r.money_intraday_listing if r.basis == 'intraday' else r.money_close_listing)} {unit.split()[0]} "
            f"{cur} ≈ {_num(r.measured)} {unit}{conv}"
        )
    admits = f"the claim admits {interval} {unit}"
    if claim.unit == "money":
        admits += " (widened by 1 % for the share count's uncertainty)"
    if label is Label.CORRECT:
        return f"{fact}; {admits}, so it holds."
    if label is Label.MOSTLY_CORRECT:
        return f"{fact}; {admits}: right direction, magnitude just outside."
    if label is Label.MISLEADING:
        return f"{fact}; {admits}, which fits only {r.alt_basis}."
    move = "rose" if r.measured > 0 else "fell" if r.measured < 0 else "did not move"
    extra = ""
    if day_range is not None:
        low_pct, high_pct, low, high = day_range
        extra = (
            f" During {end} the price ranged from {_pct(low_pct)} (low {_num(low)} {cur}) to "
            f"{_pct(high_pct)} (high {_num(high)} {cur}) against the previous close."
        )
    direction_note = "" if np.sign(r.measured) == r.direction else f" (it {move}, the claim says the opposite)"
    return f"{fact}; {admits}, so it does not hold{direction_note}.{extra}"


def build_verdicts(evidence: RunEvidence, judged: pd.DataFrame, panel: PricePanel) -> list[Verdict]:
    """One ``Verdict`` per row of ``judged`` (``checks.engine.evaluate``'s table, or some of its rows), in order."""
    plan, series, outcomes, fx, shares = evidence.plan, evidence.series, evidence.outcomes, evidence.fx, evidence.shares
    by_id = claims_by_id(plan.claims.claims)  # a ClaimStore builds only the claims asked for
    rows = _rows(judged)
    days = list(zip(*(_days(judged[c]) for c in ("start", "end", "base")), strict=True))
    code = np.array([panel.codes.get(r.symbol, -1) for r in rows], dtype=np.int64)
    paths = _paths(panel, code, judged)
    proofs = _evidence(panel, code, judged, rows)
    needed = _needed_by_claim(plan) if outcomes else {}
    quality = {s: (o.critical_failures(), o.warnings()) for s, o in outcomes.items()}
    verdicts = []
    for row, (start, end, base), path, proof in zip(rows, days, paths, proofs, strict=True):
        claim = by_id[row.claim_id]
        label = Label(row.label)
        kind = claim.metric in KINDS
        inst = plan.instruments.get(row.symbol)
        unit = kind_unit(claim, row.listing_currency, bool(inst and inst.kind == "index")) if kind else _unit(claim)
        interval = kind_interval(row, claim.precision) if kind else _interval(row).describe()
        ps = series.get(row.symbol)
        value = claim.metric in MONEY_VALUES or claim.value_record
        fxq = fx.get((claim.fx, row.listing_currency, row.currency, end)) if end and value else None
        shq = shares.get((row.symbol, end)) if end and value else None
        reason = None
        if label is Label.UNVERIFIABLE:
            reason = row.problem or row.quality_problem or _missing_reason(row, start, end)
            explanation = f"Cannot be checked: {reason}."
        elif kind:
            explanation = kind_sentence(claim, row, (start, end, base), label, unit, fxq, interval, panel)
        else:
            explanation = _sentence(claim, row, (start, end, base), label, unit, fxq, interval, _day_range(panel, row))
        if getattr(row, "search_note", ""):
            explanation = f"{row.search_note} {explanation}"
        alternatives = tuple(
            Alternative(
                words,
                float(getattr(row, col)),
                words == row.alt_basis,
                unit.replace(claim.currency or "", row.listing_currency) if col.endswith("_listing") else None,
                key=col,
            )
            for col, words in _alternatives_for(claim, row)
            if not pd.isna(getattr(row, col, np.nan))
        ) + (record_alternatives(row) if claim.metric is Metric.RECORD else ())
        if claim.metric is Metric.RECORD and label is not Label.UNVERIFIABLE:
            proof = proof + record_evidence(panel, row)
        adjusted_note = getattr(row, "adjusted_note", "")
        if adjusted_note and label is not Label.UNVERIFIABLE:
            explanation, proof = on_adjusted_closes(explanation, proof)
        failures, warnings = quality.get(row.symbol, ((), ()))
        verdicts.append(
            Verdict(
                claim_id=claim.id,
                label=label,
                explanation=explanation,
                measured=None if pd.isna(row.measured) else float(row.measured),
                unit=unit,
                claimed=claimed_words(claim, interval, unit, row) if kind else _claimed_words(claim, interval, unit),
                interval=(float(row.lo), float(row.hi)),
                basis=row.basis,
                price_field=price_field(claim, row),
                base_session=base,
                end_session=end,
                sessions_note=_sessions_note(row, start, end, base) if end else "",
                evidence=proof,
                alternatives=alternatives,
                reason=reason,
                reasons=read_reasons(reason) if reason else (),
                kind_reading=kind_reading(claim, row, panel) if kind and label is not Label.UNVERIFIABLE else None,
                quality_failures=tuple(r for r in failures if r.touches(needed.get(row.Index, {}))),
                quality_warnings=_warnings_near(warnings, row) if warnings else (),
                warnings=(adjusted_note,) if adjusted_note else (),
                fx=(f"1 {fxq.base} = {fxq.rate:.4f} {fxq.quote}, {fxq.description}" if fxq else None),
                shares=(f"{shq.shares / 1e9:.2f} bn shares as of {shq.as_of} ({shq.source})" if shq else None),
                source=ps.source if ps else "",
                retrieved_at=ps.retrieved_at if ps else None,
                provenance=ps.provenance if ps else "",
                path=path,
                currency=row.listing_currency or None,
                symbol=row.symbol or None,
                exchange=row.calendar or None,
                timezone=row.timezone or None,
                # Set only where the claim's words resolved (a problem found then leaves no dates).
                window=(start, end) if start and end and not getattr(row, "searched", False) else None,
                start_session=start,
                instrument_kind=_kind(plan, row.symbol),
                interval_closed=(bool(row.lo_closed), bool(row.hi_closed)),
                fx_rate=FxRate(fxq.base, fxq.quote, fxq.rate, fxq.on, claim.fx, fxq.source) if fxq else None,
                share_count=ShareCount(shq.shares, shq.as_of, shq.source, shq.relative_uncertainty) if shq else None,
                reading=None
                if label is Label.UNVERIFIABLE or kind
                else _reading(claim, row, _day_range(panel, row), adjusted=bool(adjusted_note)),
                search=_search(row),
            )
        )
    return verdicts


def _kind(plan: Plan, symbol: str) -> str | None:
    instrument = plan.instruments.get(symbol) if symbol else None
    return instrument.kind if instrument else None


def _float(x: Any) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def _reading(
    claim: Claim, row: Any, day_range: tuple[float, float, float, float] | None, *, adjusted: bool = False
) -> Reading:
    """The numbers ``_sentence`` writes from, as data (reports write them in their own language)."""
    r = row
    money = claim.unit == "money"
    implied = None
    if money and r.end_close != r.base_close:
        implied = r.money_close_listing / (r.end_close - r.base_close) * claim.scale_factor
    fits = next((col for col, words in _alternatives_for(claim, row) if words and words == r.alt_basis), "")
    return Reading(
        base_close=_float(r.base_close),
        end_close=_float(r.end_close),
        close_pct=_float(getattr(r, "close_pct", None)),
        intraday_pct=_float(getattr(r, "intraday_pct", None)),
        extreme=_float(getattr(r, "extreme", None)),
        money_listing=_float(r.money_intraday_listing if r.basis == "intraday" else r.money_close_listing)
        if money
        else None,
        implied_shares=_float(implied),
        day_range=DayRange(*day_range) if day_range is not None and r.label == Label.INCORRECT.value else None,
        fits_only=fits,
        adjusted=adjusted,
    )


def _search(row: Any) -> SessionSearch | None:
    """The session search of a claim that named no day, as data (None for a claim that named its day)."""
    count = int(getattr(row, "search_count", 0) or 0)
    if not count:
        return None
    first, last = _day(row.search_first), _day(row.search_last)
    if first is None or last is None:
        return None
    return SessionSearch(count, first, last, row.calendar, _day(row.end) if row.search_fits else None)


def _column(values: pd.Series) -> list[Any]:
    """A column as the Python objects iterating it gives (what ``itertuples`` puts in a row), converted at once."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biufO":
        return values.to_numpy().tolist()  # type: ignore[no-any-return]
    if isinstance(dtype, pd.StringDtype):  # element by element, a string array costs a pandas call each
        return values.to_numpy(dtype=object).tolist()  # type: ignore[no-any-return]
    return list(values)


def _rows(judged: pd.DataFrame) -> list[Any]:
    """The judged table as named rows (``Index`` first, then the columns), like ``itertuples`` gives them."""
    row = namedtuple("Row", ["Index", *judged.columns], rename=True)  # type: ignore[misc]
    columns = [_column(judged[c]) for c in judged.columns]
    return list(map(row._make, zip(judged.index.tolist(), *columns, strict=True)))


def _days(values: pd.Series) -> list[date | None]:
    """A datetime column as dates, None for NaT (``_day`` of each value, at once for tz-naive columns)."""
    if isinstance(values.dtype, np.dtype) and values.dtype.kind == "M":
        return values.to_numpy().astype("datetime64[D]").tolist()  # type: ignore[no-any-return]
    return [_day(v) for v in values]


def _warnings_near(warnings: list[ExpectationResult], row: Any) -> tuple[ExpectationResult, ...]:
    """``ValidationOutcome.warnings_near`` over the calendar days from the base session through the last."""
    days = _window_days(row)
    return tuple(r for r in warnings if not r.sessions or not days.isdisjoint(r.sessions))


def _paths(panel: PricePanel, code: np.ndarray, judged: pd.DataFrame) -> list[tuple[PathRow, ...]]:
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


def _evidence(
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


def _needed_by_claim(plan: Plan) -> dict[int, dict[date, frozenset[str]]]:
    """Per claim-table row, the sessions and columns its verdict rests on (for its own quality lists)."""
    ev = plan.evidence
    sets: dict[int, dict[date, set[str]]] = {}
    days = _days(ev["session"])
    for claim, day, column in zip(ev["claim"].tolist(), days, _column(ev["column"]), strict=True):
        if day is not None:  # as groupby does, a row without a session counts for nothing
            sets.setdefault(int(claim), {}).setdefault(day, set()).add(column)
    return {claim: {d: frozenset(c) for d, c in by_day.items()} for claim, by_day in sets.items()}


def _window_days(row: Any) -> set[date]:
    """The base session through the last session of the window: where warnings matter to a verdict."""
    if pd.isna(row.base) or pd.isna(row.end):
        return set()
    first = pd.Timestamp(row.base)
    # The days pd.date_range(base, end, freq="D") steps through, without building the range.
    count = (pd.Timestamp(row.end) - first).days
    return {first.date() + timedelta(days=k) for k in range(count + 1)}


def _sessions_note(row: Any, first: date | None, last: date | None, base: date | None) -> str:
    """Which sessions, on which exchange, in which time zone, and the base: for every number shown."""
    span = f"session {last}" if first == last else f"sessions {first} to {last}"
    close = "adjusted close" if getattr(row, "adjusted_note", "") else "close"  # adjusted-only: checks/adjusted.py
    return f"{span} of {row.calendar} (exchange-local dates, {row.timezone}); base: {close} of {base}"


def _day_range(panel: PricePanel, row: Any) -> tuple[float, float, float, float] | None:
    """A one-session window's low and high against the previous close, for "what did the day look like"."""
    r = row
    if r.start_pos != r.end_pos or r.end_pos < 0 or r.base_pos < 0:
        return None
    low, high = float(panel.low[r.end_pos]), float(panel.high[r.end_pos])
    if math.isnan(low) or math.isnan(high):
        return None
    prev = float(r.base_close)
    return (low / prev - 1) * 100, (high / prev - 1) * 100, low, high


def _alternatives_for(claim: Claim, row: Any) -> tuple[tuple[str, str], ...]:
    from marketfact.checks.judge import ALTERNATIVES

    if claim.metric in KINDS:
        return ALTERNATIVES[(str(family(row_frame(row))[0]), row.basis)]
    return ALTERNATIVES[(claim.unit, row.basis)]


def _missing_reason(row: Any, start: date | None, end: date | None) -> str:
    r = row
    if r.base_pos < 0:
        return f"the data has no session before {start} to measure from"
    if r.end_pos < 0 or r.start_pos < 0:
        return f"the data has no row for {end}"
    return "a price this verdict needs is missing in the data"
