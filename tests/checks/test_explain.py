"""``build_verdicts`` works column-wise; these tests hold it to the row-by-row reading it replaced.

The core runs on the hand-written coverage claim set over the shipped snapshot (real prices). Each
verdict's price path, evidence and quality lists are recomputed here one claim at a time, the plain way
(``itertuples``, a loop over panel positions, ``pd.date_range``, a ``groupby`` of the evidence table),
and must come out equal.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from marketfact.checks.engine import evaluate
from marketfact.checks.evidence import RunEvidence
from marketfact.checks.explain import _window_days, build_verdicts
from marketfact.checks.gather import RECORD_PATH, rows_of
from marketfact.checks.measure import PricePanel
from marketfact.checks.plan import CONTEXT_SESSIONS, Plan, plan_run
from marketfact.checks.run import fetch_all, fetch_conversions, validated
from marketfact.checks.verdicts import EvidenceRow, PathRow, Verdict
from marketfact.claims.load import load_claims
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource
from marketfact.market.yahoo import YFinanceFxSource

COVERAGE = Path(__file__).resolve().parents[1] / "data" / "claimsets" / "coverage.yaml"
SEED = Path(__file__).resolve().parents[2] / "examples" / "deepseek-2025-01.yaml"


def _core(path: Path, validate: bool) -> tuple[Plan, pd.DataFrame, PricePanel, list[Verdict], dict[str, Any]]:
    snapshot = SnapshotSource()
    plan = plan_run(load_claims(path), snapshot.instruments())
    series, _ = fetch_all(plan, snapshot)
    # Yahoo's FX series read from the snapshot's EURUSD=X file, so fx: yahoo works offline.
    fx_sources = {"ecb": EcbFxSource(), "yahoo": YFinanceFxSource(snapshot)}
    fx, shares, _ = fetch_conversions(plan, fx_sources, SnapshotSharesSource())
    evidence = RunEvidence(plan, series, fx=fx, shares=shares)
    if validate:
        evidence = validated(evidence, None)
    judged, panel = evaluate(evidence)
    return plan, judged, panel, build_verdicts(evidence, judged, panel), dict(evidence.outcomes)


@pytest.fixture(scope="module")
def coverage() -> tuple[Plan, pd.DataFrame, PricePanel, list[Verdict], dict[str, Any]]:
    """The coverage set, judged without the data-quality layer (no GX import)."""
    return _core(COVERAGE, validate=False)


@pytest.fixture(scope="module")
def seed_validated() -> tuple[Plan, pd.DataFrame, PricePanel, list[Verdict], dict[str, Any]]:
    """The seed example with Great Expectations validation, so verdicts carry quality results."""
    return _core(SEED, validate=True)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and (a == b or (a is pd.NaT and b is pd.NaT))


def test_rows_hold_what_itertuples_gives(coverage: Any) -> None:
    """Every field of every row: same value, same Python type (a str stays str, a NaN a float NaN)."""
    _, judged, *_ = coverage
    fast, slow = rows_of(judged), list(judged.itertuples())
    assert len(fast) == len(slow) == len(judged)
    assert fast[0]._fields == slow[0]._fields
    for a, b in zip(fast, slow, strict=True):
        for field, x, y in zip(a._fields, a, b, strict=True):
            assert _same(x, y), (field, x, y)


def _reference_path(panel: PricePanel, row: Any) -> tuple[PathRow, ...]:
    base, end = int(row.base_pos), int(row.end_pos)
    if row.symbol not in panel.codes or base < 0 or end < 0:
        return ()
    code = panel.codes[row.symbol]
    anchor = base
    if row.record_first >= 0:  # a record's path reaches back over its history (at most RECORD_PATH sessions)
        anchor = max(min(base, int(row.record_first) - 1), end - RECORD_PATH)
    lo = max(int(panel.seg_start[code]), anchor - CONTEXT_SESSIONS)
    hi = min(int(panel.seg_stop[code]), end + CONTEXT_SESSIONS + 1)

    def val(a: np.ndarray, i: int) -> float | None:
        return None if np.isnan(a[i]) else float(a[i])

    return tuple(
        PathRow(
            pd.Timestamp(panel.sessions[i]).date(),
            val(panel.open, i),
            val(panel.high, i),
            val(panel.low, i),
            val(panel.close, i),
            "base" if i == base else "window" if base < i <= end else "context",
        )
        for i in range(lo, hi)
    )


def _reference_evidence(panel: PricePanel, row: Any) -> tuple[EvidenceRow, ...]:
    if row.symbol not in panel.codes:
        return ()

    def at(i: int, role: str, field: str, prices: np.ndarray) -> EvidenceRow:
        return EvidenceRow(pd.Timestamp(panel.sessions[i]).date(), role, field, float(prices[i]), row.listing_currency)

    rows = []
    if row.base_pos >= 0:
        rows.append(at(row.base_pos, "base", "close", panel.close))
    if row.basis == "close" and row.end_pos >= 0:
        rows.append(at(row.end_pos, "end", "close", panel.close))
    if row.basis == "intraday" and row.extreme_pos >= 0:
        down = row.direction < 0
        rows.append(at(row.extreme_pos, "extreme", "low" if down else "high", panel.low if down else panel.high))
    if row.record in ("losing_streak", "winning_streak") and row.label != "UNVERIFIABLE" and row.record_first >= 0:
        # The longest streak before the claimed session's own began, by a plain loop (counted from since on).
        down = row.record == "losing_streak"
        streak, best = 0, None
        first, end = int(row.record_first), int(row.end_pos)
        own = 0
        for i in range(end, first - 1, -1):  # the claimed session's own streak, walked back
            move = panel.close[i] / panel.close[i - 1] - 1
            if (move < 0) if down else (move > 0):
                own += 1
            else:
                break
        for i in range(first, end - own):
            move = panel.close[i] / panel.close[i - 1] - 1
            streak = streak + 1 if ((move < 0) if down else (move > 0)) else 0
            if streak and (best is None or streak > best[1]):
                best = (i, float(streak))
        if best is not None:
            day = pd.Timestamp(panel.sessions[best[0]]).date()
            rows.append(EvidenceRow(day, "history extreme", "streak (sessions)", best[1], row.listing_currency))
    elif row.record and row.label != "UNVERIFIABLE" and row.record_first >= 0:
        # The history's extreme, found by a plain loop over its sessions.
        move = row.record in ("biggest_fall", "biggest_rise")
        lowest = row.record in ("lowest_close", "biggest_fall")
        best = None
        worth = bool(getattr(row, "value_record", False))  # market value: the change × shares / scale
        for i in range(int(row.record_first), int(row.end_pos)):
            value = (panel.close[i] / panel.close[i - 1] * 100 - 100) if move else panel.close[i]
            if worth:
                value = (panel.close[i] - panel.close[i - 1]) * row.record_factor
            if best is None or (value < best[1] if lowest else value > best[1]):
                best = (i, float(value))
        if best is not None:
            day = pd.Timestamp(panel.sessions[best[0]]).date()
            field = "market value change" if worth else "close move (%)" if move else "close"
            rows.append(EvidenceRow(day, "history extreme", field, best[1], row.listing_currency))
    if row.adjusted_note and row.label != "UNVERIFIABLE":  # an adjusted-only series' closes are adjusted closes
        rows = [EvidenceRow(e.session, e.role, "adj_close", e.value, e.currency) for e in rows]
    return tuple(rows)


def test_paths_and_evidence_match_the_row_by_row_reading(coverage: Any) -> None:
    _, judged, panel, verdicts, _ = coverage
    with_path = 0
    for row, verdict in zip(judged.itertuples(), verdicts, strict=True):
        assert verdict.path == _reference_path(panel, row), verdict.claim_id
        assert repr(verdict.evidence) == repr(_reference_evidence(panel, row)), verdict.claim_id
        with_path += bool(verdict.path)
    assert with_path > len(verdicts) // 2, "the coverage set should exercise price paths"


def test_a_session_in_one_role_is_one_path_row(coverage: Any) -> None:
    """Verdicts that show the same session in the same role share the row object (it is immutable)."""
    *_, verdicts, _ = coverage
    seen: dict[tuple[str, date, str], PathRow] = {}
    shared = 0
    for v in verdicts:
        for p in v.path:
            key = (v.symbol or "", p.session, p.role)
            if key in seen:
                assert seen[key] is p
                shared += 1
            seen[key] = p
    assert shared, "the coverage set has overlapping windows on one instrument"


@pytest.mark.parametrize(
    ("base", "end"),
    [
        ("2025-01-24", "2025-01-27"),
        ("2025-01-27", "2025-01-27"),
        ("2025-01-27", "2025-01-24"),  # reversed: no days
        ("2024-12-31", "2025-01-02"),
        ("2025-01-24 15:30", "2025-01-27 09:00"),  # times of day: date_range steps whole days from base
        ("2025-01-24 09:00", "2025-01-27 15:30"),
    ],
)
def test_window_days_are_the_days_date_range_steps_through(base: str, end: str) -> None:
    row = pd.Series({"base": pd.Timestamp(base), "end": pd.Timestamp(end)})
    expected = {d.date() for d in pd.date_range(pd.Timestamp(base), pd.Timestamp(end), freq="D")}
    assert _window_days(row) == expected


def test_window_days_without_a_base_are_empty() -> None:
    assert _window_days(pd.Series({"base": pd.NaT, "end": pd.Timestamp("2025-01-27")})) == set()


def test_quality_lists_match_the_outcomes_own_methods(seed_validated: Any) -> None:
    """Failures touching the verdict's own evidence cells, warnings on its days: as ValidationOutcome says."""
    plan, judged, _, verdicts, outcomes = seed_validated
    needed: dict[int, dict[date, frozenset[str]]] = {}
    for (claim, session), cols in plan.evidence.groupby(["claim", "session"])["column"].agg(frozenset).items():
        needed.setdefault(int(claim), {})[pd.Timestamp(session).date()] = cols
    warned = 0
    for row, verdict in zip(judged.itertuples(), verdicts, strict=True):
        outcome = outcomes.get(row.symbol)
        assert outcome is not None
        assert verdict.quality_failures == tuple(outcome.failures_touching(needed.get(row.Index, {})))
        days = set() if pd.isna(row.base) else {d.date() for d in pd.date_range(row.base, row.end, freq="D")}
        assert verdict.quality_warnings == tuple(outcome.warnings_near(days))
        warned += bool(verdict.quality_warnings)
    assert warned, "the seed example's data raises at least one warning near a verdict"
