"""One claim's section of the report: its typed view and how a verdict and its claim become one.

Every number, date and word is formatted here in the report's language; the only markup is our own
(the chart's SVG and the escaped JSON-LD).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from marketfact.checks.runreport import RunReport
from marketfact.checks.verdicts import Verdict
from marketfact.claims.model import PRICE_UNITS, Claim
from marketfact.reports import sentences
from marketfact.reports.chartdata import signed_interval
from marketfact.reports.charts import verdict_chart
from marketfact.reports.claimreview import anchor, claim_review
from marketfact.reports.i18n import Formatter
from marketfact.reports.kindsentences import record_words
from marketfact.reports.paraphrase import claim_text
from marketfact.reports.reasontext import note_text
from marketfact.reports.safety import json_for_script, safe_href
from marketfact.reports.units import alternative_currency
from marketfact.reports.validationview import (
    ExpectationView,
    Link,
    ValidationView,
    expectation_view,
    validation_view,
    validations_by_symbol,
)


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """One price a verdict rests on, formatted."""

    session: str
    session_iso: str
    role: str
    field: str
    value: str
    currency: str


@dataclass(frozen=True, slots=True)
class AlternativeView:
    """The claim measured on another basis."""

    basis: str
    measured: str
    admits: bool
    admits_text: str


@dataclass(frozen=True, slots=True)
class ClaimView:
    """Everything one claim's section shows."""

    anchor: str
    id: str
    text: str
    subject: str
    quote: str | None
    label: str  # CORRECT …, the badge's CSS class and data-label
    label_text: str
    outcome: str  # pass / fail / unverifiable
    outcome_text: str
    explanation: str
    reason: str | None
    claimed_stated: str  # the number as the claim gives it, in the report's locale
    claimed_notation: str  # the checker's notation: "−17 % → [16.5, 17.5)"
    claimed_interval: str
    measured: str
    price_field: str
    sessions: str  # "Jan 24, 2025 → Jan 27, 2025"
    sessions_note: str
    exchange: str
    timezone: str
    currency: str
    evidence: tuple[EvidenceView, ...]
    alternatives: tuple[AlternativeView, ...]
    failures: tuple[ExpectationView, ...]
    quality_warnings: tuple[ExpectationView, ...]
    validations: tuple[ValidationView, ...]
    notes: tuple[str, ...]
    fx: str | None
    shares: str | None
    claim_source: Link | None
    published: str
    data_source: str
    retrieved: str
    provenance: str
    chart_svg: Markup | None
    jsonld: Markup


def amount(
    value: float | None,
    verdict: Verdict,
    claim: Claim,
    fmt: Formatter,
    *,
    plus: bool = True,
    currency: str | None = None,
) -> str:
    """A measured or claimed value in the verdict's unit: percent, or money in the claim's (or ``currency``)."""
    plus = plus and not claim.is_level  # a level is a price, not a move: no sign
    if verdict.unit.strip() == "%" or (claim.unit == "percent" and claim.record is None):
        return fmt.percent(value, plus=plus)
    if verdict.unit.strip() == "points":  # an index level or a move in index points
        return f"{fmt.decimal(value, digits=max(claim.precision, 2), plus=plus)} {fmt.word('points')}"
    if claim.metric in PRICE_UNITS or claim.record is not None:  # a price in the listing currency
        return fmt.money(value, currency or verdict.currency, plus=plus)
    scaled = None if value is None else value * claim.scale_factor
    return fmt.big_money(scaled, currency or claim.currency, plus=plus)


def _stated(claim: Claim, verdict: Verdict, fmt: Formatter) -> str:
    sign = claim.value_sign
    if claim.range is not None:
        lo, hi = (amount(sign * v, verdict, claim, fmt) for v in claim.range)
        text = f"{lo} … {hi}"
    elif claim.record is not None:
        text = record_words(claim, fmt)
    else:
        value = sign * (claim.value or 0.0)
        if claim.unit == "percent":
            text = fmt.percent(value, digits=claim.precision)
        else:
            text = amount(value, verdict, claim, fmt)
    return sentences.stated(claim, fmt, text)


def _interval(claim: Claim, verdict: Verdict, fmt: Formatter) -> str:
    band = signed_interval(verdict, claim)
    if band is None:
        return "–"
    ends = (band.lo, band.hi) if claim.value_sign > 0 else (band.hi, band.lo)
    texts = [amount(v, verdict, claim, fmt) if abs(v) != float("inf") else fmt.word("unbounded") for v in ends]
    return f"{texts[0]} … {texts[1]}"


def _zone(verdict: Verdict, fmt: Formatter) -> str:
    """The exchange's time zone, named: "America/New_York (New York)"."""
    if not verdict.timezone:
        return "–"
    return f"{verdict.timezone} ({sentences.zone_city(verdict.timezone, fmt.lang)})"


def _currency(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """The listing currency and the claim's, when they differ ("USD → EUR"); an index's points have none."""
    if verdict.instrument_kind == "index" and claim.unit != "money":  # an index level is in points, no currency
        return fmt.word("index_points")
    return " → ".join(dict.fromkeys(c for c in (verdict.currency, claim.currency) if c)) or "–"


def _evidence(verdict: Verdict, fmt: Formatter) -> tuple[EvidenceView, ...]:
    """The prices the verdict rests on, formatted (an index's points carry no currency)."""
    return tuple(
        EvidenceView(
            fmt.day(e.session),
            e.session.isoformat(),
            fmt.word(e.role),
            fmt.word(e.field),
            sentences.price(e.value, e.currency, fmt, verdict.instrument_kind),
            "–" if verdict.instrument_kind == "index" else e.currency,
        )
        for e in verdict.evidence
    )


def _alternatives(verdict: Verdict, claim: Claim, fmt: Formatter) -> tuple[AlternativeView, ...]:
    """The claim measured on the other bases, each in its own currency, and whether it admits the claim."""
    return tuple(
        AlternativeView(
            sentences.basis_text(a.key, fmt, a.basis),
            amount(a.measured, verdict, claim, fmt, currency=alternative_currency(a, verdict, claim)),
            a.admits,
            fmt.word("yes" if a.admits else "no"),
        )
        for a in verdict.alternatives
    )


def claim_view(
    run: RunReport,
    verdict: Verdict,
    fmt: Formatter,
    index: int,
    charts: bool = True,
    *,
    claim: Claim | None = None,
    validations: Mapping[str, tuple[ValidationView, ...]] | None = None,
) -> ClaimView:
    """One claim's section, formatted in ``fmt``'s language (``charts=False`` skips the SVG).

    ``claim`` and ``validations`` (``validations_by_symbol``) save the look-ups when rendering many claims.
    """
    claim = claim if claim is not None else run.claim(verdict.claim_id)
    if validations is None:
        views = tuple(validation_view(v, fmt, i) for i, v in enumerate(run.validations))
        validations = validations_by_symbol(run, views)
    svg = verdict_chart(verdict, claim, fmt, chart_id=f"chart{index}") if charts else None
    source_url = claim.source_url
    return ClaimView(
        anchor=anchor(claim.id),
        id=claim.id,
        text=claim_text(claim, fmt),
        subject=claim.subject,
        quote=claim.quote,
        label=verdict.label.value,
        label_text=fmt.word(f"label_{verdict.label.value}"),
        outcome=verdict.outcome,
        outcome_text=fmt.word(verdict.outcome),
        explanation=sentences.explanation(verdict, claim, fmt),
        reason=sentences.reasons_text(verdict, fmt) or None,
        claimed_stated=_stated(claim, verdict, fmt),
        claimed_notation=sentences.claimed_notation(verdict, claim, fmt),
        claimed_interval=_interval(claim, verdict, fmt),
        measured=amount(verdict.measured, verdict, claim, fmt),
        price_field=fmt.word(verdict.price_field) if verdict.price_field else "–",
        sessions=" → ".join(fmt.day(d) for d in (verdict.base_session, verdict.end_session) if d) or "–",
        sessions_note=sentences.sessions_note(verdict, fmt),
        exchange=verdict.exchange or "–",
        timezone=_zone(verdict, fmt),
        currency=_currency(verdict, claim, fmt),
        evidence=_evidence(verdict, fmt),
        alternatives=_alternatives(verdict, claim, fmt),
        failures=tuple(expectation_view(r, fmt) for r in verdict.quality_failures),
        quality_warnings=tuple(expectation_view(r, fmt) for r in verdict.quality_warnings),
        validations=validations.get(verdict.symbol, ()) if verdict.symbol else (),
        notes=tuple(note_text(n, fmt) for n in verdict.warnings),
        fx=sentences.fx_text(verdict, fmt),
        shares=sentences.shares_text(verdict, fmt),
        claim_source=Link(source_url, safe_href(source_url)) if source_url else None,
        published=fmt.local_moment(claim.published_at),
        data_source=fmt.word(verdict.source) if verdict.source else "–",
        retrieved=fmt.moment(verdict.retrieved_at),
        provenance=verdict.provenance,
        chart_svg=Markup(svg) if svg else None,
        jsonld=json_for_script(claim_review(run, verdict, fmt.lang, claim=claim)),
    )
