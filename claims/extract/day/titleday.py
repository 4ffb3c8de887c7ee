"""A title's claim that the story tells again is one claim: "Friedenshoffnung treibt Dax auf Rekordhoch" over "…
hat den Dax am Donnerstag auf ein weiteres Rekordhoch getrieben", "NIKKEI UP 0.72% AT 38,798.37" over "The Nikkei
closed up 0.72% at 38,798.37". The title names no day and is read before any day is known; the story's sentence
says the same with its day, so the claim is read there and the title's figure is said as no claim of its own.
A title's claim the story does not repeat stays (with no day, as before).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from marketfact.claims.extract.decide import Draft, non_claim
from marketfact.claims.extract.sentences import Sentence
from marketfact.claims.readings import NonMarketNumber

TITLE_END = (".", ":", ";")
"""A first paragraph of one sentence ending so is a lede or a heading line, not a title."""


def told_again(drafts: Sequence[Draft], sentences: Sequence[Sentence]) -> tuple[list[Draft], list[NonMarketNumber]]:
    """(the drafts less the title's that a later sentence tells again, those title figures said as no claim)."""
    if not _has_title(sentences):
        return list(drafts), []
    body = [d for d in drafts if d.view.sentence.index > 0]
    keep: list[Draft] = []
    dropped: list[NonMarketNumber] = []
    for d in drafts:
        again = next((b for b in body if _same(d, b)), None) if _in_title(d) else None
        if again is None:
            keep.append(d)
        elif d.kind != "record":  # a record states no number: nothing to say of it
            told = " ".join(again.view.sentence.text.split()[:8])
            reason = f"the title's figure, told again in the story ({told!r}): one claim, read there"
            dropped.append(non_claim(d.view, d.q, "not_market", reason))
    return keep, dropped


def _in_title(d: Draft) -> bool:
    return d.view.sentence.index == 0 and d.period is None and d.after is None and d.view.body_start <= 0


def _same(title: Draft, body: Draft) -> bool:
    """Whether ``body`` says what ``title`` says: the same listing, kind, direction and figure (a record: the same
    record), the title's figure as rounded as it is written."""
    if (title.listing.symbol, title.kind, title.direction) != (body.listing.symbol, body.kind, body.direction):
        return False
    if title.kind == "record":
        return title.record == body.record
    if title.q.scale != body.q.scale or title.q.high is not None or body.q.high is not None:
        return False
    half = 0.5 * 10 ** (-title.q.decimals)
    return math.isclose(abs(title.q.value), abs(body.q.value)) or abs(abs(title.q.value) - abs(body.q.value)) < half


def _has_title(sentences: Sequence[Sentence]) -> bool:
    """Whether the article opens with a title: a first paragraph of one sentence, not ended as a sentence or a
    heading line is, with more after it."""
    first = sentences[0] if sentences else None
    return (
        first is not None
        and len(sentences) > 1
        and sentences[1].paragraph != first.paragraph
        and not first.text.rstrip().endswith(TITLE_END)
    )
