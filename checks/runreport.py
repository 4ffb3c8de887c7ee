"""``RunReport``: everything one run concluded, the single input of every renderer and of the history.

A run that started from an article (``marketfact check-article``) also carries an ``ArticleExtraction``:
the article's text and what extraction read in it, as plain data, so the report can show the text with
each checked sentence marked and list the numbers that were not turned into claims.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from marketfact.checks.quality.outcome import ValidationOutcome
from marketfact.checks.verdicts import Label, Verdict
from marketfact.claims.model import Article, Claim
from marketfact.claims.readings import NonMarketNumber, Reading, Unresolved
from marketfact.claims.store import ClaimStore


def label_counts(verdicts: Sequence[Verdict]) -> Counter[str]:
    """Verdicts per label value; a ``VerdictTable`` counts its label column without building Verdicts."""
    counted = getattr(verdicts, "label_counts", None)
    if counted is not None:
        return Counter(counted())
    return Counter(v.label.value for v in verdicts)


@dataclass(frozen=True, slots=True)
class DataSourceInfo:
    """One data source a run used."""

    name: str  # "snapshot", "yfinance", "ECB euro reference rate"
    mode: str  # "offline snapshot" or "live"
    retrieved_at: datetime | None
    detail: str = ""  # provenance pointer: "market/data/PROVENANCE.md"


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """The article a run's claims were extracted from, and everything extraction read in it."""

    text: str  # exactly as read (user input: render as text only); every span indexes into it
    language: str
    published_at: datetime
    origin: str  # the article's file
    claims_file: str | None  # the claim file extraction wrote, for `marketfact check`
    claims: tuple[Reading, ...]
    not_market: tuple[NonMarketNumber, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()
    warnings: tuple[str, ...] = ()
    confirm_below: float = 0.8  # claims read with a lower confidence and not confirmed: "reading uncertain"
    confirmed: frozenset[str] = frozenset()  # ids of claims a person confirmed as read (`confirmed: true`)

    def is_uncertain(self, reading: Reading) -> bool:
        """Whether the claim was read with confidence under ``confirm_below`` and no person confirmed it."""
        return reading.confidence < self.confirm_below and reading.claim_id not in self.confirmed

    def unsure(self) -> dict[str, float]:
        """Claim id → confidence of every reading that is uncertain (``claims.extract.calibration.uncertain``)."""
        from marketfact.claims.extract.calibration import uncertain  # the extractor's package: article runs only

        return uncertain(self.claims, self.confirm_below, self.confirmed)

    def weighed(self, verdicts: Iterable[Verdict]) -> ArticleExtraction:
        """The extraction once its claims were judged: each reading weighed by its claim's verdict as read
        (``claims.extract.calibration.weigh``: one that fails or cannot be checked is seldom read right, unless only
        the data were missing, ``checks.asread``); a reading a person confirmed stays as it was."""
        from marketfact.checks.asread import outcome_as_read  # the extractor's package: article runs only
        from marketfact.claims.extract.calibration import weigh

        outcome = {v.claim_id: outcome_as_read(v) for v in verdicts}
        return replace(self, claims=tuple(
            r if r.claim_id in self.confirmed else weigh(r, outcome.get(r.claim_id, "")) for r in self.claims
        ))  # fmt: skip


@dataclass(frozen=True, slots=True)
class RunReport:
    """The outcome of checking one claim set."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    claims_file: str
    article: Article | None
    claims: Sequence[Claim]  # a tuple, or a ``claims.store.ClaimStore`` for large files
    verdicts: Sequence[Verdict]  # a tuple, or a ``checks.columnar.VerdictTable`` for large runs
    validations: tuple[ValidationOutcome, ...] = ()
    sources: tuple[DataSourceInfo, ...] = ()
    versions: dict[str, str] = field(default_factory=dict)
    synthetic: bool = False  # True for benchmark data: every output must say so
    extraction: ArticleExtraction | None = None  # set when the claims were extracted from an article

    def counts(self) -> dict[str, int]:
        """Claims per outcome (pass / fail / unverifiable) and per label."""
        by_label = label_counts(self.verdicts)
        by_outcome: Counter[str] = Counter()
        for label in Label:
            by_outcome[label.outcome] += by_label[label.value]
        return {
            "total": len(self.verdicts),
            "pass": by_outcome["pass"],
            "fail": by_outcome["fail"],
            "unverifiable": by_outcome["unverifiable"],
            **{label.value: by_label[label.value] for label in Label},
        }

    def claim(self, claim_id: str) -> Claim:
        """The claim a verdict speaks of."""
        if isinstance(self.claims, ClaimStore):
            return self.claims.by_id()[claim_id]
        return next(c for c in self.claims if c.id == claim_id)

    def claims_by_id(self) -> Mapping[str, Claim]:
        """Every claim by id (the first of a repeated id, as ``claim`` finds it): for look-ups per verdict.

        ``claim`` scans the claims; a renderer asking once per verdict keeps this mapping instead (a
        ``ClaimStore``'s builds each claim when looked up).
        """
        if isinstance(self.claims, ClaimStore):
            return self.claims.by_id()
        found: dict[str, Claim] = {}
        for c in self.claims:
            found.setdefault(c.id, c)
        return found

    def readings_by_id(self) -> dict[str, Reading]:
        """How each claim of the run's article was read, by claim id; empty for a claim file's run."""
        return {r.claim_id: r for r in self.extraction.claims} if self.extraction else {}
