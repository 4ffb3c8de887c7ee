"""Memory a large run frees goes back to the system, not into the next step's peak.

``lean_allocators`` (Arrow's buffers from the system allocator) and ``give_back`` (glibc's ``malloc_trim``)
are called by the flow for runs of more than ``checks.columnar.LAZY_ABOVE`` claims (bench.run: memory
per step). Nothing here changes a result.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from typing import Any

_lean = False


def lean_allocators() -> None:
    """Let this process's Arrow buffers come from the system allocator from now on (once per process).

    pandas keeps strings in Arrow arrays; Arrow's default pool (mimalloc) keeps the pages of freed
    buffers for reuse, so a large run's temporary columns stayed resident: planning 100 000 SYNTHETIC
    claims left +178 MB resident with the default pool and +47 MB with the system allocator, whose freed
    memory ``give_back`` returns (bench.run, memory per step). Buffers made before keep their pool.
    """
    global _lean
    if _lean:
        return
    import pyarrow as pa

    with contextlib.suppress(NotImplementedError):
        pa.set_memory_pool(pa.system_memory_pool())
    _lean = True


def give_back() -> None:
    """Return the C heap's free pages to the system (glibc's ``malloc_trim``; nothing elsewhere).

    Freed memory of numpy, pandas and Arrow (system pool) stays in the process until the top of the heap
    is free; after a large step it is mostly in the middle. ≈10–30 ms after a step of 100 000 claims.
    """
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.cache
def _libc() -> Any:
    import ctypes
    import ctypes.util

    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim  # noqa: B018 - glibc has it; musl does not
    except (OSError, AttributeError):
        return None
    return libc
