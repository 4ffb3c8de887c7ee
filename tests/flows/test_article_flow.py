"""The check-article flow, run for real by Prefect on the shipped snapshot: extraction, verdicts, the marked article."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from marketfact.checks.verdicts import Label
from marketfact.claims.extract import NoClaimsFoundError, read_article
from marketfact.claims.load import load_claims
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

ARTICLES = ROOT / "tests" / "data" / "articles"
NAME = "de-deepseek-ausverkauf"
ARTICLE = ARTICLES / f"{NAME}.md"
EXPECTED = yaml.safe_load((ARTICLES / f"{NAME}.expected.yaml").read_text(encoding="utf-8"))

HOSTILE = """# <script>window.__pwned=1</script> Chip stocks fall

Nvidia shares plunged 17% on Monday <img src=x onerror="window.__pwned=2">, the worst day in years.
</div></mark><script>alert(3)</script> Broadcom fell 17.4% <!-- --> on Monday, its second-worst day.
"""


def parse(html: str) -> BeautifulSoup:
    """The page parsed with the article's whitespace kept (bs4 folds blank runs between tags otherwise)."""
    return BeautifulSoup(html, "html.parser", preserve_whitespace_tags={"pre", "textarea", "div"})


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Real flow runs in one Prefect test harness: the article, a re-check of its claim file, a hostile article,
    and an article without claims."""
    from prefect.testing.utilities import prefect_test_harness

    from marketfact.flows.article import check_article
    from marketfact.flows.verify import verify_claims

    out = tmp_path_factory.mktemp("out")
    hostile = tmp_path_factory.mktemp("articles") / "hostile.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    empty = hostile.with_name("no-claims.txt")
    empty.write_text("The company said it would hire 500 people this year and open two offices.\n", encoding="utf-8")
    with prefect_test_harness(server_startup_timeout=None):  # None: the setting, 120 s in conftest
        article = check_article(
            article_path=str(ARTICLE), published=EXPECTED["published_at"], out_dir=str(out), source="snapshot"
        )
        recheck = verify_claims(claims_path=article["claims_path"], out_dir=str(out), source="snapshot")
        bad = check_article(
            article_path=str(hostile), published="2025-01-27T22:30:00Z", out_dir=str(out), source="snapshot"
        )
        with pytest.raises(NoClaimsFoundError):
            check_article(article_path=str(empty), published="2025-01-27T22:30:00Z", out_dir=str(out))
    return {"article": article, "recheck": recheck, "hostile": bad, "out": out}


def page(result: dict) -> BeautifulSoup:  # type: ignore[type-arg]
    """A flow run's HTML report, parsed."""
    return parse(Path(result["paths"]["html"]).read_text(encoding="utf-8"))


def test_the_claim_file_sits_next_to_the_report(runs: dict) -> None:  # type: ignore[type-arg]
    result = runs["article"]
    claims_path = Path(result["claims_path"])
    assert claims_path.parent == Path(result["paths"]["html"]).parent
    assert claims_path.name == "claims.yaml"
    run = result["run"]
    assert run.claims_file == str(claims_path)
    assert [c.id for c in load_claims(claims_path).claims] == [c.id for c in run.claims]
    assert sorted(c.instrument for c in run.claims) == sorted(c["instrument"] for c in EXPECTED["claims"])
    data = json.loads(Path(result["paths"]["json"]).read_text(encoding="utf-8"))
    assert {c["claim"]["id"]: c["verdict"]["label"] for c in data["claims"]} == {
        v.claim_id: v.label.value for v in run.verdicts
    }


def test_rechecking_the_claim_file_gives_the_same_verdicts(runs: dict) -> None:  # type: ignore[type-arg]
    first, again = runs["article"]["run"], runs["recheck"]["run"]
    assert again.extraction is None
    assert [(v.claim_id, v.label, v.measured) for v in again.verdicts] == [
        (v.claim_id, v.label, v.measured) for v in first.verdicts
    ]


def test_sentences_are_marked_with_their_verdicts(runs: dict) -> None:  # type: ignore[type-arg]
    result = runs["article"]
    run, extraction = result["run"], result["extraction"]
    text = read_article(ARTICLE)
    assert extraction.text == text
    soup = page(result)
    assert soup.select_one("#article .article-text").get_text() == text
    spans = {c.claim_id: c for c in extraction.claims}
    for verdict in run.verdicts:
        mark = soup.select_one(f'.article-text mark.number[data-claim="{verdict.claim_id}"]')
        assert mark is not None, verdict.claim_id
        unsure = ["uncertain"] if spans[verdict.claim_id].confidence < extraction.confirm_below else []
        assert mark["class"] == ["number", f"verdict-{verdict.label.value}", *unsure]
        assert mark.get_text() == text[slice(*spans[verdict.claim_id].number_span)]
        sentence = mark.find_parent("mark", class_="sentence")
        assert sentence is not None
        assert sentence.get_text() == text[slice(*spans[verdict.claim_id].sentence_span)]
        assert verdict.label.value in sentence["data-labels"].split()
    # one claim checked by hand against the snapshot: NVDA closed at 142.62 (24 Jan) and 118.42 (27 Jan)
    plunge = next(v for v in run.verdicts if v.symbol == "NVDA" and run.claim(v.claim_id).metric == "close_change")
    assert plunge.measured == pytest.approx(-16.97, abs=0.005)
    assert plunge.label is Label.CORRECT
    sentence = soup.select_one(f'mark.sentence[data-claims~="{plunge.claim_id}"]')
    assert sentence is not None
    assert sentence.get_text() == "Die Aktie des Chipkonzerns brach am Montag um 17 Prozent ein."
    assert "verdict-CORRECT" in sentence["class"]


def test_numbers_that_are_not_claims_are_listed(runs: dict) -> None:  # type: ignore[type-arg]
    soup = page(runs["article"])
    rows = soup.select("#article table.not-market-list tbody tr")
    assert sorted(r.select_one(".number-text").get_text() for r in rows) == sorted(
        n["text"] for n in EXPECTED["not_market"]
    )
    found = soup.select("#article table.claims-found tbody tr")
    assert [r["data-claim"] for r in found] == [c.id for c in runs["article"]["run"].claims]
    assert runs["article"]["report_lines"]
    assert all(line.startswith("not a market claim: ") for line in runs["article"]["report_lines"])


def test_a_hostile_article_renders_inert(runs: dict) -> None:  # type: ignore[type-arg]
    result = runs["hostile"]
    run = result["run"]
    assert {c.instrument for c in run.claims} == {"NVDA", "AVGO"}
    soup = page(result)
    assert [s.get("type") for s in soup.find_all("script")] == ["application/ld+json"] * len(run.verdicts)
    assert soup.find_all(["img", "iframe"]) == []
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag.name
    body = soup.select_one("#article .article-text")
    assert body.get_text() == HOSTILE
    assert {t.name for t in body.find_all(True)} <= {"mark", "a", "span"}
    for verdict in run.verdicts:
        mark = body.select_one(f'mark.number[data-claim="{verdict.claim_id}"]')
        assert mark is not None
        assert f"verdict-{verdict.label.value}" in mark["class"]


def test_an_article_without_claims_leaves_no_run_folder(runs: dict) -> None:  # type: ignore[type-arg]
    folders = sorted(p.name for p in Path(runs["out"]).iterdir() if p.is_dir())
    assert len(folders) == 3  # the article, its re-check, the hostile article
    assert all((Path(runs["out"]) / f / "report.html").is_file() for f in folders)


def test_cli_check_article(tmp_path: Path) -> None:
    """`marketfact check-article`: exit code per --fail-on, no traceback, the claim file and reports named."""
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "MARKETFACT_OUT_DIR": str(tmp_path / "out")}
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.run(
        [sys.executable, "-m", "marketfact.cli", "check-article", str(ARTICLE), "--published",
         EXPECTED["published_at"], "--source", "snapshot", "--report-lang", "de", "--fail-on", "fail"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output
    assert "| ERROR" not in output
    claims_line = next(line for line in proc.stdout.splitlines() if line.startswith("claim file: "))
    claims_path = Path(claims_line.removeprefix("claim file: "))
    assert claims_path.is_file()
    report = json.loads((claims_path.parent / "report.json").read_text(encoding="utf-8"))
    fails = sum(c["verdict"]["outcome"] == "fail" for c in report["claims"])
    assert proc.returncode == (1 if fails else 0), output
    assert "not a market claim: 'sechs Millionen Dollar'" in proc.stderr
    html = parse((claims_path.parent / "report.html").read_text(encoding="utf-8"))
    assert html.select_one("#article-h").get_text() == "Artikel"
