"""Kill -9 during creation, writes, passphrase changes and session reviews: nothing acked lost.

kill -9 shows crash safety (the process dies, the OS survives), not power-loss safety.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from engager_desktop.crypto import keyslots, recovery_code
from engager_desktop.crypto.errors import WrongPassphrase
from engager_desktop.store.check import check_vault
from engager_desktop.store.engine import open_connection
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.orm import DistressRating, Goal, Meeting, Participant, Step
from tests.reliability.crash_writer import PASSPHRASES
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(path: Path, mode: str, start: int, delay: float) -> list[int]:
    return [int(words[1]) for words in _run_and_kill_lines(path, mode, start, delay)]


IMPORTS_SECONDS = 1.0  # about what the writer takes to start when the machine is quiet


def _run_and_kill_lines(
    path: Path, mode: str, start: int, delay: float, *extra: str
) -> list[list[str]]:
    """Start the writer, kill -9 it after ``delay`` seconds; return its "ack …" lines, split.

    Creation is killed ``delay`` seconds after the start (some kills land mid-creation). The other
    modes are killed ``delay`` less the usual start-up time after the writer says "ready", so a
    busy machine's slow start-up does not leave every kill before the first write.
    """
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.reliability.crash_writer",
            str(path),
            mode,
            str(start),
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    acks: list[list[str]] = []
    ready = threading.Event()
    assert proc.stdout is not None
    stdout = proc.stdout

    def reader() -> None:
        for line in stdout:
            if line.startswith("ack "):
                acks.append(line.split())
            elif line.startswith("ready"):
                ready.set()
        ready.set()  # the writer ended: nothing to wait for

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    if mode == "create":
        time.sleep(delay)
    else:
        ready.wait(timeout=120)
        time.sleep(max(0.05, delay - IMPORTS_SECONDS))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    thread.join(timeout=5)
    return acks


def _verify(path: Path, acked: set[int]) -> None:
    vault = unlock_vault(path, TEST_PASSPHRASE, test_options())
    try:
        assert check_vault(vault).ok
        with vault.read() as session:
            numbers = {int(p[1:]) for p in session.scalars(select(Participant.prison_number))}
            assert acked <= numbers, f"acknowledged commits lost: {sorted(acked - numbers)[:5]}"
            goals = session.scalar(select(func.count()).select_from(Goal))
            steps = session.scalar(select(func.count()).select_from(Step))
            assert goals == len(numbers) and steps == 2 * len(numbers), "partial transaction"
    finally:
        vault.lock()


def _kill_loop(tmp_path: Path, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    for round_no in range(rounds):
        path = tmp_path / f"v{round_no}"
        delay = rng.uniform(0.7, 1.8)  # imports take ~0.9 s: some kills land in creation
        acks = _run_and_kill(path, "create", 0, delay)
        if not path.exists():
            assert not acks
            continue
        _verify(path, set(acks))
        acked = set(acks)
        start = 1000
        for _ in range(2):  # reopen and kill again while writing to an existing vault
            more = _run_and_kill(path, "write", start, rng.uniform(1.0, 1.8))
            acked |= set(more)
            start += 1000
            _verify(path, acked)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_during_create_and_writes(tmp_path: Path) -> None:
    _kill_loop(tmp_path, rounds=7, seed=20261125)  # 21 kills in the default run


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_during_create_and_writes_long(tmp_path: Path) -> None:
    _kill_loop(tmp_path, rounds=67, seed=7)  # 201 kills


# --------------------------------------------------------------------------- passphrase changes


def _open_either(path: Path, first: int) -> int:
    """Open with passphrase ``first`` or else the other; return which opened (check passes)."""
    for which in (first, 1 - first):
        try:
            vault = unlock_vault(path, PASSPHRASES[which], test_options())
        except WrongPassphrase:
            continue
        try:
            assert check_vault(vault).ok
        finally:
            vault.lock()
        return which
    raise AssertionError("neither the old nor the new passphrase opens the vault")


def _recovery_still_opens(path: Path, code: str) -> None:
    data = (path / "keyslots.json").read_bytes()
    ks = keyslots.Keyslots.from_bytes(data, test_options().kdf, "keyslots.json")
    deks = keyslots.open_with_recovery(ks, recovery_code.normalise(code))
    open_connection(path / "vault.db", deks[max(deks)]).close()


def _passwd_loop(tmp_path: Path, kills: int, seed: int) -> int:
    """Kill -9 during passphrase changes; return how many changes were acknowledged."""
    rng = random.Random(seed)
    path = tmp_path / "pw"
    vault, code = create_vault(path, TEST_PASSPHRASE, test_options())
    vault.lock()
    current, changes = 0, 0
    for round_no in range(kills):
        acks = _run_and_kill_lines(
            path, "passwd", round_no * 1000, rng.uniform(1.0, 1.6), str(current)
        )
        changes += len(acks)
        last = int(acks[-1][2]) if acks else current
        # The last acknowledged passphrase opens, unless the next change had already replaced it.
        current = _open_either(path, last)
        _recovery_still_opens(path, code)
    stale = len(list(path.glob(".keyslots.json.*.tmp")))
    # FINDING: nothing calls fsutil.remove_stale_temps at unlock, so a kill mid-write leaves its
    # temp file (an encrypted keyslots copy) behind. Reported, not failed, until unlock cleans up.
    print(
        f"passphrase changes: {kills} kills, {changes} changes acknowledged, all opened; "
        f"{stale} stale keyslots temp files left"
    )
    return changes


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_during_passphrase_change(tmp_path: Path) -> None:
    assert _passwd_loop(tmp_path, kills=4, seed=11) > 0


@pytest.mark.slow
@pytest.mark.timeout(1800)
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_during_passphrase_change_long(tmp_path: Path) -> None:
    assert _passwd_loop(tmp_path, kills=200, seed=12) > 0


# --------------------------------------------------------------------------- session reviews


def _verify_reviews(path: Path, acked: set[int]) -> None:
    vault = unlock_vault(path, TEST_PASSPHRASE, test_options())
    try:
        assert check_vault(vault).ok
        with vault.read() as session:
            notes = session.scalars(select(Meeting.notes)).all()
            saved = {int(n.split()[1]) for n in notes if n and n.startswith("review ")}
            assert acked <= saved, f"acknowledged reviews lost: {sorted(acked - saved)[:5]}"
            ratings = session.scalar(select(func.count()).select_from(DistressRating))
            new_steps = session.scalar(
                select(func.count()).select_from(Step).where(Step.what.like("rstep %"))
            )
            assert len(notes) == len(saved) == ratings == new_steps, "partial transaction"
    finally:
        vault.lock()


def _review_loop(tmp_path: Path, kills: int, seed: int) -> int:
    rng = random.Random(seed)
    path = tmp_path / "rv"
    create_vault(path, TEST_PASSPHRASE, test_options())[0].lock()
    acked: set[int] = set()
    for round_no in range(kills):
        acks = _run_and_kill(path, "review", round_no * 10000, rng.uniform(1.0, 1.8))
        acked |= set(acks)
        _verify_reviews(path, acked)
    print(f"session reviews: {kills} kills, {len(acked)} reviews acknowledged, none lost")
    return len(acked)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_during_session_reviews(tmp_path: Path) -> None:
    assert _review_loop(tmp_path, kills=4, seed=21) > 0


@pytest.mark.slow
@pytest.mark.timeout(1800)
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_during_session_reviews_long(tmp_path: Path) -> None:
    assert _review_loop(tmp_path, kills=200, seed=22) > 0
