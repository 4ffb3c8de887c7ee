"""A level told by a noun of the close or of the day's extreme, as copy translated from Japanese and many wires write
it: "The closing price was 9,504 yen", "The high of the day was 9,335 yen", "the day's low was $116.25", and a level
said "at its worst" / "at its best" ("It traded at $309.44 at its worst"). The noun says what the level is: a close,
or the day's high or low (before, "The closing price was …" and "The high of the day was …" were no claim, and a price
"at its worst" was read as a close). German says these mostly with "bei"/"auf" after the noun ("Das Tageshoch lag
bei …"), which ``claims.extract.kind.kinds`` reads already, and with a copula as well ("Der Tiefstkurs des Tages betrug
25.480 Yen", "das Tagestief war 238,55 Euro"), read here. Used by ``claims.extract.kind.kinds.kind_of``."""

from __future__ import annotations

from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.numbers import Quantity

CLOSE = "close"
HIGH = "up"
LOW = "down"

_NOUNS: dict[tuple[str, ...], str] = {
    ("closing", "price"): CLOSE,
    ("closing", "level"): CLOSE,
    ("closing", "value"): CLOSE,
    ("high", "of", "the", "day"): HIGH,
    ("day's", "high"): HIGH,
    ("intraday", "high"): HIGH,
    ("session", "high"): HIGH,
    ("low", "of", "the", "day"): LOW,
    ("day's", "low"): LOW,
    ("intraday", "low"): LOW,
    ("session", "low"): LOW,
}
_NOUNS_DE: dict[tuple[str, ...], str] = {
    ("höchstkurs", "des", "tages"): HIGH,
    ("tageshöchstkurs",): HIGH,
    ("tageshoch",): HIGH,
    ("tiefstkurs", "des", "tages"): LOW,
    ("tagestiefstkurs",): LOW,
    ("tagestief",): LOW,
}
"""Nouns of a close or an extreme, and which (the German ones of the day's extreme apart)."""
_COPULAS = frozenset({"was", "is", "were", "came"})
_COPULAS_DE = frozenset({"betrug", "war", "waren", "ist", "beträgt"})
_AFTER = {("at", "its", "worst"): LOW, ("at", "its", "lowest"): LOW, ("at", "its", "best"): HIGH}
_AFTER |= {("at", "its", "highest"): HIGH, ("at", "its", "peak"): HIGH}
"""Right after a level: the day's extreme it was."""


def told_by_noun(view: SentenceView, q: Quantity) -> str | None:
    """``CLOSE``, ``HIGH`` or ``LOW`` when price or level ``q`` is the predicate of a noun of the close or the extreme
    opening its clause ("The closing price was 9,504 yen", "The high of the day was 9,335 yen") or is said "at its
    worst"/"at its best" right after it; else None."""
    if q.kind not in ("money", "index_points", "number") or q.scale != "one":
        return None
    if view.lang == "de":
        return _told_by_noun_de(view, q)
    after = tuple(t.low for t in view.toks if t.start >= q.span[1])[:3]
    if after in _AFTER:
        return _AFTER[after]
    c0, _ = view.clause(q.span[0])
    lead = [t.low for t in view.words_between(c0, q.span[0]) if t.kind == "word" or t.low == "day's"]
    if not lead or lead[-1] not in _COPULAS:
        return None
    head = tuple(lead[:-1])
    return next((what for noun, what in _NOUNS.items() if head[-len(noun) :] == noun), None)


def _told_by_noun_de(view: SentenceView, q: Quantity) -> str | None:
    """ "Der Tiefstkurs des Tages betrug 25.480 Yen", "das Tagestief war 238,55 Euro", "Im Tageshoch waren es 22.624,57
    Zähler" (the copula before "es"): the day's low or high."""
    c0, _ = view.clause(q.span[0])
    lead = [t.low for t in view.words_between(c0, q.span[0]) if t.kind == "word"]
    lead = lead[:-1] if lead[-1:] == ["es"] else lead
    if not lead or lead[-1] not in _COPULAS_DE:
        return None
    head = tuple(lead[:-1])
    return next((what for noun, what in _NOUNS_DE.items() if head[-len(noun) :] == noun), None)
