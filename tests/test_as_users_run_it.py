"""The product as its users run it: the installed `marketfact` command, from a working directory of its own,
with the default `out`, a relative `-o` and a relative `MARKETFACT_OUT_DIR` (issue 12).

Every other test hands the tool absolute temporary folders; these give it what a person types.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from marketfact.settings import Settings, absolute, absolute_url
from tests.conftest import SEED

MARKETFACT = Path(sys.executable).with_name("marketfact")


def test_settings_make_every_path_absolute_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MARKETFACT_OUT_DIR", "reports/../published")
    monkeypatch.setenv("MARKETFACT_CACHE_DIR", "cache")
    monkeypatch.setenv("MARKETFACT_HISTORY_URL", "sqlite:///db/history.db")
    monkeypatch.setenv("MARKETFACT_SNAPSHOT_DIR", "~/snapshot")
    settings = Settings()
    assert settings.out_dir == tmp_path / "published"
    assert settings.cache_dir == tmp_path / "cache"
    assert settings.history_url == f"sqlite:///{tmp_path / 'db' / 'history.db'}"
    assert settings.snapshot_dir == Path.home() / "snapshot"
    monkeypatch.delenv("MARKETFACT_OUT_DIR")
    monkeypatch.delenv("MARKETFACT_HISTORY_URL")
    defaults = Settings()
    assert defaults.out_dir == tmp_path / "out", "the default `out` is the working directory's"
    assert defaults.history_for(Path("elsewhere")) == f"sqlite:///{tmp_path / 'elsewhere' / 'history.db'}"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///h.db", "sqlite:///{base}/h.db"),
        ("sqlite:///h.db?timeout=5", "sqlite:///{base}/h.db?timeout=5"),
        ("sqlite:////abs/h.db", "sqlite:////abs/h.db"),
        ("sqlite://", "sqlite://"),
        ("sqlite:///:memory:", "sqlite:///:memory:"),
        ("postgresql+psycopg://u@db/marketfact", "postgresql+psycopg://u@db/marketfact"),
    ],
)
def test_only_relative_sqlite_files_are_rebased(url: str, expected: str) -> None:
    base = Path("/srv/desk")
    assert absolute_url(url, base) == expected.format(base=base)
    assert absolute("a/../b", base) == base / "b"


def run_marketfact(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MARKETFACT_")}
    environment.update(env or {})
    return subprocess.run(
        [str(MARKETFACT), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=300
    )


def one_report(folder: Path) -> dict[str, object]:
    reports = list(folder.glob("*/report.html"))
    assert len(reports) == 1, f"one run folder with a report.html under {folder}: {reports}"
    data = json.loads(reports[0].with_name("report.json").read_text(encoding="utf-8"))
    assert (folder / "index.html").is_file()
    assert (folder / "history.db").is_file()
    return data


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        ((), {}, "out"),
        (("-o", "desk/reports"), {}, "desk/reports"),
        ((), {"MARKETFACT_OUT_DIR": "published"}, "published"),
    ],
    ids=["default-out", "relative-o", "relative-env"],
)
def test_check_from_a_working_directory_of_its_own(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], expected: str
) -> None:
    """The installed command, a relative claim file, a relative report folder: reports land there."""
    shutil.copy(SEED, tmp_path / "claims.yaml")
    proc = run_marketfact(tmp_path, "check", "claims.yaml", *args, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    report = one_report(tmp_path / expected)
    assert len(report["claims"]) == 5  # type: ignore[arg-type]
    assert "4 pass, 1 fail, 0 unverifiable" in proc.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"claims.yaml", expected.split("/")[0]})
