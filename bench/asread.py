"""Claims judged as they were read: the verdict outcome of each claim an extractor wrote, by today's core on
the shipped snapshot, for the benches that weigh readings by their verdicts (``claims.extract.calibration.weigh``).

Great Expectations is left out (``validate=False``): the snapshot's data pass its suites, and a verdict here only
weighs a reading. ``marketfact check-article`` validates as always.
"""

from __future__ import annotations

from typing import Any

from marketfact.checks.asread import outcome_as_read
from marketfact.checks.run import run_in_process
from marketfact.claims.extract.model import Extraction
from marketfact.claims.load import parse_claims
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource


class AsRead:
    """Judges claim files on the shipped snapshot; the sources are opened once."""

    def __init__(self) -> None:
        self.snapshot = SnapshotSource()
        self.instruments = self.snapshot.instruments()
        self.fx = {"ecb": EcbFxSource()}
        self.shares = SnapshotSharesSource()

    def outcomes(self, data: dict[str, Any], name: str) -> dict[str, str]:
        """Claim id → pass, fail, unverifiable or no data (``checks.asread.outcome_as_read``), for the claim file
        ``data`` (plain data) named ``name``."""
        claims = parse_claims(data, name)
        run = run_in_process(claims, self.snapshot, self.instruments, self.fx, self.shares, validate=False)
        return {v.claim_id: outcome_as_read(v) for v in run.verdicts}

    def of(self, extraction: Extraction) -> dict[str, str]:
        """The outcomes of the claims ``extraction`` read (none when it read none)."""
        if not extraction.claims:
            return {}
        return self.outcomes(extraction.to_claim_file_dict(), "<extracted>")
