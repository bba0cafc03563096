"""Conflicts kept by imports: list them for review and resolve one (keep mine / take theirs).

A conflict row holds the losing version's canonical line and which side it came from. Choosing the
side that already won only closes the conflict. Choosing the losing side writes it back through
the ORM, so the flush hook stamps it as a new edit that wins on every laptop at the next exchange
(deletions follow the same order as edits). A losing live version brought back over a deletion
restores the record with the children that deletion took (records that cannot exist without it,
deleted by the same laptop in the same flush, whose content this vault still holds); so does
choosing a live version that already beat a deletion, since the children's own tombstones won.
A losing deletion chosen deletes the record and its live children again. An erased record is
never brought back: that choice is refused with a plain reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engager_desktop.domain.hlc import Stamp
from engager_desktop.store.orm.system import Conflict
from engager_desktop.sync import canonical, merge, passed_on, wire_format
from engager_desktop.sync.errors import SyncError

_CASCADE_MS = 1_000  # a deletion's children are stamped in the same flush, within this of it
KEEP_MINE = "keep_mine"
TAKE_THEIRS = "take_theirs"
CHOICES = (KEEP_MINE, TAKE_THEIRS)


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    record_id: str
    participant_id: str | None
    lost: str  # which side lost the automatic merge: "mine" or "theirs"
    from_device: str
    detected_at: datetime
    fields: tuple[str, ...]  # content fields where the two versions differ (names, not values)
    deleted_now: bool  # the record is deleted here


@dataclass(frozen=True)
class Resolution:
    conflict_id: str
    table: str
    record_id: str
    participant_id: str | None
    rewritten: bool  # the losing version's content was written back as a new edit


def _losing(row: Conflict) -> tuple[str, canonical.Record]:
    wrapped = json.loads(row.losing_version)
    line = wrapped["line"].encode("utf-8")  # any 1.x format: it may lack fields added since
    return wrapped["side"], wire_format.decode(line, wire_format.lenient_reader())


def _current(session: Session, table: str, record_id: str) -> Any:
    spec = canonical.table_specs()[table]
    return session.get(spec.model, record_id)


def _wire(obj: Any, table: str) -> dict[str, Any]:
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


def list_open(session: Session, participant_id: str | None = None) -> list[ConflictView]:
    stmt = select(Conflict).where(Conflict.resolved_at.is_(None))
    if participant_id is not None:
        stmt = stmt.where(Conflict.participant_id == participant_id)
    views: list[ConflictView] = []
    for row in session.scalars(stmt.order_by(Conflict.detected_at, Conflict.id)):
        side, loser = _losing(row)
        current = _current(session, row.table_name, row.record_id)
        now = _wire(current, row.table_name) if current is not None else {}
        mine = canonical.content_fields(loser.values)
        differ = tuple(sorted(k for k, v in mine.items() if now.get(k) != v))
        views.append(
            ConflictView(
                id=row.id,
                table=row.table_name,
                record_id=row.record_id,
                participant_id=row.participant_id,
                lost=side,
                from_device=row.from_device,
                detected_at=row.detected_at,
                fields=differ,
                deleted_now=bool(current is not None and current.deleted),
            )
        )
    return views


def versions(session: Session, conflict_id: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    """(the record as it is now, the losing version, which side lost) for the review screen."""
    row = _open_row(session, conflict_id)
    side, loser = _losing(row)
    current = _current(session, row.table_name, row.record_id)
    now = _wire(current, row.table_name) if current is not None else {}
    return now, dict(loser.values), side


def _open_row(session: Session, conflict_id: str) -> Conflict:
    row = session.get(Conflict, conflict_id)
    if row is None or row.resolved_at is not None:
        raise SyncError("no_conflict", "no such open conflict (it may have been resolved)")
    return row


def resolve(session: Session, conflict_id: str, choice: str, now: datetime) -> Resolution:
    """Close one conflict the practitioner's way; the caller's flush hook stamps any rewrite."""
    if choice not in CHOICES:
        raise SyncError("choice", "choose keep mine or take theirs")
    row = _open_row(session, conflict_id)
    side, loser = _losing(row)
    wanted_loser = (choice == KEEP_MINE) == (side == merge.MINE)
    current = _current(session, row.table_name, row.record_id)
    if wanted_loser:
        if current is None or canonical.is_erasure(_wire(current, row.table_name)):
            raise SyncError(
                "erased",
                "this record was erased for data protection and cannot be brought back",
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


def _write_back(obj: Any, table: str, values: dict[str, Any]) -> None:
    spec = canonical.table_specs()[table]
    for col in spec.columns:
        if col.name in canonical.STAMP_COLUMNS or col.name == "id":
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
            wire = _wire(child, spec.name)
            if wire == canonical.blank_tombstone(spec, wire):
                continue  # arrived as a tombstone: nothing here to restore
            child.deleted = False
            _revive_children(session, spec.name, child.id, deletion)
