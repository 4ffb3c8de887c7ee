"""``marketfact history``: newest 50 claims by default, --verdict, --since, --limit, an exact id before a prefix.

The history holds 60 claims about Nvidia's 27 Jan 2025 close (stated values 1–60 %: generated claims, judged
on the shipped snapshot's real prices), so one is CORRECT (17 %) and the rest are not.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from marketfact.checks.run import run_in_process
from marketfact.claims.model import ClaimFile
from marketfact.cli import main
from marketfact.history import HistoryStore
from marketfact.history.keys import claim_hash
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource

N = 60


def _claim(i: int, claim_id: str | None = None) -> dict[str, object]:
    return {
        "id": claim_id or f"nvda-minus-{i}",
        "text": f"Nvidia fell {i} % on 27 January 2025.",
        "subject": "Nvidia",
        "instrument": "NVDA",
        "metric": "close_change",
        "sessions": ["2025-01-27"],
        "direction": "down",
        "value": i,
    }


def _record(out: Path, claims: list[dict[str, object]], run_id: str, hours: int = 0) -> None:
    snapshot = SnapshotSource()
    run = run_in_process(
        ClaimFile.model_validate({"claims": claims}), snapshot, snapshot.instruments(), {"ecb": EcbFxSource()},
        SnapshotSharesSource(), validate=False,
    )  # fmt: skip
    started = run.started_at + timedelta(hours=hours)
    with HistoryStore(f"sqlite:///{out}/history.db") as store:
        store.upgrade()
        store.record(replace(run, run_id=run_id, started_at=started, finished_at=started))


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("history-cli")
    _record(folder, [_claim(i) for i in range(1, N + 1)], "run-1")
    return folder


def _history(out: Path, *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["history", "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def _claim_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if " nvda-" in line]


def test_default_shows_the_newest_fifty_and_says_how_many_more(out: Path) -> None:
    lines = _history(out)
    assert len(_claim_lines(lines)) == 50
    assert lines[-1].startswith(f"… 50 of {N} claims shown")
    assert len(_claim_lines(_history(out, "--limit", "0"))) == N
    assert len(_claim_lines(_history(out, "--limit", "7"))) == 7


def test_verdict_filters_by_label_or_outcome(out: Path) -> None:
    correct = _claim_lines(_history(out, "--verdict", "CORRECT"))
    assert len(correct) == 1
    assert " nvda-minus-17 " in correct[0]
    assert _claim_lines(_history(out, "--verdict", "pass", "--limit", "0")) != []
    failing = _claim_lines(_history(out, "--verdict", "fail", "--limit", "0"))
    passing = _claim_lines(_history(out, "--verdict", "pass", "--limit", "0"))
    assert len(failing) + len(passing) == N
    assert all("CORRECT" in line and "INCORRECT" not in line for line in passing)


def test_since_keeps_later_runs_only(out: Path) -> None:
    assert len(_claim_lines(_history(out, "--since", "2000-01-01", "--limit", "0"))) == N
    lines = _history(out, "--since", "2999-01-01")
    assert _claim_lines(lines) == []
    assert lines[-1] == "(none matched --verdict/--since)"


def test_an_exact_id_wins_over_a_hash_prefix(tmp_path: Path) -> None:
    other = _claim(5)
    snapshot_claim = ClaimFile.model_validate({"claims": [other]}).claims[0]
    prefix = claim_hash(snapshot_claim, (snapshot_claim.sessions[0], snapshot_claim.sessions[0]))[:8]
    _record(tmp_path, [other, _claim(6, claim_id=prefix)], "run-1")
    detail = _history(tmp_path, prefix)
    assert detail[0].split()[2] == prefix  # "Claim <hash>  <id>  (Nvidia)": the claim whose id it is
    assert not any("nvda-minus-5" in line for line in detail)
    by_prefix = _history(tmp_path, prefix[:6])  # no id is that: the hash prefix finds the other claim
    assert by_prefix[0].split()[2] == "nvda-minus-5"
