"""``gc_paused`` switches the collector off for its block and restores the state it found."""

from __future__ import annotations

import gc
from datetime import date

import pytest

from marketfact.claims.bulk import gc_paused


def test_collector_is_off_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block found it off and leaves it off
    assert gc.isenabled()


def test_restored_when_the_block_raises() -> None:
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def fail_inside(build: object) -> None:
    with gc_paused(long_lived=True):
        assert callable(build)
        build()
        raise RuntimeError("boom")


def test_long_lived_objects_are_frozen_only_when_the_block_succeeds() -> None:
    frozen = gc.get_freeze_count()
    try:
        with pytest.raises(RuntimeError):
            fail_inside(lambda: [{"n": i} for i in range(1000)])
        assert gc.get_freeze_count() == frozen
        with gc_paused(long_lived=True):
            kept = [{"n": i} for i in range(1000)]
        assert gc.get_freeze_count() >= frozen + len(kept)
    finally:
        gc.unfreeze()
    assert gc.isenabled()


def test_claims_that_give_the_same_fields_share_one_fields_set() -> None:
    from marketfact.claims.model import Claim

    given = {"text": "Nvidia fell 17%", "subject": "Nvidia", "instrument": "NVDA", "metric": "close_change"}
    first = Claim.model_validate({"id": "a", **given, "direction": "down", "value": 17, "sessions": ["2025-01-27"]})
    second = Claim.model_validate({"id": "b", **given, "direction": "down", "value": 5, "sessions": ["2025-01-28"]})
    assert first.model_fields_set is second.model_fields_set
    changed = first.model_copy(update={"hedge": "rund"})
    assert "hedge" in changed.model_fields_set
    assert "hedge" not in second.model_fields_set
    assert first.model_dump(exclude_unset=True) == {**given, "id": "a", "direction": "down", "value": 17.0,
                                                   "value_text": "17", "sessions": [date(2025, 1, 27)]}  # fmt: skip
