"""The article view of a report: the article's text with each checked sentence marked by its verdict.

``article_section`` builds the typed view ``report.html`` renders from the plain ``ArticleExtraction`` a
``RunReport`` carries (``reports.articleextraction`` makes it from what ``claims.extract`` read). The
article is user input: it arrives in the view as plain text pieces, cut at character offsets, and only
the template's own elements (``<mark>``, ``<a href="#claim-…">``) wrap them, so Jinja2's autoescape
keeps any markup in the article inert.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marketfact.checks.runreport import ArticleExtraction, RunReport
from marketfact.claims.readings import Reading
from marketfact.reports.claimreview import anchor
from marketfact.reports.i18n import Formatter
from marketfact.reports.paraphrase import claim_text
from marketfact.reports.readnotes import note_text, skip_reason_text
from marketfact.reports.safety import safe_href
from marketfact.reports.uncertain import UNCERTAIN, uncertain_confidence, uncertain_count, uncertain_reasons

SEVERITY = ("INCORRECT", "MISLEADING", "UNVERIFIABLE", "MOSTLY_CORRECT", "CORRECT")
"""Verdicts from the one a reader must see first: a sentence shows the first of its claims' verdicts here."""

ARTICLE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "heading": "Article",
        "intro": (
            "The article as it was read. Each checked sentence is marked with its verdict (the least favourable "
            "one when a sentence holds several claims); the number checked links to its claim. Numbers that are "
            "not market claims and names that could not be resolved are underlined with a dotted line."
        ),
        "file": "article file",
        "language": "language",
        "published": "published",
        "claims_file": "extracted claim file",
        "claims_file_note": "re-check it with `marketfact check`",
        "claims_found": "Claims found",
        "sentence": "sentence",
        "claim": "claim",
        "read_from": "read from",
        "confidence": "confidence",
        "notes": "notes",
        "verdict": "verdict",
        "subject": "subject",
        "direction_words": "direction",
        "hedge_words": "hedge",
        "period_words": "period",
        "not_market": "Numbers that are not market claims",
        "number": "number",
        "kind": "kind",
        "reason": "reason",
        "unresolved": "Names that could not be resolved",
        "name": "name",
        "candidates": "candidates",
        "warnings": "Extraction warnings",
        "none": "none",
        "legend": "Marks",
    },
    "de": {
        "heading": "Artikel",
        "intro": (
            "Der Artikel, wie er gelesen wurde. Jeder geprüfte Satz ist mit seinem Urteil markiert (dem "
            "ungünstigsten, wenn ein Satz mehrere Aussagen enthält); die geprüfte Zahl verweist auf ihre Aussage. "
            "Zahlen, die keine Marktaussagen sind, und nicht zugeordnete Namen sind gepunktet unterstrichen."
        ),
        "file": "Artikeldatei",
        "language": "Sprache",
        "published": "veröffentlicht",
        "claims_file": "extrahierte Aussagendatei",
        "claims_file_note": "erneut prüfen mit `marketfact check`",
        "claims_found": "Gefundene Aussagen",
        "sentence": "Satz",
        "claim": "Aussage",
        "read_from": "gelesen aus",
        "confidence": "Konfidenz",
        "notes": "Anmerkungen",
        "verdict": "Urteil",
        "subject": "Gegenstand",
        "direction_words": "Richtung",
        "hedge_words": "Einschränkung",
        "period_words": "Zeitraum",
        "not_market": "Zahlen, die keine Marktaussagen sind",
        "number": "Zahl",
        "kind": "Art",
        "reason": "Grund",
        "unresolved": "Nicht zugeordnete Namen",
        "name": "Name",
        "candidates": "Kandidaten",
        "warnings": "Hinweise der Extraktion",
        "none": "keine",
        "legend": "Markierungen",
    },
}


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of article text: plain, a checked number, a number that is no claim, or an unresolved name."""

    text: str
    kind: str = "text"  # text | claim | not_market | unresolved
    label: str = ""  # claim: its verdict (CSS class verdict-<label>)
    claim_id: str = ""
    anchor: str = ""
    title: str = ""
    uncertain: bool = False  # claim: read with low confidence, not confirmed (CSS class uncertain)


@dataclass(frozen=True, slots=True)
class Passage:
    """A checked sentence (marked by its verdict) or the text between checked sentences."""

    pieces: tuple[Piece, ...]
    checked: bool = False
    label: str = ""  # the least favourable verdict of the sentence's claims (SEVERITY)
    claim_ids: str = ""  # space-separated, for data-claims
    labels: str = ""  # the claims' verdicts in the same order, for data-labels
    number: int = 0  # the sentence's number, from 1
    title: str = ""


@dataclass(frozen=True, slots=True)
class FoundClaimView:
    """One extracted claim in the list of claims found."""

    id: str
    anchor: str
    sentence: int
    subject: str
    instrument: str
    text: str
    number_text: str
    words: tuple[tuple[str, str], ...]  # (what, the words that set it)
    confidence: str
    notes: tuple[str, ...]
    label: str
    label_text: str
    uncertain: UncertainView | None = None


@dataclass(frozen=True, slots=True)
class UncertainView:
    """A claim read with low confidence that no person confirmed: the mark, how sure, and what was inferred."""

    mark: str  # "reading uncertain — confirm"
    confidence: str  # "read with confidence 0.55, under 0.80"
    reasons: tuple[str, ...]  # what the reading inferred, in the report's language


@dataclass(frozen=True, slots=True)
class SkippedView:
    """A number that is not a market claim."""

    text: str
    sentence: int
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class UnresolvedView:
    """A name that could not be resolved, with its candidates."""

    name: str
    sentence: int
    reason: str
    candidates: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleSectionView:
    """The context of the report's article section (``r.article_text`` in ``report.html``)."""

    w: dict[str, str]
    lang: str  # the article's language, for the lang attribute of its text
    origin: str
    language: str
    published: str
    claims_file: str
    claims_href: str | None  # relative link to the claim file when it sits next to the report
    passages: tuple[Passage, ...]
    claims: tuple[FoundClaimView, ...]
    not_market: tuple[SkippedView, ...]
    unresolved: tuple[UnresolvedView, ...]
    warnings: tuple[str, ...]
    legend: tuple[tuple[str, str], ...]  # (label, label text), in SEVERITY order
    uncertain: dict[str, UncertainView]  # claim id → why its reading is uncertain (templates/_uncertain.html)
    uncertain_count: str  # the summary's line counting them apart; "" when there is none


@dataclass(frozen=True, slots=True)
class _Inner:
    start: int
    end: int
    piece: Piece


def uncertain_view(span: Reading, ex: ArticleExtraction, fmt: Formatter) -> UncertainView | None:
    """How the report marks ``span``'s claim when its reading is uncertain; None when it is not."""
    if not ex.is_uncertain(span):
        return None
    return UncertainView(
        UNCERTAIN[fmt.lang]["mark"],
        uncertain_confidence(span.confidence, ex.confirm_below, fmt),
        uncertain_reasons(span.inferred, fmt),
    )


def worst(labels: list[str]) -> str:
    """The label a sentence with these claims' verdicts is marked with (the first of them in SEVERITY)."""
    return min(labels, key=lambda lab: SEVERITY.index(lab) if lab in SEVERITY else len(SEVERITY))


def _clamp(span: tuple[int, int], size: int) -> tuple[int, int] | None:
    start, end = max(0, int(span[0])), min(size, int(span[1]))
    return (start, end) if start < end else None


def _outer(spans: list[Reading], size: int) -> list[tuple[int, int, list[Reading]]]:
    """Checked sentences as non-overlapping ranges, each with its claims (overlapping spans merge)."""
    ranges: list[tuple[int, int, list[Reading]]] = []
    for span in sorted(spans, key=lambda s: (s.sentence_span[0], s.number_span[0])):
        bounds = _clamp(span.sentence_span, size)
        if bounds is None:
            continue
        if ranges and bounds[0] < ranges[-1][1]:
            start, end, members = ranges[-1]
            ranges[-1] = (start, max(end, bounds[1]), [*members, span])
        else:
            ranges.append((*bounds, [span]))
    return ranges


def _inner(ex: ArticleExtraction, labels: dict[str, str], fmt: Formatter) -> list[_Inner]:
    """The marks inside the text (numbers checked, numbers skipped, names unresolved), never overlapping."""
    size = len(ex.text)
    found: list[_Inner] = []
    for c in ex.claims:
        if c.claim_id in labels and (bounds := _clamp(c.number_span, size)):
            label = labels[c.claim_id]
            title = f"{c.claim_id}: {fmt.word(f'label_{label}')}"
            unsure = ex.is_uncertain(c)
            if unsure:
                title += f" — {UNCERTAIN[fmt.lang]['mark']}"
            piece = Piece("", "claim", label, c.claim_id, anchor(c.claim_id), title, unsure)
            found.append(_Inner(*bounds, piece))
    for n in ex.not_market:
        if bounds := _clamp(n.span, size):
            found.append(_Inner(*bounds, Piece("", "not_market", title=skip_reason_text(n.reason, fmt))))
    for u in ex.unresolved:
        if bounds := _clamp(u.span, size):
            found.append(_Inner(*bounds, Piece("", "unresolved", title=skip_reason_text(u.reason, fmt))))
    kept: list[_Inner] = []
    for item in sorted(found, key=lambda i: (i.start, -i.end)):
        if not kept or item.start >= kept[-1].end:  # a later mark overlapping an earlier one is left out
            kept.append(item)
    return kept


def _pieces(text: str, start: int, end: int, inner: list[_Inner]) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    at = start
    for item in inner:
        if item.start < start or item.end > end:
            continue
        if item.start > at:
            pieces.append(Piece(text[at : item.start]))
        p = item.piece
        pieces.append(Piece(text[item.start : item.end], p.kind, p.label, p.claim_id, p.anchor, p.title, p.uncertain))
        at = item.end
    if at < end:
        pieces.append(Piece(text[at:end]))
    return tuple(pieces)


def passages(ex: ArticleExtraction, labels: dict[str, str], fmt: Formatter) -> tuple[Passage, ...]:
    """The article cut into passages: checked sentences marked by verdict, and the text between them.

    ``labels`` maps claim ids to verdict labels; a claim without one is not marked. Joined, the passages'
    pieces give back the article's text exactly.
    """
    text = ex.text
    inner = _inner(ex, labels, fmt)
    outer = _outer([c for c in ex.claims if c.claim_id in labels], len(text))
    # an inner mark that crosses a sentence's edge cannot nest in it: leave it unmarked
    inner = [i for i in inner if all(i.end <= s or i.start >= e or (s <= i.start and i.end <= e) for s, e, _ in outer)]
    result: list[Passage] = []
    at = 0
    for start, end, members in outer:
        if start > at:
            result.append(Passage(_pieces(text, at, start, inner)))
        ids = [m.claim_id for m in members]
        marks = [labels[i] for i in ids]
        title = "; ".join(f"{i}: {fmt.word(f'label_{lab}')}" for i, lab in zip(ids, marks, strict=True))
        number = min(m.sentence_index for m in members) + 1
        result.append(
            Passage(_pieces(text, start, end, inner), True, worst(marks), " ".join(ids), " ".join(marks), number, title)
        )
        at = end
    if at < len(text):
        result.append(Passage(_pieces(text, at, len(text), inner)))
    return tuple(result)


def _claims_href(claims_file: str | None, run_id: str) -> str | None:
    # The report sits in <out>/<run_id>/; a claim file in the same folder is linked by its bare name.
    if not claims_file:
        return None
    path = Path(claims_file)
    return safe_href(path.name, allow_relative=True) if path.parent.name == run_id else None


def _found(
    run: RunReport, span: Reading, labels: dict[str, str], fmt: Formatter, w: dict[str, str], ex: ArticleExtraction
) -> FoundClaimView:
    claim = next((c for c in run.claims if c.id == span.claim_id), None)
    label = labels.get(span.claim_id, "")
    words = (
        (w["subject"], span.subject_words),
        (w["direction_words"], span.direction_words),
        (w["hedge_words"], span.hedge_words),
        (w["period_words"], span.period_words),
    )
    return FoundClaimView(
        id=span.claim_id,
        anchor=anchor(span.claim_id),
        sentence=span.sentence_index + 1,
        subject=claim.subject if claim else span.subject_words,
        instrument=(claim.instrument or "–") if claim else "–",
        text=claim_text(claim, fmt) if claim else span.number_text,
        number_text=span.number_text,
        words=tuple((what, said) for what, said in words if said),
        confidence=fmt.decimal(span.confidence, digits=2),
        notes=tuple(note_text(n, fmt) for n in span.notes),
        label=label,
        label_text=fmt.word(f"label_{label}") if label else "–",
        uncertain=uncertain_view(span, ex, fmt),
    )


def article_section(run: RunReport, fmt: Formatter) -> ArticleSectionView | None:
    """The article section of ``run``'s report, or None when its claims did not come from an article."""
    ex = run.extraction
    if ex is None:
        return None
    w = ARTICLE_WORDS[fmt.lang]
    labels = {v.claim_id: v.label.value for v in run.verdicts}
    unsure = {c.claim_id: u for c in ex.claims if (u := uncertain_view(c, ex, fmt))}
    count = uncertain_count(len(unsure), len(ex.claims), ex.confirm_below, fmt) if unsure else ""
    return ArticleSectionView(
        w=w,
        lang=ex.language if ex.language in ("de", "en") else "",
        origin=ex.origin,
        language=ex.language,
        published=fmt.local_moment(ex.published_at),
        claims_file=ex.claims_file or "–",
        claims_href=_claims_href(ex.claims_file, run.run_id),
        passages=passages(ex, labels, fmt),
        claims=tuple(_found(run, span, labels, fmt, w, ex) for span in ex.claims),
        not_market=tuple(
            SkippedView(n.text, n.sentence_index + 1, n.kind, skip_reason_text(n.reason, fmt)) for n in ex.not_market
        ),
        unresolved=tuple(
            UnresolvedView(u.name, u.sentence_index + 1, skip_reason_text(u.reason, fmt), tuple(map(str, u.candidates)))
            for u in ex.unresolved
        ),
        warnings=ex.warnings,
        legend=tuple((label, fmt.word(f"label_{label}")) for label in SEVERITY),
        uncertain=unsure,
        uncertain_count=count,
    )
