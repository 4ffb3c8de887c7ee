"""``marketfact.memory``: Arrow's buffers from the system allocator; giving freed memory back is safe at any time."""

from __future__ import annotations

import pyarrow as pa

from marketfact.memory import give_back, lean_allocators


def test_lean_allocators_and_give_back() -> None:
    lean_allocators()
    lean_allocators()  # once per process: a second call changes nothing
    assert pa.default_memory_pool().backend_name == "system"
    column = pa.array(["a", "b"] * 1000)
    del column
    give_back()
