"""Write a bundle to a USB stick so that a full or pulled stick never leaves a file at its name.

temp name in the same folder (exclusive create) -> write -> flush -> fsync the file -> rename to
the final name without overwriting (hard link then unlink; where the file system has no hard links,
as on FAT/exFAT sticks, check-then-rename, which Windows refuses to overwrite anyway) -> fsync the
folder -> drop the file from the page cache (``posix_fadvise(DONTNEED)`` on Linux) so the read-back
comes from the stick, not from memory. On Windows and macOS the cache is not dropped (Python has
no unbuffered read there without ctypes); the read-back then proves the bytes the system holds.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from engager_desktop.fsutil import Writer, fsync_dir, read_at_most, temp_name, write_all


def write_new(final: Path, data: bytes, *, write: Writer | None = None) -> None:
    """Create ``final`` holding ``data`` (never replacing an existing file); raise OSError."""
    temp = temp_name(final)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            (write or write_all)(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        _rename_no_clobber(temp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(final.parent)
    drop_from_cache(final)


def _rename_no_clobber(temp: Path, final: Path) -> None:
    try:
        os.link(temp, final)
    except FileExistsError:
        raise
    except OSError:
        if final.exists():
            raise FileExistsError(final) from None
        os.rename(temp, final)
        return
    temp.unlink()


def drop_from_cache(path: Path) -> None:
    fadvise = getattr(os, "posix_fadvise", None)
    if fadvise is None:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def read_back(path: Path, limit: int) -> bytes:
    """The file as it now reads from the stick: at most ``limit`` + 1 bytes."""
    with path.open("rb") as handle:
        return read_at_most(handle, limit + 1)


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
