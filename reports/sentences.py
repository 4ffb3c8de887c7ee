"""Every sentence a report writes about a verdict, per language, from the verdict's structured facts.

The checker hands over numbers, dates and keys (``Verdict.reading``, ``fx_rate``, ``share_count``,
``search``, ``Alternative.key``); this module turns them into German or English with the report's
``Formatter`` (Babel): "−16,97 %", "27.01.2025", "602,8 Mrd. €" in German, "−16.97%", "Jan 27, 2025",
"€602.8B" in English. Hedge words are shown in the report's language, the claim's own words quoted
after them when they differ ("at times more than (“zeitweise über”)"). A claim's own text and quote are
never rewritten here.
"""

from __future__ import annotations

import math

from marketfact.checks.verdicts import Label, Verdict
from marketfact.claims.model import LEVELS, PRICE_UNITS, Claim, Metric
from marketfact.reports.i18n import Formatter
from marketfact.reports.kindsentences import kind_notation, kind_sentence
from marketfact.reports.phrases import (
    S,
    basis_text,
    interval_notation,
    price,
    rate_name,
    shown_digits,
    stated,
    unit_text,
    zone_city,
)
from marketfact.reports.reasontext import reasons_text


def claimed_notation(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """The checker's notation: "−17 % → magnitude in [16.5, 17.5)" in the report's language."""
    if claim.metric in LEVELS or claim.metric in PRICE_UNITS or claim.metric is Metric.RECORD:
        # levels, points and records: in English the checker's own notation
        return kind_notation(verdict, claim, fmt) if fmt.lang == "de" else verdict.claimed
    sign = "+" if claim.sign > 0 else "−"
    if claim.range:
        amount = f"{fmt.decimal(claim.range[0], digits=shown_digits(claim.range[0]))}–"
        amount += fmt.decimal(claim.range[1], digits=shown_digits(claim.range[1]))
    else:
        amount = fmt.decimal(claim.value or 0.0, digits=shown_digits(claim.value or 0.0))
    said = stated(claim, fmt, f"{sign}{amount} {unit_text(verdict, claim, fmt)}")
    if verdict.interval is None:
        return said
    notation = interval_notation(*verdict.interval, verdict.interval_closed, fmt)
    return S[fmt.lang]["notation"].format(stated=said, interval=notation)


def fx_text(verdict: Verdict, fmt: Formatter) -> str | None:
    """ "1 USD = 0.9497 EUR, ECB euro reference rate of Jan 27, 2025 (14:15 CET)" in the report's language."""
    fx = verdict.fx_rate
    if fx is None:
        return None
    rate = fmt.decimal(fx.rate, digits=4)
    return S[fmt.lang]["fx"].format(base=fx.base, rate=rate, quote=fx.quote, rate_name=rate_name(verdict, fmt))


def shares_text(verdict: Verdict, fmt: Formatter) -> str | None:
    """The share count, its date and its source (the source's own words)."""
    sc = verdict.share_count
    if sc is None:
        return None
    count = f"{fmt.decimal(sc.shares / 1e9)} {fmt.money_unit('billion', '')}"
    return S[fmt.lang]["shares"].format(count=count, day=fmt.day(sc.as_of), source=sc.source)


def sessions_note(verdict: Verdict, fmt: Formatter) -> str:
    """Which sessions, on which exchange, in which time zone, and the base."""
    if verdict.end_session is None:
        return ""
    start = verdict.start_session or verdict.end_session
    zone = verdict.timezone or ""
    key = "note_one" if start == verdict.end_session else "note_span"
    return S[fmt.lang][key].format(
        start=fmt.day(start),
        end=fmt.day(verdict.end_session),
        exchange=verdict.exchange or "–",
        city=zone_city(zone, fmt.lang) if zone else "–",
        zone=zone or "–",
        base=fmt.day(verdict.base_session),
        close=fmt.word("adjusted close" if verdict.price_field == "adjusted close" else "close"),
    )


def search_note(verdict: Verdict, fmt: Formatter) -> str:
    """For a claim that named no day: the sessions searched and the one that fits best."""
    s = verdict.search
    if s is None:
        return ""
    key = "search_fits" if s.best else "search_none"
    return S[fmt.lang][key].format(
        count=s.count, first=fmt.day(s.first), last=fmt.day(s.last), exchange=s.exchange, best=fmt.day(s.best)
    )


def explanation(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """The verdict's explanation, written from its facts in the report's language."""
    words = S[fmt.lang]
    search = search_note(verdict, fmt)
    if verdict.label is Label.UNVERIFIABLE:
        text = words["unverifiable"].format(reason=reasons_text(verdict, fmt) or "–")
    elif verdict.kind_reading is not None and fmt.lang == "de":
        text = kind_sentence(verdict, claim, fmt)
    elif verdict.reading is None:  # English levels, points, records, or a verdict built by hand: the recorded sentence
        text = verdict.explanation
    else:
        text = _judged(verdict, claim, fmt)
    return f"{search} {text}" if search else text


def _judged(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """The sentence of a percent or money move: what was measured, what the claim admits, and so the verdict."""
    words, r = S[fmt.lang], verdict.reading
    assert r is not None
    fact = _percent_fact(verdict, claim, fmt) if claim.unit == "percent" else _money_fact(verdict, claim, fmt)
    admits = _admits(verdict, claim, fmt)
    label = verdict.label.value
    if verdict.label is Label.MISLEADING:
        return words[label].format(fact=fact, admits=admits, basis=basis_text(r.fits_only, fmt))
    if verdict.label is not Label.INCORRECT:
        return words[label].format(fact=fact, admits=admits)
    return words[label].format(
        fact=fact, admits=admits, opposite=_opposite(verdict, claim, fmt), day=_day_range(verdict, fmt)
    )


def _named(verdict: Verdict, claim: Claim) -> str:
    """The claim's subject with its listing: "Nvidia (NVDA, XNAS)"."""
    return f"{claim.subject} ({verdict.symbol}, {verdict.exchange})"


def _price(value: float | None, verdict: Verdict, fmt: Formatter) -> str:
    """A price of the verdict's instrument, in its currency (an index in points)."""
    return price(value, verdict.currency, fmt, verdict.instrument_kind)


def _percent_fact(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """What was measured for a percent move: the closes (or the day's extreme) and the change between them."""
    words, r = S[fmt.lang], verdict.reading
    assert r is not None
    end, base = fmt.day(verdict.end_session), fmt.day(verdict.base_session)
    city = zone_city(verdict.timezone, fmt.lang) if verdict.timezone else "–"
    raw = words["adjusted" if r.adjusted else "raw"].format(city=city)
    closes = {
        "name": _named(verdict, claim),
        "base_close": _price(r.base_close, verdict, fmt),
        "base": base,
        "end_close": _price(r.end_close, verdict, fmt),
        "end": end,
        "raw": raw,
        "pct": fmt.percent(r.close_pct),
    }
    if verdict.basis != "intraday":
        return words["closed_adjusted" if r.adjusted else "closed"].format(**closes)
    if verdict.start_session in (None, verdict.end_session):
        when = words["when_one"].format(day=end)
    else:
        when = words["when_span"].format(first=fmt.day(verdict.start_session), last=end)
    return words["reached"].format(
        **closes,
        word=words["low" if claim.sign < 0 else "high"],
        extreme=_price(r.extreme, verdict, fmt),
        when=when,
        ipct=fmt.percent(r.intraday_pct),
    )


def _money_fact(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """What was measured for a move of market value: shares × the price's change, converted when claimed so."""
    words, r = S[fmt.lang], verdict.reading
    assert r is not None
    intraday = verdict.basis == "intraday"
    what = words["what_low" if claim.sign < 0 else "what_high"] if intraday else words["what_close"]
    shares = "–" if r.implied_shares is None else f"{fmt.decimal(r.implied_shares / 1e9)} "
    shares += fmt.money_unit("billion", "") if r.implied_shares is not None else ""
    listing = None if r.money_listing is None else r.money_listing * claim.scale_factor
    conv = ""
    if verdict.fx_rate is not None:
        fx = verdict.fx_rate
        rate = fmt.decimal(fx.rate, digits=4)
        conv = words["conv"].format(rate_name=rate_name(verdict, fmt), rate=rate, quote=fx.quote, base=fx.base)
    measured = None if verdict.measured is None else verdict.measured * claim.scale_factor
    return words["money"].format(
        name=_named(verdict, claim),
        shares=shares,
        what=what,
        price=_price(r.extreme if intraday else r.end_close, verdict, fmt),
        end=fmt.day(verdict.end_session),
        base_close=_price(r.base_close, verdict, fmt),
        base=fmt.day(verdict.base_session),
        listing=fmt.big_money(listing, verdict.currency, digits=2),
        measured=fmt.big_money(measured, claim.currency, digits=2),
        conv=conv,
    )


def _admits(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """The interval the claim admits (a money claim's widened by the share count's uncertainty)."""
    words = S[fmt.lang]
    admits = words["admits"].format(
        interval=interval_notation(*verdict.interval, verdict.interval_closed, fmt) if verdict.interval else "–",
        unit=unit_text(verdict, claim, fmt),
    )
    if claim.unit == "money":
        uncertainty = verdict.share_count.relative_uncertainty if verdict.share_count else 0.01
        admits += words["widened"].format(pct=fmt.percent(uncertainty * 100, plus=False, digits=0))
    return admits


def _opposite(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """For an incorrect claim: that the price moved the other way (or not at all), if it did."""
    words, m = S[fmt.lang], verdict.measured or 0.0
    if math.copysign(1, m) != claim.sign or m == 0:
        return words["opposite"].format(move=words["rose" if m > 0 else "fell" if m < 0 else "flat"])
    return ""


def _day_range(verdict: Verdict, fmt: Formatter) -> str:
    """For an incorrect claim: the end session's low and high against the base, when recorded."""
    r = verdict.reading
    if r is None or r.day_range is None:
        return ""
    d = r.day_range
    return S[fmt.lang]["day_range"].format(
        day=fmt.day(verdict.end_session),
        low_pct=fmt.percent(d.low_pct),
        low=_price(d.low, verdict, fmt),
        high_pct=fmt.percent(d.high_pct),
        high=_price(d.high, verdict, fmt),
    )
