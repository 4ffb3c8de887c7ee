"""The article and its publication time as a user hands them over, checked before any reading starts.

Every problem a user can cause (an empty file, a binary file, a language marketfact does not read, a
publication time without a time zone) is an ``ExtractionError`` whose message says what to do.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

MAX_ARTICLE_CHARS = 2_000_000
"""Longer input is not an article; refusing it keeps a mistaken ``cat *.csv`` from running for minutes."""


class ExtractionError(ValueError):
    """The input cannot be read as an article; the message names the problem and the way out."""


class EmptyArticleError(ExtractionError):
    """The article holds no text."""


class BinaryArticleError(ExtractionError):
    """The file is not text (NUL bytes, not UTF-8)."""


class UnsupportedLanguageError(ExtractionError):
    """The article is not German or English, or its language cannot be told."""


class PublishedTimeError(ExtractionError):
    """The publication time is missing, malformed, or has no time zone."""


def check_text(text: str, origin: str = "the article") -> str:
    """Return ``text`` if it can be an article; raise an ``ExtractionError`` saying why not."""
    if not isinstance(text, str):
        raise BinaryArticleError(f"{origin}: expected text, got {type(text).__name__}")
    if "\x00" in text:
        raise BinaryArticleError(f"{origin} contains NUL bytes: it looks like a binary file, not an article")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ExtractionError(f"{origin} has {len(text):,} characters; an article has at most {MAX_ARTICLE_CHARS:,}")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(text) // 100):
        raise BinaryArticleError(f"{origin} holds {controls} control characters: it looks binary, not like text")
    if not text.strip():
        raise EmptyArticleError(f"{origin} is empty: there is no text to extract claims from")
    return text


def read_article(path: Path | str) -> str:
    """Read a plain-text or Markdown article (UTF-8, a BOM is allowed) with clear errors."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ExtractionError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ExtractionError(f"{path} is a directory; give the article's file") from None
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if b"\x00" in raw[:8192]:
        raise BinaryArticleError(f"{path} contains NUL bytes: it looks like a binary file, not an article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BinaryArticleError(
            f"{path} is not UTF-8 text (byte {exc.start}: {raw[exc.start : exc.start + 1]!r}); "
            "save the article as UTF-8 plain text or Markdown"
        ) from None
    return check_text(text, str(path))


def parse_published(value: str | None) -> datetime:
    """Read a publication time such as ``2025-01-29T07:00:00+01:00`` (ISO 8601 with an offset).

    A date alone or a time without an offset is refused: "Montag" means a different session in Tokyo
    than in New York depending on the hour and zone the article appeared in.
    """
    if value is None or not str(value).strip():
        raise PublishedTimeError(
            "the publication time is missing; give it as ISO 8601 with a time zone, e.g. 2025-01-29T07:00:00+01:00"
        )
    text = str(value).strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise PublishedTimeError(
            f"cannot read the publication time {value!r}; use ISO 8601 with a time zone, "
            "e.g. 2025-01-29T07:00:00+01:00 or 2025-01-28T22:30:00Z"
        ) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise PublishedTimeError(
            f"the publication time {value!r} has no time zone; add the offset, e.g. {parsed.isoformat()}+01:00"
        )
    return parsed
