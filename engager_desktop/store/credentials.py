"""Change the passphrase, recover with the recovery code, and rekey the database.

A new keyslots file is verified (parsed back and opened with the new secret) before it replaces
the old one, and the old one is gone once it is replaced, so the old passphrase or recovery code
stops working. A full rekey writes a keyslots file holding both data keys, re-encrypts the
database, checks it opens under the new key, then drops the old key: a crash at any point leaves
an openable vault.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from engager_desktop.crypto import keyslots, recovery_code
from engager_desktop.crypto.errors import VaultDamaged, VaultError
from engager_desktop.crypto.kdf import calibrate
from engager_desktop.fsutil import atomic_write_bytes
from engager_desktop.store.backoff import Backoff
from engager_desktop.store.engine import make_engine, open_connection
from engager_desktop.store.lifecycle import (
    BackoffActive,
    _acquire,
    _audit_unlock,
    _open,
    _read_keyslots,
    _require_vault,
    require_strong,
)
from engager_desktop.store.vault import BACKOFF_FILE, DB_FILE, KEYSLOTS_FILE, Vault, VaultOptions


def _write_verified(path: Path, new: keyslots.Keyslots, options: VaultOptions, check: str) -> None:
    """Parse the new file back and open it with ``check`` before it replaces the old one."""
    data = new.to_bytes()
    parsed = keyslots.Keyslots.from_bytes(data, options.kdf, KEYSLOTS_FILE)
    keyslots.open_with_passphrase(parsed, check)
    atomic_write_bytes(path / KEYSLOTS_FILE, data)
    on_disk = _read_keyslots(path, options)
    keyslots.open_with_passphrase(on_disk, check)


def change_passphrase(vault: Vault, current: str, new: str) -> None:
    """Rewrap the data key under a new passphrase; the recovery code keeps working."""
    options = vault.options
    require_strong(new, options)
    ks = _read_keyslots(vault.path, options)
    deks = keyslots.open_with_passphrase(ks, current)
    updated = keyslots.with_new_passphrase(ks, deks, new, calibrate(options.kdf))
    _write_verified(vault.path, updated, options, new)
    vault.audit("passphrase_changed")


def recover(path: Path, code: str, new_passphrase: str, options: VaultOptions) -> tuple[Vault, str]:
    """Open with the recovery code and set a new passphrase and code; the old code stops working."""
    path = Path(path)
    normalised = recovery_code.normalise(code)  # format errors before any key derivation
    require_strong(new_passphrase, options)
    _require_vault(path)
    lock = _acquire(path)
    try:
        backoff = Backoff(path / BACKOFF_FILE, options.clock)
        wait = backoff.seconds_to_wait()
        if wait > 0:
            raise BackoffActive(wait)
        ks = _read_keyslots(path, options)
        try:
            deks = keyslots.open_with_recovery(ks, normalised)
        except VaultError:
            backoff.record_failure()
            raise
        new_code = recovery_code.generate()
        updated = keyslots.with_deks(ks, deks, new_passphrase, new_code, calibrate(options.kdf))
        _write_verified(path, updated, options, new_passphrase)
        vault = _open(path, updated, deks, lock, options)
        _audit_unlock(vault, backoff.record_success(), "recovered")
        return vault, new_code
    except BaseException:
        lock.release()
        raise


def new_recovery_code(vault: Vault, passphrase: str) -> str:
    """Issue a new recovery code (for a reprinted recovery sheet); the old one stops working."""
    ks = _read_keyslots(vault.path, vault.options)
    deks = keyslots.open_with_passphrase(ks, passphrase)
    code = recovery_code.generate()
    updated = keyslots.with_new_recovery(ks, deks, code)
    _write_verified(vault.path, updated, vault.options, passphrase)
    vault.audit("recovery_code_replaced")
    return code


def rekey(vault: Vault, passphrase: str) -> tuple[Vault, str]:
    """Re-encrypt the database under a new data key; returns the reopened vault and a new code.

    The recovery slot must wrap the new key too, and the old code cannot be read back, so a rekey
    always issues a new recovery code (a suspected compromise is a good moment for one anyway).
    """
    path, options = vault.path, vault.options
    ks = _read_keyslots(path, options)
    deks = keyslots.open_with_passphrase(ks, passphrase)
    old_gen = max(deks)
    old_dek = deks[old_gen]
    new_gen, new_dek = old_gen + 1, secrets.token_bytes(32)
    code = recovery_code.generate()
    params = calibrate(options.kdf)
    both = keyslots.with_deks(ks, {old_gen: old_dek, new_gen: new_dek}, passphrase, code, params)
    _write_verified(path, both, options, passphrase)
    vault.audit("rekey_started")
    vault.lock()
    conn = open_connection(path / DB_FILE, old_dek)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.reset_key(b"x'" + new_dek.hex().encode("ascii") + b"'")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    check = make_engine(path / DB_FILE, new_dek, pool_size=1)
    try:
        with check.connect() as c:
            c.exec_driver_sql("SELECT count(*) FROM vault_meta").fetchone()
    except Exception as exc:
        raise VaultDamaged(DB_FILE, "the database did not reopen under the new key") from exc
    finally:
        check.dispose()
    final = keyslots.keep_generation(both, new_gen)
    _write_verified(path, final, options, passphrase)
    lock = _acquire(path)
    try:
        reopened = _open(path, final, {new_gen: new_dek}, lock, options)
    except BaseException:
        lock.release()
        raise
    reopened.audit("rekey_finished")
    return reopened, code
