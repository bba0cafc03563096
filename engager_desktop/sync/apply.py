"""Write a merge plan in the caller's transaction, with driver SQL so nothing re-stamps the records.

Imported records keep the stamps they travelled with: they are written with plain ``INSERT`` (new)
and ``UPDATE`` (existing) on the session's connection, which the flush hook never sees. Not an
upsert: an outer ``ON CONFLICT`` would override the ``INSERT OR IGNORE`` inside the caseload
triggers of migration 0003. A deletion that wins over a record held here writes only what a
tombstone keeps, so the content stays here (read as an empty tombstone) until the practitioner
reviews any conflict; an erasure writes the whole empty record. Parents go before children (the
order of ``SYNCED_MODELS``). Losing
versions become Conflict rows (not twice for the same open conflict), and ``sync_records`` learns
the newest version seen and which import wrote each record (a plain ``INSERT`` for the records
planning found no row for, under the same write lock; an upsert for the others).
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from datetime import datetime
from functools import cache

from sqlalchemy import Connection

from engager_desktop.store import field_stamps, portable
from engager_desktop.sync import canonical, field_conflicts, merge, settle
from engager_desktop.sync.plan import Plan, Planned


@cache
def _insert_sql(table: str) -> str:
    spec = canonical.table_specs()[table]
    cols = ", ".join(f'"{name}"' for name in spec.sorted_names)
    marks = ", ".join("?" for _ in spec.sorted_names)
    return f'INSERT INTO "{table}" ({cols}) VALUES ({marks})'


@cache
def _update_sql(table: str) -> str:
    """Every column but ``id`` set, then ``id`` (wire_to_row order, id moved to the end)."""
    spec = canonical.table_specs()[table]
    sets = ", ".join(f'"{name}" = ?' for name in spec.sorted_names if name != "id")
    return f'UPDATE "{table}" SET {sets} WHERE id = ?'


def _update_row(spec: canonical.TableSpec, row: tuple[object, ...]) -> tuple[object, ...]:
    at = spec.sorted_names.index("id")
    return (*row[:at], *row[at + 1 :], row[at])


@cache
def _bury_sql(table: str) -> str:
    """A deletion over a record held here: only the fields a tombstone keeps are written, so this
    vault keeps the content it had (for "keep mine") while reading it as an empty tombstone."""
    names = [name for name in canonical.tombstone_keeps(table) if name != "id"]
    sets = ", ".join(f'"{name}" = ?' for name in names)
    return f'UPDATE "{table}" SET {sets} WHERE id = ?'


def _bury_row(spec: canonical.TableSpec, values: dict[str, object]) -> tuple[object, ...]:
    names = [name for name in canonical.tombstone_keeps(spec.name) if name != "id"]
    row = [values[name] for name in names]
    for at, name in enumerate(names):
        if name in spec.datetime_columns and isinstance(row[at], str):
            row[at] = str(row[at]).replace("T", " ", 1)
    return (*row, values["id"])


_NEW_SYNC_ROW = (
    "INSERT INTO sync_records (table_name, record_id, seen_hlc, seen_device, seen_deleted, "
    "arrival_no) VALUES (?, ?, ?, ?, ?, ?)"
)
_SYNC_ROW = (
    _NEW_SYNC_ROW + " ON CONFLICT(table_name, record_id) DO UPDATE SET "
    "seen_hlc = excluded.seen_hlc, seen_device = excluded.seen_device, "
    "seen_deleted = excluded.seen_deleted, "
    "arrival_no = COALESCE(excluded.arrival_no, sync_records.arrival_no)"
)

_CONFLICT = (
    "INSERT INTO conflicts (id, table_name, record_id, participant_id, losing_version, "
    "from_device, detected_at, resolved_at, resolution) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)"
)


def apply_plan(conn: Connection, plan: Plan, *, arrival_no: int, now: datetime) -> int:
    """Write every winning record, conflict and sync row; returns the conflicts recorded."""
    inserts: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    updates: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    burials: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    sync_rows: list[tuple[object, ...]] = []
    new_sync_rows: list[tuple[object, ...]] = []  # records this vault had no row for
    maps: dict[str, list[tuple[str, dict[str, object] | None]]] = defaultdict(list)
    specs = canonical.table_specs()
    new = merge.Action.NEW
    for item in plan.items:  # ninety thousand on a large first import: each lookup made once
        record = item.record
        table = record.table
        spec = specs[table]
        values, stamps = item.written
        action = item.decision.action
        writes = item.decision.writes
        if action == new:
            inserts[table].append(canonical.wire_to_row(spec, values))
        elif writes and values["deleted"] and not canonical.is_erasure(values):
            burials[table].append(_bury_row(spec, values))
        elif writes:
            row = canonical.wire_to_row(spec, values)
            updates[table].append(_update_row(spec, row))
        if writes and (stamps or action != new):
            maps[table].append((record.id, stamps))
        if writes or item.seen_changed:
            seen = item.seen
            (new_sync_rows if item.unseen else sync_rows).append(
                (
                    table,
                    record.id,
                    seen.hlc,
                    seen.device,
                    seen.deleted,
                    arrival_no if writes else None,
                )
            )
    for spec in canonical.table_specs().values():
        if inserts.get(spec.name):
            portable.execute(conn, _insert_sql(spec.name), inserts[spec.name])
        if updates.get(spec.name):
            portable.execute(conn, _update_sql(spec.name), updates[spec.name])
        if burials.get(spec.name):
            portable.execute(conn, _bury_sql(spec.name), burials[spec.name])
    if new_sync_rows:
        portable.execute(conn, _NEW_SYNC_ROW, new_sync_rows)
    if sync_rows:
        portable.execute(conn, _SYNC_ROW, sync_rows)
    for table, pairs in maps.items():
        field_stamps.save(conn, table, pairs)
    if plan.settled:
        settle.write(conn, plan.settled, now.strftime("%Y-%m-%d %H:%M:%S.%f"))
    return _record_conflicts(conn, plan.conflicts, now)


def losing_version(item: Planned) -> tuple[str, str]:
    """(the loser's canonical line as text wrapped with its side, the device that made it)."""
    if item.decision.loser is None and item.merged is not None:
        extras_line = item.record.line if item.record.extras else None
        return field_conflicts.to_text(item.merged.conflicts, extras_line), item.record.device
    side = item.decision.loser
    if side == merge.MINE:
        assert item.local is not None
        line = canonical.encode(item.record.table, item.local.values)
        device = str(item.local.values["updated_by"])
    else:
        line, device = item.record.line, item.record.device
    text = json.dumps({"line": line.decode("utf-8"), "side": side}, sort_keys=True)
    return text, device


def _record_conflicts(conn: Connection, items: list[Planned], now: datetime) -> int:
    if not items:
        return 0
    open_ones = _open_conflicts(conn, [item.record.id for item in items])
    stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    rows: list[tuple[object, ...]] = []
    for item in items:
        text, device = losing_version(item)
        key = (item.record.table, item.record.id, text)
        if key in open_ones:
            continue
        open_ones.add(key)
        rows.append(
            (
                str(uuid.uuid4()),
                item.record.table,
                item.record.id,
                item.record.participant_id,
                text,
                device,
                stamp,
            )
        )
    if rows:
        portable.execute(conn, _CONFLICT, rows)
    return len(rows)


def _open_conflicts(conn: Connection, ids: list[str]) -> set[tuple[str, str, str]]:
    sql = (
        "SELECT table_name, record_id, losing_version FROM conflicts WHERE resolved_at IS NULL "
        "AND record_id IN (SELECT value FROM json_each(?))"
    )
    rows = portable.execute(conn, sql, (json.dumps(ids),))
    return {(str(t), str(r), str(v)) for t, r, v in rows}
