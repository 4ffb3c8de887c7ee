"""Verdicts: what marketfact concludes about a claim, and everything a reader needs to check it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from marketfact.checks.quality.outcome import ExpectationResult
from marketfact.checks.reasons import Reason


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
    key: str = ""  # which reading, as data: "intraday_pct", "prev_close_pct", "money_close_listing", …


@dataclass(frozen=True, slots=True)
class FxRate:
    """The exchange rate a money claim was converted at: ``rate`` units of ``quote`` per ``base``."""

    base: str
    quote: str
    rate: float
    on: date  # the rate's own date (the fixing or the bar)
    kind: str  # "ecb" (ECB euro reference rate, 14:15 CET) or "yahoo" (Yahoo Finance daily FX bar)
    source: str  # the source's name as the data gives it


@dataclass(frozen=True, slots=True)
class ShareCount:
    """The share count a market-value claim was measured with."""

    shares: float
    as_of: date
    source: str  # the filing or feed, as the data gives it
    relative_uncertainty: float = 0.01


@dataclass(frozen=True, slots=True)
class DayRange:
    """A one-session window's low and high against the previous close."""

    low_pct: float
    high_pct: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class SessionSearch:
    """A claim that named no day: the sessions searched before publication and the one that fits best."""

    count: int
    first: date
    last: date
    exchange: str
    best: date | None  # None: none of them fits


@dataclass(frozen=True, slots=True)
class Reading:
    """The numbers a verdict's explanation is written from (listing currency for prices and money)."""

    base_close: float | None
    end_close: float | None
    close_pct: float | None
    intraday_pct: float | None
    extreme: float | None  # the window's low (down claims) or high (up claims)
    money_listing: float | None  # money claims: the move in listing currency × scale, on the verdict's basis
    implied_shares: float | None  # money claims: the share count the money move implies
    day_range: DayRange | None = None  # INCORRECT one-session claims: how the day went
    fits_only: str = ""  # MISLEADING: the ``Alternative.key`` the claimed number fits
    adjusted: bool = False  # measured on the vendor's dividend-adjusted closes (no raw close exists)


@dataclass(frozen=True, slots=True)
class KindReading:
    """The numbers of a level, points-change, market-value-level or record verdict's sentence.

    Prices in the listing currency (or index points); ``shares`` a count; ``listing_value`` the market value in
    listing currency in the claim's scale; ``history_extreme`` a record's earlier extreme (session, value).
    """

    close: float | None
    day_low: float | None = None
    day_high: float | None = None
    extreme: float | None = None
    base_close: float | None = None
    points_close: float | None = None
    points_intraday: float | None = None
    close_pct: float | None = None
    shares: float | None = None
    per_share: float | None = None
    listing_value: float | None = None
    history_first: date | None = None
    history_extreme: tuple[date, float] | None = None
    fits_only: str = ""  # MISLEADING: the other basis the claimed number fits, in the checker's words
    opposite: bool = False  # a points change that moved the other way


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
    # Structured facts: reports write every sentence from these, in their own language. The English
    # strings above (explanation, claimed, sessions_note, fx, shares) are the record the history keeps.
    start_session: date | None = None
    instrument_kind: str | None = None  # "equity", "index" (levels in points, no currency) or "fx"
    interval_closed: tuple[bool, bool] = (True, False)  # whether ``interval``'s low and high ends are included
    fx_rate: FxRate | None = None
    share_count: ShareCount | None = None
    reading: Reading | None = None
    search: SessionSearch | None = None
    reasons: tuple[Reason, ...] = ()  # ``reason`` as data (``checks.reasons``): a code and its parameters each
    kind_reading: KindReading | None = None  # levels, points changes, market-value levels and records

    @property
    def outcome(self) -> str:
        """pass / fail / unverifiable."""
        return self.label.outcome
