"""A day's extreme told in a look-back clause right after a move of the same company or index ("closed up 0.9% on
Friday, after rising as much as 1.3% at one point", "gab am Freitag 1,3 Prozent nach, nachdem sie zeitweise 4,4
Prozent im Minus gelegen hatte"): the look-back word looks back within that session, so the extreme is of the move's
day, not of a day told before. ``claims.extract.drafting`` applies it to the period ``whenof`` read."""

from __future__ import annotations

import dataclasses

from marketfact.claims.extract import rules
from marketfact.claims.extract.day import periodclauses
from marketfact.claims.extract.day.whenof import When
from marketfact.claims.extract.decide import Draft
from marketfact.claims.extract.entities import AliasEntry
from marketfact.claims.extract.kind import extremenoun, kinds
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.since import sinceclose
from marketfact.claims.numbers import Quantity


def of_move(
    view: SentenceView, q: Quantity, entry: AliasEntry, extreme: tuple[bool, str], previous: Draft | None, when: When
) -> When:
    """``when`` with the previous number's day when ``q`` is such an extreme: a day's extreme of the previous number's
    company or index, after a look-back word in its stretch that no day follows, while the previous number
    tells one day of its own (no look back, no session before or after it, no count, no close it is measured from)."""
    intraday = extreme[0] or extreme[1] == kinds.INTRADAY_LEVEL  # (a percent move's intraday flag, the kind)
    if not intraday or previous is None or previous.view is not view or previous.entry is not entry:
        return when
    told = previous.period
    if told is None or previous.after is not None or previous.anchor is not None:
        return when
    kept = _kept_session(view, q, previous, when)
    if kept is not None:
        return kept
    if previous.shift:
        return when
    if when.period is told or periodclauses.tells_earlier(view, previous.q.span[0], pluperfect=False):
        return when  # "extending Wednesday's 7.3% plunge after touching $183.24": not the look back's day
    s0, s1 = sinceclose.stretch(view, q)
    leads = [t for t in view.words_between(s0, q.span[0]) if t.low in rules.LOOK_BACK_LEADS[view.lang]]
    # "stieg um 2,5 Prozent, das Tagestief war 238,55 Euro": an extreme told by its noun, with no day of its own
    by_noun = extremenoun.told_by_noun(view, q) is not None and not any(s0 <= p.start < s1 for p in view.periods)
    if not by_noun and (not leads or any(leads[-1].start <= p.start < s1 for p in view.periods)):
        return when  # a day after the look-back word is q's own
    note = f"{told.words!r} shared with the previous number of the sentence"
    return dataclasses.replace(when, period=told, shift=0, anchor=None, forward=False, notes=[note], penalty=0.1)


def _kept_session(view: SentenceView, q: Quantity, previous: Draft, when: When) -> When | None:
    """ "plunged 20.9% in a single session … and at one point was down more than 22%" (read as a span from a close
    named before), "Am Vortag waren die Papiere um knapp fünf Prozent gestiegen, obwohl sie zeitweise 2,5 Prozent im
    Minus gelegen hatten" (read as the paragraph's day, not the session before it): a day's extreme is of one session,
    so one with no day of its own, after a move of the same company or index on one session (the session before or
    after a day named included) in its sentence, is of that session; None when it was read so, or has a day of its
    own."""
    told = previous.period
    if told is None or not told.single_day or (when.after is None and not previous.shift):
        return None
    if when.after is None and when.period is told and when.shift == previous.shift:
        return None
    s0, s1 = sinceclose.stretch(view, q)
    if any(s0 <= p.start < s1 for p in view.periods):
        return None
    note = f"a day's extreme is of one session: that of the previous number of the sentence, {told.words!r}"
    return dataclasses.replace(
        when, period=told, shift=previous.shift, after=None, after_shift=0, anchor=None, forward=False, week=False,
        notes=[note], penalty=0.1,
    )  # fmt: skip
