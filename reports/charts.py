"""Static SVG charts of a verdict: the price path around the window and the claimed interval vs the move.

Charts are declared with Altair and rendered to SVG by vl-convert in-process, so the report needs no
JavaScript and no network when it is viewed. vl-convert is told to fetch nothing (``allowed_base_urls``
empty) and every dataset is inline. No text from the claim file goes into a chart: its labels are the
report's own words, dates and numbers, so the SVG can be inlined without escaping concerns.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from marketfact.checks.verdicts import Verdict
from marketfact.claims.model import Claim, Metric
from marketfact.reports.i18n import Formatter
from marketfact.reports.sentences import basis_text, price
from marketfact.reports.units import alternative_currency

if TYPE_CHECKING:
    import altair as alt

OUTCOME_COLOURS = {"pass": "#1a7f37", "fail": "#c62828", "unverifiable": "#6e7781"}
ROLE_COLOURS = {"base": "#24292f", "window": "#0969da", "context": "#8c959f"}
BAND_COLOUR = "#f0a020"
HISTORY_COLOUR = "#d0d7de"
PRICE_FIELDS = frozenset({"close", "adj_close", "open", "low", "high"})
"""Evidence fields that are prices, drawn at their value on the price path."""
MAX_CHARTED_CLAIMS = 200
"""Runs of more claims get no charts; the report says so, and why (``flows.verify`` holds the same figure,
kept in step by tests/reports/test_reports_summary_table.py without the flow importing the reports)."""
PATH_WIDTH = 520
D3_LOCALES: dict[str, Any] = {"de": "de-DE", "en": "en-US"}  # vl-convert types the names as Literals


@dataclass(frozen=True, slots=True)
class Band:
    """The claimed interval, signed, in the units of one axis; an infinite end is open."""

    lo: float
    hi: float


def signed_interval(verdict: Verdict, claim: Claim) -> Band | None:
    """The claimed magnitudes turned into signed values in the claim's direction."""
    if verdict.interval is None:
        return None
    lo, hi = verdict.interval
    if math.isnan(lo) or math.isnan(hi):  # a record whose history could not be measured has no interval
        return None
    sign = claim.value_sign
    ends = sorted((sign * lo, sign * hi))
    return Band(ends[0], ends[1])


def _base_price(verdict: Verdict) -> float | None:
    base = next((e.value for e in verdict.evidence if e.role == "base"), None)
    if base is None:
        base = next((p.close for p in verdict.path if p.role == "base"), None)
    return base if base is not None and math.isfinite(base) and base > 0 else None


def _close_record(claim: Claim) -> bool:
    """A record of the lowest or highest close: its interval is a close, in the path's own unit."""
    return claim.metric == Metric.RECORD and claim.record is not None and claim.record.value.endswith("_close")


def _price_level(claim: Claim, verdict: Verdict) -> bool:
    """A close or the day's low/high stated in index points or in the listing currency: the path's own unit."""
    if _close_record(claim):
        return True
    if claim.metric not in (Metric.CLOSE_LEVEL, Metric.INTRADAY_LEVEL):
        return False
    return claim.unit == "points" or (claim.unit == "money" and claim.currency == verdict.currency)


def _history_window(verdict: Verdict, label_of: dict[date, str]) -> tuple[str, str] | None:
    """A record's history on the path: its first session to the session before the one claimed (#17)."""
    reading, end = verdict.kind_reading, verdict.end_session
    if reading is None or reading.history_first is None or end is None:
        return None
    before = [s for s in label_of if reading.history_first <= s < end]
    return (label_of[min(before)], label_of[max(before)]) if before else None


def _clamp(value: float, lo: float, hi: float) -> float:
    return min(max(value, lo), hi)


def _finite(*values: object) -> list[float]:
    """The finite numbers among ``values`` (None, NaN and labels left out)."""
    return [float(v) for v in values if isinstance(v, int | float) and math.isfinite(v)]


def _path_chart(verdict: Verdict, claim: Claim, fmt: Formatter) -> alt.LayerChart | alt.FacetChart | None:
    import altair as alt

    rows = list(verdict.path)
    if sum(1 for p in rows if _finite(p.close)) < 2:
        return None
    labels = [fmt.short_date(p.session) for p in rows]
    if len(set(labels)) < len(labels):  # a path across years: the day alone is ambiguous
        labels = [fmt.day(p.session) for p in rows]
    label_of = {p.session: lab for p, lab in zip(rows, labels, strict=True)}
    points, missing, segment = [], [], 0
    for p in rows:
        if not _finite(p.close):
            missing.append({"x": label_of[p.session], "t": fmt.word("no_data")})
            segment += 1  # the line breaks at a session without a close instead of bridging it
            continue
        points.append(
            {
                "x": label_of[p.session],
                "close": p.close,
                "low": p.low if _finite(p.low) else p.close,
                "high": p.high if _finite(p.high) else p.close,
                "role": fmt.word(p.role),
                "role_key": p.role,
                "segment": segment,
            }
        )
    close_of = {p.session: float(p.close) for p in rows if p.close is not None and _finite(p.close)}
    # One marker per point ("base · history extreme", not two labels on one diamond). An extreme is labelled
    # by what it is (the day's low); base and end by their role. A record's earlier biggest move is a
    # percent, not a price: it is marked at that session's close (#17).
    merged: dict[tuple[str, float], str] = {}
    for e in verdict.evidence:
        value = e.value if e.field in PRICE_FIELDS else close_of.get(e.session, math.nan)
        if e.session not in label_of or not math.isfinite(value):
            continue
        key, tag = (label_of[e.session], value), fmt.word(e.field if e.role == "extreme" else e.role)
        merged[key] = f"{merged[key]} · {tag}" if key in merged else tag
    evidence = [{"x": x_, "value": v, "tag": t} for (x_, v), t in merged.items()]
    values = _finite(*(r["low"] for r in points), *(r["high"] for r in points))
    base = _base_price(verdict)
    band = signed_interval(verdict, claim)
    band_prices: list[float] = []
    if base is not None and band is not None and verdict.unit.strip() == "%":
        band_prices = [base * (1 + x / 100) for x in (band.lo, band.hi)]
        values += [max(p, 0.0) for p in band_prices if math.isfinite(p)]
    elif band is not None and _price_level(claim, verdict):
        band_prices = [band.lo, band.hi]  # a level's interval is in the chart's own unit (#17)
        values += [p for p in band_prices if math.isfinite(p) and p > 0]
    if base is not None:
        values.append(base)
    y_lo, y_hi = min(values), max(values)
    pad = (y_hi - y_lo) * 0.08 or abs(y_hi) * 0.05 or 1.0
    domain = [max(y_lo - pad, 0.0), y_hi + pad]
    # The domain is given, not only the sort: a record's history band (x to x2) would otherwise reorder it.
    x = alt.X(
        "x:O", sort=labels, scale=alt.Scale(domain=labels), title=fmt.word("session"), axis=alt.Axis(labelAngle=0)
    )
    index = verdict.instrument_kind == "index"  # an index level is in points, not in a currency
    unit = fmt.word("points") if index else verdict.currency or ""
    y_title = f"{fmt.word('price_axis')} ({unit}, {fmt.word(verdict.price_field or 'close')})"
    y_scale = alt.Scale(domain=domain, zero=False, nice=False)

    def yq(field: str) -> alt.Y:
        return alt.Y(field, scale=y_scale, title=y_title)

    y = yq("close:Q")
    layers: list[alt.Chart] = []
    history = _history_window(verdict, label_of)
    if history is not None:  # the sessions a record is compared with, shaded behind the path
        window = alt.Data(values=[{"x": history[0], "x2": history[1], "t": fmt.word("history_window")}])
        layers.append(
            alt.Chart(window)
            .mark_rect(color=HISTORY_COLOUR, opacity=0.35)
            .encode(x=x, x2="x2:O")  # from the first close of history to the close before the claimed one
        )
        layers.append(
            alt.Chart(window)
            .mark_text(align="left", baseline="top", dx=2, dy=3, color="#57606a", fontSize=11)
            .encode(x=x, y=alt.value(0), text="t:N")
        )
    if band_prices:
        lo_p, hi_p = (_clamp(p, *domain) if math.isfinite(p) else domain[p > 0] for p in band_prices)
        band_data = alt.Data(values=[{"y": min(lo_p, hi_p), "y2": max(lo_p, hi_p), "t": fmt.word("claimed_move")}])
        layers.append(alt.Chart(band_data).mark_rect(color=BAND_COLOUR, opacity=0.22).encode(y=yq("y:Q"), y2="y2:Q"))
        layers.append(
            alt.Chart(band_data)
            .mark_text(align="right", baseline="top", dx=-4, dy=3, color="#9a6700", fontSize=11)
            .encode(y=yq("y2:Q"), x=alt.value(PATH_WIDTH), text="t:N")
        )
    if base is not None:
        label = f"{fmt.word('base')} {price(base, verdict.currency, fmt, verdict.instrument_kind)}"
        base_data = alt.Data(values=[{"y": base, "t": label}])
        layers.append(alt.Chart(base_data).mark_rule(strokeDash=[4, 3], color="#57606a").encode(y=yq("y:Q")))
        layers.append(
            alt.Chart(base_data)
            .mark_text(align="left", baseline="bottom", dx=4, dy=-3, color="#57606a", fontSize=11)
            .encode(y=yq("y:Q"), x=alt.value(0), text="t:N")
        )
    path_data = alt.Data(values=points)
    layers.append(
        alt.Chart(path_data).mark_rule(color="#afb8c1", strokeWidth=2).encode(x=x, y=yq("low:Q"), y2="high:Q")
    )
    layers.append(alt.Chart(path_data).mark_line(color="#57606a").encode(x=x, y=y, detail="segment:N"))
    if missing:
        layers.append(
            alt.Chart(alt.Data(values=missing))
            .mark_text(angle=270, align="left", baseline="middle", color="#c62828", fontSize=11)
            .encode(x=x, y=alt.value(225), text="t:N")
        )
    role_keys = [k for k in ROLE_COLOURS if any(p["role_key"] == k for p in points)]
    layers.append(
        alt.Chart(path_data)
        .mark_point(filled=True, size=45)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "role:N",
                scale=alt.Scale(domain=[fmt.word(k) for k in role_keys], range=[ROLE_COLOURS[k] for k in role_keys]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
        )
    )
    if evidence:
        ev_data = alt.Data(values=evidence)
        colour = OUTCOME_COLOURS[verdict.outcome]
        layers.append(
            alt.Chart(ev_data)
            .mark_point(shape="diamond", size=160, filled=False, strokeWidth=2, color=colour)
            .encode(x=x, y=yq("value:Q"))
        )
        layers.append(
            alt.Chart(ev_data)
            .mark_text(align="left", dx=9, dy=-9, fontSize=11, color=colour)
            .encode(x=x, y=yq("value:Q"), text="tag:N")
        )
    return alt.layer(*layers, width=PATH_WIDTH, height=230)  # not .properties(): a copy and a schema check more


def _interval_chart(verdict: Verdict, claim: Claim, fmt: Formatter) -> alt.LayerChart | alt.FacetChart | None:
    import altair as alt

    band = signed_interval(verdict, claim)
    if verdict.measured is None and band is None:
        return None
    claimed_row, measured_row = fmt.word("claimed_move"), fmt.word("measured_move")
    points = []
    if verdict.measured is not None and math.isfinite(verdict.measured):
        points.append({"row": measured_row, "v": verdict.measured, "kind": "measured"})
    # Only alternatives in the claim's own unit share its axis (not the listing-currency amount).
    same_unit = [
        a
        for a in verdict.alternatives
        if math.isfinite(a.measured) and alternative_currency(a, verdict, claim) == claim.currency
    ]
    names = [basis_text(a.key, fmt, a.basis) for a in same_unit]
    points += [{"row": n, "v": a.measured, "kind": "alternative"} for n, a in zip(names, same_unit, strict=True)]
    seen = _finite(0.0, *(p["v"] for p in points), *((band.lo, band.hi) if band else ()))
    span = (max(seen) - min(seen)) or 1.0
    domain = [min(seen) - span * 0.12, max(seen) + span * 0.12]
    rows = [claimed_row, measured_row, *names]
    unit = "%" if verdict.unit.strip() == "%" else fmt.money_unit(claim.scale, claim.currency or verdict.unit)
    if verdict.instrument_kind == "index" and verdict.unit.strip() not in ("%", "sessions"):
        unit = fmt.word("points")
    # A level (or a record of the close) is where the price stood, not a change (#17).
    axis = "level_axis" if _price_level(claim, verdict) or claim.metric == Metric.MARKET_CAP_LEVEL else "move_axis"
    if verdict.unit.strip() == "sessions":  # a record of duration: sessions in a row
        unit, axis = fmt.word("sessions_unit"), "streak_axis"
    x = alt.X(
        "v:Q",
        scale=alt.Scale(domain=domain, nice=False),
        title=f"{fmt.word(axis)} ({unit})",
        axis=alt.Axis(format=",.1f" if unit == "%" else ",.0f", tickCount=6),
    )
    y = alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(labelLimit=320))
    layers: list[alt.Chart] = [
        alt.Chart(alt.Data(values=[{"v": 0.0}])).mark_rule(color="#8c959f").encode(x=x),
    ]
    if band is not None:
        lo, hi = (_clamp(v, *domain) for v in (band.lo, band.hi))
        layers.append(
            alt.Chart(alt.Data(values=[{"row": claimed_row, "v": lo, "v2": hi}]))
            .mark_bar(color=BAND_COLOUR, opacity=0.55, height=14)
            .encode(x=x, x2="v2:Q", y=y)
        )
    if points:
        colour = OUTCOME_COLOURS[verdict.outcome]
        layers.append(
            alt.Chart(alt.Data(values=points))
            .mark_point(filled=True, size=110)
            .encode(
                x=x,
                y=y,
                color=alt.Color(
                    "kind:N",
                    scale=alt.Scale(domain=["measured", "alternative"], range=[colour, "#8c959f"]),
                    legend=None,
                ),
            )
        )
    return alt.layer(*layers, width=PATH_WIDTH, height=max(2, len(rows)) * 26)


def _to_svg(spec: dict[str, Any], fmt: Formatter) -> str:
    import vl_convert as vlc

    spec.pop("$schema", None)  # a URL vl-convert does not need; keep the spec free of any address
    return str(
        vlc.vegalite_to_svg(
            spec,
            allowed_base_urls=[],  # nothing may be fetched while rendering
            format_locale=D3_LOCALES[fmt.lang],
            time_format_locale=D3_LOCALES[fmt.lang],
        )
    )


def _stack(specs: list[dict[str, Any]]) -> dict[str, Any]:
    """Stack panel specs vertically.

    Composed as plain Vega-Lite rather than with ``alt.vconcat``: Altair deep-copies every sub-chart when
    it merges their parameters, which cost more than the rendering itself.
    """
    datasets: dict[str, Any] = {}
    for spec in specs:
        datasets.update(spec.pop("datasets", {}))
        spec.pop("$schema", None)
        spec.pop("config", None)
    return {
        "vconcat": specs,
        "spacing": 18,
        "datasets": datasets,
        "resolve": {"scale": {"color": "independent"}},
        "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 11}},
    }


_ID = re.compile(r'\bid="([^"]+)"')


def _scope_ids(svg: str, prefix: str) -> str:
    """Prefix the SVG's ids so that several charts inlined in one page cannot resolve each other's."""
    ids = set(_ID.findall(svg))
    for ident in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{ident}"
        svg = svg.replace(f'id="{ident}"', f'id="{new}"').replace(f"url(#{ident})", f"url(#{new})")
        svg = svg.replace(f'href="#{ident}"', f'href="#{new}"')
    return svg


def verdict_chart(verdict: Verdict, claim: Claim, fmt: Formatter, chart_id: str) -> str | None:
    """The SVG (price path above, claimed interval vs measured move below) or None without data."""
    parts = [c for c in (_path_chart(verdict, claim, fmt), _interval_chart(verdict, claim, fmt)) if c is not None]
    if not parts:
        return None
    svg = _to_svg(_stack([p.to_dict(validate=False) for p in parts]), fmt)
    svg = svg[svg.index("<svg") :]
    svg = _scope_ids(svg, chart_id)
    label = escape(fmt.word("chart_alt"))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" id="{chart_id}" ', 1)
