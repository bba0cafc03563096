"""Change the passphrase, recover with the recovery code, and rekey the database.

A new keyslots file is verified (parsed back and opened with the new secret) before it replaces
the old one. A passphrase change or a recovery rewraps the same data key: the vault's keyslots file
no longer opens with the old secret, but any copy of the old file (a backup's included) still does.
Only a rekey (a new data key) shuts such a copy out. A rekey writes a keyslots file holding both
data keys, re-encrypts the database, checks it opens under the new key, then drops the old key: a
crash at any point leaves an openable vault.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from engager_desktop.crypto import keyslots, recovery_code
from engager_desktop.crypto.errors import VaultDamaged, VaultError
from engager_desktop.crypto.kdf import calibrate
from engager_desktop.fsutil import atomic_write_bytes
from engager_desktop.i18n import tr
from engager_desktop.store.backoff import Backoff
from engager_desktop.store.engine import make_engine, open_connection
from engager_desktop.store.lifecycle import (
    BackoffActive,
    _acquire,
    _audit_unlock,
    _open,
    _read_keyslots,
    _require_vault,
    _working_key,
    require_strong,
)
from engager_desktop.store.vault import BACKOFF_FILE, DB_FILE, KEYSLOTS_FILE, Vault, VaultOptions

Progress = Callable[[int, int, str], None]  # (step, of steps, what it is doing)
REKEY_STEPS = (
    "writing the new keys",
    "re-encrypting the database",
    "checking the database opens under the new key",
    "removing the old key",
)


def _write_verified(path: Path, new: keyslots.Keyslots, options: VaultOptions, check: str) -> None:
    """Parse the new file back and open it with ``check`` before it replaces the old one."""
    data = new.to_bytes()
    parsed = keyslots.Keyslots.from_bytes(data, options.kdf, KEYSLOTS_FILE)
    keyslots.open_with_passphrase(parsed, check)
    atomic_write_bytes(path / KEYSLOTS_FILE, data)
    on_disk = _read_keyslots(path, options)
    keyslots.open_with_passphrase(on_disk, check)


def change_passphrase(vault: Vault, current: str, new: str) -> None:
    """Rewrap the data key under a new passphrase; the recovery code keeps working.

    The data key stays the same, so a copy of the old keyslots file still opens the vault with the
    old passphrase: ``rekey`` is the change for "someone may know my old passphrase".
    """
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


def rekey(
    vault: Vault,
    passphrase: str,
    new_passphrase: str | None = None,
    progress: Progress | None = None,
) -> str:
    """Re-encrypt the database under a new data key, in place; returns the new recovery code.

    For "someone may know my old passphrase or recovery code": an old copy of keyslots.json then
    unwraps a key that no longer opens the database. With ``new_passphrase`` the passphrase changes
    in the same step. The same Vault object carries on under the new key, and the single-instance
    lock is held throughout. The recovery slot must wrap the new key too and the old code cannot be
    read back, so a rekey always issues a new recovery code.
    """
    path, options = vault.path, vault.options
    secret = passphrase if new_passphrase is None else new_passphrase
    if new_passphrase is not None:
        require_strong(new_passphrase, options)
    step = _steps(progress)
    ks = _read_keyslots(path, options)
    deks = keyslots.open_with_passphrase(ks, passphrase)
    old_gen = max(deks)
    new_gen, new_dek = old_gen + 1, secrets.token_bytes(32)
    code = recovery_code.generate()
    step(0)
    both_keys = {old_gen: deks[old_gen], new_gen: new_dek}
    both = keyslots.with_deks(ks, both_keys, secret, code, calibrate(options.kdf))
    _write_verified(path, both, options, secret)
    vault.audit("rekey_started")
    with vault.paused():  # other threads' reads and writes wait for the new key
        step(1)
        vault.engine.dispose()
        engine: Engine | None = None
        try:
            _reencrypt(path, deks[old_gen], new_dek)
            step(2)
            engine = _checked_engine(path, new_dek)
            step(3)
            _write_verified(path, keyslots.keep_generation(both, new_gen), options, secret)
        except BaseException:
            if engine is not None:
                engine.dispose()
            _carry_on(vault, both_keys)
            raise
        vault.rekeyed(engine, new_dek)
    if not vault.closed:  # locked meanwhile (the idle lock): the finish shows in keyslots.json only
        vault.audit("rekey_finished", detail=None if new_passphrase is None else "new passphrase")
    return code


def _steps(progress: Progress | None) -> Callable[[int], None]:
    def step(index: int) -> None:
        if progress is not None:
            progress(index + 1, len(REKEY_STEPS), REKEY_STEPS[index])

    return step


def _reencrypt(path: Path, old_dek: bytes, new_dek: bytes) -> None:
    conn = open_connection(path / DB_FILE, old_dek)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.reset_key(b"x'" + new_dek.hex().encode("ascii") + b"'")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _checked_engine(path: Path, dek: bytes) -> Engine:
    engine = make_engine(path / DB_FILE, dek)
    try:
        with engine.connect() as c:
            c.exec_driver_sql("SELECT count(*) FROM vault_meta").fetchone()
    except Exception as exc:
        engine.dispose()
        raise VaultDamaged(
            DB_FILE, tr("Errors", "the database did not reopen under the new key")
        ) from exc
    return engine


def _carry_on(vault: Vault, deks: dict[int, bytes]) -> None:
    """A rekey failed part-way: keep the Vault object on whichever key opens the database now."""
    try:
        _gen, dek = _working_key(vault.path, deks)
        vault.rekeyed(make_engine(vault.path / DB_FILE, dek), dek)
    except VaultError:
        pass  # the caller reports the first failure; the next unlock finishes or undoes the rekey
