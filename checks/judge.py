"""Judge measured claims, vectorised: direction first, then magnitude under the hedge, then other bases.

Order of the rules (DESIGN.md "Verdicts"):
1. a claim whose data is missing or failed a critical expectation is UNVERIFIABLE, with the reason;
2. right direction and magnitude inside the claimed interval: CORRECT;
3. right direction, magnitude outside by less than the stated number's last digit (its rounding, ``half``):
   MOSTLY_CORRECT — a miss that small stays a near miss even when another basis happens to fit too;
4. the interval admits the move on another basis — the intraday extreme instead of the close (or the
   reverse), the session before or after, the listing currency instead of the claimed one: MISLEADING,
   naming that basis. An exact fit elsewhere explains a wider miss better than "close enough" does;
5. right direction, magnitude within the full MOSTLY_MARGIN: MOSTLY_CORRECT;
6. otherwise INCORRECT (a rise claimed as a fall always lands here unless rule 4 applies).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from marketfact.checks.kinds import family, is_level
from marketfact.checks.verdicts import Label

_BEFORE = "the session before instead of the one claimed"
_AFTER = "the session after instead of the one claimed"

# (column holding the alternative measurement, how a reader would name that basis), per claim kind: the
# family (``checks.kinds.family``: the unit of a percent or money move, else the metric) and the basis.
ALTERNATIVES: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("percent", "close"): (
        ("intraday_pct", "the intraday extreme instead of the close"),
        ("prev_close_pct", "the session before instead of the one claimed"),
        ("next_close_pct", "the session after instead of the one claimed"),
    ),
    ("percent", "intraday"): (("close_pct", "the close instead of the intraday extreme"),),
    ("money", "close"): (
        ("money_intraday", "the intraday extreme instead of the close"),
        ("money_close_listing", "the listing currency instead of the claimed one"),
    ),
    ("money", "intraday"): (
        ("money_close", "the close instead of the intraday extreme"),
        ("money_intraday_listing", "the listing currency instead of the claimed one"),
    ),
    ("close_level", "close"): (
        ("level_high", "the day's high instead of the close"),
        ("level_low", "the day's low instead of the close"),
        ("level_prev", "the close of the session before instead of the one claimed"),
        ("level_next", "the close of the session after instead of the one claimed"),
    ),
    ("intraday_level", "intraday"): (
        ("level_close", "the close instead of the day's low or high"),
        ("level_other", "the other extreme of the day (the high for a low, the low for a high)"),
    ),
    ("points_change", "close"): (
        ("points_intraday", "the intraday extreme instead of the close"),
        ("prev_points", _BEFORE),
        ("next_points", _AFTER),
    ),
    ("points_change", "intraday"): (("points_close", "the close instead of the intraday extreme"),),
    ("market_cap_level", "close"): (
        ("mcap_high", "the day's high instead of the close"),
        ("mcap_low", "the day's low instead of the close"),
        ("mcap_prev", "the close of the session before instead of the one claimed"),
        ("mcap_close_listing", "the listing currency instead of the claimed one"),
    ),
    ("market_cap_level", "intraday"): (
        ("mcap_close", "the close instead of the day's low or high"),
        ("mcap_extreme_listing", "the listing currency instead of the claimed one"),
    ),
    ("record_close", "close"): (),  # a record's other bases are found with its history (checks/kinds.py)
    ("record_move", "close"): (),
}
PRIMARY = {
    ("percent", "close"): "close_pct",
    ("percent", "intraday"): "intraday_pct",
    ("money", "close"): "money_close",
    ("money", "intraday"): "money_intraday",
    ("close_level", "close"): "level_close",
    ("intraday_level", "intraday"): "extreme",
    ("points_change", "close"): "points_close",
    ("points_change", "intraday"): "points_intraday",
    ("market_cap_level", "close"): "mcap_close",
    ("market_cap_level", "intraday"): "mcap_extreme",
    ("record_close", "close"): "record_value",
    ("record_move", "close"): "record_value",
}


def _inside(mag: np.ndarray, lo: np.ndarray, hi: np.ndarray, lo_c: np.ndarray, hi_c: np.ndarray) -> np.ndarray:
    above = np.where(lo_c, mag >= lo, mag > lo)
    below = np.where(hi_c, mag <= hi, mag < hi)
    return above & below & ~np.isnan(mag)


def _column(table: pd.DataFrame, name: str) -> np.ndarray:
    return table[name].to_numpy(dtype="float64") if name in table else np.full(len(table), np.nan)


def judge(table: pd.DataFrame) -> pd.DataFrame:
    """Add ``measured``, ``label`` and ``alt_basis`` to a measured claim table."""
    out = table.copy(deep=False)  # copy-on-write: columns are shared until written
    n = len(table)
    lo, hi = table["lo"].to_numpy(), table["hi"].to_numpy()
    lo_c, hi_c = table["lo_closed"].to_numpy(bool), table["hi_closed"].to_numpy(bool)
    margin = table["margin"].to_numpy()
    direction = table["direction"].to_numpy()
    unit, basis = family(table), table["basis"].to_numpy(dtype=object)
    level = is_level(table)  # a level has no sign: it is judged on its magnitude alone

    measured = np.full(n, np.nan)
    alt_basis = np.full(n, "", dtype=object)
    alt_hit = np.zeros(n, bool)
    for key, primary in PRIMARY.items():
        rows = (unit == key[0]) & (basis == key[1])
        if not rows.any():
            continue
        measured[rows] = _column(table, primary)[rows]
        for column, words in ALTERNATIVES[key]:
            alt = _column(table, column)
            admits = rows & ~alt_hit & (level | (np.sign(alt) == direction)) & _inside(np.abs(alt), lo, hi, lo_c, hi_c)
            alt_basis[admits] = words
            alt_hit |= admits

    if "record_alt" in table:  # a record that holds on another basis (checks/kinds.py)
        record_alt = table["record_alt"].to_numpy(dtype=object)
        found = ~alt_hit & (record_alt != "")
        alt_basis[found] = record_alt[found]
        alt_hit |= found
    mag = np.abs(measured)
    right_way = level | (np.sign(measured) == direction)
    inside = right_way & _inside(mag, lo, hi, lo_c, hi_c)
    nearly = right_way & _inside(mag, lo - margin, hi + margin, lo_c, hi_c)
    half = table["half"].to_numpy() if "half" in table else np.zeros(n)
    very_nearly = right_way & _inside(mag, lo - half, hi + half, lo_c, hi_c)
    problem = (table["problem"] != "").to_numpy().copy()
    if "quality_problem" in table:
        problem |= (table["quality_problem"] != "").to_numpy()
    unknown = problem | np.isnan(measured)

    label = np.select(
        [unknown, inside, very_nearly, alt_hit, nearly],
        [
            Label.UNVERIFIABLE.value,
            Label.CORRECT.value,
            Label.MOSTLY_CORRECT.value,
            Label.MISLEADING.value,
            Label.MOSTLY_CORRECT.value,
        ],
        default=Label.INCORRECT.value,
    )
    # A claim that cannot be checked (no data, no history, adjusted-only prices) shows no measurement;
    # one that failed a data-quality check keeps it, next to the failure.
    out["measured"] = np.where((table["problem"] != "").to_numpy(), np.nan, measured)
    out["label"] = label
    out["alt_basis"] = np.where(label == Label.MISLEADING.value, alt_basis, "")
    return out


RANK = {Label.CORRECT.value: 0, Label.MOSTLY_CORRECT.value: 1, Label.MISLEADING.value: 2, Label.INCORRECT.value: 3,
        Label.UNVERIFIABLE.value: 4}  # fmt: skip


def collapse_searches(judged: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: for a claim that named no day, the best-fitting session searched, with a note.

    Best fit is the best verdict; among equals the latest session (the one a report most likely meant).
    """
    if "searched" not in judged or not judged["searched"].any():
        return judged.assign(search_note="")
    # Only the searched rows (a few per claim that names no day) are sorted and grouped; the rest of the
    # table is filtered once, in its own order.
    searched = judged[judged["searched"]].assign(_rank=lambda t: t["label"].map(RANK))
    best = (
        searched.sort_values(["claim_id", "_rank", "end"], ascending=[True, True, False])
        .groupby("claim_id", sort=False)
        .head(1)
    )
    span = searched.groupby("claim_id", sort=False)["end"].agg(_first="min", _last="max", _count="size")
    best = best.join(span, on="claim_id")
    fits = np.select(
        [best["_rank"] <= RANK[Label.MISLEADING.value], best["_rank"] == RANK[Label.UNVERIFIABLE.value]],
        [best["end"].dt.strftime("%Y-%m-%d") + " fits best", "none of them could be checked"],
        "none of them fits",
    )
    note = (
        "No day was given: searched the " + best["_count"].astype(str) + " sessions "
        + best["_first"].dt.strftime("%Y-%m-%d") + "–" + best["_last"].dt.strftime("%Y-%m-%d") + " of "
        + best["calendar"].astype(str) + " before publication; " + fits + "."
    )  # fmt: skip
    no_day = np.datetime64("NaT", "ns")
    kept = judged[~judged["searched"].to_numpy() | judged.index.isin(best.index)].assign(
        search_note="", search_count=0, search_first=no_day, search_last=no_day, search_fits=False
    )
    kept.loc[best.index, "search_note"] = note
    # The same facts as data, for reports that write the note in their own language.
    kept.loc[best.index, "search_count"] = best["_count"].to_numpy()
    kept.loc[best.index, "search_first"] = best["_first"].to_numpy()
    kept.loc[best.index, "search_last"] = best["_last"].to_numpy()
    kept.loc[best.index, "search_fits"] = (best["_rank"] <= RANK[Label.MISLEADING.value]).to_numpy()
    return kept
