"""The hub's own device identity, its private keys kept encrypted under the hub passphrase.

The hub's database is not encrypted (PostgreSQL holds records in the clear; docs/hub.md), so unlike
a laptop the hub does not keep its signing key and age identity in the ``devices`` table: its row
there holds only the public parts. The private parts are sealed (ChaCha20-Poly1305) under a random
hub key, and that key is wrapped in the laptop's keyslots format (``crypto.keyslots``): under the
passphrase (Argon2id) and under a recovery code printed once at ``init``. Both sit in
``hub_secrets``. Unlocked keys live only in the process's memory.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from datetime import datetime

import pyrage
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from sqlalchemy import Column, Connection, LargeBinary, MetaData, String, Table, insert, select

from engager_desktop.crypto import kdf, keyslots, recovery_code
from engager_desktop.crypto.errors import VaultDamaged
from engager_desktop.store.orm.system import Device, VaultMeta
from engager_desktop.sync.trust import OwnKeys
from engager_hub.errors import HubError

SECRETS = Table(
    "hub_secrets",
    MetaData(),
    Column("name", String(40), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)
KEYSLOTS = "keyslots"
IDENTITY = "identity"
_NONCE = 12


def _aad(device_id: str) -> bytes:
    return b"engager-hub-identity:" + device_id.encode("ascii")


def create(
    conn: Connection,
    *,
    name: str,
    passphrase: str,
    policy: kdf.KdfPolicy,
    now: datetime,
) -> tuple[OwnKeys, str]:
    """A fresh identity stored in the caller's transaction; returns it and the recovery code."""
    if conn.execute(select(SECRETS.c.name).where(SECRETS.c.name == IDENTITY)).first():
        raise HubError("this database already holds a hub identity")
    device_id = str(uuid.uuid4())
    signing = Ed25519PrivateKey.generate()
    identity = pyrage.x25519.Identity.generate()
    public = signing.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    private = signing.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    conn.execute(
        insert(Device).values(
            id=device_id,
            name=name,
            is_self=True,
            signing_public=public,
            age_recipient=str(identity.to_public()),
            signing_private=None,  # never in the clear: sealed in hub_secrets
            age_identity=None,
            enrolled_at=now,
            revoked_at=None,
        )
    )
    conn.execute(insert(VaultMeta).values(key="device_id", value=device_id))
    conn.execute(insert(VaultMeta).values(key="vault_id", value=device_id))
    hub_key = os.urandom(keyslots.DEK_LENGTH)
    code = recovery_code.generate()
    slots = keyslots.create(device_id, hub_key, passphrase, code, kdf.calibrate(policy))
    body = json.dumps(
        {"signing": base64.b64encode(private).decode("ascii"), "age": str(identity)}
    ).encode("ascii")
    nonce = os.urandom(_NONCE)
    sealed = nonce + ChaCha20Poly1305(hub_key).encrypt(nonce, body, _aad(device_id))
    conn.execute(insert(SECRETS).values(name=KEYSLOTS, value=slots.to_bytes()))
    conn.execute(insert(SECRETS).values(name=IDENTITY, value=sealed))
    keys = OwnKeys(device_id, name, private, public, str(identity), str(identity.to_public()))
    return keys, code


def unlock(conn: Connection, passphrase: str, policy: kdf.KdfPolicy) -> OwnKeys:
    """The hub's keys, opened with its passphrase; HubError on a wrong one."""
    stored = dict(conn.execute(select(SECRETS.c.name, SECRETS.c.value)).all())
    if KEYSLOTS not in stored or IDENTITY not in stored:
        raise HubError("this database holds no hub identity; run engager-hub init first")
    try:
        slots = keyslots.Keyslots.from_bytes(bytes(stored[KEYSLOTS]), policy, "hub_secrets")
    except VaultDamaged:
        raise HubError("the hub's key store is damaged or below the key-derivation floor") from None
    opened = keyslots.open_with_passphrase(slots, passphrase)  # WrongPassphrase: a UserError
    row = conn.execute(select(Device.__table__).where(Device.is_self.is_(True))).first()
    if row is None:
        raise HubError("the hub's own device is missing from its database")
    sealed = bytes(stored[IDENTITY])
    for hub_key in opened.values():
        try:
            body = ChaCha20Poly1305(hub_key).decrypt(sealed[:_NONCE], sealed[_NONCE:], _aad(row.id))
        except InvalidTag:
            continue
        parts = json.loads(body)
        return OwnKeys(
            row.id,
            row.name,
            base64.b64decode(parts["signing"]),
            bytes(row.signing_public),
            parts["age"],
            row.age_recipient,
        )
    raise HubError("the hub's sealed identity does not open with its key; it is damaged")


def change_passphrase(
    conn: Connection,
    *,
    current: str,
    by_recovery_code: bool,
    new_passphrase: str,
    policy: kdf.KdfPolicy,
) -> str:
    """Re-wrap the hub key under a new passphrase and a new recovery code (returned), opening it
    with the current passphrase or the recovery code; the sealed identity is unchanged."""
    row = conn.execute(
        select(SECRETS.c.value).where(SECRETS.c.name == KEYSLOTS).with_for_update()
    ).scalar()
    if row is None:
        raise HubError("this database holds no hub identity; run engager-hub init first")
    try:
        slots = keyslots.Keyslots.from_bytes(bytes(row), policy, "hub_secrets")
    except VaultDamaged:
        raise HubError("the hub's key store is damaged or below the key-derivation floor") from None
    if by_recovery_code:
        deks = keyslots.open_with_recovery(slots, current)
    else:
        deks = keyslots.open_with_passphrase(slots, current)
    code = recovery_code.generate()
    fresh = keyslots.with_deks(slots, deks, new_passphrase, code, kdf.calibrate(policy))
    conn.execute(SECRETS.update().where(SECRETS.c.name == KEYSLOTS).values(value=fresh.to_bytes()))
    return code
