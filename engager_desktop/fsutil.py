"""Crash-safe file writes: a temp file in the same folder, fsync, atomic replace, folder fsync.

Standard library only, and nothing from engager_desktop, so every layer may use it. This gives
crash safety (a killed process leaves the old file or the new one, never a mix); it relies on the
disk honouring fsync for power-loss safety.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

Writer = Callable[[BinaryIO, bytes], None]
"""Writes ``data`` to an open file; tests inject one that fails part-way."""


def write_all(handle: BinaryIO, data: bytes) -> None:
    """Write all of ``data``, however many writes it takes (a write of nothing is an error)."""
    view = memoryview(data)
    while view:
        written = handle.write(view)
        if not written:
            raise OSError("nothing was written")
        view = view[written:]


def temp_name(path: Path) -> Path:
    """A hidden name beside ``path``, random and never derived from the content."""
    return path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")


def atomic_write_bytes(path: Path, data: bytes, *, write: Writer | None = None) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    The temp file is created with mode 0600 (exclusive create), written, flushed and fsynced,
    renamed over ``path`` with ``os.replace`` and then the folder is fsynced (not on Windows, where
    a folder cannot be opened for fsync). On any error the temp file is removed and the error is
    raised again; ``path`` is then untouched.
    """
    path = Path(path)
    writer = write or write_all
    temp = temp_name(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o600)
    try:
        handle = os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        _remove(temp)
        raise
    try:
        with handle:
            writer(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        _remove(temp)
        raise
    fsync_dir(path.parent)


def _remove(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink()


def remove_stale_temps(path: Path) -> int:
    """Delete temp files that a killed ``atomic_write_bytes(path, …)`` left; return how many."""
    path = Path(path)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{16}}\.tmp")
    stale = [name for name in os.listdir(path.parent) if pattern.fullmatch(name)]
    for name in stale:
        _remove(path.parent / name)
    return len(stale)


def read_at_most(source: BinaryIO, limit: int, piece: int = 1 << 20) -> bytes:
    """Up to ``limit`` bytes from ``source``, read in ``piece``-sized reads: one ``read(limit)``
    would set aside ``limit`` bytes up front however small the file (200 MiB for a bundle)."""
    pieces: list[bytes] = []
    left = limit
    while left > 0 and (chunk := source.read(min(piece, left))):
        pieces.append(chunk)
        left -= len(chunk)
    return b"".join(pieces)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and owner-only (0600 on POSIX) if it is missing; SQLite then gives
    its -wal and -shm files the same mode."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(Path(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def restrict_to_owner(folder: Path) -> None:
    """On POSIX, make ``folder`` and every folder in it 0700 and every file 0600 (a vault made
    before vaults were created that way); a file that cannot be changed is left as it is."""
    if sys.platform == "win32":
        return
    root = Path(folder)
    for item in [root, *root.rglob("*")]:
        if item.is_symlink():
            continue
        with contextlib.suppress(OSError):
            os.chmod(item, 0o700 if item.is_dir() else 0o600)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (a rename or a new file) to disk; a no-op on Windows."""
    if sys.platform != "win32":
        fd = os.open(Path(path), os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
