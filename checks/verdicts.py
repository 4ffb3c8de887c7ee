"""Verdicts: what marketfact concludes about a claim, and everything a reader needs to check it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from marketfact.checks.quality.outcome import ExpectationResult


class Label(StrEnum):
    """The verdict scale (DESIGN.md)."""

    CORRECT = "CORRECT"
    MOSTLY_CORRECT = "MOSTLY_CORRECT"
    MISLEADING = "MISLEADING"
    INCORRECT = "INCORRECT"
    UNVERIFIABLE = "UNVERIFIABLE"

    @property
    def outcome(self) -> str:
        """The pass/fail view: "pass", "fail", or "unverifiable" (never counted as a pass)."""
        return OUTCOMES[self]


OUTCOMES: dict[Label, str] = {
    Label.CORRECT: "pass",
    Label.MOSTLY_CORRECT: "pass",
    Label.MISLEADING: "fail",
    Label.INCORRECT: "fail",
    Label.UNVERIFIABLE: "unverifiable",
}


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One price a verdict rests on: which session, which field, what role it plays."""

    session: date
    role: str  # "base" (close before the window), "end" (last session's close), "extreme" (low/high)
    field: str  # "close", "low", "high"
    value: float
    currency: str


@dataclass(frozen=True, slots=True)
class PathRow:
    """One session of the price path around a claim's window, for charts and context tables."""

    session: date
    open: float | None
    high: float | None
    low: float | None
    close: float | None
    role: str = "context"  # "base", "window", "context"


@dataclass(frozen=True, slots=True)
class Alternative:
    """The same claim measured on another basis (the other price, day or currency)."""

    basis: str  # "intraday low", "close of the previous session", "USD instead of EUR"
    measured: float
    admits: bool  # whether the claim's interval admits this measurement
    unit: str | None = None  # when it differs from the verdict's: "bn USD" for the listing-currency reading


@dataclass(frozen=True, slots=True)
class Verdict:
    """The conclusion on one claim, with its evidence and provenance."""

    claim_id: str
    label: Label
    explanation: str
    measured: float | None  # signed: percent for moves, claim-currency units × scale for money
    unit: str  # "%" or "bn EUR"
    claimed: str  # the claimed interval in words and notation: "−17 % → [16.5, 17.5)"
    interval: tuple[float, float] | None
    basis: str  # "close" or "intraday"
    price_field: str  # "close" / "intraday low" / ...
    base_session: date | None
    end_session: date | None
    sessions_note: str  # "sessions 2025-01-27 (XNAS, America/New_York); base: close of 2025-01-24"
    evidence: tuple[EvidenceRow, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    path: tuple[PathRow, ...] = ()  # a few sessions before and after the window, in listing currency
    currency: str | None = None  # listing currency of the prices in evidence and path
    symbol: str | None = None
    exchange: str | None = None  # MIC of the listing
    timezone: str | None = None  # the exchange's time zone: session dates are local dates there
    reason: str | None = None  # why UNVERIFIABLE
    quality_failures: tuple[ExpectationResult, ...] = ()
    quality_warnings: tuple[ExpectationResult, ...] = ()
    fx: str | None = None  # "1 EUR = 1.0530 USD, ECB reference rate of 2025-01-27"
    shares: str | None = None  # "24.49 bn shares (as of 2024-11-15, NVIDIA 10-Q)"
    source: str = ""
    retrieved_at: datetime | None = None
    provenance: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # The first and last session the claim's words resolve to on its exchange (its sessions, or its period
    # resolved from the publication time); None when they resolve to none or the claim names no day.
    window: tuple[date, date] | None = None

    @property
    def outcome(self) -> str:
        """pass / fail / unverifiable."""
        return self.label.outcome
