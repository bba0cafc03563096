"""The per-vault instance lock: refused while held, by this or another process; freed on exit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import engager_desktop
from engager_desktop.crypto.errors import VaultError, VaultInUse
from engager_desktop.store.instance_lock import InstanceLock

_HOLDER = """
import sys
from pathlib import Path
from engager_desktop.store.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def lock_path(tmp_path: Path) -> Path:
    return tmp_path / "vault.lock"


@pytest.fixture
def holder(lock_path: Path) -> Iterator[subprocess.Popen[str]]:
    root = str(Path(engager_desktop.__file__).resolve().parent.parent)
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(lock_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": root},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(timeout=10)


def test_second_lock_in_the_same_process_is_refused(lock_path: Path) -> None:
    first = InstanceLock(lock_path)
    first.acquire()
    with pytest.raises(VaultInUse) as caught:
        InstanceLock(lock_path).acquire()
    assert isinstance(caught.value, VaultError)
    assert str(caught.value) == "this vault is already open in another window or program"
    first.release()
    with InstanceLock(lock_path) as second:
        assert second.held
    assert not second.held


def test_another_process_holding_it_refuses_us(
    lock_path: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(VaultInUse):
        InstanceLock(lock_path).acquire()
    assert holder.stdin is not None and holder.stdout is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "released"
    with InstanceLock(lock_path):
        pass


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_a_killed_holder_releases_it(lock_path: Path, holder: subprocess.Popen[str]) -> None:
    with pytest.raises(VaultInUse):
        InstanceLock(lock_path).acquire()
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    assert lock_path.exists()  # the file stays; only the OS lock mattered
    with InstanceLock(lock_path) as lock:
        assert lock.held


def test_existing_file_with_content_is_not_a_lock(lock_path: Path) -> None:
    lock_path.write_text("pid 12345 from a previous run")
    with InstanceLock(lock_path):
        pass


def test_acquire_twice_and_release_twice(lock_path: Path) -> None:
    lock = InstanceLock(lock_path)
    lock.acquire()
    with pytest.raises(RuntimeError):
        lock.acquire()
    lock.release()
    lock.release()
    assert not lock.held


def test_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        InstanceLock(tmp_path / "no-such-vault" / "vault.lock").acquire()
