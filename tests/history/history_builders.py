"""RunReports for the history tests, built from the shipped example claims and the real snapshot.

Measured values are computed from the snapshot's closes (market/data), never typed in. Labels are the
inputs the history stores, so they are set here, but every CORRECT one is checked against the claim's
hedge interval so that a fixture cannot claim something the numbers deny.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from marketfact.checks.runreport import DataSourceInfo, RunReport
from marketfact.checks.verdicts import EvidenceRow, Label, Verdict
from marketfact.claims.hedges import claimed_interval
from marketfact.claims.load import load_claims
from marketfact.claims.model import Claim
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "deepseek-2025-01.yaml"
SNAPSHOT = SnapshotSource()
MONDAY, TUESDAY = date(2025, 1, 27), date(2025, 1, 28)


def deepseek_claims() -> dict[str, Claim]:
    """The five claims of examples/deepseek-2025-01.yaml, by id."""
    return {c.id: c for c in load_claims(EXAMPLE).claims}


def close(symbol: str, day: date, field: str = "close") -> float:
    """One value of the shipped snapshot."""
    return float(SNAPSHOT.history(symbol, day, day).frame[field].iloc[0])


def first_session(symbol: str, base: date, end: date) -> date:
    """The first session of the snapshot after ``base`` (the window's start), up to ``end``."""
    return SNAPSHOT.history(symbol, base + timedelta(days=1), end).frame.index[0].date()


def admits(claim: Claim, measured: float) -> bool:
    """Whether the claim's hedge interval and direction admit ``measured`` (percent, signed)."""
    low, high = claim.range if claim.range is not None else (claim.value, None)
    assert low is not None
    interval = claimed_interval(low, high, claim.precision, claim.hedge_reading.bound)
    return (measured > 0) == (claim.direction.sign > 0) and interval.contains(abs(measured))


def close_change(
    claim: Claim, base: date, end: date, label: Label, *, field: str = "close", retrieved: datetime | None = None
) -> Verdict:
    """A close-to-close verdict whose prices come from the snapshot (``field``: close or adj_close)."""
    symbol = claim.instrument
    assert symbol is not None
    p0, p1 = close(symbol, base, field), close(symbol, end, field)
    measured = (p1 / p0 - 1) * 100
    if label is Label.CORRECT:
        assert admits(claim, measured), (claim.id, measured)
    listing = SNAPSHOT.instruments()[symbol]
    currency = listing.currency
    return Verdict(
        claim_id=claim.id,
        label=label,
        explanation=f"{symbol} closed at {p1:g} on {end}, {measured:+.2f} % against {p0:g} on {base}.",
        measured=measured,
        unit="%",
        claimed=f"{claim.direction.value} {claim.value or claim.range}",
        interval=None,
        basis="close",
        price_field=field,
        base_session=base,
        end_session=end,
        sessions_note=f"sessions {end}; base: close of {base}",
        evidence=(
            EvidenceRow(base, "base", field, p0, currency),
            EvidenceRow(end, "end", field, p1, currency),
        ),
        currency=currency,
        symbol=symbol,
        exchange=listing.calendar,
        timezone=listing.timezone,
        start_session=first_session(symbol, base, end),
        source="snapshot",
        retrieved_at=retrieved or SNAPSHOT.retrieved_at,
    )


def market_value_at_times(claim: Claim) -> Verdict:
    """NVDA's intraday market-value loss on 27 Jan 2025 in EUR: shares × (low − previous close) / ECB rate."""
    shares = SnapshotSharesSource().shares("NVDA", MONDAY)
    fx = EcbFxSource().rate("EUR", "USD", MONDAY)
    base, low = close("NVDA", date(2025, 1, 24)), close("NVDA", MONDAY, "low")
    measured = shares.shares * (low - base) / fx.rate / 1e9
    assert measured < -563, measured  # "zeitweise über 563 Mrd. Euro"
    return Verdict(
        claim_id=claim.id,
        label=Label.CORRECT,
        explanation=f"At the day's low NVIDIA's market value was {measured:,.1f} bn EUR below Friday's close.",
        measured=measured,
        unit="bn EUR",
        claimed="down more than 563 bn EUR, intraday",
        interval=(563.0, float("inf")),
        basis="intraday",
        price_field="intraday low",
        base_session=date(2025, 1, 24),
        end_session=MONDAY,
        sessions_note="session 2025-01-27 (XNAS); base: close of 2025-01-24",
        evidence=(
            EvidenceRow(date(2025, 1, 24), "base", "close", base, "USD"),
            EvidenceRow(MONDAY, "extreme", "low", low, "USD"),
        ),
        currency="USD",
        symbol="NVDA",
        exchange="XNAS",
        timezone="America/New_York",
        start_session=MONDAY,
        fx=f"1 EUR = {fx.rate:.4f} USD, {fx.description}",
        shares=f"{shares.shares / 1e9:.2f} bn shares (as of {shares.as_of})",
        source="snapshot",
        retrieved_at=SNAPSHOT.retrieved_at,
    )


def unverifiable(claim: Claim, reason: str) -> Verdict:
    """An UNVERIFIABLE verdict, e.g. before the session's close exists."""
    return Verdict(
        claim_id=claim.id,
        label=Label.UNVERIFIABLE,
        explanation=f"Cannot be checked yet: {reason}.",
        measured=None,
        unit="%",
        claimed=f"{claim.direction.value} {claim.value or claim.range}",
        interval=None,
        basis="close",
        price_field="close",
        base_session=None,
        end_session=None,
        sessions_note="",
        reason=reason,
        source="snapshot",
        retrieved_at=SNAPSHOT.retrieved_at,
    )


def deepseek_verdicts(claims: dict[str, Claim]) -> list[Verdict]:
    """The five DeepSeek claims judged on the snapshot: what a full run concludes."""
    return [
        # 142.62 → 118.42 = −16.97 %: inside [16.5, 17.5)
        close_change(claims["nvda-monday-plunge"], date(2025, 1, 24), MONDAY, Label.CORRECT),
        # 118.42 → 128.99 = +8.93 %: far outside 5–6 %
        close_change(claims["nvda-tuesday-rebound"], MONDAY, TUESDAY, Label.INCORRECT),
        market_value_at_times(claims["nvda-market-value-at-times"]),
        # 60.36 → 48.32 = −19.95 %: outside [17.5, 18.5) but within the MOSTLY margin
        close_change(claims["siemens-energy-monday"], date(2025, 1, 24), MONDAY, Label.MOSTLY_CORRECT),
        # 10050 → 8162 = −18.79 %: "fast 20 %" admits [18, 20]
        close_change(claims["advantest-two-days"], date(2025, 1, 24), TUESDAY, Label.CORRECT),
    ]


def run_report(
    run_id: str,
    started_at: datetime,
    verdicts: list[Verdict],
    claims: dict[str, Claim] | None = None,
    *,
    synthetic: bool = False,
) -> RunReport:
    """A RunReport of ``verdicts`` on their claims, started at ``started_at`` and lasting 4 seconds."""
    claims = claims or deepseek_claims()
    ids = {v.claim_id for v in verdicts}
    return RunReport(
        run_id=run_id,
        started_at=started_at,
        finished_at=started_at + timedelta(seconds=4),
        claims_file=str(EXAMPLE.relative_to(EXAMPLE.parents[1])),
        article=None,
        claims=tuple(c for c in claims.values() if c.id in ids),
        verdicts=tuple(verdicts),
        sources=(DataSourceInfo("snapshot", "offline snapshot", SNAPSHOT.retrieved_at, "market/data/PROVENANCE.md"),),
        versions={"marketfact": "0.1.0"},
        synthetic=synthetic,
    )


def at(text: str) -> datetime:
    """An aware UTC datetime from "2025-01-28T06:00"."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
