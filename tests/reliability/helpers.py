"""Shared by the reliability tests: run the installed command as a user would, and read what it said."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MARKETFACT = Path(sys.executable).with_name("marketfact")
ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "deepseek-2025-01.yaml"
SEED_TEXT = SEED.read_text(encoding="utf-8")
PREFECT_FAILURE_LINES = ("Encountered exception during execution", "Task run failed with", "Finished in state Failed")


@dataclass(frozen=True)
class Outcome:
    """What the command did: its exit code and what it printed."""

    code: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        """The lines on stderr that start with ``error:`` (the command's own verdict on what failed)."""
        return [line for line in self.stderr.splitlines() if line.startswith("error:")]

    def assert_one_clear_line(self, code: int, *words: str) -> str:
        """Exit ``code``, no traceback, exactly one ``error:`` line holding every one of ``words``."""
        assert self.code == code, (self.code, self.stderr[-2000:])
        assert "Traceback" not in self.stderr + self.stdout, self.stderr[-3000:]
        assert len(self.error_lines) == 1, self.stderr[-2000:]
        for repeat in PREFECT_FAILURE_LINES:  # Prefect's own lines about the exception the error line says
            assert repeat not in self.stderr, self.stderr[-2000:]
        line = self.error_lines[0]
        for word in words:
            assert word in line, (word, line)
        assert len(line) <= 700, line
        return line


def environment(**extra: str) -> dict[str, str]:
    """The test process's environment without MARKETFACT_* settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETFACT_")}
    env.update(extra)
    return env


def run(*args: str | Path, cwd: Path | None = None, timeout: float = 300, **env: str) -> Outcome:
    """``marketfact ARGS…`` as a subprocess; ``env`` adds environment variables."""
    done = subprocess.run(
        [str(MARKETFACT), *map(str, args)],
        cwd=cwd,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def seed_with(tmp_path: Path, old: str, new: str, name: str = "claims.yaml") -> Path:
    """The seed claim file with ``old`` replaced once by ``new``, written to ``tmp_path/name``."""
    assert old in SEED_TEXT, old
    path = tmp_path / name
    path.write_text(SEED_TEXT.replace(old, new, 1), encoding="utf-8")
    return path
