"""A day said relative to another in words ("the following day", "am Tag zuvor", "eine Woche zuvor"):
``find_phrase`` finds a phrase of a table in a stretch of a sentence, ``relative_phrase`` the one that belongs to
a number, ``relative_back`` one of the session before; ``session_after`` reads "the following day" as the
session after the day told just before. Used by ``claims.extract.day.periodof`` and ``claims.extract.day.whenof``."""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.decide import Context, Draft, segment
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.numbers import Quantity

_COMPARED = {("compared", "with"), ("compared", "to"), ("relative", "to"), ("verglichen", "mit")}
"""Two words that make the day phrase after them the base of a comparison (translated copy's "compared with the
previous day"), as "than" or "gegenüber" alone do."""


def relative_back(view: SentenceView, seg: tuple[int, int]) -> str | None:
    hit = find_phrase(view, seg, rules.PREVIOUS_SESSION[view.lang])
    return hit[0] if hit is not None else None


def find_phrase(
    view: SentenceView, span: tuple[int, int], table: tuple[tuple[str, ...], ...]
) -> tuple[str, int] | None:
    """The first phrase of ``table`` inside ``span``: (its words as written, where it ends)."""
    lows = [(t.low, t) for t in view.words_between(*span)]
    for words in table:
        for i in range(len(lows) - len(words) + 1):
            if tuple(w for w, _ in lows[i : i + len(words)]) == words:
                if i > 0 and lows[i - 1][0] in ("als", "than", "from", "versus", "vs", "gegenüber"):
                    continue  # "tiefer als am Vortag", "down 312.04 yen from the previous day": a comparison's base
                if i > 1 and (lows[i - 2][0], lows[i - 1][0]) in _COMPARED:
                    continue  # "down 4.1% compared with the previous day": the base again, not the move's day
                nxt = next((t for t in view.toks if t.start >= lows[i + len(words) - 1][1].end), None)
                if words[-1] in ("before", "after") and nxt is not None and nxt.kind == "word":
                    continue  # "during the session before paring its decline": "before" opens a clause
                return " ".join(t.text for _, t in lows[i : i + len(words)]), lows[i + len(words) - 1][1].end
    return None


def relative_phrase(view: SentenceView, q: Quantity, table: tuple[tuple[str, ...], ...]) -> tuple[str, int] | None:
    """A relative day phrase ("the following day", "am Tag zuvor") that belongs to ``q``: in q's own stretch of
    its clause, or in the clauses before it that hold no number, when q's clause opens with "when"/"als"
    ("steadying the following day, when it edged up 0.1%") or those clauses open the sentence ("Am Tag zuvor,
    als die Zahlen …, hatte die Aktie 1,1 Prozent nachgegeben")."""
    hit = find_phrase(view, segment(view, q), table)
    if hit is not None and hit[1] > q.span[1]:
        # after q, the phrase is q's only when no day and no "before"/"then" stands between ("plunged 7.3% on
        # Wednesday before steadying the following day" tells of Wednesday); the phrase's own "later" is no such word
        between = view.words_between(q.span[1], hit[1])[: -len(hit[0].split())]
        if any(q.span[1] <= p.start < hit[1] - len(hit[0]) for p in view.periods) or any(
            t.low in rules.LATER[view.lang] for t in between
        ):
            hit = None
    if hit is None:
        c0, _ = view.clause(q.span[0])
        prev_end = max((o.span[1] for o in view.quantities if o.span[1] <= q.span[0]), default=view.sentence.start)
        first = next((t for t in view.toks if t.start >= c0), None)
        opens_when = first is not None and first.low in ("when", "als")
        if prev_end < c0 and (opens_when or prev_end == view.sentence.start):
            hit = find_phrase(view, (prev_end, c0), table)
    return hit


def session_after(
    view: SentenceView, ctx: Context, ahead: tuple[str, int], previous: Draft | None, n: int = 1
) -> tuple[PeriodSpan | None, int, float, str]:
    """ "rebounding 8.9% the following day", "tags darauf kamen weitere 4,9 Prozent hinzu": the session after the
    day told just before: the previous number's of the sentence, a day the sentence named before the phrase,
    the latest claim's, else the story's."""
    words, end = ahead
    if previous is not None and previous.after is not None and previous.after.single_day:
        # "seit den Quartalszahlen vom 4. Februar rund 10 Prozent, allein am Tag danach 7,3 Prozent"
        base, shift, how = previous.after, 0, "the close the previous number is measured from"
    elif previous is not None and previous.period is not None:
        base, shift, how = previous.period, previous.shift, "the previous number's day"
    else:
        named = [p for p in view.periods if p.single_day and p.end <= end]
        if named:
            base, shift, how = named[-1], 0, "named before it"
        elif ctx.last_day is not None:
            base, shift = ctx.last_day
            how = "the day of the claim before"
        else:
            story = ctx.paragraph_period.get(view.sentence.paragraph) or ctx.article_period
            if story is None:
                return None, 0, 0.0, ""
            base, shift, how = story, 0, "the day of the story so far"
    after = "the session after" if n == 1 else f"{n} sessions after"
    return base, shift + n, 0.1, f"{words!r}: {after} {base.words!r}, {how}"
