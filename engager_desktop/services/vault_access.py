"""Opening a vault for the GUI and the CLI: unlock, create and recover, then the identity check;
and changing its passphrase.

Every way into a vault makes its folder owner-only (POSIX) and ends with ``after_unlock``: a vault
that was copied to another laptop or restored from a backup takes a new device identity before
anything is written with the old one. "Someone may know my old passphrase or recovery code"
replaces the data key too (a rekey), so an old copy of the keyslots file stops opening the vault;
that is the default after a recovery.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engager_desktop.fsutil import restrict_to_owner
from engager_desktop.services.sync import after_unlock
from engager_desktop.store import credentials, lifecycle
from engager_desktop.store.backup import list_backups
from engager_desktop.store.credentials import Progress
from engager_desktop.store.vault import Vault, VaultOptions


@dataclass(frozen=True)
class KeyChange:
    """What a passphrase change did, for the message that follows it."""

    rekeyed: bool  # a new data key: old copies of the keyslots file no longer open the vault
    code: str | None  # the new recovery code (a rekey always issues one)
    old_backups: tuple[str, ...]  # backup folders: each still opens with the secrets of its time


def backoff_wait(path: Path, options: VaultOptions) -> float:
    """Seconds before the next unlock attempt is allowed (the unlock window's countdown)."""
    return lifecycle.backoff_wait(path, options)


def _checked(vault: Vault) -> Vault:
    try:
        restrict_to_owner(vault.path)  # an older vault may have been made with looser modes
        after_unlock(vault)
    except BaseException:
        vault.lock()
        raise
    return vault


def unlock(path: Path, passphrase: str, options: VaultOptions) -> Vault:
    return _checked(lifecycle.unlock_vault(path, passphrase, options))


def create(
    path: Path, passphrase: str, options: VaultOptions, *, laptop_name: str | None = None
) -> tuple[Vault, str]:
    vault, code = lifecycle.create_vault(path, passphrase, options, laptop_name=laptop_name)
    return _checked(vault), code


def old_backups(path: Path) -> tuple[str, ...]:
    return tuple(f"backups/{folder.name}" for folder in list_backups(path))


def change_passphrase(
    vault: Vault,
    current: str,
    new: str,
    *,
    someone_may_know: bool,
    progress: Progress | None = None,
) -> KeyChange:
    """A new passphrase; with ``someone_may_know``, a new data key and recovery code as well."""
    if not someone_may_know:
        credentials.change_passphrase(vault, current, new)
        return KeyChange(False, None, old_backups(vault.path))
    code = credentials.rekey(vault, current, new, progress)
    return KeyChange(True, code, old_backups(vault.path))


def recover(
    path: Path,
    code: str,
    passphrase: str,
    options: VaultOptions,
    *,
    someone_may_know: bool = True,
    progress: Progress | None = None,
) -> tuple[Vault, str, KeyChange]:
    """Open with the recovery code and set a new passphrase (and, by default, a new data key)."""
    vault, new_code = credentials.recover(path, code, passphrase, options)
    try:
        if someone_may_know:
            new_code = credentials.rekey(vault, passphrase, progress=progress)
    except BaseException:
        vault.lock()
        raise
    change = KeyChange(someone_may_know, new_code, old_backups(path))
    return _checked(vault), new_code, change
