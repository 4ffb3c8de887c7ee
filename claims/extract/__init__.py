"""Claims from article text (German and English): ``extract_claims(text, published_at, lang, aliases)``.

The pieces: ``inputs`` (reading the file, the publication time, errors), ``language`` (de/en by function
words), ``sentences`` (Markdown-safe sentences with offsets), ``entities`` (the alias table), ``search``
(the online fallback), ``rules`` (the vocabulary), ``reading`` and ``decide`` (one sentence, one number),
``build`` (drafts → claims), ``extract`` (the whole article), ``model`` (what comes back, and the claim file
it writes) and ``scoring`` (against expected readings). The reading rules are grouped by what they decide:
``subject``, ``direction``, ``kind``, ``day`` (with ``day.timewords``, the period phrases) and ``since``;
README.md here gives the order in which a number is read and which of them does each step.
"""

from marketfact.claims.extract.entities import AliasFileError, AliasTable, Searcher
from marketfact.claims.extract.extract import default_aliases, extract_claims, extract_file
from marketfact.claims.extract.inputs import (
    BinaryArticleError,
    EmptyArticleError,
    ExtractionError,
    PublishedTimeError,
    UnsupportedLanguageError,
    parse_published,
    read_article,
)
from marketfact.claims.extract.language import detect_language
from marketfact.claims.extract.model import Extraction, NoClaimsFoundError
from marketfact.claims.extract.search import SearchError, yahoo_searcher
from marketfact.claims.readings import Candidate, NonMarketNumber, Reading, Unresolved

__all__ = [
    "AliasFileError",
    "AliasTable",
    "BinaryArticleError",
    "Candidate",
    "EmptyArticleError",
    "Extraction",
    "ExtractionError",
    "NoClaimsFoundError",
    "NonMarketNumber",
    "PublishedTimeError",
    "Reading",
    "SearchError",
    "Searcher",
    "Unresolved",
    "UnsupportedLanguageError",
    "default_aliases",
    "detect_language",
    "extract_claims",
    "extract_file",
    "parse_published",
    "read_article",
    "yahoo_searcher",
]
