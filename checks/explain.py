"""Turn judged claim-table rows into ``Verdict``s with evidence and a sentence a reader can check by hand.

This is the only per-claim Python of a run, and it runs on the claims a report shows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from checks.engine import FxKey, SharesKey
from checks.measure import PricePanel
from checks.plan import CONTEXT_SESSIONS, Plan
from checks.quality.outcome import ValidationOutcome
from checks.verdicts import Alternative, EvidenceRow, Label, PathRow, Verdict
from claims.hedges import Interval
from claims.model import Claim
from market.model import FxQuote, PriceSeries, SharesQuote


def _num(x: float, digits: int = 2) -> str:
    return f"{x:,.{digits}f}".replace("-", "−")


def _pct(x: float) -> str:
    return ("+" if x > 0 else "−" if x < 0 else "") + f"{abs(x):.2f} %"


def _day(ts: object) -> date | None:
    return None if ts is None or pd.isna(ts) else pd.Timestamp(ts).date()  # type: ignore[arg-type]


def _interval(row: Any) -> Interval:
    return Interval(row.lo, row.hi, bool(row.lo_closed), bool(row.hi_closed))


def _claimed_words(claim: Claim, row: Any, unit: str) -> str:
    sign = "+" if claim.direction.sign > 0 else "−"
    amount = f"{claim.range[0]:g}–{claim.range[1]:g}" if claim.range else f"{claim.value:g}"
    hedge = f"{claim.hedge} " if claim.hedge else ""
    return f"{hedge}{sign}{amount} {unit} → magnitude in {_interval(row).describe()}"


def _unit(claim: Claim) -> str:
    if claim.unit == "percent":
        return "%"
    scale = {"one": "", "thousand": "k ", "million": "m ", "billion": "bn ", "trillion": "tn "}[claim.scale]
    return f"{scale}{claim.currency}"


def _path(panel: PricePanel, row: Any) -> tuple[PathRow, ...]:
    base, end = int(row.base_pos), int(row.end_pos)
    if base < 0 or end < 0:
        return ()
    code = panel.codes[row.symbol]
    lo = max(int(panel.seg_start[code]), base - CONTEXT_SESSIONS)
    hi = min(int(panel.seg_stop[code]), end + CONTEXT_SESSIONS + 1)

    def val(a: np.ndarray, i: int) -> float | None:
        return None if np.isnan(a[i]) else float(a[i])

    return tuple(
        PathRow(
            session=pd.Timestamp(panel.sessions[i]).date(),
            open=val(panel.open, i),
            high=val(panel.high, i),
            low=val(panel.low, i),
            close=val(panel.close, i),
            role="base" if i == base else "window" if base < i <= end else "context",
        )
        for i in range(lo, hi)
    )


def _evidence(panel: PricePanel, row: Any, currency: str) -> tuple[EvidenceRow, ...]:
    rows = []
    base, end, ext = int(row.base_pos), int(row.end_pos), int(row.extreme_pos)
    if base >= 0:
        rows.append(
            EvidenceRow(pd.Timestamp(panel.sessions[base]).date(), "base", "close", float(panel.close[base]), currency)
        )
    if row.basis == "close" and end >= 0:
        rows.append(
            EvidenceRow(pd.Timestamp(panel.sessions[end]).date(), "end", "close", float(panel.close[end]), currency)
        )
    if row.basis == "intraday" and ext >= 0:
        field = "low" if row.direction < 0 else "high"
        value = panel.low[ext] if field == "low" else panel.high[ext]
        rows.append(EvidenceRow(pd.Timestamp(panel.sessions[ext]).date(), "extreme", field, float(value), currency))
    return tuple(rows)


def _sentence(
    claim: Claim,
    row: Any,
    label: Label,
    unit: str,
    fx: FxQuote | None,
    day_range: tuple[float, float, float, float] | None = None,
) -> str:
    r = row  # the judged row (itertuples): attributes are columns
    name = f"{claim.subject} ({r.symbol}, {r.calendar})"
    base = _day(r.base)
    end = _day(r.end)
    cur = r.listing_currency
    sessions = f"{_day(r.start)}–{end}" if r.start != r.end else f"{end}"
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
    admits = f"the claim admits {_interval(r).describe()} {unit}"
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


def build_verdicts(
    plan: Plan,
    judged: pd.DataFrame,
    panel: PricePanel,
    series: Mapping[str, PriceSeries],
    outcomes: Mapping[str, ValidationOutcome],
    fx: Mapping[FxKey, FxQuote] | None = None,
    shares: Mapping[SharesKey, SharesQuote] | None = None,
) -> list[Verdict]:
    """One ``Verdict`` per claim, in the order of the claim file."""
    fx, shares = fx or {}, shares or {}
    by_id = {c.id: c for c in plan.claims.claims}
    needed = _needed_by_claim(plan)
    verdicts = []
    for row in judged.itertuples():
        claim = by_id[row.claim_id]
        label = Label(row.label)
        unit = _unit(claim)
        ps = series.get(row.symbol)
        outcome = outcomes.get(row.symbol)
        end = _day(row.end)
        fxq = fx.get((claim.fx, row.listing_currency, row.currency, end)) if end and claim.unit == "money" else None
        shq = shares.get((row.symbol, end)) if end and claim.unit == "money" else None
        reason = None
        if label is Label.UNVERIFIABLE:
            reason = row.problem or row.quality_problem or _missing_reason(row, panel)
            explanation = f"Cannot be checked: {reason}."
        else:
            explanation = _sentence(claim, row, label, unit, fxq, _day_range(panel, row))
        if getattr(row, "search_note", ""):
            explanation = f"{row.search_note} {explanation}"
        alternatives = tuple(
            Alternative(
                words,
                float(getattr(row, col)),
                words == row.alt_basis,
                unit.replace(claim.currency or "", row.listing_currency) if col.endswith("_listing") else None,
            )
            for col, words in _alternatives_for(claim, row)
            if not pd.isna(getattr(row, col, np.nan))
        )
        verdicts.append(
            Verdict(
                claim_id=claim.id,
                label=label,
                explanation=explanation,
                measured=None if pd.isna(row.measured) else float(row.measured),
                unit=unit,
                claimed=_claimed_words(claim, row, unit),
                interval=(float(row.lo), float(row.hi)),
                basis=row.basis,
                price_field="close"
                if row.basis == "close"
                else ("intraday low" if row.direction < 0 else "intraday high"),
                base_session=_day(row.base),
                end_session=end,
                sessions_note=_sessions_note(row) if end else "",
                evidence=_evidence(panel, row, row.listing_currency) if row.symbol in panel.codes else (),
                alternatives=alternatives,
                reason=reason,
                quality_failures=tuple(outcome.failures_touching(needed.get(row.Index, {}))) if outcome else (),
                quality_warnings=tuple(outcome.warnings_near(_window_days(row))) if outcome else (),
                fx=(f"1 {fxq.base} = {fxq.rate:.4f} {fxq.quote}, {fxq.description}" if fxq else None),
                shares=(f"{shq.shares / 1e9:.2f} bn shares as of {shq.as_of} ({shq.source})" if shq else None),
                source=ps.source if ps else "",
                retrieved_at=ps.retrieved_at if ps else None,
                provenance=ps.provenance if ps else "",
                path=_path(panel, row) if row.symbol in panel.codes else (),
                currency=row.listing_currency or None,
                symbol=row.symbol or None,
                exchange=row.calendar or None,
                timezone=row.timezone or None,
            )
        )
    return verdicts


def _needed_by_claim(plan: Plan) -> dict[int, dict[date, frozenset[str]]]:
    """Per claim-table row, the sessions and columns its verdict rests on (for its own quality lists)."""
    ev = plan.evidence
    out: dict[int, dict[date, frozenset[str]]] = {}
    for (claim, session), cols in ev.groupby(["claim", "session"])["column"].agg(frozenset).items():
        out.setdefault(int(claim), {})[pd.Timestamp(session).date()] = cols
    return out


def _window_days(row: Any) -> set[date]:
    """The base session through the last session of the window: where warnings matter to a verdict."""
    if pd.isna(row.base) or pd.isna(row.end):
        return set()
    return {d.date() for d in pd.date_range(row.base, row.end, freq="D")}


def _sessions_note(row: Any) -> str:
    """Which sessions, on which exchange, in which time zone, and the base: for every number shown."""
    first, last = _day(row.start), _day(row.end)
    span = f"session {last}" if first == last else f"sessions {first} to {last}"
    return f"{span} of {row.calendar} (exchange-local dates, {row.timezone}); base: close of {_day(row.base)}"


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
    from checks.judge import ALTERNATIVES

    return ALTERNATIVES[(claim.unit, row.basis)]


def _missing_reason(row: Any, panel: PricePanel) -> str:
    r = row
    if r.base_pos < 0:
        return f"the data has no session before {_day(r.start)} to measure from"
    if r.end_pos < 0 or r.start_pos < 0:
        return f"the data has no row for {_day(r.end)}"
    return "a price this verdict needs is missing in the data"
