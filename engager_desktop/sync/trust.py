"""Who this vault trusts: its own keys, the enrolled devices, enrolling a card and revoking one."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import pyrage
from sqlalchemy import Connection, insert, select, update

from engager_desktop.i18n import tr
from engager_desktop.store.orm.system import Device
from engager_desktop.sync.device_card import DeviceCard, fingerprint, fingerprints_match
from engager_desktop.sync.errors import BundleRefused, TrustError


@dataclass(frozen=True)
class DeviceKey:
    device_id: str
    name: str
    signing_public: bytes
    age_recipient: str
    is_self: bool
    enrolled_at: datetime
    revoked_at: datetime | None
    practitioner: str | None = None  # who uses that laptop, and their role (from its card)
    role: str | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_public)

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True)
class OwnKeys:
    """This vault's identity, private parts included. Never leaves the vault."""

    device_id: str
    name: str
    signing_private: bytes
    signing_public: bytes
    age_identity: str
    age_recipient: str
    practitioner: str | None = None
    role: str | None = None

    def card(self) -> DeviceCard:
        return DeviceCard(
            self.device_id,
            self.name,
            self.signing_public,
            self.age_recipient,
            self.practitioner,
            self.role if self.practitioner else None,
        )


def _key(row: Device) -> DeviceKey:
    return DeviceKey(
        row.id,
        row.name,
        bytes(row.signing_public),
        row.age_recipient,
        bool(row.is_self),
        row.enrolled_at,
        row.revoked_at,
        row.practitioner,
        row.role,
    )


def devices(conn: Connection) -> list[DeviceKey]:
    """Every device this vault knows, itself first, then by name."""
    rows = conn.execute(select(Device.__table__)).all()
    keys = [_key(row) for row in rows]  # type: ignore[arg-type]
    return sorted(keys, key=lambda k: (not k.is_self, k.name, k.device_id))


def device(conn: Connection, device_id: str) -> DeviceKey | None:
    row = conn.execute(select(Device.__table__).where(Device.id == device_id)).first()
    return None if row is None else _key(row)  # type: ignore[arg-type]


HELD_KEYS = "engager_own_keys"
"""Key in a connection's ``info`` under which a host that keeps its private keys outside the
database (the hub, which encrypts them under its passphrase) puts them once unlocked."""


def own_keys(conn: Connection) -> OwnKeys:
    held = conn.info.get(HELD_KEYS)
    if isinstance(held, OwnKeys):
        return held
    row = conn.execute(select(Device.__table__).where(Device.is_self.is_(True))).first()
    if row is None or row.signing_private is None or row.age_identity is None:
        raise TrustError("no_identity", tr("Errors", "this vault has no device identity for sync"))
    return OwnKeys(
        row.id,
        row.name,
        bytes(row.signing_private),
        bytes(row.signing_public),
        row.age_identity,
        row.age_recipient,
        row.practitioner,
        row.role,
    )


def trusted_signer(conn: Connection, device_id: str, own_id: str) -> DeviceKey:
    """The enrolled, unrevoked device that signed a bundle; BundleRefused otherwise."""
    if device_id == own_id:
        raise BundleRefused(
            "own_bundle",
            tr(
                "Errors",
                (
                    "this bundle was made by this vault itself (or by a copy of it); it was "
                    "not imported"
                ),
            ),
        )
    key = device(conn, device_id)
    if key is None or key.is_self:
        raise BundleRefused(
            "not_enrolled",
            tr(
                "Errors",
                "the device that made this bundle is not enrolled here; enrol its card first",
            ),
        )
    if key.revoked:
        raise BundleRefused(
            "revoked", tr("Errors", "the device that made this bundle has been revoked")
        )
    return key


def enrol(conn: Connection, card: DeviceCard, typed_fingerprint: str, now: datetime) -> DeviceKey:
    """Enrol a checked card once the practitioner has confirmed its fingerprint."""
    if not fingerprints_match(card, typed_fingerprint):
        raise TrustError(
            "fingerprint_mismatch",
            tr("Errors", "the fingerprint typed does not match the card's; nothing was enrolled"),
        )
    try:
        pyrage.x25519.Recipient.from_str(card.age_recipient)
    except (pyrage.RecipientError, ValueError):
        raise TrustError(
            "card_invalid", tr("Errors", "the card's encryption key is not valid")
        ) from None
    existing = device(conn, card.device_id)
    if existing is not None:
        return _re_enrol(conn, existing, card)
    conn.execute(
        insert(Device).values(
            id=card.device_id,
            name=card.name,
            is_self=False,
            signing_public=card.signing_key,
            age_recipient=card.age_recipient,
            signing_private=None,
            age_identity=None,
            enrolled_at=now,
            revoked_at=None,
            practitioner=card.practitioner,
            role=card.role,
        )
    )
    found = device(conn, card.device_id)
    assert found is not None
    return found


def _re_enrol(conn: Connection, existing: DeviceKey, card: DeviceCard) -> DeviceKey:
    """The same device again: nothing changes but its name (renamed on that laptop) and the
    practitioner and role its card gives."""
    if existing.is_self:
        raise TrustError("own_card", tr("Errors", "that is this vault's own card"))
    if existing.revoked:
        raise TrustError(
            "revoked",
            tr("Errors", "that device was revoked; it cannot be enrolled again under the same id"),
        )
    if existing.signing_public != card.signing_key or existing.age_recipient != card.age_recipient:
        raise TrustError(
            "key_changed",
            tr("Errors", "a device with this id is enrolled with different keys; revoke it first"),
        )
    changed = replace(existing, name=card.name, practitioner=card.practitioner, role=card.role)
    if changed != existing:
        conn.execute(
            update(Device)
            .where(Device.id == card.device_id)
            .values(name=card.name, practitioner=card.practitioner, role=card.role)
        )
        return changed
    return existing


def revoke(conn: Connection, device_id: str, now: datetime) -> DeviceKey:
    key = device(conn, device_id)
    if key is None:
        raise TrustError("unknown_device", tr("Errors", "no enrolled device has that id"))
    if key.is_self:
        raise TrustError("own_card", tr("Errors", "a vault cannot revoke itself"))
    if not key.revoked:
        conn.execute(update(Device).where(Device.id == device_id).values(revoked_at=now))
    found = device(conn, device_id)
    assert found is not None
    return found


def recipients_for(conn: Connection, device_ids: list[str]) -> list[DeviceKey]:
    """The enrolled, unrevoked devices to encrypt to; TrustError naming the first problem."""
    keys: list[DeviceKey] = []
    for device_id in dict.fromkeys(device_ids):
        key = device(conn, device_id)
        if key is None or key.is_self:
            raise TrustError(
                "not_enrolled", tr("Errors", "a chosen recipient is not an enrolled device")
            )
        if key.revoked:
            raise TrustError("revoked", tr("Errors", "a chosen recipient has been revoked"))
        keys.append(key)
    if not keys:
        raise TrustError("no_recipient", tr("Errors", "choose at least one enrolled device"))
    return keys
