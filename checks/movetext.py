"""The one-sentence explanation, unit and claimed words of percent and money moves.

``checks.kindtext`` writes the other kinds (levels, points, market values, records); ``checks.explain``
puts either into a verdict. Each sentence names the numbers a reader can check by hand: which prices, which
sessions, which exchange and time zone, and for money the share count and exchange rate.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np

from marketfact.checks.measure import PricePanel
from marketfact.checks.verdicts import Label
from marketfact.claims.hedges import Interval
from marketfact.claims.model import Claim
from marketfact.market.model import FxQuote


def _num(x: float, digits: int = 2) -> str:
    return f"{x:,.{digits}f}".replace("-", "−")


def _pct(x: float) -> str:
    return ("+" if x > 0 else "−" if x < 0 else "") + f"{abs(x):.2f} %"


def move_interval(row: Any) -> str:
    """The claimed interval in notation: "[16.5, 17.5)"."""
    return Interval(row.lo, row.hi, bool(row.lo_closed), bool(row.hi_closed)).describe()


def move_claimed_words(claim: Claim, interval: str, unit: str) -> str:
    """The claim as stated and the interval it allows: "about −17 % → magnitude in [16.5, 17.5)"."""
    sign = "+" if claim.sign > 0 else "−"
    amount = f"{claim.range[0]:g}–{claim.range[1]:g}" if claim.range else f"{claim.value:g}"
    hedge = f"{claim.hedge} " if claim.hedge else ""
    return f"{hedge}{sign}{amount} {unit} → magnitude in {interval}"


def move_unit(claim: Claim) -> str:
    """The unit of the measured value: "%" for a percent move, else the scale and currency ("bn USD")."""
    if claim.unit == "percent":
        return "%"
    scale = {"one": "", "thousand": "k ", "million": "m ", "billion": "bn ", "trillion": "tn "}[claim.scale]
    return f"{scale}{claim.currency}"


def move_sentence(
    claim: Claim,
    row: Any,
    days: tuple[date | None, date | None, date | None],
    label: Label,
    *,
    unit: str,
    fx: FxQuote | None,
    interval: str,
    day_range: tuple[float, float, float, float] | None = None,
) -> str:
    """One sentence a reader can check by hand, for a judged percent or money move: the fact, then the verdict."""
    r = row  # the judged row: attributes are columns; ``days`` are its start, end and base as dates
    fact = _percent_fact(claim, r, days) if claim.unit == "percent" else _money_fact(claim, r, days, unit, fx)
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
        cur, end = r.listing_currency, days[1]
        extra = (
            f" During {end} the price ranged from {_pct(low_pct)} (low {_num(low)} {cur}) to "
            f"{_pct(high_pct)} (high {_num(high)} {cur}) against the previous close."
        )
    direction_note = "" if np.sign(r.measured) == r.direction else f" (it {move}, the claim says the opposite)"
    return f"{fact}; {admits}, so it does not hold{direction_note}.{extra}"


def _percent_fact(claim: Claim, r: Any, days: tuple[date | None, date | None, date | None]) -> str:
    """The closes of a percent move (and its intraday extreme), with sessions, exchange and time zone."""
    start, end, base = days
    name, cur = f"{claim.subject} ({r.symbol}, {r.calendar})", r.listing_currency
    close_part = (
        f"closed at {_num(r.end_close)} {cur} on {end} against {_num(r.base_close)} {cur} on {base} "
        f"(raw closes, exchange-local dates, {r.timezone}): {_pct(r.close_pct)}"
    )
    if r.basis != "intraday":
        return f"{name} " + close_part
    sessions = f"{start}–{end}" if r.start != r.end else f"{end}"
    word = "low" if r.direction < 0 else "high"
    return (
        f"{name} reached an intraday {word} of {_num(r.extreme)} {cur} in session(s) {sessions}, "
        f"{_pct(r.intraday_pct)} against the close of {_num(r.base_close)} {cur} on {base}; it " + close_part
    )


def _money_fact(
    claim: Claim, r: Any, days: tuple[date | None, date | None, date | None], unit: str, fx: FxQuote | None
) -> str:
    """A money move as the share count implied × the price's move, in listing currency, then converted."""
    _, end, base = days
    name, cur = f"{claim.subject} ({r.symbol}, {r.calendar})", r.listing_currency
    shares = r.money_close_listing / (r.end_close - r.base_close) if r.end_close != r.base_close else math.nan
    price = r.extreme if r.basis == "intraday" else r.end_close
    what = (
        "intraday low"
        if r.basis == "intraday" and r.direction < 0
        else ("intraday high" if r.basis == "intraday" else "close")
    )
    conv = f", at {fx.description}: {_num(fx.rate, 4)} {fx.quote} per {fx.base}" if fx else ""
    return (
        f"{name}: {_num(shares * claim.scale_factor / 1e9)} bn shares × ({what} {_num(price)} {cur} on "
        f"{end} − close {_num(r.base_close)} {cur} on {base}) = "
        f"{_num(r.money_intraday_listing if r.basis == 'intraday' else r.money_close_listing)} {unit.split()[0]} "
        f"{cur} ≈ {_num(r.measured)} {unit}{conv}"
    )


def one_day_range(panel: PricePanel, row: Any) -> tuple[float, float, float, float] | None:
    """A one-session window's low and high against the previous close, for "what did the day look like"."""
    r = row
    if r.start_pos != r.end_pos or r.end_pos < 0 or r.base_pos < 0:
        return None
    low, high = float(panel.low[r.end_pos]), float(panel.high[r.end_pos])
    if math.isnan(low) or math.isnan(high):
        return None
    prev = float(r.base_close)
    return (low / prev - 1) * 100, (high / prev - 1) * 100, low, high
