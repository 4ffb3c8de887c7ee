"""Files written whole or not at all, with the permissions the user's umask gives (0644 under umask 022).

``tempfile.mkstemp`` creates its file with mode 0600 whatever the umask, and ``os.replace`` keeps that
mode: reports on a shared drive would be readable by their writer only. Here the temporary file is opened
with mode 0666 and the kernel takes the umask (and a folder's default ACL) off it, as for any file a
program creates, so a report ends up exactly as ``touch`` would have made it. No call to ``os.umask``,
which would change the whole process's umask for a moment under other threads.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

_BUFFER = 1 << 20
"""Writes are buffered by the megabyte: a report streamed in small pieces makes few system calls."""

_ATTEMPTS = 100


def _open_new(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` (same file system, so the rename is atomic), opened for writing.

    The name starts with a dot and ends in ``.tmp``: a folder's listing or an index scan skips it, and a
    clean-up can find what a killed writer left.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_ATTEMPTS):
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def atomic_write(path: Path | str, data: str | bytes | Iterable[str], *, durable: bool = False) -> None:
    """Replace ``path`` with ``data`` so that no reader, in any process, sees a partial file.

    ``data`` is text (UTF-8), bytes, or pieces of text written as they come (a report streamed claim by
    claim); a failure while they are produced leaves the previous file in place and no temporary file.
    ``durable`` also flushes the file and its folder to the disk, so a power cut brings back neither a
    half file nor the old one.
    """
    path = Path(path)
    fd, tmp = _open_new(path)
    try:
        if isinstance(data, bytes):
            handle = os.fdopen(fd, "wb", buffering=_BUFFER)
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", buffering=_BUFFER)  # type: ignore[assignment]
        with handle:
            if isinstance(data, (str, bytes)):
                handle.write(data)  # type: ignore[arg-type]
            else:
                handle.writelines(data)  # type: ignore[arg-type]
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if durable:
        # The rename itself must reach the disk too, or a power cut could bring the old file back.
        with contextlib.suppress(OSError):
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
