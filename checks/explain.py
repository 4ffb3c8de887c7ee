"""Turn judged claim-table rows into ``Verdict``s with evidence and a sentence a reader can check by hand.

This is the only per-claim Python of a run, and it runs on the claims a report shows. Everything that
can be done for all claims at once is done so before the loop (``checks.gather``: the judged table's
columns as lists, session dates, evidence prices and price paths read from the panel with numpy), and each
instrument's quality results are split into failures and warnings once, not once per claim. The sentences
are written by ``checks.movetext`` (percent and money moves) and ``checks.kindtext`` (the other kinds).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from marketfact.checks.adjusted import on_adjusted_closes
from marketfact.checks.evidence import RunEvidence
from marketfact.checks.gather import as_date, dates_of, evidence_prices, needed_by_claim, price_paths, rows_of
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
from marketfact.checks.movetext import move_claimed_words, move_interval, move_sentence, move_unit, one_day_range
from marketfact.checks.plan import Plan
from marketfact.checks.quality.outcome import ExpectationResult
from marketfact.checks.reasons import read_reasons
from marketfact.checks.verdicts import (
    Alternative,
    DayRange,
    EvidenceRow,
    FxRate,
    KindReading,
    Label,
    PathRow,
    Reading,
    SessionSearch,
    ShareCount,
    Verdict,
)
from marketfact.claims.model import MONEY_VALUES, Claim, Metric
from marketfact.claims.store import by_id as claims_by_id
from marketfact.market.model import FxQuote, SharesQuote

NO_QUALITY: tuple[list[ExpectationResult], list[ExpectationResult]] = ([], [])
"""An instrument without quality results: no failures, no warnings."""


def row_frame(row: Any) -> pd.DataFrame:
    """One judged row as a one-row frame, for the column-wise helpers (``family``)."""
    return pd.DataFrame({"metric": [row.metric], "unit": [row.unit], "record": [getattr(row, "record", "")]})


def build_verdicts(evidence: RunEvidence, judged: pd.DataFrame, panel: PricePanel) -> list[Verdict]:
    """One ``Verdict`` per row of ``judged`` (``checks.engine.evaluate``'s table, or some of its rows), in order."""
    plan, outcomes = evidence.plan, evidence.outcomes
    by_id = claims_by_id(plan.claims.claims)  # a ClaimStore builds only the claims asked for
    rows = rows_of(judged)
    days = list(zip(*(dates_of(judged[c]) for c in ("start", "end", "base")), strict=True))
    code = np.array([panel.codes.get(r.symbol, -1) for r in rows], dtype=np.int64)
    paths = price_paths(panel, code, judged)
    proofs = evidence_prices(panel, code, judged, rows)
    needed = needed_by_claim(plan, judged.index) if outcomes else {}
    quality = {s: (o.critical_failures(), o.warnings()) for s, o in outcomes.items()}
    return [
        _verdict(
            evidence,
            panel,
            by_id[row.claim_id],
            row,
            days=row_days,
            path=path,
            proof=proof,
            needed=needed.get(row.Index, {}),
            quality=quality.get(row.symbol, NO_QUALITY),
        )
        for row, row_days, path, proof in zip(rows, days, paths, proofs, strict=True)
    ]


class _Said(NamedTuple):
    """What a verdict says: its unit, the claim in words, the sentence and the numbers it is written from."""

    unit: str
    interval: str
    claimed: str
    explanation: str
    reason: str | None
    evidence: tuple[EvidenceRow, ...]
    alternatives: tuple[Alternative, ...]
    reading: Reading | None
    kind_reading: KindReading | None
    warnings: tuple[str, ...]


def _say(
    claim: Claim,
    row: Any,
    days: tuple[date | None, date | None, date | None],
    *,
    plan: Plan,
    panel: PricePanel,
    fx: FxQuote | None,
    proof: tuple[EvidenceRow, ...],
) -> _Said:
    """The words of one row's verdict: a kind's (``checks.kindtext``) or a percent or money move's."""
    start, end, _ = days
    label = Label(row.label)
    kind, shown = claim.metric in KINDS, label is not Label.UNVERIFIABLE
    inst = plan.instruments.get(row.symbol)
    unit = kind_unit(claim, row.listing_currency, bool(inst and inst.kind == "index")) if kind else move_unit(claim)
    interval = kind_interval(row, claim.precision) if kind else move_interval(row)
    reason = None
    if not shown:
        reason = row.problem or row.quality_problem or _missing_reason(row, start, end)
        explanation = f"Cannot be checked: {reason}."
    elif kind:
        explanation = kind_sentence(claim, row, days, label, unit=unit, fx=fx, interval=interval, panel=panel)
    else:
        day_range = one_day_range(panel, row)
        explanation = move_sentence(claim, row, days, label, unit=unit, fx=fx, interval=interval, day_range=day_range)
    if getattr(row, "search_note", ""):
        explanation = f"{row.search_note} {explanation}"
    alternatives = _alternatives(claim, row, unit)
    if claim.metric is Metric.RECORD and shown:
        proof = proof + record_evidence(panel, row)
    adjusted_note = getattr(row, "adjusted_note", "")
    if adjusted_note and shown:
        explanation, proof = on_adjusted_closes(explanation, proof)
    reading = (
        _reading(claim, row, one_day_range(panel, row), adjusted=bool(adjusted_note)) if shown and not kind else None
    )
    return _Said(
        unit=unit,
        interval=interval,
        claimed=claimed_words(claim, interval, unit, row) if kind else move_claimed_words(claim, interval, unit),
        explanation=explanation,
        reason=reason,
        evidence=proof,
        alternatives=alternatives,
        reading=reading,
        kind_reading=kind_reading(claim, row, panel) if kind and shown else None,
        warnings=(adjusted_note,) if adjusted_note else (),
    )


def _alternatives(claim: Claim, row: Any, unit: str) -> tuple[Alternative, ...]:
    """The claim measured on the other bases its family has (and a record's, found with its history)."""
    return tuple(
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


def _verdict(
    evidence: RunEvidence,
    panel: PricePanel,
    claim: Claim,
    row: Any,
    *,
    days: tuple[date | None, date | None, date | None],
    path: tuple[PathRow, ...],
    proof: tuple[EvidenceRow, ...],
    needed: dict[date, frozenset[str]],
    quality: tuple[list[ExpectationResult], list[ExpectationResult]],
) -> Verdict:
    """One row's verdict: what it says (``_say``) and the facts a reader checks it by, with their sources."""
    start, end, base = days
    fxq, shq = _conversion(evidence, claim, row, end)
    said = _say(claim, row, days, plan=evidence.plan, panel=panel, fx=fxq, proof=proof)
    failures, warnings = quality
    ps = evidence.series.get(row.symbol)
    return Verdict(
        claim_id=claim.id,
        label=Label(row.label),
        explanation=said.explanation,
        measured=None if pd.isna(row.measured) else float(row.measured),
        unit=said.unit,
        claimed=said.claimed,
        interval=(float(row.lo), float(row.hi)),
        basis=row.basis,
        price_field=price_field(claim, row),
        base_session=base,
        end_session=end,
        sessions_note=_sessions_note(row, start, end, base) if end else "",
        evidence=said.evidence,
        alternatives=said.alternatives,
        reason=said.reason,
        reasons=read_reasons(said.reason) if said.reason else (),
        kind_reading=said.kind_reading,
        quality_failures=tuple(r for r in failures if r.touches(needed)),
        quality_warnings=_warnings_near(warnings, row) if warnings else (),
        warnings=said.warnings,
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
        instrument_kind=_kind(evidence.plan, row.symbol),
        interval_closed=(bool(row.lo_closed), bool(row.hi_closed)),
        fx_rate=FxRate(fxq.base, fxq.quote, fxq.rate, fxq.on, claim.fx, fxq.source) if fxq else None,
        share_count=ShareCount(shq.shares, shq.as_of, shq.source, shq.relative_uncertainty) if shq else None,
        reading=said.reading,
        search=_search(row),
    )


def _conversion(
    evidence: RunEvidence, claim: Claim, row: Any, end: date | None
) -> tuple[FxQuote | None, SharesQuote | None]:
    """The exchange rate and share count a market-value claim is measured with on its last session."""
    if not end or not (claim.metric in MONEY_VALUES or claim.value_record):
        return None, None
    return evidence.fx.get((claim.fx, row.listing_currency, row.currency, end)), evidence.shares.get((row.symbol, end))


def _kind(plan: Plan, symbol: str) -> str | None:
    instrument = plan.instruments.get(symbol) if symbol else None
    return instrument.kind if instrument else None


def _float(x: Any) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def _reading(
    claim: Claim, row: Any, day_range: tuple[float, float, float, float] | None, *, adjusted: bool = False
) -> Reading:
    """The numbers ``move_sentence`` writes from, as data (reports write them in their own language)."""
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
    first, last = as_date(row.search_first), as_date(row.search_last)
    if first is None or last is None:
        return None
    return SessionSearch(count, first, last, row.calendar, as_date(row.end) if row.search_fits else None)


def _warnings_near(warnings: list[ExpectationResult], row: Any) -> tuple[ExpectationResult, ...]:
    """``ValidationOutcome.warnings_near`` over the calendar days from the base session through the last."""
    days = _window_days(row)
    return tuple(r for r in warnings if not r.sessions or not days.isdisjoint(r.sessions))


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
