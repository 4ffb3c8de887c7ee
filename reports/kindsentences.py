"""German sentences and notation of levels, points changes, market-value levels and records (``checks.kindtext``
writes the English ones): from ``Verdict.kind_reading``; English reports keep the checker's recorded sentence
(``Verdict.explanation``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from marketfact.checks.verdicts import KindReading, Label, Verdict
from marketfact.claims.model import Claim
from marketfact.reports.i18n import Formatter
from marketfact.reports.kindwords import KIND_DE, RECORD_DE, VALUE_RECORD_DE
from marketfact.reports.phrases import (
    S,
    basis_text,
    interval_notation,
    price,
    rate_name,
    shown_digits,
    stated,
    zone_city,
)


def record_words(claim: Claim, fmt: Formatter) -> str:
    """A record claim as stated: "lowest close (2025-01-13 –)" / "tiefster Schlusskurs seit dem 13.01.2025"."""
    assert claim.record is not None
    if fmt.lang == "en":
        return claim.record.value.replace("_", " ") + (f" ({claim.since.isoformat()} –)" if claim.since else "")
    words = _record_name(claim)
    if claim.since:
        return KIND_DE["since"].format(words=words, since=fmt.day(claim.since))
    return KIND_DE["ever"].format(words=words)


def _record_de(claim: Claim) -> str:
    assert claim.record is not None
    return VALUE_RECORD_DE[claim.record.value] if claim.value_record else RECORD_DE[claim.record.value]


def _record_name(claim: Claim) -> str:
    """The record without article: "tiefster Schlusskurs", "längste Verlustserie" (feminine: unchanged)."""
    words = _record_de(claim)
    if claim.record is not None and claim.record.streak:
        return words
    return words.replace("ste ", "ster ").replace("ßte ", "ßter ")


def _kind_unit(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    unit = verdict.unit.strip()
    if unit == "points":
        return "Pkt." if fmt.lang == "de" else fmt.word("points")
    if unit == "%":
        return "%"
    if unit == "sessions":
        return "Handelstage" if fmt.lang == "de" else "sessions"
    if (claim.is_level or claim.value_record) and claim.unit == "money" and claim.scale != "one":
        return fmt.money_symbol_unit(claim.scale, claim.currency or "")
    return unit


def kind_notation(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    words = KIND_DE
    unit = _kind_unit(verdict, claim, fmt)
    known = verdict.interval is not None and not any(math.isnan(x) for x in verdict.interval)
    interval = interval_notation(*verdict.interval, verdict.interval_closed, fmt) if verdict.interval else "–"
    if claim.record is not None and not known:
        return record_words(claim, fmt)
    if claim.record is not None:
        move = claim.record.value in ("biggest_fall", "biggest_rise")
        what = words["record_value_change" if claim.value_record else "record_day_move" if move else "record_close"]
        if claim.record.streak:
            what = words["record_streak"]
        rec = _record_name(claim)
        key = "notation_record" if claim.since else "notation_record_ever"
        since = fmt.day(claim.since) if claim.since else ""
        return words[key].format(words=rec, since=since, what=what, interval=interval, unit=unit)
    if claim.range:
        amount = f"{fmt.decimal(claim.range[0], digits=shown_digits(claim.range[0]))}–"
        amount += fmt.decimal(claim.range[1], digits=shown_digits(claim.range[1]))
    else:
        amount = fmt.decimal(claim.value or 0.0, digits=shown_digits(claim.value or 0.0))
    if not claim.is_level:
        amount = ("+" if claim.sign > 0 else "−") + amount
    said = stated(claim, fmt, f"{amount} {unit}")
    if not known:
        return said
    return words["notation_level" if claim.is_level else "notation_move"].format(stated=said, interval=interval)


@dataclass(frozen=True, slots=True)
class _Scene:
    """What every German sentence of a kind names: the listing, the sessions, the zone's city, the claimed interval
    and its unit, and the other basis a misleading number fits."""

    verdict: Verdict
    claim: Claim
    reading: KindReading
    fmt: Formatter
    kind: str | None  # the instrument's kind; "index" for a claim in points
    name: str
    end: str
    base: str
    city: str
    interval: str
    unit: str
    fits: str

    def price(self, value: float | None) -> str:
        """A price of the instrument (an index level in points)."""
        return price(value, self.verdict.currency, self.fmt, self.kind)

    def points(self, value: float | None) -> str:
        """A signed change: index points, or money in the listing currency."""
        if self.kind == "index":
            return f"{self.fmt.decimal(value, plus=True)} Pkt."
        return self.fmt.money(value, self.verdict.currency, plus=True)


def _scene(verdict: Verdict, claim: Claim, fmt: Formatter) -> _Scene:
    assert verdict.kind_reading is not None
    points = claim.unit == "points" or verdict.unit.strip() == "points"
    return _Scene(
        verdict=verdict,
        claim=claim,
        reading=verdict.kind_reading,
        fmt=fmt,
        kind="index" if points else verdict.instrument_kind,
        name=f"{claim.subject} ({verdict.symbol}, {verdict.exchange})",
        end=fmt.day(verdict.end_session),
        base=fmt.day(verdict.base_session),
        city=zone_city(verdict.timezone, fmt.lang) if verdict.timezone else "–",
        interval=interval_notation(*verdict.interval, verdict.interval_closed, fmt) if verdict.interval else "–",
        unit=_kind_unit(verdict, claim, fmt),
        fits=basis_text("", fmt, verdict.kind_reading.fits_only),
    )


def kind_sentence(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """The German sentence of a level, points change, market-value level or record verdict."""
    scene = _scene(verdict, claim, fmt)
    if claim.record is None:
        return _level_sentence(scene)
    if claim.record.streak:  # a record of duration (#17)
        return _streak_sentence(scene)
    return _record_sentence(scene)


def _streak_sentence(s: _Scene) -> str:
    """A streak: how many sessions in a row, against the longest one of the history before it."""
    k, claim, fmt, words = s.reading, s.claim, s.fmt, KIND_DE
    assert claim.record is not None
    rec, first = _record_de(claim), fmt.day(k.history_first)
    n = "–" if s.verdict.measured is None else f"{s.verdict.measured:.0f}"
    way = "tiefer" if claim.record.value == "losing_streak" else "höher"
    fact = words["streak_fact"].format(
        name=s.name, end=fmt.day(s.verdict.end_session), n=n, way=way, raw=words["raw"].format(city=s.city)
    )
    if k.history_extreme is not None:
        day, prior = k.history_extreme
        history = words["streak_history"].format(words=rec, first=first, prior=f"{prior:.0f}", day=fmt.day(day))
    else:
        history = words["streak_no_history"].format(first=first)
    if s.verdict.label is Label.MISLEADING:
        return words["streak_misleading"].format(fact=fact, history=history, basis=s.fits)
    key = "streak_holds" if s.verdict.label in (Label.CORRECT, Label.MOSTLY_CORRECT) else "streak_fails"
    return words[key].format(fact=fact, history=history, words=rec, first=first, interval=s.interval)


def _record_sentence(s: _Scene) -> str:
    """A record close, one-day move or move of market value, against the extreme of the history before it."""
    k, claim, fmt, words = s.reading, s.claim, s.fmt, KIND_DE
    assert claim.record is not None
    rec = _record_de(claim)
    move = claim.record.value in ("biggest_fall", "biggest_rise")
    first = fmt.day(k.history_first)
    if k.history_extreme is not None:
        day, value = k.history_extreme
        shown = fmt.percent(value) if move else s.price(value)
        if claim.value_record:
            shown = fmt.big_money(value * claim.scale_factor, s.verdict.currency, plus=True, digits=2)
        history = words["history"].format(words=rec, first=first, shown=shown, day=fmt.day(day))
    else:
        history = words["no_history"].format(first=first)
    fact = _record_fact(s, move=move)
    if s.verdict.label is Label.MISLEADING:
        return words["record_misleading"].format(fact=fact, history=history, basis=s.fits)
    key = "record_holds" if s.verdict.label in (Label.CORRECT, Label.MOSTLY_CORRECT) else "record_fails"
    return words[key].format(fact=fact, history=history, words=rec, first=first, interval=s.interval, unit=s.unit)


def _record_fact(s: _Scene, *, move: bool) -> str:
    """The session a record claim is about: its close, its move, or its change of market value."""
    k, claim, fmt, words = s.reading, s.claim, s.fmt, KIND_DE
    if claim.value_record:  # a record of market value (#17)
        big = None if s.verdict.measured is None else s.verdict.measured * claim.scale_factor
        return words["record_value"].format(
            name=s.name,
            shares=f"{fmt.decimal((k.shares or math.nan) / 1e9)} {fmt.money_unit('billion', '')}",
            close=s.price(k.close),
            base_close=s.price(k.base_close),
            end=s.end,
            base=s.base,
            value=fmt.big_money(big, s.verdict.currency, plus=True, digits=2),
            raw=words["raw"].format(city=s.city),
        )
    if move:
        return words["record_move"].format(
            name=s.name,
            end=s.end,
            close=s.price(k.close),
            base_close=s.price(k.base_close),
            base=s.base,
            pct=fmt.percent(s.verdict.measured),
            raw=words["raw"].format(city=s.city),
        )
    raw = words["raw_one"].format(city=s.city)
    return words["record_level"].format(name=s.name, end=s.end, close=s.price(k.close), raw=raw)


def _level_sentence(s: _Scene) -> str:
    """A level, points change or market-value level: what was measured, what the claim admits, the verdict."""
    words, metric = KIND_DE, s.claim.metric.value
    if metric == "close_level":
        fact = _close_level_fact(s)
    elif metric == "intraday_level":
        fact = _intraday_level_fact(s)
    elif metric == "points_change":
        fact = _points_change_fact(s)
    else:  # market_cap_level
        fact = _market_cap_fact(s)
    admits = words["admits"].format(interval=s.interval, unit=s.unit)
    if metric == "market_cap_level":
        admits += words["widened"]
    label = s.verdict.label
    if label is Label.MISLEADING:
        return words["MISLEADING"].format(fact=fact, admits=admits, basis=s.fits)
    if label is Label.INCORRECT:
        opposite = words["opposite"] if s.reading.opposite else ""
        return words["INCORRECT"].format(fact=fact, admits=admits, opposite=opposite)
    return words[label.value].format(fact=fact, admits=admits)


def _close_level_fact(s: _Scene) -> str:
    k = s.reading
    return KIND_DE["close_level"].format(
        name=s.name,
        end=s.end,
        close=s.price(k.close),
        raw=KIND_DE["raw_one"].format(city=s.city),
        low=s.price(k.day_low),
        high=s.price(k.day_high),
    )


def _intraday_level_fact(s: _Scene) -> str:
    k, v = s.reading, s.verdict
    if v.start_session in (None, v.end_session):
        when = S["de"]["when_one"].format(day=s.end)
    else:
        when = S["de"]["when_span"].format(first=s.fmt.day(v.start_session), last=s.end)
    return KIND_DE["intraday_level"].format(
        name=s.name,
        when=when,
        word=S["de"]["low" if s.claim.sign < 0 else "high"],
        extreme=s.price(k.extreme),
        city=s.city,
        end=s.end,
        close=s.price(k.close),
    )


def _points_change_fact(s: _Scene) -> str:
    k = s.reading
    fact = KIND_DE["points_change"].format(
        name=s.name,
        end=s.end,
        close=s.price(k.close),
        base_close=s.price(k.base_close),
        base=s.base,
        raw=KIND_DE["raw"].format(city=s.city),
        points=s.points(k.points_close),
        pct=s.fmt.percent(k.close_pct),
    )
    if s.verdict.basis == "intraday":
        fact += KIND_DE["points_intraday"].format(extreme=s.price(k.extreme), points=s.points(k.points_intraday))
    return fact


def _market_cap_fact(s: _Scene) -> str:
    k, v, claim, fmt = s.reading, s.verdict, s.claim, s.fmt
    intraday = v.basis == "intraday"
    what = S["de"]["what_low" if claim.sign < 0 else "what_high"] if intraday else S["de"]["what_close"]
    shares = "–" if k.shares is None else f"{fmt.decimal(k.shares / 1e9)} {fmt.money_unit('billion', '')}"
    listing = None if k.listing_value is None else k.listing_value * claim.scale_factor
    conv = ""
    if v.fx_rate is not None:
        fx = v.fx_rate
        measured = None if v.measured is None else v.measured * claim.scale_factor
        conv = KIND_DE["conv"].format(
            measured=fmt.big_money(measured, claim.currency, plus=False, digits=2),
            rate_name=rate_name(v, fmt),
            rate=fmt.decimal(fx.rate, digits=4),
            quote=fx.quote,
            base=fx.base,
        )
    return KIND_DE["market_cap_level"].format(
        name=s.name,
        shares=shares,
        what=what,
        price=s.price(k.per_share),
        end=s.end,
        listing=fmt.big_money(listing, v.currency, plus=False, digits=2),
        conv=conv,
    )
