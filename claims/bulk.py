"""Build many objects without Python's cyclic garbage collector scanning them all, again and again.

The collector runs each time ~700 more container objects exist than were freed, and every tenth and
hundredth run walks older generations too. Loading 100 000 claims creates over a million dicts, lists
and models, none in a reference cycle, so those runs free nothing: measured on the benchmark's claim
file, half of the loading time (1.5 of 3.0 s) and 0.4 s of the core's 2.5 s were collector passes.
``gc_paused`` switches the collector off for such a block and back on (if it was on) after it; garbage
without cycles is still freed at once by reference counting, and any cycles made meanwhile wait for the
next collection. Pausing only defers the work, though: the first full collection after the block walks
every object it built (≈0.4 s for 100 000 claims). With ``long_lived=True`` the block's objects (and
whatever else exists at its end) are moved out of the collector's sight with ``gc.freeze()``: use it for
what lives as long as the run, such as a large claim file; a full collection runs first (≈0.2 s in a
process that has imported Prefect and Great Expectations), so that no garbage is frozen with them. Frozen
objects are still freed by reference counting when the last reference goes; only cycles among them would
outlive the run.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused(long_lived: bool = False) -> Iterator[None]:
    """Run the block with the cyclic garbage collector off; nested blocks are fine.

    ``long_lived``: freeze what exists when the block ends without an error (see the module's notes).
    """
    was_enabled = gc.isenabled()
    if long_lived:
        # Collect first, so that only live objects are frozen: garbage frozen now would never be collected.
        gc.collect()
    gc.disable()
    try:
        yield
        if long_lived:
            gc.freeze()
    finally:
        if was_enabled:
            gc.enable()
