"""The HTML report, parsed: what carries meaning is where a reader looks for it, in both languages."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup

from marketfact.checks.runreport import RunReport
from marketfact.reports import render_html
from marketfact.reports.i18n import Formatter
from marketfact.reports.sentences import explanation


def text(node: object) -> str:
    """Visible text with non-breaking spaces as plain spaces and whitespace collapsed."""
    raw = node.get_text(" ", strip=True) if hasattr(node, "get_text") else str(node)
    return re.sub(r"\s+", " ", raw.replace("\u00a0", " ").replace("\u202f", " "))


@pytest.fixture(scope="module")
def pages(seed_html: dict[str, str]) -> dict[str, BeautifulSoup]:
    """The seed run rendered in English and German, parsed."""
    return {lang: BeautifulSoup(html, "html.parser") for lang, html in seed_html.items()}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_one_section_per_claim_with_its_badge(pages: dict[str, BeautifulSoup], seed_run: RunReport, lang: str) -> None:
    sections = pages[lang].select("section.claim")
    assert [s["data-claim-id"] for s in sections] == [v.claim_id for v in seed_run.verdicts]
    for section, verdict in zip(sections, seed_run.verdicts, strict=True):
        badges = section.select(".badge")
        assert len(badges) == 1
        assert f"verdict-{verdict.label.value}" in badges[0]["class"]
        assert badges[0]["data-label"] == verdict.label.value
        assert section["data-outcome"] == verdict.outcome
        written = explanation(verdict, seed_run.claim(verdict.claim_id), Formatter(lang))  # type: ignore[arg-type]
        assert text(section.select_one(".explanation")) == " ".join(written.split())


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Correct", "Incorrect", "Correct", "Mostly correct", "Unverifiable"]),
        ("de", ["Richtig", "Falsch", "Richtig", "Größtenteils richtig", "Nicht überprüfbar"]),
    ],
)
def test_badge_words_follow_the_language(pages: dict[str, BeautifulSoup], lang: str, words: list[str]) -> None:
    assert [text(b) for b in pages[lang].select("section.claim .badge")] == words
    assert pages[lang].html["lang"] == lang


@pytest.mark.parametrize(
    ("lang", "claim_id", "measured"),
    [
        ("en", "nvda-monday-plunge", "−16.97%"),
        ("de", "nvda-monday-plunge", "−16,97 %"),
        ("en", "nvda-tuesday-rebound", "+8.93%"),
        ("de", "nvda-tuesday-rebound", "+8,93 %"),
        ("en", "siemens-energy-monday", "−19.95%"),
        ("de", "siemens-energy-monday", "−19,95 %"),
        ("en", "nvda-market-value-at-times", "−€602.8B"),
        ("de", "nvda-market-value-at-times", "−602,8 Mrd. €"),
        ("en", "siemens-energy-tuesday-21", "–"),
    ],
)
def test_measured_value_in_each_locale(
    pages: dict[str, BeautifulSoup], lang: str, claim_id: str, measured: str
) -> None:
    section = pages[lang].select_one(f"#claim-{claim_id}")
    assert text(section.select_one(".measured-value")) == measured


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["price: close", "Jan 24, 2025 → Jan 27, 2025", "exchange: XNAS", "America/New_York", "USD"]),
        ("de", ["Kurs: Schlusskurs", "24.01.2025 → 27.01.2025", "Börse: XNAS", "America/New_York", "USD"]),
    ],
)
def test_measured_says_which_price_sessions_zone_and_currency(
    pages: dict[str, BeautifulSoup], lang: str, expected: list[str]
) -> None:
    how = text(pages[lang].select_one("#claim-nvda-monday-plunge .figure.measured"))
    for part in expected:
        assert part in how


def test_intraday_claim_names_the_intraday_low(pages: dict[str, BeautifulSoup]) -> None:
    how = text(pages["en"].select_one("#claim-nvda-market-value-at-times .figure.measured"))
    assert "price: intraday low" in how
    assert "USD → EUR" in how
    de = text(pages["de"].select_one("#claim-nvda-market-value-at-times .figure.measured"))
    assert "Kurs: Tagestief" in de


def test_counts_at_the_top_never_count_unverifiable_as_pass(pages: dict[str, BeautifulSoup]) -> None:
    counts = {n["data-count"]: int(n.get_text()) for n in pages["en"].select("#summary [data-count]")}
    assert counts == {"total": 5, "pass": 3, "fail": 1, "unverifiable": 1}


def test_evidence_rows_give_session_price_and_currency(pages: dict[str, BeautifulSoup]) -> None:
    rows = pages["en"].select("#claim-nvda-monday-plunge table.evidence tbody tr")
    assert [(r["data-session"], [text(td) for td in r.select("td")]) for r in rows] == [
        ("2025-01-24", ["Jan 24, 2025", "base", "close", "$142.62", "USD"]),
        ("2025-01-27", ["Jan 27, 2025", "end", "close", "$118.42", "USD"]),
    ]
    de_rows = pages["de"].select("#claim-nvda-monday-plunge table.evidence tbody tr")
    assert [text(td) for td in de_rows[1].select("td")] == ["27.01.2025", "Ende", "Schlusskurs", "118,42 $", "USD"]


def test_unverifiable_names_the_failed_critical_expectation(pages: dict[str, BeautifulSoup]) -> None:
    section = pages["en"].select_one("#claim-siemens-energy-tuesday-21")
    assert [text(n) for n in section.select(".failures .expectation-name")] == ["close_not_null"]
    assert "Jan 20, 2025" in text(section.select_one(".failures"))
    assert "close_not_null" in text(section.select_one(".reason"))
    assert section.select_one(".quality-ok") is None


def test_warnings_sit_next_to_the_verdict(pages: dict[str, BeautifulSoup]) -> None:
    section = pages["en"].select_one("#claim-siemens-energy-monday")
    assert "session_rows_complete" in text(section.select_one(".warnings"))
    assert section.select_one(".quality-ok") is not None


def test_fx_rate_and_share_count_where_used(pages: dict[str, BeautifulSoup]) -> None:
    money = pages["en"].select_one("#claim-nvda-market-value-at-times")
    assert "1 EUR = 1.0530 USD" in text(money.select_one(".fx"))
    assert "ECB euro reference rate of Jan 27, 2025" in text(money.select_one(".fx"))
    assert "24.49 bn shares" in text(money.select_one(".shares"))
    plain = pages["en"].select_one("#claim-nvda-monday-plunge")
    assert plain.select_one(".fx") is None
    assert plain.select_one(".shares") is None


def test_provenance_sources_versions_and_data_docs(pages: dict[str, BeautifulSoup]) -> None:
    page = pages["en"]
    sources = [[text(td) for td in tr.select("td")] for tr in page.select("table.sources tbody tr")]
    assert sources[0][:3] == ["snapshot", "offline snapshot", "Feb 15, 2025, 9:30:00 AM UTC"]
    assert ["great_expectations", "1.24.1"] in [
        [text(td) for td in tr.select("td")] for tr in page.select("table.versions tr")
    ]
    links = [a["href"] for a in page.select("#claim-nvda-monday-plunge a.data-docs")]
    assert links == ["gx/NVDA/index.html"]
    assert "mitgelieferter Datenstand (offline)" in text(pages["de"].select_one("table.sources"))


def test_each_claim_has_an_inline_svg_chart(pages: dict[str, BeautifulSoup]) -> None:
    for section in pages["en"].select("section.claim"):
        svg = section.select_one("figure.chart svg")
        assert svg is not None, section["id"]
        assert svg["role"] == "img"
    ids = [svg["id"] for svg in pages["en"].select("figure.chart svg")]
    assert len(ids) == len(set(ids))


def test_page_is_self_contained(pages: dict[str, BeautifulSoup]) -> None:
    page = pages["en"]
    assert page.find("link") is None
    assert page.find("img") is None
    assert page.find("iframe") is None
    for tag in page.find_all(src=True):
        pytest.fail(f"external resource {tag}")
    # Scripts are data only (JSON-LD): nothing runs when the page is opened.
    assert {s.get("type") for s in page.find_all("script")} == {"application/ld+json"}
    css = page.style.get_text()
    assert "@import" not in css
    assert "url(" not in css
    # Links out are the article and claim sources only; everything else is relative.
    outside = {a["href"] for a in page.find_all("a") if a["href"].startswith("http")}
    assert outside == {"https://news.example.org/deepseek-selloff"}


def test_jsonld_per_claim_parses(pages: dict[str, BeautifulSoup], seed_run: RunReport) -> None:
    blocks = [json.loads(s.string) for s in pages["de"].find_all("script", type="application/ld+json")]
    assert [b["claimReviewed"] for b in blocks] == [c.text for c in seed_run.claims]
    assert blocks[0]["reviewRating"]["alternateName"] == "Richtig"


def test_synthetic_banner_only_for_synthetic_runs(cases: Any) -> None:
    real = BeautifulSoup(render_html(cases.build_run([cases.nvda_plunge()]), charts=False), "html.parser")
    assert real.select_one(".banner.synthetic") is None
    run = cases.build_run([cases.nvda_plunge()], synthetic=True)
    fake = BeautifulSoup(render_html(run, "de", charts=False), "html.parser")
    assert "Synthetische Daten" in text(fake.select_one(".banner.synthetic"))


def test_unknown_language_is_refused(seed_run: RunReport) -> None:
    with pytest.raises(ValueError, match="fr"):
        render_html(seed_run, "fr")


def test_charts_can_be_left_out_and_the_page_says_so(cases: Any) -> None:
    page = BeautifulSoup(render_html(cases.build_run([cases.nvda_plunge()]), charts=False), "html.parser")
    assert page.select_one("figure.chart") is None
    why = "Charts were left out of this report: it checks 1"
    assert text(page.select_one(".no-chart")).startswith(why)
    assert text(page.select_one("#summary .charts-off")).startswith(why)


def test_a_page_with_charts_has_no_note_of_their_absence(cases: Any) -> None:
    page = BeautifulSoup(render_html(cases.build_run([cases.nvda_plunge()])), "html.parser")
    assert page.select_one("figure.chart") is not None
    assert page.select_one(".charts-off") is None


def test_an_alternative_in_another_currency_says_so(pages: dict[str, BeautifulSoup]) -> None:
    rows = pages["en"].select("#claim-nvda-market-value-at-times table.alternatives tbody tr")
    shown = {text(r.select("td")[0]): text(r.select("td")[1]) for r in rows}
    assert shown["the listing currency instead of the claimed one"] == "−$634.8B"  # USD, not EUR
    assert shown["the close instead of the intraday extreme"].startswith("−€")
