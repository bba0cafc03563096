"""Opening a vault for the GUI and the CLI: unlock, create and recover, then the identity check.

Every way into a vault makes its folder owner-only (POSIX) and ends with ``after_unlock``: a vault
that was copied to another laptop or restored from a backup takes a new device identity before
anything is written with the old one.
"""

from __future__ import annotations

from pathlib import Path

from engager_desktop.fsutil import restrict_to_owner
from engager_desktop.services.sync import after_unlock
from engager_desktop.store import credentials, lifecycle
from engager_desktop.store.vault import Vault, VaultOptions


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


def recover(path: Path, code: str, passphrase: str, options: VaultOptions) -> tuple[Vault, str]:
    vault, new_code = credentials.recover(path, code, passphrase, options)
    return _checked(vault), new_code
