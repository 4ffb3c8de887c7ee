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

from marketfact.checks.reasons import TEMPLATES, read_reasons
from marketfact.checks.runreport import RunReport
from marketfact.claims.hedges import HEDGES
from marketfact.reports import render_html
from marketfact.reports.phrases import BASES, S
from marketfact.reports.reasontext import REASONS_DE
from marketfact.reports.words import WORDS

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


REASONS = {"en": TEMPLATES, "de": REASONS_DE}


def _pieces(lang: str) -> set[str]:
    found: set[str] = set()
    pieces = [*WORDS[lang].values(), *BASES[lang].values()]
    for template in [*S[lang].values(), *REASONS[lang].values()]:
        pieces += re.split(r"\{[^}]*\}", template)
    for piece in pieces:
        piece = " ".join(piece.strip(" .,:;()").split())
        if piece.count(" ") >= 1 and len(piece) >= 10:
            found.add(piece)
    return found


def phrases(lang: str) -> set[str]:
    """The tool's multi-word phrases in ``lang``: report words, sentence pieces, basis names and reasons."""
    other = "de" if lang == "en" else "en"
    shared = {" ".join(p.strip(" .,:;()").split()) for p in [*WORDS[other].values(), *BASES[other].values()]}
    return _pieces(lang) - shared - _pieces(other)


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


@pytest.fixture(scope="module")
def unverifiable_real() -> RunReport:
    """The coverage set's claims that cannot be checked, run by the real checker with real GX validation.

    Their reasons reach most of ``checks.reasons``: a session not closed at publication, holidays, data-quality
    failures found on the shipped snapshot itself (ENR.DE's blanked rows, EURUSD=X's 20 Jan low above its
    close), a missing FX rate, an index without market value, an unknown instrument, records needing more
    history, adjusted-only series.
    """
    from tests.checks.test_golden import golden

    table = golden.read_golden()
    ids = set(table.loc[table["label"] == "UNVERIFIABLE", "claim_id"])
    coverage = load_coverage()
    subset = coverage.model_copy(update={"claims": [c for c in coverage.claims if c.id in ids]})
    return golden.run_claims(subset, validate=True)


def load_coverage() -> Any:
    from marketfact.claims.load import load_claims

    return load_claims(ROOT / "tests" / "data" / "claimsets" / "coverage.yaml")


def test_every_unverifiable_reason_is_read_as_data(unverifiable_real: RunReport) -> None:
    """Every reason the checker recorded has its code (none falls back to text), and reads back to the record."""
    assert len(unverifiable_real.verdicts) >= 12
    seen = set()
    for verdict in unverifiable_real.verdicts:
        for text in (verdict.reason, *verdict.warnings):
            if not text:
                continue
            reasons = read_reasons(text)
            assert [r.code for r in reasons if r.code == "text"] == [], text
            assert "; ".join(r.english() for r in reasons) == text
            seen |= {r.code for r in reasons}
        if verdict.reason:
            assert verdict.reasons == read_reasons(verdict.reason)
    assert {"not_closed", "not_a_session", "quality_failed_for", "no_fx", "no_market_value"} <= seen, seen


@pytest.mark.parametrize("page", ["report", "data-quality"])
def test_unverifiable_reasons_and_quality_details_in_german(unverifiable_real: RunReport, page: str) -> None:
    from marketfact.reports.quality import render_quality

    render = render_html if page == "report" else render_quality
    german = own_words(render(unverifiable_real, "de"))
    leaks = sorted(p for p in phrases("en") if p in german)
    assert leaks == [], f"German {page} shows English phrases: {leaks}"
    for word in ("failed for", "and 1 more", " empty", "Cannot be checked", "was not a trading session"):
        assert word not in german, word
    english = own_words(render(unverifiable_real, "en"))
    assert [p for p in phrases("de") if p in english] == []


def test_the_checker_can_see_a_leak() -> None:
    """The check itself fails on an English sentence in a German page."""
    text = own_words("<p>Nvidia schloss bei 118,42 $; the claim admits a magnitude in [16,5; 17,5) %</p>")
    assert any(p in text for p in phrases("en"))


def test_every_other_basis_has_its_words_in_both_languages() -> None:
    from marketfact.checks.judge import ALTERNATIVES

    keys = {col for pairs in ALTERNATIVES.values() for col, _ in pairs} | {"record_prev", "record_low", "record_high"}
    assert keys <= set(BASES["en"]), keys - set(BASES["en"])
    assert keys <= set(BASES["de"]), keys - set(BASES["de"])
    for pairs in ALTERNATIVES.values():
        assert all(BASES["en"][col] == words for col, words in pairs)


KIND_ENGLISH = (
    " closed at ",
    "the claim admits",
    "exchange-local dates",
    "so it holds",
    "so it does not hold",
    "which fits only",
    "just outside",
    "lowest close",
    "highest close",
    "one-day",
    "history extreme",
    "session before",
    "reached an intraday",
    "traded between",
    "bn shares",
    "level in",
    "magnitude in",
)
"""Words of ``checks.kindtext``'s English sentences and notation (levels, points changes, market values, records)."""


@pytest.fixture(scope="module")
def kinds_real() -> RunReport:
    """examples/kinds-2025-01.yaml and the coverage set's levels, points changes, market values and records, run by
    the real checker (real GX validation) on the shipped snapshot: every label these kinds reach."""
    from marketfact.claims.load import load_claims
    from marketfact.claims.model import LEVELS, PRICE_UNITS, Metric
    from tests.checks.test_golden import golden

    example = load_claims(ROOT / "examples" / "kinds-2025-01.yaml")
    coverage = load_coverage()
    kinds = [c for c in coverage.claims if c.metric in LEVELS or c.metric in PRICE_UNITS or c.metric is Metric.RECORD]
    both = example.model_copy(update={"claims": [*example.claims, *kinds]})
    return golden.run_claims(both, validate=True)


def test_levels_points_and_records_in_german(kinds_real: RunReport) -> None:
    labels = {v.label.value for v in kinds_real.verdicts}
    assert labels == {"CORRECT", "MISLEADING", "INCORRECT", "UNVERIFIABLE"}, labels  # no kind reaches MOSTLY_CORRECT
    judged = [v for v in kinds_real.verdicts if v.label.value != "UNVERIFIABLE"]
    assert all((v.kind_reading is None) == (v.reading is not None) for v in judged)
    german = own_words(render_html(kinds_real, "de"))
    leaks = sorted(p for p in phrases("en") if p in german)
    assert leaks == [], f"German report shows English phrases: {leaks}"
    found = [w for w in KIND_ENGLISH if w in german]
    assert found == [], found
    assert "schloss am 27.01.2025 bei 6.012,28 Pkt." in german
    assert "der tiefste Schlusskurs vom 13.01.2025 bis zum Vortag war 131,76 $ am 14.01.2025" in german


def test_levels_points_and_records_in_english_keep_the_checkers_sentence(kinds_real: RunReport) -> None:
    english = render_html(kinds_real, "en")
    for verdict in kinds_real.verdicts:
        if verdict.kind_reading is None:
            continue
        assert html_escape(verdict.explanation) in english, verdict.claim_id
    assert [p for p in phrases("de") if p in own_words(english)] == []


def html_escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_report_json_carries_the_reasons_as_codes(unverifiable_real: RunReport) -> None:
    """report.json (schema 1.3) gives every UNVERIFIABLE verdict's reasons as codes and parameters, valid
    against the schema, that word back to the checker's English record."""
    from marketfact.checks.reasons import Reason
    from marketfact.reports import report_json
    from marketfact.reports.jsonreport import validate_report

    report = report_json(unverifiable_real)
    validate_report(report)
    entries = [c for c in report["claims"] if c["verdict"]["label"] == "UNVERIFIABLE"]
    assert len(entries) >= 12
    for entry in entries:
        reasons = entry["verdict"]["reasons"]
        assert reasons
        assert all(r["code"] in TEMPLATES for r in reasons), reasons
        worded = "; ".join(Reason(r["code"], tuple(r["params"].items())).english() for r in reasons)
        assert worded == entry["verdict"]["reason"]
    assert all(c["verdict"]["reasons"] == [] for c in report["claims"] if not c["verdict"]["reason"])


def test_the_claimed_notation_is_in_the_reports_language(unverifiable_real: RunReport) -> None:
    """The notation under "claimed" ("−3 % → Betrag in [2,5; 3,5)") sits in <code>, which the page checks above skip
    as data; a claim with no measurement used to show the checker's English notation there in a German report."""
    soup = BeautifulSoup(render_html(unverifiable_real, "de"), "html.parser")
    notations = [" ".join(n.get_text(" ").split()) for n in soup.select("section.claim .how code")]
    assert len(notations) >= 12
    english = [n for n in notations if "magnitude" in n or "level in" in n or any(p in n for p in phrases("en"))]
    assert english == []


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_data_quality_line_of_a_card_says_what_was_checked(
    unverifiable_real: RunReport, kinds_real: RunReport, lang: str
) -> None:
    """No prices: nothing was validated (not "passed every check"). A dataset with a failed critical expectation
    that this verdict does not use: the card says the failure concerns other values."""
    words = WORDS[lang]
    seen = {"none": 0, "elsewhere": 0, "ok": 0}
    for run in (unverifiable_real, kinds_real):
        soup = BeautifulSoup(render_html(run, lang), "html.parser")
        for card in soup.select("section.claim"):
            none, ok = card.select_one(".quality-none"), card.select_one(".quality-ok")
            failed = card.select_one(".failures") is not None
            crossed = any("✗" in v.get_text() for v in card.select(".validation"))
            if none is not None:
                seen["none"] += 1
                assert not failed
                assert card.select(".validation") == card.select(".evidence td") == []
                assert none.get_text() == words["quality_none"]
            elif ok is not None:
                assert not failed
                seen["elsewhere" if crossed else "ok"] += 1
                assert (words["quality_elsewhere"] in ok.get_text()) == crossed
            else:
                assert failed
    assert min(seen.values()) >= 1, seen
