"""The pure core: from a plan, fetched data and validation outcomes to a judged claim table.

``evaluate`` is the vectorised heart (no per-claim Python); ``check`` runs the whole core in-process
with no Prefect, for tests, the benchmark and library users. The Prefect flow calls the same
functions, one task per step, fetching and validating per instrument.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from marketfact.checks.adjusted import adjusted_problems, adjusted_symbols, with_adjusted_closes
from marketfact.checks.evidence import FxKey, RunEvidence, SharesKey
from marketfact.checks.kinds import history_problems, measure_kinds, money_levels
from marketfact.checks.measure import PricePanel, measure, money_moves
from marketfact.checks.plan import Plan, money_rows
from marketfact.checks.quality.outcome import ValidationOutcome
from marketfact.claims.model import MONEY_VALUES
from marketfact.market.model import FxQuote, SharesQuote

MONEY_METRICS = [m.value for m in MONEY_VALUES]
__all__ = ["FxKey", "SharesKey", "conversion_arrays", "evaluate", "now", "quality_problems"]


def quality_problems(plan: Plan, outcomes: Mapping[str, ValidationOutcome]) -> pd.Series:
    """Per claim, the critical expectations that failed on values it rests on ('' when none).

    Failures are few and claims many, so failing (symbol, session, column) cells are joined onto the
    evidence table rather than each claim asking each outcome.
    """
    problems = pd.Series("", index=plan.table.index, dtype=object)
    cells: list[dict[str, object]] = []
    for symbol, outcome in outcomes.items():
        for failure in outcome.critical_failures():
            label = f"{failure.name} ({failure.expectation})"
            if not failure.sessions:
                claims = plan.table.index[plan.table["symbol"] == symbol]
                problems.loc[claims] = problems.loc[claims] + f"; {label} failed on {outcome.dataset}"
                continue
            for session in failure.sessions:
                for column in failure.columns or ("*",):
                    cells.append(
                        {
                            "symbol": symbol,
                            "session": pd.Timestamp(session),
                            "column": column,
                            "what": label,
                            "day": session.isoformat(),
                        }
                    )
    if cells:
        failing = pd.DataFrame(cells)
        ev = plan.evidence
        exact = ev.merge(failing, on=["symbol", "session", "column"])
        anycol = ev.merge(failing[failing["column"] == "*"].drop(columns="column"), on=["symbol", "session"])
        hits = pd.concat([exact, anycol]).drop_duplicates(["claim", "what", "day"]).sort_values(["claim", "day"])
        # One entry per failed expectation, with every date it failed on (not one entry per date and column).
        per_check = hits.groupby(["claim", "what"], sort=False)["day"].agg(", ".join).reset_index()
        per_check["what"] = per_check["what"] + " failed for " + per_check["day"]
        joined = per_check.groupby("claim")["what"].agg("; ".join)
        problems.loc[joined.index] = problems.loc[joined.index] + "; " + joined
    touched = (problems != "").to_numpy()  # few: the string method runs on those alone
    problems[touched] = problems[touched].str.removeprefix("; ")
    return problems


def conversion_arrays(
    plan: Plan, fx: Mapping[FxKey, FxQuote], shares: Mapping[SharesKey, SharesQuote]
) -> tuple[np.ndarray, np.ndarray, pd.Series]:
    """Per claim: FX factor (claim currency per listing unit), shares outstanding, and any problem.

    The quotes are joined onto the claim table, two merges rather than a look-up per claim.
    """
    table = plan.table
    n = len(table)
    keys = pd.DataFrame(
        {
            "symbol": table["symbol"].to_numpy(object),
            "on": table["end"].to_numpy("datetime64[ns]"),
            "source": table["fx_source"].to_numpy(object),
            "base": table["listing_currency"].to_numpy(object),
            "quote": table["currency"].to_numpy(object),
        }
    )
    share_rows = pd.DataFrame(
        {
            "symbol": pd.Series([s for s, _ in shares], dtype=object),
            "on": pd.to_datetime(pd.Series([d for _, d in shares], dtype=object)).astype("datetime64[ns]"),
            "shares": pd.Series([q.shares for q in shares.values()], dtype="float64"),
        }
    )
    fx_rows = pd.DataFrame(
        {
            "source": pd.Series([k[0] for k in fx], dtype=object),
            "base": pd.Series([k[1] for k in fx], dtype=object),
            "quote": pd.Series([k[2] for k in fx], dtype=object),
            "on": pd.to_datetime(pd.Series([k[3] for k in fx], dtype=object)).astype("datetime64[ns]"),
            "rate": pd.Series([q.rate for q in fx.values()], dtype="float64"),
        }
    )
    # Left merges keep the claim table's row order; the keys are unique, so no row is repeated.
    got_shares = keys.merge(share_rows, on=["symbol", "on"], how="left")["shares"].to_numpy()
    got_rate = keys.merge(fx_rows, on=["source", "base", "quote", "on"], how="left")["rate"].to_numpy()
    money = money_rows(table) & (table["problem"] == "").to_numpy()
    cross = money & (keys["base"] != keys["quote"]).to_numpy()
    shares_arr = np.where(money, got_shares, np.nan)
    fx_arr = np.where(cross, got_rate, 1.0)
    problems = np.full(n, "", dtype=object)
    on = pd.DatetimeIndex(keys["on"])
    for i in np.flatnonzero(money & np.isnan(got_shares)).tolist():  # rare: each named on its own
        problems[i] = f"no share count for {keys['symbol'].iat[i]} on or before {on[i].date()}"
    for i in np.flatnonzero(cross & np.isnan(got_rate)).tolist():  # a missing rate overrides the shares' message
        problems[i] = f"no {keys['base'].iat[i]}→{keys['quote'].iat[i]} rate for {on[i].date()}"
    return fx_arr, shares_arr, pd.Series(problems, index=table.index, dtype=object)


def evaluate(evidence: RunEvidence) -> tuple[pd.DataFrame, PricePanel]:
    """Measure and judge every claim of the plan at once; returns the judged table and the panel.

    The evidence's ``outcomes`` are the price validations per symbol; its ``extra`` those of the claim set,
    share counts and FX rates: a critical failure in any of them that touches a claim makes it
    UNVERIFIABLE. Its fetch ``errors`` are folded in by ``checks.run.judge_all``.
    """
    from marketfact.checks.judge import collapse_searches, judge

    plan, series, outcomes, fx, extra = evidence.plan, evidence.series, evidence.outcomes, evidence.fx, evidence.extra

    calendars = {s: plan.instruments[s].calendar for s in series}
    adjusted = adjusted_symbols(plan.instruments)
    measured_on = with_adjusted_closes(series, adjusted)  # an adjusted-only series' close is its adjusted close
    panel = PricePanel.from_frames({s: ps.frame for s, ps in measured_on.items()}, calendars)
    table = plan.table.copy(deep=False)  # copy-on-write: the plan's table is never written
    missing = ~table["symbol"].isin(list(series)) & (table["problem"] == "")
    table.loc[missing, "problem"] = "no price data for " + table.loc[missing, "symbol"]
    measured = measure_kinds(measure(table, panel), panel)
    fx_arr, shares_arr, conv_problems = conversion_arrays(plan, fx, evidence.shares)
    # The share count is a filing's round number: its uncertainty widens the claimed interval.
    uncertainty = 0.01
    money = measured["metric"].isin(MONEY_METRICS).to_numpy()
    widen = np.where(money, uncertainty * measured["lo"].to_numpy(), 0.0)
    measured["lo"] = measured["lo"] - widen
    measured["hi"] = measured["hi"] + widen
    with np.errstate(over="ignore"):  # a damaged price (1e308) overflows to inf; the data-quality suite refuses it
        measured = money_levels(money_moves(measured, shares_arr, fx_arr), shares_arr, fx_arr)
    quality = quality_problems(plan, outcomes)
    if extra:
        from marketfact.checks.quality.validate import extra_problems

        more = extra_problems(plan, extra, fx)
        quality = (quality + "; " + more).str.strip("; ").where(more != "", quality)
    measured["quality_problem"] = quality
    measured.loc[conv_problems != "", "problem"] = conv_problems[conv_problems != ""]
    adjusted_problem, measured["adjusted_note"] = adjusted_problems(measured, series, adjusted)
    measured.loc[adjusted_problem != "", "problem"] = adjusted_problem[adjusted_problem != ""]
    history = history_problems(measured, series)
    measured.loc[history != "", "problem"] = history[history != ""]
    measured.loc[history != "", "record_value"] = np.nan  # nothing measured on a history that is not there
    return collapse_searches(judge(measured)), panel


def now() -> datetime:
    """The current time in UTC (one place, so tests can reason about it)."""
    return datetime.now(UTC)
