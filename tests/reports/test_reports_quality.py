"""The data-quality page: every validation and expectation, described for a reader, loading nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from marketfact.checks.quality.runner import SUITES
from marketfact.checks.runreport import RunReport
from marketfact.reports import write_reports
from marketfact.reports.quality import DE, describe, descriptions, render_quality


def test_every_expectation_has_a_description_in_both_languages() -> None:
    names = {spec.name for specs in SUITES.values() for spec in specs}
    assert names <= set(descriptions())  # English: the suite's own notes, given to GX as its description
    assert names <= set(DE)  # German: the table in reports/quality.py
    assert describe("session_present", "en")[0].startswith("Every session of the exchange calendar")
    assert describe("session_present", "de") == (
        "Für jeden Handelstag des Börsenkalenders im Zeitraum gibt es eine Zeile.",
        "de",
    )


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_page_lists_each_validation_and_loads_nothing(seed_run: RunReport, lang: str) -> None:
    soup = BeautifulSoup(render_quality(seed_run, lang), "html.parser")
    blocks = soup.select("section.quality-dataset")
    assert [b.select_one(".dataset").get_text() for b in blocks] == [v.dataset for v in seed_run.validations]
    failed = [b for b in blocks if b["data-success"] == "false"]
    assert len(failed) == sum(not v.success for v in seed_run.validations)
    assert {r["data-expectation"] for r in soup.select("tr.not-met")} == {"close_not_null"}
    assert soup.find_all(["script", "link", "img"]) == []
    assert soup.html["lang"] == lang


def test_the_report_links_the_page_first_and_data_docs_second(cases: Any, tmp_path: Path) -> None:
    paths = write_reports(cases.build_run([cases.nvda_plunge()]), tmp_path, "de", charts=False)
    page = paths.directory / "data-quality.html"
    assert page.exists()
    report = BeautifulSoup(paths.html.read_text(encoding="utf-8"), "html.parser")
    row = report.select("table.validations tbody tr")[0]
    links = [a["href"] for a in row.select("a")]
    assert links == ["data-quality.html#dataset-0", "gx/NVDA/index.html"]
    quality = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert quality.select_one("#dataset-0") is not None


@pytest.mark.parametrize("lang", ["en", "de"])
def test_our_pages_need_nothing_of_great_expectations_data_docs(seed_run: RunReport, lang: str) -> None:
    """GX's Data Docs load Bootstrap, jQuery, Font Awesome and Vega from CDNs; our pages load nothing at all.

    The report and the data-quality page carry their own CSS inline, fetch no script, style sheet, font or
    image, and name Data Docs only as a secondary link (the browser test watches the requests as well).
    """
    from marketfact.reports import render_html

    for html in (render_html(seed_run, lang), render_quality(seed_run, lang)):
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find_all("link") == []
        assert soup.find_all(["img", "iframe", "object", "embed"]) == []
        assert [s for s in soup.find_all("script") if s.get("src") or s.get("type") != "application/ld+json"] == []
        css = " ".join(s.get_text() for s in soup.find_all("style"))
        assert "url(" not in css
        assert "@import" not in css
        assert "cdn" not in html.lower()
