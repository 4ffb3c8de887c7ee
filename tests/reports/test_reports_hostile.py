"""Hostile input renders inert: markup in claims, sources and notes stays text; bad URLs never become links."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup

from marketfact.reports import render_html, report_json
from marketfact.reports.html import stylesheet
from marketfact.reports.jsonreport import validate_report
from marketfact.reports.safety import json_for_script, safe_href


@pytest.fixture(scope="module")
def page(cases: Any) -> tuple[str, BeautifulSoup]:
    """The hostile run's HTML, raw and parsed (charts left out: they hold no input text)."""
    html = render_html(cases.hostile_run(), charts=False)
    return html, BeautifulSoup(html, "html.parser")


def test_no_injected_elements(page: tuple[str, BeautifulSoup]) -> None:
    _, soup = page
    for name in ("img", "iframe", "svg", "b", "blockquote script"):
        assert soup.select(name) == [], name
    assert len(soup.find_all("style")) == 1
    assert soup.style.get_text().strip() == stylesheet().strip()
    assert soup.title.get_text() == "marketfact report 20250129T080000-seed"


def test_every_script_is_jsonld_and_parses(page: tuple[str, BeautifulSoup], cases: Any) -> None:
    raw, soup = page
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    review = json.loads(scripts[0].string)
    assert review["claimReviewed"] == cases.HOSTILE["text"]
    assert review["itemReviewed"]["appearance"]["headline"] == cases.HOSTILE["title"]
    assert "url" not in review["itemReviewed"]["appearance"]
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S)
    assert block is not None
    assert not set("<>&") & set(block.group(1))


def test_no_event_handler_attributes(page: tuple[str, BeautifulSoup]) -> None:
    _, soup = page
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag.name


def test_no_live_non_http_links(page: tuple[str, BeautifulSoup]) -> None:
    _, soup = page
    hrefs = [a["href"] for a in soup.find_all(href=True)]
    assert hrefs, "the page should still link its own sections"
    for href in hrefs:
        cleaned = re.sub(r"[\s\x00-\x1f]", "", href).lower()
        assert not cleaned.startswith(("javascript:", "data:", "vbscript:")), href
    assert soup.select("a.data-docs") == []


def test_hostile_text_is_shown_as_text(page: tuple[str, BeautifulSoup], cases: Any) -> None:
    _, soup = page
    section = soup.select_one("section.claim")
    assert section.select_one(".claim-text").get_text() == cases.HOSTILE["text"]
    assert cases.HOSTILE["subject"] in section.select_one(".explanation").get_text()  # written from facts
    assert cases.HOSTILE["subject"] in section.get_text()
    assert "javascript:alert(6)" in section.select_one(".claim-source").get_text()


def test_json_report_of_hostile_input_validates(cases: Any) -> None:
    data = report_json(cases.hostile_run())
    validate_report(data)
    assert data["claims"][0]["claim"]["text"] == cases.HOSTILE["text"]


@pytest.mark.parametrize(
    ("url", "relative", "expected"),
    [
        ("https://example.org/a?b=1", False, "https://example.org/a?b=1"),
        ("http://example.org", False, "http://example.org"),
        ("javascript:alert(1)", False, None),
        ("JAVASCRIPT:alert(1)", True, None),
        ("java\tscript:alert(1)", True, None),
        (" https://example.org", False, None),
        ("data:text/html,<script>alert(1)</script>", True, None),
        ("//evil.example.org/x", True, None),
        ("https:alert(1)", False, None),
        ("gx/NVDA/index.html", True, "gx/NVDA/index.html"),
        ("gx/NVDA/index.html", False, None),
        ("/etc/passwd", True, None),
        ("", False, None),
        (None, True, None),
    ],
)
def test_safe_href(url: str | None, relative: bool, expected: str | None) -> None:
    assert safe_href(url, allow_relative=relative) == expected


def test_json_for_script_escapes_what_ends_a_script() -> None:
    text = str(json_for_script({"a": "</script><!-- & \u2028"}))
    assert not set("<>&\u2028") & set(text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}
