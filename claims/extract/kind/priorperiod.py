"""A figure compared with the month, quarter or year before ("sank im Dezember um 2,4 Prozent gegenüber dem
Vormonat", "um 2,9 Prozent zum Vormonat", "ein Plus von 8 Prozent im Vergleich zum Vorjahresquartal", "slumped 2.4%
in December from the previous month", "rose 4.2% in January from a year earlier", "rose 2.7% year on year") is a
statistic or a company's figure, not a market move: prices are compared session with session, or with a named close.
In English "a year earlier"/"a year ago" counts only with a month or quarter named in the clause ("in January"): "is up
80% from a year ago" may be a share's move over a year. Used by ``claims.extract.extract``."""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.sentences import Token
from marketfact.claims.numbers import Quantity

PRIOR_PERIODS = {
    "de": frozenset(
        {
            "vormonat", "vormonats", "vorjahresmonat", "vorjahresmonats", "vorquartal", "vorquartals",
            "vorjahresquartal", "vorjahresquartals", "vorjahr", "vorjahres", "vorjahreszeitraum", "vorjahreszeitraums",
        }
    ),
}  # fmt: skip
"""Nouns of the calendar period before, the base of a statistic's change."""
LEADS = {"de": frozenset({"zum", "gegenüber", "vergleich", "verglichen", "vom"})}
"""Words right before that noun (an article between at most) that make it the base of the number before."""


_EN_UNITS = frozenset({"year", "month", "quarter"})
_EN_BEFORE = frozenset({"earlier", "before", "ago"})
_EN_PRIOR = frozenset({"previous", "prior", "preceding"})
_EN_LEADS = frozenset({"from", "than", "versus", "vs", "compared", "over"})
_EN_FIXED = frozenset({"year-on-year", "month-on-month", "quarter-on-quarter"})
_EN_CALENDAR = rules.word_set(
    "january february march april may june july august september october november december quarter"
)
"""A month or quarter named in the clause: the figure is a statistic's for that period ("in January")."""


def prior_period(view: SentenceView, q: Quantity) -> str | None:
    """The words of a comparison with the period before right after ``q`` in its clause ("gegenüber dem Vormonat",
    "zum Vormonat", "im Vergleich zum Vorjahr", "from the previous month", "year on year"), or None."""
    c0, c1 = view.clause(q.span[0])
    after = [t for t in view.toks if t.start >= q.span[1] and t.end <= c1][:8]
    if view.lang == "en":
        return _english(after, {t.low for t in view.words_between(c0, c1)} & _EN_CALENDAR != set())
    nouns = PRIOR_PERIODS.get(view.lang)
    if not nouns:
        return None
    after = after[:5]
    for i, t in enumerate(after):
        if t.low in nouns and any(w.low in LEADS[view.lang] for w in after[max(0, i - 2) : i]):
            return " ".join(w.text for w in after[max(0, i - 2) : i + 1])
    return None


def _english(after: list[Token], calendar: bool) -> str | None:
    """ "year on year", "from the previous month", and with a month or quarter named (``calendar``) "from a year
    earlier", "than a year ago"; the words, or None."""
    lows = [t.low for t in after]
    for i, w in enumerate(lows):
        if w in _EN_FIXED or (w in _EN_UNITS and lows[i + 1 : i + 3] == ["on", w]):
            return " ".join(t.text for t in after[i : i + (1 if w in _EN_FIXED else 3)])
        if w not in _EN_UNITS or not any(x in _EN_LEADS for x in lows[max(0, i - 4) : i]):
            continue
        if i > 0 and lows[i - 1] in _EN_PRIOR:
            return " ".join(t.text for t in after[i - 2 : i + 1])
        if calendar and lows[i + 1 : i + 2] and lows[i + 1] in _EN_BEFORE:
            return " ".join(t.text for t in after[i - 1 : i + 2])
    return None
