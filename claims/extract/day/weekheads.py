"""Weeks counted in a feature's paragraphs: "Week one was the crash. … Week three was calmer." A paragraph that opens
with "Week one" starts the count at the week of the first day named after it; one that opens with "Week two", "Week
three" … is that many weeks on, and its claims with no day of their own are over that week (English only)."""

from __future__ import annotations

from datetime import date, timedelta

from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.decide import Context
from marketfact.claims.extract.reading import SentenceView

ORDINALS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
"""The count after "Week" that opens a paragraph."""


def week_heading(view: SentenceView) -> int | None:
    """N for a sentence that opens with "Week N" ("Week three was calmer."), else None."""
    words = [t for t in view.toks if t.kind != "punct"][:2]
    if view.lang != "en" or len(words) < 2 or words[0].low != "week":
        return None
    return ORDINALS.get(words[1].low)


def remember_week_heading(view: SentenceView, ctx: Context) -> None:
    """After "Week one", remember where the days named under it start; after "Week N" (N > 1), make that week, counted
    from the week of the first day named under "Week one", the paragraph's period: "the week to <its Friday>"."""
    n = week_heading(view)
    if n is None:
        return
    if n == 1:
        ctx.week_one = len(ctx.days)
        return
    if ctx.week_one is None or ctx.week_one >= len(ctx.days) or not ctx.days[ctx.week_one].last:
        return
    base = date.fromisoformat(ctx.days[ctx.week_one].last)
    friday = base - timedelta(days=base.weekday()) + timedelta(weeks=n - 1, days=4)
    words = f"the week to {friday.isoformat()}"
    start = view.sentence.start
    ctx.paragraph_period[view.sentence.paragraph] = PeriodSpan(start, start, words, friday.isoformat(), False)
    ctx.next_day.pop(view.sentence.paragraph, None)
