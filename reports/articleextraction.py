"""From the extractor to the run report: what a report needs of an article's extraction.

``claims.extract`` reads an article into an ``Extraction``; its readings, the numbers that are no market claims
and the names it could not resolve are ``claims.readings`` records, which the ``ArticleExtraction`` made here
carries as they are (with the article's text, where it came from, and which claims a person confirmed);
``reports.article`` renders it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketfact.checks.runreport import ArticleExtraction

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
    """What a report needs of ``extraction`` of ``text`` (read from ``origin``).

    Claims read with confidence under ``confirm_below`` whose id is not in ``confirmed`` (a person confirmed
    them) are shown as "reading uncertain — confirm".
    """
    return ArticleExtraction(
        text=text,
        language=extraction.language,
        published_at=extraction.published_at,
        origin=origin,
        claims_file=claims_file,
        claims=tuple(extraction.readings),
        not_market=tuple(extraction.not_market),
        unresolved=tuple(extraction.unresolved),
        warnings=tuple(extraction.warnings),
        confirm_below=confirm_below,
        confirmed=confirmed,
    )
