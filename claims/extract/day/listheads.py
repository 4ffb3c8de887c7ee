"""Lists under a heading that names their day: "MARKETS (Monday's close)" over "- S&P 500: +0.67% to 6,066.44",
"SINGLE STOCKS (also on Friday)" over "- Microsoft slipped 1.5%.". An item that names no day of its own tells of the
day its list's heading names (both languages: a list's layout is no matter of language)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.decide import Context
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.sentences import Sentence

_ITEM = re.compile(r"[ \t]{0,3}(?:[-*+•][ \t]+|\d{1,3}[.)][ \t]+)")
"""A list item's marker at the start of its line."""
_ENDS_PROSE = tuple(".!?…:;,")
"""A heading ends with none of these."""


def list_heads(text: str, sentences: Sequence[Sentence]) -> dict[int, int]:
    """The paragraph of each list item, mapped to the paragraph of the heading right above its list: a paragraph of one
    sentence that ends with no punctuation of prose and is no item itself."""
    by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_para.setdefault(s.paragraph, []).append(s)
    heads: dict[int, int] = {}
    head: int | None = None
    for para in sorted(by_para):
        first = by_para[para][0]
        line_start = text.rfind("\n", 0, first.start) + 1
        if _ITEM.match(text, line_start):
            if head is not None:
                heads[para] = head
            continue
        one = by_para[para]
        head = para if len(one) == 1 and not one[0].text.rstrip().endswith(_ENDS_PROSE) else None
    return heads


def remember_list_heading(view: SentenceView, ctx: Context) -> None:
    """The one day a list's heading names ("MARKETS (Monday's close)"): the day of its items that name none."""
    para = view.sentence.paragraph
    if view.quantities or para not in ctx.list_head.values():
        return
    days = [p for p in view.periods if p.single_day and p.last]
    if len(days) == 1:
        ctx.heading_day[para] = days[0]


def heading_day(view: SentenceView, ctx: Context) -> tuple[PeriodSpan, int, float, str] | None:
    """For a list item with no day of its own: the day its list's heading names, with a note."""
    head = ctx.list_head.get(view.sentence.paragraph)
    day = ctx.heading_day.get(head) if head is not None else None
    if day is None:
        return None
    note = f"no period in this list item: {day.words!r} from the heading of its list, carried over from earlier"
    return day, 0, 0.1, note
