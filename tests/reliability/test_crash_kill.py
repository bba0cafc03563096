"""Kill -9 during vault creation and writes: no vault or a sound one, no acknowledged commit lost.

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

from engager_desktop.store.check import check_vault
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import Goal, Participant, Step
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(path: Path, mode: str, start: int, delay: float) -> list[int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_writer", str(path), mode, str(start)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    acks: list[int] = []
    assert proc.stdout is not None
    stdout = proc.stdout

    def reader() -> None:
        for line in stdout:
            if line.startswith("ack "):
                acks.append(int(line.split()[1]))

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    time.sleep(delay)
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
