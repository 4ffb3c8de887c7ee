"""Extraction on the hand-written test articles: every expected claim found, nothing else claimed.

The articles and their expectations live in tests/data/articles (written for these tests, not taken from
any publication). Besides the score, each claim file must load with the project's own loader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marketfact.claims.extract import extract_claims, read_article
from marketfact.claims.extract.scoring import load_expected, score
from marketfact.claims.load import load_claims, parse_claims

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
EXPECTED = sorted(ARTICLES.glob("*.expected.yaml"))


def test_there_are_enough_articles_in_both_languages() -> None:
    langs = [load_expected(p).language for p in EXPECTED]
    assert len(EXPECTED) >= 6
    assert langs.count("de") >= 3
    assert langs.count("en") >= 3


@pytest.fixture(scope="module", params=EXPECTED, ids=lambda p: p.name.removesuffix(".expected.yaml"))
def case(request):  # type: ignore[no-untyped-def]
    expected = load_expected(request.param)
    text = read_article(expected.article)
    return expected, text, extract_claims(text, expected.published_at, "auto")


def test_every_expected_claim_is_found_and_nothing_else(case) -> None:  # type: ignore[no-untyped-def]
    expected, _, extraction = case
    result = score(extraction, expected)
    assert extraction.language == expected.language
    assert result.perfect, "\n".join(result.problems())


def test_claim_file_loads_with_the_project_loader(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    expected, _, extraction = case
    data = extraction.to_claim_file_dict(title="test article")
    parsed = parse_claims(data, "extracted")
    assert [c.model_dump() for c in parsed.claims] == [c.model_dump() for c in extraction.claims]
    path = extraction.write(tmp_path / "claims.yaml", origin=expected.article.name)
    loaded = load_claims(path)
    assert [c.id for c in loaded.claims] == [c.id for c in extraction.claims]
    assert loaded.claims == parsed.claims
    text = path.read_text(encoding="utf-8")
    for number in extraction.not_market:  # listed, never dropped silently
        assert repr(number.text) in text


def test_every_claim_keeps_its_sentence_span_words_and_confidence(case) -> None:  # type: ignore[no-untyped-def]
    _, text, extraction = case
    assert len(extraction.readings) == len(extraction.claims)
    for claim, reading in zip(extraction.claims, extraction.readings, strict=True):
        start, end = reading.sentence_span
        n0, n1 = reading.number_span
        assert start <= n0 < n1 <= end
        assert " ".join(text[n0:n1].split()) == " ".join(reading.number_text.split())
        assert claim.quote
        assert claim.quote.split()[-1] in " ".join(text[start:end].split())
        assert 0.1 <= reading.confidence <= 1.0
        assert any(n.startswith(f"read from sentence {reading.sentence_index + 1}, characters {start}-{end}")
                   for n in claim.notes)  # fmt: skip
        assert any(n.startswith("direction ") for n in claim.notes)
        assert claim.notes[-1] == f"confidence {reading.confidence:.2f}"
        assert reading.direction_words
        if claim.hedge:
            assert reading.hedge_words
        if claim.period:
            assert reading.period_words == claim.period


def test_a_move_no_price_makes_is_listed_with_the_claim_files_reason() -> None:
    """Found by the fuzz test: 'brach am Montag um 117 Prozent ein' made the extractor raise the claim file's
    bound error (a fall is at most 100 %); it is now a number that is not a claim, with that reason."""
    from datetime import datetime, timedelta, timezone

    from marketfact.claims.extract import extract_claims

    published = datetime(2025, 1, 28, 7, 30, tzinfo=timezone(timedelta(hours=1)))
    x = extract_claims("Die Nvidia-Aktie brach am Montag um 117 Prozent ein.", published, "de")
    assert x.claims == []
    assert [(n.kind, n.text) for n in x.not_market] == [("out_of_bounds", "117 Prozent")]
    assert "a fall in percent is at most 100 %" in x.not_market[0].reason
