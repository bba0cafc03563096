"""Atomic writes: a failed or killed write leaves the previous file intact and no temp files."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import BinaryIO

import pytest

import engager_desktop
from engager_desktop.fsutil import atomic_write_bytes, fsync_dir, read_at_most, remove_stale_temps

OLD = b"the previous, complete contents of the file\n"
NEW = b"new contents: a different length and different bytes entirely!\n"


def _temp_files(folder: Path, target: Path) -> list[Path]:
    return [folder / name for name in os.listdir(folder) if name != target.name]


def _failing_after(folder: Path, target: Path, limit: int) -> tuple[list[Path], object]:
    names: list[Path] = []

    def write(handle: BinaryIO, data: bytes) -> None:
        names.extend(_temp_files(folder, target))
        handle.write(data[:limit])
        handle.flush()
        raise OSError(28, "No space left on device")

    return names, write


def test_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "keyslots.json"
    atomic_write_bytes(target, OLD)
    assert target.read_bytes() == OLD
    atomic_write_bytes(target, NEW)
    assert target.read_bytes() == NEW
    assert os.listdir(tmp_path) == ["keyslots.json"]


def test_empty_data(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    atomic_write_bytes(target, b"")
    assert target.read_bytes() == b""


@pytest.mark.parametrize("limit", range(len(NEW) + 1))
def test_failure_after_n_bytes_keeps_previous_file(tmp_path: Path, limit: int) -> None:
    target = tmp_path / "state.json"
    target.write_bytes(OLD)
    names, write = _failing_after(tmp_path, target, limit)
    with pytest.raises(OSError, match="No space left"):
        atomic_write_bytes(target, NEW, write=write)  # type: ignore[arg-type]
    assert target.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["state.json"]
    assert len(names) == 1 and not names[0].exists()


def test_failure_without_previous_file_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    _, write = _failing_after(tmp_path, target, 3)
    with pytest.raises(OSError):
        atomic_write_bytes(target, NEW, write=write)  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == []


def test_temp_name_is_hidden_random_and_beside_target(tmp_path: Path) -> None:
    target = tmp_path / "backoff.json"
    temp: list[Path] = []

    def write(handle: BinaryIO, data: bytes) -> None:
        temp.extend(_temp_files(tmp_path, target))
        handle.write(data)

    atomic_write_bytes(target, b"secret-looking-content", write=write)
    atomic_write_bytes(target, b"secret-looking-content", write=write)
    assert len(temp) == 2
    assert all(t.parent == tmp_path for t in temp)
    assert all(t.name.startswith(".backoff.json.") and t.name.endswith(".tmp") for t in temp)
    assert temp[0].name != temp[1].name
    assert all("secret" not in t.name for t in temp)


def test_replace_failure_removes_temp(tmp_path: Path) -> None:
    target = tmp_path / "occupied"
    target.mkdir()
    (target / "inside").write_bytes(b"x")
    with pytest.raises(OSError):
        atomic_write_bytes(target, NEW)
    assert sorted(os.listdir(tmp_path)) == ["occupied"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_file_is_private(tmp_path: Path) -> None:
    target = tmp_path / "keyslots.json"
    atomic_write_bytes(target, OLD)
    assert target.stat().st_mode & 0o777 == 0o600


def test_fsync_dir_runs(tmp_path: Path) -> None:
    fsync_dir(tmp_path)
    with pytest.raises(OSError):
        fsync_dir(tmp_path / "missing")


_WRITER = """
import sys
from pathlib import Path
from engager_desktop.fsutil import atomic_write_bytes
target = Path(sys.argv[1])
blocks = [b"A" * 65536, b"B" * 65536]
print("ready", flush=True)
n = 0
while True:
    atomic_write_bytes(target, blocks[n % 2])
    n += 1
"""


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_killed_writer_leaves_a_whole_file(tmp_path: Path) -> None:
    """A process killed mid-write leaves the old or the new file, never a mix (crash safety)."""
    target = tmp_path / "state.bin"
    atomic_write_bytes(target, b"A" * 65536)
    root = str(Path(engager_desktop.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": root}
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, env=env
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(0.3)
    finally:
        child.kill()
        child.wait()
    data = target.read_bytes()
    assert data in (b"A" * 65536, b"B" * 65536)
    leftovers = [name for name in os.listdir(tmp_path) if name != "state.bin"]
    assert len(leftovers) <= 1  # a kill can leave one temp file; it never replaces the target
    assert all(name.startswith(".state.bin.") and name.endswith(".tmp") for name in leftovers)


def test_remove_stale_temps(tmp_path: Path) -> None:
    target = tmp_path / "keyslots.json"
    atomic_write_bytes(target, OLD)
    stale = [
        tmp_path / ".keyslots.json.0123456789abcdef.tmp",
        tmp_path / ".keyslots.json.fedcba9876543210.tmp",
    ]
    keep = [tmp_path / ".keyslots.json.notours.tmp", tmp_path / ".other.json.0123456789abcdef.tmp"]
    for path in stale + keep:
        path.write_bytes(b"partial")
    assert remove_stale_temps(target) == 2
    assert sorted(os.listdir(tmp_path)) == sorted(["keyslots.json"] + [p.name for p in keep])
    assert target.read_bytes() == OLD
    assert remove_stale_temps(tmp_path / "never-written") == 0


class _CountingReader(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.asked: list[int] = []

    def read(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        self.asked.append(-1 if size is None else size)
        return super().read(size)


def test_read_at_most_stops_at_the_limit_and_never_asks_for_it_all_at_once() -> None:
    data = bytes(range(256)) * 40  # 10,240 bytes
    small = _CountingReader(data)
    assert read_at_most(small, 5000, piece=1024) == data[:5000]
    assert max(small.asked) == 1024 and sum(small.asked) == 5000
    whole = _CountingReader(data)
    assert read_at_most(whole, 1 << 30, piece=4096) == data
    assert max(whole.asked) == 4096
    assert read_at_most(io.BytesIO(b""), 10) == b""
