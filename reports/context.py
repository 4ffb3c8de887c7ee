"""The typed context the HTML templates read, built once from a ``RunReport``.

Templates never reach into ``RunReport`` or format anything themselves: every number, date and word
arrives here already in the report's language, every link is already vetted (``href`` is None when the
address is not http(s)), and the only pre-built markup is our own (chart SVG, escaped JSON-LD, CSS).
Everything else is plain text that Jinja2 escapes. Each claim's section is built by ``reports.claimview``, the
validations' views by ``reports.validationview``.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from marketfact.checks.runreport import RunReport
from marketfact.reports.article import ArticleSectionView, article_section
from marketfact.reports.charts import MAX_CHARTED_CLAIMS
from marketfact.reports.claimview import ClaimView, claim_view
from marketfact.reports.digest import MAX_CLAIM_CARDS, DigestView, PassedSuite, digest, select_cards, split_validations
from marketfact.reports.i18n import Formatter
from marketfact.reports.reasontext import source_detail
from marketfact.reports.safety import safe_href
from marketfact.reports.validationview import Link, ValidationView, validation_view, validations_by_symbol
from marketfact.reports.words import WORDS


@dataclass(frozen=True, slots=True)
class SourceView:
    """One data source of the run."""

    name: str
    mode: str
    retrieved: str
    detail: str


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
                fmt.word(s.name), fmt.word(s.mode), fmt.moment(s.retrieved_at), source_detail(s.detail, fmt)
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
