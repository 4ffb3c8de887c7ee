"""Sentences and tokens of an article, with character offsets into the text exactly as it was given.

Markdown markup (headings, emphasis, links, list bullets, code, tables, bare URLs) is blanked out with
spaces of the same length rather than removed, so every offset found in the masked text is also an
offset into the original: a report can mark the very characters a claim came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    # German
    "z.b", "bzw", "ca", "mrd", "mio", "bio", "tsd", "nr", "dr", "prof", "hr", "fr", "u.a", "vgl", "inkl",
    "zzgl", "st", "d.h", "v.a", "ggf", "usw", "evtl", "jh", "rd", "abs", "ggü", "mrz", "okt", "dez", "sog",
    # English
    "mr", "mrs", "ms", "jr", "sr", "e.g", "i.e", "vs", "approx", "est", "no", "a.m", "p.m", "u.s", "u.k",
    "sept", "oct", "nov", "dec", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "corp", "inc", "co", "ltd",
    "n.v", "s.a", "plc", "etc",
}  # fmt: skip
"""Words a full stop follows without ending a sentence (compared lowercased, without the last dot)."""

_CAN_END = {"corp", "inc", "co", "ltd", "n.v", "s.a", "plc", "etc", "mrd", "mio", "bio", "u.s", "u.k", "a.m", "p.m"}
"""Abbreviations that also end sentences: split there only when a usual sentence opener follows."""

_OPENERS = {
    "the", "a", "an", "it", "its", "this", "that", "these", "those", "on", "in", "at", "after", "but", "and",
    "meanwhile", "investors", "analysts", "shares", "die", "der", "das", "den", "dem", "ein", "eine", "es",
    "sie", "er", "am", "im", "auch", "nach", "bei", "mit", "zuvor", "insgesamt", "unterdessen",
    "anleger", "analysten", "dies", "diese", "dieser", "damit", "doch", "aber", "so", "zudem", "als",
}  # fmt: skip

_MONTH_WORDS = {
    "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: where it stands in the article and its text (markup blanked, spaces collapsed)."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Token:
    """A word, a number or one punctuation mark, with its offsets in the article."""

    text: str
    low: str
    start: int
    end: int
    kind: str  # "num", "word" or "punct"


_TOKEN = re.compile(r"(?P<num>\d+(?:[.,]\d+)*)|(?P<word>\w+(?:[-'’&]\w+)*)|(?P<punct>\S)")


def tokens(text: str, start: int, end: int) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    return [
        Token(m.group(), m.group().lower(), m.start(), m.end(), m.lastgroup or "punct")
        for m in _TOKEN.finditer(text, start, end)
    ]


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


_MD_PATTERNS = (
    re.compile(r"^```.*?^```[^\n]*$", re.M | re.S),  # fenced code: not prose
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),  # images
    re.compile(r"<[A-Za-z/!][^>\n]{0,200}>"),  # HTML tags
    re.compile(r"https?://\S+|www\.\S+"),  # bare URLs (after links, which keep their text)
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.M),  # horizontal rules
    re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$", re.M),  # table separator rows
)


def mask_markdown(text: str) -> str:
    """``text`` with Markdown markup replaced by spaces: same length, same offsets, same line breaks."""
    chars = list(text)
    for m in re.finditer(r"\[([^\]\n]*)\]\(([^)\n]*)\)", text):  # links keep their words
        _blank(chars, m.start(), m.start(1))
        _blank(chars, m.end(1), m.end())
    for pattern in _MD_PATTERNS:
        for m in pattern.finditer("".join(chars)):
            _blank(chars, m.start(), m.end())
    masked = "".join(chars)
    for m in re.finditer(r"^(\s{0,3})(#{1,6}\s|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)", masked, re.M):
        _blank(chars, m.start(2), m.end(2))
    masked = "".join(chars)
    rows = _table_rows(masked)
    for m in re.finditer(r"\*{1,3}|_{2,3}|(?<!\w)_(?=\w)|(?<=\w)_(?!\w)|\||~~", masked):
        if m.group() != "|" or not any(a <= m.start() < b for a, b in rows):  # a table's pipes part its cells
            _blank(chars, m.start(), m.end())
    return "".join(chars)


def _table_rows(masked: str) -> list[tuple[int, int]]:
    """(start, end) of every line that is a row of a table written in the text."""
    ends = [masked.find("\n", m.start()) for m in _ROW.finditer(masked)]
    return [(m.start(), e if e >= 0 else len(masked)) for m, e in zip(_ROW.finditer(masked), ends, strict=True)]


def _heading_lines(text: str) -> set[int]:
    """Start offsets of heading lines: they never run on into the next line."""
    return {m.start() for m in re.finditer(r"^\s{0,3}#{1,6}\s", text, re.M)}


def _item_lines(text: str) -> set[int]:
    """Start offsets of list items: each starts a block (a hard-wrapped item runs on to its next line)."""
    items = {m.start() for m in re.finditer(r"^\s{0,3}(?:[-*+]\s+|\d{1,3}[.)]\s+)", text, re.M)}
    return items | {m.start() for m in _ROW.finditer(text)}  # a table's row (claims.extract.tables) stands alone


_ROW = re.compile(r"^[^\n|]*\|[^\n|]*\|", re.M)
"""A line with two pipes or more: a row of a table written in the text."""


def _blocks(original: str, masked: str) -> list[tuple[int, int]]:
    """Paragraph-like blocks: split at blank lines, headings, list items and lines that end a sentence."""
    headings = _heading_lines(original)
    items = _item_lines(original)
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    pos = 0
    for line in masked.splitlines(keepends=True):
        line_start, line_end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        if not line.strip():
            if start is not None:
                blocks.append((start, line_start))
                start = None
            continue
        if (line_start in headings or line_start in items) and start is not None:
            blocks.append((start, line_start))
            start = None
        if start is None:
            start = line_start
        if line_start in headings:
            blocks.append((start, line_end))
            start = None
    if start is not None:
        blocks.append((start, len(masked)))
    return blocks


_END = re.compile(r"[.!?…]+[\"'”“»«)\]]*(?=\s)")


def _splits_here(masked: str, dot: int, after: int) -> bool:
    """Whether the terminator at ``dot`` ends a sentence, judged by the word before and the one after."""
    if masked[dot] != ".":
        return True
    before = re.search(r"([\w.&]+)$", masked[max(0, dot - 60) : dot])
    word = before.group(1).casefold().rstrip(".") if before else ""
    nxt = re.match(r"\s*([\"'“„»«(]?)(\w+)", masked[after : after + 80])
    if nxt is None:
        return True
    following = nxt.group(2)
    if following[0].islower():
        return False
    if re.fullmatch(r"\d{1,2}", word) and following.casefold() in _MONTH_WORDS:
        return False  # "am 27. Januar"
    if re.fullmatch(r"(?:\w\.)+\w?", word) or word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word):
        return word in _CAN_END and following.casefold() in _OPENERS
    return True


_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
_MONTH = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|januar|jänner|februar"
    r"|märz|mai|juni|juli|oktober|dezember|jan|feb|mar|mär|apr|jun|jul|aug|sept|sep|oct|okt|nov|dec|dez"
)
_DATE_LINE = re.compile(
    rf"^[ \t]*(?:\[\d{{1,2}}(?::\d{{2}}){{1,2}}\][ \t]*)?(?:(?:{_WEEKDAY}),?[ \t]+)?"
    rf"(?:(?:{_MONTH})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\.[ \t]*(?:{_MONTH})\.?)"
    r"(?:,?[ \t]+\d{4})?\.?(?=[ \t]*$)",
    re.M | re.IGNORECASE,
)
"""A line that is only a date, "Monday, Jan. 27", "[03:40] Monday, January 27.", "Montag, 27. Januar": a timeline's
entry heading. It ends its sentence even when the entry's text follows on the next line."""


def _cuts(masked: str, b_start: int, b_end: int) -> list[int]:
    """Where the sentences of a block end: after a terminator that ends one, and after a line that is only a date."""
    cuts = {m.end() for m in _END.finditer(masked, b_start, b_end) if _splits_here(masked, m.start(), m.end())}
    cuts |= {m.end() for m in _DATE_LINE.finditer(masked, b_start, b_end) if masked[m.end() : b_end].strip()}
    return sorted(cuts)


def split_sentences(text: str, masked: str | None = None) -> list[Sentence]:
    """The sentences of an article (``masked`` is ``mask_markdown(text)``; computed when omitted)."""
    masked = mask_markdown(text) if masked is None else masked
    sentences: list[Sentence] = []
    for paragraph, (b_start, b_end) in enumerate(_blocks(text, masked)):
        cut = b_start
        for end in _cuts(masked, b_start, b_end):
            _add(sentences, masked, cut, end, paragraph)
            cut = end
        _add(sentences, masked, cut, b_end, paragraph)
    return sentences


def _add(out: list[Sentence], masked: str, start: int, end: int, paragraph: int) -> None:
    piece = masked[start:end]
    stripped = piece.strip()
    if not stripped or not any(ch.isalnum() for ch in stripped):
        return
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece.rstrip())
    out.append(Sentence(len(out), start + lead, start + trail, " ".join(stripped.split()), paragraph))
