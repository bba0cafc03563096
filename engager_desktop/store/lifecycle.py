"""Create, unlock, recover, change passphrase and rekey a vault, each crash-safe.

- create: built in a temporary folder beside the target and renamed into place;
- unlock: back-off first, then the keyslot (a wrong passphrase is an AEAD failure before SQLCipher
  is touched), then the database key is verified by a read, migrations run after a backup;
- passwd / recover: the new keyslots file is verified before it replaces the old one;
- rekey: the keyslots file holds both data keys while SQLCipher re-encrypts, so a crash at any
  point leaves a vault that the passphrase opens.
"""

from __future__ import annotations

import os
import secrets
import shutil
import uuid
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy import insert
from sqlalchemy.orm import Session

from engager_desktop.crypto import keyslots, passphrase_strength, recovery_code
from engager_desktop.crypto.errors import VaultDamaged, VaultError, WeakPassphrase
from engager_desktop.crypto.kdf import calibrate
from engager_desktop.domain import device_names
from engager_desktop.fsutil import atomic_write_bytes, fsync_dir, remove_stale_temps
from engager_desktop.i18n import tr
from engager_desktop.store import audit, devices, migrate
from engager_desktop.store.backoff import Backoff, Pending, start_file
from engager_desktop.store.backup import backup_vault
from engager_desktop.store.engine import make_engine, open_connection
from engager_desktop.store.instance_lock import InstanceLock
from engager_desktop.store.orm.system import VaultMeta
from engager_desktop.store.stamping import naive_utc, utc_iso
from engager_desktop.store.vault import (
    BACKOFF_FILE,
    DB_FILE,
    KEYSLOTS_FILE,
    LOCK_FILE,
    Vault,
    VaultOptions,
)


class VaultNotFound(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(tr("Errors", "no vault at {path}").format(path=path))


class VaultExists(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            tr(
                "Errors", "something already exists at {path}; choose a new folder for the vault"
            ).format(path=path)
        )


class BackoffActive(VaultError):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            tr("Errors", "too many failed attempts: try again in {seconds} seconds").format(
                seconds=int(seconds + 0.999)
            )
        )


def require_strong(passphrase: str, options: VaultOptions) -> None:
    result = passphrase_strength.assess(passphrase, options.context_words)
    if not result.acceptable:
        raise WeakPassphrase(result.reasons, passphrase_strength.suggest())


# --------------------------------------------------------------------------- create


def create_vault(
    path: Path,
    passphrase: str,
    options: VaultOptions,
    *,
    demo: bool = False,
    laptop_name: str | None = None,
) -> tuple[Vault, str]:
    """Make a new vault at ``path``; return it unlocked, with the recovery code to show once.

    ``laptop_name`` is the practitioner's name for this laptop (ValidationError if unusable)."""
    path = Path(path)
    name = device_names.check(device_names.DEFAULT_NAME if laptop_name is None else laptop_name)
    if path.exists():
        raise VaultExists(path)
    if not path.parent.is_dir():
        raise VaultNotFound(path.parent)
    require_strong(passphrase, options)
    _remove_stale_builds(path)
    build = path.with_name(f".{path.name}.creating-{secrets.token_hex(4)}")
    build.mkdir(mode=0o700)  # owner only; every file in it is created 0600
    try:
        code = _build(build, passphrase, options, demo=demo, name=name)
        fsync_dir(build)
        build.rename(path)
        fsync_dir(path.parent)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return unlock_vault(path, passphrase, options), code


def _remove_stale_builds(path: Path) -> None:
    for stale in path.parent.glob(f".{path.name}.creating-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _build(folder: Path, passphrase: str, options: VaultOptions, *, demo: bool, name: str) -> str:
    dek = secrets.token_bytes(32)
    vault_id = str(uuid.uuid4())
    code = recovery_code.generate()
    params = calibrate(options.kdf)
    open_connection(folder / DB_FILE, dek, create=True).close()
    engine = make_engine(folder / DB_FILE, dek, pool_size=1)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            meta = {
                "vault_id": vault_id,
                "created_at": utc_iso(options.clock),
                "demo": "1" if demo else "0",
            }
            conn.execute(insert(VaultMeta), [{"key": k, "value": v} for k, v in meta.items()])
            device_id = devices.create_self(conn, name=name, now=naive_utc(options.clock))
        with Session(engine.execution_options(immediate=True)) as session:
            audit.append(
                session,
                at=utc_iso(options.clock),
                device_id=device_id,
                action="vault_created",
                detail="demo" if demo else None,
            )
            session.commit()
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    ks = keyslots.create(vault_id, dek, passphrase, code, params)
    atomic_write_bytes(folder / KEYSLOTS_FILE, ks.to_bytes())
    start_file(folder / BACKOFF_FILE)  # from now on, a missing one was removed
    with (folder / DB_FILE).open("rb") as handle:
        os.fsync(handle.fileno())
    return code


# --------------------------------------------------------------------------- unlock


def _require_vault(path: Path) -> None:
    if not (path / KEYSLOTS_FILE).is_file() or not (path / DB_FILE).is_file():
        raise VaultNotFound(path)


def _read_keyslots(path: Path, options: VaultOptions) -> keyslots.Keyslots:
    try:
        data = (path / KEYSLOTS_FILE).read_bytes()
    except OSError as exc:
        raise VaultDamaged(KEYSLOTS_FILE) from exc
    return keyslots.Keyslots.from_bytes(data, options.kdf, KEYSLOTS_FILE)


def _acquire(path: Path) -> InstanceLock:
    lock = InstanceLock(path / LOCK_FILE)
    lock.acquire()
    return lock


def unlock_vault(path: Path, passphrase: str, options: VaultOptions) -> Vault:
    path = Path(path)
    _require_vault(path)
    lock = _acquire(path)
    try:
        _clear_stale_temps(path)
        backoff = Backoff(path / BACKOFF_FILE, options.clock)
        wait = backoff.seconds_to_wait()
        if wait > 0:
            raise BackoffActive(wait)
        ks = _read_keyslots(path, options)
        try:
            deks = keyslots.open_with_passphrase(ks, passphrase)
        except VaultError:
            backoff.record_failure()
            raise
        vault = _open(path, ks, deks, lock, options)
        _audit_unlock(vault, backoff.record_success(), "unlock")
        return vault
    except BaseException:
        lock.release()
        raise


def _clear_stale_temps(path: Path) -> None:
    """A write killed half-way leaves its temp file (never a half-written target): remove it."""
    for name in (KEYSLOTS_FILE, BACKOFF_FILE):
        remove_stale_temps(path / name)


def backoff_wait(path: Path, options: VaultOptions) -> float:
    """Seconds before the next attempt is allowed (for the GUI's countdown); 0 where no vault is."""
    path = Path(path)
    if not (path / KEYSLOTS_FILE).is_file():
        return 0.0  # nothing to guess at, and no back-off file written into a stranger's folder
    return Backoff(path / BACKOFF_FILE, options.clock).seconds_to_wait()


def _audit_unlock(vault: Vault, pending: Pending, action: str) -> None:
    with vault.write() as session:
        for when in pending.lost:
            detail = f"back-off file missing or unreadable, found at {when}"
            vault.stamper.audit(session, "backoff_lost", detail=detail)
        for when in pending.failures:
            vault.stamper.audit(session, "unlock_failed", detail=f"attempt at {when}")
        vault.stamper.audit(session, action)


def _open(
    path: Path,
    ks: keyslots.Keyslots,
    deks: dict[int, bytes],
    lock: InstanceLock,
    options: VaultOptions,
) -> Vault:
    """Find the data key that opens the database, finish any interrupted rekey, migrate."""
    gen, dek = _working_key(path, deks)
    if len(deks) > 1:
        _finish_rekey(path, ks, gen)
    engine = make_engine(path / DB_FILE, dek)
    try:
        behind, current = migrate.needs_upgrade(engine)
        if behind:
            if current is not None:
                backup_vault(
                    path, dek, reason=f"before-migration-from-{current}", when=options.clock.now()
                )
            migrate.upgrade(engine)
        with engine.connect() as conn:
            # Fresh planner statistics where they are missing or stale, bounded in time.
            conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
            conn.exec_driver_sql("PRAGMA optimize = 0x10002")
        return Vault(path, engine, lock, options, data_key=dek)
    except sa_exc.DatabaseError as exc:
        # The key opened page 1, but a later page fails SQLCipher's check or SQLite's structure:
        # that is damage, never a wrong passphrase (and the raw message is not for a person).
        engine.dispose()
        raise VaultDamaged(
            DB_FILE, tr("Errors", "a page of the database fails its integrity check")
        ) from exc
    except BaseException:
        engine.dispose()
        raise


def _working_key(path: Path, deks: dict[int, bytes]) -> tuple[int, bytes]:
    for gen in sorted(deks, reverse=True):
        try:
            open_connection(path / DB_FILE, deks[gen]).close()
        except VaultDamaged:
            continue
        return gen, deks[gen]
    raise VaultDamaged(DB_FILE)


def _finish_rekey(path: Path, ks: keyslots.Keyslots, gen: int) -> None:
    """A rekey was interrupted: keep only the generation that opens the database."""
    trimmed = keyslots.keep_generation(ks, gen)
    atomic_write_bytes(path / KEYSLOTS_FILE, trimmed.to_bytes())
