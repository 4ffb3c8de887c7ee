"""The `marketfact` command: every subcommand loads and documents itself; mistakes are messages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from marketfact.cli import main
from tests.conftest import ROOT

COMMANDS = ("check", "check-article", "extract", "history", "serve", "deployments")


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_documents_itself(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: main " + command in result.output or f"Usage: marketfact {command}" in result.output


def test_every_flow_loads() -> None:
    """One smoke test that each Prefect flow imports and is a flow (no server needed)."""
    from prefect import Flow

    from marketfact.flows.article import check_article
    from marketfact.flows.verify import verify_claims

    assert isinstance(verify_claims, Flow)
    assert isinstance(check_article, Flow)
    assert verify_claims.name == "verify-claims"


def test_history_without_runs_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["history", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "No verdict history" in result.output


def test_deployments_writes_prefect_yaml(tmp_path: Path) -> None:
    out = tmp_path / "prefect.yaml"
    result = CliRunner().invoke(main, ["deployments", "-c", str(ROOT / "schedules.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = [d["name"] for d in yaml.safe_load(out.read_text(encoding="utf-8"))["deployments"]]
    assert names == ["deepseek-after-xtks-close", "deepseek-after-xetr-close", "deepseek-after-xnys-close"]


def test_bad_schedule_file_names_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "s.yaml"
    bad.write_text("deployments:\n  - name: x\n    claims: c.yaml\n    after_close: XETR\n    delay_minutes: -5\n")
    result = CliRunner().invoke(main, ["deployments", "-c", str(bad), "-o", str(tmp_path / "p.yaml")])
    assert result.exit_code == 2
    assert "deployments.0.delay_minutes" in result.output


def test_missing_claim_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path / "absent.yaml")])
    assert result.exit_code == 2
    assert "no such file" in result.output
