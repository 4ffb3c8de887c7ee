"""Files get the mode the user's umask gives (0644 under 022, 0640 under 027), atomic writes included (issue 12).

``tempfile.mkstemp`` made every report 0600 whatever the umask: no one else on a shared drive could read it.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from marketfact.files import atomic_write
from tests.conftest import SEED

UMASKS = [0o022, 0o027, 0o077]


@pytest.fixture(params=UMASKS, ids=lambda m: f"umask-{m:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The process's umask set for the test, restored after it."""
    before = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def modes(folder: Path) -> dict[str, int]:
    """The permission bits of every file and folder under ``folder``, by relative path."""
    return {str(p.relative_to(folder)): mode(p) for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("data", ["text", b"bytes", iter(["pie", "ces"])], ids=["str", "bytes", "pieces"])
@pytest.mark.parametrize("durable", [False, True])
def test_atomic_write_gives_the_umask_mode(tmp_path: Path, umask: int, data: object, durable: bool) -> None:
    new, existing = tmp_path / "new.txt", tmp_path / "existing.txt"
    existing.write_text("old")
    existing.chmod(0o600)  # a replaced file takes the mode of a new one, as with any rewrite by rename
    for path in (new, existing):
        atomic_write(path, data if not isinstance(data, Iterator) else iter(["pie", "ces"]), durable=durable)  # type: ignore[arg-type]
        assert mode(path) == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.txt", "new.txt"], "no temporary file left"
    assert new.read_bytes() in {b"text", b"bytes", b"pieces"}


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text("old")

    def pieces() -> Iterator[str]:
        yield "half"
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        atomic_write(path, pieces())
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_reports_get_the_umask_mode(tmp_path: Path, umask: int) -> None:
    from marketfact.reports import write_reports
    from tests.reports.conftest import build_run, seed_pairs

    paths = write_reports(build_run(seed_pairs()[:1]), tmp_path / "out", charts=False)
    found = modes(tmp_path / "out")
    assert set(found) == {paths.directory.name, f"{paths.directory.name}/report.html",
                          f"{paths.directory.name}/report.json", f"{paths.directory.name}/data-quality.html",
                          "index.html"}  # fmt: skip
    for name, bits in found.items():
        expected = 0o777 if (tmp_path / "out" / name).is_dir() else 0o666
        assert bits == expected & ~umask, f"{name}: {bits:o}"


def test_cache_entries_get_the_umask_mode(tmp_path: Path, umask: int, snapshot) -> None:  # type: ignore[no-untyped-def]
    from marketfact.market.cache import CachedPriceSource

    now = datetime(2025, 3, 1, tzinfo=UTC)
    CachedPriceSource(snapshot, tmp_path / "cache", clock=lambda: now).history(
        "NVDA", datetime(2025, 1, 13).date(), datetime(2025, 1, 31).date()
    )
    entries = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert entries
    assert {mode(p) for p in entries} == {0o666 & ~umask}


@pytest.mark.slow
def test_a_check_under_umask_027_writes_nothing_wider(tmp_path: Path) -> None:
    """The installed command under umask 027: every file it writes (reports, index, history, Great
    Expectations' Data Docs) is 0640 or narrower, every folder 0750 or narrower, and the reports exactly 0640."""
    shutil.copy(SEED, tmp_path / "claims.yaml")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETFACT_")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("marketfact")), "check", "claims.yaml"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, umask=0o027,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = tmp_path / "out"
    found = modes(out)
    assert len(found) > 5
    wide = {name: f"{bits:o}" for name, bits in found.items() if bits & 0o027}
    assert wide == {}
    (report,) = out.glob("*/report.html")
    assert mode(report) == mode(report.with_name("report.json")) == mode(out / "index.html") == 0o640
    assert mode(out / "history.db") == 0o640
