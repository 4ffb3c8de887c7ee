"""How an article's numbers were read: one set of records, made by the extractor (``claims.extract``) and
carried as they are by a run's report (``checks.runreport.ArticleExtraction``) to every renderer.

Plain data, importing nothing heavy: a report renders them without importing the extractor (about a second).
Every span is a pair of character offsets into the article's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Candidate:
    """A listing a name might mean."""

    symbol: str
    name: str
    source: str  # "aliases" or "search"
    detail: str = ""

    def __str__(self) -> str:
        """ "CEG Constellation Energy (aliases)", as a report lists it."""
        return f"{self.symbol} {self.name} ({self.source})"


@dataclass(frozen=True, slots=True)
class Reading:
    """How one extracted claim was read: where it stands and which words set each of its parts."""

    claim_id: str
    sentence_index: int
    sentence_span: tuple[int, int]  # characters of the article
    number_span: tuple[int, int]
    number_text: str
    subject_words: str = ""
    direction_words: str = ""
    hedge_words: str = ""
    period_words: str = ""
    confidence: float = 1.0
    notes: tuple[str, ...] = ()
    sessions: tuple[date, ...] | None = None  # what the period means on the listing's exchange (first, last)
    inferred: tuple[str, ...] = ()  # the inferences the reading made (claims.extract.calibration.INFERENCES)
    unheld: float | None = None  # the confidence before the ceilings of its inferences (None: as ``confidence``)


@dataclass(frozen=True, slots=True)
class NonMarketNumber:
    """A number in the article that is not a checkable market claim, and why."""

    text: str
    kind: str  # not_market | level | unsupported_unit | unknown_unit | group | no_subject | unlisted | no_direction
    # | out_of_bounds (a move no price makes: a fall of more than 100 %) | outside_calendar (published outside
    # the exchange calendars)
    reason: str
    sentence: str
    sentence_index: int
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A company name the extractor could not map to one listing, with the candidates it knows."""

    name: str
    reason: str
    sentence: str
    sentence_index: int
    span: tuple[int, int]
    candidates: tuple[Candidate, ...] = ()
    number_text: str = ""
