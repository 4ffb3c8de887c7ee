"""The pieces every report sentence is made of, per language: the sentence tables (``S``, ``BASES``), hedge
words, prices and index levels, interval notation, units, a time zone's city and the name of an FX rate.
``reports.sentences`` writes whole sentences from them; ``reports.kindsentences`` the German ones of levels,
points changes, market values and records.
"""

from __future__ import annotations

import functools
import math

from babel.dates import get_timezone, get_timezone_location

from marketfact.checks.verdicts import Verdict
from marketfact.claims.hedges import Basis, Bound, read_hedge
from marketfact.claims.model import Claim
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
QUOTES = {"en": ("“", "”"), "de": ("„", "“")}

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
        "note_one": "Session {end} of {exchange} (dates in {city} time, {zone}); base: {close} of {base}",
        "note_span": "Sessions {start} to {end} of {exchange} (dates in {city} time, {zone}); base: {close} of {base}",
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
        "Basis: {close} vom {base}",
        "note_span": "Handelstage {start} bis {end} an der Börse {exchange} (Datum nach Ortszeit {city}, {zone}); "
        "Basis: {close} vom {base}",
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


def hedge_adverb(lang: str) -> str:
    """How ``lang`` says that a number was reached during the session, not at its close: "at times"."""
    return _AT_TIMES[lang]


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
    left, right = QUOTES[lang]
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
        return fmt.decimal(x, digits=shown_digits(x))

    sep = "; " if fmt.lang == "de" else ", "
    return f"{'[' if closed[0] else '('}{end(lo)}{sep}{end(hi)}{']' if closed[1] and not math.isinf(hi) else ')'}"


def shown_digits(x: float) -> int:
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


def rate_name(verdict: Verdict, fmt: Formatter) -> str:
    """Which rate a money claim was converted at, and of which day."""
    fx = verdict.fx_rate
    if fx is None:
        return ""
    return S[fmt.lang]["yahoo" if fx.kind == "yahoo" else "ecb"].format(day=fmt.day(fx.on))
