"""flows.warm: the warm checker's load and its check without Prefect (the task's body)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # a subprocess that imports Prefect, GX and the reports, then checks the seed file


def test_warm_up_freezes_what_it_loads_and_the_check_writes_the_report(tmp_path: Path) -> None:
    """After ``warm_up`` the collector is on again with the loaded objects frozen; ``check_warm`` then checks
    the seed file for real (GX, judge, reports) and gives the report's path and three phase times."""
    script = textwrap.dedent(
        f"""
        import gc
        from marketfact.flows.warm import check_warm, warm_up
        assert gc.get_freeze_count() == 0
        warm_up()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 100_000, gc.get_freeze_count()
        html, phases = check_warm({str(ROOT / "examples" / "deepseek-2025-01.yaml")!r}, {str(tmp_path)!r})
        print(html)
        print(len(phases), all(p >= 0 for p in phases))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    html, phases = done.stdout.strip().splitlines()[-2:]
    assert Path(html).is_file()
    assert Path(html).name == "report.html"
    assert (Path(html).parent / "data-quality.html").is_file()
    assert phases == "3 True"
