"""An extracted claim's paraphrase, written in the report's language from the claim's fields.

A claim file's ``text`` is the claim in the tool's own words. Written by hand it stays as written; written by
``claims.extract`` (an extracted claim's first note is "read from sentence …") it is the extractor's English
paraphrase, so a report writes it again in its own language from the claim's structured fields: the subject,
the direction, the number with its unit and precision, the hedge (in the report's language, the article's own
words quoted when they differ) and the period as the article wrote it (quoted when the article's language is
not the report's). ``claims.yaml`` keeps the extractor's text.
"""

from __future__ import annotations

from marketfact.claims.model import SCALES, Claim, Metric
from marketfact.reports.i18n import Formatter
from marketfact.reports.kindwords import RECORD_DE, VALUE_RECORD_DE
from marketfact.reports.phrases import QUOTES, hedge_adverb, hedge_words, price

EXTRACTED_NOTE = "read from sentence "
"""How ``claims.extract.build`` starts an extracted claim's notes."""

P: dict[str, dict[str, str]] = {
    "en": {
        "up": "rose",
        "down": "fell",
        "intraday": " intraday",
        "move": "{name} {verb}{intraday} {amount}{when}.",
        "cap_move": "{name}'s market value {verb}{adverb} by {amount}{when}.",
        "close_level": "{name} closed at {amount}{when}.",
        "intraday_level_down": "{name} traded as low as {amount}{when}.",
        "intraday_level_up": "{name} traded as high as {amount}{when}.",
        "cap_level": "{name}'s market value stood at {amount}{when}.",
        "record": "{name}: {record}{since}{when}.",
        "since": " since {since}",
        "ever": " on record",
        "lowest_close": "lowest close",
        "highest_close": "highest close",
        "biggest_fall": "biggest one-day fall",
        "biggest_rise": "biggest one-day rise",
        "losing_streak": "longest losing streak",
        "winning_streak": "longest winning streak",
        "value_biggest_fall": "biggest one-day loss of market value",
        "value_biggest_rise": "biggest one-day gain of market value",
    },
    "de": {
        "up": "stieg",
        "down": "fiel",
        "intraday": " im Tagesverlauf",
        "move": "{name} {verb}{intraday} um {amount}{when}.",
        "cap_move": "Der Börsenwert von {name} {verb}{adverb} um {amount}{when}.",
        "cap_up": "stieg",
        "cap_down": "sank",
        "close_level": "{name} schloss bei {amount}{when}.",
        "intraday_level_down": "{name} fiel im Tagesverlauf bis auf {amount}{when}.",
        "intraday_level_up": "{name} stieg im Tagesverlauf bis auf {amount}{when}.",
        "cap_level": "Der Börsenwert von {name} lag bei {amount}{when}.",
        "record": "{name}: {record}{since}{when}.",
        "since": " seit dem {since}",
        "ever": " über die ganze Historie",
        **{key: words.replace("ste ", "ster ").replace("ßte ", "ßter ") for key, words in RECORD_DE.items()},
        **{f"value_{key}": words.replace("ßte ", "ßter ") for key, words in VALUE_RECORD_DE.items()},
    },
}
"""The paraphrase's words per language; ``{amount}`` carries the hedge in front of the number."""


def is_extracted(claim: Claim) -> bool:
    """Whether the claim's text is the extractor's paraphrase (not a person's words)."""
    return bool(claim.notes) and claim.notes[0].startswith(EXTRACTED_NOTE)


def claim_text(claim: Claim, fmt: Formatter) -> str:
    """The claim's text as a report shows it: an extracted claim's paraphrase in the report's language, any
    other claim's text as written."""
    if not is_extracted(claim):
        return claim.text
    return paraphrase(claim, fmt)


def _number(value: float, claim: Claim, fmt: Formatter) -> str:
    digits = claim.precision
    if claim.unit == "percent":
        return fmt.percent(value, plus=False, digits=digits)
    if claim.unit == "points":
        return price(value, None, fmt, "index")
    if claim.scale == "one":
        return fmt.money(value, claim.currency)
    return fmt.big_money(value * SCALES[claim.scale], claim.currency, plus=False, digits=digits)


def _amount(claim: Claim, fmt: Formatter) -> str:
    if claim.range is not None:
        lo, hi = (_number(v, claim, fmt) for v in claim.range)
        text = f"{lo} – {hi}"
    else:
        text = _number(claim.value or 0.0, claim, fmt)
    words = hedge_words(claim, fmt.lang)
    return f"{words} {text}" if words else text


def _when(claim: Claim, fmt: Formatter) -> str:
    if claim.period:
        words = " ".join(claim.period.split())
        if claim.language and claim.language != fmt.lang:
            left, right = QUOTES[fmt.lang]
            words = f"{left}{words}{right}"
        return f" ({words})"
    if claim.sessions:
        return " (" + " – ".join(dict.fromkeys(fmt.day(d) for d in (claim.sessions[0], claim.sessions[-1]))) + ")"
    return ""


def _adverb_first(amount: str, fmt: Formatter) -> tuple[str, str]:
    """The hedge's adverb taken out of the amount, to stand before the preposition ("fell at times by", "sank
    zeitweise um") rather than between it and the number: "at times more than 563 bn €" -> " at times"."""
    adverb = hedge_adverb(fmt.lang)
    if amount.startswith(f"{adverb} "):
        return f" {adverb}", amount.removeprefix(f"{adverb} ")
    return "", amount


def paraphrase(claim: Claim, fmt: Formatter) -> str:
    """The claim in the report's language: "Nvidia fiel um fast 17 % (am Montag)." / "Nvidia fell nearly 17%
    (“am Montag”)."."""
    w = P[fmt.lang]
    direction = claim.direction.value if claim.direction is not None else "down"
    name, when = claim.subject, _when(claim, fmt)
    if claim.metric is Metric.RECORD:
        record = ("value_" if claim.value_record else "") + (claim.record.value if claim.record is not None else "")
        since = w["since"].format(since=fmt.day(claim.since)) if claim.since else w["ever"]
        return w["record"].format(name=name, record=w.get(record, record), since=since, when=when)
    amount = _amount(claim, fmt)
    if claim.metric is Metric.MARKET_CAP_CHANGE:
        verb = w.get(f"cap_{direction}", w[direction])
        adverb, amount = _adverb_first(amount, fmt)
        return w["cap_move"].format(name=name, verb=verb, adverb=adverb, amount=amount, when=when)
    if claim.metric is Metric.CLOSE_LEVEL:
        return w["close_level"].format(name=name, amount=amount, when=when)
    if claim.metric is Metric.INTRADAY_LEVEL:
        return w[f"intraday_level_{direction}"].format(name=name, amount=amount, when=when)
    if claim.metric is Metric.MARKET_CAP_LEVEL:
        return w["cap_level"].format(name=name, amount=amount, when=when)
    # a percent move of the close or the day's extreme, or a move in points or currency units
    at_times = claim.metric is Metric.INTRADAY_EXTREME and not hedge_words(claim, "en").startswith("at times")
    intraday = w["intraday"] if at_times else ""
    if fmt.lang == "de":  # "fiel zeitweise um fast 18 %", as "um" follows the verb
        adverb, amount = _adverb_first(amount, fmt)
        intraday = adverb or intraday
    return w["move"].format(name=name, verb=w[direction], intraday=intraday, amount=amount, when=when)
