"""The numbers and words the charts of a verdict draw, shaped from the verdict and its claim: no Altair here.

``reports.charts`` turns them into layers: this module decides which sessions, prices and intervals a chart
shows and what they are called; that one how they look.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from marketfact.checks.verdicts import PathRow, Verdict
from marketfact.claims.model import Claim, Metric
from marketfact.reports.i18n import Formatter
from marketfact.reports.phrases import basis_text
from marketfact.reports.units import alternative_currency

PRICE_FIELDS = frozenset({"close", "adj_close", "open", "low", "high"})
"""Evidence fields that are prices, drawn at their value on the price path."""


@dataclass(frozen=True, slots=True)
class Band:
    """The claimed interval, signed, in the units of one axis; an infinite end is open."""

    lo: float
    hi: float


def signed_interval(verdict: Verdict, claim: Claim) -> Band | None:
    """The claimed magnitudes turned into signed values in the claim's direction."""
    if verdict.interval is None:
        return None
    lo, hi = verdict.interval
    if math.isnan(lo) or math.isnan(hi):  # a record whose history could not be measured has no interval
        return None
    sign = claim.value_sign
    ends = sorted((sign * lo, sign * hi))
    return Band(ends[0], ends[1])


def base_price(verdict: Verdict) -> float | None:
    base = next((e.value for e in verdict.evidence if e.role == "base"), None)
    if base is None:
        base = next((p.close for p in verdict.path if p.role == "base"), None)
    return base if base is not None and math.isfinite(base) and base > 0 else None


def _close_record(claim: Claim) -> bool:
    """A record of the lowest or highest close: its interval is a close, in the path's own unit."""
    return claim.metric == Metric.RECORD and claim.record is not None and claim.record.value.endswith("_close")


def price_level(claim: Claim, verdict: Verdict) -> bool:
    """A close or the day's low/high stated in index points or in the listing currency: the path's own unit."""
    if _close_record(claim):
        return True
    if claim.metric not in (Metric.CLOSE_LEVEL, Metric.INTRADAY_LEVEL):
        return False
    return claim.unit == "points" or (claim.unit == "money" and claim.currency == verdict.currency)


def history_window(verdict: Verdict, label_of: dict[date, str]) -> tuple[str, str] | None:
    """A record's history on the path: its first session to the session before the one claimed (#17)."""
    reading, end = verdict.kind_reading, verdict.end_session
    if reading is None or reading.history_first is None or end is None:
        return None
    before = [s for s in label_of if reading.history_first <= s < end]
    return (label_of[min(before)], label_of[max(before)]) if before else None


def finite(*values: object) -> list[float]:
    """The finite numbers among ``values`` (None, NaN and labels left out)."""
    return [float(v) for v in values if isinstance(v, int | float) and math.isfinite(v)]


def session_labels(rows: list[PathRow], fmt: Formatter) -> dict[date, str]:
    """Each session's label on the x axis: its short date, or the whole day on a path across years."""
    labels = [fmt.short_date(p.session) for p in rows]
    if len(set(labels)) < len(labels):  # a path across years: the day alone is ambiguous
        labels = [fmt.day(p.session) for p in rows]
    return {p.session: lab for p, lab in zip(rows, labels, strict=True)}


def path_points(
    rows: list[PathRow], label_of: dict[date, str], fmt: Formatter
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The sessions with a close, in segments, and the sessions without one (each named on the chart)."""
    points, missing, segment = [], [], 0
    for p in rows:
        if not finite(p.close):
            missing.append({"x": label_of[p.session], "t": fmt.word("no_data")})
            segment += 1  # the line breaks at a session without a close instead of bridging it
            continue
        points.append(
            {
                "x": label_of[p.session],
                "close": p.close,
                "low": p.low if finite(p.low) else p.close,
                "high": p.high if finite(p.high) else p.close,
                "role": fmt.word(p.role),
                "role_key": p.role,
                "segment": segment,
            }
        )
    return points, missing


def evidence_marks(verdict: Verdict, label_of: dict[date, str], fmt: Formatter) -> list[dict[str, Any]]:
    """The evidence on the path, one marker per point with every tag it carries."""
    close_of = {p.session: float(p.close) for p in verdict.path if p.close is not None and finite(p.close)}
    # One marker per point ("base · history extreme", not two labels on one diamond). An extreme is labelled
    # by what it is (the day's low); base and end by their role. A record's earlier biggest move is a
    # percent, not a price: it is marked at that session's close (#17).
    merged: dict[tuple[str, float], str] = {}
    for e in verdict.evidence:
        value = e.value if e.field in PRICE_FIELDS else close_of.get(e.session, math.nan)
        if e.session not in label_of or not math.isfinite(value):
            continue
        key, tag = (label_of[e.session], value), fmt.word(e.field if e.role == "extreme" else e.role)
        merged[key] = f"{merged[key]} · {tag}" if key in merged else tag
    return [{"x": x_, "value": v, "tag": t} for (x_, v), t in merged.items()]


def claimed_prices(verdict: Verdict, claim: Claim, base: float | None) -> tuple[list[float], list[float]]:
    """The claimed interval as two prices on the path (none if it has no place there), and those the axis shows."""
    band = signed_interval(verdict, claim)
    if base is not None and band is not None and verdict.unit.strip() == "%":
        prices = [base * (1 + x / 100) for x in (band.lo, band.hi)]
        return prices, [max(p, 0.0) for p in prices if math.isfinite(p)]
    if band is not None and price_level(claim, verdict):
        prices = [band.lo, band.hi]  # a level's interval is in the chart's own unit (#17)
        return prices, [p for p in prices if math.isfinite(p) and p > 0]
    return [], []


def price_domain(values: list[float]) -> list[float]:
    """The y axis: every price shown, padded, never below zero."""
    y_lo, y_hi = min(values), max(values)
    pad = (y_hi - y_lo) * 0.08 or abs(y_hi) * 0.05 or 1.0
    return [max(y_lo - pad, 0.0), y_hi + pad]


def interval_points(verdict: Verdict, claim: Claim, fmt: Formatter) -> tuple[list[dict[str, Any]], list[str]]:
    """The measured move and the alternatives in the claim's own unit, and the alternatives' row names."""
    points = []
    if verdict.measured is not None and math.isfinite(verdict.measured):
        points.append({"row": fmt.word("measured_move"), "v": verdict.measured, "kind": "measured"})
    # Only alternatives in the claim's own unit share its axis (not the listing-currency amount).
    same_unit = [
        a
        for a in verdict.alternatives
        if math.isfinite(a.measured) and alternative_currency(a, verdict, claim) == claim.currency
    ]
    names = [basis_text(a.key, fmt, a.basis) for a in same_unit]
    points += [{"row": n, "v": a.measured, "kind": "alternative"} for n, a in zip(names, same_unit, strict=True)]
    return points, names


def interval_axis_title(verdict: Verdict, claim: Claim, fmt: Formatter) -> tuple[str, str]:
    """The x axis' unit and title: a move, a level or a streak, in percent, money, points or sessions."""
    unit = "%" if verdict.unit.strip() == "%" else fmt.money_unit(claim.scale, claim.currency or verdict.unit)
    if verdict.instrument_kind == "index" and verdict.unit.strip() not in ("%", "sessions"):
        unit = fmt.word("points")
    # A level (or a record of the close) is where the price stood, not a change (#17).
    axis = "level_axis" if price_level(claim, verdict) or claim.metric == Metric.MARKET_CAP_LEVEL else "move_axis"
    if verdict.unit.strip() == "sessions":  # a record of duration: sessions in a row
        unit, axis = fmt.word("sessions_unit"), "streak_axis"
    return unit, f"{fmt.word(axis)} ({unit})"
