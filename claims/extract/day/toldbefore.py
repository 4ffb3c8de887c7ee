"""A period said of one told before in the article: "over the same five sessions" is the span of the claim told
before (``same_count``), a clause opened by "when" right after a day is that day's (``day_right_before``), and a
level of another name with a verb of its own is no more of the previous number's move (``another_subject``), and a
move said again as an indefinite week right after its number ("ein Plus von gut elf Prozent in einer Woche") is the
span of the claim told before (``week_again``). Used by ``claims.extract.day.whenof``."""

from __future__ import annotations

from marketfact.claims.extract.day import periodclauses
from marketfact.claims.extract.day.timewords import PeriodSpan, is_counted
from marketfact.claims.extract.decide import Context, Draft
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.since import sinceclose
from marketfact.claims.numbers import Quantity


def same_count(
    view: SentenceView, ctx: Context, previous: Draft | None, period: PeriodSpan | None
) -> tuple[Draft, str] | None:
    """ "Nvidia … ended that week 15.8% lower. Broadcom fell 11.6% over the same five sessions": a count of sessions
    said with "the same" is the span of the claim told before (the sentence's previous number's, else the latest
    claim's), with the day it ends on: (that claim's draft, a note); None for any other period."""
    if period is None or not is_counted(period.words, view.lang) or periodclauses.same_days_lead(view, period) is None:
        return None
    told = previous if previous is not None and previous.view is view else ctx.last_told
    if told is None or told.period is None or told.period is period:
        return None
    lead = periodclauses.same_days_lead(view, period)
    words = " ".join(t.text for t in view.toks if lead is not None and lead <= t.start < period.end)
    return told, f"{words!r}: the period of the claim before, {told.period.words!r}, carried over from earlier"


def span_told(
    view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None, period: PeriodSpan | None, shift: int
) -> tuple[Draft, str] | None:
    """The claim told before whose span ``q`` says again: "over the same five sessions" (``same_count``, with no
    shift), "… in einer Woche" (``week_again``)."""
    return (same_count(view, ctx, previous, period) if shift == 0 else None) or week_again(view, q, ctx, previous)


_A_WEEK = {
    "de": tuple((lead, "einer", "woche") for lead in ("in", "binnen", "innerhalb")),
    "en": (("in", "a", "week"), ("in", "one", "week"), ("within", "a", "week")),
}
"""An indefinite week right after a number: a duration, not a week named."""


def week_again(view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None) -> tuple[Draft, str] | None:
    """ "Bis zum Freitagsschluss legte die Aktie um 11,3 Prozent zu. … ein Kursplus von gut elf Prozent in einer
    Woche": a move said with an indefinite week right after its number is the span of the claim told before in its
    paragraph (the sentence's previous number's, else the latest claim's over more than one session): (that claim's
    draft, a note); None otherwise."""
    after = [t for t in view.toks if t.start >= q.span[1]][:3]
    if tuple(t.low for t in after) not in _A_WEEK.get(view.lang, ()):
        return None
    told = previous if previous is not None and previous.view is view else ctx.last_span
    if told is None or (told.after is None and (told.period is None or told.period.single_day)):
        return None
    if told.view.sentence.paragraph != view.sentence.paragraph:
        return None
    words = " ".join(t.text for t in after)
    end = told.period.words if told.period is not None else "the last session closed"
    return told, f"{words!r}: the period of the claim before, {end!r}, carried over from earlier"


def day_right_before(view: SentenceView, q: Quantity) -> PeriodSpan | None:
    """A single day that ends the clause before q's, with only punctuation between ("…, most of it on Monday, Feb.
    10, when …"), not one of a look back or a close a move is measured from; the day after a record's "since" is one
    ("its biggest gain since Jan. 29, when it climbed 4.7%")."""
    c0, _ = view.clause(q.span[0])
    days = [p for p in view.periods if p.single_day and p.end <= c0] + [r for r in _dated(view) if r.end <= c0]
    if not days:
        return None
    p = max(days, key=lambda x: x.end)
    if any(t.kind != "punct" for t in view.toks if p.end <= t.start < c0):
        return None
    if p not in view.periods:  # "its biggest gain since Jan. 29, when it climbed 4.7%": the day the record runs from
        return p
    if periodclauses.period_tells_earlier(view, p) or sinceclose.is_reference_close(view, p):
        return None
    return p


def _dated(view: SentenceView) -> list[PeriodSpan]:
    """The dates after a record's "since" ("its biggest gain since Jan. 29"), as single days."""
    out = []
    for r in view.records:
        lead, _, rest = r.words.partition(" ")
        if lead.lower() == "since" and any(c.isdigit() for c in rest):
            out.append(PeriodSpan(r.end - len(rest), r.end, rest, "", True))
    return out


def another_subject(view: SentenceView, q: Quantity, previous: Draft | None) -> bool:
    """Whether a name other than the previous number's subject stands between that number and ``q`` in the sentence
    ("Alphabet fell 3.3% … after sliding 7.3% on Wednesday, and the Nasdaq Composite ended at 19,523.40")."""
    if previous is None or previous.view is not view:
        return False
    between = [m for m in view.mentions if previous.q.span[1] <= m.start < q.span[0] and not m.modifier]
    return any(m.entry is not None and m.entry.listing.symbol != previous.listing.symbol for m in between)
