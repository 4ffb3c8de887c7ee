"""A claim in the project's own words (its ``text`` in the claim file): who moved how much, when, said plainly
in English whatever the article's language, with its hedge and period as read."""

from __future__ import annotations

from marketfact.claims.extract.decide import Draft
from marketfact.claims.extract.kind import kinds, records


def paraphrase(d: Draft, value_text: str | None) -> str:
    """The claim in the project's own words: "Nvidia fell 17 % (on Monday)."; a claim file's ``text``."""
    if d.kind:
        return _kind_paraphrase(d, value_text)
    q = d.q
    low, high = q.magnitudes
    number = f"{low:g}–{high:g}" if high is not None else value_text
    amount = (
        f"{number} {q.scale if q.scale != 'one' else ''} {q.currency} of market value"
        if q.kind == "money"
        else f"{number} %"
    )
    verb = "rose" if d.direction == "up" else "fell"
    hedge = f" ({d.hedge})" if d.hedge else ""
    basis = " intraday" if d.intraday and q.kind != "money" else ""
    when = _when_words(d)
    return " ".join(f"{d.entry.name} {verb}{basis}{hedge} {amount}{when}.".split())


_RECORD_WORDS = {
    "lowest_close": "closed at its lowest",
    "highest_close": "closed at its highest",
    "biggest_fall": "had its biggest one-day fall",
    "biggest_rise": "had its biggest one-day rise",
    "losing_streak": "had its longest losing streak",
    "winning_streak": "had its longest winning streak",
}
_VALUE_RECORD_WORDS = {
    "biggest_fall": "had its biggest one-day loss of market value",
    "biggest_rise": "had its biggest one-day gain of market value",
}


def _kind_paraphrase(d: Draft, value_text: str | None) -> str:
    q = d.q
    low, high = q.magnitudes
    number = f"{low:g}–{high:g}" if high is not None else value_text
    hedge = f" ({d.hedge})" if d.hedge else ""
    unit = f"{q.scale if q.scale != 'one' else ''} {q.currency}" if q.kind == "money" else "points"
    when = _when_words(d)
    if d.kind == kinds.RECORD:
        since = f" since {records.since_words(d.since.words)}" if d.since is not None else " on record"
        words = _VALUE_RECORD_WORDS[d.record] if d.record_unit == "money" else _RECORD_WORDS.get(d.record, d.record)
        text = f"{d.entry.name} {words}{since}{when}."
    elif d.kind == kinds.CLOSE_LEVEL:
        text = f"{d.entry.name} closed at{hedge} {number} {unit}{when}."
    elif d.kind == kinds.INTRADAY_LEVEL:
        text = f"{d.entry.name} traded as {'low' if d.direction == 'down' else 'high'} as{hedge} {number} {unit}{when}."
    elif d.kind == kinds.MARKET_CAP_LEVEL:
        text = f"{d.entry.name}'s market value stood at{hedge} {number} {unit}{when}."
    else:
        verb = "rose" if d.direction == "up" else "fell"
        text = f"{d.entry.name} {verb}{hedge} {number} {unit}{when}."
    return " ".join(text.split())


def _when_words(d: Draft) -> str:
    """ " (on Monday)", " (on Friday, the session before)", " (since the close of Jan. 24, to Friday)": the period in
    a paraphrase."""
    if d.after is not None:
        return f" (since the close of {d.after.words}{', to ' + d.period.words if d.period else ''})"
    return f" ({d.period.words}{_shift_words(d.shift)})" if d.period else ""


def sessions_word(shift: int) -> str:
    """ "the session after", "2 sessions after", "3 sessions before": a shift in sessions, in words."""
    n, where = abs(shift), "after" if shift > 0 else "before"
    return f"the session {where}" if n == 1 else f"{n} sessions {where}"


def _shift_words(shift: int) -> str:
    return f", {sessions_word(shift)}" if shift else ""
