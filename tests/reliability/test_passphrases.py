"""Passphrases: wrong guesses, back-off to its cap across restarts, audit, policy, KDF floor."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from sqlalchemy import func, select

from engager_desktop.crypto import keyslots, passphrase_strength
from engager_desktop.crypto.errors import VaultDamaged, WeakPassphrase, WrongPassphrase
from engager_desktop.crypto.kdf import ASVS_FLOOR, PRODUCTION, calibrate, meets_floor
from engager_desktop.domain.backoff_rule import MAX_DELAY
from engager_desktop.domain.clock import FakeClock
from engager_desktop.store.lifecycle import (
    BackoffActive,
    backoff_wait,
    require_strong,
    unlock_vault,
)
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import VaultOptions
from tests.vault_fixtures import TEST_PASSPHRASE, TEST_START, test_options

PRISON_CONTEXT = ("Wandsworth", "Pentonville", "Belmarsh", "Strangeways", "Dartmoor")


def _wrong(rng: random.Random) -> str:
    """A wrong guess: random, or the right passphrase with one character changed."""
    if rng.random() < 0.5:
        return "".join(rng.choice(string.ascii_letters + "- ") for _ in range(rng.randint(1, 40)))
    chars = list(TEST_PASSPHRASE)
    i = rng.randrange(len(chars))
    chars[i] = "X" if chars[i] != "X" else "Y"
    return "".join(chars)


def _guess_many(vault_path: Path, n: int, seed: int) -> tuple[int, int, FakeClock]:
    """Make ``n`` wrong guesses, waiting out the back-off on a fake clock; (wrong, waits, clock)."""
    rng = random.Random(seed)
    clock = FakeClock(TEST_START)
    wrong = waits = 0
    for _ in range(n):
        options = test_options(clock)  # a fresh "process" each time: state lives in the file
        wait = backoff_wait(vault_path, options)
        if wait > 0:
            with pytest.raises(BackoffActive):
                unlock_vault(vault_path, TEST_PASSPHRASE, options)  # refused without trying
            clock.advance(wait)
            waits += 1
        try:
            unlock_vault(vault_path, _wrong(rng), options)
        except WrongPassphrase:
            wrong += 1
        # anything else (VaultDamaged above all) propagates and fails the test
    return wrong, waits, clock


def _wrong_then_right(vault_path: Path, n: int, seed: int) -> None:
    wrong, waits, clock = _guess_many(vault_path, n, seed)
    assert wrong == n
    assert waits == n - 3, "every attempt after the third waits"
    clock.advance(MAX_DELAY)
    vault = unlock_vault(vault_path, TEST_PASSPHRASE, test_options(clock))
    with vault.read() as session:
        failed = session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "unlock_failed")
        )
    vault.lock()
    print(f"{n} wrong passphrases: {wrong} reported wrong, {failed} audited, {waits} waits")
    assert failed == n, "every failed attempt is audited at the next unlock"


def test_wrong_passphrases_all_reported_wrong_and_audited(vault_path: Path) -> None:
    _wrong_then_right(vault_path, 200, seed=1)


@pytest.mark.slow
def test_wrong_passphrases_all_reported_wrong_and_audited_long(vault_path: Path) -> None:
    _wrong_then_right(vault_path, 1000, seed=2)


def test_backoff_doubles_to_its_cap_and_survives_restart(vault_path: Path) -> None:
    clock = FakeClock(TEST_START)
    waits: list[float] = []
    for _ in range(14):
        options = test_options(clock)
        wait = backoff_wait(vault_path, options)
        waits.append(wait)
        clock.advance(wait)
        with pytest.raises(WrongPassphrase):
            unlock_vault(vault_path, "not-the-right-one", options)
    assert waits == [0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]
    # A restart (new options, new objects) half-way through a wait still owes the rest.
    clock.advance(100)
    assert backoff_wait(vault_path, test_options(clock)) == pytest.approx(200)
    with pytest.raises(BackoffActive):
        unlock_vault(vault_path, TEST_PASSPHRASE, test_options(clock))


COMMON = ["password1234", "123456789012", "qwertyuiop123", "letmein12345", "iloveyou2026!"]
CONTEXT = [
    "engagerengager",
    "Engager2026!!",
    "HMPhmpHMP1234",
    "hmp-prison-2026",
    "Wandsworth2026!",
    "Pentonville123",
    "Belmarsh-Belmarsh",
    "engager-prison-hmp",
]


@pytest.mark.parametrize("candidate", COMMON + CONTEXT)
def test_common_and_context_passphrases_refused(candidate: str) -> None:
    options = VaultOptions(kdf=test_options().kdf, context_words=PRISON_CONTEXT)
    with pytest.raises(WeakPassphrase) as caught:
        require_strong(candidate, options)
    assert candidate not in str(caught.value)


def test_a_suggested_passphrase_is_accepted() -> None:
    for _ in range(20):
        assert passphrase_strength.assess(passphrase_strength.suggest(), PRISON_CONTEXT).acceptable


def test_production_kdf_at_or_above_the_asvs_floor() -> None:
    assert ASVS_FLOOR.time_cost >= 3 and ASVS_FLOOR.memory_kib >= 64 * 1024
    assert meets_floor(PRODUCTION.floor, ASVS_FLOOR)
    params = calibrate(PRODUCTION)  # really measured on this machine (about 0.5-1 s)
    print(f"production parameters here: {params}")
    assert meets_floor(params, ASVS_FLOOR)


def test_a_vault_below_the_floor_is_refused_by_production(vault_path: Path) -> None:
    data = (vault_path / "keyslots.json").read_bytes()
    with pytest.raises(VaultDamaged):
        keyslots.Keyslots.from_bytes(data, PRODUCTION)


def _audited(vault_path: Path, clock: FakeClock, action: str) -> list[str | None]:
    vault = unlock_vault(vault_path, TEST_PASSPHRASE, test_options(clock))
    try:
        with vault.read() as session:
            rows = session.scalars(select(AuditEvent.detail).where(AuditEvent.action == action))
            return list(rows)
    finally:
        vault.lock()


@pytest.mark.parametrize("wipe", ["delete", "garble"])
def test_wiping_the_backoff_file_neither_resets_the_wait_nor_hides_it(
    vault_path: Path, wipe: str
) -> None:
    """The attack: fail three times, delete (or garble) backoff.json, guess again at once."""
    clock = FakeClock(TEST_START)
    for _ in range(2):
        with pytest.raises(WrongPassphrase):
            unlock_vault(vault_path, "not-the-right-one", test_options(clock))
    backoff_file = vault_path / "backoff.json"
    if wipe == "delete":
        backoff_file.unlink()
    else:
        backoff_file.write_bytes(b"\x00")
    assert backoff_wait(vault_path, test_options(clock)) == 2, "counts as three failures"
    with pytest.raises(BackoffActive):
        unlock_vault(vault_path, TEST_PASSPHRASE, test_options(clock))
    backoff_file.unlink()  # again, during the wait: the wait starts over, never shortens
    clock.advance(1)
    assert backoff_wait(vault_path, test_options(clock)) == 2
    clock.advance(2)
    lost = _audited(vault_path, clock, "backoff_lost")
    assert len(lost) == 1, "audited at the unlock (a file deleted twice shows as one loss)"
    assert all(detail and "missing or unreadable" in detail for detail in lost)


def test_a_folder_that_is_no_vault_gets_no_backoff_file(tmp_path: Path) -> None:
    assert backoff_wait(tmp_path, test_options()) == 0
    assert not (tmp_path / "backoff.json").exists()
