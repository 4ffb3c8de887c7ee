"""One import package: ``marketfact``. The top-level folders (``checks/``, ``reports/`` …) install as its
subpackages, so nothing generic lands in site-packages and a user's own ``reports/`` or ``flows/`` folder in the
working directory shadows nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("claims", "market", "checks", "reports", "flows", "history", "web")


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter of this environment, from ``cwd`` (which Python puts first on sys.path)."""
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_old_top_level_names_are_not_importable(tmp_path: Path) -> None:
    code = (
        "import importlib.util\n"
        f"print(sorted(n for n in {FOLDERS!r} if importlib.util.find_spec(n) is not None))\n"
    )
    done = run_python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_users_reports_and_flows_folders_shadow_nothing(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "2025-01-27.html").write_text("<p>a user's own report</p>", encoding="utf-8")
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "__init__.py").write_text("MINE = True\n", encoding="utf-8")
    (tmp_path / "checks").mkdir()
    code = (
        "from marketfact.reports import write_reports\n"
        "import marketfact.flows.verify as verify, marketfact.checks.engine as engine\n"
        "import flows\n"  # the user's own package stays theirs, and ours stays ours
        "assert flows.MINE\n"
        "print(verify.__file__)\nprint(engine.__file__)\n"
    )
    done = run_python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    ours = [Path(line) for line in done.stdout.split()]
    assert ours == [ROOT / "flows" / "verify.py", ROOT / "checks" / "engine.py"]


@pytest.mark.slow
def test_the_built_wheel_holds_one_top_level_package(tmp_path: Path) -> None:
    source = tmp_path / "source"  # built from a copy: setuptools writes build/ and *.egg-info/ beside the sources
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "marketfact", *FOLDERS):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    built = subprocess.run([*pip, "-w", str(tmp_path), str(source)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("marketfact-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"marketfact"}
    for must in (
        "marketfact/py.typed",
        "marketfact/checks/engine.py",
        "marketfact/reports/templates/report.html",
        "marketfact/market/data/instruments.csv",
        "marketfact/history/migrations/env.py",
        "marketfact/claims/data/aliases.yaml",
        "marketfact/web/templates/article.html",
        "marketfact/checks/quality/assets/fontawesome-free/webfonts/fa-solid-900.woff2",  # Data Docs offline
        "marketfact/checks/quality/assets/jquery/LICENSE.txt",
    ):
        assert must in names
    # pyproject lists the packages one by one: a new subpackage left out of the list would import in the editable
    # checkout and be missing from the installed wheel (claims/extract/ gained five in session 13)
    packages = [p.parent.relative_to(ROOT) for folder in FOLDERS for p in (ROOT / folder).rglob("__init__.py")]
    missing = [str(p) for p in packages if f"marketfact/{p.as_posix()}/__init__.py" not in names]
    assert packages
    assert missing == []
