"""German sentences and notation of levels, points changes, market-value levels and records (``checks.kindtext``
writes the English ones): from ``Verdict.kind_reading``; English reports keep the checker's recorded sentence
(``Verdict.explanation``)."""

from __future__ import annotations

import math

from marketfact.checks.verdicts import Label, Verdict
from marketfact.claims.model import Claim
from marketfact.reports.i18n import Formatter
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

# ---- levels, points changes, market-value levels and records (checks.kindtext), German -------------------------
# English reports keep the checker's recorded sentence (``Verdict.explanation``); German ones are written here
# from ``Verdict.kind_reading``.
RECORD_DE = {
    "lowest_close": "tiefste Schlusskurs",
    "highest_close": "höchste Schlusskurs",
    "biggest_fall": "größte Tagesverlust",
    "biggest_rise": "größte Tagesgewinn",
    "losing_streak": "längste Verlustserie",
    "winning_streak": "längste Gewinnserie",
}
VALUE_RECORD_DE = {
    "biggest_fall": "größte Tagesverlust an Börsenwert",
    "biggest_rise": "größte Tagesgewinn an Börsenwert",
}
"""A record of market value (unit: money, #17)."""
KIND_DE: dict[str, str] = {
    "raw_one": "unbereinigter Schlusskurs; Handelstage nach Ortszeit {city}",
    "raw": "unbereinigte Schlusskurse; Handelstage nach Ortszeit {city}",
    "close_level": "{name} schloss am {end} bei {close} ({raw}); im Tagesverlauf lag der Kurs zwischen {low} und "
    "{high}",
    "intraday_level": "{name} erreichte {when} ein {word} von {extreme} (Handelstage nach Ortszeit {city}); "
    "Schlusskurs am {end}: {close}",
    "points_change": "{name} schloss am {end} bei {close} gegenüber {base_close} am {base} ({raw}): {points} ({pct})",
    "points_intraday": "; am Tagesextrem {extreme}: {points}",
    "market_cap_level": "{name}: {shares} Aktien × {what} {price} am {end} = {listing}{conv}",
    "conv": " ≈ {measured}, umgerechnet zum {rate_name}: {rate} {quote} je {base}",
    "admits": "die Aussage lässt {interval} {unit} zu",
    "widened": " (um 1 % erweitert wegen der Unsicherheit der Aktienzahl)",
    "CORRECT": "{fact}; {admits}, sie trifft also zu.",
    "MOSTLY_CORRECT": "{fact}; {admits}: knapp daneben.",
    "MISLEADING": "{fact}; {admits}. Die Zahl passt nur auf anderer Grundlage: {basis}.",
    "INCORRECT": "{fact}; {admits}, sie trifft also nicht zu{opposite}.",
    "opposite": " (der Kurs bewegte sich in die andere Richtung)",
    "record_move": "{name} schloss am {end} bei {close} gegenüber {base_close} am {base}: {pct} ({raw})",
    "record_level": "{name} schloss am {end} bei {close} ({raw})",
    "record_value": "{name}: {shares} Aktien × ({close} − {base_close}), Schlusskurse vom {end} und {base} = {value} "
    "Börsenwert ({raw}; dieselbe Aktienzahl für jeden Handelstag der Historie)",
    "record_value_change": "Tagesänderung des Börsenwerts",
    "streak_fact": "{name} schloss bis zum {end} an {n} Handelstagen in Folge {way} als am Vortag ({raw})",
    "streak_history": "die {words} vom {first} bis zu ihrem Beginn waren {prior} Handelstage, bis zum {day}",
    "streak_no_history": "die Kurshistorie vom {first} bis zu ihrem Beginn enthält keine solche Serie",
    "streak_holds": "{fact}; {history}: es ist also die {words} seit dem {first} (die Aussage lässt {interval} "
    "Handelstage zu).",
    "streak_fails": "{fact}; {history}: es ist also nicht die {words} (die Aussage lässt {interval} Handelstage zu).",
    "streak_misleading": "{fact}; {history}, eine solche Serie ist es also nicht; sie passt nur auf anderer "
    "Grundlage: {basis}.",
    "record_streak": "Serie",
    "history": "der {words} vom {first} bis zum Vortag war {shown} am {day}",
    "no_history": "die Kurshistorie ab dem {first} enthält keinen früheren Handelstag",
    "record_holds": "{fact}; {history}: es ist also der {words} seit dem {first} (die Aussage lässt {interval} {unit} "
    "zu).",
    "record_fails": "{fact}; {history}: es ist also nicht der {words} (die Aussage lässt {interval} {unit} zu).",
    "record_misleading": "{fact}; {history}, ein solcher Rekord ist es also nicht; der Rekord passt nur auf anderer "
    "Grundlage: {basis}.",
    "notation_level": "{stated} → Stand in {interval}",
    "notation_move": "{stated} → Betrag in {interval}",
    "notation_record": "{words} seit dem {since} → {what} in {interval} {unit}",
    "notation_record_ever": "{words} über die ganze Historie → {what} in {interval} {unit}",
    "record_close": "Schlusskurs",
    "record_day_move": "Tagesbewegung",
    "since": "{words} seit dem {since}",
    "ever": "{words} über die ganze Historie",
}


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


def _streak_de(
    verdict: Verdict, claim: Claim, fmt: Formatter, name: str, city: str, interval: str, fits: str
) -> str:
    k, words = verdict.kind_reading, KIND_DE
    assert k is not None
    assert claim.record is not None
    rec, first = _record_de(claim), fmt.day(k.history_first)
    n = "–" if verdict.measured is None else f"{verdict.measured:.0f}"
    way = "tiefer" if claim.record.value == "losing_streak" else "höher"
    fact = words["streak_fact"].format(
        name=name, end=fmt.day(verdict.end_session), n=n, way=way, raw=words["raw"].format(city=city)
    )
    if k.history_extreme is not None:
        day, prior = k.history_extreme
        history = words["streak_history"].format(words=rec, first=first, prior=f"{prior:.0f}", day=fmt.day(day))
    else:
        history = words["streak_no_history"].format(first=first)
    if verdict.label is Label.MISLEADING:
        return words["streak_misleading"].format(fact=fact, history=history, basis=fits)
    key = "streak_holds" if verdict.label in (Label.CORRECT, Label.MOSTLY_CORRECT) else "streak_fails"
    return words[key].format(fact=fact, history=history, words=rec, first=first, interval=interval)


def kind_sentence(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    k = verdict.kind_reading
    assert k is not None
    words = KIND_DE
    name = f"{claim.subject} ({verdict.symbol}, {verdict.exchange})"
    cur, kind = verdict.currency, verdict.instrument_kind
    if claim.unit == "points" or verdict.unit.strip() == "points":
        kind = "index"

    def p(value: float | None) -> str:
        return price(value, cur, fmt, kind)

    def pts(value: float | None) -> str:
        if kind == "index":
            return f"{fmt.decimal(value, plus=True)} Pkt."
        return fmt.money(value, cur, plus=True)

    end, base = fmt.day(verdict.end_session), fmt.day(verdict.base_session)
    city = zone_city(verdict.timezone, fmt.lang) if verdict.timezone else "–"
    unit = _kind_unit(verdict, claim, fmt)
    interval = interval_notation(*verdict.interval, verdict.interval_closed, fmt) if verdict.interval else "–"
    label = verdict.label
    fits = basis_text("", fmt, k.fits_only)
    if claim.record is not None:
        rec = _record_de(claim)
        move = claim.record.value in ("biggest_fall", "biggest_rise")
        if claim.record.streak:  # a record of duration (#17)
            return _streak_de(verdict, claim, fmt, name, city, interval, fits)
        if claim.value_record:  # a record of market value (#17)
            big = None if verdict.measured is None else verdict.measured * claim.scale_factor
            fact = words["record_value"].format(
                name=name, shares=f"{fmt.decimal((k.shares or math.nan) / 1e9)} {fmt.money_unit('billion', '')}",
                close=p(k.close), base_close=p(k.base_close), end=end, base=base,
                value=fmt.big_money(big, cur, plus=True, digits=2), raw=words["raw"].format(city=city),
            )  # fmt: skip
        elif move:
            fact = words["record_move"].format(
                name=name, end=end, close=p(k.close), base_close=p(k.base_close), base=base,
                pct=fmt.percent(verdict.measured), raw=words["raw"].format(city=city),
            )
        else:
            raw = words["raw_one"].format(city=city)
            fact = words["record_level"].format(name=name, end=end, close=p(k.close), raw=raw)
        first = fmt.day(k.history_first)
        if k.history_extreme is not None:
            day, value = k.history_extreme
            shown = fmt.percent(value) if move else p(value)
            if claim.value_record:
                shown = fmt.big_money(value * claim.scale_factor, cur, plus=True, digits=2)
            history = words["history"].format(words=rec, first=first, shown=shown, day=fmt.day(day))
        else:
            history = words["no_history"].format(first=first)
        if label is Label.MISLEADING:
            return words["record_misleading"].format(fact=fact, history=history, basis=fits)
        key = "record_holds" if label in (Label.CORRECT, Label.MOSTLY_CORRECT) else "record_fails"
        return words[key].format(fact=fact, history=history, words=rec, first=first, interval=interval, unit=unit)
    metric = claim.metric.value
    down = claim.sign < 0
    if metric == "close_level":
        fact = words["close_level"].format(
            name=name, end=end, close=p(k.close), raw=words["raw_one"].format(city=city), low=p(k.day_low),
            high=p(k.day_high),
        )
    elif metric == "intraday_level":
        one = verdict.start_session in (None, verdict.end_session)
        when = S["de"]["when_one"].format(day=end) if one else S["de"]["when_span"].format(
            first=fmt.day(verdict.start_session), last=end
        )
        fact = words["intraday_level"].format(
            name=name, when=when, word=S["de"]["low" if down else "high"], extreme=p(k.extreme), city=city, end=end,
            close=p(k.close),
        )
    elif metric == "points_change":
        fact = words["points_change"].format(
            name=name, end=end, close=p(k.close), base_close=p(k.base_close), base=base,
            raw=words["raw"].format(city=city), points=pts(k.points_close), pct=fmt.percent(k.close_pct),
        )
        if verdict.basis == "intraday":
            fact += words["points_intraday"].format(extreme=p(k.extreme), points=pts(k.points_intraday))
    else:  # market_cap_level
        intraday = verdict.basis == "intraday"
        what = S["de"]["what_low" if down else "what_high"] if intraday else S["de"]["what_close"]
        shares = "–" if k.shares is None else f"{fmt.decimal(k.shares / 1e9)} {fmt.money_unit('billion', '')}"
        listing = None if k.listing_value is None else k.listing_value * claim.scale_factor
        conv = ""
        if verdict.fx_rate is not None:
            fx = verdict.fx_rate
            measured = None if verdict.measured is None else verdict.measured * claim.scale_factor
            conv = words["conv"].format(
                measured=fmt.big_money(measured, claim.currency, plus=False, digits=2),
                rate_name=rate_name(verdict, fmt), rate=fmt.decimal(fx.rate, digits=4), quote=fx.quote, base=fx.base,
            )
        fact = words["market_cap_level"].format(
            name=name, shares=shares, what=what, price=p(k.per_share), end=end,
            listing=fmt.big_money(listing, cur, plus=False, digits=2), conv=conv,
        )
    admits = words["admits"].format(interval=interval, unit=unit)
    if metric == "market_cap_level":
        admits += words["widened"]
    if label is Label.MISLEADING:
        return words["MISLEADING"].format(fact=fact, admits=admits, basis=fits)
    if label is Label.INCORRECT:
        opposite = words["opposite"] if k.opposite else ""
        return words["INCORRECT"].format(fact=fact, admits=admits, opposite=opposite)
    return words[label.value].format(fact=fact, admits=admits)
