"""What a run prints in a terminal: one line per verdict with its reason, and JSON lines for scripts.

``reason`` is the verdict's one-line "why", in the words a reader needs next to the label: why a claim
could not be checked, which basis a misleading number fits, by how much an incorrect number is off, how
far outside its interval a mostly correct one lies. ``verdict_line`` lays it out beside the label, the
claim id and the measured value, coloured by verdict when asked; ``json_line`` is the same verdict as one
JSON object (``marketfact check --format jsonl``). Pure: no Prefect, no terminal detection here.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from marketfact.checks.verdicts import Label, Verdict
from marketfact.claims.model import LEVELS, Claim, Metric

COLOURS: Mapping[Label, str] = {
    Label.CORRECT: "green",
    Label.MOSTLY_CORRECT: "cyan",
    Label.MISLEADING: "yellow",
    Label.INCORRECT: "red",
    Label.UNVERIFIABLE: "magenta",
}
"""A verdict's colour on a terminal (ANSI names, as ``click.style`` takes them): passes green/cyan, fails
yellow/red, unverifiable magenta, so that no failing verdict shares a pass's colour."""

LABEL_WIDTH = max(len(label.value) for label in Label)
ANSI_CODES = {"green": 32, "cyan": 36, "yellow": 33, "red": 31, "magenta": 35}


def _signed(value: float, unit: str) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{abs(value):,.2f} {unit}"


def _amount(value: float, unit: str) -> str:
    """A difference in the verdict's unit: percentage points for moves in percent."""
    return f"{value:,.2f} pp" if unit == "%" else f"{value:,.2f} {unit}"


_INTERVAL = re.compile(r"[\[(][^\[\]()]*,[^\[\]()]*[\])]")


def _notation(verdict: Verdict) -> str:
    """The claimed interval as the verdict writes it ("[16.5, 17.5)"), with its unit."""
    found = _INTERVAL.findall(verdict.claimed.rpartition("→")[2])
    return f"{found[-1] if found else verdict.claimed} {verdict.unit}".strip()


def _offset(verdict: Verdict) -> tuple[str, float] | None:
    """Where the measured magnitude lies against the claimed interval: ("below"/"above", distance) or None."""
    if verdict.measured is None or verdict.interval is None:
        return None
    magnitude, (lo, hi) = abs(verdict.measured), verdict.interval
    if magnitude < lo:
        return "below", lo - magnitude
    if not math.isinf(hi) and magnitude > hi:
        return "above", magnitude - hi
    return None


def _is_move(verdict: Verdict, claim: Claim | None) -> bool:
    """Whether the measured value is a signed move (a change, a record's one-day move), not a level or price."""
    if claim is None:
        return True
    if claim.metric in LEVELS:
        return False
    return claim.metric is not Metric.RECORD or verdict.unit == "%"


def _wrong_direction(verdict: Verdict, claim: Claim | None) -> str:
    """'it rose, the claim says it fell' when the move went the other way, else ''."""
    if claim is None or claim.direction is None or verdict.measured is None or verdict.measured == 0:
        return ""
    if not _is_move(verdict, claim):  # a level ("closed at 118 dollars") has no direction to get wrong
        return ""
    if (verdict.measured > 0) == (claim.direction.sign > 0):
        return ""
    moved, said = ("rose", "fell") if verdict.measured > 0 else ("fell", "rose")
    return f"wrong direction: it {moved}, the claim says it {said}"


def reason(verdict: Verdict, claim: Claim | None = None) -> str:
    """The verdict's reason in one line, without the label (``claim`` tells a move's claimed direction)."""
    label = verdict.label
    if label is Label.UNVERIFIABLE:
        return " ".join((verdict.reason or "no data for this claim").split())
    offset = _offset(verdict)
    interval = _notation(verdict)
    if label is Label.CORRECT:
        return f"inside the claimed {interval}"
    if label is Label.MISLEADING:
        fits = next((a for a in verdict.alternatives if a.admits), None)
        if fits is None:
            return f"the number fits another basis, not the claimed {interval}"
        measured = _signed(fits.measured, fits.unit or verdict.unit)
        return f"fits only on another basis: {fits.basis} ({measured})"
    wrong = _wrong_direction(verdict, claim)
    if wrong:
        return wrong
    if offset is None:
        return f"outside the claimed {interval}"
    side, distance = offset
    if label is Label.MOSTLY_CORRECT:
        return f"just outside, by {_amount(distance, verdict.unit)}: {side} the claimed {interval}"
    return f"off by {_amount(distance, verdict.unit)}: {side} the claimed {interval}"


def paint(text: str, label: Label) -> str:
    """``text`` in ``label``'s colour (ANSI escape codes; bold for failures)."""
    bold = "1;" if label.outcome == "fail" else ""
    return f"\x1b[{bold}{ANSI_CODES[COLOURS[label]]}m{text}\x1b[0m"


def verdict_line(verdict: Verdict, claim: Claim | None = None, *, colour: bool = False, id_width: int = 32) -> str:
    """``LABEL  claim-id  measured −16.97 %  · reason``; the label coloured when ``colour``."""
    label = verdict.label.value.ljust(LABEL_WIDTH)
    if verdict.measured is None:
        shown = "—"
    elif not _is_move(verdict, claim):  # a level: a price or a value, not a move
        shown = f"{verdict.measured:,.2f} {verdict.unit}"
    else:
        shown = _signed(verdict.measured, verdict.unit)
    return (
        f"{paint(label, verdict.label) if colour else label}  {verdict.claim_id:<{id_width}} "
        f"measured {shown:<14} · {reason(verdict, claim)}"
    )


def json_record(
    verdict: Verdict, claim: Claim | None = None, reading: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One verdict as a plain JSON-able mapping (``--format jsonl``); ``reading`` is how the claim was read
    from the article (``reports.jsonreport.reading_record``), None for a claim not read from one."""
    lo, hi = verdict.interval if verdict.interval is not None else (None, None)
    return {
        "id": verdict.claim_id,
        "verdict": verdict.label.value,
        "outcome": verdict.outcome,
        "reason": reason(verdict, claim),
        "measured": verdict.measured,
        "unit": verdict.unit,
        "claimed": verdict.claimed,
        "interval": [lo, None if hi is None or math.isinf(hi) else hi],
        "basis": verdict.basis,
        "symbol": verdict.symbol,
        "exchange": verdict.exchange,
        "base_session": verdict.base_session.isoformat() if verdict.base_session else None,
        "end_session": verdict.end_session.isoformat() if verdict.end_session else None,
        "explanation": verdict.explanation,
        "text": claim.text if claim is not None else None,
        "reading": reading,
    }


def json_line(verdict: Verdict, claim: Claim | None = None, reading: dict[str, Any] | None = None) -> str:
    """``json_record`` as one line of JSON (UTF-8 text, no spaces after separators)."""
    return json.dumps(json_record(verdict, claim, reading), ensure_ascii=False, separators=(",", ":"))
