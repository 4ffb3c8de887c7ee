"""What the Great Expectations checks cost per run: import, context, suites, validation per dataset.

Usage (repository root, project virtualenv)::

    python -m bench.quality_cost                 # the seed file, then 1 000 claims over the snapshot
    python -m bench.quality_cost --claims 5000   # more claims: the cost should barely move

Three scenarios, in one process (so GX's import is paid once, by the first):

1. the seed file's five claims (NVDA, ENR.DE, 6857.T) through ``validate_run``, as the engine calls it;
2. N claims drawn at random over the real snapshot (all its symbols and sessions) through
   ``validate_run``: the claims are SYNTHETIC statements about REAL prices, made up here only to have
   many of them; their verdicts are not the point, the validation cost is;
3. the same N claims validated one symbol at a time (``validate_prices`` per instrument), to compare
   with the single batched pass of scenario 2.

It prints seconds per phase and the rows GX saw (window rows, evidence cells), which grow with the
values the claims touch, not with the number of claims.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "deepseek-2025-01.yaml"


def random_claims(count: int, seed: int = 5) -> dict[str, Any]:
    """A claim-file dict of ``count`` SYNTHETIC claims over the snapshot's real sessions."""
    from marketfact.market.snapshot import SnapshotSource

    snap = SnapshotSource()
    rng = np.random.default_rng(seed)
    symbols = [s for s in snap.symbols() if s in snap.instruments()]
    claims = []
    for i in range(count):
        symbol = symbols[rng.integers(len(symbols))]
        days = snap.full_history(symbol).frame.index
        first = int(rng.integers(1, len(days) - 2))
        length = 1 if rng.random() < 0.7 else 2
        metric = "intraday_extreme" if rng.random() < 0.2 else "close_change"
        sessions = [d.date().isoformat() for d in days[first : first + length]]
        claims.append(
            {
                "id": f"synthetic-{i:05d}",
                "text": f"SYNTHETIC claim {i} about {symbol}, made up for a cost benchmark",
                "subject": symbol,
                "instrument": symbol,
                "metric": metric,
                "direction": "down" if rng.random() < 0.5 else "up",
                "sessions": [sessions[0], sessions[-1]] if length > 1 else sessions,
                "value": round(float(rng.uniform(0.5, 20)), 1),
            }
        )
    return {"claims": claims}


def validate_claim_file(data: Any, docs: Path) -> dict[str, Any]:
    """Plan, fetch (snapshot) and validate one claim set; the QualityRun's figures and the rows seen."""
    from marketfact.checks.plan import plan_run
    from marketfact.checks.quality.pricebatch import PriceCheck, build_frames
    from marketfact.checks.quality.runner import QualityRun
    from marketfact.checks.quality.validate import validate_run
    from marketfact.checks.run import fetch_all, fetch_conversions
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource

    snap = SnapshotSource()
    plan = plan_run(data, snap.instruments())
    series, _ = fetch_all(plan, snap)
    fx, shares, _ = fetch_conversions(plan, {"ecb": EcbFxSource()}, SnapshotSharesSource())
    run = QualityRun()
    start = time.perf_counter()
    outcomes, extra = validate_run(plan, series, fx, shares, docs, run=run)
    wall = time.perf_counter() - start
    checks = [PriceCheck(series[s], plan.instruments[s], plan.windows[s], plan.evidence_for(s)) for s in series]
    window, cells = build_frames(checks)
    failing = sum(bool(o.critical_failures()) for o in outcomes.values())
    return {
        "claims": len(plan.table),
        "instruments": len(series),
        "window_rows": len(window),
        "evidence_cells": len(cells),
        "outcomes": len(outcomes) + len(extra),
        "instruments_with_critical_failures": failing,
        "wall_s": round(wall, 3),
        **run.cost_figures(),
        "plan": plan,
        "series": series,
    }


def per_symbol(plan: Any, series: dict[str, Any]) -> tuple[float, int]:
    """Validate each instrument in its own call (the engine's per-instrument way): seconds, calls."""
    from marketfact.checks.quality.runner import QualityRun

    run = QualityRun()
    _ = run.session  # context and suites outside the timing: only the validations are compared
    start = time.perf_counter()
    for symbol, ps in series.items():
        run.validate_prices(ps, plan.instruments[symbol], plan.windows[symbol], plan.evidence_for(symbol))
    return time.perf_counter() - start, len(series)


def show(title: str, figures: dict[str, Any]) -> None:
    """Print one scenario's figures, one per line."""
    print(f"\n== {title}")
    for key in ("claims", "instruments", "window_rows", "evidence_cells", "outcomes"):
        print(f"  {key:<26}{figures[key]}")
    for key in ("gx_import_s", "context_s", "suites_s", "validation_s", "data_docs_s", "wall_s"):
        print(f"  {key:<26}{figures[key]:.3f}")
    for name, seconds in figures["per_validation"]:
        print(f"    validate {name:<40}{seconds:.3f} s")


def main(argv: list[str] | None = None) -> int:
    """Run the three scenarios and print their costs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000, help="claims in the synthetic scenario (1000)")
    args = parser.parse_args(argv)

    from marketfact.claims.load import load_claims
    from marketfact.claims.model import ClaimFile

    with TemporaryDirectory() as tmp:
        seed = validate_claim_file(load_claims(SEED), Path(tmp) / "seed")
        show("seed file (5 claims, real data); GX imported here", seed)
        data = ClaimFile.model_validate(random_claims(args.claims))
        many = validate_claim_file(data, Path(tmp) / "many")
        show(f"{args.claims} SYNTHETIC claims over the real snapshot, one pass (GX already imported)", many)
        seconds, calls = per_symbol(many["plan"], many["series"])
        print(f"\n== the same {args.claims} claims, one validate_prices call per instrument")
        print(f"  calls                     {calls}")
        print(f"  validation_s              {seconds:.3f}")
    print(f"\nmeasured {date.today().isoformat()}; figures vary with the machine's load")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
