"""This laptop's name and the devices list: names, fingerprints, enrolment and last-bundle dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select

from engager_desktop.domain import device_names
from engager_desktop.store import devices as own_device
from engager_desktop.store.sync_state import SyncExport, SyncPeer
from engager_desktop.store.vault import Vault
from engager_desktop.sync import trust
from engager_desktop.sync.identity import ensure_own_identity


@dataclass(frozen=True)
class DeviceRow:
    device_id: str
    name: str
    fingerprint: str
    is_self: bool
    enrolled_at: datetime
    revoked_at: datetime | None
    last_import_at: datetime | None  # the last bundle from it imported here
    last_export_at: datetime | None  # the last bundle made here for it
    practitioner: str | None = None  # who uses it, as its card says (this laptop: Settings)
    role: str | None = None  # practitioner or supervisor


def laptop_name(vault: Vault) -> str:
    with vault.read() as session:
        return trust.own_keys(session.connection()).name


def rename_laptop(vault: Vault, name: str) -> str:
    """Change this laptop's name (checked; ValidationError if unusable); return it as stored.

    Partners see the new name once they enrol this laptop's card again."""
    clean = device_names.check(name)
    ensure_own_identity(vault)
    with vault.write() as session:
        device_id = own_device.rename_self(session.connection(), clean)
        vault.stamper.audit(session, "laptop_renamed", "devices", device_id)
    return clean


def devices(vault: Vault) -> list[DeviceRow]:
    """Every device this vault knows, itself first, with when bundles last went each way."""
    ensure_own_identity(vault)
    with vault.read() as session:
        conn = session.connection()
        keys = trust.devices(conn)
        imported = _last_imports(conn)
        exported = _last_exports(conn, keys[0].device_id if keys else "")
    return [
        DeviceRow(
            k.device_id,
            k.name,
            k.fingerprint,
            k.is_self,
            k.enrolled_at,
            k.revoked_at,
            imported.get(k.device_id),
            exported.get(k.device_id),
            k.practitioner,
            k.role if k.practitioner else None,
        )
        for k in keys
    ]


def _last_imports(conn: Connection) -> dict[str, datetime]:
    rows = conn.execute(select(SyncPeer.device_id, SyncPeer.last_import_at)).all()
    return {device: when for device, when in rows if when is not None}


def _last_exports(conn: Connection, own_id: str) -> dict[str, datetime]:
    rows = conn.execute(
        select(SyncExport.recipients, func.max(SyncExport.created_at))
        .where(SyncExport.device_id == own_id)
        .group_by(SyncExport.recipients)
    ).all()
    found: dict[str, datetime] = {}
    for recipients, when in rows:
        for device in recipients.split(","):
            if device not in found or when > found[device]:
                found[device] = when
    return found
