"""Ctrl-C is one line and exit code 130 however it lands (issue 20): during the command's imports, and when a
library catches the KeyboardInterrupt and goes on (Prefect's flow engine does, while a flow run ends: that
made 'marketfact check' exit 0 after a Ctrl-C in CI)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from marketfact.errors import EXIT_INTERRUPTED
from marketfact.group import FINISHED_BEFORE_INTERRUPT, CommandGroup
from tests.reliability.helpers import MARKETFACT, SEED, environment


@click.group(cls=CommandGroup)
def group() -> None:
    """A group with the product's error handler, and commands that meet a real SIGINT."""


@group.command()
@click.option("--code", default=0)
def swallowing(code: int) -> None:
    """Send this process a real SIGINT and catch it, as a library that goes on would; then finish."""
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)  # the handler runs here
    except KeyboardInterrupt:
        pass
    click.echo("done")
    raise SystemExit(code)


@group.command()
def quiet() -> None:
    click.echo("done")


@pytest.mark.parametrize("code", [0, 1])
def test_a_swallowed_ctrl_c_still_ends_in_130_and_says_the_work_is_complete(code: int) -> None:
    before = signal.getsignal(signal.SIGINT)
    result = CliRunner().invoke(group, ["swallowing", "--code", str(code)])
    assert result.exit_code == EXIT_INTERRUPTED, result.output
    assert result.output.splitlines() == ["done", f"interrupted: {FINISHED_BEFORE_INTERRUPT}"]
    assert signal.getsignal(signal.SIGINT) is before  # the test process's own handler is back


def test_a_command_without_ctrl_c_is_not_called_interrupted() -> None:
    result = CliRunner().invoke(group, ["quiet"])
    assert (result.exit_code, result.output) == (0, "done\n")


IMPORT_THEN_CTRL_C = """
import os, signal, sys
from marketfact.entry import main

class CtrlCOnImport:
    \"\"\"A real SIGINT the moment the command's own modules start to import: the phase the test is about,
    reached the same way on a fast or a slow machine (a timed signal was flaky).\"\"\"

    def find_spec(self, name, path=None, target=None):
        if name == "marketfact.cli":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, CtrlCOnImport())
sys.argv = ["marketfact", "check", sys.argv[1], "-o", "unused"]
main()
"""


@pytest.mark.slow
def test_ctrl_c_while_the_command_imports_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    process = subprocess.run(
        [str(MARKETFACT.with_name("python")), "-c", IMPORT_THEN_CTRL_C, str(SEED)],
        env=environment(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode == EXIT_INTERRUPTED, process.stderr[-2000:]
    assert "Traceback" not in process.stderr
    assert process.stderr.strip() == "interrupted: nothing was written"
    assert process.stdout == ""
    assert not (tmp_path / "unused").exists()
