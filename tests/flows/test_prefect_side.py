"""The Prefect side of a real flow run (Prefect's test harness, a real server): artifacts at flow-run level, a
link artifact only to an http URL, a run name and tags that say what ran, events, and ``--fail-on`` ending the
flow run Failed after the reports and the history are written (issue 12)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED

pytestmark = pytest.mark.slow

BASE = "http://127.0.0.1:8765/reports/"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two flow runs of the seed on one harness server: with --fail-on fail and a base URL, and with neither."""
    from prefect.client.orchestration import get_client
    from prefect.events.worker import EventsWorker
    from prefect.testing.utilities import prefect_test_harness

    from marketfact.flows.verify import verify_claims

    found: dict[str, Any] = {}
    with prefect_test_harness():
        for kind, extra in (("gated", {"fail_on": "fail", "report_base_url": BASE}), ("plain", {})):
            out = tmp_path_factory.mktemp(kind)
            history = f"sqlite:///{out / 'history.db'}"
            state = verify_claims(
                claims_path=str(SEED), out_dir=str(out), source="snapshot", history_url=history,
                return_state=True, **extra,
            )  # fmt: skip
            found[kind] = {"state": state, "out": out, "id": state.state_details.flow_run_id}
        EventsWorker.drain_all(timeout=30)
        with get_client(sync_client=True) as client:
            for run in found.values():
                run["flow_run"] = client.read_flow_run(run["id"])
                run["artifacts"] = client.request(
                    "POST", "/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [str(run["id"])]}}}
                ).json()
            deadline, events = time.monotonic() + 30, []
            while time.monotonic() < deadline:  # the server stores events shortly after they arrive
                events = client.request(
                    "POST", "/events/filter", json={"filter": {"event": {"prefix": ["marketfact."]}}, "limit": 50}
                ).json()["events"]
                if len(events) >= 3:
                    break
                time.sleep(1)
            found["events"] = events
    return found


def by_key(artifacts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {a["key"]: a for a in artifacts}


def test_fail_on_ends_the_flow_run_failed_after_reports_and_history(runs: dict[str, Any]) -> None:
    from marketfact.flows.runmeta import flow_result

    gated = runs["gated"]
    assert gated["state"].is_failed()
    assert gated["flow_run"].state.is_failed()
    assert "--fail-on fail: 1 of 5 claim(s) failed: nvda-tuesday-rebound" in gated["state"].message
    result = flow_result(gated["state"])
    assert Path(result["paths"]["html"]).is_file()
    with sqlite3.connect(gated["out"] / "history.db") as db:
        assert db.execute("select count(*) from verdicts").fetchone() == (5,)
    assert runs["plain"]["state"].is_completed()


def test_run_names_and_tags_say_what_ran(runs: dict[str, Any]) -> None:
    for run in (runs["gated"], runs["plain"]):
        assert run["flow_run"].name == "deepseek-2025-01 · 4 pass 1 fail"
        assert {"marketfact", "claims:deepseek-2025-01", "source:snapshot", "lang:en"} <= set(run["flow_run"].tags)


def test_artifacts_belong_to_the_flow_run(runs: dict[str, Any]) -> None:
    for run in (runs["gated"], runs["plain"]):
        artifacts = by_key(run["artifacts"])
        assert set(artifacts) == {"marketfact-verdicts", "marketfact-summary", "marketfact-report"}
        assert all(a["task_run_id"] is None for a in artifacts.values()), "created in the flow's body"
        assert all(a["flow_run_id"] == str(run["id"]) for a in artifacts.values())
        assert all("file://" not in str(a["data"]) for a in artifacts.values())


def test_the_report_link_is_an_http_url_only_when_the_folder_is_served(runs: dict[str, Any]) -> None:
    html = Path(flow_html(runs["gated"]))
    url = f"{BASE}{html.parent.name}/report.html"
    link = by_key(runs["gated"]["artifacts"])["marketfact-report"]
    assert url in link["data"]
    assert "HTML report" in link["data"]
    assert url in by_key(runs["gated"]["artifacts"])["marketfact-summary"]["data"]
    plain = by_key(runs["plain"]["artifacts"])["marketfact-report"]
    assert f"`{flow_html(runs['plain'])}`" in plain["data"]
    assert "http" not in plain["data"].split("MARKETFACT_REPORT_BASE_URL")[0]


def flow_html(run: dict[str, Any]) -> str:
    from marketfact.flows.runmeta import flow_result

    return str(flow_result(run["state"])["paths"]["html"])


def test_events_per_failed_claim_and_per_run(runs: dict[str, Any]) -> None:
    events = runs["events"]
    completed = [e for e in events if e["event"] == "marketfact.run.completed"]
    failed = [e for e in events if e["event"] == "marketfact.claim.failed"]
    assert len(completed) == 2
    assert len(failed) == 2  # nvda-tuesday-rebound, once per run
    assert {e["resource"]["prefect.resource.id"] for e in failed} == {
        "marketfact.claim.deepseek-2025-01.nvda-tuesday-rebound"
    }
    gates = {e["payload"]["gate"] for e in completed}
    assert gates == {"tripped", "passed"}
    for event in completed:
        assert event["payload"]["counts"]["pass"] == 4
        assert event["payload"]["counts"]["fail"] == 1
    flow_runs = {r["prefect.resource.id"] for e in events for r in e["related"]}
    assert {f"prefect.flow-run.{runs[k]['id']}" for k in ("gated", "plain")} <= flow_runs
    assert "prefect.tag.claims:deepseek-2025-01" in flow_runs
