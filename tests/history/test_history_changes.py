"""Change kinds between a claim's previous verdict and its re-check, row by row."""

from __future__ import annotations

import pytest

from marketfact.checks.verdicts import Label
from marketfact.history.changes import ChangeKind, Observation, classify, same_measurement

C, M, W, U = Label.CORRECT, Label.MOSTLY_CORRECT, Label.INCORRECT, Label.UNVERIFIABLE  # W: wrong
NVDA = -16.968167157481422  # 142.62 → 118.42, the snapshot's closes of 24 and 27 Jan 2025


@pytest.mark.parametrize(
    ("previous", "current", "kind"),
    [
        (None, Observation(C, NVDA, "a"), ChangeKind.FIRST),
        (None, Observation(U, None, None), ChangeKind.FIRST),
        (Observation(U, None, None), Observation(C, NVDA, "a"), ChangeKind.DATA_ARRIVED),
        (Observation(U, None, None), Observation(W, 8.93, "b"), ChangeKind.DATA_ARRIVED),
        (Observation(C, NVDA, "a"), Observation(U, None, None), ChangeKind.DATA_LOST),
        (Observation(U, None, None), Observation(U, None, None), None),
        # the vendor filled in a missing base close: −17.82 % became −19.95 %
        (Observation(C, -17.82, "a"), Observation(M, -19.95, "b"), ChangeKind.VENDOR_CORRECTION),
        # without evidence rows on either side the measured value is all there is to compare
        (Observation(C, -17.82, None), Observation(M, -19.95, None), ChangeKind.VENDOR_CORRECTION),
        # same numbers, other label: the rules changed, not the data
        (Observation(M, -19.95, "b"), Observation(W, -19.95, "b"), ChangeKind.RELABELLED),
        (Observation(M, -19.95, "b"), Observation(W, -19.90, "b"), ChangeKind.RELABELLED),
        (Observation(M, -19.95, None), Observation(W, -19.95, None), ChangeKind.RELABELLED),
        # adjusted closes replaced by raw ones: new numbers, same verdict
        (Observation(C, -16.9706, "adj"), Observation(C, NVDA, "raw"), ChangeKind.REVISED),
        (Observation(C, -16.9706, None), Observation(C, NVDA, None), ChangeKind.REVISED),
        (Observation(C, NVDA, "a"), Observation(C, NVDA + 1e-12, "a"), None),
        (Observation(C, NVDA, "a"), Observation(C, NVDA, "a"), None),
    ],
)
def test_classify(previous: Observation | None, current: Observation, kind: ChangeKind | None) -> None:
    assert classify(previous, current) == kind


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [(None, None, True), (None, 1.0, False), (1.0, None, False), (-16.97, -16.97, True), (-16.97, -16.96, False)],
)
def test_same_measurement(a: float | None, b: float | None, same: bool) -> None:
    assert same_measurement(a, b) is same
