"""A distance from a named close said with a word that names no direction ("Vom Schlusskurs des 24. Januar, 183,60
Dollar, ist die Aktie noch rund 6,5 Prozent entfernt"): the text's own levels say which way, the level of the close
named (in apposition, ``claims.extract.since.closelevelof``) against the latest close told in the paragraph or of the
same name, below it a fall, above it a rise. Used by ``claims.extract.extract``; the period is the move since the close
named (``claims.extract.since.sinceclose``).
"""

from __future__ import annotations

from marketfact.claims.extract.decide import Context
from marketfact.claims.extract.reading import SentenceView, Subject
from marketfact.claims.extract.since import closelevelof
from marketfact.claims.numbers import Quantity

DISTANCE = {"de": frozenset({"entfernt"}), "en": frozenset()}
"""Right after the number: a distance that names no direction."""
NOTE = "{word!r} names no direction: read from the close told before, {level!r}, and the close named, {ref!r}"


def of_levels(
    view: SentenceView, q: Quantity, ctx: Context, subject: Subject | None
) -> tuple[str, str, float, str] | None:
    """(direction, word, penalty, note) for a distance ``q`` from a close named with its level before it in the
    sentence, by the latest close told in the same unit, in the paragraph or of the name ``subject`` names; None when
    either is missing or they agree."""
    after = [t for t in view.toks if t.start >= q.span[1]][:1]
    if not after or after[0].low not in DISTANCE.get(view.lang, frozenset()):
        return None
    refs = [o for o in view.quantities if o.span[1] <= q.span[0] and closelevelof.is_level_of_close(view, o)]
    told = ctx.last_level
    if not refs or told is None:
        return None
    named = subject is not None and subject.mention is not None and subject.mention.entry is told.entry
    if not named and told.view.sentence.paragraph != view.sentence.paragraph:
        return None
    ref, level = refs[-1], told.q
    same_unit = (ref.kind, ref.currency, ref.scale) == (level.kind, level.currency, level.scale)
    if not same_unit or ref.high is not None or level.high is not None or ref.low == level.low:
        return None
    direction = "down" if level.low < ref.low else "up"
    return direction, after[0].text, 0.1, NOTE.format(word=after[0].text, level=level.text, ref=ref.text)
