"""Static SVG charts of a verdict: the price path around the window and the claimed interval vs the move.

Charts are declared with Altair and rendered to SVG by vl-convert in-process, so the report needs no
JavaScript and no network when it is viewed. vl-convert is told to fetch nothing (``allowed_base_urls``
empty) and every dataset is inline. No text from the claim file goes into a chart: its labels are the
report's own words, dates and numbers, so the SVG can be inlined without escaping concerns.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from marketfact.checks.verdicts import Verdict
from marketfact.claims.model import Claim
from marketfact.reports.chartdata import (
    base_price,
    claimed_prices,
    evidence_marks,
    finite,
    history_window,
    interval_axis_title,
    interval_points,
    path_points,
    price_domain,
    session_labels,
    signed_interval,
)
from marketfact.reports.i18n import Formatter
from marketfact.reports.sentences import price

if TYPE_CHECKING:
    import altair as alt

    YAxis = Callable[[str], alt.Y]  # a y encoding of a field on the price axis

OUTCOME_COLOURS = {"pass": "#1a7f37", "fail": "#c62828", "unverifiable": "#6e7781"}
ROLE_COLOURS = {"base": "#24292f", "window": "#0969da", "context": "#8c959f"}
BAND_COLOUR = "#f0a020"
HISTORY_COLOUR = "#d0d7de"
MAX_CHARTED_CLAIMS = 200
"""Runs of more claims get no charts; the report says so, and why (``flows.verify`` holds the same figure,
kept in step by tests/reports/test_reports_summary_table.py without the flow importing the reports)."""
PATH_WIDTH = 520
D3_LOCALES: dict[str, Any] = {"de": "de-DE", "en": "en-US"}  # vl-convert types the names as Literals


def _clamp(value: float, lo: float, hi: float) -> float:
    return min(max(value, lo), hi)


def _history_layers(verdict: Verdict, label_of: dict[date, str], x: alt.X, fmt: Formatter) -> list[alt.Chart]:
    """A record's history shaded behind the path, named at its top."""
    import altair as alt

    history = history_window(verdict, label_of)
    if history is None:
        return []
    window = alt.Data(values=[{"x": history[0], "x2": history[1], "t": fmt.word("history_window")}])
    return [
        alt.Chart(window)
        .mark_rect(color=HISTORY_COLOUR, opacity=0.35)
        .encode(x=x, x2="x2:O"),  # from the first close of history to the close before the claimed one
        alt.Chart(window)
        .mark_text(align="left", baseline="top", dx=2, dy=3, color="#57606a", fontSize=11)
        .encode(x=x, y=alt.value(0), text="t:N"),
    ]


def _band_layers(band_prices: list[float], domain: list[float], yq: YAxis, fmt: Formatter) -> list[alt.Chart]:
    """The claimed interval as a band across the path (an open end at the axis' edge), named at its right."""
    import altair as alt

    if not band_prices:
        return []
    lo_p, hi_p = (_clamp(p, *domain) if math.isfinite(p) else domain[p > 0] for p in band_prices)
    band_data = alt.Data(values=[{"y": min(lo_p, hi_p), "y2": max(lo_p, hi_p), "t": fmt.word("claimed_move")}])
    return [
        alt.Chart(band_data).mark_rect(color=BAND_COLOUR, opacity=0.22).encode(y=yq("y:Q"), y2="y2:Q"),
        alt.Chart(band_data)
        .mark_text(align="right", baseline="top", dx=-4, dy=3, color="#9a6700", fontSize=11)
        .encode(y=yq("y2:Q"), x=alt.value(PATH_WIDTH), text="t:N"),
    ]


def _base_layers(base: float | None, verdict: Verdict, yq: YAxis, fmt: Formatter) -> list[alt.Chart]:
    """The base price as a dashed rule, labelled with its price."""
    import altair as alt

    if base is None:
        return []
    label = f"{fmt.word('base')} {price(base, verdict.currency, fmt, verdict.instrument_kind)}"
    base_data = alt.Data(values=[{"y": base, "t": label}])
    return [
        alt.Chart(base_data).mark_rule(strokeDash=[4, 3], color="#57606a").encode(y=yq("y:Q")),
        alt.Chart(base_data)
        .mark_text(align="left", baseline="bottom", dx=4, dy=-3, color="#57606a", fontSize=11)
        .encode(y=yq("y:Q"), x=alt.value(0), text="t:N"),
    ]


def _line_layers(
    points: list[dict[str, Any]], missing: list[dict[str, Any]], x: alt.X, yq: YAxis, fmt: Formatter
) -> list[alt.Chart]:
    """The path: each session's range, the line of closes, the sessions without data, a point per close by role."""
    import altair as alt

    path_data = alt.Data(values=points)
    y = yq("close:Q")
    layers = [
        alt.Chart(path_data).mark_rule(color="#afb8c1", strokeWidth=2).encode(x=x, y=yq("low:Q"), y2="high:Q"),
        alt.Chart(path_data).mark_line(color="#57606a").encode(x=x, y=y, detail="segment:N"),
    ]
    if missing:
        layers.append(
            alt.Chart(alt.Data(values=missing))
            .mark_text(angle=270, align="left", baseline="middle", color="#c62828", fontSize=11)
            .encode(x=x, y=alt.value(225), text="t:N")
        )
    role_keys = [k for k in ROLE_COLOURS if any(p["role_key"] == k for p in points)]
    roles = alt.Scale(domain=[fmt.word(k) for k in role_keys], range=[ROLE_COLOURS[k] for k in role_keys])
    colour = alt.Color("role:N", scale=roles, legend=alt.Legend(title=None, orient="bottom"))
    layers.append(alt.Chart(path_data).mark_point(filled=True, size=45).encode(x=x, y=y, color=colour))
    return layers


def _evidence_layers(evidence: list[dict[str, Any]], verdict: Verdict, x: alt.X, yq: YAxis) -> list[alt.Chart]:
    """The evidence as diamonds in the outcome's colour, each with its tags."""
    import altair as alt

    if not evidence:
        return []
    ev_data = alt.Data(values=evidence)
    colour = OUTCOME_COLOURS[verdict.outcome]
    return [
        alt.Chart(ev_data)
        .mark_point(shape="diamond", size=160, filled=False, strokeWidth=2, color=colour)
        .encode(x=x, y=yq("value:Q")),
        alt.Chart(ev_data)
        .mark_text(align="left", dx=9, dy=-9, fontSize=11, color=colour)
        .encode(x=x, y=yq("value:Q"), text="tag:N"),
    ]


def _path_chart(verdict: Verdict, claim: Claim, fmt: Formatter) -> alt.LayerChart | alt.FacetChart | None:
    """The price path around the window, with the base, the claimed band, the evidence and a record's history."""
    import altair as alt

    rows = list(verdict.path)
    if sum(1 for p in rows if finite(p.close)) < 2:
        return None
    label_of = session_labels(rows, fmt)
    labels = [label_of[p.session] for p in rows]
    points, missing = path_points(rows, label_of, fmt)
    base = base_price(verdict)
    band_prices, band_shown = claimed_prices(verdict, claim, base)
    shown = finite(*(r["low"] for r in points), *(r["high"] for r in points))
    domain = price_domain([*shown, *band_shown, *([base] if base is not None else [])])
    # The domain is given, not only the sort: a record's history band (x to x2) would otherwise reorder it.
    x = alt.X(
        "x:O", sort=labels, scale=alt.Scale(domain=labels), title=fmt.word("session"), axis=alt.Axis(labelAngle=0)
    )
    index = verdict.instrument_kind == "index"  # an index level is in points, not in a currency
    unit = fmt.word("points") if index else verdict.currency or ""
    y_title = f"{fmt.word('price_axis')} ({unit}, {fmt.word(verdict.price_field or 'close')})"
    yq = partial(alt.Y, scale=alt.Scale(domain=domain, zero=False, nice=False), title=y_title)
    layers = [
        *_history_layers(verdict, label_of, x, fmt),
        *_band_layers(band_prices, domain, yq, fmt),
        *_base_layers(base, verdict, yq, fmt),
        *_line_layers(points, missing, x, yq, fmt),
        *_evidence_layers(evidence_marks(verdict, label_of, fmt), verdict, x, yq),
    ]
    return alt.layer(*layers, width=PATH_WIDTH, height=230)  # not .properties(): a copy and a schema check more


def _interval_chart(verdict: Verdict, claim: Claim, fmt: Formatter) -> alt.LayerChart | alt.FacetChart | None:
    """The claimed interval as a bar against the measured move (and its alternatives) as points."""
    import altair as alt

    band = signed_interval(verdict, claim)
    if verdict.measured is None and band is None:
        return None
    claimed_row, measured_row = fmt.word("claimed_move"), fmt.word("measured_move")
    points, names = interval_points(verdict, claim, fmt)
    seen = finite(0.0, *(p["v"] for p in points), *((band.lo, band.hi) if band else ()))
    span = (max(seen) - min(seen)) or 1.0
    domain = [min(seen) - span * 0.12, max(seen) + span * 0.12]
    rows = [claimed_row, measured_row, *names]
    unit, title = interval_axis_title(verdict, claim, fmt)
    x = alt.X(
        "v:Q",
        scale=alt.Scale(domain=domain, nice=False),
        title=title,
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
        kinds = alt.Scale(domain=["measured", "alternative"], range=[colour, "#8c959f"])
        layers.append(
            alt.Chart(alt.Data(values=points))
            .mark_point(filled=True, size=110)
            .encode(x=x, y=y, color=alt.Color("kind:N", scale=kinds, legend=None))
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
