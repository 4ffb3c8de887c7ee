"""A figure compared with the month, quarter or year before ("sank im Dezember um 2,4 Prozent gegenüber dem
Vormonat", "um 2,9 Prozent zum Vormonat", "ein Plus von 8 Prozent im Vergleich zum Vorjahresquartal") is a statistic
or a company's figure, not a market move: prices are compared session with session, or with a named close. Used by
``claims.extract.extract`` (German only: the English "month on month" is left to its own words)."""

from __future__ import annotations

from marketfact.claims.extract.reading import SentenceView
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


def prior_period(view: SentenceView, q: Quantity) -> str | None:
    """The words of a comparison with the period before right after ``q`` in its clause ("gegenüber dem Vormonat",
    "zum Vormonat", "im Vergleich zum Vorjahr"), or None."""
    nouns = PRIOR_PERIODS.get(view.lang)
    if not nouns:
        return None
    _, c1 = view.clause(q.span[0])
    after = [t for t in view.toks if t.start >= q.span[1] and t.end <= c1][:5]
    for i, t in enumerate(after):
        if t.low in nouns and any(w.low in LEADS[view.lang] for w in after[max(0, i - 2) : i]):
            return " ".join(w.text for w in after[max(0, i - 2) : i + 1])
    return None
