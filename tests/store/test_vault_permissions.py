"""On POSIX the vault folder is 0700 and every file in it 0600, whatever the umask."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from engager_desktop.store.backup import backup_vault
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.sync.identity import ensure_own_identity
from tests.vault_fixtures import TEST_PASSPHRASE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for item in root.rglob("*"):
        found[str(item.relative_to(root))] = stat.S_IMODE(item.lstat().st_mode)
    return found


def test_vault_folder_is_0700_and_its_files_0600(
    open_umask: None, new_vault: Callable[[str], Vault], options: VaultOptions
) -> None:
    vault = new_vault("private")
    ensure_own_identity(vault)  # writes sync-binding.json
    vault.audit("test_touch")
    backup_vault(vault.path, vault.data_key, reason="test", when=options.clock.now())
    path = vault.path
    vault.lock()
    again = unlock_vault(path, TEST_PASSPHRASE, options)  # wal, shm, lock and backoff files
    try:
        modes = _modes(path)
        assert {"vault.db", "keyslots.json", "sync-binding.json"} <= modes.keys()
        assert any(name.startswith("backups/") for name in modes)
        wrong = {
            name: oct(mode)
            for name, mode in modes.items()
            if mode != (0o700 if (path / name).is_dir() else 0o600)
        }
        assert wrong == {}
    finally:
        again.lock()


def test_an_older_vault_is_made_owner_only_when_opened(
    open_umask: None, vault_path: Path, options: VaultOptions
) -> None:
    from engager_desktop.services import vault_access

    os.chmod(vault_path, 0o755)
    for item in vault_path.rglob("*"):
        os.chmod(item, 0o755 if item.is_dir() else 0o644)
    opened = vault_access.unlock(vault_path, TEST_PASSPHRASE, options)
    try:
        wrong = {
            name: oct(mode)
            for name, mode in _modes(vault_path).items()
            if mode != (0o700 if (vault_path / name).is_dir() else 0o600)
        }
        assert wrong == {}
    finally:
        opened.lock()
