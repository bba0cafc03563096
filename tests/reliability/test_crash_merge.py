"""Kill -9 while bundles are merged in: every acknowledged import present, none half-applied.

Bundle K carries every man of batches 0…K (a full export after batch K was written), so after a
kill the men present must be exactly batches 0…J for some J at or beyond the last acknowledged K.
kill -9 shows crash safety, not power-loss safety.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.services import sync
from engager_desktop.store.check import check_vault
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.orm import Participant
from engager_desktop.store.vault import LOCK_FILE
from tests.reliability.crash_writer import write_one
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

ROOT = Path(__file__).resolve().parents[2]
BATCHES = 12
PER_BATCH = 10


Setup = tuple[Path, dict[str, bytes], list[Path]]


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    """A receiving vault (the source's card enrolled), its files' bytes, and BATCHES bundles.

    A copied vault takes a new device identity (bound to the database file's inode), so each
    round restores the receiving vault's bytes in place instead of copying it.
    """
    base = tmp_path_factory.mktemp("merge")
    source, _ = create_vault(base / "source", TEST_PASSPHRASE, test_options())
    target, _ = create_vault(base / "target", TEST_PASSPHRASE, test_options())
    stick = base / "stick"
    stick.mkdir()
    made = []
    try:
        mine, theirs = sync.device_card(source), sync.device_card(target)
        sync.enrol(source, theirs.data, theirs.fingerprint)
        sync.enrol(target, mine.data, mine.fingerprint)
        for k in range(BATCHES):
            for i in range(PER_BATCH):
                write_one(source, k * 100 + i)
            out = stick / f"b{k}"
            out.mkdir()
            made.append(sync.export(source, out, recipients=(theirs.device_id,)).path)
    finally:
        source.lock()
        target.lock()
    path = base / "target"
    saved = {p.name: p.read_bytes() for p in path.iterdir() if p.is_file() and p.name != LOCK_FILE}
    return path, saved, made


def restore(path: Path, saved: dict[str, bytes]) -> None:
    """Put the vault's files back as saved, writing in place (same inode), removing the rest."""
    for item in path.iterdir():
        if item.name not in saved and item.name != LOCK_FILE:
            shutil.rmtree(item) if item.is_dir() else item.unlink()
    for name, data in saved.items():
        with (path / name).open("r+b" if (path / name).exists() else "wb") as handle:
            handle.write(data)
            handle.truncate()


def _run_and_kill(path: Path, bundles: list[Path], delay: float) -> list[int]:
    """Start the importer, kill -9 it ``delay`` seconds after it is ready; return its acks."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.merge_writer", str(path), *map(str, bundles)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    acks: list[int] = []
    ready = threading.Event()
    assert proc.stdout is not None
    stdout = proc.stdout

    def reader() -> None:
        for line in stdout:
            if line.startswith("ack "):
                acks.append(int(line.split()[1]))
            elif line.startswith("ready"):
                ready.set()

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    ready.wait(timeout=60)  # the kill lands during the imports, whatever the start-up took
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    thread.join(timeout=5)
    return acks


def _verify(path: Path, last_ack: int) -> int:
    """Check passes and the men are exactly batches 0…J, J >= last_ack; return J."""
    vault = unlock_vault(path, TEST_PASSPHRASE, test_options())
    try:
        assert check_vault(vault).ok
        with vault.read() as session:
            numbers = {int(n[1:]) for n in session.scalars(select(Participant.prison_number))}
    finally:
        vault.lock()
    for j in range(-1, BATCHES):
        whole = {k * 100 + i for k in range(j + 1) for i in range(PER_BATCH)}
        if numbers == whole:
            assert j >= last_ack, f"acknowledged import {last_ack} lost"
            return j
    raise AssertionError("a bundle was half applied")


def _merge_kills(bundles: Setup, kills: int, seed: int) -> None:
    path, saved, made = bundles
    rng = random.Random(seed)
    reached = []
    for _ in range(kills):
        restore(path, saved)
        acks = _run_and_kill(path, made, rng.uniform(0.0, 1.2))
        reached.append(_verify(path, max(acks, default=-1)))
    print(f"merge kills: {kills}; last batch present after each: {reached}")
    assert max(reached) >= 0, "no import finished before a kill: the test exercised nothing"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_during_merges(bundles: Setup) -> None:
    _merge_kills(bundles, kills=3, seed=31)


@pytest.mark.slow
@pytest.mark.timeout(1800)
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_during_merges_long(bundles: Setup) -> None:
    _merge_kills(bundles, kills=200, seed=32)
