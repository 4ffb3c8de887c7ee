"""A reading weighed by its claim's verdict as read (``claims.extract.calibration.weigh``): what check-article does
once the claims are judged."""

from __future__ import annotations

from marketfact.claims.extract.calibration import (
    CANNOT_CHECK_AS_READ,
    CEILINGS,
    CEILINGS_IF_PASS,
    FAILS_AS_READ,
    NO_DATA,
    NO_DATA_NOTE,
    uncertain,
    weigh,
)
from marketfact.claims.readings import Reading


def reading(confidence: float = 0.95, inferred: tuple[str, ...] = (), unheld: float | None = 0.95) -> Reading:
    return Reading("s01-nvda", 0, (0, 40), (20, 23), "17%", confidence=confidence, inferred=inferred, unheld=unheld)


def test_a_claim_that_fails_as_read_is_held_at_the_measured_accuracy_of_such_readings() -> None:
    weighed = weigh(reading(), "fail")
    assert weighed.confidence == CEILINGS["data: fails as read"] == 0.1
    assert weighed.inferred == ("data: fails as read",)
    assert FAILS_AS_READ in weighed.notes
    assert "confidence held at 0.10: measured accuracy of data: fails as read" in weighed.notes
    assert uncertain([weighed]) == {"s01-nvda": 0.1}
    assert weigh(weighed, "fail") == weighed  # weighed once


def test_a_claim_that_cannot_be_checked_as_read_is_held_too() -> None:
    weighed = weigh(reading(0.6, ("day: several in sentence",)), "unverifiable")
    assert weighed.confidence == CEILINGS["data: cannot be checked as read"] == 0.1
    assert weighed.inferred == ("day: several in sentence", "data: cannot be checked as read")
    assert CANNOT_CHECK_AS_READ in weighed.notes
    low = reading(0.1, ("day: none named",))
    assert weigh(low, "unverifiable").confidence == 0.1  # never raised by a verdict that does not pass


def test_a_claim_unverifiable_for_want_of_data_alone_keeps_its_confidence_with_a_note() -> None:
    weighed = weigh(reading(0.95), NO_DATA)
    assert (weighed.confidence, weighed.inferred) == (0.95, ())
    assert weighed.notes == (NO_DATA_NOTE,)
    assert weigh(weighed, NO_DATA) == weighed  # noted once
    assert uncertain([weighed]) == {}


def test_a_claim_that_passes_as_read_is_held_at_the_ceilings_of_passing_readings() -> None:
    held = reading(0.6, ("subject: reference back",), unheld=0.95)
    lifted = weigh(held, "pass")
    assert lifted.confidence == CEILINGS_IF_PASS["subject: reference back"] == 0.9
    assert lifted.inferred == held.inferred
    assert lifted.notes[-1].startswith("confidence raised to 0.90: the claim holds on the market data as read")
    # never above what the reading had before its ceilings, and never for a pass that proves nothing
    assert weigh(reading(0.6, ("subject: reference back",), unheld=0.7), "pass").confidence == 0.7
    assert weigh(reading(0.1, ("day: none named",)), "pass").confidence == 0.1
    # no inference, or no record of the confidence before the ceilings (an older reading): as it was
    assert weigh(reading(0.95), "pass") == reading(0.95)
    assert weigh(reading(0.6, ("subject: reference back",), unheld=None), "pass").confidence == 0.6


def test_an_outcome_that_is_no_verdict_changes_nothing() -> None:
    assert weigh(reading(), "") == reading()


def test_the_terminal_says_what_was_uncertain_when_told() -> None:
    from marketfact.claims.extract.calibration import uncertain_lines

    lines = uncertain_lines({"s01-nvda": 0.1, "s02-avgo": 0.6}, reasons={"s01-nvda": ("as read, it fails",)})
    assert lines[0] == "reading uncertain — confirm: s01-nvda (confidence 0.10: as read, it fails)"
    assert lines[1] == "reading uncertain — confirm: s02-avgo (confidence 0.60)"
