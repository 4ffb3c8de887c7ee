"""``RunReport``: everything one run concluded, the single input of every renderer and of the history."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from checks.quality.outcome import ValidationOutcome
from checks.verdicts import Label, Verdict
from claims.model import Article, Claim


@dataclass(frozen=True, slots=True)
class DataSourceInfo:
    """One data source a run used."""

    name: str  # "snapshot", "yfinance", "ECB euro reference rate"
    mode: str  # "offline snapshot" or "live"
    retrieved_at: datetime | None
    detail: str = ""  # provenance pointer: "market/data/PROVENANCE.md"


@dataclass(frozen=True, slots=True)
class RunReport:
    """The outcome of checking one claim set."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    claims_file: str
    article: Article | None
    claims: tuple[Claim, ...]
    verdicts: tuple[Verdict, ...]
    validations: tuple[ValidationOutcome, ...] = ()
    sources: tuple[DataSourceInfo, ...] = ()
    versions: dict[str, str] = field(default_factory=dict)
    synthetic: bool = False  # True for benchmark data: every output must say so

    def counts(self) -> dict[str, int]:
        """Claims per outcome (pass / fail / unverifiable) and per label."""
        by_outcome = Counter(v.outcome for v in self.verdicts)
        by_label = Counter(v.label.value for v in self.verdicts)
        return {
            "total": len(self.verdicts),
            "pass": by_outcome["pass"],
            "fail": by_outcome["fail"],
            "unverifiable": by_outcome["unverifiable"],
            **{label.value: by_label[label.value] for label in Label},
        }

    def claim(self, claim_id: str) -> Claim:
        """The claim a verdict speaks of."""
        return next(c for c in self.claims if c.id == claim_id)
