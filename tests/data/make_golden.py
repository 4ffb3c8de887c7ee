"""Regenerate the golden verdict table of the coverage claim set, and the helpers its test shares.

Usage (from the project root)::

    python tests/data/make_golden.py            # rewrites tests/data/golden/coverage_verdicts.csv
    git diff tests/data/golden/coverage_verdicts.csv

Regenerate, then REVIEW the diff by hand, row by row, against the expectation comment above each claim
in tests/data/claimsets/coverage.yaml. A changed row is either a fixed bug or a new one; the script
cannot tell which, so never commit its output unread.

The run uses the shipped snapshot only (no network), without the data-quality layer: the golden table
pins measurement and judgement; tests/checks/test_golden.py checks the data-quality verdicts apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from marketfact.checks.runreport import RunReport  # noqa: E402
from marketfact.checks.verdicts import Label, Verdict  # noqa: E402
from marketfact.claims.model import ClaimFile  # noqa: E402

COVERAGE = ROOT / "tests" / "data" / "claimsets" / "coverage.yaml"
GOLDEN = ROOT / "tests" / "data" / "golden" / "coverage_verdicts.csv"
GOLDEN_COLUMNS = ("claim_id", "label", "measured", "end_session", "basis", "alt_basis")
"""GOLDEN_FRAME: claim_id, label, measured (signed, rounded to 2 decimals; NaN when none), end_session
(ISO date or ''), basis ('close'/'intraday': the price the claim speaks of), alt_basis (for MISLEADING:
the other basis that fits, as the verdict names it; else '')."""
STRING_COLUMNS = ("claim_id", "label", "end_session", "basis", "alt_basis")


def run_claims(claims: ClaimFile, validate: bool = False) -> RunReport:
    """Run ``claims`` in-process on the shipped snapshot: ECB and Yahoo-bar FX, the snapshot's share counts."""
    from marketfact.checks.run import run_in_process
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource
    from marketfact.market.yahoo import YFinanceFxSource

    snapshot = SnapshotSource()
    # Yahoo's FX series read from the snapshot's EURUSD=X file, so fx: yahoo works offline.
    fx_sources = {"ecb": EcbFxSource(), "yahoo": YFinanceFxSource(snapshot)}
    return run_in_process(
        claims, snapshot, snapshot.instruments(), fx_sources, SnapshotSharesSource(), validate=validate
    )


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """The GOLDEN_FRAME shape, so a computed table and one read from CSV compare cell by cell."""
    out = frame.loc[:, list(GOLDEN_COLUMNS)].copy()
    for column in STRING_COLUMNS:
        out[column] = out[column].fillna("").astype(str)
    out["measured"] = pd.to_numeric(out["measured"], errors="raise").astype("float64").round(2)
    return out.reset_index(drop=True)


def verdict_frame(run: RunReport) -> pd.DataFrame:
    """The GOLDEN_FRAME of a run: one row per verdict, in claim-file order."""
    rows = [
        {
            "claim_id": v.claim_id,
            "label": v.label.value,
            "measured": v.measured,
            "end_session": v.end_session.isoformat() if v.end_session else "",
            "basis": v.basis,
            "alt_basis": _fitting_basis(v),
        }
        for v in run.verdicts
    ]
    return normalise(pd.DataFrame(rows, columns=list(GOLDEN_COLUMNS)))


def _fitting_basis(verdict: Verdict) -> str:
    """For a MISLEADING verdict, the other basis on which the claimed figure holds."""
    if verdict.label is not Label.MISLEADING:
        return ""
    return next((a.basis for a in verdict.alternatives if a.admits), "")


def read_golden(path: Path = GOLDEN) -> pd.DataFrame:
    """The stored golden table (empty measured cells are NaN, empty strings stay empty)."""
    strings = {c: str for c in STRING_COLUMNS}
    frame = pd.read_csv(path, dtype=strings, keep_default_na=False, na_values={"measured": [""]})
    return normalise(frame)


def write_golden(frame: pd.DataFrame, path: Path = GOLDEN) -> None:
    """Write a GOLDEN_FRAME with two decimals and '' for a missing measurement."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, float_format="%.2f", na_rep="", lineterminator="\n")


def main() -> None:
    """Run the coverage set and rewrite the golden CSV; print the label counts to check the diff against."""
    from marketfact.claims.load import load_claims

    frame = verdict_frame(run_claims(load_claims(COVERAGE)))
    write_golden(frame)
    print(f"wrote {GOLDEN.relative_to(ROOT)}: {len(frame)} verdicts")
    print(frame["label"].value_counts().to_string())
    print("Now REVIEW the diff by hand against the comments in the claim set before committing it.")


if __name__ == "__main__":
    main()
