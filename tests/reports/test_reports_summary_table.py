"""The summary table: a coloured badge and the claimed number per claim, grouped by verdict on large pages."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from marketfact.checks.runreport import RunReport
from marketfact.reports import render_html
from marketfact.reports.charts import MAX_CHARTED_CLAIMS
from marketfact.reports.context import GROUP_FROM


def test_each_row_has_a_badge_and_the_claimed_number(seed_html: dict[str, str], seed_run: RunReport) -> None:
    page = BeautifulSoup(seed_html["de"], "html.parser")
    rows = page.select("table.claims-index tbody tr")
    assert [r["data-label"] for r in rows] == [v.label.value for v in seed_run.verdicts]
    for row in rows:
        badge = row.select_one(".verdict-tag")
        assert f"verdict-{row['data-label']}" in badge["class"]
    headers = [th.get_text() for th in page.select("table.claims-index thead th")]
    assert headers == ["Aussage", "Urteil", "behauptet", "gemessen"]
    claimed = {r.select_one("td a").get_text(): r.select_one("td.claimed").get_text() for r in rows}
    assert "zeitweise über" in " ".join(claimed.values())
    assert page.select("details.index-group") == []  # five claims: one flat table


def test_a_large_page_groups_the_table_by_verdict_without_script(cases: Any) -> None:
    run = cases.many({"CORRECT": GROUP_FROM, "INCORRECT": 2, "MISLEADING": 1})
    page = BeautifulSoup(render_html(run, "en", charts=False), "html.parser")
    groups = page.select("details.index-group")
    assert [g["data-label"] for g in groups] == ["INCORRECT", "MISLEADING", "CORRECT"]  # least favourable first
    assert [g.has_attr("open") for g in groups] == [True, True, False]
    assert [len(g.select("tbody tr")) for g in groups] == [2, 1, GROUP_FROM]
    assert all({r["data-label"] for r in g.select("tbody tr")} == {g["data-label"]} for g in groups)
    assert page.find("script", src=True) is None
    assert all(s.get("type") == "application/ld+json" for s in page.find_all("script"))


def test_the_chart_limit_is_the_flow_s(cases: Any) -> None:
    from marketfact.flows.verify import MAX_CHARTED_CLAIMS as FLOW_LIMIT

    assert MAX_CHARTED_CLAIMS == FLOW_LIMIT


def test_a_page_without_charts_says_why_in_german(cases: Any) -> None:
    page = BeautifulSoup(render_html(cases.build_run([cases.nvda_plunge()]), "de", charts=False), "html.parser")
    note = " ".join(page.select_one("#summary .charts-off").get_text().split())
    assert note.startswith("Dieser Bericht zeigt keine Diagramme: Er prüft 1 Aussagen")
    assert "200" in note
