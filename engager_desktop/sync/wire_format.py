"""Read the record lines of any 1.x bundle format, and write records with what is passed on.

A line whose fields are exactly this build's is checked as before (the fast path). Otherwise:
- a field this build has that the bundle's format lacks takes the default its format version
  gives (``field_lists``); a field the bundle's format has must be there;
- a field this build does not know (from a newer version) is kept aside in ``Record.extras``:
  a plain name, any JSON value without fractions;
- a record of a table this build does not know (from a newer version) is kept whole
  (``Record.foreign``) once the fields every synced record carries check out.
Fields stay in sorted order (the canonical form), so a record passed on unchanged is written back
byte for byte as it arrived.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from engager_desktop.domain import field_clock
from engager_desktop.i18n import tr
from engager_desktop.store import sync_state  # noqa: F401  (registers the sync tables)
from engager_desktop.store.field_stamps import fields_of
from engager_desktop.store.orm import Base
from engager_desktop.sync import canonical, field_lists
from engager_desktop.sync.canonical import ColumnSpec, Record, TableSpec
from engager_desktop.sync.errors import RecordInvalid

NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")  # a field
TABLE = re.compile(r"[a-z_]{1,40}")  # a table (as the manifest counts them)
MAX_FIELDS = 200
_UNMODELLED = frozenset({"search_index", "caseload_figures", "alembic_version"})
_BASE_COLUMNS = (
    ColumnSpec("created_at", "datetime", False, None, False, False),
    ColumnSpec("deleted", "bool", False, None, False, False),
    ColumnSpec("id", "str", False, 36, True, False),
    ColumnSpec("rev", "int", False, None, False, False),
    ColumnSpec("updated_at", "str", False, 20, False, True),
    ColumnSpec("updated_by", "str", False, 36, True, False),
)
_MAN_COLUMN = ColumnSpec("participant_id", "str", True, 36, True, False)


@dataclass(frozen=True)
class Reader:
    """How to read the records of a bundle of format 1.``minor`` with this build's formats."""

    minor: int
    defaults: Mapping[str, Mapping[str, Any]]  # table -> my fields its format lacks -> value
    tolerant: bool = False  # a newer minor's line: keys beside "r" and "t" are ignored


def reader(minor: int, formats: field_lists.Formats | None = None) -> Reader:
    """``formats`` is this build's unless a test plays another build."""
    return _reader(minor, formats or field_lists.FORMATS)


@cache
def _reader(minor: int, formats: field_lists.Formats) -> Reader:
    newer = minor > formats.current.minor
    return Reader(minor, field_lists.defaults_after(formats, minor), tolerant=newer)


def lenient_reader() -> Reader:
    """For lines kept in this vault (a conflict's losing version, of any format): fills any
    added field and ignores line keys a newer minor added."""
    return _lenient(field_lists.FORMATS)


@cache
def _lenient(formats: field_lists.Formats) -> Reader:
    return Reader(0, field_lists.defaults_after(formats, 0), tolerant=True)


def decode(line: bytes, how: Reader) -> Record:
    """Parse and check one line of a 1.x bundle; RecordInvalid naming table and field."""
    table, row, stamps = canonical.parse_line(line, tolerant=how.tolerant)
    spec = canonical.table_specs().get(table) if isinstance(table, str) else None
    if spec is None:
        return _foreign(table, row, line)  # field stamps of a table this build does not know: none
    if tuple(row) == spec.sorted_names:
        canonical.check_row(spec, row)
        record = Record(spec.name, row, line)
    else:
        record = _other_fields(spec, row, line, how.defaults.get(spec.name, {}))
    if stamps is None:
        return record
    if record.extras:  # a newer build's fields may have stamps too: checked, then left aside
        stamps = _known_stamps(spec, record, stamps)
    else:
        canonical.check_stamps(spec, record.values, stamps)
    return dataclasses.replace(record, stamps=stamps)


def _known_stamps(spec: TableSpec, record: Record, stamps: Any) -> dict[str, Any] | None:
    """The stamps of this build's fields, from a map that may name the fields passed on."""
    key = (record.hlc, record.device)
    names = fields_of(spec.sorted_names)
    try:
        field_clock.check(stamps, [*names, *(record.extras or {})], key)
    except field_clock.MapInvalid as exc:
        raise RecordInvalid(
            tr("Errors", "a {name} record: {exc}").format(name=spec.name, exc=exc)
        ) from exc
    return field_clock.compact(field_clock.expand(names, key, stamps), key)


def _other_fields(
    spec: TableSpec, row: dict[str, Any], line: bytes, defaults: Mapping[str, Any]
) -> Record:
    _check_names(spec.name, row)
    values: dict[str, Any] = {}
    for name in spec.sorted_names:
        if name in row:
            values[name] = row[name]
        elif name in defaults:
            values[name] = defaults[name]
        else:
            raise RecordInvalid(
                tr("Errors", "{name}.{name2} is missing").format(name=spec.name, name2=name)
            )
    canonical.check_row(spec, values)
    extras = {k: v for k, v in row.items() if k not in spec.names}
    for name, value in extras.items():
        _check_passed_on(spec.name, name, value)
    return Record(spec.name, values, line, extras or None)


def _foreign(table: Any, row: dict[str, Any], line: bytes) -> Record:
    if not isinstance(table, str) or not TABLE.fullmatch(table):
        raise RecordInvalid(tr("Errors", "a record names an unknown table"))
    if table in Base.metadata.tables or table in _UNMODELLED or table.startswith("sqlite_"):
        raise RecordInvalid(tr("Errors", "a record names a table that does not travel in bundles"))
    _check_names(table, row)
    for col in _BASE_COLUMNS:
        if col.name not in row:
            raise RecordInvalid(
                tr("Errors", "{table}.{name} is missing").format(table=table, name=col.name)
            )
        canonical.check_value(table, col, row[col.name])
    if "participant_id" in row:
        canonical.check_value(table, _MAN_COLUMN, row["participant_id"])
    if row["rev"] < 1:
        raise RecordInvalid(
            tr("Errors", "a {table} record has a revision below 1").format(table=table)
        )
    for name, value in row.items():
        _check_passed_on(table, name, value)
    return Record(table, row, line, None, foreign=True)


def _check_names(table: str, row: dict[str, Any]) -> None:
    names = list(row)
    if len(names) > MAX_FIELDS:
        raise RecordInvalid(
            tr("Errors", "a {table} record has more than {max_fields} fields").format(
                table=table, max_fields=MAX_FIELDS
            )
        )
    if names != sorted(names):
        raise RecordInvalid(
            tr("Errors", "a {table} record's fields are not in order").format(table=table)
        )
    for name in names:
        if not NAME.fullmatch(name):
            raise RecordInvalid(
                tr("Errors", "a {table} record has a field with an unusable name").format(
                    table=table
                )
            )


def _check_passed_on(table: str, name: str, value: Any) -> None:
    try:
        plain = _plain(value)
    except RecursionError:
        plain = False
    if not plain:
        raise RecordInvalid(
            tr("Errors", "{table}.{name} holds a fraction or a value bundles cannot carry").format(
                table=table, name=name
            )
        )


def _plain(value: Any) -> bool:
    """JSON without fractions (bundles carry none, so a value passed on is written back as it
    came)."""
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    return False


def encode_passed_on(
    spec: TableSpec,
    values: dict[str, Any],
    extras: Mapping[str, Any],
    stamps: canonical.Stamps = None,
) -> bytes:
    """A record's line with the fields kept for it merged back (a field this build has learnt
    since keeps this build's value), and its field stamps."""
    merged = {k: v for k, v in extras.items() if k not in spec.names}
    merged.update(values)
    return canonical.encode_any(spec.name, merged, stamps)
