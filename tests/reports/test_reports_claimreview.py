"""schema.org ClaimReview JSON-LD: the fields fact-check consumers read, and the rating scale."""

from __future__ import annotations

import json
from typing import Any

import pytest
from bs4 import BeautifulSoup

from marketfact.checks.runreport import RunReport
from marketfact.checks.verdicts import Label
from marketfact.reports import claim_review
from marketfact.reports.claimreview import RATING_VALUES
from marketfact.reports.i18n import Formatter
from marketfact.reports.sentences import explanation


def test_required_fields(seed_run: RunReport) -> None:
    verdict = seed_run.verdicts[0]
    review = claim_review(seed_run, verdict)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Nvidia's share price at first plunged 17 % on Monday."
    assert review["url"] == "report.html#claim-nvda-monday-plunge"
    assert review["datePublished"] == "2025-01-29"
    assert review["author"] == {"@type": "Organization", "name": "marketfact"}
    rating = review["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Correct",
        "ratingExplanation": explanation(verdict, seed_run.claim(verdict.claim_id), Formatter("en")),
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["appearance"]["url"] == "https://news.example.org/deepseek-selloff"
    assert item["appearance"]["@type"] == "CreativeWork"
    assert item["datePublished"] == "2025-01-29T07:00:00+01:00"
    assert item["author"] == {"@type": "Organization", "name": "German news report"}


def test_rating_scale_orders_the_labels() -> None:
    judged = [
        RATING_VALUES[label] for label in (Label.INCORRECT, Label.MISLEADING, Label.MOSTLY_CORRECT, Label.CORRECT)
    ]
    assert judged == sorted(judged)
    assert all(value is not None and 1 <= value <= 5 for value in judged)


def test_unverifiable_has_words_but_no_place_on_the_scale(seed_run: RunReport) -> None:
    verdict = next(v for v in seed_run.verdicts if v.label is Label.UNVERIFIABLE)
    rating = claim_review(seed_run, verdict)["reviewRating"]
    assert "ratingValue" not in rating
    assert rating["alternateName"] == "Unverifiable"


@pytest.mark.parametrize(("lang", "word"), [("en", "Mostly correct"), ("de", "Größtenteils richtig")])
def test_alternate_name_in_the_report_language(seed_run: RunReport, lang: str, word: str) -> None:
    verdict = next(v for v in seed_run.verdicts if v.label is Label.MOSTLY_CORRECT)
    review = claim_review(seed_run, verdict, lang)
    assert review["reviewRating"]["alternateName"] == word
    assert review["reviewRating"]["ratingValue"] == 4
    assert review["inLanguage"] == lang


def test_served_report_url(seed_run: RunReport) -> None:
    review = claim_review(seed_run, seed_run.verdicts[1], report_url="https://checks.example.org/run/report.html")
    assert review["url"] == "https://checks.example.org/run/report.html#claim-nvda-tuesday-rebound"


def test_non_http_source_is_left_out(cases: Any) -> None:
    claim, verdict = cases.nvda_plunge()
    hostile = claim.model_copy(update={"source_url": "javascript:alert(1)"})
    run = cases.build_run([(hostile, verdict)], article=None)
    item = claim_review(run, verdict)["itemReviewed"]
    assert "url" not in item["appearance"]
    assert "author" not in item


def test_every_claim_of_the_page_has_its_jsonld(seed_html: dict[str, str], seed_run: RunReport) -> None:
    page = BeautifulSoup(seed_html["en"], "html.parser")
    blocks = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert blocks == [claim_review(seed_run, v) for v in seed_run.verdicts]
