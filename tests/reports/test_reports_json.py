"""The JSON report validates against its schema, carries what the HTML shows, and feeds the index page."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup

from marketfact.checks.runreport import RunReport
from marketfact.reports import report_json, write_reports
from marketfact.reports.jsonreport import report_schema, validate_report


def test_schema_is_valid_and_documented() -> None:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def undocumented(node: Any, path: str) -> list[str]:
        found = []
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if isinstance(sub, dict) and "description" not in sub and not name.startswith("@"):
                    found.append(f"{path}.{name}")
            for key, sub in node.items():
                found += undocumented(sub, f"{path}.{key}")
        return found

    missing = [p for p in undocumented(schema, "$") if ".claim_review." not in p]
    assert missing == []


def test_seed_run_validates(seed_run: RunReport) -> None:
    data = report_json(seed_run)
    validate_report(data)
    json.dumps(data, allow_nan=False)  # no NaN or Infinity survives


def test_content_matches_the_run(seed_run: RunReport) -> None:
    data = report_json(seed_run)
    assert data["counts"] == seed_run.counts()
    assert data["run"]["sources"][0] == {
        "name": "snapshot",
        "mode": "offline snapshot",
        "retrieved_at": "2025-02-15T09:30:00+00:00",
        "detail": "market/data/PROVENANCE.md",
    }
    plunge = data["claims"][0]
    assert plunge["claim"]["id"] == "nvda-monday-plunge"
    assert plunge["verdict"]["label"] == "CORRECT"
    assert plunge["verdict"]["outcome"] == "pass"
    assert plunge["measured"]["value"] == pytest.approx(-16.97)
    assert plunge["measured"]["price_field"] == "close"
    assert plunge["interval"] == {"lo": 16.5, "hi": 17.5, "direction": "down", "notation": "−17 % → [16.5, 17.5)"}
    assert plunge["sessions"]["timezone"] == "America/New_York"
    assert [(e["session"], e["role"], e["value"]) for e in plunge["evidence"]] == [
        ("2025-01-24", "base", 142.62),
        ("2025-01-27", "end", 118.42),
    ]
    assert plunge["claim_review"]["reviewRating"]["ratingValue"] == 5


def test_unbounded_interval_and_unknown_prices_are_null(seed_run: RunReport) -> None:
    data = report_json(seed_run)
    money = next(c for c in data["claims"] if c["claim"]["id"] == "nvda-market-value-at-times")
    assert money["interval"]["lo"] == 563.0
    assert money["interval"]["hi"] is None
    assert money["fx"].startswith("1 EUR = 1.0530 USD")
    assert money["shares"].startswith("24.49 bn shares")
    assert [a["currency"] for a in money["alternatives"]] == ["EUR", "USD"]
    gap = next(c for c in data["claims"] if c["claim"]["id"] == "siemens-energy-tuesday-21")
    assert gap["measured"]["value"] is None
    assert [f["name"] for f in gap["quality"]["failures"]] == ["close_not_null"]
    rows = {p["session"]: p for p in gap["path"]}
    assert rows["2025-01-20"]["close"] is None  # the snapshot's empty row stays unknown, not NaN
    assert rows["2025-01-22"]["close"] == pytest.approx(55.14)


def test_schema_rejects_what_it_should(seed_run: RunReport) -> None:
    data = report_json(seed_run)
    data["claims"][0]["verdict"]["label"] = "TRUE-ISH"
    with pytest.raises(jsonschema.ValidationError):
        validate_report(data)
    data = report_json(seed_run)
    data["counts"]["pass"] = -1
    with pytest.raises(jsonschema.ValidationError):
        validate_report(data)


def test_write_reports_and_index(tmp_path: Path, seed_run: RunReport, cases: Any) -> None:
    older = replace(
        cases.build_run([cases.siemens_unverifiable()], run_id="20250128-older"),
        started_at=seed_run.started_at - timedelta(days=1),
    )
    first = write_reports(older, tmp_path, "de", charts=False)
    second = write_reports(seed_run, tmp_path, "en")
    assert second.html == tmp_path / seed_run.run_id / "report.html"
    assert second.json == tmp_path / seed_run.run_id / "report.json"
    assert first.index == second.index == tmp_path / "index.html"
    validate_report(json.loads(second.json.read_text(encoding="utf-8")))
    page = BeautifulSoup(second.html.read_text(encoding="utf-8"), "html.parser")
    assert len(page.select("section.claim")) == len(seed_run.verdicts)
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "report.json").write_text("{not json", encoding="utf-8")
    write_reports(older, tmp_path, "en", charts=False)  # rewriting a run refreshes the index
    index = BeautifulSoup((tmp_path / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = index.select("tr.run")
    assert [r["data-run-id"] for r in rows] == [seed_run.run_id, "20250128-older"]  # newest first
    assert [a["href"] for a in index.select("tr.run a")] == [
        f"{seed_run.run_id}/report.html",
        "20250128-older/report.html",
    ]
    counts = {n["data-count"]: int(n.get_text()) for n in rows[0].select("[data-count]")}
    assert counts == {"pass": 3, "fail": 1, "unverifiable": 1}
    assert {n["data-count"]: int(n.get_text()) for n in rows[1].select("[data-count]")}["unverifiable"] == 1
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize("run_id", ["../escape", "a/b", "", ".hidden", "x" * 200])
def test_unsafe_run_id_is_refused(tmp_path: Path, cases: Any, run_id: str) -> None:
    run = cases.build_run([cases.nvda_plunge()], run_id=run_id)
    with pytest.raises(ValueError, match="run id"):
        write_reports(run, tmp_path, charts=False)
    assert list(tmp_path.iterdir()) == []


def test_nan_in_path_becomes_null(cases: Any) -> None:
    claim, verdict = cases.nvda_plunge()
    row = replace(verdict.path[0], open=math.nan)
    run = cases.build_run([(claim, replace(verdict, path=(row, *verdict.path[1:])))])
    data = report_json(run)
    assert data["claims"][0]["path"][0]["open"] is None
    validate_report(data)
