"""check-article hands the extracted claims to the check in memory: they are the claim file it writes, read back."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from marketfact.claims.load import load_claims
from marketfact.flows.article import extract_task

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
EXPECTED = sorted(ARTICLES.glob("*.expected.yaml"))


def article_of(expected: Path) -> Path:
    stem = expected.name.removesuffix(".expected.yaml")
    return next(p for p in ARTICLES.iterdir() if p.stem == stem and p.suffix in {".md", ".txt"})


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.yaml"))
def test_the_claims_handed_over_are_the_claim_file_written(expected: Path, tmp_path: Path) -> None:
    published = yaml.safe_load(expected.read_text(encoding="utf-8"))["published_at"]
    out = tmp_path / "run" / "claims.yaml"
    seen, _, claims = extract_task.fn(str(article_of(expected)), str(published), "auto", [], False, str(out))
    assert out.is_file()  # still written, for the user (and `marketfact check` to re-check)
    assert claims.claims, "the test articles all hold claims"
    assert claims == load_claims(out)
    assert [c.claim_id for c in seen.claims] == [c.id for c in claims.claims]


def test_reviewed_claims_are_handed_over_as_reviewed(tmp_path: Path) -> None:
    expected = ARTICLES / "de-deepseek-ausverkauf.expected.yaml"
    published = str(yaml.safe_load(expected.read_text(encoding="utf-8"))["published_at"])
    first = tmp_path / "first" / "claims.yaml"
    _, _, extracted = extract_task.fn(str(article_of(expected)), published, "auto", [], False, str(first))
    reviewed = yaml.safe_load(first.read_text(encoding="utf-8"))
    reviewed["claims"] = reviewed["claims"][:2]  # a reviewer kept two claims
    out = tmp_path / "second" / "claims.yaml"
    _, _, claims = extract_task.fn(str(article_of(expected)), published, "auto", [], False, str(out), reviewed)
    assert [c.id for c in claims.claims] == [c.id for c in extracted.claims[:2]]
    assert claims == load_claims(out)
