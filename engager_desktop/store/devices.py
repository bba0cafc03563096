"""This vault's device identity: a random device id, an Ed25519 signing key and an age identity."""

from __future__ import annotations

import uuid
from datetime import datetime

import pyrage
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, delete, insert, select, update

from engager_desktop.store.orm.system import Device, VaultMeta


def create_self(conn: Connection, *, name: str, now: datetime) -> str:
    """Make a fresh device identity, store it (private parts stay in the vault), return its id."""
    device_id = str(uuid.uuid4())
    signing = Ed25519PrivateKey.generate()
    identity = pyrage.x25519.Identity.generate()
    conn.execute(update(Device).values(is_self=False))
    conn.execute(
        insert(Device).values(
            id=device_id,
            name=name,
            is_self=True,
            signing_public=signing.public_key().public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw
            ),
            signing_private=signing.private_bytes(
                serialization.Encoding.Raw,
                serialization.PrivateFormat.Raw,
                serialization.NoEncryption(),
            ),
            age_recipient=str(identity.to_public()),
            age_identity=str(identity),
            enrolled_at=now,
            revoked_at=None,
        )
    )
    conn.execute(delete(VaultMeta).where(VaultMeta.key == "device_id"))
    conn.execute(insert(VaultMeta).values(key="device_id", value=device_id))
    return device_id


def rename_self(conn: Connection, name: str) -> str:
    """Give this vault's own device a new (already checked) name; return its id."""
    device_id: str = conn.execute(select(Device.id).where(Device.is_self.is_(True))).scalar_one()
    conn.execute(update(Device).where(Device.id == device_id).values(name=name))
    return device_id
