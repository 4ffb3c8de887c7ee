"""The self-contained HTML report: one file, inline CSS and SVG, no script but JSON-LD, no network.

A run of more than ``reports.digest.MAX_CLAIM_CARDS`` claims gets a digest page instead of a card per claim.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from marketfact.checks.runreport import RunReport
from marketfact.reports.context import build_context
from marketfact.reports.digest import MAX_CLAIM_CARDS
from marketfact.reports.i18n import Formatter, check_lang

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def environment() -> Environment:
    """The Jinja2 environment: autoescape on for every template, undefined names are errors."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template here is HTML; input text must never become markup
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


@functools.cache
def stylesheet() -> str:
    """The report's CSS, inlined into every page so that the file stands alone."""
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def render_html(run: RunReport, lang: str = "en", *, charts: bool = True, max_cards: int = MAX_CLAIM_CARDS) -> str:
    """The report page of ``run`` in ``lang`` ("en" or "de"); ``charts=False`` omits the per-claim charts.

    A run of more than ``max_cards`` claims gets a digest page: the claims that are not CORRECT, at most
    ``max_cards`` of them, and what is left out (``reports.digest``).
    """
    return "".join(html_pieces(run, lang, charts=charts, max_cards=max_cards))


def html_pieces(
    run: RunReport, lang: str = "en", *, charts: bool = True, max_cards: int = MAX_CLAIM_CARDS
) -> Iterator[str]:
    """``render_html``'s page in pieces, to be written as they come: the same text, never held whole.

    The page's context (its cards, charts and sentences) is built here, before the first piece: a bad
    language fails on the call. A digest page of 2 000 cards is ≈31 MB of text, ≈60 MB as one Python
    string and ≈190 MB at the peak of joining it (100 000 SYNTHETIC claims, tracemalloc).
    """
    context = build_context(run, Formatter(check_lang(lang)), stylesheet(), charts, max_cards=max_cards)
    return _batched(environment().get_template("report.html").generate(r=context))


def _batched(pieces: Iterator[str], size: int = 4096) -> Iterator[str]:
    """Jinja's many small pieces joined a few thousand at a time (fewer writes, little memory)."""
    while batch := list(itertools.islice(pieces, size)):
        yield "".join(batch)
