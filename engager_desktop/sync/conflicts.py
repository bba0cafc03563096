"""Conflicts kept by imports: list them field by field, and settle one field or all of them.

Every conflict between two live versions reads as fields, each with this laptop's value and the
other laptop's (``field_conflicts`` has the stored forms). Choosing the other value writes it back
through the ORM, so the flush hook stamps that field as a new edit, which wins on every laptop at
the next exchange. Choosing the value that stands already writes nothing, but the field is stamped
anew all the same, so the other laptop learns at the next exchange that it was settled
(``settle``). A conflict closes when its last field is settled, here or elsewhere.

A conflict between a deletion and an edit (deletions follow the same order as edits) is settled
for the whole record. Choosing the side that already won only closes it (a live version that beat
a deletion also brings back the children that deletion took). Choosing the losing side writes it
back as a new edit: a live version brought back over a deletion restores the record with the
children that deletion took (records that cannot exist without it, deleted by the same laptop in
the same flush, whose content this vault still holds); a losing deletion chosen deletes the record
and its live children again. An erased record is never brought back: that choice is refused with a
plain reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from engager_desktop.domain.hlc import Stamp
from engager_desktop.i18n import tr
from engager_desktop.store.orm.system import Conflict
from engager_desktop.sync import canonical, field_conflicts, merge, passed_on, wire_format
from engager_desktop.sync.errors import SyncError

_CASCADE_MS = 1_000  # a deletion's children are stamped in the same flush, within this of it
KEEP_MINE = "keep_mine"
TAKE_THEIRS = "take_theirs"
CHOICES = (KEEP_MINE, TAKE_THEIRS)
MIXED = "mixed"
HERE = "here"


@dataclass(frozen=True)
class FieldView:
    name: str
    mine: Any  # this laptop's value (wire form)
    theirs: Any  # the other laptop's value
    lost: str  # MINE or THEIRS: whose value lost the automatic merge
    stands: str  # whose value the record holds now: MINE, THEIRS or "other"
    settled_by: str | None = None  # None while open; HERE, or the device id that settled it


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    record_id: str
    participant_id: str | None
    lost: str  # whose version lost on the fields still open: MINE, THEIRS or MIXED
    from_device: str
    detected_at: datetime
    fields: tuple[str, ...]  # names of the fields still open
    deleted_now: bool  # the record is deleted here
    items: tuple[FieldView, ...] = ()  # every field of the conflict, settled ones included

    def summary(self) -> dict[str, object]:
        """The conflict as the command lines list it (``--json``): names and ids, no values."""
        return {
            "id": self.id,
            "table": self.table,
            "record_id": self.record_id,
            "participant_id": self.participant_id,
            "lost": self.lost,
            "from_device": self.from_device,
            "detected_at": self.detected_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "fields": list(self.fields),
            "deleted_now": self.deleted_now,
        }


@dataclass(frozen=True)
class Resolution:
    conflict_id: str
    table: str
    record_id: str
    participant_id: str | None
    rewritten: bool  # a value was written back as a new edit
    closed: bool = True  # no field of the conflict is left open


def _losing(row: Conflict) -> tuple[str, canonical.Record] | None:
    """(side, losing version) of a record-level row; None for a field-level one."""
    wrapped = json.loads(row.losing_version)
    if "line" not in wrapped:
        return None
    line = wrapped["line"].encode("utf-8")  # any 1.x format: it may lack fields added since
    return wrapped["side"], wire_format.decode(line, wire_format.lenient_reader())


def _current(session: Session, table: str, record_id: str) -> Any:
    spec = canonical.table_specs()[table]
    return session.get(spec.model, record_id)


def wire_of(obj: Any, table: str) -> dict[str, Any]:
    spec = canonical.table_specs()[table]
    out: dict[str, Any] = {}
    for name in spec.sorted_names:
        value = getattr(obj, name)
        if isinstance(value, datetime):
            value = value.strftime("%Y-%m-%dT%H:%M:%S.%f")
        elif isinstance(value, date):
            value = value.isoformat()
        out[name] = value
    return out


def view_of(row: Conflict, current: dict[str, Any] | None) -> ConflictView:
    stored = field_conflicts.fields_of(row.losing_version, current or {})
    items = tuple(_item(name, entry, current or {}) for name, entry in stored.items())
    open_items = [item for item in items if item.settled_by is None]
    sides = {item.lost for item in open_items}
    return ConflictView(
        id=row.id,
        table=row.table_name,
        record_id=row.record_id,
        participant_id=row.participant_id,
        lost=sides.pop() if len(sides) == 1 else MIXED,
        from_device=row.from_device,
        detected_at=row.detected_at,
        fields=tuple(item.name for item in open_items),
        deleted_now=bool(current and current["deleted"]),
        items=items,
    )


def _item(name: str, entry: dict[str, Any], current: dict[str, Any]) -> FieldView:
    now = current.get(name)
    stands = merge.MINE if now == entry["mine"] else merge.THEIRS
    if now not in (entry["mine"], entry["theirs"]):
        stands = "other"
    settled = entry.get("settled")
    return FieldView(
        name=name,
        mine=entry["mine"],
        theirs=entry["theirs"],
        lost=entry["lost"],
        stands=settled["stands"] if settled else stands,
        settled_by=settled["by"] if settled else None,
    )


def list_open(session: Session, participant_id: str | None = None) -> list[ConflictView]:
    stmt = select(Conflict).where(Conflict.resolved_at.is_(None))
    if participant_id is not None:
        stmt = stmt.where(Conflict.participant_id == participant_id)
    views: list[ConflictView] = []
    for row in session.scalars(stmt.order_by(Conflict.detected_at, Conflict.id)):
        current = _current(session, row.table_name, row.record_id)
        views.append(view_of(row, wire_of(current, row.table_name) if current else None))
    return views


def _open_row(session: Session, conflict_id: str) -> Conflict:
    row = session.get(Conflict, conflict_id)
    if row is None or row.resolved_at is not None:
        raise SyncError(
            "no_conflict", tr("Errors", "no such open conflict (it may have been resolved)")
        )
    return row


def resolve(
    session: Session, conflict_id: str, choice: str, now: datetime, field: str | None = None
) -> Resolution:
    """Settle one field (or every open one) the practitioner's way; the flush hook stamps writes."""
    if choice not in CHOICES:
        raise SyncError("choice", tr("Errors", "choose keep mine or take theirs"))
    row = _open_row(session, conflict_id)
    current = _current(session, row.table_name, row.record_id)
    losing = _losing(row)
    if losing is not None and (losing[1].deleted or (current is not None and current.deleted)):
        return _resolve_record(session, row, current, losing, choice, now)
    wire = wire_of(current, row.table_name) if current is not None else None
    view = view_of(row, wire)
    picked = [item for item in view.items if item.settled_by is None]
    if field is not None:
        picked = [item for item in picked if item.name == field]
        if not picked:
            raise SyncError("field", tr("Errors", "that field is not open in this conflict"))
    wanted = {item.name: item.mine if choice == KEEP_MINE else item.theirs for item in picked}
    writes = {name: value for name, value in wanted.items() if wire is None or wire[name] != value}
    if writes:
        if current is None or current.deleted:  # deleted since: its deletion is settled first
            raise SyncError(
                "deleted",
                tr(
                    "Errors",
                    (
                        "this record has been deleted since; choose keep mine or take theirs "
                        "for the deletion first"
                    ),
                ),
            )
        _write_back(current, row.table_name, writes)
    if current is not None and not current.deleted:
        for name in wanted.keys() - writes.keys():
            flag_modified(current, name)  # a new stamp tells the other laptop it was settled
    side = merge.MINE if choice == KEEP_MINE else merge.THEIRS
    if side == merge.THEIRS and field is None:
        # their whole line as received: what a newer version added comes back with it
        line = field_conflicts.their_line(row.losing_version)
        if losing is not None and losing[0] == merge.THEIRS:
            passed_on.set_fields(session.connection(), losing[1])
        elif line is not None:
            their = wire_format.decode(line, wire_format.lenient_reader())
            passed_on.set_fields(session.connection(), their)
    settled = {item.name: {"by": HERE, "stands": side} for item in picked}
    row.losing_version = field_conflicts.settle(row.losing_version, wire or {}, settled)
    closed = len(picked) == len(view.fields)
    if closed:
        row.resolved_at = now
        row.resolution = choice if field is None or len(view.items) == 1 else _overall(view, side)
    return Resolution(
        row.id, row.table_name, row.record_id, row.participant_id, bool(writes), closed
    )


def _resolve_record(
    session: Session,
    row: Conflict,
    current: Any,
    losing: tuple[str, canonical.Record],
    choice: str,
    now: datetime,
) -> Resolution:
    """A deletion against an edit: settled for the whole record (any field named or not)."""
    side, loser = losing
    wanted_loser = (choice == KEEP_MINE) == (side == merge.MINE)
    if wanted_loser:
        if current is None or canonical.is_erasure(wire_of(current, row.table_name)):
            raise SyncError(
                "erased",
                tr(
                    "Errors",
                    "this record was erased for data protection and cannot be brought back",
                ),
            )
        _take(session, current, row.table_name, loser)
        if side == merge.THEIRS and not loser.deleted:
            # their line as received: what a newer version added comes back with it
            passed_on.set_fields(session.connection(), loser)
    elif loser.deleted and current is not None and not current.deleted:
        # the live version that beat a deletion: bring back the children that deletion took
        _revive_children(session, row.table_name, current.id, (loser.hlc, loser.device))
    row.resolved_at = now
    row.resolution = choice
    return Resolution(row.id, row.table_name, row.record_id, row.participant_id, wanted_loser)


def _overall(view: ConflictView, side: str) -> str:
    """keep_mine / take_theirs when every field went one way here, else mixed."""
    sides = {item.stands for item in view.items if item.settled_by is not None} | {side}
    by = {item.settled_by for item in view.items if item.settled_by is not None} - {HERE}
    if by or len(sides) != 1:
        return MIXED
    return KEEP_MINE if side == merge.MINE else TAKE_THEIRS


def _write_back(obj: Any, table: str, values: dict[str, Any]) -> None:
    spec = canonical.table_specs()[table]
    for col in spec.columns:
        if col.name not in values:
            continue
        value = values[col.name]
        if value is not None and col.kind == "date":
            value = date.fromisoformat(value)
        elif value is not None and col.kind == "datetime":
            value = datetime.fromisoformat(value)
        setattr(obj, col.name, value)


def _take(session: Session, current: Any, table: str, loser: canonical.Record) -> None:
    if loser.deleted:
        _bury(session, table, current)
        return
    deletion = (str(current.updated_at), str(current.updated_by)) if current.deleted else None
    _write_back(current, table, loser.values)
    if deletion is not None:
        _revive_children(session, table, current.id, deletion)


def _children(table: str) -> list[tuple[canonical.TableSpec, str]]:
    """(table, column) of the records that cannot exist without a record of ``table``."""
    out: list[tuple[canonical.TableSpec, str]] = []
    for spec in canonical.table_specs().values():
        for column, target in spec.foreign_keys:
            nullable = next(col.nullable for col in spec.columns if col.name == column)
            if target == table and not nullable:
                out.append((spec, column))
    return out


def _bury(session: Session, table: str, record: Any) -> None:
    record.deleted = True
    for spec, column in _children(table):
        model: Any = spec.model
        rows = session.scalars(
            select(model).where(getattr(model, column) == record.id, model.deleted.is_(False))
        )
        for child in rows.all():
            _bury(session, spec.name, child)


def _revive_children(
    session: Session, table: str, record_id: str, deletion: tuple[str, str]
) -> None:
    """Undelete the children that one deletion (its stamp and device) took with the record: those
    that device deleted within a second of it (one flush), whose content this vault still holds."""
    millis = Stamp.parse(deletion[0]).millis
    low, high = str(Stamp(max(millis - _CASCADE_MS, 0), 0)), str(Stamp(millis + _CASCADE_MS, 0))
    for spec, column in _children(table):
        model: Any = spec.model
        rows = session.scalars(
            select(model).where(
                getattr(model, column) == record_id,
                model.deleted.is_(True),
                model.updated_at.between(low, high),
                model.updated_by == deletion[1],
            )
        )
        for child in rows.all():
            wire = wire_of(child, spec.name)
            if wire == canonical.blank_tombstone(spec, wire):
                continue  # arrived as a tombstone: nothing here to restore
            child.deleted = False
            _revive_children(session, spec.name, child.id, deletion)
