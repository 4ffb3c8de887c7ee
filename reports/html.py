"""The self-contained HTML report: one file, inline CSS and SVG, no script but JSON-LD, no network."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from checks.runreport import RunReport
from reports.context import build_context
from reports.i18n import Formatter, check_lang

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


def render_html(run: RunReport, lang: str = "en", *, charts: bool = True) -> str:
    """The report page of ``run`` in ``lang`` ("en" or "de"); ``charts=False`` omits the per-claim charts."""
    context = build_context(run, Formatter(check_lang(lang)), stylesheet(), charts)
    return environment().get_template("report.html").render(r=context)
