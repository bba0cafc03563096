"""Session hooks: stamp every synced change with the clock and device, check lengths, audit it.

One mechanism for every write path: whatever a service changes, the flush gives it a fresh
hybrid-clock stamp, bumps its revision, refuses over-long text and appends an audit entry in the
same transaction, so no change can be saved without its audit entry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from engager_desktop.domain.clock import Clock
from engager_desktop.domain.hlc import MAX_MILLIS, HlcError, HybridClock, Stamp
from engager_desktop.domain.validation import ValidationError
from engager_desktop.i18n import tr
from engager_desktop.store import audit, field_stamps, portable
from engager_desktop.store.orm import SYNCED_MODELS, Participant
from engager_desktop.store.orm.base import Synced, new_id
from engager_desktop.store.orm.system import VaultMeta

HLC_KEY = "hlc_last"
CLOCK_REPAIRED = "clock_repaired"
_GOOD_STAMP = "[0-9]" * 13 + "-" + "[0-9]" * 6  # a GLOB: exactly the stamp format


def utc_iso(clock: Clock) -> str:
    return clock.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def naive_utc(clock: Clock) -> Any:
    return clock.now().replace(tzinfo=None)


def check_lengths(obj: Any) -> None:
    """Refuse text longer than its column allows, or holding U+0000 (NUL), which no vault stores
    (PostgreSQL, at the hub, cannot); the message names the field, not the value."""
    mapper = inspect(type(obj))
    for column in mapper.columns:
        if not isinstance(column.type, String):
            continue
        value = getattr(obj, column.key, None)
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            raise ValidationError(
                column.key,
                tr("Errors", "{value} contains a hidden character that cannot be saved").format(
                    value=column.key.replace("_", " ")
                ),
            )
        limit = getattr(column.type, "length", None)
        if limit and len(value) > limit:
            raise ValidationError(
                column.key,
                tr("Errors", "{value} is longer than {limit} characters").format(
                    value=column.key.replace("_", " "), limit=limit
                ),
            )


def _all_fields(obj: Any) -> list[str]:
    return [column.key for column in obj.__table__.columns]


def _changed_fields(obj: Any) -> list[str]:
    state = inspect(obj)
    return sorted(
        attr.key
        for attr in state.attrs
        if attr.history.has_changes() and attr.key not in {"updated_at", "rev"}
    )


class Stamper:
    """Owns the hybrid clock of an open vault and installs the flush hook on its sessions."""

    def __init__(self, device_id: str, clock: Clock, hlc: HybridClock) -> None:
        self.device_id = device_id
        self.clock = clock
        self.hlc = hlc

    def install(self, session_class: type[Session] | Callable[..., Session]) -> None:
        event.listen(session_class, "before_flush", self._before_flush)
        event.listen(session_class, "after_commit", self._after_end)
        event.listen(session_class, "after_rollback", self._after_end)

    def audit(
        self,
        session: Session,
        action: str,
        kind: str | None = None,
        record_id: str | None = None,
        detail: str | None = None,
    ) -> None:
        audit.append(
            session,
            at=utc_iso(self.clock),
            device_id=self.device_id,
            action=action,
            kind=kind,
            record_id=record_id,
            detail=detail,
        )

    def _after_end(self, session: Session) -> None:
        audit.forget_cached_head(session)

    def _before_flush(self, session: Session, _ctx: UOWTransaction, _instances: Any) -> None:
        stamped = False
        for obj in list(session.new):
            if isinstance(obj, Synced):
                check_lengths(obj)
                if isinstance(obj, Participant) and obj.held_by is None:
                    obj.held_by = self.device_id  # a man added here is held here
                obj.id = obj.id or new_id()
                obj.created_at = obj.created_at or naive_utc(self.clock)
                self._stamp(obj, rev=obj.rev or 1)
                self.audit(session, "create", obj.__tablename__, obj.id)
                stamped = True
        edits: list[field_stamps.Edit] = []
        for obj in list(session.dirty):
            if isinstance(obj, Synced) and session.is_modified(obj, include_collections=False):
                check_lengths(obj)
                fields = _changed_fields(obj)
                deleting = "deleted" in fields and obj.deleted
                stamp = str(self.hlc.tick())
                # a deletion or its undoing sets every field (a tombstone is read empty)
                changed = _all_fields(obj) if "deleted" in fields else fields
                edits.append(field_stamps.edit_of(obj, changed, (stamp, self.device_id)))
                self._stamp(obj, rev=(obj.rev or 0) + 1, stamp=stamp)
                action = "delete" if deleting else "update"
                self.audit(session, action, obj.__tablename__, obj.id, ",".join(fields))
                stamped = True
        if edits:
            field_stamps.note_edits(session.connection(), edits)
        for obj in list(session.deleted):
            if isinstance(obj, Synced):
                self.audit(session, "purge", obj.__tablename__, obj.id)
        if stamped:
            self.persist_clock(session)

    def _stamp(self, obj: Synced, *, rev: int, stamp: str | None = None) -> None:
        obj.updated_at = stamp or str(self.hlc.tick())
        obj.updated_by = self.device_id
        obj.rev = rev
        obj.deleted = bool(obj.deleted)

    def persist_clock(self, session: Session) -> None:
        conn = session.connection()
        stmt = portable.upsert(conn, VaultMeta).values(key=HLC_KEY, value=str(self.hlc.last))
        stmt = stmt.on_conflict_do_update(
            index_elements=[VaultMeta.key], set_={"value": stmt.excluded.value}
        )
        conn.execute(stmt)


def stored_clock(text: str | None) -> Stamp | None:
    """The clock state kept in the vault, or None when it is unreadable (and must be repaired)."""
    if text is None:
        return Stamp(0, 0)
    try:
        stamp = Stamp.parse(text)
    except HlcError:
        return None
    return stamp if stamp.millis < MAX_MILLIS else None


def repair_clock(session: Session, stamper: Stamper) -> int:
    """Rebuild an unreadable clock state from the records; re-stamp any record whose stamp is
    unreadable too (as this laptop's edit). Audited; returns the records re-stamped."""
    conn = session.connection()
    newest = Stamp(0, 0)
    for model in SYNCED_MODELS:
        table = model.__tablename__
        top = conn.exec_driver_sql(
            f'SELECT max(updated_at) FROM "{table}" WHERE updated_at GLOB ?', (_GOOD_STAMP,)
        ).scalar()
        if top is not None:
            newest = max(newest, Stamp.parse(str(top)))
    stamper.hlc.observe(newest)
    fixed = 0
    for model in SYNCED_MODELS:
        table = model.__tablename__
        bad = conn.exec_driver_sql(
            f'SELECT id FROM "{table}" WHERE updated_at NOT GLOB ?', (_GOOD_STAMP,)
        ).scalars()
        for record_id in list(bad):
            conn.exec_driver_sql(
                f'UPDATE "{table}" SET updated_at = ?, updated_by = ?, rev = rev + 1 WHERE id = ?',
                (str(stamper.hlc.tick()), stamper.device_id, record_id),
            )
            fixed += 1
    stamper.persist_clock(session)
    stamper.audit(session, CLOCK_REPAIRED, "vault", None, f"records restamped: {fixed}")
    return fixed
