"""A move told in a relative clause after "as did <name>"/"so did <name>" ("Nvidia jumped 3.2% on Thursday, as did
ASML, which gained 2.8%"): the relative clause restates the main move for that name, so it takes the main move's day
(a relative clause takes no day of the sentence otherwise). English only. Used by ``day.periodclauses.main_day``."""

from __future__ import annotations

from marketfact.claims.extract.sentenceview import SentenceView

_AS_DID = {"en": (("as", "did"), ("so", "did"), ("as", "does"), ("so", "does"))}


def after_as_did(view: SentenceView, c0: int) -> bool:
    """Whether the clause before the one at ``c0`` opens with "as did"/"so did" ("…, as did ASML, which gained 2.8%"):
    its relative clause restates the main move for that name, on the main move's day."""
    before = [t for t in view.toks if t.end <= c0]
    while before and before[-1].kind == "punct":
        before.pop()
    marks = [i for i, t in enumerate(before) if t.text in (",", ";", ":", "–", "—")]
    words = [t.low for t in before[marks[-1] + 1 :]] if marks else []
    return tuple(words[:2]) in _AS_DID.get(view.lang, ())
