"""``gc_paused`` switches the collector off for its block and restores the state it found."""

from __future__ import annotations

import gc

import pytest

from claims.bulk import gc_paused


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
