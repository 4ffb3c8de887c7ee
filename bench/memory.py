"""Memory of a bench phase step by step: the resident memory before a step, its peak during it, what stays after.

On Linux the peak of one step is exact: writing ``5`` to ``/proc/self/clear_refs`` resets the process's
high-water mark (``VmHWM``) to its current resident memory, so ``VmHWM`` at the step's end is the highest
point reached inside it. The process's overall peak is kept across those resets (``peak_rss_mb``).
Where the reset is refused (another OS, a locked-down ``/proc``) a step's peak is the process's peak so far.

With ``trace=True`` (``python -m bench.run --trace-memory``, slower: use a smaller size) Python's
``tracemalloc`` also reports, per step, the traced peak, what is still allocated after the step and the
source lines holding the most of it: which objects stay alive, not only how much. NumPy and pandas
buffers are traced; Arrow's own memory pool is not. Its snapshots cost memory themselves: with tracing,
the resident figures include them (read the traced ones).

All data the bench reads is SYNTHETIC (bench/synthetic.py).
"""

from __future__ import annotations

import contextlib
import resource
import threading
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")
_folded = 0.0  # the highest VmHWM seen before a reset, in MB
_lock = threading.Lock()


def _status_mb(field: str) -> float | None:
    with contextlib.suppress(OSError):
        for line in _STATUS.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # kB
    return None


def rss_mb() -> float:
    """Resident memory of this process now, in MB (0.0 where /proc is not there)."""
    return _status_mb("VmRSS") or 0.0


def _hwm_mb() -> float:
    # ru_maxrss keeps the parent's high-water mark across fork and exec; VmHWM is this program's alone.
    hwm = _status_mb("VmHWM")
    return hwm if hwm is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB, across the per-step resets."""
    return max(_folded, _hwm_mb())


def reset_peak() -> bool:
    """Start a new high-water mark at the current resident memory (the old one is kept for ``peak_rss_mb``)."""
    global _folded
    _folded = max(_folded, _hwm_mb())
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def _where(stat: tracemalloc.Statistic) -> str:
    frame = stat.traceback[0]
    name = frame.filename
    for marker in ("site-packages/", str(Path(__file__).resolve().parent.parent) + "/"):
        if marker in name:
            name = name.split(marker, 1)[1]
            break
    return f"{name}:{frame.lineno}"


class MemorySteps:
    """Resident memory per named step (MB): ``before``, ``peak`` during, ``after``; repeated names keep the maximum.

    Steps may run in threads side by side (Prefect's mapped tasks): a reset by one shortens the other's
    peak, so those steps' peaks are lower bounds; sequential steps are exact.
    """

    def __init__(self, trace: bool = False, top: int = 8) -> None:
        self.steps: dict[str, dict[str, Any]] = {}
        self.trace, self.top = trace, top
        if trace and not tracemalloc.is_tracing():
            tracemalloc.start()

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Measure the body of a ``with`` block under ``name``."""
        with _lock:
            before = rss_mb()
            exact = reset_peak()
            if self.trace:
                tracemalloc.reset_peak()
        try:
            yield
        finally:
            with _lock:
                entry = {"before": before, "peak": _hwm_mb() if exact else peak_rss_mb(), "after": rss_mb()}
                if self.trace:
                    current, peak = tracemalloc.get_traced_memory()
                    entry |= {"traced_after": current / 2**20, "traced_peak": peak / 2**20}
                    held = tracemalloc.take_snapshot().statistics("lineno")[: self.top]
                    entry["held"] = [(_where(s), s.size / 2**20) for s in held]
                old = self.steps.get(name)
                if old is not None:
                    entry["peak"] = max(entry["peak"], old["peak"])
                    entry["before"] = old["before"]
                self.steps[name] = entry
