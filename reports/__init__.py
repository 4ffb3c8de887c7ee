"""Reports of a run: self-contained HTML for people, JSON for machines, ClaimReview JSON-LD, an index.

The one input is a ``checks.runreport.RunReport``; nothing here touches the network or Prefect.
``write_reports`` writes ``<out>/<run_id>/report.html`` and ``report.json`` and rebuilds ``<out>/index.html``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from marketfact.checks.runreport import RunReport
from marketfact.files import atomic_write
from marketfact.reports.claimreview import claim_review
from marketfact.reports.columnar import write_columnar
from marketfact.reports.digest import MAX_CLAIM_CARDS
from marketfact.reports.gate import FAIL_ON_CHOICES, exit_code_for
from marketfact.reports.html import html_pieces, render_html
from marketfact.reports.index import INCOMPLETE, render_index
from marketfact.reports.index import index_lang as index_lang_of
from marketfact.reports.jsonreport import report_json, report_text
from marketfact.reports.quality import PAGE as QUALITY_PAGE
from marketfact.reports.quality import quality_pieces

__all__ = [
    "FAIL_ON_CHOICES",
    "MAX_CLAIM_CARDS",
    "ReportPaths",
    "claim_review",
    "exit_code_for",
    "finish_run",
    "html_pieces",
    "mark_incomplete",
    "render_html",
    "report_json",
    "write_index",
    "write_reports",
]

_SAFE_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


@dataclass(frozen=True)
class ReportPaths:
    """Where ``write_reports`` put the run's files (no slots: ``vars(paths)`` gives them by name)."""

    directory: Path
    html: Path
    json: Path
    index: Path

    def as_dict(self) -> dict[str, str]:
        """The paths as strings, by kind: directory, html, json, index."""
        return {name: str(path) for name, path in vars(self).items()}


def _write_atomically(path: Path, text: str | Iterable[str]) -> None:
    """Write ``text`` (one string, or pieces written as they come) to ``path`` through a temporary file.

    A reader (a browser, the index scan of a concurrent run) never sees a half-written file, and a
    failure while the pieces are produced leaves the previous file in place. The file gets the mode the
    user's umask gives (0644 under 022), like any file a program creates (``marketfact.files``).
    """
    atomic_write(path, text)


def mark_incomplete(directory: Path) -> None:
    """Mark a run's folder as being written (``reports.index.INCOMPLETE``), creating it if need be."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / INCOMPLETE).touch()


def finish_run(directory: Path, out_dir: Path, index_lang: str | None = None, *, complete: bool = True) -> Path:
    """Rewrite the index that lists the run; when the run is written everywhere (``complete``), drop its mark
    first, else the index shows it as incomplete. Returns the index's path. The index keeps its own language
    (``index_lang``, else the one it is already in: ``marketfact index --lang``), not the run's."""
    if complete:
        (directory / INCOMPLETE).unlink(missing_ok=True)
    index = Path(out_dir) / "index.html"
    _write_atomically(index, render_index(Path(out_dir), index_lang or index_lang_of(Path(out_dir))))
    return index


def write_index(out_dir: Path, lang: str = "en") -> Path:
    """(Re)write ``out_dir/index.html`` in ``lang``; later runs keep that language for it."""
    path = Path(out_dir) / "index.html"
    _write_atomically(path, render_index(Path(out_dir), lang))
    return path


def write_reports(
    run: RunReport,
    out_dir: Path,
    lang: str = "en",
    *,
    charts: bool = True,
    max_cards: int = MAX_CLAIM_CARDS,
    index: bool = True,
    index_lang: str | None = None,
) -> ReportPaths:
    """Write the run's HTML and JSON reports under ``out_dir/run_id`` and refresh ``out_dir/index.html``.

    Charts are the costly part (docs/performance.md); ``charts=False`` leaves them out of very large runs. The
    JSON holds every claim and is written one claim at a time; the HTML of a run of more than ``max_cards`` claims is
    a digest (``reports.digest``), so memory stays bounded whatever the run's size. ``index=False`` leaves
    the index to ``finish_run``, once the run is written everywhere. The index keeps its
    own language (``index_lang``, else the one it is already in), not the run's.
    """
    if not _SAFE_RUN_ID.match(run.run_id):
        raise ValueError(f"run id {run.run_id!r} cannot name a folder: use letters, digits, '.', '_' or '-'")
    # Rendered first: a bad language fails before anything is written.
    html = html_pieces(run, lang, charts=charts, max_cards=max_cards)  # written as they come
    directory = Path(out_dir) / run.run_id
    directory.mkdir(parents=True, exist_ok=True)
    paths = ReportPaths(directory, directory / "report.html", directory / "report.json", Path(out_dir) / "index.html")
    # The HTML first: the index lists a folder by its report.json, so a run stopped between the two (a full
    # disk) is never listed with a report that is not there.
    write_columnar(run, directory)  # a large run's every verdict: verdicts.parquet (reports.columnar)
    _write_atomically(paths.html, html)
    if run.validations:  # the data-quality page the report links to, next to it (reports.quality)
        _write_atomically(directory / QUALITY_PAGE, quality_pieces(run, lang))
    _write_atomically(paths.json, report_text(run, max_cards))  # streamed: one claim's entry in memory at a time
    if index:
        _write_atomically(paths.index, render_index(Path(out_dir), index_lang or index_lang_of(Path(out_dir))))
    return paths
