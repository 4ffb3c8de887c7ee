"""The parts of one sentence, with offsets into the article: ``SentenceView`` (tokens, clause breaks, names,
subjects, periods, numbers, direction and hedge words) and the two kinds of words it holds, ``Word`` and
``Subject``. ``claims.extract.reading`` fills it; the rest of ``claims.extract`` reads it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from marketfact.claims.extract import rules
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.entities import Lookup, Mention
from marketfact.claims.extract.sentences import Sentence, Token
from marketfact.claims.numbers import Quantity


@dataclass(frozen=True, slots=True)
class Word:
    """Words that set something (a direction, a hedge), with the sentence position they stand at."""

    start: int
    end: int
    text: str
    value: str  # "up"/"down" for directions; the hedge phrase for hedges


@dataclass(frozen=True, slots=True)
class Subject:
    """Something a number could be about: a name, a reference back, a group, or an unknown name."""

    start: int
    end: int
    text: str
    kind: str  # mention | equity_ref | index_ref | pronoun | group | unknown
    mention: Mention | None = None
    lookup: Lookup | None = None


@dataclass
class SentenceView:
    """The parts of one sentence, with offsets into the article."""

    sentence: Sentence
    lang: str
    toks: list[Token]
    breaks: list[int]  # offsets of clause-breaking punctuation
    mentions: list[Mention]
    subjects: list[Subject]
    periods: list[PeriodSpan]
    quantities: list[Quantity]
    directions: list[Word]
    basis_words: list[Word]
    glued: list[Quantity]  # "17pc", "3nm": a number with letters marketfact does not read as a unit
    governed: set[int] = dataclasses.field(default_factory=set)  # starts of names after a preposition
    records: list[PeriodSpan] = dataclasses.field(default_factory=list)  # "since March 2020" after a superlative
    body_start: int = -1  # where the sentence starts after a dateline ("TOKIO, 29. Januar (Reuters) –")
    frame: PeriodSpan | None = None  # the dateline's day
    reasons: set[int] = dataclasses.field(default_factory=set)  # breaks that are words of a reason ("as", "because")
    close_cells: list[tuple[int, int]] = dataclasses.field(default_factory=list)  # a table's cells under "Close"
    label: tuple[int, int] | None = None  # a table row's first cell: whom the row is about ("ASML (Nasdaq ADR)")
    head: int = -1  # where a figure that heads its line starts ("28.3% – Vistra's drop …": kind.figureheads)

    def clause(self, pos: int) -> tuple[int, int]:
        """The comma-clause around offset ``pos``: (start, end) offsets."""
        start = max((b + 1 for b in self.breaks if b < pos), default=self.sentence.start)
        end = min((b for b in self.breaks if b >= pos), default=self.sentence.end)
        return start, end

    def in_parentheses(self, pos: int) -> bool:
        """Whether the clause at ``pos`` opens right after "(" ("Microsoft (minus 6,2 Prozent am 30.1.) …")."""
        c0, _ = self.clause(pos)
        return any(t.start == c0 - 1 and t.text == "(" for t in self.toks)

    def is_aside(self, pos: int) -> bool:
        """Whether the clause at ``pos`` is an aside: enclosed by commas or dashes, opening with an article
        and saying no move (", a major customer of Nvidia,", ", der weltgrößte Chipkonzern,"), or opened by a word
        of a reason and saying no move ("as investors returned")."""
        c0, c1 = self.clause(pos)
        if c0 - 1 in self.reasons:  # "… and Oracle 2.6% as investors returned to the names hit hardest last month"
            return not any(c0 <= w.start < c1 for w in self.directions)
        if c0 <= max(self.sentence.start, self.body_start) or c1 >= self.sentence.end:
            return False
        if any(t.text == ":" and t.end <= c0 and not self.words_between(t.end, c0) for t in self.toks):
            return False  # "Zur Erinnerung: Die Aktie … war am Montag, …": a colon opens the statement, no aside
        lead = [t.low for t in self.toks if t.start >= c0][:2]
        opens = bool(lead) and lead[0] in rules.ASIDE_OPENERS[self.lang]
        opens = opens or (
            len(lead) == 2 and lead[0] in rules.PREPOSITIONS[self.lang] and lead[1] in rules.RELATIVE[self.lang]
        )
        return opens and not any(c0 <= w.start < c1 for w in self.directions)

    def demoted(self, s: Subject, pos: int) -> bool:
        """Whether name ``s`` stands where a subject does not: after a preposition ("Lieferant für TSMC"),
        or inside an aside that is not the clause of offset ``pos``."""
        if s.start in self.governed:
            return True
        return self.clause(s.start) != self.clause(pos) and self.is_aside(s.start)

    def words_between(self, start: int, end: int) -> list[Token]:
        """Tokens lying wholly inside ``[start, end)``."""
        return [t for t in self.toks if t.start >= start and t.end <= end]


def covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps any of ``spans``."""
    return any(s < end and start < e for s, e in spans)
