"""What a flow run tells Prefect, without a server: names, tags, events, the final state, the report's URL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from prefect.states import Failed

from marketfact.checks.runreport import RunReport
from marketfact.checks.verdicts import Label
from marketfact.cli import main
from marketfact.flows.artifacts import report_url
from marketfact.flows.runmeta import (
    CLAIM_FAILED,
    RUN_COMPLETED,
    check_fail_on,
    claim_failed_events,
    final_state,
    flow_result,
    run_completed_event,
    run_tags,
    run_title,
    stem_of,
)
from marketfact.settings import Settings
from tests.reports.conftest import build_run, seed_pairs


@pytest.fixture(scope="module")
def run() -> RunReport:
    """3 pass, 1 fail (nvda-tuesday-rebound), 1 unverifiable."""
    return build_run(seed_pairs())


def test_run_names_say_what_ran(run: RunReport) -> None:
    assert stem_of("/srv/examples/deepseek-2025-01.yaml") == "deepseek-2025-01"
    assert run_title("deepseek-2025-01", run.counts()) == "deepseek-2025-01 · 3 pass 1 fail 1 unverifiable"
    assert run_title("deepseek-2025-01", {"total": 5, "pass": 4, "fail": 1, "unverifiable": 0}) == (
        "deepseek-2025-01 · 4 pass 1 fail"
    )
    assert run_title("empty", {"total": 0, "pass": 0, "fail": 0, "unverifiable": 0}) == "empty · 0 claims"
    assert run_tags("deepseek-2025-01", "snapshot", "de") == [
        "marketfact", "claims:deepseek-2025-01", "source:snapshot", "lang:de",
    ]  # fmt: skip


def test_one_event_per_failed_claim_and_one_per_run(run: RunReport) -> None:
    failed = claim_failed_events(run, "seed", "seed · 3 pass 1 fail 1 unverifiable", "http://r/x/report.html")
    assert [e["event"] for e in failed] == [CLAIM_FAILED]
    (event,) = failed
    fails = [v for v in run.verdicts if v.outcome == "fail"]
    assert event["resource"]["prefect.resource.id"] == f"marketfact.claim.seed.{fails[0].claim_id}"
    assert event["payload"]["label"] == fails[0].label.value
    assert event["payload"]["text"] == run.claim(fails[0].claim_id).text
    assert event["payload"]["report"] == "http://r/x/report.html"
    assert event["related"][0]["prefect.resource.id"] == f"marketfact.run.{run.run_id}"
    done = run_completed_event(run, "seed", "t", None, "fail", len(failed))
    assert done["event"] == RUN_COMPLETED
    assert done["payload"]["counts"]["pass"] == 3
    assert done["payload"]["counts"]["fail"] == 1
    assert done["payload"]["gate"] == "tripped"
    assert run_completed_event(run, "seed", "t", None, None, 1)["payload"]["gate"] == "passed"


def test_claim_events_are_capped(run: RunReport) -> None:
    many = replace(run, verdicts=tuple(replace(v, label=Label.INCORRECT) for v in run.verdicts))
    assert len(claim_failed_events(many, "s", "t", None)) == 5
    capped = claim_failed_events(many, "s", "t", None, limit=2)
    assert len(capped) == 2
    assert run_completed_event(many, "s", "t", None, None, 2)["payload"]["claim_failed_events_left_out"] == 3


@pytest.mark.parametrize(
    ("fail_on", "failed"), [(None, False), ("fail", True), ("unverifiable", True)]
)  # fmt: skip
def test_the_gate_sets_the_final_state_and_keeps_the_result(run: RunReport, fail_on: str | None, failed: bool) -> None:
    state = final_state(run, fail_on, {"run": run})
    assert state.is_failed() is failed
    if failed:
        assert state.message is not None
        assert f"--fail-on {fail_on}:" in state.message
        assert ("2 of 5" if fail_on == "unverifiable" else "1 of 5") in state.message
    passing = replace(run, verdicts=tuple(v for v in run.verdicts if v.outcome == "pass"))
    assert final_state(passing, fail_on, {}).is_completed()


def test_flow_result_raises_a_real_failure() -> None:
    with pytest.raises(RuntimeError, match="boom"):
        flow_result(Failed(data=RuntimeError("boom")))
    with pytest.raises(ValueError, match="fail_on"):
        check_fail_on("sometimes")


def test_report_url_joins_the_run_folder_onto_the_served_folder(tmp_path: Path) -> None:
    html = str(tmp_path / "out" / "20250128T073000Z-ab12cd" / "report.html")
    assert report_url("https://r.example/mf", html, tmp_path / "out") == (
        "https://r.example/mf/20250128T073000Z-ab12cd/report.html"
    )
    assert report_url("http://127.0.0.1:8000/", html, tmp_path / "out") == (
        "http://127.0.0.1:8000/20250128T073000Z-ab12cd/report.html"
    )
    assert report_url(None, html, tmp_path / "out") is None
    assert report_url("https://r.example/", html, tmp_path / "elsewhere") is None


def test_report_base_url_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARKETFACT_REPORT_BASE_URL", "https://reports.example.org/marketfact")
    assert Settings().report_base_url == "https://reports.example.org/marketfact/"
    monkeypatch.setenv("MARKETFACT_REPORT_BASE_URL", "file:///srv/out")
    with pytest.raises(ValueError, match="http"):
        Settings()


def test_a_bad_report_base_url_is_a_user_error(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text("claims: []\n")
    result = CliRunner().invoke(main, ["check", str(claims), "--report-base-url", "file:///srv/out"])
    assert result.exit_code == 2
    assert "http(s) URL" in result.output


def test_schedules_pass_the_gate_and_the_base_url_to_their_flow_runs(tmp_path: Path) -> None:
    from marketfact.flows.schedules import ScheduleConfigError, load_schedule

    path = tmp_path / "schedules.yaml"
    path.write_text(
        "defaults: {fail_on: fail, report_base_url: 'https://r.example/mf'}\n"
        "deployments:\n"
        "  - {name: a, claims: a.yaml, cron: '0 23 * * 1-5', timezone: Europe/Berlin}\n"
        "  - {name: b, claims: b.yaml, cron: '0 23 * * 1-5', timezone: Europe/Berlin, fail_on: unverifiable}\n"
    )
    schedule = load_schedule(path)
    a, b = (schedule.parameters(d) for d in schedule.deployments)
    assert (a["fail_on"], b["fail_on"]) == ("fail", "unverifiable")
    assert a["report_base_url"] == "https://r.example/mf/"
    path.write_text(
        "deployments:\n  - {name: a, claims: a.yaml, cron: '0 23 * * 1-5', timezone: UTC, report_base_url: /srv}\n"
    )
    with pytest.raises(ScheduleConfigError, match="report_base_url"):
        load_schedule(path)
