"""SYNTHETIC benchmark data: seeded random-walk prices on real exchange calendars, and claims about them.

Nothing here is market data. Prices are a geometric random walk per instrument, laid on the real sessions
of XNYS, XNAS, XETR, XTKS and XPAR (so holidays differ by exchange as they do in life); FX rates and share
counts are random too. Every file written says so: ``instruments.csv`` carries "SYNTHETIC benchmark data"
in its notes column, and the folder has a ``PROVENANCE.md`` saying the same.

The folder has the layout ``market.snapshot.SnapshotSource`` reads, so the core, the Prefect flow and the
naive baseline all read the same local files.

Claims are drawn from the generated prices, so their verdicts spread over every label: some state the
move as it was (rounded), some miss it a little or a lot, some claim the wrong direction, and a few cannot
be checked at all (a weekend date, an unknown symbol, a market value of an index).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from marketfact.claims.hedges import HEDGES
from marketfact.market.calendars import session_index

SYNTHETIC_LABEL = "SYNTHETIC benchmark data"
"""The words every output of the benchmark carries, so nobody takes a number here for a market price."""

DATA_ROOT = Path(__file__).parent / "_data"
"""Where generated data goes (gitignored; regenerated on every run)."""

LAST_DAY = date(2025, 6, 30)
"""The last calendar day the synthetic sessions may reach (in the past, so no "today" clipping applies)."""


@dataclass(frozen=True, slots=True)
class Exchange:
    """A listing venue the generator spreads instruments over."""

    mic: str
    currency: str
    timezone: str
    suffix: str


EXCHANGES: tuple[Exchange, ...] = (
    Exchange("XNYS", "USD", "America/New_York", ""),
    Exchange("XNAS", "USD", "America/New_York", ""),
    Exchange("XETR", "EUR", "Europe/Berlin", ".DE"),
    Exchange("XTKS", "JPY", "Asia/Tokyo", ".T"),
    Exchange("XPAR", "EUR", "Europe/Paris", ".PA"),
)
CURRENCIES = ("EUR", "USD", "JPY")
HEDGE_WORDS: tuple[str, ...] = tuple(h.phrase for h in HEDGES)


@dataclass(frozen=True)
class SyntheticMarket:
    """What was written, kept in memory so claims can be drawn from the true moves."""

    root: Path
    symbols: list[str]
    kinds: np.ndarray  # "equity" / "index" per instrument
    exchange: np.ndarray  # index into EXCHANGES per instrument
    sessions: dict[str, pd.DatetimeIndex]  # per MIC: the sessions every instrument there has
    close: np.ndarray  # instruments × sessions
    low: np.ndarray
    high: np.ndarray
    shares: np.ndarray  # instruments × share-count dates (NaN for indices)
    shares_as_of: pd.DatetimeIndex  # the dates of the share counts, the same for every instrument
    fx: pd.DataFrame  # EUR-based rates per weekday, columns USD and JPY

    def eur_rate(self, currency: str, days: np.ndarray) -> np.ndarray:
        """Units of ``currency`` per EUR on each day (weekdays always have a rate)."""
        if currency == "EUR":
            return np.ones(len(days))
        return self.fx[currency].reindex(pd.DatetimeIndex(days)).to_numpy()


def write_market(root: Path, instruments: int, sessions: int, seed: int = 7) -> SyntheticMarket:
    """Write a SYNTHETIC snapshot folder of ``instruments`` × ``sessions`` daily bars under ``root``."""
    rng = np.random.default_rng(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "prices").mkdir(parents=True)
    (root / "fx").mkdir()
    exchange = np.arange(instruments) % len(EXCHANGES)
    kinds = np.where(rng.random(instruments) < 0.03, "index", "equity")
    symbols = [
        ("^SYN" if kinds[i] == "index" else "SYN") + f"{i:04d}" + EXCHANGES[exchange[i]].suffix
        for i in range(instruments)
    ]
    cal = {x.mic: session_index(x.mic) for x in EXCHANGES}
    days = {mic: idx[idx <= pd.Timestamp(LAST_DAY)][-sessions:] for mic, idx in cal.items()}

    # Geometric random walk: daily log returns of ~2 %, fat tails from an occasional jump.
    start = np.exp(rng.uniform(np.log(5), np.log(800), instruments))
    start = np.where(exchange == 3, start * 100, start)  # Tokyo quotes in yen
    jumps = rng.normal(0, 0.08, (instruments, sessions)) * (rng.random((instruments, sessions)) < 0.01)
    close = start[:, None] * np.exp(np.cumsum(rng.normal(0, 0.02, (instruments, sessions)) + jumps, axis=1))
    prev = np.concatenate([start[:, None], close[:, :-1]], axis=1)
    opens = prev * np.exp(rng.normal(0, 0.006, close.shape))
    high = np.maximum(opens, close) * np.exp(np.abs(rng.normal(0, 0.01, close.shape)))
    low = np.minimum(opens, close) * np.exp(-np.abs(rng.normal(0, 0.01, close.shape)))
    # Rounding is monotone, so low <= open/close <= high survives it.
    opens, high, low, close = (np.round(a, 2) for a in (opens, high, low, close))
    volume = rng.integers(10_000, 50_000_000, close.shape)

    for i, symbol in enumerate(symbols):
        frame = pd.DataFrame(
            {
                "date": days[EXCHANGES[exchange[i]].mic].strftime("%Y-%m-%d"),
                "open": opens[i],
                "high": high[i],
                "low": low[i],
                "close": close[i],
                "adj_close": close[i],
                "volume": volume[i],
            }
        )
        frame.to_csv(root / "prices" / f"{symbol}.csv", index=False)

    first_day = min(d[0] for d in days.values())
    pd.DataFrame(
        {
            "symbol": symbols,
            "name": [f"Synthetic {'Index' if k == 'index' else 'Company'} {i:04d}" for i, k in enumerate(kinds)],
            "kind": kinds,
            "mic": [EXCHANGES[e].mic for e in exchange],
            "currency": [EXCHANGES[e].currency for e in exchange],
            "timezone": [EXCHANGES[e].timezone for e in exchange],
            "price_basis": "raw",
            "notes": f"{SYNTHETIC_LABEL} (seeded random walk, seed {seed}); not a market price",
        }
    ).to_csv(root / "instruments.csv", index=False)

    # A count per quarter, as filings give them, drifting a little (buy-backs, issuance): a verdict's count
    # is then never more than a year old, which the data-quality suite for share counts requires.
    as_of = pd.date_range(first_day - pd.Timedelta(days=30), pd.Timestamp(LAST_DAY), freq="91D")
    base_count = rng.uniform(5e7, 2e10, instruments)
    drift = np.cumprod(1 + rng.normal(0, 0.01, (instruments, len(as_of))), axis=1)
    shares = np.where((kinds == "equity")[:, None], np.round(base_count[:, None] * drift, -6), np.nan)
    equity = np.flatnonzero(kinds == "equity")
    pd.DataFrame(
        {
            "symbol": np.repeat(np.asarray(symbols)[equity], len(as_of)),
            "as_of": np.tile(as_of.strftime("%Y-%m-%d"), len(equity)),
            "shares": shares[equity].reshape(-1).astype(np.int64),
            "source": f"{SYNTHETIC_LABEL}: random share count",
        }
    ).to_csv(root / "shares_outstanding.csv", index=False)

    weekdays = pd.bdate_range(first_day - pd.Timedelta(days=30), pd.Timestamp(LAST_DAY))
    fx = pd.DataFrame(
        {
            "USD": np.round(1.08 * np.exp(np.cumsum(rng.normal(0, 0.004, len(weekdays)))), 4),
            "JPY": np.round(160.0 * np.exp(np.cumsum(rng.normal(0, 0.005, len(weekdays)))), 2),
        },
        index=pd.DatetimeIndex(weekdays, name="Date"),
    )
    fx.to_csv(root / "fx" / "ECB_reference_rates.csv", date_format="%Y-%m-%d")
    (root / "PROVENANCE.md").write_text(
        f"# {SYNTHETIC_LABEL}\n\nGenerated by bench/synthetic.py (seed {seed}): {instruments} instruments × "
        f"{sessions} sessions of random-walk prices on real exchange calendars, random FX rates and share "
        "counts. None of it is market data; it exists to time marketfact.\n",
        encoding="utf-8",
    )
    return SyntheticMarket(root, symbols, kinds, exchange, days, close, low, high, shares, as_of, fx)


def _true_moves(
    market: SyntheticMarket, inst: np.ndarray, first: np.ndarray, last: np.ndarray, sign: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per claim: close move %, intraday extreme move % (low when ``sign`` < 0) and the extreme price."""
    base_close = market.close[inst, first - 1]
    close_pct = (market.close[inst, last] / base_close - 1) * 100
    span = int((last - first).max()) + 1
    extreme = np.where(sign < 0, np.inf, -np.inf)
    for k in range(span):
        pos = np.minimum(first + k, last)
        lower, higher = np.minimum(extreme, market.low[inst, pos]), np.maximum(extreme, market.high[inst, pos])
        extreme = np.where(sign < 0, lower, higher)
    return close_pct, (extreme / base_close - 1) * 100, extreme


def generate_claims(market: SyntheticMarket, count: int, seed: int = 11) -> dict[str, object]:
    """A claim-file dict of ``count`` SYNTHETIC claims over all metric kinds, hedges and exchanges.

    About 45 % state the true move rounded, 25 % miss it by up to 15 %, 20 % are far off, 10 % claim the
    wrong direction; about 3 % are UNVERIFIABLE by construction (non-session date, unknown symbol, the
    market value of an index). About 1 % name their day as a weekday word and 0.5 % name no day at all.
    """
    rng = np.random.default_rng(seed)
    n_sessions = market.close.shape[1]
    inst = rng.integers(0, len(market.symbols), count)
    metric = rng.choice(["close_change", "intraday_extreme", "market_cap_change"], count, p=[0.55, 0.25, 0.20])
    equity = market.kinds[inst] == "equity"
    # Most money claims sit on equities; a few on indices are kept as an UNVERIFIABLE path.
    metric = np.where((metric == "market_cap_change") & ~equity & (rng.random(count) < 0.7), "close_change", metric)
    length = np.where(rng.random(count) < 0.7, 1, rng.integers(2, 6, count))
    first = rng.integers(1, n_sessions, count)
    last = np.minimum(first + length - 1, n_sessions - 1)

    true_sign = np.sign(market.close[inst, last] - market.close[inst, first - 1])
    true_sign = np.where(true_sign == 0, 1, true_sign)
    close_pct, intra_pct, extreme = _true_moves(market, inst, first, last, true_sign)
    listing = np.array([EXCHANGES[e].currency for e in market.exchange[inst]])
    currency = np.where(rng.random(count) < 0.7, listing, rng.choice(CURRENCIES, count))
    mics = [EXCHANGES[e].mic for e in market.exchange[inst]]
    end_days = np.array([market.sessions[mic][p] for mic, p in zip(mics, last, strict=True)])
    fx = np.ones(count)
    for cur in CURRENCIES:
        for lst in CURRENCIES:
            rows = (currency == cur) & (listing == lst)
            if rows.any():
                fx[rows] = market.eur_rate(cur, end_days[rows]) / market.eur_rate(lst, end_days[rows])
    base_close = market.close[inst, first - 1]
    price = np.where(metric == "intraday_extreme", extreme, market.close[inst, last])
    latest = market.shares_as_of.searchsorted(pd.DatetimeIndex(end_days), side="right") - 1
    money = market.shares[inst, latest] * (price - base_close) * fx
    scale = np.where(np.abs(money) >= 1e9, "billion", "million")
    truth = np.where(metric == "intraday_extreme", intra_pct, close_pct)
    truth = np.where(metric == "market_cap_change", money / np.where(scale == "billion", 1e9, 1e6), truth)

    kind = rng.random(count)
    decimals = rng.choice([0, 1, 2], count, p=[0.5, 0.4, 0.1])
    # An index has no share count, so its money claims get an arbitrary number (they are UNVERIFIABLE).
    magnitude = np.where(np.isnan(truth), rng.uniform(1, 50, count), np.abs(truth))
    magnitude = np.where((kind >= 0.45) & (kind < 0.70), magnitude * rng.uniform(0.85, 1.15, count), magnitude)
    magnitude = np.where(kind >= 0.70, magnitude * rng.uniform(0.3, 3.0, count), magnitude)
    direction = np.where(kind >= 0.90, -true_sign, np.sign(truth))
    direction = np.where(direction == 0, 1, direction)
    hedge = np.where(rng.random(count) < 0.45, rng.choice(HEDGE_WORDS, count), "")
    hedge = np.where(rng.random(count) < 0.02, "zeitweise über", hedge)
    as_range = (metric != "market_cap_change") & (rng.random(count) < 0.05)

    weird = rng.random(count)
    symbols = np.asarray(market.symbols, dtype=object)[inst]
    symbols = np.where(weird < 0.01, "UNKNOWN.XX", symbols)
    off_session = (weird >= 0.01) & (weird < 0.03)
    # A few name their day in words ("Monday", resolved from the publication time) or not at all (the
    # core then searches the sessions before publication); both take the core's per-claim period path.
    in_words = (weird >= 0.03) & (weird < 0.04) & (first == last)
    no_day = (weird >= 0.04) & (weird < 0.045)

    claims = []
    for i in range(count):
        mic = EXCHANGES[market.exchange[inst[i]]].mic
        days = market.sessions[mic]
        start, end = days[first[i]].date(), days[last[i]].date()
        if off_session[i]:
            # The Saturday after the window: never a session on these exchanges.
            start = end = (days[last[i]] + pd.Timedelta(days=5 - days[last[i]].weekday())).date()
        value = round(float(magnitude[i]), int(decimals[i]))
        claim: dict[str, object] = {
            "id": f"syn-{i:06d}",
            "text": f"{SYNTHETIC_LABEL}: claim {i} about a random-walk price",
            "subject": f"Synthetic {i % 997}",
            "instrument": str(symbols[i]),
            "metric": str(metric[i]),
            "direction": "up" if direction[i] > 0 else "down",
            "sessions": [start.isoformat()] if start == end else [start.isoformat(), end.isoformat()],
        }
        if in_words[i] or no_day[i]:
            del claim["sessions"]
            claim["published_at"] = f"{(end + timedelta(days=1)).isoformat()}T12:00:00+00:00"
            if in_words[i]:
                claim["period"] = f"{end:%A}"
        if as_range[i]:
            low = float(np.floor(magnitude[i]))
            claim["range"] = [low, low + 1.0]
        else:
            claim["value"] = value
            claim["value_text"] = f"{value:.{int(decimals[i])}f}"
        if metric[i] == "market_cap_change":
            claim.update(unit="money", currency=str(currency[i]), scale=str(scale[i]))
        if hedge[i]:
            claim["hedge"] = str(hedge[i])
        claims.append(claim)
    return {
        "article": {"title": f"{SYNTHETIC_LABEL}: {count} generated claims", "publisher": "bench/synthetic.py"},
        "claims": claims,
    }


def write_claims(data: dict[str, object], path: Path) -> Path:
    """Write a claim-file dict as JSON (the flow reads claims from a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
