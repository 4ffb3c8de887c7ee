"""From the extractor to the run report: what a report needs of an article's extraction, as plain data.

``claims.extract`` reads an article into an ``Extraction`` (its readings, the numbers that are no market
claims, the names it could not resolve); a ``RunReport`` carries none of the extractor's types, only the
``ArticleExtraction`` made here, which ``reports.article`` renders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketfact.checks.runreport import ArticleExtraction, ClaimSpan, SkippedNumber, UnresolvedName

if TYPE_CHECKING:  # the extractor costs ~1 s to import; rendering a report must not pay for it
    from marketfact.claims.extract.model import Extraction


def article_extraction(
    extraction: Extraction,
    text: str,
    origin: str,
    claims_file: str | None = None,
    *,
    confirm_below: float = 0.8,
    confirmed: frozenset[str] = frozenset(),
) -> ArticleExtraction:
    """What a report needs of ``extraction`` of ``text`` (read from ``origin``), as plain data.

    Claims read with confidence under ``confirm_below`` whose id is not in ``confirmed`` (a person confirmed
    them) are shown as "reading uncertain — confirm".
    """
    claims = tuple(
        ClaimSpan(
            claim_id=r.claim_id,
            sentence_index=r.sentence_index,
            sentence_span=r.sentence_span,
            number_span=r.number_span,
            number_text=r.number_text,
            subject_words=r.subject_words,
            direction_words=r.direction_words,
            hedge_words=r.hedge_words,
            period_words=r.period_words,
            confidence=r.confidence,
            notes=tuple(r.notes),
            inferred=tuple(r.inferred),
            confirmed=r.claim_id in confirmed,
        )
        for r in extraction.readings
    )
    skipped = tuple(SkippedNumber(n.text, n.kind, n.reason, n.sentence_index, n.span) for n in extraction.not_market)
    unresolved = tuple(
        UnresolvedName(
            u.name,
            u.reason,
            u.sentence_index,
            u.span,
            tuple(f"{c.symbol} {c.name} ({c.source})" for c in u.candidates),
            u.number_text,
        )
        for u in extraction.unresolved
    )
    return ArticleExtraction(
        text=text,
        language=extraction.language,
        published_at=extraction.published_at,
        origin=origin,
        claims_file=claims_file,
        claims=claims,
        not_market=skipped,
        unresolved=unresolved,
        warnings=tuple(extraction.warnings),
        confirm_below=confirm_below,
    )
