"""Charts: static SVG from Altair + vl-convert, marking base and evidence, drawing the claim against the move."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest

from marketfact.reports.chartdata import signed_interval
from marketfact.reports.charts import BAND_COLOUR, verdict_chart
from marketfact.reports.i18n import MINUS, Formatter


def texts(svg: str) -> list[str]:
    """The SVG's text elements."""
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>.*?</text>", svg, re.S)]


@pytest.fixture(scope="module")
def plunge_svgs(cases: Any) -> dict[str, str]:
    """The NVDA −17 % chart in both languages."""
    claim, verdict = cases.nvda_plunge()
    return {lang: verdict_chart(verdict, claim, Formatter(lang), f"c-{lang}") for lang in ("en", "de")}  # type: ignore[misc]


def test_marks_base_evidence_sessions_and_the_claim(plunge_svgs: dict[str, str]) -> None:
    words = texts(plunge_svgs["en"])
    assert "base $142.62" in words  # the dashed base line, labelled with its close
    assert {"base", "end"} <= set(words)  # evidence markers
    assert {"Jan 24", "Jan 27"} <= set(words)  # sessions on the axis, not calendar days
    assert not {"Jan 25", "Jan 26"} & set(words)  # the weekend is no session
    assert {"claimed", "measured", "the intraday extreme instead of the close"} <= set(words)
    assert f'fill="{BAND_COLOUR}"' in plunge_svgs["en"]  # the claimed interval is drawn


def test_german_chart_words_and_numbers(plunge_svgs: dict[str, str]) -> None:
    words = texts(plunge_svgs["de"])
    assert "Basis 142,62\u00a0$" in words
    assert "27. Jan." in words
    assert {"behauptet", "gemessen", "Ende"} <= set(words)
    ticks = [w for w in words if re.fullmatch(rf"[{MINUS}-]?\d+,\d", w)]
    assert ticks, "the percent axis uses a decimal comma"
    assert all(not t.startswith("-") for t in ticks)  # d3 prints a real minus sign


def test_svg_is_static_and_fetches_nothing(plunge_svgs: dict[str, str]) -> None:
    svg = plunge_svgs["en"]
    assert svg.startswith("<svg ")
    assert 'role="img"' in svg
    assert 'id="c-en"' in svg
    assert "<script" not in svg
    assert "<foreignObject" not in svg
    assert [r for r in re.findall(r'(?:href|src)="([^"]*)"', svg) if not r.startswith("#")] == []
    assert "url(http" not in svg
    assert "@import" not in svg
    assert all(i.startswith("c-en") for i in re.findall(r'\bid="([^"]+)"', svg))


def test_missing_closes_break_the_line_and_say_so(cases: Any) -> None:
    claim, verdict = cases.siemens_unverifiable()
    words = texts(verdict_chart(verdict, claim, Formatter("en"), "gap") or "")
    assert words.count("no data") == 2  # 20 and 21 Jan 2025 have no close in the snapshot
    assert {"Jan 20", "Jan 21"} <= set(words)


def test_money_claim_charts_the_amount(cases: Any) -> None:
    claim, verdict = cases.nvda_market_value()
    svg = verdict_chart(verdict, claim, Formatter("en"), "money") or ""
    words = texts(svg)
    assert "change (bn EUR)" in words
    assert "low" in words  # the intraday low is the evidence marker
    assert "the close instead of the intraday extreme" in words
    assert "the listing currency instead of the claimed one" not in words  # USD has no place on a EUR axis
    german = texts(verdict_chart(verdict, claim, Formatter("de"), "geld") or "")
    assert "Veränderung (Mrd. EUR)" in german
    assert "Tagestief" in german


def test_no_chart_without_anything_to_draw(cases: Any) -> None:
    claim, verdict = cases.siemens_unverifiable()
    bare = replace(verdict, path=(), interval=None, alternatives=())
    assert verdict_chart(bare, claim, Formatter("en"), "none") is None


def test_signed_interval_follows_the_direction(cases: Any) -> None:
    down_claim, down = cases.nvda_plunge()
    band = signed_interval(down, down_claim)
    assert (band.lo, band.hi) == (-17.5, -16.5)
    up_claim, up = cases.nvda_rebound()
    band = signed_interval(up, up_claim)
    assert (band.lo, band.hi) == (5.0, 6.0)


def test_renderer_refuses_to_fetch() -> None:
    from marketfact.reports.charts import _to_svg

    remote = {"data": {"url": "https://example.org/prices.csv"}, "mark": "point"}
    with pytest.raises(ValueError, match="not allowed"):
        _to_svg(remote, Formatter("en"))


@pytest.mark.parametrize("claim_id", ["spx-closed-at", "nvda-as-low-as"])
def test_a_level_draws_its_claimed_band_on_the_price_path(snapshot: Any, claim_id: str) -> None:
    """#17: a close or the day's low stated in points or the listing currency is drawn where it was claimed."""
    from pathlib import Path

    from marketfact.checks.run import run_in_process
    from marketfact.claims.load import load_claims
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

    example = load_claims(Path(__file__).resolve().parents[2] / "examples" / "kinds-2025-01.yaml")
    claims = example.model_copy(update={"claims": [c for c in example.claims if c.id == claim_id]})
    report = run_in_process(claims, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource())
    svg = verdict_chart(report.verdicts[0], claims.claims[0], Formatter("en"), "c-level")
    assert svg is not None
    assert f'fill="{BAND_COLOUR}"' in svg
    assert "claimed" in texts(svg)


def _example_chart(snapshot: Any, claim_id: str, lang: str = "en") -> tuple[Any, str | None]:
    """The verdict and chart of one claim of examples/kinds-2025-01.yaml, checked on the snapshot."""
    from pathlib import Path

    from marketfact.checks.run import run_in_process
    from marketfact.claims.load import load_claims
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

    example = load_claims(Path(__file__).resolve().parents[2] / "examples" / "kinds-2025-01.yaml")
    claims = example.model_copy(update={"claims": [c for c in example.claims if c.id == claim_id]})
    report = run_in_process(claims, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource())
    verdict = report.verdicts[0]
    return verdict, verdict_chart(verdict, claims.claims[0], Formatter(lang), "c-record")


def _y_ticks(svg: str) -> list[float]:
    return [float(t.replace(",", "")) for t in texts(svg) if re.fullmatch(r"[\d,]+", t)]


@pytest.mark.parametrize(("claim_id", "lang", "words"), [
    ("nvda-lowest-close-since", "en", {"history", "claimed", "history extreme", "level (USD)"}),
    ("schneider-lowest-wrong-day", "de", {"Historie", "behauptet", "Stand (EUR)"}),
    ("advantest-biggest-fall", "en", {"history", "claimed", "base · history extreme", "change (%)"}),
])  # fmt: skip
def test_a_record_shows_its_history_window_extreme_and_claimed_band(
    snapshot: Any, claim_id: str, lang: str, words: set[str]
) -> None:
    """#17: a record's chart shades the sessions it is compared with, marks their extreme and draws the claim.

    A lowest close's claimed band is a close (at or below the earlier lowest, 131.76 for Nvidia); a biggest
    fall's earlier extreme is a percent, marked at that session's close on the price axis (Advantest's −8.61 %
    on 27 Jan, also the base), so the price axis stays in prices."""
    verdict, svg = _example_chart(snapshot, claim_id, lang)
    assert svg is not None
    assert words <= set(texts(svg))
    assert f'fill="{BAND_COLOUR}"' in svg
    assert verdict.kind_reading is not None
    assert verdict.kind_reading.history_first is not None
    if claim_id == "advantest-biggest-fall":
        ticks = _y_ticks(svg)
        assert min(ticks) >= 7000, ticks  # no percent plotted as a price of ¥−8.6


def test_an_unmeasured_record_draws_no_claimed_band(snapshot: Any) -> None:
    """A record whose history the snapshot lacks has no interval (NaN): no band, not a band from NaN."""
    verdict, svg = _example_chart(snapshot, "nvda-biggest-fall-since-2020")
    assert verdict.outcome == "unverifiable"
    assert svg is not None
    assert f'fill="{BAND_COLOUR}"' not in svg
    assert "claimed" not in texts(svg)
    assert signed_interval(verdict, None) is None  # type: ignore[arg-type]
