"""The typed context the HTML templates read, built once from a ``RunReport``.

Templates never reach into ``RunReport`` or format anything themselves: every number, date and word
arrives here already in the report's language, every link is already vetted (``href`` is None when the
address is not http(s)), and the only pre-built markup is our own (chart SVG, escaped JSON-LD, CSS).
Everything else is plain text that Jinja2 escapes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from marketfact.checks.quality.outcome import ExpectationResult, ValidationOutcome
from marketfact.checks.runreport import RunReport
from marketfact.checks.verdicts import Verdict
from marketfact.claims.model import PRICE_UNITS, Claim
from marketfact.reports import sentences
from marketfact.reports.article import ArticleSectionView, article_section
from marketfact.reports.chartdata import signed_interval
from marketfact.reports.charts import MAX_CHARTED_CLAIMS, verdict_chart
from marketfact.reports.claimreview import anchor, claim_review
from marketfact.reports.digest import MAX_CLAIM_CARDS, DigestView, PassedSuite, digest, select_cards, split_validations
from marketfact.reports.i18n import WORDS, Formatter
from marketfact.reports.paraphrase import claim_text
from marketfact.reports.quality import PAGE as QUALITY_PAGE
from marketfact.reports.safety import json_for_script, safe_href
from marketfact.reports.units import alternative_currency


@dataclass(frozen=True, slots=True)
class Link:
    """A link's text and its vetted target (None: shown as text only)."""

    text: str
    href: str | None


@dataclass(frozen=True, slots=True)
class SourceView:
    """One data source of the run."""

    name: str
    mode: str
    retrieved: str
    detail: str


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
class ExpectationView:
    """One failed expectation, named as a person reads it."""

    name: str
    expectation: str
    severity: str
    where: str
    detail: str


@dataclass(frozen=True, slots=True)
class ValidationView:
    """One dataset's validation with its Data Docs link."""

    dataset: str
    suite: str
    success: bool
    result: str
    failures: tuple[ExpectationView, ...]
    warnings: tuple[ExpectationView, ...]
    data_docs: Link | None
    quality: Link | None = None  # the project's own data-quality page (reports.quality), at this dataset


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


@dataclass(frozen=True, slots=True)
class ArticleView:
    """Where the claims appeared."""

    title: str
    link: Link | None
    publisher: str
    published: str


@dataclass(frozen=True, slots=True)
class IndexGroup:
    """The summary table's claims of one verdict, folded in a ``<details>`` on a large page."""

    label: str
    label_text: str
    count_text: str
    open: bool
    claims: tuple[ClaimView, ...]


GROUP_FROM = 12
"""From this many claims on a page, the summary table is grouped by verdict (least favourable first)."""
GROUP_ORDER = ("INCORRECT", "MISLEADING", "UNVERIFIABLE", "MOSTLY_CORRECT", "CORRECT")


def index_groups(claims: tuple[ClaimView, ...], fmt: Formatter) -> tuple[IndexGroup, ...]:
    """The summary table by verdict, for pages of ``GROUP_FROM`` claims or more (else empty: one table)."""
    if len(claims) < GROUP_FROM:
        return ()
    groups = []
    for label in GROUP_ORDER:
        rows = tuple(c for c in claims if c.label == label)
        if rows:
            count = fmt.word("index_group_count").format(count=fmt.decimal(len(rows), digits=0))
            groups.append(IndexGroup(label, rows[0].label_text, count, label not in ("CORRECT",), rows))
    return tuple(groups)


@dataclass(frozen=True, slots=True)
class ReportContext:
    """The context of ``report.html``: the run's summary, provenance and a ``ClaimView`` per verdict shown.

    ``claims`` holds every verdict of a run of up to ``reports.digest.MAX_CLAIM_CARDS`` claims; for a larger
    run it holds those ``reports.digest.select_cards`` picks, and ``digest`` says what the page leaves out.
    """

    lang: str
    w: dict[str, str]  # the report's words in ``lang``
    title: str
    run_id: str
    started: str
    finished: str
    claims_file: str
    synthetic: bool
    counts: dict[str, int]
    article: ArticleView | None
    sources: tuple[SourceView, ...]
    versions: tuple[tuple[str, str], ...]
    validations: tuple[ValidationView, ...]
    claims: tuple[ClaimView, ...]
    css: Markup
    charts: bool = True  # False: the run was rendered without charts on purpose
    article_text: ArticleSectionView | None = None  # the article with its sentences marked (check-article runs)
    digest: DigestView | None = None  # None: every claim has its card
    passed_validations: tuple[PassedSuite, ...] = ()  # a digest's passed validations, counted per suite
    index_groups: tuple[IndexGroup, ...] = ()  # the summary table by verdict (empty: one flat table)
    charts_note: str = ""  # why the charts were left out (empty when they are drawn)


def _expectation(result: ExpectationResult, fmt: Formatter) -> ExpectationView:
    where, detail = sentences.where_text(result, fmt), sentences.detail_text(result, fmt)
    return ExpectationView(result.name, result.expectation, result.severity, where, detail)


def validation_view(outcome: ValidationOutcome, fmt: Formatter, index: int | None = None) -> ValidationView:
    """A validation as the report lists it; ``index`` is its place in the run (its data-quality anchor)."""
    docs = Link(fmt.word("data_docs"), safe_href(outcome.data_docs, allow_relative=True)) if outcome.data_docs else None
    return ValidationView(
        dataset=sentences.dataset_text(outcome.dataset, fmt),
        suite=outcome.suite,
        success=outcome.success,
        result=fmt.word("passed" if outcome.success else "failed"),
        failures=tuple(_expectation(r, fmt) for r in outcome.critical_failures()),
        warnings=tuple(_expectation(r, fmt) for r in outcome.warnings()),
        data_docs=docs,
        quality=Link(fmt.word("quality_page"), QUALITY_PAGE + ("" if index is None else f"#dataset-{index}")),
    )


def _names_in(dataset: str) -> set[str]:
    # Dataset names are free text ("NVDA", "prices NVDA"); a verdict owns those naming its symbol.
    return {dataset, *re.split(r"[\s:/,()\[\]]+", dataset)}


def validations_by_symbol(run: RunReport, views: tuple[ValidationView, ...]) -> dict[str, tuple[ValidationView, ...]]:
    """Per symbol, the views (``views[i]`` shows ``run.validations[i]``) of the datasets naming it, in order.

    Built once per report: matching every verdict against every dataset cost claims × datasets.
    """
    by_symbol: dict[str, list[ValidationView]] = {}
    for outcome, view in zip(run.validations, views, strict=True):
        for name in _names_in(outcome.dataset):
            by_symbol.setdefault(name, []).append(view)
    return {name: tuple(found) for name, found in by_symbol.items()}


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
        text = sentences.record_words(claim, fmt)
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
    sessions = " → ".join(fmt.day(d) for d in (verdict.base_session, verdict.end_session) if d) or "–"
    source_url = claim.source_url
    currency = " → ".join(dict.fromkeys(c for c in (verdict.currency, claim.currency) if c)) or "–"
    if verdict.instrument_kind == "index" and claim.unit != "money":  # an index level is in points, no currency
        currency = fmt.word("index_points")
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
        sessions=sessions,
        sessions_note=sentences.sessions_note(verdict, fmt),
        exchange=verdict.exchange or "–",
        timezone=_zone(verdict, fmt),
        currency=currency,
        evidence=tuple(
            EvidenceView(
                fmt.day(e.session),
                e.session.isoformat(),
                fmt.word(e.role),
                fmt.word(e.field),
                sentences.price(e.value, e.currency, fmt, verdict.instrument_kind),
                "–" if verdict.instrument_kind == "index" else e.currency,
            )
            for e in verdict.evidence
        ),
        alternatives=tuple(
            AlternativeView(
                sentences.basis_text(a.key, fmt, a.basis),
                amount(a.measured, verdict, claim, fmt, currency=alternative_currency(a, verdict, claim)),
                a.admits,
                fmt.word("yes" if a.admits else "no"),
            )
            for a in verdict.alternatives
        ),
        failures=tuple(_expectation(r, fmt) for r in verdict.quality_failures),
        quality_warnings=tuple(_expectation(r, fmt) for r in verdict.quality_warnings),
        validations=validations.get(verdict.symbol, ()) if verdict.symbol else (),
        notes=tuple(sentences.note_text(n, fmt) for n in verdict.warnings),
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


def build_context(
    run: RunReport, fmt: Formatter, css: str, charts: bool = True, *, max_cards: int = MAX_CLAIM_CARDS
) -> ReportContext:
    """The whole report's context; ``charts=False`` leaves out the charts (about 0.4 s each to render).

    A run of more than ``max_cards`` claims gets a digest page (``reports.digest``). Only the claims shown
    get a ``ClaimView``: a large run's context stays the size of one page.
    """
    shown = select_cards(run.verdicts, max_cards)
    views = tuple(validation_view(v, fmt, i) for i, v in enumerate(run.validations))
    by_symbol = validations_by_symbol(run, views)
    page_digest = digest(run.verdicts, shown, fmt, max_cards)
    listed, passed = (views, ()) if page_digest is None else split_validations(views, fmt)
    claims = run.claims_by_id()
    article = run.article
    article_view = None
    if article is not None:
        article_view = ArticleView(
            title=article.title or "–",
            link=Link(article.url, safe_href(article.url)) if article.url else None,
            publisher=article.publisher or "–",
            published=fmt.local_moment(article.published_at),
        )
    claim_views = tuple(
        claim_view(run, v, fmt, i, charts, claim=claims[v.claim_id], validations=by_symbol) for i, v in enumerate(shown)
    )
    charts_note = ""
    if not charts:
        charts_note = fmt.word("charts_off").format(
            total=fmt.decimal(len(run.verdicts), digits=0), limit=fmt.decimal(MAX_CHARTED_CLAIMS, digits=0)
        )
    return ReportContext(
        lang=fmt.lang,
        w=WORDS[fmt.lang],
        title=f"{fmt.word('title')} {run.run_id}",
        run_id=run.run_id,
        started=fmt.moment(run.started_at),
        finished=fmt.moment(run.finished_at),
        claims_file=run.claims_file,
        synthetic=run.synthetic,
        counts=run.counts(),
        article=article_view,
        sources=tuple(
            SourceView(
                fmt.word(s.name), fmt.word(s.mode), fmt.moment(s.retrieved_at), sentences.source_detail(s.detail, fmt)
            ) for s in run.sources
        ),
        versions=tuple(sorted(run.versions.items())),
        validations=listed,
        claims=claim_views,
        css=Markup(css),
        charts=charts,
        article_text=article_section(run, fmt),
        digest=page_digest,
        passed_validations=passed,
        index_groups=index_groups(claim_views, fmt),
        charts_note=charts_note,
    )
