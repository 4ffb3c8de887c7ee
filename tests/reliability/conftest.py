"""Faults made real: a read-only folder, a full disk (a small tmpfs), a damaged database."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount_tmpfs(where: Path, options: str) -> bool:
    """Mount a tmpfs at ``where`` (root only); whether it worked."""
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    return done.returncode == 0


def _unmount(where: Path) -> None:
    subprocess.run(["umount", str(where)], capture_output=True)


@pytest.fixture
def readonly_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder no one may write in: a read-only tmpfs as root, else a folder of mode 0555."""
    where = tmp_path / "readonly"
    where.mkdir()
    if _mount_tmpfs(where, "ro,size=64k"):
        yield where
        _unmount(where)
        return
    if os.geteuid() == 0:
        pytest.skip("root ignores file modes and cannot mount a read-only tmpfs here")
    where.chmod(0o555)
    yield where
    where.chmod(0o755)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a 64 KiB tmpfs, full after a few files (root only: mounting needs it)."""
    where = tmp_path / "full"
    where.mkdir()
    if not _mount_tmpfs(where, "size=64k"):
        pytest.skip("mounting a small tmpfs needs root")
    yield where
    _unmount(where)
