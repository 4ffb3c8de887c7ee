"""The one garbage-collector trick the project keeps: a command's start-up runs with Python's cyclic garbage
collector paused, and what it imported is then frozen out of every later collection.

Importing Prefect, Great Expectations and the project makes millions of objects (functions, classes, tables)
in no reference cycle; each collection on the way walks all of those made so far and frees nothing. The pause
is measured in docs/performance.md ("Garbage collector"), with the tricks that were removed because they saved
too little. Garbage without cycles is still freed at once by reference counting while the collector is off.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_paused = False


def pause_imports() -> None:
    """Pause the collector for a command's start-up, until :func:`resume_imports` (a second call does nothing;
    a collector the caller switched off stays off)."""
    global _paused
    with _lock:
        if not _paused and gc.isenabled():
            _paused = True
            gc.disable()


def resume_imports() -> None:
    """End :func:`pause_imports` (once; else nothing): freeze what is alive, then switch the collector back on.

    Frozen objects (the imported modules) stay out of every later collection, so the ones the run triggers only
    walk the run's own objects, and the interpreter's final collection at exit skips them."""
    global _paused
    with _lock:
        if _paused:
            _paused = False
            gc.freeze()
            gc.enable()
