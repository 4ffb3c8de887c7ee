"""What ``marketfact check`` prints, run as a user runs it: the installed command, piped or on a terminal.

Piped (as scripts and CI see it): verdict lines with their reasons, no colour codes, no Prefect INFO lines;
``--format jsonl`` gives one JSON object per claim on stdout; ``--quiet`` one line; ``--verbose`` Prefect's
task-run lines. On a pseudo-terminal: coloured verdicts, none with NO_COLOR, and a progress bar on a run
of more than 1 000 claims (the seed file's five claims repeated under new ids: real claims, real data).
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from marketfact.console import LIST_UP_TO, PROGRESS_FROM, colour_wanted

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "deepseek-2025-01.yaml"
MARKETFACT = Path(sys.executable).with_name("marketfact")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
SEED_IDS = [
    "nvda-monday-plunge", "nvda-tuesday-rebound", "nvda-market-value-at-times", "siemens-energy-monday",
    "advantest-two-days",
]  # fmt: skip


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MARKETFACT_", "PREFECT_LOGGING_"))}
    env.pop("NO_COLOR", None)
    env.update(extra)
    return env


def _check(tmp_path: Path, *args: str, claims: Path = SEED, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MARKETFACT), "check", str(claims), "-o", str(tmp_path / "out"), *args],
        cwd=tmp_path, env=_env(**env), capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def _on_terminal(tmp_path: Path, *args: str, claims: Path = SEED, **env: str) -> tuple[int, str]:
    """Run ``marketfact check`` with stdout and stderr on a pseudo-terminal; its exit code and everything shown."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [str(MARKETFACT), "check", str(claims), "-o", str(tmp_path / "out"), *args],
        cwd=tmp_path, env=_env(TERM="xterm-256color", COLUMNS="160", **env), stdin=subprocess.DEVNULL,
        stdout=follower, stderr=follower,
    )  # fmt: skip
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([leader], [], [], 300)
        if not ready:
            proc.kill()
            break
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command has ended
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def test_colour_wanted_on_a_terminal_only_and_never_with_no_color() -> None:
    leader, follower = pty.openpty()
    try:
        with open(follower, "w", closefd=False) as terminal:
            assert colour_wanted(terminal, {})
            assert not colour_wanted(terminal, {"NO_COLOR": "1"})
        with open(os.devnull, "w") as piped:
            assert not colour_wanted(piped, {})
    finally:
        os.close(leader)
        os.close(follower)


def test_piped_run_prints_reasons_without_colour_or_prefect_info(tmp_path: Path) -> None:
    proc = _check(tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not ANSI.search(proc.stdout + proc.stderr)
    assert "| INFO" not in proc.stderr, proc.stderr
    assert "Finished in state" not in proc.stderr
    lines = {line.split()[1]: line for line in proc.stdout.splitlines() if line.split()[:1] and "·" in line}
    assert list(lines) == SEED_IDS
    assert "off by 2.43 pp: above the claimed [4.5, 6.5) %" in lines["nvda-tuesday-rebound"]
    assert "just outside, by 1.45 pp: above the claimed [17.5, 18.5) %" in lines["siemens-energy-monday"]
    assert "inside the claimed [16.5, 17.5) %" in lines["nvda-monday-plunge"]
    assert "4 pass, 1 fail, 0 unverifiable" in proc.stdout


def test_jsonl_is_one_object_per_claim_and_nothing_else_on_stdout(tmp_path: Path) -> None:
    proc = _check(tmp_path, "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr[-3000:]
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in records] == SEED_IDS
    assert [r["verdict"] for r in records] == ["CORRECT", "INCORRECT", "CORRECT", "MOSTLY_CORRECT", "CORRECT"]
    assert all(r["reason"] for r in records)
    assert "4 pass, 1 fail, 0 unverifiable" in proc.stderr
    assert "html report:" in proc.stderr


@pytest.mark.slow
def test_quiet_prints_one_line_and_verbose_shows_the_task_runs(tmp_path: Path) -> None:
    quiet = _check(tmp_path, "--quiet")
    assert quiet.returncode == 0, quiet.stderr[-3000:]
    assert quiet.stderr == ""
    assert len(quiet.stdout.splitlines()) == 1
    assert quiet.stdout.startswith("4 pass, 1 fail, 0 unverifiable; report: ")
    assert Path(quiet.stdout.split("report: ")[1].strip()).is_file()
    verbose = _check(tmp_path, "--verbose")
    assert verbose.returncode == 0, verbose.stderr[-3000:]
    assert "Task run 'judge-claims" in verbose.stderr
    assert "| INFO" in verbose.stderr


@pytest.mark.slow
def test_on_a_terminal_verdicts_are_coloured_unless_no_color(tmp_path: Path) -> None:
    code, shown = _on_terminal(tmp_path)
    assert code == 0, shown[-3000:]
    assert "\x1b[1;31mINCORRECT" in shown  # a failure in bold red
    assert "\x1b[32mCORRECT" in shown
    code, shown = _on_terminal(tmp_path, NO_COLOR="1")
    assert code == 0, shown[-3000:]
    assert "INCORRECT" in shown
    assert not ANSI.search(shown)


@pytest.mark.slow
def test_a_large_run_on_a_terminal_shows_a_progress_bar(tmp_path: Path) -> None:
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    copies = PROGRESS_FROM // len(seed["claims"]) + 1
    seed["claims"] = [{**c, "id": f"{c['id']}-{i}"} for i in range(copies) for c in seed["claims"]]
    claims = tmp_path / "many.yaml"
    claims.write_text(yaml.safe_dump(seed, allow_unicode=True), encoding="utf-8")
    code, shown = _on_terminal(tmp_path, claims=claims)
    assert code == 0, shown[-3000:]
    assert f"Checking {len(seed['claims']):,} claims" in shown
    assert "task runs" in shown
    piped = _check(tmp_path, claims=claims)  # no bar when piped
    assert "task runs" not in piped.stderr
    assert piped.returncode == 0


@pytest.mark.slow
def test_check_article_prints_json_lines_too(tmp_path: Path) -> None:
    article = ROOT / "tests" / "data" / "articles" / "de-deepseek-ausverkauf.md"
    expected = yaml.safe_load(article.with_name("de-deepseek-ausverkauf.expected.yaml").read_text(encoding="utf-8"))
    proc = subprocess.run(
        [str(MARKETFACT), "check-article", str(article), "--published", str(expected["published_at"]),
         "--source", "snapshot", "-o", str(tmp_path / "out"), "--format", "jsonl"],
        cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert records
    assert all(r["verdict"] and r["reason"] for r in records)
    assert all(0 < r["reading"]["confidence"] <= 1 for r in records)  # read from the article: how sure
    assert all(r["reading"]["uncertain"] == (r["reading"]["confidence"] < 0.8) for r in records)
    report = json.loads(next((tmp_path / "out").glob("*/report.json")).read_text(encoding="utf-8"))
    assert [c["reading"] for c in report["claims"]] == [r["reading"] for r in records]
    assert "| INFO" not in proc.stderr
    assert "html report:" in proc.stderr


@pytest.mark.slow
def test_a_run_of_more_claims_than_are_listed_prints_claims_per_verdict(tmp_path: Path) -> None:
    # The seed's claims repeated under new ids past LIST_UP_TO (and past claims.store.COMPACT_ABOVE: the
    # file is kept as a compact store): no line per claim, the counts per verdict and the Parquet file.
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    copies = LIST_UP_TO // len(seed["claims"]) + 1
    seed["claims"] = [{**c, "id": f"{c['id']}-{i}"} for i in range(copies) for c in seed["claims"]]
    claims = tmp_path / "many.yaml"
    claims.write_text(yaml.safe_dump(seed, allow_unicode=True), encoding="utf-8")
    done = _check(tmp_path, claims=claims)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"{len(seed['claims']):,} claims, more than {LIST_UP_TO:,}: claims per verdict" in done.stdout
    assert not any(f"{cid}-0" in done.stdout for cid in SEED_IDS)
    per_label = dict(re.findall(r"^  ([A-Z_]+) +([\d,]+)$", done.stdout, re.MULTILINE))
    assert sum(int(n.replace(",", "")) for n in per_label.values()) == len(seed["claims"])
    every = re.search(r"^every verdict, one row per claim: (.+)$", done.stdout, re.MULTILINE)
    assert every is not None
    assert Path(every.group(1)).is_file()
