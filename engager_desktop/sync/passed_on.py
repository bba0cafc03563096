"""Keep what newer versions of Engager Desktop put in bundles, and pass it on in this one's.

The rule (docs/bundle-format.md): fields this version does not know belong to the version of the
record they came with. When an import writes a record (its version won), the fields kept for it
become the ones it came with (none, if it came with none). When this laptop edits the record, they
stay as they are and travel with it. A record of a table this version does not know is kept whole;
of two copies the larger (deleted, clock stamp, device) wins, as for every record. Both travel in
bundles of everything and since the last ack, in the form they arrived; a chosen-men bundle leaves
out whole records of unknown tables (this version cannot tell whether his consent allows them).
Erasing a man removes everything kept for his records. Rows live in ``sync_passed_on``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection

from engager_desktop.store import portable
from engager_desktop.sync import canonical
from engager_desktop.sync.canonical import Record
from engager_desktop.sync.plan import Plan

_UPSERT = (
    "INSERT INTO sync_passed_on (table_name, record_id, participant_id, updated_at, arrival_no, "
    "fields) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(table_name, record_id) DO UPDATE SET "
    "participant_id = excluded.participant_id, updated_at = excluded.updated_at, "
    "arrival_no = excluded.arrival_no, fields = excluded.fields"
)
_DELETE = "DELETE FROM sync_passed_on WHERE table_name = ? AND record_id = ?"


def split(records: list[Record]) -> tuple[list[Record], list[Record]]:
    """(records of tables this version knows, records of tables it does not)."""
    foreign = [r for r in records if r.foreign]
    if not foreign:
        return records, []
    return [r for r in records if not r.foreign], foreign


def men_of(records: Sequence[Record]) -> set[str]:
    men = (record.participant_id for record in records)
    return {man for man in men if man is not None}


def notice(records: Sequence[Record], foreign: Sequence[Record]) -> list[str]:
    """A warning for the preview and summary when a newer version sent what this one cannot show."""
    count = len(foreign) + sum(1 for record in records if record.extras)
    if not count:
        return []
    return [
        f"{count} record(s) hold details from a newer version of Engager Desktop that this "
        "version cannot show; they are kept and passed on unchanged (update to see them)"
    ]


def _text(fields: dict[str, Any]) -> str:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _row(record: Record, fields: dict[str, Any], arrival_no: int | None) -> tuple[object, ...]:
    return (record.table, record.id, record.participant_id, record.hlc, arrival_no, _text(fields))


def keep(conn: Connection, plan: Plan, foreign: Sequence[Record], arrival_no: int) -> None:
    """After the import wrote ``plan``, in its transaction: keep what came with what it wrote."""
    kept = _kept_keys(conn)
    upserts: list[tuple[object, ...]] = []
    deletes: list[tuple[str, str]] = []
    # with nothing kept here, only records that came with fields to pass on have work to do
    items = plan.items if kept else [item for item in plan.items if item.record.extras]
    for item in items:
        if not item.decision.writes:
            continue
        record = item.record
        values, _stamps = item.written
        if (values["updated_at"], values["updated_by"]) != (record.hlc, record.device):
            continue  # merged field by field under this laptop's newer stamp: its own stay
        if record.extras:
            upserts.append(_row(record, record.extras, arrival_no))
        elif (record.table, record.id) in kept:
            deletes.append((record.table, record.id))
    upserts.extend(_foreign_winners(conn, foreign, kept, arrival_no))
    if deletes:
        portable.execute(conn, _DELETE, deletes)
    if upserts:
        portable.execute(conn, _UPSERT, upserts)


def set_fields(conn: Connection, record: Record) -> None:
    """Make the fields kept for one record those it came with (a conflict resolved their way)."""
    if record.extras:
        portable.execute(conn, _UPSERT, [_row(record, record.extras, None)])
    else:
        portable.execute(conn, _DELETE, (record.table, record.id))


def _kept_keys(conn: Connection) -> set[tuple[str, str]]:
    rows = portable.execute(conn, "SELECT table_name, record_id FROM sync_passed_on")
    return {(str(table), str(rid)) for table, rid in rows}


def _foreign_winners(
    conn: Connection, foreign: Sequence[Record], kept: set[tuple[str, str]], arrival_no: int
) -> Iterator[tuple[object, ...]]:
    for record in foreign:
        if (record.table, record.id) in kept:
            stored = _stored(conn, record.table, record.id)
            if _rank(stored) >= _rank(record.values):
                continue
        yield _row(record, record.values, arrival_no)


def _stored(conn: Connection, table: str, record_id: str) -> dict[str, Any]:
    sql = "SELECT fields FROM sync_passed_on WHERE table_name = ? AND record_id = ?"
    text = portable.execute(conn, sql, (table, record_id)).scalar_one()
    fields: dict[str, Any] = json.loads(text)
    return fields


def _rank(values: dict[str, Any]) -> tuple[bool, str, str]:
    return (bool(values["deleted"]), str(values["updated_at"]), str(values["updated_by"]))


def kept_fields(conn: Connection, table: str) -> dict[str, dict[str, Any]]:
    """Record id -> the fields kept to pass on, for one table this version knows."""
    sql = "SELECT record_id, fields FROM sync_passed_on WHERE table_name = ?"
    return {str(rid): json.loads(text) for rid, text in portable.execute(conn, sql, (table,))}


def foreign_records(
    conn: Connection, since: tuple[str, int] | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, whole record) of every kept record of an unknown table, by table and id; with
    ``since`` (cutoff stamp, arrival mark) only those stamped after it or arrived after it."""
    known = tuple(canonical.table_specs())
    marks = ", ".join("?" for _ in known)
    sql = f"SELECT table_name, fields FROM sync_passed_on WHERE table_name NOT IN ({marks})"
    params: tuple[object, ...] = known
    if since is not None:
        sql += " AND (updated_at > ? OR arrival_no > ?)"
        params = (*known, *since)
    for table, text in portable.execute(conn, sql + " ORDER BY table_name, record_id", params):
        yield str(table), json.loads(text)


def adopt_field_sql(table: str, field: str, *, is_time: bool = False) -> tuple[str, ...]:
    """The statements a migration that adds ``table.field`` as a column copies in: values kept
    from newer laptops move into the column (docs/bundle-format.md). ``is_time`` for a date-time
    (the wire form has a ``T`` where the database has a space)."""
    path = f"$.{field}"
    value = f"json_extract(p.fields, '{path}')"
    if is_time:
        value = f"replace({value}, 'T', ' ')"
    return (
        f'UPDATE "{table}" SET "{field}" = (SELECT {value} FROM sync_passed_on p '
        f"WHERE p.table_name = '{table}' AND p.record_id = \"{table}\".id) "
        f"WHERE id IN (SELECT record_id FROM sync_passed_on WHERE table_name = '{table}' "
        f"AND json_type(fields, '{path}') IS NOT NULL)",
        f"UPDATE sync_passed_on SET fields = json_remove(fields, '{path}') "
        f"WHERE table_name = '{table}'",
        "DELETE FROM sync_passed_on WHERE fields = '{}'",
    )


def forget_man(conn: Connection, man_id: str) -> int:
    """Remove everything kept for his records (when he is erased); returns the rows removed."""
    found = portable.execute(conn, "DELETE FROM sync_passed_on WHERE participant_id = ?", (man_id,))
    return int(found.rowcount or 0)
