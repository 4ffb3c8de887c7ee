"""schema.org ClaimReview JSON-LD for one verdict, as search engines and fact-check tools read it.

The rating scale runs from 1 (INCORRECT) to 5 (CORRECT). UNVERIFIABLE is not a point on that scale: its
rating carries the words ("Unverifiable") and the scale but no ``ratingValue``, so no reader can mistake
"could not check" for "half true". The claim's own address appears only if it is an http(s) URL.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from marketfact.checks.runreport import RunReport
from marketfact.checks.verdicts import Label, Verdict
from marketfact.claims.model import Claim
from marketfact.reports.i18n import Formatter, check_lang
from marketfact.reports.safety import safe_href
from marketfact.reports.sentences import explanation

ORGANIZATION = {"@type": "Organization", "name": "marketfact"}
BEST_RATING, WORST_RATING = 5, 1
RATING_VALUES: dict[Label, int | None] = {
    Label.CORRECT: 5,
    Label.MOSTLY_CORRECT: 4,
    Label.MISLEADING: 2,
    Label.INCORRECT: 1,
    Label.UNVERIFIABLE: None,
}


def anchor(claim_id: str) -> str:
    """The fragment id of a claim's section in the HTML report."""
    return f"claim-{claim_id}"


def claim_review(
    run: RunReport,
    verdict: Verdict,
    lang: str = "en",
    report_url: str = "report.html",
    *,
    claim: Claim | None = None,
) -> dict[str, Any]:
    """The ClaimReview of ``verdict``; ``report_url`` is where the report is served (default: relative).

    ``claim`` is the verdict's claim when the caller has it at hand (else it is looked up in ``run``).
    """
    fmt = Formatter(check_lang(lang))
    claim = claim if claim is not None else run.claim(verdict.claim_id)
    article = run.article
    rating: dict[str, Any] = {
        "@type": "Rating",
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": fmt.word(f"label_{verdict.label.value}"),
        "ratingExplanation": explanation(verdict, claim, fmt),
    }
    value = RATING_VALUES[verdict.label]
    if value is not None:
        rating["ratingValue"] = value
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    url = safe_href(claim.source_url)
    if url:
        appearance["url"] = url
    if article is not None and article.title:
        appearance["headline"] = article.title
    published = claim.published_at or (article.published_at if article else None)
    if published is not None:
        appearance["datePublished"] = published.isoformat()
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if published is not None:
        item["datePublished"] = published.isoformat()
    author = article.publisher if article is not None and article.publisher else None
    if author is None and url:
        author = urlsplit(url).hostname  # the site that published it is the best name we have
    if author:
        item["author"] = {"@type": "Organization", "name": author}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{report_url}#{anchor(claim.id)}",
        "claimReviewed": claim.text,
        "datePublished": run.finished_at.date().isoformat(),
        "inLanguage": fmt.lang,
        "author": dict(ORGANIZATION),
        "reviewRating": rating,
        "itemReviewed": item,
    }
