"""The orchestration summaries: a row and a line per claim, and for a large run the claims its page shows."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from marketfact.checks.runreport import RunReport
from marketfact.reports.summary import markdown_summary, verdict_rows


def test_a_row_and_a_line_per_claim(seed_run: RunReport) -> None:
    rows = verdict_rows(seed_run)
    assert [r["claim"] for r in rows] == [v.claim_id for v in seed_run.verdicts]
    assert rows[0]["verdict"] == "CORRECT"
    assert rows[0]["measured"] == -16.97
    text = markdown_summary(seed_run, "https://reports.example/out/run-1/report.html")
    assert "**3 pass, 1 fail, 1 unverifiable** of 5 claims" in text
    assert [row.split(" | ")[0] for row in _table_rows(text)] == [f"| {v.claim_id}" for v in seed_run.verdicts]
    assert "left out" not in text
    url = "https://reports.example/out/run-1/report.html"
    assert text.endswith(f"Full report: [{url}]({url})")
    local = markdown_summary(seed_run, report_path="/srv/out/run-1/report.html")
    assert local.endswith("Full report: `/srv/out/run-1/report.html` on the machine that ran the check.")
    assert "file://" not in local


def test_a_large_run_is_summarised_as_its_page_shows_it(cases: Any) -> None:
    run = cases.many({"CORRECT": 50, "INCORRECT": 20, "MISLEADING": 2, "UNVERIFIABLE": 3})
    rows = verdict_rows(run, limit=12)
    assert Counter(r["verdict"] for r in rows) == {"INCORRECT": 7, "MISLEADING": 2, "UNVERIFIABLE": 3}
    text = markdown_summary(run, limit=12)
    assert "of 75 claims" in text  # the counts are the whole run's
    assert len(_table_rows(text)) == 12
    assert "Shown: 12 of 75 claims" in text
    assert "63 left out" in text


def test_a_claim_cell_cannot_break_the_table(cases: Any) -> None:
    claim, verdict = cases.nvda_plunge()
    run = cases.build_run([(claim, replace(verdict, sessions_note="a | b\nc"))])
    line = next(x for x in markdown_summary(run).splitlines() if x.startswith("| nvda-"))
    assert line.count(" | ") == 4
    assert "a \\| b c" in line


def _table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| claim |")]
