"""A count said as the adjective of a run ("ending a three-day rally", "breaking a two-day winning run", "snapping a
four-day rally", "its five-session losing streak"): it names the run a move ended or extended, not the period of a
number in another clause ("The Nikkei fell 0.8% to 39,149.43 on Friday, ending a three-day rally" is Friday's move).
Used by ``claims.extract.day.periodclauses.shared_day``. English only."""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.day.timewords import PeriodSpan
from marketfact.claims.extract.reading import SentenceView

_RUNS = {
    "en": rules.word_set(
        "rally rallies run runs streak streaks slide slides slump selloff sell-off rout surge advance decline skid "
        "climb drop losses gains"
    ),
    "de": frozenset(),
}
"""Nouns of a run after its count ("a three-day rally"); "winning"/"losing" may stand between."""
_BETWEEN = frozenset({"winning", "losing"})


def names_a_run(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether span ``p`` is a count said as the adjective of a run ("a three-day rally", "a two-day winning run")."""
    if p.single_day:
        return False
    after = [t.low for t in view.toks if t.start >= p.end][:2]
    if after and after[0] in _BETWEEN:
        after = after[1:]
    return bool(after) and after[0] in _RUNS[view.lang]
