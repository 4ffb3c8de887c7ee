"""What a report page shows of a large run: the claims a reader must see, and where the rest are.

A page of 100 000 claim cards is read by no one (and weighs half a gigabyte). A run of up to
``MAX_CLAIM_CARDS`` claims gets a card per claim, exactly as always. A larger run's page is a digest:
cards for claims that are not CORRECT, at most ``MAX_CLAIM_CARDS`` of them, the page shared evenly between
the four verdicts that are not CORRECT (so that a flood of INCORRECT claims does not hide every
UNVERIFIABLE one), the least favourable verdict first (``SEVERITY``) and in run order within a verdict.
The page says, per verdict, how many claims it leaves out, and that report.json, written next to it, holds
every one. Its list of validations names each failed dataset and counts the passed ones per suite.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from marketfact.checks.columnar import ShardedVerdicts, VerdictTable
from marketfact.checks.runreport import label_counts
from marketfact.checks.verdicts import Label, Verdict
from marketfact.reports.article import SEVERITY
from marketfact.reports.i18n import Formatter

if TYPE_CHECKING:
    from marketfact.reports.validationview import ValidationView

MAX_CLAIM_CARDS = 2000
"""Most claim cards on one page. A card without a chart is 4–12 kB of HTML (more when its symbol has many
validations), so a page stays within about 10–25 MB, which a browser opens in a few seconds, and renders
in about a second. Up to this many claims, every claim has its card; above it, the page is a digest."""


@dataclass(frozen=True, slots=True)
class DigestRow:
    """One verdict's claims: how many the run has and how many the page shows (formatted numbers)."""

    label: str
    label_text: str
    claims: str
    shown: str
    left_out: str


@dataclass(frozen=True, slots=True)
class DigestView:
    """What a large run's page shows and leaves out, said in the report's language."""

    total: int
    shown: int
    left_out: int
    intro: str  # "This run checked 100,000 claims, …"
    shown_text: str  # which claims have a card below
    left_out_text: str
    json_text: str  # where every claim is: report.json
    rows: tuple[DigestRow, ...]  # per verdict, in SEVERITY order


@dataclass(frozen=True, slots=True)
class PassedSuite:
    """The validations of one suite that passed, counted instead of listed (large runs)."""

    suite: str
    count: int
    text: str  # "18,070 datasets passed, …"
    data_docs: tuple[str, ...]  # their distinct, vetted Data Docs links


def even_shares(sizes: Sequence[int], limit: int) -> list[int]:
    """Split ``limit`` between groups of ``sizes`` as evenly as they allow; a small group's rest goes to others."""
    shares = [0] * len(sizes)
    remaining = min(limit, sum(sizes))
    open_groups = [i for i, size in enumerate(sizes) if size > 0]
    while remaining > 0:
        each = max(remaining // len(open_groups), 1)
        for i in list(open_groups):
            take = min(each, sizes[i] - shares[i], remaining)
            shares[i] += take
            remaining -= take
            if shares[i] == sizes[i]:
                open_groups.remove(i)
            if not remaining:
                break
    return shares


def select_cards(verdicts: Sequence[Verdict], limit: int = MAX_CLAIM_CARDS) -> tuple[Verdict, ...]:
    """The verdicts that get a card: all of them up to ``limit``, else an even share of each non-CORRECT verdict."""
    if isinstance(verdicts, ShardedVerdicts):  # the shards chose the page's cards
        return verdicts.shown[:limit]
    if len(verdicts) <= limit:
        return tuple(verdicts)
    labels = [label for label in SEVERITY if label != Label.CORRECT.value]
    if isinstance(verdicts, VerdictTable):  # a large run's table: choose by the label column, build only those
        at: dict[str, list[int]] = {label: [] for label in labels}
        for i, value in enumerate(verdicts.labels()):
            if value in at:
                at[value].append(i)
        shares = even_shares([len(at[label]) for label in labels], limit)
        return verdicts.take([i for label, share in zip(labels, shares, strict=True) for i in at[label][:share]])
    by_label: dict[str, list[Verdict]] = {label: [] for label in labels}
    for verdict in verdicts:
        if verdict.label is not Label.CORRECT:
            by_label[verdict.label.value].append(verdict)
    shares = even_shares([len(by_label[label]) for label in labels], limit)
    return tuple(v for label, share in zip(labels, shares, strict=True) for v in by_label[label][:share])


def digest(
    verdicts: Sequence[Verdict], shown: Sequence[Verdict], fmt: Formatter, limit: int = MAX_CLAIM_CARDS
) -> DigestView | None:
    """What the page of a run of ``verdicts`` says about the ``shown`` ones; None when it shows them all."""
    if len(verdicts) <= limit and not isinstance(verdicts, ShardedVerdicts):
        return None

    def number(n: int) -> str:
        return fmt.decimal(n, digits=0)

    counts = dict.fromkeys(SEVERITY, 0)
    counts.update(label_counts(verdicts))
    on_page = dict.fromkeys(SEVERITY, 0)
    for verdict in shown:
        on_page[verdict.label.value] += 1
    not_correct = len(verdicts) - counts[Label.CORRECT.value]
    if not shown:
        shown_text = fmt.word("digest_all_correct")
    elif len(shown) < not_correct:
        shown_text = fmt.word("digest_shown_some").format(shown=number(len(shown)), not_correct=number(not_correct))
    else:
        shown_text = fmt.word("digest_shown_all").format(shown=number(len(shown)))
    left_out = len(verdicts) - len(shown)
    rows = tuple(
        DigestRow(
            label,
            fmt.word(f"label_{label}"),
            number(counts[label]),
            number(on_page[label]),
            number(counts[label] - on_page[label]),
        )
        for label in SEVERITY
    )
    return DigestView(
        total=len(verdicts),
        shown=len(shown),
        left_out=left_out,
        intro=fmt.word("digest_intro").format(total=number(len(verdicts)), limit=number(limit)),
        shown_text=shown_text,
        left_out_text=fmt.word("digest_left_out").format(left_out=number(left_out)),
        json_text=fmt.word("digest_parquet" if isinstance(verdicts, VerdictTable | ShardedVerdicts) else "digest_json"),
        rows=rows,
    )


def split_validations(
    views: Sequence[ValidationView], fmt: Formatter
) -> tuple[tuple[ValidationView, ...], tuple[PassedSuite, ...]]:
    """The validations a large run's page lists one by one (those that failed) and the passed ones per suite.

    A large run validates a dataset per instrument for prices and for share counts (≈1 000 in a 100 000-claim
    benchmark run); a reader needs the failures by name and the rest as a count.
    """
    failed = tuple(v for v in views if not v.success)
    passed: dict[str, list[ValidationView]] = {}
    for view in views:
        if view.success:
            passed.setdefault(view.suite, []).append(view)
    suites = tuple(
        PassedSuite(
            suite,
            len(group),
            fmt.word("validations_passed").format(count=fmt.decimal(len(group), digits=0)),
            tuple(dict.fromkeys(v.data_docs.href for v in group if v.data_docs and v.data_docs.href)),
        )
        for suite, group in passed.items()
    )
    return failed, suites
