"""The one-sentence explanation, unit and claimed words of levels, points, market values and records.

``checks.movetext`` writes the sentences of percent and money moves; the other kinds (``checks.kinds``)
are written here, one function per kind, so a reader can check each number by hand: which price, which
session, which exchange and time zone, and for a record the history it was compared with.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np

from marketfact.checks.kinds import runs, streak_history
from marketfact.checks.measure import PricePanel
from marketfact.checks.verdicts import Alternative, EvidenceRow, KindReading, Label
from marketfact.claims.model import LEVELS, PRICE_UNITS, Claim, Metric, Record
from marketfact.market.model import FxQuote

KINDS = frozenset({*LEVELS, *PRICE_UNITS, Metric.RECORD})
"""Metrics this module explains."""

RECORD_WORDS = {
    Record.LOWEST_CLOSE: "lowest close",
    Record.HIGHEST_CLOSE: "highest close",
    Record.BIGGEST_FALL: "biggest one-day fall",
    Record.BIGGEST_RISE: "biggest one-day rise",
    Record.LOSING_STREAK: "longest losing streak",
    Record.WINNING_STREAK: "longest winning streak",
}
VALUE_RECORD_WORDS = {
    Record.BIGGEST_FALL: "biggest one-day loss of market value",
    Record.BIGGEST_RISE: "biggest one-day gain of market value",
}
SCALE_WORDS = {"one": "", "thousand": "k ", "million": "m ", "billion": "bn ", "trillion": "tn "}


def record_words(claim: Claim) -> str:
    """What the record is, in the checker's words: "biggest one-day fall", "... loss of market value"."""
    assert claim.record is not None
    return VALUE_RECORD_WORDS[claim.record] if claim.value_record else RECORD_WORDS[claim.record]


def _num(x: float, digits: int = 2) -> str:
    return f"{x:,.{digits}f}".replace("-", "−")


def _signed(x: float, digits: int = 2) -> str:
    return ("+" if x > 0 else "−" if x < 0 else "") + f"{abs(x):,.{digits}f}"


def kind_unit(claim: Claim, listing_currency: str, index: bool) -> str:
    """The unit of the measured value: "points", the listing currency, "bn USD", or "%" for a one-day move record."""
    if claim.metric is Metric.RECORD:
        if claim.value_record:
            return f"{SCALE_WORDS[claim.scale]}{claim.currency}"
        if claim.record is not None and claim.record.streak:
            return "sessions"
        if claim.record in (Record.BIGGEST_FALL, Record.BIGGEST_RISE):
            return "%"
        return "points" if index else listing_currency
    if claim.unit == "points":
        return "points"
    if claim.metric is Metric.MARKET_CAP_LEVEL:
        return f"{SCALE_WORDS[claim.scale]}{claim.currency}"
    return claim.currency or listing_currency


def kind_interval(row: Any, precision: int) -> str:
    """The claimed interval in notation, with the decimals a level needs (6012.275, not 6012.27)."""
    digits = precision + 1 if row.record == "" else 2

    def end(x: float) -> str:
        return "∞" if math.isinf(x) else f"{x:.{digits}f}".rstrip("0").rstrip(".")

    lo, hi = end(row.lo), end(row.hi)
    return f"{'[' if row.lo_closed else '('}{lo}, {hi}{']' if row.hi_closed else ')'}"


def claimed_words(claim: Claim, interval: str, unit: str, row: Any) -> str:
    """The claim as stated and the interval it allows, in words and notation."""
    if claim.metric is Metric.RECORD:
        assert claim.record is not None
        since = f"since {claim.since}" if claim.since else "in all the history the source has"
        what = "the close" if claim.record in (Record.LOWEST_CLOSE, Record.HIGHEST_CLOSE) else "the one-day move"
        if claim.value_record:
            what = "the one-day change of market value"
        if claim.record.streak:
            what = "the streak"
        bound = "" if math.isnan(row.lo) or math.isnan(row.hi) else f" → {what} in {interval} {unit}"
        return f"{record_words(claim)} {since}{bound}"
    amount = f"{claim.range[0]:g}–{claim.range[1]:g}" if claim.range else f"{claim.value:g}"
    hedge = f"{claim.hedge} " if claim.hedge else ""
    if claim.metric in LEVELS:
        return f"{hedge}{amount} {unit} → level in {interval}"
    sign = "+" if claim.sign > 0 else "−"
    return f"{hedge}{sign}{amount} {unit} → magnitude in {interval}"


def price_field(claim: Claim, row: Any) -> str:
    """Which price the verdict reads: close, intraday low/high, the close's one-day move, or the adjusted close."""
    if getattr(row, "adjusted_note", ""):  # an adjusted-only series, measured on adjusted closes (checks/adjusted.py)
        return "adjusted close"
    if claim.record in (Record.BIGGEST_FALL, Record.BIGGEST_RISE):
        return "close (one-day move)"
    if row.basis == "close":
        return "close"
    return "intraday low" if row.direction < 0 else "intraday high"


def record_extreme(panel: PricePanel, row: Any) -> tuple[date, float] | None:
    """The session and value of the record's history extreme (the lowest close before, the biggest fall before)."""
    first, end = int(row.record_first), int(row.end_pos)
    if first < 0 or end <= first or math.isnan(row.record_prior):
        return None
    close = panel.close
    if row.record in ("losing_streak", "winning_streak"):  # the longest earlier streak: where it ended, its length
        moves = np.full(len(close), np.nan)
        moves[1:] = close[1:] / close[:-1] * 100.0 - 100.0
        moves[panel.seg_start[panel.seg_start < len(close)]] = np.nan
        streaks = runs(moves < 0 if row.record == "losing_streak" else moves > 0)
        found = streak_history(streaks, moves, first, end)
        if found is None or found[0] < 0:
            return None
        return panel.sessions[found[0]].astype("datetime64[D]").item(), found[1]
    if getattr(row, "value_record", False):  # market value: the close's change × the one share count
        values = (close[first:end] - close[first - 1 : end - 1]) * float(row.record_factor)
    elif row.record in ("biggest_fall", "biggest_rise"):
        values = close[first:end] / close[first - 1 : end - 1] * 100.0 - 100.0
    else:
        values = close[first:end]
    if not len(values) or np.isnan(values).all():
        return None
    at = int(np.nanargmin(values) if row.record in ("lowest_close", "biggest_fall") else np.nanargmax(values))
    return panel.sessions[first + at].astype("datetime64[D]").item(), float(values[at])


def record_evidence(panel: PricePanel, row: Any) -> tuple[EvidenceRow, ...]:
    """The extreme of the history a record was compared with, as an evidence row."""
    found = record_extreme(panel, row)
    if found is None:
        return ()
    day, value = found
    move = row.record in ("biggest_fall", "biggest_rise")
    field = "market value change" if getattr(row, "value_record", False) else "close move (%)" if move else "close"
    if row.record in ("losing_streak", "winning_streak"):
        field = "streak (sessions)"
    return (EvidenceRow(day, "history extreme", field, value, row.listing_currency),)


def record_alternatives(row: Any) -> tuple[Alternative, ...]:
    """A record that holds on another basis (the session before, the day's low/high) as an alternative."""
    if not getattr(row, "record_alt", ""):
        return ()
    alt = str(row.record_alt)
    key = "record_prev" if "session before" in alt else "record_low" if "low" in alt else "record_high"
    return (Alternative(row.record_alt, float(row.record_alt_value), True, key=key),)


def kind_sentence(
    claim: Claim,
    row: Any,
    days: tuple[date | None, date | None, date | None],
    label: Label,
    *,
    unit: str,
    fx: FxQuote | None,
    interval: str,
    panel: PricePanel,
) -> str:
    """One sentence a reader can check by hand, for a judged claim of one of ``KINDS``: the fact, then the verdict."""
    r = row
    metric = claim.metric
    if metric is Metric.RECORD:
        return _record_sentence(claim, r, days, label, unit, interval, panel)
    fact = _kind_fact(claim, r, days, unit, fx)
    admits = f"the claim admits {interval} {unit}"
    if metric is Metric.MARKET_CAP_LEVEL:
        admits += " (widened by 1 % for the share count's uncertainty)"
    if label is Label.CORRECT:
        return f"{fact}; {admits}, so it holds."
    if label is Label.MOSTLY_CORRECT:
        return f"{fact}; {admits}: just outside."
    if label is Label.MISLEADING:
        return f"{fact}; {admits}, which fits only {r.alt_basis}."
    if metric is Metric.POINTS_CHANGE and np.sign(r.measured) != r.direction:
        return f"{fact}; {admits}, so it does not hold (it moved the other way)."
    return f"{fact}; {admits}, so it does not hold."


def _kind_fact(
    claim: Claim, r: Any, days: tuple[date | None, date | None, date | None], unit: str, fx: FxQuote | None
) -> str:
    """What the prices say of a level, a points change or a market-value level, with sessions and time zone."""
    start, end, base = days
    name = f"{claim.subject} ({r.symbol}, {r.calendar})"
    cur = "points" if unit == "points" else r.listing_currency
    tz = f"exchange-local dates, {r.timezone}"
    if claim.metric is Metric.CLOSE_LEVEL:
        return (
            f"{name} closed at {_num(r.level_close)} {cur} on {end} (raw close, {tz}); "
            f"that day it traded between {_num(r.level_low)} and {_num(r.level_high)} {cur}"
        )
    if claim.metric is Metric.INTRADAY_LEVEL:
        word = "low" if r.direction < 0 else "high"
        sessions = f"{start}–{end}" if start != end else f"{end}"
        return (
            f"{name} reached an intraday {word} of {_num(r.extreme)} {cur} in session(s) {sessions} ({tz}); "
            f"it closed at {_num(r.level_close)} {cur} on {end}"
        )
    if claim.metric is Metric.POINTS_CHANGE:
        fact = (
            f"{name} closed at {_num(r.end_close)} {cur} on {end} against {_num(r.base_close)} {cur} on {base} "
            f"(raw closes, {tz}): {_signed(r.points_close)} {cur} ({_signed(r.close_pct)} %)"
        )
        if r.basis == "intraday":
            fact += f"; at its intraday extreme {_num(r.extreme)} {cur}: {_signed(r.points_intraday)} {cur}"
        return fact
    assert claim.metric is Metric.MARKET_CAP_LEVEL, claim.metric
    per_share = r.end_close if r.basis == "close" else r.extreme
    listing = r.mcap_close_listing if r.basis == "close" else r.mcap_extreme_listing
    shares = listing / per_share * claim.scale_factor / 1e9 if per_share else math.nan
    what = "close" if r.basis == "close" else ("intraday low" if r.direction < 0 else "intraday high")
    conv = (
        f" ≈ {_num(r.measured)} {unit}, at {fx.description}: {_num(fx.rate, 4)} {fx.quote} per {fx.base}" if fx else ""
    )
    return (
        f"{name}: {_num(shares)} bn shares × {what} {_num(per_share)} {r.listing_currency} on {end} = "
        f"{_num(listing)} {unit.split()[0]} {r.listing_currency}{conv}"
    )


def _record_sentence(
    claim: Claim,
    r: Any,
    days: tuple[date | None, date | None, date | None],
    label: Label,
    unit: str,
    interval: str,
    panel: PricePanel,
) -> str:
    assert claim.record is not None
    _, end, base = days
    name = f"{claim.subject} ({r.symbol}, {r.calendar})"
    words = record_words(claim)
    first = panel.sessions[int(r.record_first)].astype("datetime64[D]").item() if r.record_first >= 0 else None
    found = record_extreme(panel, r)
    move = claim.record in (Record.BIGGEST_FALL, Record.BIGGEST_RISE)
    if claim.record.streak:
        return _streak_sentence(claim, r, end, label, interval, first, found)
    if claim.value_record:
        shares = float(r.record_factor) * claim.scale_factor / 1e9
        fact = (
            f"{name}: {_num(shares)} bn shares × ({_num(r.end_close)} − {_num(r.base_close)} {r.listing_currency}, "
            f"the closes of {end} and {base}) = {_signed(r.measured)} {unit} of market value (raw closes, "
            f"exchange-local dates, {r.timezone}; the same share count for every session of the history)"
        )
    elif move:
        fact = (
            f"{name} closed at {_num(r.end_close)} on {end} against {_num(r.base_close)} on {base}: "
            f"{_signed(r.measured)} % (raw closes, exchange-local dates, {r.timezone})"
        )
    else:
        fact = f"{name} closed at {_num(r.end_close)} {unit} on {end} (raw close, exchange-local dates, {r.timezone})"
    if found is not None:
        day, value = found
        shown = (
            f"{_signed(value)} {unit}"
            if claim.value_record
            else f"{_signed(value)} %"
            if move
            else f"{_num(value)} {unit}"
        )
        history = f"the {words} from {first} to the session before was {shown} on {day}"
    else:
        history = f"its history from {first} holds no earlier session"
    holds = label in (Label.CORRECT, Label.MOSTLY_CORRECT)
    if label is Label.MISLEADING:
        return f"{fact}; {history}, so it set no such record; the record fits only {r.alt_basis}."
    verdict = "so it is the " + words + " since " + str(first) if holds else "so it is not the " + words
    return f"{fact}; {history}: {verdict} (the claim admits {interval} {unit})."


def _streak_sentence(
    claim: Claim, r: Any, end: date | None, label: Label, interval: str, first: date | None, found: Any
) -> str:
    """A record of duration: how many sessions in a row up to the claimed one, against the longest before."""
    assert claim.record is not None
    name = f"{claim.subject} ({r.symbol}, {r.calendar})"
    words, n = RECORD_WORDS[claim.record], int(r.record_value) if not math.isnan(r.record_value) else 0
    way = "lower" if claim.record is Record.LOSING_STREAK else "higher"
    fact = (
        f"{name} closed {way} than the session before on {n} session(s) in a row up to {end} "
        f"(raw closes, exchange-local dates, {r.timezone})"
    )
    if found is not None:
        history = f"the {words} from {first} to the start of this one was {int(found[1])} session(s), to {found[0]}"
    else:
        history = f"its history from {first} to the start of this one holds no such streak"
    if label is Label.MISLEADING:
        return f"{fact}; {history}, so it set no such record; the record fits only {r.alt_basis}."
    if label in (Label.CORRECT, Label.MOSTLY_CORRECT):
        return f"{fact}; {history}: so it is the {words} since {first} (the claim admits {interval} sessions)."
    return f"{fact}; {history}: so it is not the {words} (the claim admits {interval} sessions)."


def _f(x: Any) -> float | None:
    try:
        value = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def kind_reading(claim: Claim, row: Any, panel: PricePanel) -> KindReading:
    """The numbers ``kind_sentence`` writes, as data, so that a report can write the sentence in its language."""
    r = row
    metric = claim.metric
    shares = per_share = listing = None
    if metric is Metric.MARKET_CAP_LEVEL:
        per_share = _f(r.end_close if r.basis == "close" else r.extreme)
        listing = _f(r.mcap_close_listing if r.basis == "close" else r.mcap_extreme_listing)
        if per_share and listing is not None:
            shares = listing / per_share * claim.scale_factor
    if claim.value_record and not math.isnan(getattr(r, "record_factor", math.nan)):
        shares = float(r.record_factor) * claim.scale_factor
        per_share = _f(r.end_close - r.base_close)
        listing = _f(r.measured)
    first = found = None
    if metric is Metric.RECORD:
        first = panel.sessions[int(r.record_first)].astype("datetime64[D]").item() if r.record_first >= 0 else None
        found = record_extreme(panel, r)
    level = metric in LEVELS
    return KindReading(
        close=_f(getattr(r, "level_close", math.nan)) if level else _f(r.end_close),
        day_low=_f(getattr(r, "level_low", math.nan)),
        day_high=_f(getattr(r, "level_high", math.nan)),
        extreme=_f(r.extreme),
        base_close=_f(r.base_close),
        points_close=_f(getattr(r, "points_close", math.nan)),
        points_intraday=_f(getattr(r, "points_intraday", math.nan)),
        close_pct=_f(getattr(r, "close_pct", math.nan)),
        shares=shares,
        per_share=per_share,
        listing_value=listing,
        history_first=first,
        history_extreme=found,
        fits_only=str(getattr(r, "alt_basis", "") or getattr(r, "record_alt", "") or ""),
        opposite=bool(metric is Metric.POINTS_CHANGE and np.sign(r.measured) != r.direction),
    )
