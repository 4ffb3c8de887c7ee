"""Runs stopped at any moment (issues 16.2, 20.4–20.6): nothing earlier lost, nothing half-written shown whole.

The slow cases run the installed command and stop it (SIGINT, SIGTERM, kill -9) at several moments; the
fast ones build the report folder's states directly.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from marketfact.errors import EXIT_INTERRUPTED
from marketfact.reports import finish_run, mark_incomplete
from marketfact.reports.index import INCOMPLETE, render_index
from tests.reliability.helpers import MARKETFACT, SEED, environment, run


def _index_rows(out: Path) -> dict[str, bool]:
    """run id → whether the index marks it incomplete."""
    soup = BeautifulSoup(render_index(out), "html.parser")
    return {row["data-run-id"]: "incomplete" in row.get("class", []) for row in soup.select("tr.run")}


def _fake_run(out: Path, run_id: str, *, html: bool = True) -> Path:
    folder = out / run_id
    folder.mkdir(parents=True)
    head = (
        '{\n  "schema_version": 1,\n  "run": {"run_id": "RUN", "started_at": "2025-02-01T12:00:00+00:00"},\n'
        '  "counts": {"total": 1, "pass": 1, "fail": 0, "unverifiable": 0},\n  "validations": [],\n  "claims": []\n}\n'
    ).replace("RUN", run_id)
    (folder / "report.json").write_text(head, encoding="utf-8")
    if html:
        (folder / "report.html").write_text("<html></html>", encoding="utf-8")
    return folder


def test_the_index_marks_runs_that_did_not_finish(tmp_path: Path) -> None:
    done = _fake_run(tmp_path, "20250201T120000Z-aaaaaa")
    stopped = _fake_run(tmp_path, "20250201T120100Z-bbbbbb")
    mark_incomplete(stopped)
    _fake_run(tmp_path, "20250201T120200Z-cccccc", html=False)  # a full disk between the two files
    assert (stopped / INCOMPLETE).exists()
    assert _index_rows(tmp_path) == {
        "20250201T120000Z-aaaaaa": False,
        "20250201T120100Z-bbbbbb": True,
        "20250201T120200Z-cccccc": True,
    }
    finish_run(stopped, tmp_path)
    assert not (stopped / INCOMPLETE).exists()
    assert _index_rows(tmp_path)["20250201T120100Z-bbbbbb"] is False
    assert done.exists()


def _checksums(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.glob("*/report.*"))
        if p.is_file()
    }


def _integrity(out: Path) -> str:
    with sqlite3.connect(out / "history.db") as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def _children(pid: int) -> list[int]:
    """Direct child processes of ``pid`` (read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        stat = Path(f"/proc/{pid}/stat")
        if stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
@pytest.mark.parametrize(("how", "after"), [(signal.SIGKILL, 1.0), (signal.SIGKILL, 3.0), (signal.SIGTERM, 1.5)])
def test_a_stopped_run_leaves_no_server_and_loses_nothing(tmp_path: Path, how: signal.Signals, after: float) -> None:
    out = tmp_path / "out"
    assert run("check", SEED, "-o", out).code == 0
    before = _checksums(out)
    process = subprocess.Popen(
        [str(MARKETFACT), "check", str(SEED), "-o", str(out)],
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    time.sleep(after)
    servers = _children(process.pid)  # the temporary Prefect server, launched first
    process.send_signal(how)
    process.communicate(timeout=60)
    for pid in servers:
        assert _gone(pid, 20), f"the temporary server {pid} outlived its run"
    after_stop = _checksums(out)
    assert {k: after_stop[k] for k in before} == before, "earlier reports keep their bytes"
    assert _integrity(out) == "ok"
    assert run("check", SEED, "-o", out).code == 0, "the next run works"
    rows = _index_rows(out)
    complete = [run_id for run_id, incomplete in rows.items() if not incomplete]
    assert len(complete) >= 2
    with sqlite3.connect(out / "history.db") as db:
        recorded = {r[0] for r in db.execute("SELECT run_id FROM runs")}
    assert set(complete) <= recorded, "every run the index shows complete is in the history"


@pytest.mark.slow
def test_ctrl_c_says_what_was_kept_and_exits_130(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [str(MARKETFACT), "check", str(SEED), "-o", str(out)],
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_INTERRUPTED, err[-2000:]
    assert "Traceback" not in err
    assert "Aborted!" not in err
    lines = [line for line in err.splitlines() if line.startswith("interrupted:")]
    assert len(lines) == 1, err[-2000:]
    assert str(out) in lines[0] or "nothing was written" in lines[0]
