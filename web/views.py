"""What the desk's templates render, built from a draft: typed views of plain text pieces, never markup.

The article is user input. It reaches a template only as text cut at the extractor's character offsets; the
templates wrap the pieces in their own ``<mark>`` elements and Jinja2's autoescape keeps everything inside inert
(as ``reports.article`` does for the report).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from marketfact.claims.extract.calibration import CONFIRM_BELOW
from marketfact.reports.i18n import Formatter
from marketfact.reports.uncertain import UNCERTAIN, uncertain_reasons
from marketfact.web.desk import EDITABLE, Draft, Review, plain

STATUS_ORDER = ("pending", "confirmed", "rejected")
"""A sentence holding several claims is marked with the first of its claims' statuses in this order."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of article text: plain (``kind`` ""), a claim's number, or a number that is not a claim."""

    text: str
    kind: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class Passage:
    """Article text between claim sentences (``marked`` False), or one sentence holding claims."""

    pieces: tuple[Piece, ...]
    marked: bool = False
    status: str = ""
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Field:
    """One input of the edit form."""

    name: str
    label: str
    value: str
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for a select; empty for a text input


@dataclass(frozen=True, slots=True)
class ClaimCard:
    """One claim under review, as the readings page shows it."""

    id: str
    anchor: str
    status: str
    status_text: str
    edited: bool
    text: str
    sentence: int
    pieces: tuple[Piece, ...]
    facts: tuple[tuple[str, str], ...]
    read_from: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]
    fields: tuple[Field, ...]
    errors: tuple[str, ...]


def anchor(claim_id: str) -> str:
    """The element id of a claim's card (claim ids hold letters, digits, ``.``, ``_`` and ``-`` only)."""
    return f"claim-{claim_id}"


def _clamp(span: tuple[int, int], size: int) -> tuple[int, int] | None:
    start, end = max(0, span[0]), min(size, span[1])
    return (start, end) if start < end else None


def _pieces(text: str, start: int, end: int, marks: list[tuple[int, int, Piece]]) -> tuple[Piece, ...]:
    """``text[start:end]`` cut around the marks inside it (sorted, not overlapping)."""
    out: list[Piece] = []
    at = start
    for s, e, piece in marks:
        if s < at or s < start or e > end:
            continue
        if s > at:
            out.append(Piece(text[at:s]))
        out.append(Piece(text[s:e], piece.kind, piece.title))
        at = e
    if at < end:
        out.append(Piece(text[at:end]))
    return tuple(out)


def _number_marks(draft: Draft) -> list[tuple[int, int, Piece]]:
    size = len(draft.text)
    marks: list[tuple[int, int, Piece]] = []
    for review in draft.reviews.values():
        if bounds := _clamp(review.reading.number_span, size):
            marks.append((*bounds, Piece("", "number", review.claim_id)))
    for n in draft.extraction.not_market:
        if bounds := _clamp(n.span, size):
            marks.append((*bounds, Piece("", "not_market", n.reason)))
    kept: list[tuple[int, int, Piece]] = []
    for mark in sorted(marks, key=lambda m: (m[0], -m[1])):
        if not kept or mark[0] >= kept[-1][1]:
            kept.append(mark)
    return kept


def passages(draft: Draft) -> tuple[Passage, ...]:
    """The article cut into passages: each sentence holding claims marked by its claims' review status.

    Joined, the pieces give back the article's text exactly.
    """
    text, size = draft.text, len(draft.text)
    by_span: dict[tuple[int, int], list[Review]] = {}
    for review in draft.reviews.values():
        if bounds := _clamp(review.reading.sentence_span, size):
            by_span.setdefault(bounds, []).append(review)
    marks = _number_marks(draft)
    result: list[Passage] = []
    at = 0
    for (start, end), members in sorted(by_span.items()):
        if start < at:  # a sentence overlapping the one before: left unmarked
            continue
        if start > at:
            result.append(Passage(_pieces(text, at, start, marks)))
        status = min((r.status for r in members), key=STATUS_ORDER.index)
        result.append(Passage(_pieces(text, start, end, marks), True, status, anchor(members[0].claim_id)))
        at = end
    if at < size:
        result.append(Passage(_pieces(text, at, size, marks)))
    return tuple(result)


def _amount(data: dict[str, object]) -> str:
    value = data.get("value_text") or data.get("value")
    bounds = data.get("range")
    if value is None and isinstance(bounds, list | tuple) and len(bounds) == 2:
        value = f"{plain(bounds[0])}–{plain(bounds[1])}"
    if data.get("unit") == "money":
        scale = data.get("scale") or "one"
        return f"{value} {'' if scale == 'one' else scale} {data.get('currency') or ''}".replace("  ", " ").strip()
    return f"{value} %"


def _sessions(review: Review, fmt: Formatter, w: dict[str, str]) -> str:
    given = review.data.get("sessions")
    if isinstance(given, list) and given:
        days = [date.fromisoformat(str(d)) for d in given]
    elif review.reading.sessions:
        days = list(dict.fromkeys(review.reading.sessions))
    else:
        return w["not_resolved"]
    return " – ".join(fmt.weekday_date(d) for d in days)


def _fields(review: Review, w: dict[str, str]) -> tuple[Field, ...]:
    values = review.form_values()
    choices: dict[str, tuple[tuple[str, str], ...]] = {
        "metric": tuple((m, w[f"metric_{m}"]) for m in ("close_change", "intraday_extreme", "market_cap_change")),
        "direction": (("down", w["direction_down"]), ("up", w["direction_up"])),
        "unit": (("percent", "percent"), ("money", "money")),
        "scale": tuple((s, s) for s in ("one", "thousand", "million", "billion", "trillion")),
        "fx": (("ecb", "ecb"), ("yahoo", "yahoo")),
    }
    labels = {"text": w["claim_text"]}
    return tuple(
        Field(name, labels.get(name, w[name]), values.get(name, ""), choices.get(name, ())) for name in EDITABLE
    )


def _confidence(review: Review, fmt: Formatter) -> str:
    """The reading's confidence; under the threshold and not yet confirmed, "reading uncertain — confirm" and
    what the reading inferred (the words of the report, ``reports.uncertain.UNCERTAIN``)."""
    confidence = review.reading.confidence
    text = fmt.decimal(confidence, digits=2)
    if confidence >= CONFIRM_BELOW or review.status == "confirmed":
        return text
    reasons = "; ".join(uncertain_reasons(review.reading.inferred, fmt))
    return f"{text} — {UNCERTAIN[fmt.lang]['mark']}: {reasons}"


def claim_card(draft: Draft, review: Review, fmt: Formatter, w: dict[str, str]) -> ClaimCard:
    """The card of one claim: its sentence with the number marked, what was read, the review's forms."""
    reading, data = review.reading, review.data
    size = len(draft.text)
    sentence = _clamp(reading.sentence_span, size) or (0, 0)
    number = _clamp(reading.number_span, size)
    marks = [(*number, Piece("", "number"))] if number else []
    metric = str(data.get("metric", ""))
    direction = str(data.get("direction", ""))
    facts = (
        (w["instrument"], f"{data.get('instrument') or '–'} ({data.get('subject', '')})"),
        (w["sessions"], _sessions(review, fmt, w)),
        (w["period"], str(data.get("period") or reading.period_words or "–")),
        (w["metric"], w.get(f"metric_{metric}", metric)),
        (w["direction"], w.get(f"direction_{direction}", direction)),
        (w["value"], _amount(data)),
        (w["hedge"], str(data.get("hedge") or w["none"])),
        (w["confidence"], _confidence(review, fmt)),
    )
    said = (
        (w["subject"], reading.subject_words),
        (w["direction"], reading.direction_words),
        (w["hedge"], reading.hedge_words),
        (w["period"], reading.period_words),
    )
    notes = data.get("notes")
    return ClaimCard(
        id=review.claim_id,
        anchor=anchor(review.claim_id),
        status=review.status,
        status_text=w[review.status],
        edited=review.edited,
        text=str(data.get("text", "")),
        sentence=reading.sentence_index + 1,
        pieces=_pieces(draft.text, sentence[0], sentence[1], marks),
        facts=facts,
        read_from=tuple((what, words) for what, words in said if words),
        notes=tuple(str(n) for n in notes) if isinstance(notes, list) else reading.notes,
        fields=_fields(review, w),
        errors=tuple(review.errors),
    )
