"""RunReports built by hand for the report tests, from the real snapshot's prices.

No price is invented: every close, low and path row is read from market/data/prices/*.csv, and every
measured value is computed from them here. The verdict labels are the ones the seed claims' issue
expects (the judge is not under test here, the rendering of its conclusions is).
"""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import UTC, date, datetime

import pandas as pd
import pytest

from marketfact.checks.quality.outcome import ExpectationResult, ValidationOutcome
from marketfact.checks.runreport import DataSourceInfo, RunReport
from marketfact.checks.verdicts import (
    Alternative,
    EvidenceRow,
    FxRate,
    Label,
    PathRow,
    Reading,
    ShareCount,
    Verdict,
)
from marketfact.claims.model import Article, Claim
from marketfact.market.snapshot import SHIPPED_SNAPSHOT, EcbFxSource, SnapshotSharesSource, read_price_csv

RETRIEVED = datetime(2025, 2, 15, 9, 30, tzinfo=UTC)
PUBLISHED = datetime.fromisoformat("2025-01-29T07:00:00+01:00")
ARTICLE = Article(
    title="Report on the DeepSeek sell-off in chip and energy stocks (German, paraphrased)",
    url="https://news.example.org/deepseek-selloff",
    published_at=PUBLISHED,
    language="de",
    publisher="German news report",
)
NOTES = {"XNAS": "America/New_York", "XETR": "Europe/Berlin", "XTKS": "Asia/Tokyo"}


def prices(symbol: str) -> pd.DataFrame:
    """The snapshot's rows of one symbol."""
    return read_price_csv(SHIPPED_SNAPSHOT / "prices" / f"{symbol}.csv")


def value(symbol: str, day: str, field: str) -> float:
    """One price from the snapshot."""
    return float(prices(symbol).loc[pd.Timestamp(day), field])


def change(base: float, end: float) -> float:
    """Percent change, rounded as the checker reports it."""
    return round((end / base - 1) * 100, 2)


def _num(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def path(symbol: str, first: str, last: str, base: str, window: tuple[str, ...]) -> tuple[PathRow, ...]:
    """Snapshot rows from ``first`` to ``last`` with their roles around the window."""
    frame = prices(symbol).loc[pd.Timestamp(first) : pd.Timestamp(last)]
    rows = []
    for ts, row in frame.iterrows():
        day = ts.date()
        role = "base" if day.isoformat() == base else "window" if day.isoformat() in window else "context"
        rows.append(PathRow(day, _num(row.open), _num(row.high), _num(row.low), _num(row.close), role))
    return tuple(rows)


def _claim(**kw: object) -> Claim:
    base = {"source_url": ARTICLE.url, "published_at": PUBLISHED}
    return Claim.model_validate({**base, **kw})


def _verdict(claim: Claim, symbol: str, mic: str, currency: str, **kw: object) -> Verdict:
    defaults = {
        "claim_id": claim.id,
        "symbol": symbol,
        "exchange": mic,
        "currency": currency,
        "source": "snapshot",
        "retrieved_at": RETRIEVED,
        "provenance": f"PROVENANCE.md (prices/{symbol}.csv)",
    }
    return Verdict(**{**defaults, **kw})  # type: ignore[arg-type]


def nvda_plunge() -> tuple[Claim, Verdict]:
    """Nvidia −17 % on 27 Jan 2025: close 142.62 → 118.42 = −16.97 %."""
    claim = _claim(
        id="nvda-monday-plunge",
        text="Nvidia's share price at first plunged 17 % on Monday.",
        subject="Nvidia",
        instrument="NVDA",
        metric="close_change",
        sessions=["2025-01-27"],
        direction="down",
        value=17,
    )
    base, end, low = (
        value("NVDA", "2025-01-24", "close"),
        value("NVDA", "2025-01-27", "close"),
        value("NVDA", "2025-01-27", "low"),
    )
    measured = change(base, end)
    return claim, _verdict(
        claim,
        "NVDA",
        "XNAS",
        "USD",
        label=Label.CORRECT,
        explanation=f"NVDA closed at {end} on 2025-01-27 against {base} on 2025-01-24, a change of {measured} %.",
        measured=measured,
        unit="%",
        claimed="−17 % → [16.5, 17.5)",
        interval=(16.5, 17.5),
        basis="close",
        price_field="close",
        base_session=date(2025, 1, 24),
        end_session=date(2025, 1, 27),
        sessions_note="sessions 2025-01-27 (XNAS, America/New_York); base: close of 2025-01-24",
        evidence=(
            EvidenceRow(date(2025, 1, 24), "base", "close", base, "USD"),
            EvidenceRow(date(2025, 1, 27), "end", "close", end, "USD"),
        ),
        alternatives=(Alternative("intraday low", change(base, low), False, key="intraday_pct"),),
        path=path("NVDA", "2025-01-21", "2025-01-29", "2025-01-24", ("2025-01-27",)),
        timezone="America/New_York",
        start_session=date(2025, 1, 27),
        reading=Reading(base, end, measured, change(base, low), low, None, None),
    )


def nvda_rebound() -> tuple[Claim, Verdict]:
    """Nvidia +5–6 % on 28 Jan: close 118.42 → 128.99 = +8.93 %."""
    claim = _claim(
        id="nvda-tuesday-rebound",
        text="On Tuesday Nvidia rebounded by plus five to six percent.",
        subject="Nvidia",
        instrument="NVDA",
        metric="close_change",
        sessions=["2025-01-28"],
        direction="up",
        range=[5, 6],
    )
    base, end = value("NVDA", "2025-01-27", "close"), value("NVDA", "2025-01-28", "close")
    measured = change(base, end)
    return claim, _verdict(
        claim,
        "NVDA",
        "XNAS",
        "USD",
        label=Label.INCORRECT,
        explanation=f"NVDA closed at {end} on 2025-01-28 against {base} the session before: {measured} %, above 5–6 %.",
        measured=measured,
        unit="%",
        claimed="+5–6 % → [5, 6]",
        interval=(5.0, 6.0),
        basis="close",
        price_field="close",
        base_session=date(2025, 1, 27),
        end_session=date(2025, 1, 28),
        sessions_note="sessions 2025-01-28 (XNAS, America/New_York); base: close of 2025-01-27",
        evidence=(
            EvidenceRow(date(2025, 1, 27), "base", "close", base, "USD"),
            EvidenceRow(date(2025, 1, 28), "end", "close", end, "USD"),
        ),
        path=path("NVDA", "2025-01-22", "2025-01-30", "2025-01-27", ("2025-01-28",)),
        timezone="America/New_York",
        start_session=date(2025, 1, 28),
        reading=Reading(base, end, measured, None, None, None, None),
    )


def nvda_market_value() -> tuple[Claim, Verdict]:
    """Nvidia at times lost over €563 bn: 24.49 bn shares × (142.62 − 116.70), at the ECB rate of 27 Jan."""
    claim = _claim(
        id="nvda-market-value-at-times",
        text="Nvidia at times lost more than 563 billion euros of market value on Monday.",
        subject="Nvidia",
        instrument="NVDA",
        metric="market_cap_change",
        sessions=["2025-01-27"],
        direction="down",
        value=563,
        unit="money",
        currency="EUR",
        scale="billion",
        hedge="zeitweise über",
    )
    base, low = value("NVDA", "2025-01-24", "close"), value("NVDA", "2025-01-27", "low")
    shares = SnapshotSharesSource().shares("NVDA", date(2025, 1, 27))
    fx = EcbFxSource().rate("EUR", "USD", date(2025, 1, 27))
    measured = round(shares.shares * (low - base) / fx.rate / 1e9, 1)
    listing = round(shares.shares * (low - base) / 1e9, 1)  # USD: no conversion
    close_based = round(shares.shares * (value("NVDA", "2025-01-27", "close") - base) / fx.rate / 1e9, 1)
    return claim, _verdict(
        claim,
        "NVDA",
        "XNAS",
        "USD",
        label=Label.CORRECT,
        explanation=f"At the intraday low of {low} USD against the previous close of {base} USD, "
        f"{shares.shares / 1e9:.2f} bn shares lost {-measured} bn EUR at {fx.rate} USD per EUR.",
        measured=measured,
        unit="bn EUR",
        claimed="> 563 bn EUR → (563, ∞)",
        interval=(563.0, math.inf),
        basis="intraday",
        price_field="intraday low",
        base_session=date(2025, 1, 24),
        end_session=date(2025, 1, 27),
        sessions_note="sessions 2025-01-27 (XNAS, America/New_York); base: close of 2025-01-24",
        evidence=(
            EvidenceRow(date(2025, 1, 24), "base", "close", base, "USD"),
            EvidenceRow(date(2025, 1, 27), "extreme", "low", low, "USD"),
        ),
        alternatives=(
            Alternative("close instead of intraday low", close_based, -close_based > 563, key="money_close"),
            Alternative(
                "the listing currency instead of the claimed one", listing, -listing > 563, key="money_intraday_listing"
            ),
        ),
        path=path("NVDA", "2025-01-21", "2025-01-29", "2025-01-24", ("2025-01-27",)),
        fx=f"1 EUR = {fx.rate:.4f} USD, {fx.description}",
        shares=f"{shares.shares / 1e9:.2f} bn shares (as of {shares.as_of}, NVIDIA 10-Q)",
        timezone="America/New_York",
        start_session=date(2025, 1, 27),
        fx_rate=FxRate(fx.base, fx.quote, fx.rate, fx.on, "ecb", fx.source),
        share_count=ShareCount(shares.shares, shares.as_of, "NVIDIA 10-Q"),
        reading=Reading(base, None, None, None, low, listing, shares.shares),
    )


def siemens_energy() -> tuple[Claim, Verdict]:
    """Siemens Energy −18 % on 27 Jan (Xetra): close 60.36 → 48.32 = −19.95 %."""
    claim = _claim(
        id="siemens-energy-monday",
        text="Siemens Energy shares lost 18 % on Monday in Xetra trading.",
        subject="Siemens Energy",
        instrument="ENR.DE",
        metric="close_change",
        sessions=["2025-01-27"],
        direction="down",
        value=18,
    )
    base, end, low = (
        value("ENR.DE", d, f) for d, f in (("2025-01-24", "close"), ("2025-01-27", "close"), ("2025-01-27", "low"))
    )
    measured = change(base, end)
    stale = ExpectationResult(
        "session_rows_complete",
        "expect_column_values_to_not_be_null",
        "warning",
        False,
        ("open", "high", "low"),
        (date(2025, 1, 24),),
        "the 24 Jan row has a close only",
    )
    return claim, _verdict(
        claim,
        "ENR.DE",
        "XETR",
        "EUR",
        label=Label.MOSTLY_CORRECT,
        explanation=f"ENR.DE closed at {end} on 2025-01-27 against {base} on 2025-01-24: {measured} %, "
        "a little beyond the 18 % claimed.",
        measured=measured,
        unit="%",
        claimed="−18 % → [17.5, 18.5)",
        interval=(17.5, 18.5),
        basis="close",
        price_field="close",
        base_session=date(2025, 1, 24),
        end_session=date(2025, 1, 27),
        sessions_note="sessions 2025-01-27 (XETR, Europe/Berlin); base: close of 2025-01-24",
        evidence=(
            EvidenceRow(date(2025, 1, 24), "base", "close", base, "EUR"),
            EvidenceRow(date(2025, 1, 27), "end", "close", end, "EUR"),
        ),
        alternatives=(Alternative("intraday low", change(base, low), False, key="intraday_pct"),),
        path=path("ENR.DE", "2025-01-22", "2025-01-29", "2025-01-24", ("2025-01-27",)),
        quality_warnings=(stale,),
        timezone="Europe/Berlin",
        start_session=date(2025, 1, 27),
        reading=Reading(base, end, measured, change(base, low), low, None, None),
    )


CLOSE_NULL = ExpectationResult(
    "close_not_null",
    "expect_column_values_to_not_be_null",
    "critical",
    False,
    ("close",),
    (date(2025, 1, 20), date(2025, 1, 21)),
    "2 of 6 closes are null",
)


def siemens_unverifiable() -> tuple[Claim, Verdict]:
    """A claim on 21 Jan 2025, when the snapshot's ENR.DE closes of 20 and 21 Jan are unknown (empty)."""
    claim = _claim(
        id="siemens-energy-tuesday-21",
        text="Siemens Energy rose 3 % on Tuesday 21 January.",
        subject="Siemens Energy",
        instrument="ENR.DE",
        metric="close_change",
        sessions=["2025-01-21"],
        direction="up",
        value=3,
    )
    return claim, _verdict(
        claim,
        "ENR.DE",
        "XETR",
        "EUR",
        label=Label.UNVERIFIABLE,
        explanation="The closes of 2025-01-20 and 2025-01-21 are missing, so the move cannot be measured.",
        measured=None,
        unit="%",
        claimed="+3 % → [2.5, 3.5)",
        interval=(2.5, 3.5),
        basis="close",
        price_field="close",
        base_session=date(2025, 1, 20),
        end_session=date(2025, 1, 21),
        sessions_note="sessions 2025-01-21 (XETR, Europe/Berlin); base: close of 2025-01-20",
        reason="critical expectation close_not_null failed on 2025-01-20, 2025-01-21",
        path=path("ENR.DE", "2025-01-16", "2025-01-23", "2025-01-20", ("2025-01-21",)),
        quality_failures=(CLOSE_NULL,),
    )


def build_run(pairs: list[tuple[Claim, Verdict]], run_id: str = "20250129T080000-seed", **kw: object) -> RunReport:
    """A RunReport around hand-built verdicts, with the snapshot's provenance."""
    defaults = {
        "run_id": run_id,
        "started_at": datetime(2025, 1, 29, 8, 0, tzinfo=UTC),
        "finished_at": datetime(2025, 1, 29, 8, 0, 12, tzinfo=UTC),
        "claims_file": "examples/deepseek-2025-01.yaml",
        "article": ARTICLE,
        "claims": tuple(c for c, _ in pairs),
        "verdicts": tuple(v for _, v in pairs),
        "validations": (
            ValidationOutcome(
                "NVDA",
                "prices",
                (
                    ExpectationResult(
                        "close_not_null", "expect_column_values_to_not_be_null", "critical", True, ("close",)
                    ),
                ),
                data_docs="gx/NVDA/index.html",
            ),
            ValidationOutcome("ENR.DE", "prices", (CLOSE_NULL,), data_docs="gx/ENR.DE/index.html"),
        ),
        "sources": (
            DataSourceInfo("snapshot", "offline snapshot", RETRIEVED, "market/data/PROVENANCE.md"),
            DataSourceInfo(
                "ECB euro reference rate", "offline snapshot", RETRIEVED, "market/data/fx/ECB_reference_rates.csv"
            ),
        ),
        "versions": {"python": "3.11", "pandas": pd.__version__, "great_expectations": "1.24.1"},
    }
    return RunReport(**{**defaults, **kw})  # type: ignore[arg-type]


def seed_pairs() -> list[tuple[Claim, Verdict]]:
    """The five report fixtures: 3 pass, 1 fail, 1 unverifiable."""
    return [nvda_plunge(), nvda_rebound(), nvda_market_value(), siemens_energy(), siemens_unverifiable()]


@pytest.fixture(scope="session")
def seed_run() -> RunReport:
    """The five fixtures in one run."""
    return build_run(seed_pairs())


@pytest.fixture(scope="session")
def seed_html(seed_run: RunReport) -> dict[str, str]:
    """The seed run's report page in each language (rendered once: charts take a few tenths of a second)."""
    from marketfact.reports import render_html

    return {lang: render_html(seed_run, lang) for lang in ("en", "de")}


HOSTILE = {
    "text": '</style><script>window.__pwned=1</script>"\'><img src=x onerror="window.__pwned=2">',
    "subject": '<script>alert("subject")</script>',
    "title": "</title></script><script>window.__pwned=3</script>",
    "quote": "</blockquote><svg onload=alert(4)>",
    "explanation": '<iframe src="javascript:alert(5)"></iframe> & "quoted"',
}
"""Free text that tries to break out of every context it lands in."""


def hostile_run() -> RunReport:
    """A run whose every free-text field and URL is hostile (HTML, script ends, javascript: links)."""
    claim, verdict = nvda_plunge()
    claim = claim.model_copy(
        update={
            "text": HOSTILE["text"],
            "subject": HOSTILE["subject"],
            "quote": HOSTILE["quote"],
            "source_url": "javascript:alert(6)",
        }
    )
    verdict = replace(
        verdict,
        explanation=HOSTILE["explanation"],
        fx="<b onmouseover=alert(7)>1 EUR</b>",
        provenance="</style><style>body{display:none}</style>",
        warnings=("<script>alert(8)</script>",),
    )
    article = ARTICLE.model_copy(update={"title": HOSTILE["title"], "url": " JaVaScRiPt:alert(9)"})
    bad_docs = ValidationOutcome("NVDA", "prices", data_docs="javascript:alert(10)")
    return build_run([(claim, verdict)], article=article, validations=(bad_docs,))


def many(counts: dict[str, int], **kw: object) -> RunReport:
    """A large run: ``counts[label]`` claims of each label, the seed cases repeated under new ids, shuffled."""
    pairs = seed_pairs()
    built = []
    for label, count in counts.items():
        for _ in range(count):
            claim, verdict = pairs[len(built) % len(pairs)]
            cid = f"{claim.id}-{len(built)}"
            built.append((claim.model_copy(update={"id": cid}), replace(verdict, claim_id=cid, label=Label(label))))
    random.Random(4).shuffle(built)  # labels mixed, as in a real run: a digest page must regroup them
    return build_run(built, **kw)


class Cases:
    """The hand-built claims and verdicts, for tests that compose runs of their own."""

    nvda_plunge = staticmethod(nvda_plunge)
    nvda_rebound = staticmethod(nvda_rebound)
    nvda_market_value = staticmethod(nvda_market_value)
    siemens_energy = staticmethod(siemens_energy)
    siemens_unverifiable = staticmethod(siemens_unverifiable)
    seed_pairs = staticmethod(seed_pairs)
    build_run = staticmethod(build_run)
    prices = staticmethod(prices)
    value = staticmethod(value)
    hostile_run = staticmethod(hostile_run)
    many = staticmethod(many)
    HOSTILE = HOSTILE


@pytest.fixture(scope="session")
def cases() -> type[Cases]:
    """The builders above (tests must not import conftest)."""
    return Cases
