"""The documented automation on a real `prefect server start` (loopback): `marketfact check --fail-on fail`
sends `marketfact.claim.failed`, the automation of docs/automations/claim-failed.yaml (created with Prefect's
own `prefect automation create`) triggers, and its notification reaches a webhook on 127.0.0.1 (issue 12)."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest

from tests.conftest import ROOT, SEED
from tests.flows.test_scheduling import free_port, wait_for

pytestmark = pytest.mark.slow

AUTOMATION = ROOT / "docs" / "automations" / "claim-failed.yaml"
PLACEHOLDER = "PUT-YOUR-NOTIFICATION-BLOCK-ID-HERE"


class Inbox(http.server.BaseHTTPRequestHandler):
    """A webhook that keeps what it is sent (the notification a real one would forward)."""

    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Inbox.received.append(json.loads(body or b"{}"))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_failed_claim_triggers_the_documented_automation(tmp_path: Path) -> None:
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETFACT_")}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect"),
        PREFECT_API_URL=api,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
    )
    inbox = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Inbox)
    threading.Thread(target=inbox.serve_forever, daemon=True).start()
    Inbox.received.clear()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        wait_for(lambda: httpx.get(f"{api}/health", timeout=2).status_code == 200, 180, "prefect server")
        # The notification block, as a user would save one (Slack, email … work alike; a webhook needs no account).
        block = subprocess.run(
            [sys.executable, "-c",
             "from prefect.blocks.notifications import CustomWebhookNotificationBlock as B; "
             f"print(B(name='marketfact', url='http://127.0.0.1:{inbox.server_port}/notify', "
             "json_data={'subject': '{{subject}}', 'body': '{{body}}'}).save('marketfact-alerts'))"],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert block.returncode == 0, block.stderr
        automation = tmp_path / "claim-failed.yaml"
        assert PLACEHOLDER in AUTOMATION.read_text(encoding="utf-8")
        automation.write_text(AUTOMATION.read_text(encoding="utf-8").replace(PLACEHOLDER, block.stdout.strip()))
        created = subprocess.run(
            [sys.executable, "-m", "prefect", "automation", "create", "--from-file", str(automation)],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert created.returncode == 0, created.stdout + created.stderr
        assert "marketfact-claim-failed" in created.stdout

        shutil.copy(SEED, tmp_path / SEED.name)
        check = subprocess.run(
            [str(Path(sys.executable).with_name("marketfact")), "check", SEED.name, "--fail-on", "fail",
             "--report-base-url", "http://127.0.0.1:8000/"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert check.returncode == 1, check.stderr[-3000:]
        assert "Traceback" not in check.stderr

        def events(name: str) -> list[dict[str, Any]]:
            body = {"filter": {"event": {"name": [name]}}, "limit": 50}
            return list(httpx.post(f"{api}/events/filter", json=body, timeout=10).json()["events"])

        wait_for(lambda: events("marketfact.run.completed"), 60, "the run's event")
        (failed,) = events("marketfact.claim.failed")
        assert failed["payload"]["claim_id"] == "nvda-tuesday-rebound"
        assert failed["payload"]["report"].startswith("http://127.0.0.1:8000/")
        (completed,) = events("marketfact.run.completed")
        assert completed["payload"]["counts"]["fail"] == 1
        assert completed["payload"]["gate"] == "tripped"

        wait_for(lambda: Inbox.received, 120, "the automation's notification")
        (note,) = Inbox.received
        assert note["subject"] == "marketfact: nvda-tuesday-rebound is INCORRECT"
        assert "On Tuesday Nvidia rebounded" in note["body"]
        assert "http://127.0.0.1:8000/" in note["body"]

        runs = httpx.post(f"{api}/flow_runs/filter", json={}, timeout=10).json()
        assert [(r["name"], r["state_type"]) for r in runs] == [("deepseek-2025-01 · 4 pass 1 fail", "FAILED")]
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        inbox.shutdown()
        log.close()
