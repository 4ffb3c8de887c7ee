"""A verdict as the article's reading sees it: what a claim's outcome says about how the claim was read.

``check-article`` weighs each reading by its claim's verdict as read (``claims.extract.calibration.weigh``): on
articles the rules had never seen, a claim that failed, or could not be checked, was seldom read right. But a claim
can be UNVERIFIABLE for want of data alone (no prices for the listing or the window, no share count, the network, a
failed validation, too little history for a record), and then the verdict says nothing of the reading: a plainly read
claim on Rheinmetall, checked offline, is no misreading because the snapshot has no Rheinmetall prices. Such a verdict
is ``NO_DATA`` here: the reading keeps its own confidence, and ``--fail-on unverifiable`` still counts the claim.

Measured on the pooled first runs of blind4..blind11 (780 claims, ``bench.first_run_calibration``), the 51 claims
UNVERIFIABLE as read split into 27 for want of data (11 read right) and 24 for a reason of the claim itself, mostly a
day that had not closed when the article appeared (1 read right).
"""

from __future__ import annotations

from marketfact.checks.reasons import read_reasons
from marketfact.checks.verdicts import Verdict
from marketfact.claims.extract.calibration import NO_DATA

DATA_REASONS = frozenset({
    "no_row", "missing_price", "no_price_data", "no_shares", "no_fx", "no_source", "no_base", "record_gap",
    "not_checked", "missing_columns",
})  # fmt: skip
"""Reason codes (``checks.reasons.TEMPLATES``) that say the data were missing or unusable, not the claim."""
DATA_PREFIXES = ("quality_", "yahoo_", "yfinance_", "adjusted_", "snapshot_", "record_needs_history")
"""Families of such codes: data quality, the price sources, adjusted-only series, a record's missing history."""


def is_data_reason(code: str) -> bool:
    """Whether the reason ``code`` is about the data rather than the claim."""
    return code in DATA_REASONS or code.startswith(DATA_PREFIXES)


def outcome_as_read(verdict: Verdict) -> str:
    """``verdict``'s outcome (pass, fail, unverifiable), or ``NO_DATA`` when it is unverifiable for want of data
    alone: every reason it gives is about the data (a reason no template reads counts as the claim's)."""
    outcome = verdict.label.outcome
    if outcome != "unverifiable":
        return outcome
    codes = [reason.code for reason in read_reasons(verdict.reason)]
    return NO_DATA if codes and all(is_data_reason(code) for code in codes) else outcome
