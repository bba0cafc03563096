"""Pytest fixtures for real encrypted vaults made fast: tiny KDF, fake clock, one template copied.

Tiny KDF parameters are for tests only; production never uses them (the keyslot floor refuses them).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from engager_desktop.crypto.kdf import KdfPolicy
from engager_desktop.domain.clock import FakeClock
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.vault import Vault, VaultOptions

TEST_PASSPHRASE = "quiet-harbour-lantern-fifty-two"
TEST_START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def test_options(clock: FakeClock | None = None) -> VaultOptions:
    return VaultOptions(kdf=KdfPolicy.for_tests(), clock=clock or FakeClock(TEST_START))


test_options.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TEST_START)


@pytest.fixture
def options(clock: FakeClock) -> VaultOptions:
    return test_options(clock)


@pytest.fixture(scope="session")
def template_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One migrated vault per test session; tests get copies. Returns (path, recovery code)."""
    path = tmp_path_factory.mktemp("template") / "vault"
    vault, code = create_vault(path, TEST_PASSPHRASE, test_options())
    vault.lock()
    return path, code


@pytest.fixture
def vault_path(template_vault: tuple[Path, str], tmp_path: Path) -> Path:
    target = tmp_path / "vault"
    shutil.copytree(template_vault[0], target, ignore=shutil.ignore_patterns("vault.lock"))
    return target


@pytest.fixture
def recovery_code(template_vault: tuple[Path, str]) -> str:
    return template_vault[1]


@pytest.fixture
def vault(vault_path: Path, options: VaultOptions) -> Iterator[Vault]:
    opened = unlock_vault(vault_path, TEST_PASSPHRASE, options)
    yield opened
    opened.lock()


@pytest.fixture
def new_vault(tmp_path: Path, options: VaultOptions) -> Iterator[Callable[[str], Vault]]:
    """Factory for extra fresh vaults (each with its own vault and device id), for sync tests."""
    made: list[Vault] = []

    def make(name: str) -> Vault:
        vault, _code = create_vault(tmp_path / name, TEST_PASSPHRASE, options)
        made.append(vault)
        return vault

    yield make
    for vault in made:
        vault.lock()
