"""How a re-check differs from the claim's previous verdict: the change kinds of the history.

Each verdict is compared with the latest verdict recorded earlier for the same claim hash (recording
order, whichever run that came from). The kinds, checked in this order:

=====================  ===================================================================================
``first``              no earlier verdict for this claim
``data_arrived``       UNVERIFIABLE → any other label (the session's data exists now)
``data_lost``          any other label → UNVERIFIABLE (the data is gone or failed validation)
``vendor_correction``  the label flipped and the evidence changed: different evidence values (fingerprint),
                       or, where a verdict has no evidence rows, a different measured value — the vendor
                       revised a price, a share count or a rate
``relabelled``         the label flipped on the same evidence values: a change of rules or code (the runs'
                       ``versions`` say which)
``revised``            the evidence or the measured value changed but the label held
=====================  ===================================================================================

Anything else is *unchanged* and is not stored as a change: a scheduled re-check of a settled claim adds a
verdict row each run but no change row, so the change table stays a short list of events. UNVERIFIABLE →
UNVERIFIABLE is unchanged whatever the reason says.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from marketfact.checks.verdicts import Label


class ChangeKind(StrEnum):
    """What happened to a claim's verdict between two recordings."""

    FIRST = "first"
    DATA_ARRIVED = "data_arrived"
    DATA_LOST = "data_lost"
    VENDOR_CORRECTION = "vendor_correction"
    RELABELLED = "relabelled"
    REVISED = "revised"


@dataclass(frozen=True, slots=True)
class Observation:
    """The parts of a verdict that changes are judged on."""

    label: Label
    measured: float | None
    fingerprint: str | None


def same_measurement(a: float | None, b: float | None) -> bool:
    """Whether two measured values are equal, allowing for float noise far below any stated precision."""
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def classify(previous: Observation | None, current: Observation) -> ChangeKind | None:
    """The change from ``previous`` to ``current``, or None when nothing worth recording changed."""
    if previous is None:
        return ChangeKind.FIRST
    was_unverifiable = previous.label is Label.UNVERIFIABLE
    is_unverifiable = current.label is Label.UNVERIFIABLE
    if was_unverifiable and is_unverifiable:
        return None
    if was_unverifiable:
        return ChangeKind.DATA_ARRIVED
    if is_unverifiable:
        return ChangeKind.DATA_LOST
    measured_changed = not same_measurement(previous.measured, current.measured)
    if previous.fingerprint is not None and current.fingerprint is not None:
        # Both verdicts name their numbers: equal numbers mean the vendor changed nothing, whatever
        # the measured value did (a changed method moves it without any data changing).
        evidence_changed = previous.fingerprint != current.fingerprint
    else:
        evidence_changed = measured_changed
    if previous.label is not current.label:
        return ChangeKind.VENDOR_CORRECTION if evidence_changed else ChangeKind.RELABELLED
    return ChangeKind.REVISED if evidence_changed or measured_changed else None
