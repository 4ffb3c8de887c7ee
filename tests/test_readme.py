"""The README shows what the product does: its pasted terminal lines are today's, its links and picture exist.

The verdict lines under "What you will see" are recomputed: the seed file checked by the core on the shipped
snapshot, each verdict laid out as ``marketfact check`` lays it out (same reason, same widths).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from marketfact.reports.terminal import verdict_line

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda p: p.name)
def test_every_relative_link_and_picture_exists(page: Path) -> None:
    targets = [t for t in LINK.findall(page.read_text(encoding="utf-8")) if "://" not in t]
    missing = [t for t in targets if not (page.parent / t).exists()]
    assert missing == []


def test_the_readme_links_every_document_and_the_screenshot() -> None:
    text = README.read_text(encoding="utf-8")
    assert DOCS, "docs/*.md"
    for doc in DOCS:
        assert f"(docs/{doc.name})" in text, doc.name
    assert "](docs/report.png)" in text


def test_the_pasted_verdict_lines_are_what_check_prints_today() -> None:
    from marketfact.checks.run import run_in_process
    from marketfact.claims.load import load_claims
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource

    snapshot = SnapshotSource()
    run = run_in_process(
        load_claims(ROOT / "examples" / "deepseek-2025-01.yaml"), snapshot, snapshot.instruments(),
        {"ecb": EcbFxSource()}, SnapshotSharesSource(),
    )  # fmt: skip
    claims = run.claims_by_id()
    width = min(32, max(len(v.claim_id) for v in run.verdicts))  # as marketfact.console lays them out
    text = README.read_text(encoding="utf-8")
    for verdict in run.verdicts:
        assert verdict_line(verdict, claims[verdict.claim_id], id_width=width) in text, verdict.claim_id
    counts = run.counts()
    assert f"{counts['pass']} pass, {counts['fail']} fail, {counts['unverifiable']} unverifiable" in text
