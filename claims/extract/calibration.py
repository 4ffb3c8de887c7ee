"""Honest confidence: what each claim's reading inferred, and the ceiling the measured accuracy of that
inference puts on its confidence.

A claim read wholly from its own clause keeps the confidence the rules give it. A claim whose subject, day,
direction or hedge was inferred (from another clause, an earlier sentence, a reference back, the dateline)
cannot score above the share of such claims that were fully right on text the rules had NOT been tuned on:
the first run of each blind set (blind4 to blind9), when it was read once, unseen, by the rules of main at that
time (commits a7253f5, 2d989eb, 23bbbc8, e8f880d, 2873f13, edd6594). Shares measured on the articles the rules
were tuned on (regression, dev) were optimistic: there 0.92-0.98 for the common inferences, on the first runs 0.65-0.76,
and each new blind set's first run brought 10-19 wrong claims at >= 0.8. ``python -m bench.first_run_calibration``
re-reads those first runs and prints the shares; ``tests/data/articles/first-runs.jsonl`` keeps them; a test keeps
every ceiling at or below its first-run share (and at or below its share on the tuned articles).

Two kinds were split where the first runs showed parts of one kind right at very different rates (in-sample: the
pool both chose the split and measured it; blind9 measured it after): a day shared with the number before it in
the sentence (0.83) apart from other shared days (0.47), and a day carried over from an earlier sentence that is
a look-back, before the latest day the article's claims name (0 of 19 right), apart from the other carried days
(0.81). No other feature tried set wrong readings apart (several companies in the sentence 0.70 against 0.73, the
subject not opening it 0.70 against 0.77), and readings with no inference were 69 of 84 right (0.81): held at
none. The trade-off, printed by ``python -m bench.first_run_calibration --trade-off``: of the right claims, 0.58
(pool, in-sample), 0.53 (dev) and 0.40 (blind9) stay at >= 0.8, against 0.74, 0.69 and 0.57 before; wrong at
>= 0.8: 60 -> 36 on the pool, 15 -> 8 on blind9 (session 9).

Session 10: blind9, seen, joined the pool (its first run at edd6594), and every pooled claim was judged as read by
today's core on the shipped snapshot. The verdict sets wrong readings apart as no feature of the text did: a claim
that FAILS as read was right 2 times in 105, one that cannot be checked 11 in 32, one that passes 379 in 407
(with blind10's first run pooled too, in the second round: 4 in 129, 12 in 46, 460 in 491).
``weigh`` applies it once check-article has judged the claims: a failing reading is held at 0.10, an unverifiable
one at 0.35, a passing one at ``CEILINGS_IF_PASS`` (the share of passing readings of each inference fully right)
instead of ``CEILINGS``. On blind10, which no ceiling was measured on, at the commit that brought it: 14 wrong
claims at >= 0.8 (text alone) -> 0, and 63 of its 84 right claims at >= 0.8 (40 before).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Protocol

from marketfact.claims.readings import Reading

INFERENCES: dict[str, tuple[str, ...]] = {
    # kind: note fragments (claims/extract/extract.py, decide.py, build.py) that show the inference was made
    "subject: reference back": (
        "named in sentence",
        "the subject of the previous claim",
        "named earlier in this",
        "the only company the article named",
        "the first company the article named",
    ),
    "subject: short name": ("the short name read as",),
    "subject: shared by names": ("paired with the numbers in order", "one number said of each of"),
    "direction: other clause": (
        "the direction is carried over",
        "a clause without a verb",
        "more of the previous number's move",
    ),
    "direction: both words near": ("up and down words both near",),
    "hedge: words disagree": ("hedge words disagree",),
    "day: shared with the number before": (
        "shared with the previous number",
        "the record is said of the move before it",  # its day is that move's
    ),
    "day: shared in sentence": (
        "read as shared",
        "opens the clause: the day",
        "named after the previous number",
    ),
    "day: earlier sentence": ("carried over from the paragraph", "carried over from earlier"),
    "day: look-back carried over": ("before the latest day the article's claims name",),  # see look_back
    "day: dateline": ("the day of the dateline or title",),
    "day: question before": ("set the scene in a question",),
    "day: session before": ("the session before",),
    "day: session after": ("the session after", "sessions after '"),  # "'Two sessions later': 2 sessions after '…'"
    "day: named before": ("the day named before,", "the same day as told before,"),
    "day: counted from story": (
        "ends on the day the article named",
        "is the week of the day the article named",
        "runs on from the session after the day",
        "the level is the close of",
        "a week before '",
        "weeks before '",
    ),
    "day: named by an event": ("a weekday named by an event the article does not date",),
    "day: none named": ("no day named: the checker searches",),
    "day: several in sentence": ("the sentence names several periods", "one for each number, in order"),
    "market value: no wording": ("no 'market value' wording",),
    # not made by the text: the verdict of the claim as read (see ``weigh``)
    "data: fails as read": ("as read, the claim fails on the market data",),
    "data: cannot be checked as read": ("as read, the claim cannot be checked on the market data",),
}
"""Each kind of inference and the note fragments that reveal it."""

REFINES: dict[str, str] = {"day: look-back carried over": "day: earlier sentence"}
"""A kind that, when a claim's notes show it, stands in for the broader kind it refines."""

LOOK_BACK = "the day carried over is before the latest day the article's claims name: a look-back"
"""The note of a claim whose day came from an earlier sentence and is not the article's latest day."""

CEILINGS: dict[str, float] = {
    # Session 9 (#14): measured on the FIRST RUNS of blind4..blind8 (unseen text, each read by the rules of its
    # first-run commit: a7253f5, 2d989eb, 23bbbc8, e8f880d, 2873f13; 424 claims, 305 fully right; see
    # bench/first_run_calibration.py). Per kind: claims / fully right / smoothed share on that pool, then the
    # ceiling before. A ceiling is that share rounded down to 0.05 where it was under the ceiling before (never
    # under 0.1, the extractor's lowest confidence); a kind the first runs never made keeps the figure of the
    # tuned pool (session 2: regression, dev, blind).
    "subject: reference back": 0.6,  # 112 / 73 / 0.65; was 0.9 (tuned pool 72 / 71 / 0.97)
    "subject: short name": 0.75,  # not made in the first runs; held under the 0.8 threshold
    "subject: shared by names": 0.85,  # not made in the first runs; tuned pool 6 / 6 / 0.88
    "direction: other clause": 0.65,  # 13 / 9 / 0.67; was 0.9 (tuned pool 10 / 10 / 0.92)
    "direction: both words near": 0.6,  # 14 / 9 / 0.62 with blind9 (session 10; 13 / 9 / 0.67: 0.65); was 0.75
    "hedge: words disagree": 0.75,  # not made in the first runs; held under the 0.8 threshold
    # the number before's day in the same sentence apart from the other ways of sharing a day: 0.83 against 0.47
    "day: shared with the number before": 0.75,  # 112 / 90 / 0.80 with blind9, blind10 (57 / 48 / 0.83: 0.8)
    # session 12, with blind11, blind12 and a record's day taken from the move before it (19 / 13): 174 / 140 / 0.80
    "day: shared in sentence": 0.45,  # 13 / 6 / 0.47; was 0.8 (tuned pool 11 / 11 / 0.92, both together)
    # a day carried over from an earlier sentence apart from one that is a look-back (before the article's latest
    # day, see look_back): 0.81 against 0.05; both together 140 / 99 / 0.70
    "day: earlier sentence": 0.7,  # 167 / 123 / 0.73 with blind9, blind10 (147 / 116 / 0.79: 0.75; 0.8 before)
    "day: look-back carried over": 0.1,  # 19 / 0 / 0.05: the extractor's lowest confidence; was 0.95
    "day: dateline": 0.55,  # 18 / 17 / 0.90; held low since the first blind set's dateline days were 3 of 5
    "day: question before": 0.7,  # not made in the first runs; held under the 0.8 threshold
    "day: session before": 0.55,  # 5 / 3 / 0.57; was 0.85 (tuned pool 7 / 7 / 0.89)
    "day: session after": 0.7,  # 8 / 6 / 0.70; was 0.75
    "day: named before": 0.6,  # 3 / 2 / 0.60; was 0.65
    "day: counted from story": 0.65,  # 17 / 12 / 0.68 with blind9 (session 10; 6 / 5 / 0.75: 0.75)
    # Session 12: "On Jobs Friday" with no Friday dated before: the event's day is not in the text; the latest such
    # weekday is a guess (dev: 2 / 0 / 0.25, the only claims of the kind in the labelled sets; not in the first runs)
    "day: named by an event": 0.25,
    "day: none named": 0.1,  # 27 / 0 / 0.03: the extractor's lowest confidence; was 0.3
    "day: several in sentence": 0.6,  # 35 / 23 / 0.65; was 0.75
    "market value: no wording": 0.25,  # 2 / 0 / 0.25 with blind11 pooled; 0.3 (1 / 0 / 0.33) before; was 0.7
    # Session 10: the verdict of the claim as read, judged by today's core on the shipped snapshot, on the first
    # runs of blind4..blind9 (544 claims, 392 fully right): a reading that PASSES was right 379 of 407 times; one
    # that FAILS 2 of 105 (103 misread: 96 a wrong company or day), one that cannot be checked 11 of 32. blind10's
    # first run, out of that sample: 81 of 84, 2 of 24, 1 of 14; pooled since (666 claims): 460/491, 4/129, 12/46.
    # Session 11: unverifiable split by its reasons (checks.asread), and blind11 pooled (780 claims): pass 544/579,
    # fail 6/150, unverifiable for a reason of the claim 1/24; for want of data alone 11/27 (not weighed).
    # A news claim is seldom false (two per blind set were written so); a misreading seldom matches the data.
    "data: fails as read": 0.1,  # 150 / 6 / 0.05 (129 / 4 before blind11): the extractor's lowest confidence
    "data: cannot be checked as read": 0.1,  # 24 / 1 / 0.08, a reason of the claim (0.25 while it pooled the 27 / 11
    # unverifiable for want of data alone, which now keep their confidence: checks.asread.NO_DATA)
}
"""Confidence ceilings per inference, at or below its smoothed share of fully right claims ((right + 1) /
(claims + 2)) on the first runs of the blind sets, where the rules met the text unseen; see the module docstring."""


CEILINGS_IF_PASS: dict[str, float] = {
    # Session 10: a claim that PASSES as read, on the same first runs (blind4..blind9): per kind, claims that
    # passed / of them fully right / smoothed share, rounded down to 0.05. A misreading seldom matches the data, so
    # a passing reading is right far more often than the kind alone says. Kinds no passing claim showed keep
    # ``CEILINGS``; "day: none named" passes by construction (the checker searches the sessions): never lifted.
    "subject: reference back": 0.9,  # 114 / 107 / 0.93 (0.6 before the verdict)
    "direction: other clause": 0.9,  # 14 / 14 / 0.94
    "direction: both words near": 0.8,  # 10 / 9 / 0.83
    "day: shared with the number before": 0.95,  # 65 / 64 / 0.97
    "day: shared in sentence": 0.75,  # 10 / 8 / 0.75
    "day: earlier sentence": 0.95,  # 114 / 114 / 0.99
    "day: dateline": 0.9,  # 17 / 17 / 0.947
    "day: session before": 0.85,  # 5 / 5 / 0.86
    "day: session after": 0.9,  # 13 / 13 / 0.93
    "day: named before": 0.75,  # 2 / 2 / 0.75
    "day: counted from story": 0.9,  # 12 / 12 / 0.93
    "day: none named": 0.1,  # 21 / 0 / 0.04
    "day: several in sentence": 0.95,  # 37 / 37 / 0.97
}
"""Confidence ceilings per inference for a reading whose claim passes on the market data as read (``weigh``),
at or below the smoothed share of such claims fully right on the blind sets' first runs."""


CONFIRM_BELOW = 0.8
"""Claims read with a lower confidence are shown as "reading uncertain — confirm" and never fail --fail-on alone."""


class _Read(Protocol):
    @property
    def claim_id(self) -> str: ...
    @property
    def confidence(self) -> float: ...


def uncertain(
    readings: Iterable[_Read], threshold: float = CONFIRM_BELOW, confirmed: Collection[str] = frozenset()
) -> dict[str, float]:
    """Claim id → confidence of every reading under ``threshold`` that no person confirmed (its id in
    ``confirmed``, or a true ``confirmed`` attribute: a reviewed claim file's ``confirmed: true``)."""
    return {
        r.claim_id: r.confidence
        for r in readings
        if r.confidence < threshold and r.claim_id not in confirmed and not getattr(r, "confirmed", False)
    }


def uncertain_lines(
    unsure: dict[str, float], threshold: float = CONFIRM_BELOW, reasons: Mapping[str, Sequence[str]] | None = None
) -> list[str]:
    """What the terminal says of the uncertain readings: one line each (with what was uncertain, when
    ``reasons`` gives it per claim id), then their count apart."""
    why = {cid: f": {'; '.join(words)}" for cid, words in (reasons or {}).items() if words}
    lines = [f"reading uncertain — confirm: {cid} (confidence {c:.2f}{why.get(cid, '')})" for cid, c in unsure.items()]
    lines.append(
        f"{len(unsure)} claim(s) read with confidence under {threshold:.2f}: confirm them; --fail-on does not count "
        "them until they are confirmed (set `confirmed: true` on a claim in the claim file, or edit it, and "
        "re-check the file with `marketfact check`; or confirm it at the review desk)"
    )
    return lines


def inferences(notes: Iterable[str]) -> tuple[str, ...]:
    """The kinds of inference the notes of one claim show, in table order."""
    text = "\n".join(notes)
    found = [kind for kind, fragments in INFERENCES.items() if any(f in text for f in fragments)]
    return tuple(k for k in found if not any(REFINES.get(other) == k for other in found))


def look_back(notes: list[str], sessions: Sequence[date] | None, latest: date | None) -> None:
    """Add ``LOOK_BACK`` to ``notes`` when the claim's day was carried over from an earlier sentence and ends
    before ``latest``, the latest session any claim of the article is put on: a day the article looked back to.

    On the blind sets' first runs such claims were 0 of 19 right, the other carried days 99 of 121: a day told
    of a look-back seldom holds for the sentences after it, the story's own day does."""
    carried = any(f in n for n in notes for f in INFERENCES["day: earlier sentence"])
    if carried and sessions and latest is not None and sessions[-1] < latest:
        notes.append(LOOK_BACK)


FAILS_AS_READ = (
    "as read, the claim fails on the market data: on articles the rules had not seen, such a reading was most often a "
    "misreading (another company, day or figure): confirm it before the verdict counts"
)
CANNOT_CHECK_AS_READ = (
    "as read, the claim cannot be checked on the market data: on articles the rules had not seen, such a reading was "
    "seldom right (a day that had not closed, a unit the listing does not trade in): confirm it"
)
AS_READ: dict[str, tuple[str, str]] = {
    "fail": ("data: fails as read", FAILS_AS_READ),
    "unverifiable": ("data: cannot be checked as read", CANNOT_CHECK_AS_READ),
}
"""Verdict outcome of a claim as read → the kind of inference it shows and the note that says so."""
NO_DATA = "no data"
"""The outcome of a claim UNVERIFIABLE for want of data alone (``checks.asread.outcome_as_read``): it says nothing
of the reading, which keeps its confidence."""
NO_DATA_NOTE = "the claim cannot be checked for want of data: that says nothing of how it was read"


def weigh(reading: Reading, outcome: str) -> Reading:
    """``reading`` once its claim was judged as read: ``outcome`` is the verdict's pass, fail or unverifiable, or
    ``NO_DATA`` when it was unverifiable for want of data alone (then only a note is added).

    A claim that fails, or cannot be checked, as read, was seldom read right on unseen text (``CEILINGS``): its
    confidence is held at that measured share, a note says why, and the kind joins ``inferred``. One that passes
    was read right far more often than its inferences alone say: its confidence is held at ``CEILINGS_IF_PASS``
    instead (never above what it had before its ceilings, ``Reading.unheld``). The verdict itself is not changed:
    a claim under the threshold is marked "reading uncertain — confirm" until a person confirms the reading."""
    if outcome == "pass":
        return _lifted(reading)
    if outcome == NO_DATA:
        return reading if NO_DATA_NOTE in reading.notes else replace(reading, notes=(*reading.notes, NO_DATA_NOTE))
    kind_note = AS_READ.get(outcome)
    if kind_note is None or kind_note[0] in reading.inferred:
        return reading
    kind, note = kind_note
    confidence = min(reading.confidence, CEILINGS[kind])
    notes = (*reading.notes, note)
    if confidence < reading.confidence:
        notes += (f"confidence held at {confidence:.2f}: measured accuracy of {kind}",)
    return replace(reading, confidence=confidence, notes=notes, inferred=(*reading.inferred, kind))


def _lifted(reading: Reading) -> Reading:
    """A passing ``reading`` held at ``CEILINGS_IF_PASS`` of its inferences instead of ``CEILINGS``."""
    kinds = reading.inferred
    if reading.unheld is None or not kinds:
        return reading
    confidence = round(max(0.1, min([reading.unheld, *(CEILINGS_IF_PASS.get(k, CEILINGS[k]) for k in kinds)])), 2)
    if confidence <= reading.confidence:
        return reading
    note = f"confidence raised to {confidence:.2f}: the claim holds on the market data as read; measured accuracy "
    note += f"of {', '.join(kinds)} when it holds"
    return replace(reading, confidence=confidence, notes=(*reading.notes, note))


def ceiling(kinds: Iterable[str]) -> float:
    """The highest confidence a claim with these inferences may have (1.0 when none)."""
    return min((CEILINGS[k] for k in kinds), default=1.0)
