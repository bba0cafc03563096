"""Synced records as canonical JSON lines: one exact byte form per record, strictly checked back.

A line is ``{"r":{column: value, ...},"t":"table"}`` (with ``"s":{field stamps}`` between them when
the record's fields were not all set by its last edit, see ``domain.field_clock``) with sorted
keys, no spaces, UTF-8, dates as ``YYYY-MM-DD`` and times as ``YYYY-MM-DDTHH:MM:SS.ffffff`` (naive
UTC, as stored). Reading a line
checks every column against the model (exact fields in sorted order, no repeated field, type,
length, nullability, id and clock formats, real dates); ``wire_format`` reads the lines of other 1.x
formats (fields added or unknown) with the same checks. The exporter writes only canonical lines;
the reader does not re-encode to prove it (that doubled the import time), so a record's digest is
taken over the bytes received, which are covered by the signed payload hash.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Integer, String, Table

from engager_desktop.domain import field_clock
from engager_desktop.i18n import tr
from engager_desktop.store import portable
from engager_desktop.store.field_stamps import fields_of
from engager_desktop.store.orm import SYNCED_MODELS, Synced
from engager_desktop.sync import row_checker
from engager_desktop.sync.errors import RecordInvalid

MAX_RECORD_BYTES = 1 << 20  # 1 MiB a record
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HLC = re.compile(r"\d{13}-\d{6}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}")
_INT_LIMIT = 1 << 62
Stamps = dict[str, Any] | None
NUL_CHARACTER = "nul_character"  # the refusal's audit code: no vault, laptop or hub, stores U+0000
STAMP_COLUMNS = frozenset({"created_at", "updated_at", "updated_by", "rev"})


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str  # str, int, bool, date, datetime
    nullable: bool
    max_len: int | None
    uuid: bool
    hlc: bool


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[Synced]
    table: Table
    columns: tuple[ColumnSpec, ...]
    names: frozenset[str]
    foreign_keys: tuple[tuple[str, str], ...]  # (column, referenced table)
    owned: bool  # has a participant_id column
    sorted_names: tuple[str, ...]
    bool_columns: tuple[str, ...]
    datetime_columns: tuple[str, ...]
    datetime_indexes: tuple[int, ...]


def _kind(column: Any) -> str:
    for sql_type, kind in ((Boolean, "bool"), (DateTime, "datetime"), (Date, "date")):
        if isinstance(column.type, sql_type):
            return kind
    if isinstance(column.type, Integer):
        return "int"
    if isinstance(column.type, String):
        return "str"
    raise TypeError(f"column {column.name} has a type bundles cannot carry")


def _table_of(model: type[Synced]) -> Table:
    table = model.__dict__.get("__table__")
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a mapped table")
    return table


def _spec(model: type[Synced]) -> TableSpec:
    table = _table_of(model)
    columns: list[ColumnSpec] = []
    fks: list[tuple[str, str]] = []
    for column in table.columns:
        refs = [fk.column.table.name for fk in column.foreign_keys]
        fks.extend((column.name, ref) for ref in refs)
        columns.append(
            ColumnSpec(
                name=column.name,
                kind=_kind(column),
                nullable=bool(column.nullable),
                max_len=getattr(column.type, "length", None),
                uuid=column.name in {"id", "updated_by"} or bool(refs),
                hlc=column.name == "updated_at",
            )
        )
    columns.sort(key=lambda c: c.name)
    names = tuple(c.name for c in columns)
    return TableSpec(
        name=table.name,
        model=model,
        table=table,
        columns=tuple(columns),
        names=frozenset(names),
        foreign_keys=tuple(fks),
        owned="participant_id" in names,
        sorted_names=names,
        bool_columns=tuple(c.name for c in columns if c.kind == "bool"),
        datetime_columns=tuple(c.name for c in columns if c.kind == "datetime"),
        datetime_indexes=tuple(i for i, c in enumerate(columns) if c.kind == "datetime"),
    )


@cache
def table_specs() -> dict[str, TableSpec]:
    """Every synced table by name, parents before children (the order bundles use)."""
    return {spec.name: spec for spec in map(_spec, SYNCED_MODELS)}


# --------------------------------------------------------------------------- encoding
# Values travel in "wire form": JSON types, dates as text. SQLite stores the same text (SQLAlchemy's
# storage format, with a space where the wire form has "T"), so rows are read and written with
# plain driver SQL: no per-value parsing on the way out or in.


def select_sql(spec: TableSpec, where: str = "") -> str:
    """``SELECT`` of every column in sorted order (names come from the models, never from input)."""
    cols = ", ".join(f'"{name}"' for name in spec.sorted_names)
    return f'SELECT {cols} FROM "{spec.name}"{" WHERE " + where if where else ""} ORDER BY id'


def row_to_wire(spec: TableSpec, row: Sequence[Any]) -> dict[str, Any]:
    """A stored row (columns in sorted order) as a wire-form dict."""
    values = dict(zip(spec.sorted_names, row, strict=True))
    for name in spec.bool_columns:
        if values[name] is not None:
            values[name] = bool(values[name])
    for name in spec.datetime_columns:
        if values[name] is not None:
            values[name] = values[name].replace(" ", "T", 1)
    if values["deleted"]:
        return blank_tombstone(spec, values)  # a tombstone is read without content
    return values


def wire_to_row(spec: TableSpec, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """A wire-form dict (keys in sorted order, as ``decode`` and ``read_wire`` make them) as
    stored values, in that order (for driver ``INSERT``)."""
    out = list(values.values())
    for index in spec.datetime_indexes:
        if out[index] is not None:
            out[index] = out[index].replace("T", " ", 1)
    return tuple(out)


_dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode


def encode(table: str, values: Mapping[str, Any], stamps: Stamps = None) -> bytes:
    """The canonical line (without newline) for one wire-form row (and its field stamps)."""
    spec = table_specs()[table]
    row = {name: values[name] for name in spec.sorted_names}
    return encode_wire(spec, row, stamps)


def encode_wire(spec: TableSpec, values: dict[str, Any], stamps: Stamps = None) -> bytes:
    """The canonical line for a row straight from ``read_wire`` (already in sorted order)."""
    if stamps:  # "s" sorts between "r" and "t"
        return _dumps({"r": values, "s": dict(sorted(stamps.items())), "t": spec.name}).encode()
    return _dumps({"r": values, "t": spec.name}).encode("utf-8")


def encode_any(table: str, values: Mapping[str, Any], stamps: Stamps = None) -> bytes:
    """The canonical line for any fields (sorted here): a record with fields passed on, or one
    of a table this build does not know."""
    row = dict(sorted(values.items()))
    if stamps:  # "s" sorts between "r" and "t"
        return _dumps({"r": row, "s": dict(sorted(stamps.items())), "t": table}).encode()
    return _dumps({"r": row, "t": table}).encode("utf-8")


def read_wire(
    conn: Connection, spec: TableSpec, where: str = "", params: Sequence[Any] = ()
) -> Iterator[dict[str, Any]]:
    """Wire-form rows of one table (tombstones included), ordered by id."""
    rows = portable.execute(conn, select_sql(spec, where), tuple(params))
    if conn.dialect.name != "sqlite":  # PostgreSQL returns dates and times as objects
        rows = (_as_stored_text(row) for row in rows)
    for row in rows:
        yield row_to_wire(spec, row)


def _as_stored_text(row: Sequence[Any]) -> tuple[Any, ...]:
    """Dates and times as SQLite holds them (SQLAlchemy's text form, microseconds always)."""
    out = list(row)
    for at, value in enumerate(out):
        if isinstance(value, datetime):
            out[at] = value.isoformat(sep=" ", timespec="microseconds")
        elif isinstance(value, date):
            out[at] = value.isoformat()
    return tuple(out)


def table_lines(
    conn: Connection, spec: TableSpec, where: str = "", params: Sequence[Any] = ()
) -> Iterator[bytes]:
    """Canonical lines of one table's rows, ordered by id."""
    for values in read_wire(conn, spec, where, params):
        yield encode_wire(spec, values)


def digest(line: bytes) -> bytes:
    return hashlib.sha256(line).digest()


def content_digest(conn: Connection) -> str:
    """One SHA-256 over every synced record (sorted): equal in two vaults iff their records are."""
    total = hashlib.sha256()
    for spec in table_specs().values():
        for line in table_lines(conn, spec):
            total.update(line)
            total.update(b"\n")
    return total.hexdigest()


# --------------------------------------------------------------------------- decoding


@dataclass(frozen=True, slots=True)
class Record:
    """One checked record from a bundle: its table, wire-form values and line as received (and
    what a newer version of Engager Desktop put in it that this one does not know)."""

    table: str
    values: dict[str, Any]
    line: bytes
    extras: dict[str, Any] | None = None  # fields this build does not know, kept to pass on
    foreign: bool = False  # a table this build does not know: ``values`` is the whole record
    stamps: Stamps = None  # per-field stamps (``domain.field_clock``); None: all the record's

    @property
    def id(self) -> str:
        return str(self.values["id"])

    @property
    def hlc(self) -> str:
        return str(self.values["updated_at"])

    @property
    def device(self) -> str:
        return str(self.values["updated_by"])

    @property
    def deleted(self) -> bool:
        return bool(self.values["deleted"])

    @property
    def participant_id(self) -> str | None:
        return man_of(self.table, self.values)


def man_of(table: str, values: Mapping[str, Any]) -> str | None:
    """The man a record belongs to (his own id for a participant), if any."""
    if table == "participants":
        return str(values["id"])
    man = values.get("participant_id")
    return str(man) if man is not None else None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise RecordInvalid(tr("Errors", "a record repeats a field"))
    return out


_loads = json.JSONDecoder(object_pairs_hook=_no_duplicates).decode


def parse_line(line: bytes, *, tolerant: bool = False) -> tuple[Any, Any, Any]:
    """A line's table name, field object and field stamps (``"s"``, or None), unchecked;
    RecordInvalid if it is not a record. ``tolerant`` (a line of a newer 1.x minor) ignores keys
    beside ``r``, ``s`` and ``t``."""
    if len(line) > MAX_RECORD_BYTES:
        raise RecordInvalid(tr("Errors", "a record is larger than 1 MiB"))
    try:
        obj = _loads(line.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, RecordInvalid):
            raise
        raise RecordInvalid(tr("Errors", "a line is not JSON")) from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("r"), dict) or "t" not in obj:
        raise RecordInvalid(tr("Errors", "a line is not a record"))
    if not tolerant and obj.keys() not in ({"r", "t"}, {"r", "s", "t"}):
        raise RecordInvalid(tr("Errors", "a line is not a record"))
    return obj["t"], obj["r"], obj.get("s")


def decode(line: bytes) -> Record:
    """Parse and check one line of today's format exactly (``wire_format.decode`` reads every
    1.x format); raise RecordInvalid naming the table and field, never a value."""
    table, row, stamps = parse_line(line)
    spec = table_specs().get(table) if isinstance(table, str) else None
    if spec is None:
        raise RecordInvalid(tr("Errors", "a record names an unknown table"))
    if tuple(row) != spec.sorted_names:
        raise RecordInvalid(
            tr("Errors", "a {name} record does not have exactly the expected fields").format(
                name=spec.name
            )
        )
    check_row(spec, row)
    if stamps is not None:
        check_stamps(spec, row, stamps)
    return Record(spec.name, row, line, stamps=stamps)


def check_row(spec: TableSpec, row: Mapping[str, Any]) -> None:
    """Check every column's value (all present); raise RecordInvalid naming what is wrong."""
    if _row_check(spec.name)(row):  # every value valid: the common case, compiled per table
        return
    for col in spec.columns:
        if not _valid(col, row[col.name]):
            _check(spec.name, col, row[col.name])  # raises, naming what is wrong
    if row["rev"] < 1:
        raise RecordInvalid(
            tr("Errors", "a {name} record has a revision below 1").format(name=spec.name)
        )


@cache
def _row_check(table: str) -> row_checker.RowCheck:
    patterns = {"uuid": _UUID, "hlc": _HLC, "date": _DATE, "datetime": _DATETIME}
    return row_checker.compile_check(table, table_specs()[table].columns, patterns, _INT_LIMIT)


def check_value(table: str, col: ColumnSpec, value: Any) -> None:
    """Check one value; raise RecordInvalid naming ``table.column`` if it is wrong."""
    if not _valid(col, value):
        _check(table, col, value)


def check_stamps(spec: TableSpec, row: Mapping[str, Any], stamps: Any) -> None:
    """Check a line's field stamps (``"s"``) against its record; RecordInvalid if wrong."""
    key = (row["updated_at"], row["updated_by"])
    try:
        field_clock.check(stamps, fields_of(spec.sorted_names), key)
    except field_clock.MapInvalid as exc:
        raise RecordInvalid(
            tr("Errors", "a {name} record: {exc}").format(name=spec.name, exc=exc)
        ) from exc


def _valid(col: ColumnSpec, value: Any) -> bool:
    """The fast yes/no of ``_check`` (it runs a million times on a large import)."""
    if value is None:
        return col.nullable
    kind = col.kind
    if kind == "str":
        if type(value) is not str or (col.max_len is not None and len(value) > col.max_len):
            return False
        if "\x00" in value:
            return False
        if col.uuid:
            return _UUID.fullmatch(value) is not None
        return not col.hlc or _HLC.fullmatch(value) is not None
    if kind == "bool":
        return type(value) is bool
    if kind == "int":
        return type(value) is int and -_INT_LIMIT <= value <= _INT_LIMIT
    try:
        _check_time("", kind, value)
    except RecordInvalid:
        return False
    return True


def _check(table: str, col: ColumnSpec, value: Any) -> None:
    where = f"{table}.{col.name}"
    if value is None:
        if not col.nullable:
            raise RecordInvalid(tr("Errors", "{where} is missing").format(where=where))
        return
    kind = col.kind
    if kind == "str":
        if not isinstance(value, str):
            raise RecordInvalid(tr("Errors", "{where} is not text").format(where=where))
        if "\x00" in value:
            raise RecordInvalid(
                tr("Errors", "{where} holds a NUL character (U+0000)").format(where=where),
                NUL_CHARACTER,
            )
        if col.max_len is not None and len(value) > col.max_len:
            raise RecordInvalid(
                tr("Errors", "{where} is longer than {max_len} characters").format(
                    where=where, max_len=col.max_len
                )
            )
        if col.uuid and not _UUID.fullmatch(value):
            raise RecordInvalid(tr("Errors", "{where} is not an id").format(where=where))
        if col.hlc and not _HLC.fullmatch(value):
            raise RecordInvalid(tr("Errors", "{where} is not a clock stamp").format(where=where))
    elif kind == "bool":
        if not isinstance(value, bool):
            raise RecordInvalid(tr("Errors", "{where} is not true or false").format(where=where))
    elif kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) > _INT_LIMIT:
            raise RecordInvalid(
                tr("Errors", "{where} is not a whole number in range").format(where=where)
            )
    else:
        _check_time(where, kind, value)


def _check_time(where: str, kind: str, value: Any) -> None:
    pattern = _DATE if kind == "date" else _DATETIME
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise RecordInvalid(
            (
                tr("Errors", "{where} is not a date")
                if kind == "date"
                else tr("Errors", "{where} is not a time")
            ).format(where=where)
        )
    try:
        if kind == "date":
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value)
    except ValueError as exc:
        raise RecordInvalid(
            (
                tr("Errors", "{where} is not a real date")
                if kind == "date"
                else tr("Errors", "{where} is not a real time")
            ).format(where=where)
        ) from exc


def content_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a practitioner edits: everything but the sync stamps."""
    return {k: v for k, v in values.items() if k not in STAMP_COLUMNS}


def count_by_table(records: Iterable[Record]) -> dict[str, list[int]]:
    """Per table: [live, deleted] counts, only for tables that have records."""
    counts: dict[str, list[int]] = {}
    for record in records:
        pair = counts.setdefault(record.table, [0, 0])
        pair[1 if record.deleted else 0] += 1
    return counts


# --------------------------------------------------------------------------- tombstones
# A tombstone travels with no content: only its id, stamps, ``deleted`` and the ids it must point
# to (non-null references); every other field empty. This vault may keep the content of its own
# tombstones (so "keep mine" can restore a record and its children), but they are read, merged,
# compared and exported in this empty wire form, so every laptop holds the same records. Nor does
# a tombstone carry field stamps: the deletion set every field (to empty) at its own stamp, so in
# the field-level merge its empty fields lose only to edits made after it (``plan.plan_one``).

ERASED_AT = "1970-01-01T00:00:00.000000"  # created_at of an erasure tombstone, and of no other
_EMPTY: dict[str, Any] = {
    "str": "",
    "int": 0,
    "bool": False,
    "date": "1970-01-01",
    "datetime": ERASED_AT,
}


@cache
def tombstone_keeps(table: str) -> tuple[str, ...]:
    """The fields a tombstone keeps, in sorted order (``id`` included)."""
    spec = table_specs()[table]
    references = {column for column, _target in spec.foreign_keys}
    keep = {"id", "deleted", *STAMP_COLUMNS}
    return tuple(
        col.name
        for col in spec.columns
        if col.name in keep or (col.name in references and not col.nullable)
    )


def blank_tombstone(spec: TableSpec, values: Mapping[str, Any]) -> dict[str, Any]:
    """A deleted record's wire form with its content emptied (keys in sorted order)."""
    keeps = tombstone_keeps(spec.name)
    return {
        col.name: values[col.name]
        if col.name in keeps
        else (None if col.nullable else _EMPTY[col.kind])
        for col in spec.columns
    }


def as_tombstone(record: Record) -> Record:
    """A received tombstone with any content it carried removed (the same record if none)."""
    if not record.deleted:
        return record
    values = blank_tombstone(table_specs()[record.table], record.values)
    if values == record.values and record.stamps is None:
        return record
    if record.extras:  # what a newer build added is its own to empty; it travels on as it came
        line = encode_any(record.table, {**values, **record.extras})
        return Record(record.table, values, line, record.extras)
    return Record(record.table, values, encode(record.table, values))  # no field stamps


def is_erasure(values: Mapping[str, Any]) -> bool:
    """Whether a wire-form record is an erasure tombstone (data protection), not a deletion."""
    return bool(values["deleted"]) and values["created_at"] == ERASED_AT
