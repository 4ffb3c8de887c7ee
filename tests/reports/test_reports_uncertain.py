"""Claims read from an article with low confidence are marked in the HTML report (en and de) with what was
uncertain, counted apart in the summary; a claim a person confirmed (``confirmed: true``) is not marked.

Runs are real: a regression article is extracted and checked in-process on the shipped snapshot (no Prefect,
no Great Expectations step), then rendered without charts.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest
from bs4 import BeautifulSoup

from marketfact.checks.runreport import RunReport
from marketfact.claims.extract.calibration import CONFIRM_BELOW, INFERENCES
from marketfact.claims.load import parse_claims
from marketfact.reports import render_html
from marketfact.reports.uncertain import UNCERTAIN
from tests.reports.test_reports_article import checked_article, parse

NAME = "de-tokio-zwei-tage"  # a regression article with readings under the threshold (asserted below)


@cache
def run() -> RunReport:
    return checked_article(NAME)


def unsure_ids(r: RunReport) -> set[str]:
    assert r.extraction is not None
    ex = r.extraction
    return {c.claim_id for c in ex.claims if ex.is_uncertain(c)}


def test_the_article_has_uncertain_and_certain_readings() -> None:
    r = run()
    assert r.extraction is not None
    ids = unsure_ids(r)
    assert ids
    assert len(ids) < len(r.extraction.claims)
    assert r.extraction.confirm_below == CONFIRM_BELOW


@pytest.mark.parametrize("lang", ["en", "de"])
def test_uncertain_readings_are_marked_with_what_was_uncertain(lang: str) -> None:
    r = run()
    assert r.extraction is not None
    ids = unsure_ids(r)
    page = parse(render_html(r, lang, charts=False))
    words = UNCERTAIN[lang]
    # the summary counts them apart
    count = page.select_one("p.uncertain-count")
    assert count is not None
    assert count["data-uncertain"] == str(len(ids))
    assert count.get_text().strip().startswith(f"? {len(ids)} ")
    # each uncertain claim's card says so, with the inferences its reading made, in the report's language
    for span in r.extraction.claims:
        card = page.find("section", id=lambda v, cid=span.claim_id: v is not None and v.endswith(cid))
        note = page.select_one(f'div.uncertain-note[data-uncertain="{span.claim_id}"]')
        row = page.select_one(f'table.claims-found tr[data-claim="{span.claim_id}"]')
        number = page.select_one(f'mark.number[data-claim="{span.claim_id}"]')
        assert card is not None
        assert row is not None
        assert number is not None
        if span.claim_id in ids:
            assert note is not None
            assert note.find_parent("section") is card
            assert words["mark"] in note.get_text()
            reasons = [li.get_text() for li in note.select("li")]
            assert reasons == ([words.get(k, k) for k in span.inferred] or [words["rules"]])
            assert "uncertain" in row["class"]
            assert "uncertain" in number["class"]
            assert words["mark"] in number["title"]
        else:
            assert note is None
            assert not row.get("class")
            assert "uncertain" not in number["class"]


def test_a_german_report_marks_in_german_and_an_english_one_in_english() -> None:
    de = render_html(run(), "de", charts=False)
    en = render_html(run(), "en", charts=False)
    assert UNCERTAIN["de"]["mark"] in de
    assert UNCERTAIN["en"]["mark"] not in de
    assert UNCERTAIN["en"]["mark"] in en
    assert UNCERTAIN["de"]["mark"] not in en


def test_confirmed_claims_are_not_marked() -> None:
    r = run()
    assert r.extraction is not None
    ids = unsure_ids(r)
    done = replace(r, extraction=replace(r.extraction, confirmed=frozenset(ids)))
    assert not unsure_ids(done)
    page = BeautifulSoup(render_html(done, "en", charts=False), "html.parser")
    assert page.select_one("p.uncertain-count") is None
    assert not page.select("div.uncertain-note")
    assert not page.select("mark.number.uncertain")


def test_a_report_without_an_article_has_no_marks(seed_run: RunReport) -> None:
    page = BeautifulSoup(render_html(seed_run, "en", charts=False), "html.parser")
    assert page.select_one("p.uncertain-count") is None
    assert not page.select("div.uncertain-note")


def test_confirmed_true_is_a_claim_file_field_kept_as_written() -> None:
    data = {
        "claims": [
            {"id": "a", "text": "Nvidia fell 17%", "subject": "Nvidia", "instrument": "NVDA", "metric": "close_change",
             "direction": "down", "sessions": ["2025-01-27"], "value": 17, "confirmed": True},
            {"id": "b", "text": "Nvidia rose 8.9%", "subject": "Nvidia", "instrument": "NVDA",
             "metric": "close_change", "direction": "up", "sessions": ["2025-01-28"], "value": 8.9},
        ]
    }  # fmt: skip
    claims = parse_claims(data).claims
    assert [c.confirmed for c in claims] == [True, False]
    assert claims[0].model_dump(mode="json", exclude_defaults=True)["confirmed"] is True
    assert "confirmed" not in claims[1].model_dump(mode="json", exclude_defaults=True)
    with pytest.raises(Exception, match="confirmed"):
        parse_claims({"claims": [{**data["claims"][0], "confirmed": "maybe"}]})


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_inference_has_words(lang: str) -> None:
    """A new kind of inference in the calibration gets its phrase in both languages, not its key on the page."""
    assert sorted(set(INFERENCES) - set(UNCERTAIN[lang])) == []
