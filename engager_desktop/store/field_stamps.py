"""Per-field clock stamps of synced records, kept in this vault only (``field_stamps``, 0008).

One row per record whose fields do not all carry the record's own stamp: the compact map of
``domain.field_clock`` as JSON. Local edits keep it up to date in the flush hook; imports write the
map each record arrived with (or the merged one). Bundles carry the map beside each record, so a
merge can keep two laptops' edits to different fields of one record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.domain import field_clock
from engager_desktop.store import portable
from engager_desktop.store.orm.base import Base, Synced

# Columns that are stamps or identity, not a practitioner's edit; ``deleted`` follows the record.
NOT_FIELDS = frozenset({"id", "created_at", "updated_at", "updated_by", "rev", "deleted"})
_CHUNK = 5_000


class FieldStamps(Base):
    __tablename__ = "field_stamps"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    stamps: Mapped[str] = mapped_column(Text)


def fields_of(columns: Iterable[str]) -> list[str]:
    """The fields that carry their own stamp, in sorted order."""
    return sorted(name for name in columns if name not in NOT_FIELDS)


def load(conn: Connection, table: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """record id -> map, for the given ids that have one."""
    found: dict[str, dict[str, Any]] = {}
    sql = (
        "SELECT record_id, stamps FROM field_stamps WHERE table_name = ? "
        "AND record_id IN (SELECT value FROM json_each(?))"
    )
    for start in range(0, len(ids), _CHUNK):
        chunk = json.dumps(list(ids[start : start + _CHUNK]))
        for record_id, text in portable.execute(conn, sql, (table, chunk)):
            found[str(record_id)] = json.loads(text)
    return found


def load_table(conn: Connection, table: str) -> dict[str, dict[str, Any]]:
    """Every map of one table (for an export)."""
    sql = "SELECT record_id, stamps FROM field_stamps WHERE table_name = ?"
    return {str(rid): json.loads(text) for rid, text in portable.execute(conn, sql, (table,))}


def save(conn: Connection, table: str, maps: Sequence[tuple[str, dict[str, Any] | None]]) -> None:
    """Store (record id, map) pairs; a None map removes the row."""
    keep = [(table, rid, dump(m)) for rid, m in maps if m]
    drop = [(table, rid) for rid, m in maps if not m]
    if keep:
        portable.execute(
            conn,
            "INSERT INTO field_stamps (table_name, record_id, stamps) VALUES (?, ?, ?) "
            "ON CONFLICT(table_name, record_id) DO UPDATE SET stamps = excluded.stamps",
            keep,
        )
    if drop:
        portable.execute(
            conn, "DELETE FROM field_stamps WHERE table_name = ? AND record_id = ?", drop
        )


def dump(stamps: dict[str, Any]) -> str:
    return json.dumps(stamps, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class Edit:
    """One record's edit in a flush: its stamp before, the fields changed, its new stamp."""

    table: str
    record_id: str
    fields: tuple[str, ...]
    old_key: field_clock.Key
    changed: tuple[str, ...]
    new_key: field_clock.Key


def edit_of(obj: Synced, changed: Iterable[str], new_key: field_clock.Key) -> Edit:
    """Taken before ``obj`` is stamped ``new_key`` (its old stamp is still on it)."""
    columns = [column.key for column in obj.__table__.columns]  # type: ignore[attr-defined]
    old_key = (str(obj.updated_at), str(obj.updated_by))
    return Edit(
        obj.__tablename__, obj.id, tuple(fields_of(columns)), old_key, tuple(changed), new_key
    )


def note_edits(conn: Connection, edits: Sequence[Edit]) -> None:
    """Keep the old stamps of the fields each edit left alone (one read and write per table)."""
    by_table: dict[str, list[Edit]] = {}
    for one in edits:
        by_table.setdefault(one.table, []).append(one)
    for table, batch in by_table.items():
        old = load(conn, table, [one.record_id for one in batch])
        maps = [
            (
                one.record_id,
                field_clock.after_edit(
                    one.fields, (one.old_key, old.get(one.record_id)), one.changed, one.new_key
                ),
            )
            for one in batch
        ]
        save(conn, table, maps)
