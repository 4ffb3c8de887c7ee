"""The index page keeps its own language, and lists a check-article run by its article."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from click.testing import CliRunner

from marketfact.checks.runreport import ArticleExtraction
from marketfact.cli import main
from marketfact.reports import write_index, write_reports


def _lang(path: Path) -> str:
    return str(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").html["lang"])


def test_the_index_does_not_flip_to_the_last_run_s_language(cases: Any, tmp_path: Path) -> None:
    first = cases.build_run([cases.nvda_plunge()], run_id="run-a")
    paths = write_reports(first, tmp_path, "de", charts=False)
    assert _lang(paths.index) == "en"  # a new folder's index: English until asked otherwise
    write_index(tmp_path, "de")
    second = cases.build_run([cases.nvda_plunge()], run_id="run-b")
    write_reports(second, tmp_path, "en", charts=False)
    assert _lang(paths.index) == "de"  # kept, although the last run reported in English
    assert len(BeautifulSoup(paths.index.read_text(encoding="utf-8"), "html.parser").select("tr.run")) == 2


def test_the_index_command_sets_the_language(cases: Any, tmp_path: Path) -> None:
    write_reports(cases.build_run([cases.nvda_plunge()], run_id="run-a"), tmp_path, "en", charts=False)
    result = CliRunner().invoke(main, ["index", "-o", str(tmp_path), "--lang", "de"])
    assert result.exit_code == 0, result.output
    page = BeautifulSoup((tmp_path / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "de"
    assert page.h1.get_text() == "marketfact-Läufe"


def test_an_article_run_is_listed_by_its_article(cases: Any, tmp_path: Path) -> None:
    extraction = ArticleExtraction(
        text="Nvidia fiel am Montag um 17 Prozent.",
        language="de",
        published_at=datetime(2025, 1, 29, 7, tzinfo=UTC),
        origin=str(tmp_path / "articles" / "deepseek.txt"),
        claims_file=str(tmp_path / "deepseek.claims.yaml"),
        claims=(),
    )
    run = replace(cases.build_run([cases.nvda_plunge()], run_id="run-article"), extraction=extraction)
    paths = write_reports(run, tmp_path, "en", charts=False)
    row = BeautifulSoup(paths.index.read_text(encoding="utf-8"), "html.parser").select_one("tr.run")
    assert "deepseek.txt" in row.select_one(".article-name").get_text()
