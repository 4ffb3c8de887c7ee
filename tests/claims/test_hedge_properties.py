"""Properties of the hedge intervals (claims/hedges.py), checked with hypothesis.

Measured magnitudes are generated as decimals (what a writer reads off a quote screen) and turned into the
number a careful writer would state under each hedge. Values exactly on a rounding tie are left out here:
there binary floating point decides (see test_hedges.py::test_half_up_ties_belong_to_the_stated_value).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from marketfact.claims.hedges import (
    AROUND,
    HEDGES,
    JUST,
    Bound,
    Hedge,
    Interval,
    claimed_interval,
    mostly_margin,
    read_hedge,
)

MAGNITUDES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("250"), places=4)
DECIMALS = st.integers(min_value=0, max_value=2)
EDGE = Decimal("1e-9")  # keep away from hedge-width edges, where a float ulp decides


def _q(x: Decimal, decimals: int, rounding: str) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-decimals), rounding=rounding)


def _is_tie(m: Decimal, decimals: int) -> bool:
    return (m * Decimal(10) ** decimals * 2) % 2 == 1


def _stated(m: Decimal, decimals: int, bound: Bound) -> Decimal | None:
    """The number a writer states for the measured ``m`` under ``bound``; None if no such number fits."""
    step = Decimal(1).scaleb(-decimals)
    if bound in (Bound.EXACT, Bound.AROUND):
        return _q(m, decimals, ROUND_HALF_UP)
    if bound is Bound.BELOW:  # "fast 20": the next round number above, within JUST of it
        v = _q(m, decimals, ROUND_CEILING)
        return v if m >= v * (1 - Decimal(str(JUST))) + EDGE else None
    if bound is Bound.JUST_ABOVE:  # "gut 20": the round number below, within JUST of it
        v = _q(m, decimals, ROUND_FLOOR)
        return v if v > 0 and m <= v * (1 + Decimal(str(JUST))) - EDGE else None
    if bound is Bound.ABOVE:  # "über 20": any round number strictly below
        v = _q(m, decimals, ROUND_FLOOR)
        return v if v < m else v - step
    if bound is Bound.UNDER:  # "unter 20": any round number strictly above
        v = _q(m, decimals, ROUND_CEILING)
        return v if v > m else v + step
    if bound is Bound.AT_MOST:  # "bis zu 20": the peak, rounded
        v = _q(m, decimals, ROUND_HALF_UP)
        return v if m >= v * (1 - Decimal(str(JUST))) + EDGE else None
    raise AssertionError(bound)


@settings(max_examples=400, deadline=None)
@given(MAGNITUDES, DECIMALS, st.sampled_from(HEDGES))
def test_a_claim_built_from_the_measured_value_passes(m: Decimal, decimals: int, hedge: Hedge) -> None:
    assume(not _is_tie(m, decimals))
    bound = read_hedge(hedge.phrase).bound
    stated = _stated(m, decimals, bound)
    assume(stated is not None)
    assert stated is not None
    interval = claimed_interval(float(stated), None, decimals, bound)
    assert interval.contains(float(m)), f"{hedge.phrase} {stated} → {interval.describe()} excludes {m}"


@settings(max_examples=300, deadline=None)
@given(MAGNITUDES, DECIMALS, st.integers(min_value=0, max_value=3), st.integers(min_value=0, max_value=3))
def test_a_range_around_the_measured_value_passes(m: Decimal, decimals: int, below: int, above: int) -> None:
    step = Decimal(1).scaleb(-decimals)
    low = _q(m, decimals, ROUND_FLOOR) - below * step
    high = _q(m, decimals, ROUND_CEILING) + above * step
    assume(low >= 0 and low < high)
    assert claimed_interval(float(low), float(high), decimals, Bound.EXACT).contains(float(m))


@settings(max_examples=300, deadline=None)
@given(MAGNITUDES, DECIMALS)
def test_exact_rounding_is_symmetric_about_the_stated_value(m: Decimal, decimals: int) -> None:
    v = float(_q(m, decimals, ROUND_HALF_UP))
    half = 0.5 * 10.0**-decimals
    got = claimed_interval(v, None, decimals, Bound.EXACT)
    assert abs((v - got.lo) - (got.hi - v)) < 1e-9
    assert abs((got.hi - got.lo) - 2 * half) < 1e-9
    assert (got.lo_closed, got.hi_closed) == (True, False)  # half-up: the lower tie belongs, the upper not


@settings(max_examples=300, deadline=None)
@given(MAGNITUDES, DECIMALS)
def test_around_is_symmetric_and_contains_the_exact_interval(m: Decimal, decimals: int) -> None:
    v = float(_q(m, decimals, ROUND_HALF_UP))
    around = claimed_interval(v, None, decimals, Bound.AROUND)
    exact = claimed_interval(v, None, decimals, Bound.EXACT)
    assert abs((v - around.lo) - (around.hi - v)) < 1e-9
    assert around.hi - v >= max(AROUND * v, 0.5 * 10.0**-decimals) - 1e-9
    assert around.lo <= exact.lo
    assert around.hi >= exact.hi


@st.composite
def _intervals(draw: st.DrawFn) -> Interval:
    decimals = draw(DECIMALS)
    low = float(draw(MAGNITUDES))
    if draw(st.booleans()):
        return claimed_interval(low, low + float(draw(MAGNITUDES)), decimals, Bound.EXACT)
    return claimed_interval(low, None, decimals, draw(st.sampled_from(list(Bound))))


@settings(max_examples=400, deadline=None)
@given(_intervals(), st.floats(min_value=0, max_value=100), st.floats(min_value=-300, max_value=300))
def test_a_widened_interval_contains_the_original(interval: Interval, by: float, x: float) -> None:
    if interval.contains(x):
        assert interval.widened(by).contains(x)
    wide = interval.widened(by)
    assert wide.lo <= interval.lo
    assert wide.hi >= interval.hi


@settings(max_examples=300, deadline=None)
@given(MAGNITUDES, st.one_of(st.none(), MAGNITUDES), st.floats(min_value=-300, max_value=300))
def test_the_mostly_margin_only_widens(low: Decimal, extra: Decimal | None, x: float) -> None:
    high = None if extra is None else float(low + extra)
    interval = claimed_interval(float(low), high, 0, Bound.EXACT)
    assert mostly_margin(float(low), high) >= 0
    if interval.contains(x):
        assert interval.widened(mostly_margin(float(low), high)).contains(x)


@settings(max_examples=400, deadline=None)
@given(MAGNITUDES, DECIMALS, st.sampled_from(list(Bound)), st.floats(min_value=1e-9, max_value=300))
def test_a_direction_flip_never_passes(m: Decimal, decimals: int, bound: Bound, flipped: float) -> None:
    """Magnitudes are stated positive; a move the other way is a negative magnitude and must never fit."""
    stated = _q(m, decimals, ROUND_HALF_UP)
    assume(stated > 0)  # "0 %" admits a small move either way, by design
    assert not claimed_interval(float(stated), None, decimals, bound).contains(-flipped)
