"""Bad input to extraction: empty, binary, other languages, a missing or malformed publication time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from marketfact.claims.extract import (
    BinaryArticleError,
    EmptyArticleError,
    ExtractionError,
    NoClaimsFoundError,
    PublishedTimeError,
    UnsupportedLanguageError,
    detect_language,
    extract_claims,
    extract_file,
    parse_published,
    read_article,
)

PUB = datetime(2025, 1, 28, 7, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-01-29T07:00:00+01:00", datetime(2025, 1, 29, 7, tzinfo=timezone(timedelta(hours=1)))),
        ("2025-01-28T22:30:00Z", datetime(2025, 1, 28, 22, 30, tzinfo=UTC)),
        (" 2025-01-29T08:00+09:00 ", datetime(2025, 1, 29, 8, tzinfo=timezone(timedelta(hours=9)))),
    ],
)
def test_parse_published_reads_iso_times_with_an_offset(value: str, expected: datetime) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "missing"),
        ("", "missing"),
        ("yesterday", "cannot read"),
        ("29.01.2025 07:00", "cannot read"),
        ("2025-01-29", "no time zone"),
        ("2025-01-29T07:00:00", "no time zone"),
        ("2025-13-01T07:00:00+01:00", "cannot read"),
    ],
)
def test_parse_published_refuses_with_a_clear_message(value: str | None, message: str) -> None:
    with pytest.raises(PublishedTimeError, match=message):
        parse_published(value)


def test_a_naive_published_at_is_refused() -> None:
    with pytest.raises(PublishedTimeError, match="time zone"):
        extract_claims("Nvidia fiel am Montag um 17 Prozent.", datetime(2025, 1, 28, 7, 30), "de")


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\n\n"])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(EmptyArticleError, match="empty"):
        extract_claims(text, PUB)


def test_text_with_nul_bytes_or_control_characters_is_binary() -> None:
    with pytest.raises(BinaryArticleError, match="NUL"):
        extract_claims("Nvidia\x00fell", PUB)
    with pytest.raises(BinaryArticleError, match="control characters"):
        extract_claims("".join(chr(i % 31 + 1) for i in range(400)), PUB)


def test_read_article_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(ExtractionError, match="directory"):
        read_article(tmp_path)
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    with pytest.raises(EmptyArticleError, match=r"empty\.md"):
        read_article(tmp_path / "empty.md")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BinaryArticleError, match="NUL bytes"):
        read_article(tmp_path / "image.png")
    (tmp_path / "latin1.txt").write_bytes("Die Aktie fiel um 17 Prozent, für Anleger ein Schock.".encode("latin-1"))
    with pytest.raises(BinaryArticleError, match="not UTF-8"):
        read_article(tmp_path / "latin1.txt")


def test_read_article_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffNvidia fell 17% on Monday.".encode())
    assert read_article(path) == "Nvidia fell 17% on Monday."


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Aktie von Nvidia ist am Montag um 17 Prozent gefallen, und der Dax hat nachgegeben.", "de"),
        ("Shares of Nvidia fell 17% on Monday, and the S&P 500 was down as well as the Nasdaq.", "en"),
    ],
)
def test_language_is_told_by_function_words(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "Les actions de Nvidia ont chuté de 17 % lundi, selon les données de la bourse, et le Nasdaq a reculé.",
            "French",
        ),
        ("Las acciones de Nvidia cayeron un 17 % el lunes, según los datos del mercado y la bolsa.", "Spanish"),
        ("Le azioni di Nvidia sono crollate del 17 per cento, e il Nasdaq è sceso con la borsa.", "Italian"),
        ("De aandelen van Nvidia zijn met 17 procent gedaald op maandag, en het is niet voor het eerst.", "Dutch"),
    ],
)
def test_other_languages_get_a_clear_message(text: str, named: str) -> None:
    with pytest.raises(UnsupportedLanguageError, match=f"looks {named}.*German and English text only"):
        extract_claims(text, PUB, "auto")


def test_too_little_text_to_tell_asks_for_the_language() -> None:
    with pytest.raises(UnsupportedLanguageError, match="--lang"):
        extract_claims("Nvidia −17 %", PUB, "auto")
    # Given the language, the same text is read.
    assert [c.instrument for c in extract_claims("Nvidia −17 % am Montag", PUB, "de").claims] == ["NVDA"]


def test_an_unsupported_language_code_is_refused() -> None:
    with pytest.raises(UnsupportedLanguageError, match="'fr' is not supported"):
        extract_claims("Nvidia fell 17% on Monday.", PUB, "fr")


def test_an_article_without_claims_cannot_become_a_claim_file() -> None:
    extraction = extract_claims("Der Konzern beschäftigt 30.000 Mitarbeiter und hat seinen Sitz in Kalifornien.", PUB)
    assert extraction.claims == []
    assert [n.text for n in extraction.not_market] == ["30.000"]
    with pytest.raises(NoClaimsFoundError, match="1 number"):
        extraction.to_claim_file_dict()


def test_extract_file_reads_the_published_string(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Markt\n\nDie **Nvidia**-Aktie fiel am Montag um 17 Prozent.\n", encoding="utf-8")
    extraction = extract_file(path, "2025-01-28T07:30:00+01:00")
    assert [(c.instrument, c.value, c.period) for c in extraction.claims] == [("NVDA", 17.0, "am Montag")]
    assert extraction.readings[0].sessions == (datetime(2025, 1, 27).date(),)
    with pytest.raises(PublishedTimeError):
        extract_file(path, "2025-01-28")
