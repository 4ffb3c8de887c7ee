"""The article view of the HTML report: sentences marked by verdict, claims found, numbers that are no claims.

Runs are real: the test articles are extracted and checked in-process on the shipped snapshot (no Prefect,
and without the Great Expectations step, which the flow test covers), then rendered without charts.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from marketfact.checks.run import run_in_process
from marketfact.checks.runreport import ArticleExtraction, RunReport
from marketfact.checks.verdicts import Label
from marketfact.claims.extract import extract_claims, parse_published, read_article
from marketfact.claims.load import parse_claims
from marketfact.claims.readings import NonMarketNumber, Reading
from marketfact.market.bundle import market_data
from marketfact.reports import render_html
from marketfact.reports.article import SEVERITY, passages, worst
from marketfact.reports.articleextraction import article_extraction
from marketfact.reports.i18n import Formatter
from tests.conftest import ROOT

ARTICLES = ROOT / "tests" / "data" / "articles"
NAMES = sorted(p.name.removesuffix(".expected.yaml") for p in ARTICLES.glob("*.expected.yaml"))


def expected(name: str) -> dict:  # type: ignore[type-arg]
    """The hand-written expectation of a test article."""
    return yaml.safe_load((ARTICLES / f"{name}.expected.yaml").read_text(encoding="utf-8"))


def article_path(name: str) -> Path:
    """The test article ``name`` (.txt or .md)."""
    return next(p for p in ARTICLES.glob(f"{name}.*") if p.suffix in (".txt", ".md"))


def checked(text: str, published: str, origin: str = "article.txt") -> RunReport:
    """Extract ``text`` and check its claims on the snapshot; the run carries the extraction."""
    extraction = extract_claims(text, parse_published(published))
    claims = parse_claims(extraction.to_claim_file_dict())
    market = market_data("snapshot", None, Path(".cache/marketfact"))
    run = run_in_process(claims, market.prices, market.instruments, market.fx, market.shares, validate=False)
    claims_file = f"out/{run.run_id}/claims.yaml"
    return replace(run, extraction=article_extraction(extraction, text, origin, claims_file))


@cache
def checked_article(name: str) -> RunReport:
    """A test article, extracted and checked (once per session)."""
    path = article_path(name)
    return checked(read_article(path), expected(name)["published_at"], str(path))


@cache
def page(name: str, lang: str = "en") -> BeautifulSoup:
    """The report page of a checked test article."""
    return parse(render_html(checked_article(name), lang, charts=False))


def parse(html: str) -> BeautifulSoup:
    """The page parsed with the article's whitespace kept (bs4 folds blank runs between tags otherwise)."""
    return BeautifulSoup(html, "html.parser", preserve_whitespace_tags={"pre", "textarea", "div"})


def enclosing_sentence(tag: Tag) -> Tag:
    """The sentence mark around a number mark."""
    parent = tag.find_parent("mark", class_="sentence")
    assert parent is not None, tag
    return parent


# ---- the text ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_passages_give_back_the_article_exactly(name: str) -> None:
    path = article_path(name)
    text = read_article(path)
    ex = article_extraction(extract_claims(text, parse_published(expected(name)["published_at"])), text, str(path))
    labels = {c.claim_id: SEVERITY[i % len(SEVERITY)] for i, c in enumerate(ex.claims)}
    cut = passages(ex, labels, Formatter("en"))
    assert "".join(p.text for passage in cut for p in passage.pieces) == text
    marked = [p for p in cut if p.checked]
    assert {i for p in marked for i in p.claim_ids.split()} == set(labels)
    for p in marked:
        spans = {c.sentence_span for c in ex.claims if c.claim_id in p.claim_ids.split()}
        joined = "".join(piece.text for piece in p.pieces)
        assert joined == text[min(s for s, _ in spans) : max(e for _, e in spans)]
        numbers = [piece for piece in p.pieces if piece.kind == "claim"]
        assert [n.claim_id for n in numbers] == p.claim_ids.split()


def test_the_html_text_is_the_article() -> None:
    name = "de-deepseek-ausverkauf"
    body = page(name).select_one("#article .article-text")
    assert body is not None
    assert body.get_text() == read_article(article_path(name))
    assert body["lang"] == "de"


@pytest.mark.parametrize("name", ["de-deepseek-ausverkauf", "en-deepseek-rout", "de-tokio-zwei-tage"])
def test_each_checked_sentence_is_marked_with_its_verdicts(name: str) -> None:
    run = checked_article(name)
    assert run.extraction is not None
    text = run.extraction.text
    soup = page(name)
    spans = {c.claim_id: c for c in run.extraction.claims}
    for verdict in run.verdicts:
        mark = soup.select_one(f'.article-text mark.number[data-claim="{verdict.claim_id}"]')
        assert mark is not None, verdict.claim_id
        assert f"verdict-{verdict.label.value}" in mark["class"]
        assert mark["data-label"] == verdict.label.value
        span = spans[verdict.claim_id]
        assert mark.get_text() == text[slice(*span.number_span)]
        link = mark.find_parent("a")
        assert link is not None
        assert link["href"] == f"#claim-{verdict.claim_id}"
        assert soup.find(id=f"claim-{verdict.claim_id}") is not None
        sentence = enclosing_sentence(mark)
        ids = sentence["data-claims"].split()
        assert verdict.claim_id in ids
        assert sentence.get_text() == text[slice(*span.sentence_span)]
        labels = dict(zip(ids, sentence["data-labels"].split(), strict=True))
        assert labels[verdict.claim_id] == verdict.label.value
        assert sentence["data-label"] == worst(list(labels.values()))
        assert f"verdict-{sentence['data-label']}" in sentence["class"]
    assert len(soup.select(".article-text mark.number")) == len(run.verdicts)


def test_a_sentence_shows_its_least_favourable_verdict() -> None:
    run = checked_article("en-deepseek-rout")
    assert run.extraction is not None
    pairs = [(a, b) for a in run.extraction.claims for b in run.extraction.claims if a.claim_id < b.claim_id]
    a, b = next((a, b) for a, b in pairs if a.sentence_span == b.sentence_span)
    verdicts = tuple(
        replace(v, label=Label.INCORRECT) if v.claim_id == b.claim_id else replace(v, label=Label.CORRECT)
        for v in run.verdicts
    )  # the rendering rule under test, not the judge: one claim of the sentence is made wrong
    soup = parse(render_html(replace(run, verdicts=verdicts), charts=False))
    mark_a = soup.select_one(f'mark.number[data-claim="{a.claim_id}"]')
    mark_b = soup.select_one(f'mark.number[data-claim="{b.claim_id}"]')
    assert mark_a is not None
    assert mark_b is not None
    assert "verdict-CORRECT" in mark_a["class"]
    assert "verdict-INCORRECT" in mark_b["class"]
    sentence = enclosing_sentence(mark_a)
    assert sentence is enclosing_sentence(mark_b)
    assert sentence["data-label"] == "INCORRECT"


@pytest.mark.parametrize(
    ("labels", "shown"),
    [
        (["CORRECT"], "CORRECT"),
        (["CORRECT", "MOSTLY_CORRECT"], "MOSTLY_CORRECT"),
        (["MOSTLY_CORRECT", "UNVERIFIABLE"], "UNVERIFIABLE"),
        (["UNVERIFIABLE", "MISLEADING", "CORRECT"], "MISLEADING"),
        (["CORRECT", "INCORRECT", "MISLEADING"], "INCORRECT"),
    ],
)
def test_worst(labels: list[str], shown: str) -> None:
    assert worst(labels) == shown


# ---- the lists ---------------------------------------------------------------------------------------------------
def test_claims_found_are_listed_with_their_verdicts() -> None:
    run = checked_article("en-deepseek-rout")
    rows = page("en-deepseek-rout").select("#article table.claims-found tbody tr")
    assert [r["data-claim"] for r in rows] == [c.id for c in run.claims]
    for row, verdict in zip(rows, run.verdicts, strict=True):
        tag = row.select_one(".verdict-tag")
        assert tag is not None
        assert tag["data-label"] == verdict.label.value
        assert row.select_one(f'a[href="#claim-{verdict.claim_id}"]') is not None


@pytest.mark.parametrize("name", ["de-deepseek-ausverkauf", "en-big-tech-february", "de-energie-wochenbilanz"])
def test_numbers_that_are_not_claims_are_listed_and_marked(name: str) -> None:
    soup = page(name)
    rows = soup.select("#article table.not-market-list tbody tr")
    assert sorted(r.select_one(".number-text").get_text() for r in rows) == sorted(
        n["text"] for n in expected(name)["not_market"]
    )
    assert all(r["data-kind"] for r in rows)
    marked = [s.get_text() for s in soup.select(".article-text span.not-market")]
    assert sorted(" ".join(m.split()) for m in marked) == sorted(n["text"] for n in expected(name)["not_market"])


def test_unresolved_names_are_listed_with_candidates() -> None:
    soup = page("de-energie-wochenbilanz", "de")
    rows = soup.select("#article table.unresolved-list tbody tr")
    assert [r.select_one(".name").get_text() for r in rows] == ["Constellation"]
    candidates = [li.get_text().split()[0] for li in rows[0].select("li")]
    assert set(expected("de-energie-wochenbilanz")["unresolved"][0]["candidates"]) <= set(candidates)
    assert soup.select_one(".article-text span.unresolved").get_text() == "Constellation"
    assert soup.select_one("#article-h").get_text() == "Artikel"


def test_claim_file_link_only_next_to_the_report() -> None:
    run = checked_article("de-ticker-kurz")
    assert run.extraction is not None
    soup = page("de-ticker-kurz")
    link = soup.select_one("#article a.claims-file")
    assert link is not None
    assert link["href"] == "claims.yaml"
    for elsewhere in ("/tmp/claims.yaml", f"out/{run.run_id}/javascript:alert(1)", None):
        other = replace(run, extraction=replace(run.extraction, claims_file=elsewhere))
        soup = parse(render_html(other, charts=False))
        assert soup.select_one("#article a.claims-file") is None


def test_runs_without_an_article_have_no_article_section(seed_run: RunReport) -> None:
    assert seed_run.extraction is None
    for lang in ("en", "de"):
        assert parse(render_html(seed_run, lang, charts=False)).select_one("#article") is None


# ---- odd and hostile input ---------------------------------------------------------------------------------------
HOSTILE_ARTICLE = """# <script>window.__pwned=1</script> Chip stocks fall

Nvidia shares plunged 17% on Monday <img src=x onerror="window.__pwned=2">, the worst day for the stock in years.
</div></mark><script>alert(3)</script> The company employs about 36,000 people, a spokesman said on Monday.
Broadcom fell 17.4% <!-- --> and the Nasdaq Composite lost 3.1% in the same session. <a href="javascript:alert(4)">x</a>
"""


def test_hostile_article_renders_inert() -> None:
    run = checked(HOSTILE_ARTICLE, "2025-01-27T22:30:00Z")
    assert run.extraction is not None
    assert len(run.verdicts) >= 2  # the claims are still found and checked
    run = replace(run, extraction=replace(run.extraction, origin='</code><script>alert(5)</script>"onmouseover=x'))
    html = render_html(run, charts=False)
    soup = parse(html)
    assert [s.get("type") for s in soup.find_all("script")] == ["application/ld+json"] * len(run.verdicts)
    assert soup.find_all(["img", "iframe"]) == []
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag.name
    assert not [a for a in soup.find_all("a", href=True) if re.sub(r"\s", "", a["href"]).lower().startswith("java")]
    body = soup.select_one("#article .article-text")
    assert body is not None
    assert body.get_text() == HOSTILE_ARTICLE  # every character kept, as text
    assert {c.name for c in body.find_all(True)} <= {"mark", "a", "span"}  # only the report's own marks
    assert "window.__pwned" not in "".join(s.get_text() for s in soup.find_all("script"))
    assert soup.select_one("#article dd code").get_text().startswith("</code><script>")
    for verdict in run.verdicts:
        mark = soup.select_one(f'mark.number[data-claim="{verdict.claim_id}"]')
        assert mark is not None
        assert f"verdict-{verdict.label.value}" in mark["class"]


def test_spans_out_of_range_or_overlapping_do_not_break_the_text() -> None:
    text = "Alpha fell 5% on Monday. Beta rose 3%.\nGamma ü 7 units."
    claims = (
        Reading("a", 0, (0, 24), (11, 13), "5%"),
        Reading("b", 0, (10, 38), (35, 37), "3%"),  # overlaps a's sentence: the two merge
        Reading("c", 2, (50, 999), (60, 70), "7"),  # beyond the end: clamped
        Reading("d", 3, (5, 2), (3, 1), "?"),  # empty: skipped
    )
    skipped = (
        NonMarketNumber("7 units", "not_market", "a count", "", 2, (47, 54)),
        NonMarketNumber("x", "k", "r", "", 0, (-4, 2)),
    )
    ex = ArticleExtraction(text, "en", parse_published("2025-01-27T22:30:00Z"), "t.txt", None, claims, skipped)
    labels = {"a": "CORRECT", "b": "INCORRECT", "c": "UNVERIFIABLE", "d": "CORRECT"}
    cut = passages(ex, labels, Formatter("de"))
    assert "".join(p.text for passage in cut for p in passage.pieces) == text
    merged = next(p for p in cut if "a" in p.claim_ids.split())
    assert merged.claim_ids == "a b"
    assert merged.label == "INCORRECT"
