"""The hedge table, row by row (claims/hedges.py).

Each row is tested twice: against the table itself (the reader returns the row's own meaning) and against
an expected table written out here (so that changing a row's meaning makes a test fail).
"""

from __future__ import annotations

import math

import pytest

from marketfact.claims.hedges import (
    AROUND,
    HEDGES,
    JUST,
    MOSTLY_MARGIN,
    Basis,
    Bound,
    Hedge,
    UnknownHedgeError,
    claimed_interval,
    decimals_of,
    mostly_margin,
    read_hedge,
)

B, INTRA = Bound, Basis.INTRADAY
EXPECTED: dict[str, tuple[Bound, Basis | None]] = {
    # just below the stated value
    "fast": (B.BELOW, None), "beinahe": (B.BELOW, None), "knapp": (B.BELOW, None), "nahezu": (B.BELOW, None),
    "annähernd": (B.BELOW, None), "almost": (B.BELOW, None), "nearly": (B.BELOW, None),
    "just under": (B.BELOW, None), "close to": (B.BELOW, None), "knapp unter": (B.BELOW, None),
    # both sides
    "rund": (B.AROUND, None), "etwa": (B.AROUND, None), "ungefähr": (B.AROUND, None), "circa": (B.AROUND, None),
    "ca.": (B.AROUND, None), "zirka": (B.AROUND, None), "about": (B.AROUND, None), "around": (B.AROUND, None),
    "roughly": (B.AROUND, None), "some": (B.AROUND, None), "approximately": (B.AROUND, None),
    "~": (B.AROUND, None),
    # just above
    "gut": (B.JUST_ABOVE, None), "just over": (B.JUST_ABOVE, None), "a little over": (B.JUST_ABOVE, None),
    "knapp über": (B.JUST_ABOVE, None), "etwas mehr als": (B.JUST_ABOVE, None),
    # below, no lower limit
    "unter": (B.UNDER, None), "weniger als": (B.UNDER, None), "less than": (B.UNDER, None),
    "under": (B.UNDER, None), "below": (B.UNDER, None),
    # above, no upper limit
    "über": (B.ABOVE, None), "mehr als": (B.ABOVE, None), "mindestens": (B.ABOVE, None),
    "more than": (B.ABOVE, None), "over": (B.ABOVE, None), "upwards of": (B.ABOVE, None), "above": (B.ABOVE, None),
    "at least": (B.ABOVE, None),
    # at most: the peak
    "bis zu": (B.AT_MOST, INTRA), "up to": (B.AT_MOST, INTRA), "as much as": (B.AT_MOST, INTRA),
    # the day's extreme, not the close
    "zeitweise": (B.EXACT, INTRA), "zwischenzeitlich": (B.EXACT, INTRA), "in der spitze": (B.EXACT, INTRA),
    "at one point": (B.EXACT, INTRA), "intraday": (B.EXACT, INTRA), "at times": (B.EXACT, INTRA),
    "at its low": (B.EXACT, INTRA), "at its high": (B.EXACT, INTRA),
}  # fmt: skip

ISSUE_3_WORDS = [
    "fast", "beinahe", "knapp", "nahezu", "almost", "nearly", "just under",
    "rund", "etwa", "ungefähr", "circa", "ca.", "gut", "about", "around", "roughly", "some", "~",
    "über", "mehr als", "more than", "over", "upwards of",
    "bis zu", "up to", "as much as",
    "zeitweise", "zwischenzeitlich", "in der spitze", "at one point", "intraday", "at times",
]  # fmt: skip


def test_the_expected_table_and_the_hedge_table_hold_the_same_phrases() -> None:
    assert sorted(EXPECTED) == sorted(h.phrase for h in HEDGES)
    assert len({h.phrase for h in HEDGES}) == len(HEDGES), "a phrase appears twice in HEDGES"


def test_every_word_issue_3_asks_for_is_a_row() -> None:
    assert [w for w in ISSUE_3_WORDS if w not in EXPECTED] == []


@pytest.mark.parametrize("row", HEDGES, ids=lambda h: h.phrase)
def test_each_row_reads_as_itself(row: Hedge) -> None:
    got = read_hedge(row.phrase)
    assert got.words == (row.phrase,)
    assert got.bound is (row.bound or Bound.EXACT)
    assert got.basis is row.basis
    assert row.lang in ("de", "en", "*")


@pytest.mark.parametrize(("phrase", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_each_row_means_what_it_should(phrase: str, expected: tuple[Bound, Basis | None]) -> None:
    got = read_hedge(phrase)
    assert (got.bound, got.basis) == expected
    shouted = read_hedge("  " + phrase.upper().replace(" ", "   ") + " ")  # case and spacing do not matter
    assert (shouted.bound, shouted.basis) == expected


# What each bound admits around a stated 20 (no decimals): (lo, hi, lo_closed, hi_closed, describe()).
BOUND_INTERVALS = [
    (Bound.EXACT, 19.5, 20.5, True, False, "[19.5, 20.5)"),
    (Bound.BELOW, 18.0, 20.0, True, True, "[18, 20]"),
    (Bound.AROUND, 18.5, 21.5, True, True, "[18.5, 21.5]"),
    (Bound.JUST_ABOVE, 20.0, 22.0, True, True, "[20, 22]"),
    (Bound.ABOVE, 20.0, math.inf, False, False, "(20, ∞)"),
    (Bound.AT_MOST, 18.0, 20.5, True, False, "[18, 20.5)"),
    (Bound.UNDER, 0.0, 20.0, True, False, "[0, 20)"),
]


@pytest.mark.parametrize(("bound", "lo", "hi", "lo_closed", "hi_closed", "text"), BOUND_INTERVALS)
def test_interval_per_bound(bound: Bound, lo: float, hi: float, lo_closed: bool, hi_closed: bool, text: str) -> None:
    got = claimed_interval(20, None, 0, bound)
    assert (got.lo, got.hi, got.lo_closed, got.hi_closed) == (pytest.approx(lo), hi, lo_closed, hi_closed)
    assert got.describe() == text
    assert got.contains(lo) is lo_closed
    assert got.contains(hi) is hi_closed


def test_just_and_around_are_the_documented_fractions() -> None:
    assert (JUST, AROUND, MOSTLY_MARGIN) == (0.10, 0.05, 0.10)


@pytest.mark.parametrize(
    ("value", "decimals", "inside", "outside"),
    [
        (17, 0, [16.5, 16.9, 17.0, 17.49], [16.49, 17.5, 18.0]),  # 17 % ⇒ [16.5, 17.5)
        (11.1, 1, [11.05, 11.1, 11.149], [11.04, 11.15]),  # 11.1 % ⇒ [11.05, 11.15)
        (11.1, 2, [11.095, 11.1, 11.104], [11.09, 11.105]),  # "11,10" ⇒ [11.095, 11.105)
        (563, 0, [562.5, 563.4], [562.4, 563.5]),
        (0, 0, [-0.5, 0.0, 0.49], [-0.51, 0.5]),  # "unchanged" admits a small move either way
    ],
)
def test_rounding_implied_by_the_stated_precision(
    value: float, decimals: int, inside: list[float], outside: list[float]
) -> None:
    interval = claimed_interval(value, None, decimals, Bound.EXACT)
    assert [x for x in inside if not interval.contains(x)] == []
    assert [x for x in outside if interval.contains(x)] == []


@pytest.mark.parametrize(
    ("low", "high", "decimals", "lo", "hi"),
    [
        (5, 6, 0, 4.5, 6.5),  # "fünf bis sechs Prozent"
        (3, 5, 0, 2.5, 5.5),  # "between 3 and 5 %"
        (5, 6.5, 1, 4.95, 6.55),
        (500, 600, 0, 499.5, 600.5),
    ],
)
def test_ranges_add_the_rounding_at_both_ends(low: float, high: float, decimals: int, lo: float, hi: float) -> None:
    for bound in Bound:  # a range is its own hedge: the bound does not change it
        got = claimed_interval(low, high, decimals, bound)
        assert (got.lo, got.hi, got.lo_closed, got.hi_closed) == (pytest.approx(lo), pytest.approx(hi), True, False)


def test_around_is_always_looser_than_the_bare_number() -> None:
    assert claimed_interval(2, None, 0, Bound.AROUND).describe() == "[1.4, 2.6]"  # ±0.5 rounding + 5 % of 2
    assert claimed_interval(10, None, 0, Bound.AROUND).describe() == "[9, 11]"
    assert claimed_interval(100, None, 0, Bound.AROUND).describe() == "[94.5, 105.5]"
    for v in (2, 10, 17, 100):
        bare, about = claimed_interval(v, None, 0, Bound.EXACT), claimed_interval(v, None, 0, Bound.AROUND)
        assert about.lo < bare.lo
        assert about.hi > bare.hi


def test_mostly_margin_is_a_tenth_of_the_stated_value() -> None:
    assert mostly_margin(18, None) == pytest.approx(1.8)
    assert mostly_margin(5, 6) == pytest.approx(0.6)


COMBOS = [
    ("zeitweise über", ("zeitweise", "über"), Bound.ABOVE, INTRA),
    ("über zeitweise", ("über", "zeitweise"), Bound.ABOVE, INTRA),
    ("in der Spitze fast", ("in der spitze", "fast"), Bound.BELOW, INTRA),
    ("zwischenzeitlich mehr als", ("zwischenzeitlich", "mehr als"), Bound.ABOVE, INTRA),
    ("zeitweise bis zu", ("zeitweise", "bis zu"), Bound.AT_MOST, INTRA),
    ("at one point nearly", ("at one point", "nearly"), Bound.BELOW, INTRA),
    ("at times more than", ("at times", "more than"), Bound.ABOVE, INTRA),
    ("intraday about", ("intraday", "about"), Bound.AROUND, INTRA),
    ("up to as much as", ("up to", "as much as"), Bound.AT_MOST, INTRA),
    ("~", ("~",), Bound.AROUND, None),
    ("", (), Bound.EXACT, None),
    (None, (), Bound.EXACT, None),
]


@pytest.mark.parametrize(("text", "words", "bound", "basis"), COMBOS)
def test_combinations(text: str | None, words: tuple[str, ...], bound: Bound, basis: Basis | None) -> None:
    got = read_hedge(text)
    assert (got.words, got.bound, got.basis) == (words, bound, basis)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("überhaupt", "überhaupt"),
        ("ca", "ca"),  # only "ca." with its dot
        ("fast unbekannt", "unbekannt"),
        ("weniger viel", "weniger"),
        ("less then", "less"),
        ("zeitweise 17", "17"),
        ("~20", "20"),
    ],
)
def test_unknown_words_raise_naming_the_word(text: str, word: str) -> None:
    with pytest.raises(UnknownHedgeError, match=f"unknown hedge word '{word}'"):
        read_hedge(text)


@pytest.mark.parametrize("text", ["rund über", "fast mehr als", "bis zu über", "about up to"])
def test_contradicting_bounds_are_an_error(text: str) -> None:
    with pytest.raises(UnknownHedgeError, match="mixes bounds"):
        read_hedge(text)


@pytest.mark.parametrize(("text", "decimals"), [("17", 0), ("11.1", 1), ("11,10", 2), ("0.05", 2), ("-3.5", 1)])
def test_decimals_of(text: str, decimals: int) -> None:
    assert decimals_of(text) == decimals


@pytest.mark.parametrize(("stated", "decimals", "bound", "measured"), [(0.2, 1, Bound.EXACT, 0.15),
                                                                       (0.2, 1, Bound.AROUND, 0.15)])  # fmt: skip
def test_half_up_ties_belong_to_the_stated_value(stated: float, decimals: int, bound: Bound, measured: float) -> None:
    assert claimed_interval(stated, None, decimals, bound).contains(measured)
