"""The index page: every past run in an output folder, newest first, with its counts and a link.

It is rebuilt from the ``<out>/<run_id>/report.json`` files on each write, so it never drifts from the
reports it lists and needs no database. A folder whose report.json cannot be read is skipped (and named
in ``IndexContext.skipped``) rather than breaking the page for every other run.

Only the head of each report.json is read: a 1 000-claim report is about 13 MB, and parsing every past
run in full made each new run's index cost grow with the folder's history.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from marketfact.reports.html import environment, stylesheet
from marketfact.reports.i18n import LANGS, Formatter, check_lang
from marketfact.reports.words import WORDS


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
    incomplete: bool = False  # stopped before its report and history were all written (``INCOMPLETE``)
    article: str = ""  # the article a check-article run read (its file name, and its title when known)


@dataclass(frozen=True, slots=True)
class IndexContext:
    """The context of ``index.html``."""

    lang: str
    w: dict[str, str]
    runs: tuple[RunEntry, ...]
    skipped: tuple[str, ...]
    css: Markup


_HEAD_END = b'\n  "validations": '
"""Where the run's own facts end in a report.json as ``jsonreport.dumps`` writes it: the first top-level
key after ``run`` and ``counts``. Two-space indentation marks it as top level, and JSON strings cannot
hold a raw newline, so no value can fake it."""
_CHUNK = 1 << 16


def read_head(path: Path) -> dict[str, Any]:
    """The top-level keys of a report.json before its validations and claims (run, article, counts).

    Reads only as far as the marker; a file written another way (no marker, or a head that is not JSON)
    is parsed in full, so any valid report still gives its entry.
    """
    buffer = bytearray()
    with path.open("rb") as handle:
        while block := handle.read(_CHUNK):
            start = max(0, len(buffer) - len(_HEAD_END) + 1)  # a marker may straddle two reads
            buffer += block
            found = buffer.find(_HEAD_END, start)
            if found >= 0:
                head = _parse_head(bytes(buffer[:found]))
                if head is not None:
                    return head
                break
        buffer += handle.read()
    data: dict[str, Any] = json.loads(buffer.decode("utf-8"))
    return data


def _parse_head(text: bytes) -> dict[str, Any] | None:
    """The object the head bytes open, closed after its last complete key; None if that is not a head."""
    try:
        data = json.loads(text.rstrip().removesuffix(b",").decode("utf-8") + "\n}")
    except ValueError:
        return None
    return data if isinstance(data, dict) and "run" in data and "counts" in data else None


INCOMPLETE = ".incomplete"
"""A run folder holding this file is a run that has not finished writing everything (its report, the verdict
history): the flow creates it before the first file and removes it after the last. A run stopped in
between (killed, a full disk) keeps it, and the index marks that run incomplete."""


def _entry(path: Path, fmt: Formatter) -> RunEntry:
    data = read_head(path)
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
        incomplete=(path.parent / INCOMPLETE).exists() or not (path.parent / "report.html").is_file(),
        article=_article(run, data.get("article")),
    )


def _article(run: dict[str, Any], article: Any) -> str:
    """How the index names a check-article run: the article's file, with its title when it has one."""
    origin = run.get("article_file")
    if not origin:
        return ""
    title = article.get("title") if isinstance(article, dict) else None
    name = Path(str(origin)).name
    return f"{title} ({name})" if title else name


_LANG = re.compile(rb'<html lang="([a-z]{2})"')


def index_lang(out_dir: Path) -> str:
    """The language the folder's index page is already in ("en" for a new folder).

    The index lists runs in any language; it keeps its own language (``marketfact index --lang``) instead
    of taking the language of whichever run wrote last.
    """
    try:
        with (Path(out_dir) / "index.html").open("rb") as handle:
            found = _LANG.search(handle.read(512))
    except OSError:
        return "en"
    lang = found.group(1).decode() if found else "en"
    return lang if lang in LANGS else "en"


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
