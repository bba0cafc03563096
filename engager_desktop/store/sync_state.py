"""Per-peer sync state that never leaves the vault: my exports, each peer's acks, what arrived when.

- ``sync_exports``: one row per bundle this device wrote (seq, hash, the clock stamp every included
  record is at or below, the arrival mark, and the audit log's length then), so "since the
  recipient's last ack" knows where to start and later bundles can carry the audit head it saw;
- ``sync_peers``: per other device, the last (and last complete) bundle imported from it and the
  last (and last complete) bundle of mine it says it imported;
- ``sync_records``: per record, the newest version any import brought (to tell an old copy from a
  new change) and the number of the import that last wrote it (records that arrived after an
  export must go in the next "since ack" export even though their clock stamps are older).
Made by migration 0004; ``sync_exports.audit_count`` by 0007.
- ``sync_passed_on``: what a newer version of Engager Desktop put in bundles that this one does not
  know, kept to pass on (docs/bundle-format.md): per record, the fields it does not know (a JSON
  object), or the whole record of a table it does not know. Made by migration 0006.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store import portable
from engager_desktop.store.orm.base import Base


class SyncExport(Base):
    __tablename__ = "sync_exports"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    bundle_id: Mapped[str] = mapped_column(String(36))
    file_name: Mapped[str] = mapped_column(String(200))
    file_hash: Mapped[str] = mapped_column(String(64))
    cutoff: Mapped[str] = mapped_column(String(20))
    arrival_mark: Mapped[int]
    complete: Mapped[bool]
    scope: Mapped[str] = mapped_column(String(20))
    recipients: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    audit_count: Mapped[int | None]  # entries in this vault's audit log when it was made (0007)


class SyncPeer(Base):
    __tablename__ = "sync_peers"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    imported_last: Mapped[int] = mapped_column(default=0)
    imported_complete: Mapped[int] = mapped_column(default=0)
    acked_last: Mapped[int] = mapped_column(default=0)
    acked_complete: Mapped[int] = mapped_column(default=0)
    last_import_at: Mapped[datetime | None]


class SyncRecord(Base):
    __tablename__ = "sync_records"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seen_hlc: Mapped[str] = mapped_column(String(20))
    seen_device: Mapped[str] = mapped_column(String(36))
    seen_deleted: Mapped[bool]
    arrival_no: Mapped[int | None] = mapped_column(index=True)


class SyncPassedOn(Base):
    __tablename__ = "sync_passed_on"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    participant_id: Mapped[str | None] = mapped_column(String(36), index=True)
    updated_at: Mapped[str] = mapped_column(String(20))
    arrival_no: Mapped[int | None]
    fields: Mapped[str] = mapped_column(Text)


def arrival_mark(conn: Connection) -> int:
    """The number of the latest import that wrote records (0 before any).

    Never below a mark an export recorded: a man handed over and removed here takes his
    ``sync_records`` rows with him, and the next import must still count as arriving after
    every export made so far."""
    value = conn.execute(select(func.max(SyncRecord.arrival_no))).scalar()
    exported = conn.execute(select(func.max(SyncExport.arrival_mark))).scalar()
    return max(int(value or 0), int(exported or 0))


def next_seq(conn: Connection, device_id: str) -> int:
    value = conn.execute(
        select(func.max(SyncExport.seq)).where(SyncExport.device_id == device_id)
    ).scalar()
    return int(value or 0) + 1


@dataclass(frozen=True)
class ExportRow:
    device_id: str
    seq: int
    bundle_id: str
    file_name: str
    file_hash: str
    cutoff: str
    arrival_mark: int
    complete: bool
    scope: str
    recipients: str
    created_at: datetime
    audit_count: int | None = None


@dataclass(frozen=True)
class PeerRow:
    device_id: str
    imported_last: int = 0
    imported_complete: int = 0
    acked_last: int = 0
    acked_complete: int = 0
    last_import_at: datetime | None = None


def last_export(conn: Connection, device_id: str) -> ExportRow | None:
    table = SyncExport.__table__
    row = conn.execute(
        select(table).where(table.c.device_id == device_id).order_by(table.c.seq.desc()).limit(1)
    ).first()
    return None if row is None else ExportRow(**row._mapping)


def export_by_seq(conn: Connection, device_id: str, seq: int) -> ExportRow | None:
    table = SyncExport.__table__
    row = conn.execute(
        select(table).where(table.c.device_id == device_id, table.c.seq == seq)
    ).first()
    return None if row is None else ExportRow(**row._mapping)


def sent_before(
    conn: Connection, device_id: str, recipients: list[str], keep: int
) -> dict[str, tuple[int, ...]]:
    """Per recipient, the numbers of this device's bundles made for it (the last ``keep``)."""
    rows = conn.execute(
        select(SyncExport.seq, SyncExport.recipients)
        .where(SyncExport.device_id == device_id)
        .order_by(SyncExport.seq)
    ).all()
    out: dict[str, tuple[int, ...]] = {}
    for recipient in recipients:
        seqs = [seq for seq, to in rows if recipient in to.split(",")]
        out[recipient] = tuple(seqs[-keep:])
    return out


def peer(conn: Connection, device_id: str) -> PeerRow:
    """What is known of one other device (all zeros if nothing yet)."""
    table = SyncPeer.__table__
    row = conn.execute(select(table).where(table.c.device_id == device_id)).first()
    return PeerRow(device_id) if row is None else PeerRow(**row._mapping)


def all_peers(conn: Connection) -> list[PeerRow]:
    return [PeerRow(**row._mapping) for row in conn.execute(select(SyncPeer.__table__))]


def save_peer(conn: Connection, row: PeerRow) -> None:
    values = {
        "imported_last": row.imported_last,
        "imported_complete": row.imported_complete,
        "acked_last": row.acked_last,
        "acked_complete": row.acked_complete,
        "last_import_at": row.last_import_at,
    }
    stmt = portable.upsert(conn, SyncPeer).values(device_id=row.device_id, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["device_id"], set_=values))
