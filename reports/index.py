"""The index page: every past run in an output folder, newest first, with its counts and a link.

It is rebuilt from the ``<out>/<run_id>/report.json`` files on each write, so it never drifts from the
reports it lists and needs no database. A folder whose report.json cannot be read is skipped (and named
in ``IndexContext.skipped``) rather than breaking the page for every other run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from reports.html import environment, stylesheet
from reports.i18n import WORDS, Formatter, check_lang


@dataclass(frozen=True, slots=True)
class RunEntry:
    """One past run as the index lists it."""

    run_id: str
    href: str  # relative link to its report.html
    started: str
    started_at: datetime | None
    claims_file: str
    synthetic: bool
    counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class IndexContext:
    """The context of ``index.html``."""

    lang: str
    w: dict[str, str]
    runs: tuple[RunEntry, ...]
    skipped: tuple[str, ...]
    css: Markup


def _entry(path: Path, fmt: Formatter) -> RunEntry:
    data = json.loads(path.read_text(encoding="utf-8"))
    run = data["run"]
    started_at = datetime.fromisoformat(run["started_at"])
    folder = path.parent.name
    return RunEntry(
        run_id=str(run["run_id"]),
        href=f"{quote(folder)}/report.html",
        started=fmt.moment(started_at),
        started_at=started_at,
        claims_file=str(run.get("claims_file", "")),
        synthetic=bool(run.get("synthetic", False)),
        counts={k: int(data["counts"][k]) for k in ("total", "pass", "fail", "unverifiable")},
    )


def scan_runs(out_dir: Path, lang: str = "en") -> IndexContext:
    """Read every ``out_dir/*/report.json`` into index entries, newest first."""
    fmt = Formatter(check_lang(lang))
    entries: list[RunEntry] = []
    skipped: list[str] = []
    for path in sorted(Path(out_dir).glob("*/report.json")):
        try:
            entries.append(_entry(path, fmt))
        except (OSError, ValueError, KeyError, TypeError):
            skipped.append(path.parent.name)
    entries.sort(key=lambda e: (e.started_at.timestamp() if e.started_at else 0.0, e.run_id), reverse=True)
    return IndexContext(fmt.lang, WORDS[fmt.lang], tuple(entries), tuple(skipped), Markup(stylesheet()))


def render_index(out_dir: Path, lang: str = "en") -> str:
    """The index page of ``out_dir``."""
    return environment().get_template("index.html").render(r=scan_runs(out_dir, lang))
