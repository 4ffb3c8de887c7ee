"""A German report speaks German and an English report English: the tool's own phrases never leak across.

The run is the real checker on the seed claim file and the shipped snapshot, rendered in both languages.
What a report quotes stays as written and is left out of the check: the
claim's own text and quote, words in quotation marks, code (ids, file names, expectation names) and the
sources' own names and citations (a 10-Q's cover page is quoted in English in either report).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from marketfact.checks.runreport import RunReport
from marketfact.claims.hedges import HEDGES
from marketfact.reports import render_html
from marketfact.reports.i18n import WORDS
from marketfact.reports.sentences import BASES, S

ROOT = Path(__file__).resolve().parents[2]
QUOTED = re.compile(r"“[^”]*”|„[^“]*“|\"[^\"]*\"")
# Elements whose text is quoted or is data, not the tool's words.
AS_WRITTEN = (
    ".claim-text, blockquote, .article-text, code, .claims-index td:first-child, .sources td:last-child, "
    ".validations td:first-child, .validation, .shares, script, style, svg, title"
)


@pytest.fixture(scope="module")
def seed_real(snapshot: Any) -> RunReport:
    from marketfact.checks.run import run_in_process
    from marketfact.claims.load import load_claims
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

    claims = load_claims(ROOT / "examples" / "deepseek-2025-01.yaml")
    mode = "offline snapshot, yfinance where it does not cover"  # what `marketfact check` runs with
    return run_in_process(
        claims, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource(), False, mode=mode
    )


def own_words(html: str) -> str:
    """The page's visible text that the tool wrote itself (quotes and data left out), whitespace folded."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select(AS_WRITTEN):
        element.decompose()
    text = " ".join(soup.get_text(" ").split())
    return QUOTED.sub(" ", text)


def phrases(lang: str) -> set[str]:
    """The tool's multi-word phrases in ``lang``: report words, sentence pieces and basis names."""
    other = "de" if lang == "en" else "en"
    found: set[str] = set()
    pieces = [*WORDS[lang].values(), *BASES[lang].values()]
    for template in S[lang].values():
        pieces += re.split(r"\{[^}]*\}", template)
    for piece in pieces:
        piece = " ".join(piece.strip(" .,:;()").split())
        if piece.count(" ") >= 1 and len(piece) >= 10:
            found.add(piece)
    shared = {" ".join(p.strip(" .,:;()").split()) for p in [*WORDS[other].values(), *BASES[other].values()]}
    return found - shared


@pytest.fixture(scope="module")
def html(seed_real: RunReport) -> dict[str, str]:
    return {lang: render_html(seed_real, lang) for lang in ("en", "de")}


@pytest.fixture(scope="module")
def pages(html: dict[str, str]) -> dict[str, str]:
    return {lang: own_words(page) for lang, page in html.items()}


def test_the_phrase_lists_are_not_empty() -> None:
    assert len(phrases("en")) > 50
    assert len(phrases("de")) > 50
    assert "so it holds" in phrases("en")
    assert "sie trifft also zu" in phrases("de")


@pytest.mark.parametrize(("lang", "other"), [("de", "en"), ("en", "de")])
def test_no_phrase_of_the_other_language(pages: dict[str, str], lang: str, other: str) -> None:
    text = pages[lang]
    leaks = sorted(p for p in phrases(other) if p in text)
    assert leaks == [], f"{lang} report shows {other} phrases: {leaks}"


def test_english_report_has_no_german_hedge_words_outside_quotes(pages: dict[str, str]) -> None:
    german = {h.phrase for h in HEDGES if h.lang == "de" and len(h.phrase) > 3}
    found = sorted(w for w in german if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", pages["en"], re.IGNORECASE))
    assert found == []


def test_german_report_has_no_english_hedge_words_or_sentences(pages: dict[str, str]) -> None:
    english = {h.phrase for h in HEDGES if h.lang == "en" and " " in h.phrase}
    found = sorted(w for w in english if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", pages["de"], re.IGNORECASE))
    assert found == []
    for word in (" closed at ", " the claim ", " against ", " sessions ", " shares "):
        assert word not in pages["de"], word


def test_hedge_words_in_the_report_language_with_the_original_quoted(html: dict[str, str]) -> None:
    soup = BeautifulSoup(html["en"], "html.parser")
    big = soup.select_one("#claim-nvda-market-value-at-times .figure.claimed .big").get_text()
    assert big.startswith("at times more than (“zeitweise über”)"), big
    german = BeautifulSoup(html["de"], "html.parser")
    big = german.select_one("#claim-nvda-market-value-at-times .figure.claimed .big").get_text()
    assert big.startswith("zeitweise über "), big
    assert "„" not in big  # the claim's own words are German already


def test_the_checker_can_see_a_leak() -> None:
    """The check itself fails on an English sentence in a German page."""
    text = own_words("<p>Nvidia schloss bei 118,42 $; the claim admits a magnitude in [16,5; 17,5) %</p>")
    assert any(p in text for p in phrases("en"))
