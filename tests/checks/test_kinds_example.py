"""examples/kinds-2025-01.yaml: one claim of each kind on the snapshot, with the verdicts its comments state."""

from __future__ import annotations

from pathlib import Path

from marketfact.checks.run import run_in_process
from marketfact.claims.load import load_claims
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kinds-2025-01.yaml"
EXPECTED = {
    "spx-closed-at": "CORRECT",
    "spx-ended-at-the-high": "MISLEADING",
    "nvda-as-low-as": "CORRECT",
    "dax-lost-points": "CORRECT",
    "nvda-fell-dollars": "CORRECT",
    "nvda-below-3-trillion": "CORRECT",
    "nvda-lowest-close-since": "CORRECT",
    "advantest-biggest-fall": "CORRECT",
    "schneider-lowest-wrong-day": "MISLEADING",
    "nvda-biggest-fall-since-2020": "UNVERIFIABLE",
    "vistra-adjusted-only": "CORRECT",
}


def test_the_example_of_each_kind_gets_the_verdicts_its_comments_state(snapshot) -> None:  # type: ignore[no-untyped-def]
    claims = load_claims(EXAMPLE)
    report = run_in_process(
        claims, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource(), validate=True
    )
    assert {v.claim_id: v.label.value for v in report.verdicts} == EXPECTED
    metrics = {c.metric.value for c in claims.claims}
    assert metrics >= {"close_level", "intraday_level", "points_change", "market_cap_level", "record"}
