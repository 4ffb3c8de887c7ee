"""Every sentence a report writes about a verdict, per language, from the verdict's structured facts.

The checker hands over numbers, dates and keys (``Verdict.reading``, ``fx_rate``, ``share_count``,
``search``, ``Alternative.key``); this module turns them into German or English with the report's
``Formatter`` (Babel): "−16,97 %", "27.01.2025", "602,8 Mrd. €" in German, "−16.97%", "Jan 27, 2025",
"€602.8B" in English. Hedge words are shown in the report's language, the claim's own words quoted
after them when they differ ("at times more than (“zeitweise über”)"). A claim's own text and quote are
never rewritten here.
"""

from __future__ import annotations

import functools
import math
import re
from datetime import date, datetime

from babel.dates import get_timezone, get_timezone_location

from marketfact.checks.quality.outcome import ExpectationResult
from marketfact.checks.reasons import Reason, read_reasons
from marketfact.checks.verdicts import Label, Verdict
from marketfact.claims.hedges import Basis, Bound, read_hedge
from marketfact.claims.model import LEVELS, PRICE_UNITS, Claim, Metric
from marketfact.reports.i18n import Formatter

BASES: dict[str, dict[str, str]] = {
    "en": {
        "intraday_pct": "the intraday extreme instead of the close",
        "money_intraday": "the intraday extreme instead of the close",
        "close_pct": "the close instead of the intraday extreme",
        "money_close": "the close instead of the intraday extreme",
        "prev_close_pct": "the session before instead of the one claimed",
        "next_close_pct": "the session after instead of the one claimed",
        "money_close_listing": "the listing currency instead of the claimed one",
        "money_intraday_listing": "the listing currency instead of the claimed one",
        "level_close": "the close instead of the day's low or high",
        "level_high": "the day's high instead of the close",
        "level_low": "the day's low instead of the close",
        "level_next": "the close of the session after instead of the one claimed",
        "level_prev": "the close of the session before instead of the one claimed",
        "level_other": "the other extreme of the day (the high for a low, the low for a high)",
        "mcap_close": "the close instead of the day's low or high",
        "mcap_high": "the day's high instead of the close",
        "mcap_low": "the day's low instead of the close",
        "mcap_prev": "the close of the session before instead of the one claimed",
        "mcap_close_listing": "the listing currency instead of the claimed one",
        "mcap_extreme_listing": "the listing currency instead of the claimed one",
        "points_close": "the close instead of the intraday extreme",
        "points_intraday": "the intraday extreme instead of the close",
        "prev_points": "the session before instead of the one claimed",
        "next_points": "the session after instead of the one claimed",
        "record_prev": "the session before instead of the one claimed",
        "record_low": "the intraday low instead of the close",
        "record_high": "the intraday high instead of the close",
    },
    "de": {
        "intraday_pct": "Tagesextrem statt Schlusskurs",
        "money_intraday": "Tagesextrem statt Schlusskurs",
        "close_pct": "Schlusskurs statt Tagesextrem",
        "money_close": "Schlusskurs statt Tagesextrem",
        "prev_close_pct": "Vortag statt des genannten Handelstags",
        "next_close_pct": "Folgetag statt des genannten Handelstags",
        "money_close_listing": "Börsenwährung statt der genannten Währung",
        "money_intraday_listing": "Börsenwährung statt der genannten Währung",
        "level_close": "Schlusskurs statt Tagestief oder -hoch",
        "level_high": "Tageshoch statt Schlusskurs",
        "level_low": "Tagestief statt Schlusskurs",
        "level_next": "Schlusskurs des Folgetags statt des genannten Handelstags",
        "level_prev": "Schlusskurs des Vortags statt des genannten Handelstags",
        "level_other": "das andere Tagesextrem (Hoch statt Tief, Tief statt Hoch)",
        "mcap_close": "Schlusskurs statt Tagestief oder -hoch",
        "mcap_high": "Tageshoch statt Schlusskurs",
        "mcap_low": "Tagestief statt Schlusskurs",
        "mcap_prev": "Schlusskurs des Vortags statt des genannten Handelstags",
        "mcap_close_listing": "Börsenwährung statt der genannten Währung",
        "mcap_extreme_listing": "Börsenwährung statt der genannten Währung",
        "points_close": "Schlusskurs statt Tagesextrem",
        "points_intraday": "Tagesextrem statt Schlusskurs",
        "prev_points": "Vortag statt des genannten Handelstags",
        "next_points": "Folgetag statt des genannten Handelstags",
        "record_prev": "Vortag statt des genannten Handelstags",
        "record_low": "Tagestief statt Schlusskurs",
        "record_high": "Tageshoch statt Schlusskurs",
    },
}
"""The other bases a claim is measured on (``Alternative.key``), as a reader names them."""

_BOUNDS: dict[str, dict[Bound, str]] = {
    "en": {
        Bound.EXACT: "",
        Bound.BELOW: "almost",
        Bound.AROUND: "about",
        Bound.JUST_ABOVE: "just over",
        Bound.ABOVE: "more than",
        Bound.UNDER: "less than",
        Bound.AT_MOST: "up to",
    },
    "de": {
        Bound.EXACT: "",
        Bound.BELOW: "fast",
        Bound.AROUND: "rund",
        Bound.JUST_ABOVE: "knapp über",
        Bound.ABOVE: "über",
        Bound.UNDER: "unter",
        Bound.AT_MOST: "bis zu",
    },
}
_AT_TIMES = {"en": "at times", "de": "zeitweise"}
_QUOTES = {"en": ("“", "”"), "de": ("„", "“")}

# Sentence pieces, per language. Placeholders are filled with numbers and dates already formatted.
S: dict[str, dict[str, str]] = {
    "en": {
        "closed": "{name} closed at {end_close} on {end} against {base_close} on {base} ({raw}): {pct}",
        "raw": "raw closes; session dates in {city} time",
        "adjusted": "Yahoo's dividend-adjusted closes, as no raw close exists; session dates in {city} time",
        "closed_adjusted": "{name} had a dividend-adjusted close of {end_close} on {end} against {base_close} on "
        "{base} ({raw}): {pct}",
        "reached": "{name} reached an intraday {word} of {extreme} {when}, {ipct} against the close of {base_close} "
        "on {base}; it closed at {end_close} on {end} ({raw}): {pct}",
        "when_one": "on {day}",
        "when_span": "between {first} and {last}",
        "low": "low",
        "high": "high",
        "money": "{name}: {shares} shares × ({what} {price} on {end} − close {base_close} on {base}) = {listing} "
        "≈ {measured}{conv}",
        "what_low": "intraday low",
        "what_high": "intraday high",
        "what_close": "close",
        "conv": ", at the {rate_name}: {rate} {quote} per {base}",
        "ecb": "ECB euro reference rate of {day} (14:15 CET)",
        "yahoo": "Yahoo Finance daily FX bar of {day} (the rate at the start of that day, London)",
        "admits": "the claim admits a magnitude in {interval} {unit}",
        "widened": " (widened by {pct} for the share count's uncertainty)",
        "CORRECT": "{fact}; {admits}, so it holds.",
        "MOSTLY_CORRECT": "{fact}; {admits}: right direction, magnitude just outside.",
        "MISLEADING": "{fact}; {admits}, which fits only {basis}.",
        "INCORRECT": "{fact}; {admits}, so it does not hold{opposite}.{day}",
        "opposite": " (it {move}, the claim says the opposite)",
        "rose": "rose",
        "fell": "fell",
        "flat": "did not move",
        "day_range": " During {day} the price ranged from {low_pct} (low {low}) to {high_pct} (high {high}) "
        "against the previous close.",
        "unverifiable": "Cannot be checked: {reason}.",
        "search_fits": "No day was given: searched the {count} sessions {first} to {last} of {exchange} before "
        "publication; {best} fits best.",
        "search_none": "No day was given: searched the {count} sessions {first} to {last} of {exchange} before "
        "publication; none of them fits.",
        "note_one": "Session {end} of {exchange} (dates in {city} time, {zone}); base: close of {base}",
        "note_span": "Sessions {start} to {end} of {exchange} (dates in {city} time, {zone}); base: close of {base}",
        "notation": "{stated} → magnitude in {interval}",
        "fx": "1 {base} = {rate} {quote}, {rate_name}",
        "shares": "{count} shares as of {day} ({source})",
    },
    "de": {
        "closed": "{name} schloss am {end} bei {end_close} gegenüber {base_close} am {base} ({raw}): {pct}",
        "raw": "unbereinigte Schlusskurse; Handelstage nach Ortszeit {city}",
        "adjusted": "dividendenbereinigte Schlusskurse von Yahoo, da es keine unbereinigten gibt; Handelstage nach "
        "Ortszeit {city}",
        "closed_adjusted": "{name} hatte am {end} einen dividendenbereinigten Schlusskurs von {end_close} gegenüber "
        "{base_close} am {base} ({raw}): {pct}",
        "reached": "{name} erreichte {when} ein {word} von {extreme}, {ipct} gegenüber dem Schlusskurs von "
        "{base_close} am {base}; Schlusskurs am {end}: {end_close} ({raw}): {pct}",
        "when_one": "am {day}",
        "when_span": "zwischen {first} und {last}",
        "low": "Tagestief",
        "high": "Tageshoch",
        "money": "{name}: {shares} Aktien × ({what} {price} am {end} − Schlusskurs {base_close} am {base}) = "
        "{listing} ≈ {measured}{conv}",
        "what_low": "Tagestief",
        "what_high": "Tageshoch",
        "what_close": "Schlusskurs",
        "conv": ", umgerechnet zum {rate_name}: {rate} {quote} je {base}",
        "ecb": "Euro-Referenzkurs der EZB vom {day} (14:15 Uhr MEZ)",
        "yahoo": "Tageskurs von Yahoo Finance vom {day} (Kurs zu Tagesbeginn, London)",
        "admits": "die Aussage lässt einen Betrag in {interval} {unit} zu",
        "widened": " (um {pct} erweitert wegen der Unsicherheit der Aktienzahl)",
        "CORRECT": "{fact}; {admits}, sie trifft also zu.",
        "MOSTLY_CORRECT": "{fact}; {admits}: Die Richtung stimmt, der Betrag liegt knapp daneben.",
        "MISLEADING": "{fact}; {admits}. Die Zahl passt nur auf anderer Grundlage: {basis}.",
        "INCORRECT": "{fact}; {admits}, sie trifft also nicht zu{opposite}.{day}",
        "opposite": " (der Kurs {move}, die Aussage behauptet das Gegenteil)",
        "rose": "stieg",
        "fell": "fiel",
        "flat": "blieb unverändert",
        "day_range": " Im Handel am {day} lag der Kurs zwischen {low_pct} (Tief {low}) und {high_pct} "
        "(Hoch {high}) gegenüber dem Vortagesschluss.",
        "unverifiable": "Nicht überprüfbar: {reason}.",
        "search_fits": "Kein Tag genannt: Durchsucht wurden die {count} Handelstage vom {first} bis {last} an "
        "der Börse {exchange} vor der Veröffentlichung; am besten passt der {best}.",
        "search_none": "Kein Tag genannt: Durchsucht wurden die {count} Handelstage vom {first} bis {last} an "
        "der Börse {exchange} vor der Veröffentlichung; keiner davon passt.",
        "note_one": "Handelstag {end} an der Börse {exchange} (Datum nach Ortszeit {city}, {zone}); "
        "Basis: Schlusskurs vom {base}",
        "note_span": "Handelstage {start} bis {end} an der Börse {exchange} (Datum nach Ortszeit {city}, {zone}); "
        "Basis: Schlusskurs vom {base}",
        "notation": "{stated} → Betrag in {interval}",
        "fx": "1 {base} = {rate} {quote}, {rate_name}",
        "shares": "{count} Aktien, Stand {day} ({source})",
    },
}


@functools.cache
def zone_city(zone: str, lang: str) -> str:
    """The city a time zone is named after, in ``lang`` ("New York", "Tokio"); the zone itself if unknown."""
    try:
        return str(get_timezone_location(get_timezone(zone), locale=lang, return_city=True))
    except (LookupError, ValueError):
        return zone


def hedge_words(claim: Claim, lang: str) -> str:
    """The claim's hedge in ``lang``, its own words quoted after it when they differ: "about (“rund”)"."""
    if not claim.hedge:
        return ""
    reading = read_hedge(claim.hedge)
    parts = []
    if reading.basis is Basis.INTRADAY and reading.bound is not Bound.AT_MOST:
        parts.append(_AT_TIMES[lang])
    if _BOUNDS[lang][reading.bound]:
        parts.append(_BOUNDS[lang][reading.bound])
    shown = " ".join(parts)
    own = " ".join(claim.hedge.split())
    if shown.casefold() == own.casefold():
        return shown
    left, right = _QUOTES[lang]
    return f"{shown} ({left}{own}{right})" if shown else f"{left}{own}{right}"


_BASIS_KEYS = {words: key for key, words in reversed(BASES["en"].items())}


def basis_text(key: str, fmt: Formatter, fallback: str = "") -> str:
    """An other basis (``Alternative.key``, or its English words) as the report's language names it."""
    key = key or _BASIS_KEYS.get(fallback, "")
    return BASES[fmt.lang].get(key, fallback or key)


def price(value: float | None, currency: str | None, fmt: Formatter, kind: str | None = None) -> str:
    """A price in its currency, or an index level in points ("19,341.83 points" / "19.341,83 Pkt.")."""
    if kind == "index":
        return f"{fmt.decimal(value)} {'Pkt.' if fmt.lang == 'de' else fmt.word('points')}"  # "bei 19.341,83 Pkt."
    return fmt.money(value, currency)


def interval_notation(lo: float, hi: float, closed: tuple[bool, bool], fmt: Formatter) -> str:
    """An interval of magnitudes as mathematicians write it: "[16.5, 17.5)" / "[16,5; 17,5)"."""

    def end(x: float) -> str:
        if math.isinf(x):
            return "∞"
        return fmt.decimal(x, digits=_digits(x))

    sep = "; " if fmt.lang == "de" else ", "
    return f"{'[' if closed[0] else '('}{end(lo)}{sep}{end(hi)}{']' if closed[1] and not math.isinf(hi) else ')'}"


def _digits(x: float) -> int:
    for digits in range(0, 4):
        if abs(round(x, digits) - x) < 1e-9:
            return digits
    return 2


def unit_text(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """The verdict's unit in ``fmt``'s language: "%" or "Mrd. EUR" / "bn EUR"."""
    if claim.unit == "percent" or verdict.unit.strip() == "%":
        return "%"
    return fmt.money_symbol_unit(claim.scale, claim.currency or "")


def stated(claim: Claim, fmt: Formatter, text: str) -> str:
    """A claimed number with the claim's hedge in the report's language in front."""
    words = hedge_words(claim, fmt.lang)
    return f"{words} {text}" if words else text


def claimed_notation(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """The checker's notation: "−17 % → magnitude in [16.5, 17.5)" in the report's language."""
    if fmt.lang == "de" and (claim.metric in LEVELS or claim.metric in PRICE_UNITS or claim.metric is Metric.RECORD):
        return _kind_notation(verdict, claim, fmt)
    if verdict.reading is None:  # levels, points and records in English: the checker's own notation
        return verdict.claimed
    sign = "+" if claim.sign > 0 else "−"
    if claim.range:
        amount = f"{fmt.decimal(claim.range[0], digits=_digits(claim.range[0]))}–"
        amount += fmt.decimal(claim.range[1], digits=_digits(claim.range[1]))
    else:
        amount = fmt.decimal(claim.value or 0.0, digits=_digits(claim.value or 0.0))
    said = stated(claim, fmt, f"{sign}{amount} {unit_text(verdict, claim, fmt)}")
    if verdict.interval is None:
        return said
    notation = interval_notation(*verdict.interval, verdict.interval_closed, fmt)
    return S[fmt.lang]["notation"].format(stated=said, interval=notation)


def rate_name(verdict: Verdict, fmt: Formatter) -> str:
    """Which rate a money claim was converted at, and of which day."""
    fx = verdict.fx_rate
    if fx is None:
        return ""
    return S[fmt.lang]["yahoo" if fx.kind == "yahoo" else "ecb"].format(day=fmt.day(fx.on))


def fx_text(verdict: Verdict, fmt: Formatter) -> str | None:
    """"1 USD = 0.9497 EUR, ECB euro reference rate of Jan 27, 2025 (14:15 CET)" in the report's language."""
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
        text = _kind_sentence(verdict, claim, fmt)
    elif verdict.reading is None:  # English levels, points, records, or a verdict built by hand: the recorded sentence
        text = verdict.explanation
    else:
        text = _judged(verdict, claim, fmt)
    return f"{search} {text}" if search else text


def _judged(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    words, r = S[fmt.lang], verdict.reading
    assert r is not None
    cur, kind = verdict.currency, verdict.instrument_kind
    name = f"{claim.subject} ({verdict.symbol}, {verdict.exchange})"

    def p(value: float | None) -> str:
        return price(value, cur, fmt, kind)

    end, base = fmt.day(verdict.end_session), fmt.day(verdict.base_session)
    city = zone_city(verdict.timezone, fmt.lang) if verdict.timezone else "–"
    raw = words["adjusted" if r.adjusted else "raw"].format(city=city)
    down = claim.sign < 0
    if claim.unit == "percent":
        pct = fmt.percent(r.close_pct)
        if verdict.basis == "intraday":
            one = verdict.start_session in (None, verdict.end_session)
            when = (
                words["when_one"].format(day=end)
                if one
                else words["when_span"].format(first=fmt.day(verdict.start_session), last=end)
            )
            fact = words["reached"].format(
                name=name,
                word=words["low" if down else "high"],
                extreme=p(r.extreme),
                when=when,
                ipct=fmt.percent(r.intraday_pct),
                base_close=p(r.base_close),
                base=base,
                end_close=p(r.end_close),
                end=end,
                raw=raw,
                pct=pct,
            )
        else:
            fact = words["closed_adjusted" if r.adjusted else "closed"].format(
                name=name, end_close=p(r.end_close), end=end, base_close=p(r.base_close), base=base, raw=raw, pct=pct
            )
    else:
        intraday = verdict.basis == "intraday"
        what = words["what_low" if down else "what_high"] if intraday else words["what_close"]
        shares = "–" if r.implied_shares is None else f"{fmt.decimal(r.implied_shares / 1e9)} "
        shares += fmt.money_unit("billion", "") if r.implied_shares is not None else ""
        listing = None if r.money_listing is None else r.money_listing * claim.scale_factor
        conv = ""
        if verdict.fx_rate is not None:
            fx = verdict.fx_rate
            rate = fmt.decimal(fx.rate, digits=4)
            conv = words["conv"].format(rate_name=rate_name(verdict, fmt), rate=rate, quote=fx.quote, base=fx.base)
        measured = None if verdict.measured is None else verdict.measured * claim.scale_factor
        fact = words["money"].format(
            name=name,
            shares=shares,
            what=what,
            price=p(r.extreme if intraday else r.end_close),
            end=end,
            base_close=p(r.base_close),
            base=base,
            listing=fmt.big_money(listing, cur, digits=2),
            measured=fmt.big_money(measured, claim.currency, digits=2),
            conv=conv,
        )
    admits = words["admits"].format(
        interval=interval_notation(*verdict.interval, verdict.interval_closed, fmt) if verdict.interval else "–",
        unit=unit_text(verdict, claim, fmt),
    )
    if claim.unit == "money":
        uncertainty = verdict.share_count.relative_uncertainty if verdict.share_count else 0.01
        admits += words["widened"].format(pct=fmt.percent(uncertainty * 100, plus=False, digits=0))
    label = verdict.label.value
    if verdict.label is Label.MISLEADING:
        return words[label].format(fact=fact, admits=admits, basis=basis_text(r.fits_only, fmt))
    if verdict.label is not Label.INCORRECT:
        return words[label].format(fact=fact, admits=admits)
    m = verdict.measured or 0.0
    opposite = ""
    if math.copysign(1, m) != claim.sign or m == 0:
        opposite = words["opposite"].format(move=words["rose" if m > 0 else "fell" if m < 0 else "flat"])
    day = ""
    if r.day_range is not None:
        d = r.day_range
        day = words["day_range"].format(
            day=end,
            low_pct=fmt.percent(d.low_pct),
            low=p(d.low),
            high_pct=fmt.percent(d.high_pct),
            high=p(d.high),
        )
    return words[label].format(fact=fact, admits=admits, opposite=opposite, day=day)


# ---- readings a person should confirm (claims read from an article with low confidence) ----------------------
UNCERTAIN: dict[str, dict[str, str]] = {
    "en": {
        "mark": "reading uncertain — confirm",
        "confidence": "read with confidence {confidence}, under {threshold}",
        "count": "{n} of {total} claims read from the article with confidence under {threshold}: reading uncertain "
        "— confirm them; --fail-on does not count them until a person confirms them (confirmed: true in the "
        "claim file, or the review desk)",
        "rules": "the reading rules themselves were unsure",
        "subject: reference back": "the company was taken from an earlier mention (“the stock”, “it”)",
        "subject: short name": "the company was read from a short name",
        "subject: shared by names": "the numbers were paired with several names in order",
        "direction: other clause": "up or down was taken from another clause",
        "direction: both words near": "words for up and for down both stand near the number",
        "hedge: words disagree": "the hedge words disagree",
        "day: shared in sentence": "the day was shared with another number of the sentence",
        "day: earlier sentence": "the day was taken from an earlier sentence",
        "day: dateline": "the day was taken from the dateline or title",
        "day: question before": "the day was taken from a question before it (“Remember Monday?”)",
        "day: session before": "read as the session before the day named",
        "day: session after": "read as the session after the day told before (“the following day”)",
        "day: named before": "read as the day of that name the article told of before (“that Monday”)",
        "day: counted from story": "the period was counted from a day the article named elsewhere",
        "day: none named": "no day is named: the checker searches the sessions",
        "market value: no wording": "read as market value though the sentence does not say “market value”",
    },
    "de": {
        "mark": "Lesart unsicher — bitte bestätigen",
        "confidence": "gelesen mit Konfidenz {confidence}, unter {threshold}",
        "count": "{n} von {total} Aussagen aus dem Artikel mit Konfidenz unter {threshold} gelesen: Lesart unsicher "
        "— bitte bestätigen; --fail-on zählt sie erst, wenn ein Mensch sie bestätigt (confirmed: true in der "
        "Aussagendatei oder am Prüftisch)",
        "rules": "die Leseregeln selbst waren unsicher",
        "subject: reference back": "das Unternehmen wurde aus einer früheren Nennung übernommen („das Papier“, „sie“)",
        "subject: short name": "das Unternehmen wurde aus einem Kurznamen gelesen",
        "subject: shared by names": "die Zahlen wurden mehreren Namen der Reihe nach zugeordnet",
        "direction: other clause": "die Richtung wurde aus einem anderen Satzteil übernommen",
        "direction: both words near": "Wörter für Plus und für Minus stehen beide nahe der Zahl",
        "hedge: words disagree": "die Einschränkungen widersprechen sich",
        "day: shared in sentence": "der Tag wurde mit einer anderen Zahl des Satzes geteilt",
        "day: earlier sentence": "der Tag wurde aus einem früheren Satz übernommen",
        "day: dateline": "der Tag wurde aus Ortsmarke oder Titel übernommen",
        "day: question before": "der Tag wurde aus einer Frage davor übernommen („Erinnern Sie sich an den Montag?“)",
        "day: session before": "als Handelstag vor dem genannten Tag gelesen",
        "day: session after": "als Handelstag nach dem zuvor erzählten Tag gelesen („am Folgetag“)",
        "day: named before": "als der zuvor im Artikel genannte Tag dieses Namens gelesen („an jenem Montag“)",
        "day: counted from story": "der Zeitraum wurde von einem anderswo im Artikel genannten Tag aus gezählt",
        "day: none named": "kein Tag genannt: die Prüfung sucht die Handelstage",
        "market value: no wording": "als Börsenwert gelesen, obwohl der Satz nicht „Börsenwert“ sagt",
    },
}
"""What the report says of a claim whose reading is uncertain: the mark, and what the reading inferred
(``claims.extract.calibration.INFERENCES``), per language."""


def uncertain_reasons(inferred: tuple[str, ...], fmt: Formatter) -> tuple[str, ...]:
    """What was uncertain in a reading, in the report's language: one phrase per inference it made, or that
    the rules themselves were unsure when it made none."""
    words = UNCERTAIN[fmt.lang]
    return tuple(words.get(kind, kind) for kind in inferred) or (words["rules"],)


def uncertain_confidence(confidence: float, threshold: float, fmt: Formatter) -> str:
    """"read with confidence 0.55, under 0.80" in the report's language and number format."""
    return UNCERTAIN[fmt.lang]["confidence"].format(
        confidence=fmt.decimal(confidence, digits=2), threshold=fmt.decimal(threshold, digits=2)
    )


def uncertain_count(n: int, total: int, threshold: float, fmt: Formatter) -> str:
    """The summary's line counting the uncertain readings apart."""
    return UNCERTAIN[fmt.lang]["count"].format(n=n, total=total, threshold=fmt.decimal(threshold, digits=2))


# Why a claim cannot be checked (``checks.reasons``), per language; English is the checker's own wording.
REASONS_DE: dict[str, str] = {
    "quality_failed_for": "Datenprüfung {check} nicht bestanden für {days}",
    "quality_failed_on_claim": "Datenprüfung {check} an der Aussage nicht bestanden",
    "quality_failed_on_rate": "Datenprüfung {check} am Kurs {base}→{quote} nicht bestanden",
    "quality_failed_on": "Datenprüfung {check} nicht bestanden: {dataset}",
    "quality_count_failed_on": "Datenprüfung {check} nicht bestanden: {dataset}",
    "no_base": "die Daten haben keinen Handelstag vor dem {day}, von dem aus gemessen werden kann",
    "no_row": "die Daten haben keine Zeile für den {day}",
    "missing_price": "ein Kurs, den dieses Urteil braucht, fehlt in den Daten",
    "no_price_data": "keine Kursdaten für {symbol}",
    "no_shares": "keine Aktienzahl für {symbol} am oder vor dem {day}",
    "no_fx": "kein Kurs {base}→{quote} für den {day}",
    "unknown_instrument": "unbekanntes Wertpapier „{instrument}“ für „{subject}“: nicht in der Wertpapiertabelle",
    "no_instrument": "kein Wertpapier angegeben für „{subject}“",
    "no_market_value": "{symbol} ist {kind} und hat keinen Börsenwert",
    "not_in_points": "{symbol} ist {kind} und notiert in {currency}, nicht in Punkten: den Kurs mit unit: money und "
    "currency: {currency_again} angeben",
    "index_in_points": "{symbol} ist ein Index: Stand und Bewegungen werden in Punkten angegeben (unit: points)",
    "other_currency": "{symbol} notiert in {currency}, nicht in {claimed}: eine Kursangabe wird in der "
    "Börsenwährung geprüft",
    "value_record_currency": "ein Rekord des Börsenwerts wird in der Börsenwährung von {symbol} verglichen, "
    "{currency}, nicht {claimed}: currency: {currency_again} angeben",
    "period_needs_time": "der Zeitraum „{period}“ braucht den Veröffentlichungszeitpunkt des Artikels (published_at)",
    "not_closed": "der Handelstag {day} an der Börse {exchange} war bei Erscheinen des Artikels ({published}) noch "
    "nicht geschlossen: eine Aussage über den Schlusskurs lässt sich an diesem Tag nicht prüfen",
    "no_session_before": "kein Handelstag vor der Veröffentlichung",
    "no_session_given": "kein Handelstag genannt; Handelstage, einen Zeitraum oder den Veröffentlichungszeitpunkt "
    "angeben, vor dem gesucht wird",
    "outside_calendar": "der {day} liegt außerhalb des Börsenkalenders {exchange}, den marketfact kennt ({first} bis "
    "{last}): für diesen Tag lässt sich kein Handelstag prüfen ({name})",
    "not_a_session": "der {day} war kein Handelstag an der Börse {exchange} ({name}); die nächsten Handelstage sind "
    "der {before} und der {after}",
    "period_unknown_word": "unbekanntes Wort {word} im Zeitraum {words}",
    "period_no_session": "an der Börse {exchange} gab es am {day} ({weekday}) keinen Handel; die nächsten "
    "Handelstage: {before} und {after}",
    "period_outside_calendar": "der {day} ({weekday}) liegt außerhalb des Börsenkalenders {exchange}, den "
    "marketfact kennt (nächster Handelstag: {before}): für diesen Tag lässt sich kein Handelstag prüfen",
    "published_outside_calendar": "der Veröffentlichungszeitpunkt {published} liegt außerhalb des Börsenkalenders "
    "{exchange} ({first} bis {last})",
    "period_none_closed": "bis {published} war an der Börse {exchange} noch kein Handelstag geschlossen",
    "period_do_not_fit": "{words}: {count} Handelstage bis zum {last} passen nicht in den Börsenkalender {exchange}",
    "period_not_a_date": "{words} ist kein Datum",
    "period_wrong_weekday": "der {day} war ein {weekday}, nicht der in {words} genannte Wochentag",
    "period_cannot_combine": "die Teile von {words} lassen sich nicht verbinden: {parts}",
    "period_since_one_day": "{words}: „seit“ braucht genau einen Tag",
    "period_empty": "{words}: {why}, aber der {first} liegt nach dem {last}: es bleibt kein Handelstag",
    "period_reversed": "{words}: der {first} liegt nach dem {last}",
    "period_count_mismatch": "{words} nennt {count} Tage, aber vom {first} bis zum {last} liegen {sessions} "
    "Handelstage",
    "period_span_none_closed": "{words}: bis {published} war an der Börse {exchange} noch kein Handelstag "
    "geschlossen ({what})",
    "period_span_too_few": "{words}: erst {count} Handelstag(e) an der Börse {exchange} geschlossen ({what})",
    "published_needs_offset": "published_at braucht eine Zeitzone, z. B. 2025-01-29T08:00:00+01:00",
    "unknown_calendar": "unbekannter Börsenkalender {exchange}",
    "snapshot_no_prices": "der mitgelieferte Datenstand hat keine Kurse für {symbol}",
    "snapshot_no_rows": "der mitgelieferte Datenstand hat keine Zeilen für {symbol} vom {first} bis zum {last}",
    "yahoo_no_rows": "Yahoo Finance lieferte keine Zeilen für {symbol} vom {first} bis zum {last}",
    "yahoo_no_answer": "Yahoo Finance antwortete nicht auf die Anfrage {symbol} vom {first} bis zum {last} "
    "innerhalb von {seconds} s ({why})",
    "adjusted_needs_raw": "die Kursreihe des Anbieters für {symbol} enthält nur dividendenbereinigte Schlusskurse "
    "(keine unbereinigten Eröffnungs-, Hoch-, Tief- oder Schlusskurse): {what} braucht unbereinigte Kurse; "
    "messbar ist damit nur die prozentuale Veränderung des Schlusskurses",
    "adjusted_action": "die Kursreihe des Anbieters für {symbol} enthält nur dividendenbereinigte Schlusskurse, und "
    "„{action}“ (Ex-Tag {day}) fällt zwischen den {base} und den {end}: darüber weicht die bereinigte Veränderung "
    "von der unbereinigten ab",
    "adjusted_uncovered": "die Kursreihe des Anbieters für {symbol} enthält nur dividendenbereinigte Schlusskurse, "
    "und keine Aufstellung der Dividenden und Splits deckt {base} bis {end} ab; die bereinigte Veränderung kann die "
    "unbereinigte daher nicht ersetzen",
    "adjusted_note": "Gemessen an den dividendenbereinigten Schlusskursen von {symbol}: Die Kursreihe des Anbieters "
    "hat keine unbereinigten Schlusskurse, und zwischen dem {base} und dem {end} liegt keine Dividende und kein Split "
    "({who}); die prozentuale Veränderung ist daher dieselbe wie die unbereinigte.",
    "record_gap": "in der Kurshistorie seit dem {since} fehlen {count} Schlusskurse: {days}",
    "record_no_session": "kein Handelstag zwischen dem Beginn ({since}) und dem {end}, mit dem verglichen werden kann",
    "record_needs_history_since": "ein Rekord seit dem {since} braucht die Schlusskurse von {symbol} ab dem {first}, "
    "die Daten ({source}) beginnen aber am {start}: mit --source yfinance wird die Historie geladen",
    "record_needs_history": "ein Rekord über die ganze Historie (kein Beginn angegeben) braucht die Schlusskurse von "
    "{symbol} ab dem ersten Handelstag, die Daten ({source}) beginnen aber am {start}: mit --source yfinance wird die "
    "Historie geladen",
}
"""German wording of each ``checks.reasons.TEMPLATES`` code (the same parameters)."""

_KIND_DE = {"index": "ein Index", "fx": "ein Wechselkurs", "equity": "eine Aktie", "etf": "ein ETF"}
_NEEDS_RAW_DE = {
    "a percent change of the close": "eine prozentuale Veränderung des Schlusskurses",
    "the day's low or high": "das Tagestief oder -hoch",
    "a change of market value": "eine Veränderung des Börsenwerts",
    "a closing price": "ein Schlusskurs",
    "a move in currency units": "eine Bewegung in Währungseinheiten",
    "a market value": "ein Börsenwert",
    "a record": "ein Rekord",
    "this claim": "diese Aussage",
}
_WHO_DE = {"the snapshot's notes": "laut den Anmerkungen des Datenstands", "the vendor's actions": "laut Anbieter"}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _param(name: str, value: str, fmt: Formatter) -> str:
    """A recorded parameter in the report's language: dates as the report writes them, known words translated."""
    if _ISO_DAY.fullmatch(value):
        return fmt.day(date.fromisoformat(value))
    if name == "days":
        return _ISO_DAY.sub(lambda m: fmt.day(date.fromisoformat(m.group(0))), value)
    if name == "published":
        try:
            return fmt.local_moment(datetime.fromisoformat(value))
        except ValueError:
            return value
    if name == "dataset":
        return dataset_text(value, fmt)
    if fmt.lang == "de":
        if name == "kind":
            return _KIND_DE.get(value, value)
        if name == "what" and value in _NEEDS_RAW_DE:
            return _NEEDS_RAW_DE[value]
        if name == "who":
            return _WHO_DE.get(value, value)
        if name == "source":
            return fmt.word(value)
        if name == "basis":
            return _BASIS_DE.get(value, value)
        if name == "columns":
            return ", ".join(column_text(c, fmt) for c in value.split(", "))
        if name == "weekday":
            from marketfact.reports.readnotes import WEEKDAYS_DE

            return WEEKDAYS_DE.get(value, value)
        if name in ("words", "word") and len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
            return f"„{value[1:-1]}“"
        if name in ("why", "what"):
            from marketfact.reports.readnotes import period_clause

            return period_clause(value, fmt)
        if name == "check":
            from marketfact.reports.quality import DE  # the German description of every expectation

            return f"„{DE[value]}“ ({value})" if value in DE else value
    return value


def reason_text(reason: Reason, fmt: Formatter) -> str:
    """One reason in the report's language (English: exactly as the checker recorded it)."""
    if fmt.lang == "en" or reason.code not in REASONS_DE:
        return reason.english()
    return REASONS_DE[reason.code].format(**{k: _param(k, v, fmt) for k, v in reason.params})


def reasons_text(verdict: Verdict, fmt: Formatter) -> str:
    """Why the verdict is UNVERIFIABLE, in the report's language ('' when it has no reason)."""
    if not verdict.reason:
        return ""
    if fmt.lang == "en":
        return verdict.reason
    return "; ".join(reason_text(r, fmt) for r in verdict.reasons or read_reasons(verdict.reason))


def note_text(note: str, fmt: Formatter) -> str:
    """A verdict's note (``Verdict.warnings``) in the report's language."""
    if fmt.lang == "en":
        return note
    return "; ".join(reason_text(r, fmt) for r in read_reasons(note))


_DATASETS = (
    (re.compile(r"prices: (?P<symbol>.+)"), {"en": "prices: {symbol}", "de": "Kurse: {symbol}"}),
    (re.compile(r"fx: (?P<source>\w+) rates used"), {"en": "fx: {source} rates used", "de": "Wechselkurse: {source}"}),
    (
        re.compile(r"shares: (?P<symbol>.+) on (?P<day>\d{4}-\d{2}-\d{2})"),
        {"en": "shares: {symbol} on {day}", "de": "Aktienzahl: {symbol} am {day}"},
    ),
    (re.compile(r"claim set"), {"en": "claim set", "de": "Aussagen"}),
)


def dataset_text(name: str, fmt: Formatter) -> str:
    """A validated dataset's name ("prices: NVDA") in the report's language ("Kurse: NVDA")."""
    if fmt.lang == "en":
        return name
    for pattern, words in _DATASETS:
        match = pattern.fullmatch(name)
        if match:
            params = {k: _param(k, v, fmt) for k, v in match.groupdict().items()}
            if "source" in params:
                params["source"] = match.group("source").upper()
            return words[fmt.lang].format(**params)
    return name


REASONS_DE.update(
    {
        "price_basis": "Kursgrundlage von {symbol}: {basis}",
        "not_checked": "konnte nicht geprüft werden: {error}",
        "missing_columns": "fehlende Spalten: {columns}",
        "observed": "gefunden: {value}",
    }
)
_BASIS_DE = {"raw": "unbereinigt", "reconstructed": "rekonstruiert", "adjusted_only": "nur dividendenbereinigt"}
COLUMNS_DE: dict[str, str] = {
    "open": "Eröffnung",
    "high": "Hoch",
    "low": "Tief",
    "close": "Schluss",
    "adj_close": "bereinigter Schluss",
    "prev_close": "Vortagesschluss",
    "volume": "Volumen",
    "floor": "Untergrenze",
    "ceiling": "Obergrenze",
    "range_low": "Spanne unten",
    "range_high": "Spanne oben",
    "shares": "Aktienzahl",
    "as_of": "Stand",
    "currency": "Währung",
    "expected_currency": "erwartete Währung",
    "source": "Quelle",
    "value": "Wert",
    "on": "Tag",
    "gap_days": "Lücke (Tage)",
    "age_days": "Alter (Tage)",
    "magnitude": "Betrag",
    "direction": "Richtung",
    "published": "veröffentlicht",
    "first_session": "erster Handelstag",
    "last_session": "letzter Handelstag",
    "unexplained_move": "unerklärte Bewegung",
}
"""Columns a data-quality detail names, as a German reader names them (others are shown as they are)."""


def column_text(column: str, fmt: Formatter) -> str:
    """A data column's name in the report's language ("close" / "Schluss")."""
    return COLUMNS_DE.get(column, column) if fmt.lang == "de" else column


def value_text(value: float | int | bool | str | date | None, fmt: Formatter) -> str:
    """A value a data-quality detail quotes: six significant digits, volumes whole, dates as the report's."""
    empty = {"en": "empty", "de": "leer"}
    if value is None:
        return empty[fmt.lang]
    if isinstance(value, bool):
        return {"en": str(value).lower(), "de": "ja" if value else "nein"}[fmt.lang]
    if isinstance(value, int | float):
        x = float(value)
        if not math.isfinite(x):
            return fmt.decimal(x)
        if x.is_integer() and (abs(x) >= 1e4 or isinstance(value, int)):
            return fmt.decimal(x, digits=0)
        digits = max(0, 5 - math.floor(math.log10(abs(x)))) if x else 0
        text = fmt.decimal(x, digits=digits)
        sep = "," if fmt.lang == "de" else "."
        return text.rstrip("0").rstrip(sep) if sep in text else text
    if isinstance(value, date):
        return fmt.day(value)
    return str(value)


def detail_text(result: ExpectationResult, fmt: Formatter) -> str:
    """What a failed expectation found, in the report's language (English: the checker's record)."""
    if fmt.lang == "en" or not (result.facts or result.found):
        return result.detail
    parts = [reason_text(f, fmt) for f in result.facts]
    rows = []
    for row in result.found:
        label = fmt.day(row.key) if isinstance(row.key, date) else row.key
        if row.column is not None:
            label += f" {column_text(row.column, fmt)}"
        if row.has_cell:
            label += f" {value_text(row.cell, fmt)}"
        values = ", ".join(f"{column_text(c, fmt)} {value_text(v, fmt)}" for c, v in row.values)
        rows.append(f"{label} ({values})" if values else label)
    if result.more:
        rows.append(f"und {result.more} weitere")
    if rows:
        parts.append("; ".join(rows))
    return "; ".join(p for p in parts if p)


def where_text(result: ExpectationResult, fmt: Formatter) -> str:
    """Which columns, sessions and rows a result is about."""
    columns = (column_text(c, fmt) for c in result.columns)
    return ", ".join([*columns, *(fmt.day(s) for s in result.sessions), *result.rows])


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


def _kind_notation(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
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
        amount = f"{fmt.decimal(claim.range[0], digits=_digits(claim.range[0]))}–"
        amount += fmt.decimal(claim.range[1], digits=_digits(claim.range[1]))
    else:
        amount = fmt.decimal(claim.value or 0.0, digits=_digits(claim.value or 0.0))
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


def _kind_sentence(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
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


REASONS_DE.update(
    {
        "ecb_rate": "Euro-Referenzkurs der EZB vom {day} (14:15 Uhr MEZ)",
        "yahoo_bar": "{how}, Tageskurs von Yahoo Finance vom {day}; Yahoo datiert ihn auf 0:00 Uhr London, es ist "
        "also der Kurs zu Beginn des {start}, kein Schlusskurs des Tages",
    }
)


def source_detail(detail: str, fmt: Formatter) -> str:
    """A data source's detail in the sources table (an FX rate's origin) in the report's language."""
    if fmt.lang == "en" or not detail:
        return detail
    reasons = read_reasons(detail)
    if any(r.code == "text" for r in reasons):
        return detail  # a provenance file or the source's own words: shown as written
    return "; ".join(reason_text(r, fmt) for r in reasons)
