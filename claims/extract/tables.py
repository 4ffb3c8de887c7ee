"""A table written in the text, one row per line with its cells between pipes ("Company | Reported | Reaction session
| Move | Close", or Markdown's "| … |" with its "|---|" line): each row below the header is a sentence of its own
(``claims.extract.sentences``) and each cell a clause of it, and the header says what a cell holds. A day column
("Reaction session", "First session after", "Date", "Handelstag") is the day of the row's numbers: a date under
another header ("Reported", "Results released") is not; a close column ("Close", "Closing price", "Schlusskurs")
makes a price or level in it the close. Both languages (a table's layout is no matter of language).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass

from marketfact.claims.extract import rules
from marketfact.claims.extract.sentenceview import SentenceView
from marketfact.claims.numbers import Quantity

SESSION_HEADERS = rules.word_set("session sessions trading traded handelstag börsentag sitzung")
"""Words of a header that names the session of the row's numbers; they win over a mere date column."""
DAY_HEADERS = rules.word_set("day date tag datum")
CLOSE_HEADERS = rules.word_set("close closing schluss schlusskurs schlussstand")

_SEPARATOR = re.compile(r"[\s|:\-–—]*")
"""Markdown's line under the header: "|---|:---:|"."""


@dataclass(frozen=True)
class Cell:
    """One cell of a table row: its offsets in the article (the text between its pipes, trimmed) and the lower-case
    words of its column's header."""

    start: int
    end: int
    header: frozenset[str]


def is_row(line: str) -> bool:
    """Whether a line is a table row: two pipes or more."""
    return line.count("|") >= 2


def cells(text: str, pos: int) -> list[Cell]:
    """The cells of the row below a table's header whose line holds offset ``pos``, each with its header's words;
    [] for a line that is no such row (prose, the header itself, or a row with another number of cells)."""
    lines = _lines_around(text, pos)
    start = text.rfind("\n", 0, pos) + 1
    if len(lines) < 2 or lines[-1][0] != start:
        return []  # no row, the header itself, or Markdown's separator line
    head, here = lines[0], lines[-1]
    header = _split(text, *head)
    row = _split(text, *here)
    if len(header) != len(row):
        return []
    words = [frozenset(w.lower() for w in re.findall(r"\w+", text[a:b])) for a, b in header]
    return [Cell(a, b, w) for (a, b), w in zip(row, words, strict=True)]


def _lines_around(text: str, pos: int) -> list[tuple[int, int]]:
    """The table's lines from its header down to the line holding ``pos`` (separator lines left out)."""
    start = text.rfind("\n", 0, pos) + 1
    out: list[tuple[int, int]] = []
    while True:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if not is_row(line):
            break
        if not _SEPARATOR.fullmatch(line):
            out.insert(0, (start, end))
        if start == 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
    return out


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The trimmed cells of one line; a pipe at the line's start or end opens or closes no cell."""
    line = text[start:end]
    bounds = [-1] + [i for i, ch in enumerate(line) if ch == "|"] + [len(line)]
    out = []
    for k, (a, b) in enumerate(itertools.pairwise(bounds)):
        piece = line[a + 1 : b]
        if not piece.strip() and k in (0, len(bounds) - 2):
            continue
        lead = len(piece) - len(piece.lstrip())
        out.append((start + a + 1 + lead, start + a + 1 + len(piece.rstrip())))
    return out


def row_view(view: SentenceView, text: str) -> SentenceView:
    """``view`` of a table row read by its cells: a clause each, its first cell naming whom the row is about, and
    only the dates of its day column (when it has one) as the periods of its numbers."""
    row = cells(text, view.sentence.start)
    if not row:
        return view
    pipes = [i for i in range(view.sentence.start, view.sentence.end) if text[i] == "|"]
    days = [c for c in row if c.header & SESSION_HEADERS] or [c for c in row if c.header & DAY_HEADERS]
    periods = [p for p in view.periods if not days or any(c.start <= p.start < c.end for c in days)]
    closes = [(c.start, c.end) for c in row if c.header & CLOSE_HEADERS]
    breaks = sorted({*view.breaks, *pipes})
    label = (row[0].start, row[0].end)
    return dataclasses.replace(view, breaks=breaks, periods=periods, close_cells=closes, label=label)


def in_close_column(view: SentenceView, q: Quantity) -> bool:
    """Whether ``q`` stands in a table cell under a header that names a close ("Close", "Closing price")."""
    return any(a <= q.span[0] < b for a, b in view.close_cells)
