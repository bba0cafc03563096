"""Disk full and failing writes: clean errors, earlier files unchanged, nothing half-written left.

SQLCipher's own writes are reached in a child process under ``setrlimit(RLIMIT_FSIZE)`` with
SIGXFSZ ignored (a Python wrapper cannot reach them); Python-side writes (keyslots, a saved PDF)
through ``fsutil.atomic_write_bytes`` with a writer that fails after N bytes, at every N.
"""

from __future__ import annotations

import errno
import hashlib
import json
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest
from sqlalchemy import func, select

from engager_desktop import fsutil
from engager_desktop.crypto.errors import WrongPassphrase
from engager_desktop.store import credentials
from engager_desktop.store.backup import BACKUP_DIR
from engager_desktop.store.check import check_vault
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.orm import Participant
from engager_desktop.store.vault import LOCK_FILE, Vault
from tests.reliability.crash_writer import OTHER_PASSPHRASE, write_one
from tests.reliability.fault_child import NEW_MEN
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

ROOT = Path(__file__).resolve().parents[2]
LEFTOVER_MARKS = (".tmp", ".partial", "-journal", ".creating-")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")


def leftovers(folder: Path) -> list[str]:
    """Zero-byte files (the lock file aside) and temporary files or folders under ``folder``."""
    found = []
    for item in folder.rglob("*"):
        if any(mark in item.name for mark in LEFTOVER_MARKS):
            found.append(f"temporary {item.relative_to(folder)}")
        elif item.is_file() and item.name != LOCK_FILE and item.stat().st_size == 0:
            found.append(f"zero bytes {item.relative_to(folder)}")
    return found


def men(vault: Vault) -> tuple[str, int]:
    """(hash of the men written before the fault, how many men the faulty write added)."""
    with vault.read() as session:
        rows = session.execute(
            select(Participant.id, Participant.given_name, Participant.prison_number)
            .where(Participant.family_name != "Disk")
            .order_by(Participant.id)
        ).all()
        added = session.scalar(
            select(func.count()).select_from(Participant).where(Participant.family_name == "Disk")
        )
    return hashlib.sha256(repr(rows).encode()).hexdigest(), int(added or 0)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("faults") / "vault"
    vault, _code = create_vault(path, TEST_PASSPHRASE, test_options())
    for i in range(3):
        write_one(vault, i)
    before, _ = men(vault)
    vault.lock()
    return path, before


def _run_child(mode: str, cases: list[tuple[Path, int]]) -> list[dict[str, object]]:
    args = json.dumps([[str(folder), limit] for folder, limit in cases])
    done = subprocess.run(
        [sys.executable, "-m", "tests.reliability.fault_child", mode, args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def _copies(tmp_path: Path, small: tuple[Path, str], limits: list[int]) -> list[tuple[Path, int]]:
    cases = []
    for i, limit in enumerate(limits):
        target = tmp_path / f"c{i}"
        shutil.copytree(small[0], target, ignore=shutil.ignore_patterns(LOCK_FILE))
        cases.append((target, limit))
    return cases


def _limits(db_size: int, n: int, seed: int) -> list[int]:
    """Mostly limits below what the write needs (about 300 KB of WAL), a quarter above."""
    rng = random.Random(seed)
    low = [rng.randrange(1024, 280_000) for _ in range(n - n // 4)]
    high = [rng.randrange(280_000, db_size + 512 * 1024) for _ in range(n // 4)]
    return sorted(low + high)


def _disk_full_writes(tmp_path: Path, small: tuple[Path, str], n: int, seed: int) -> None:
    keyslots_before = (small[0] / "keyslots.json").read_bytes()
    cases = _copies(tmp_path, small, _limits((small[0] / "vault.db").stat().st_size, n, seed))
    failed = 0
    results = _run_child("write", cases)
    for result in results:
        folder = Path(str(result["folder"]))
        assert leftovers(folder) == [], result
        assert (folder / "keyslots.json").read_bytes() == keyslots_before
        vault = unlock_vault(folder, TEST_PASSPHRASE, test_options())
        try:
            assert check_vault(vault).ok, result
            before, added = men(vault)
        finally:
            vault.lock()
        assert before == small[1], "a record written before the fault changed"
        if result["error"] is not None:
            failed += 1
            assert added == 0, f"partial transaction after {result}"
            assert "Disk" not in str(result.get("message", ""))
        else:
            assert added == NEW_MEN
    kinds = sorted({f"{r['error']}: {r.get('message')}" for r in results if r["error"]})
    print(f"disk full during vault writes: {n} limits, {failed} refused cleanly {kinds}")
    assert failed >= n // 2, "most limits should be too small for the write"


@posix_only
def test_disk_full_during_vault_writes(tmp_path: Path, small: tuple[Path, str]) -> None:
    _disk_full_writes(tmp_path, small, n=8, seed=1)


@pytest.mark.slow
@posix_only
def test_disk_full_during_vault_writes_long(tmp_path: Path, small: tuple[Path, str]) -> None:
    _disk_full_writes(tmp_path, small, n=100, seed=2)


@posix_only
def test_disk_full_during_backups(tmp_path: Path, small: tuple[Path, str]) -> None:
    size = (small[0] / "vault.db").stat().st_size
    limits = [0, 1, 4096, size // 2, size - 1, size + 64 * 1024]
    cases = _copies(tmp_path, small, limits)
    keyslots_before = (small[0] / "keyslots.json").read_bytes()
    results = _run_child("backup", cases)
    for result in results:
        folder = Path(str(result["folder"]))
        assert leftovers(folder) == [], result
        assert (folder / "keyslots.json").read_bytes() == keyslots_before
        vault = unlock_vault(folder, TEST_PASSPHRASE, test_options())
        assert check_vault(vault).ok and men(vault) == (small[1], 0)
        vault.lock()
        made = list((folder / BACKUP_DIR).iterdir()) if (folder / BACKUP_DIR).exists() else []
        if result["error"] is not None:
            assert made == [], f"a failed backup left {made}"
        else:
            assert len(made) == 1
            backup = unlock_vault(made[0], TEST_PASSPHRASE, test_options())
            assert check_vault(backup).ok
            backup.lock()
    errors = [r["error"] for r in results]
    print(f"disk full during backups: {errors}")
    assert errors[:-1] == ["BackupFailed"] * (len(errors) - 1), "one clean error at every limit"
    assert errors[-1] is None, "a limit above the database size must let the backup through"


# --------------------------------------------------------------------------- Python-side writes


def failing_after(n: int, times: list[int]) -> fsutil.Writer:
    """A writer that writes ``n`` bytes then fails as a full disk would; counts its failures."""

    def write(handle: BinaryIO, data: bytes) -> None:
        handle.write(data[:n])
        times.append(n)
        raise OSError(errno.ENOSPC, "No space left on device")

    return write


def _patch_keyslot_writes(
    monkeypatch: pytest.MonkeyPatch, writer: Callable[[], fsutil.Writer | None]
) -> None:
    real = fsutil.atomic_write_bytes

    def patched(path: Path, data: bytes, *, write: fsutil.Writer | None = None) -> None:
        real(path, data, write=writer())

    monkeypatch.setattr(credentials, "atomic_write_bytes", patched)


def test_keyslot_write_failing_at_every_byte(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ks_path = vault_path / "keyslots.json"
    before = ks_path.read_bytes()
    failures: list[int] = []
    current: list[int] = [0]
    _patch_keyslot_writes(monkeypatch, lambda: failing_after(current[0], failures))
    for n in range(len(before) + 64):  # the new file is about as long as the old
        current[0] = n
        with pytest.raises(OSError):
            credentials.change_passphrase(vault, TEST_PASSPHRASE, OTHER_PASSPHRASE)
        assert ks_path.read_bytes() == before
        assert leftovers(vault_path) == []
    print(f"keyslot write failing after N bytes: {len(failures)} values of N, all clean")
    monkeypatch.undo()
    vault.lock()
    again = unlock_vault(vault_path, TEST_PASSPHRASE, test_options())
    again.lock()
    with pytest.raises(WrongPassphrase):
        unlock_vault(vault_path, OTHER_PASSPHRASE, test_options())


def test_keyslot_write_failing_once_then_succeeding(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failures: list[int] = []
    plan = [failing_after(100, failures)]
    _patch_keyslot_writes(monkeypatch, lambda: plan.pop() if plan else None)
    with pytest.raises(OSError):
        credentials.change_passphrase(vault, TEST_PASSPHRASE, OTHER_PASSPHRASE)
    credentials.change_passphrase(vault, TEST_PASSPHRASE, OTHER_PASSPHRASE)  # the disk has room
    assert failures == [100] and leftovers(vault_path) == []
    vault.lock()
    unlock_vault(vault_path, OTHER_PASSPHRASE, test_options()).lock()


def _pdf_save_failing(tmp_path: Path, step: int) -> int:
    target = tmp_path / "Session review - Tomos.pdf"
    target.write_bytes(b"%PDF-1.4 the earlier copy\n%%EOF\n")
    before = target.read_bytes()
    new = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
    failures: list[int] = []
    for n in range(0, len(new) + 1, step):
        with pytest.raises(OSError):
            fsutil.atomic_write_bytes(target, new, write=failing_after(n, failures))
        assert target.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    fsutil.atomic_write_bytes(target, new)
    assert target.read_bytes() == new
    return len(failures)


def test_pdf_save_failing_at_every_nth_byte(tmp_path: Path) -> None:
    assert _pdf_save_failing(tmp_path, 97) == 106


@pytest.mark.slow
def test_pdf_save_failing_at_every_byte(tmp_path: Path) -> None:
    cases = _pdf_save_failing(tmp_path, 1)
    print(f"PDF save failing after N bytes: {cases} values of N, all clean")
