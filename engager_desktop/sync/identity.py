"""A copied or restored vault takes a new device id, so its bundles never pass for the old one's.

How it is detected. The vault keeps a binding inside its encrypted database (``vault_meta`` key
``device_binding``): the file-system identity of its ``vault.db`` (device number and inode; on
Windows the volume serial and NTFS file index ``os.stat`` reports) and a random token. The same
token sits in a small non-secret file beside the database, ``sync-binding.json``. The token is
replaced each time the vault records an export. Then:

- a folder copied to another laptop or folder has a new ``vault.db`` file: the inode differs;
- ``vault.db`` restored from a backup (copied over the old file, which may keep its inode) holds
  an older token than the file beside it, if the vault exported anything after that backup;
- a vault moved on the same disk, rekeyed in place or vacuumed keeps both, and its id.

On a mismatch the vault makes a fresh device id, signing key and age identity, wipes the old
private keys, keeps the old identity as an ordinary enrolled device (the original laptop is still
a trusted peer), binds itself anew and audits the change. The other laptops must then enrol its new
card. A restore from a backup taken after the last export keeps the id: nothing was published
under that id that the restored vault does not know, so nothing can be confused. A missing token
file (deleted by hand) is written again without a new identity. Limits: on a file system without
stable inode numbers (FAT on Windows reports 0) a copy is caught only by the token rule; the binding
guards against accidents, it is not a secret. Checked at the start of every sync use case; the
lead may also call ``ensure_own_identity`` at unlock so no edit is ever stamped with a copied id.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from engager_desktop.fsutil import atomic_write_bytes
from engager_desktop.store import audit, devices
from engager_desktop.store.orm.system import Device, VaultMeta
from engager_desktop.store.stamping import naive_utc, utc_iso
from engager_desktop.store.vault import DB_FILE, Vault

BINDING_KEY = "device_binding"
BINDING_FILE = "sync-binding.json"


@dataclass(frozen=True)
class IdentityCheck:
    device_id: str
    renewed: bool
    previous_id: str | None = None


def _file_identity(vault: Vault) -> str:
    info = os.stat(vault.path / DB_FILE)
    return f"{info.st_dev}:{info.st_ino}"


def _file_token(vault: Vault) -> str | None:
    try:
        raw = json.loads((vault.path / BINDING_FILE).read_text("ascii"))
    except (OSError, ValueError):
        return None
    token = raw.get("token") if isinstance(raw, dict) else None
    return token if isinstance(token, str) and len(token) == 32 else None


def _stored(conn: Connection) -> tuple[str, str] | None:
    value = conn.execute(select(VaultMeta.value).where(VaultMeta.key == BINDING_KEY)).scalar()
    if not value or value.count(":") != 2:
        return None
    file_id, token = value.rsplit(":", 1)
    return file_id, token


def _bind(conn: Connection, vault: Vault) -> None:
    """Store a new token in the database (caller's transaction) and beside it."""
    token = secrets.token_hex(16)
    conn.execute(delete(VaultMeta).where(VaultMeta.key == BINDING_KEY))
    conn.execute(
        insert(VaultMeta).values(key=BINDING_KEY, value=f"{_file_identity(vault)}:{token}")
    )
    body = json.dumps({"token": token, "note": "not secret; see engager_desktop/sync/identity"})
    atomic_write_bytes(vault.path / BINDING_FILE, body.encode("ascii"))


def rotate_token(conn: Connection, vault: Vault) -> None:
    """Called in the transaction that records an export (see the module docstring)."""
    _bind(conn, vault)


def ensure_own_identity(vault: Vault) -> IdentityCheck:
    """Bind a new vault to its file; give a copied or restored one a new device identity."""
    file_id, token = _file_identity(vault), _file_token(vault)
    with vault.read() as session:
        if _stored(session.connection()) == (file_id, token):
            return IdentityCheck(vault.device_id, renewed=False)
    with vault.write() as session:
        conn = session.connection()
        stored = _stored(conn)
        if stored is None or (stored[0] == file_id and token in (None, stored[1])):
            _bind(conn, vault)
            return IdentityCheck(vault.device_id, renewed=False)
        previous = vault.device_id
        new_id = renew_identity(conn, vault)
        _bind(conn, vault)
        audit.append(
            session,
            at=utc_iso(vault.options.clock),
            device_id=new_id,
            action="device_identity_renewed",
            kind="devices",
            record_id=new_id,
            detail="vault copied or restored",
        )
    _adopt(vault, new_id)
    return IdentityCheck(new_id, renewed=True, previous_id=previous)


def renew_identity(conn: Connection, vault: Vault) -> str:
    """Make a fresh identity in the caller's transaction; the old one stays as a peer, keyless."""
    previous = vault.device_id
    name = conn.execute(select(Device.name).where(Device.id == previous)).scalar()
    new_id = devices.create_self(
        conn, name=name or "Engager laptop", now=naive_utc(vault.options.clock)
    )
    conn.execute(
        update(Device)
        .where(Device.id == previous)
        .values(is_self=False, signing_private=None, age_identity=None)
    )
    return new_id


def _adopt(vault: Vault, device_id: str) -> None:
    """Point the open vault's stamps at the new id (the stamper caches it)."""
    vault.device_id = device_id
    vault.stamper.device_id = device_id


def renew_for_tests(vault: Vault) -> str:
    """A fresh identity now, as a copied vault gets (test vaults are copies of one template)."""
    with vault.write() as session:
        new_id = renew_identity(session.connection(), vault)
        _bind(session.connection(), vault)
    _adopt(vault, new_id)
    return new_id
