"""``marketfact.collector``: the start-up pause of the garbage collector, once, ended with the imports frozen."""

from __future__ import annotations

import gc
import threading

import pytest

from marketfact import collector


@pytest.fixture(autouse=True)
def _collector_on_and_unfrozen():  # type: ignore[no-untyped-def]
    assert gc.isenabled()
    yield
    gc.enable()
    gc.unfreeze()


def test_the_start_up_pause_ends_once_with_the_imports_frozen() -> None:
    collector.pause_imports()
    collector.pause_imports()  # a second pause changes nothing
    assert not gc.isenabled()
    collector.resume_imports()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    collector.resume_imports()  # nor does a second resume
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    collector.pause_imports()
    collector.resume_imports()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0  # nothing paused, nothing frozen


def test_the_pause_may_end_in_another_thread() -> None:
    """The command pauses in its main thread; the warm-up thread ends the pause (flows.runtime.prewarm)."""
    collector.pause_imports()
    thread = threading.Thread(target=collector.resume_imports)
    thread.start()
    thread.join(10)
    assert gc.isenabled()


def test_only_the_start_up_pause_is_left() -> None:
    """The other tricks saved under 0.5 s each on the seed check (docs/performance.md) and were removed."""
    public = {name for name in vars(collector) if not name.startswith("_") and callable(getattr(collector, name))}
    assert public - {"annotations"} == {"pause_imports", "resume_imports"}
