"""Handing men to another laptop: the bundle, the acknowledgement, and removal from the old one.

The protocol (docs/sync.md, "Handing a man over"):

1. ``hand_over`` (this laptop, A): in one transaction each chosen man's ``held_by`` becomes the
   receiving laptop B and a ``handovers`` record (A -> B) is made; then a bundle of those men,
   encrypted to B alone, carries his whole record (no consent filter: B is his new practitioner's
   laptop, not another service) and the handover. Audited as ``handover_made`` per man.
2. B imports it (``settle`` runs in the import's transaction): B sets ``acknowledged_at`` on the
   handover (a stamped edit, so it travels back in B's next bundle) and holds him. Audited as
   ``handover_received``.
3. A imports any later bundle from B carrying the acknowledgement: A removes every record of his
   from its own vault (every table of the models that names him or one of his records), with
   no tombstone (he is not erased: he lives on at B), and keeps a marker (a ``settings`` row
   holding only his random id) so that a stale bundle from anyone does not bring him back while
   A does not hold him. Audited as ``handover_completed``. A later handover back to A (a
   handovers record naming A as receiver) lifts the marker.

Until step 3 both laptops hold him and edits merge as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Table, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from engager_desktop.i18n import tr
from engager_desktop.services.common import SEARCH_INDEX, NotFound, search_rowid
from engager_desktop.store.orm import Base, Draft, Handover, Participant, SettingValue
from engager_desktop.store.stamping import naive_utc
from engager_desktop.store.vault import Vault
from engager_desktop.sync import trust
from engager_desktop.sync.canonical import Record
from engager_desktop.sync.errors import SyncError, TrustError
from engager_desktop.sync.export import ExportResult, export_bundle
from engager_desktop.sync.snapshot import Scope

HANDED_OVER_KEY = "handed_over:"  # a settings row per man removed after a handover: his id only
MAX_MEN = 500


def new_handover(
    session: Session, man_id: str, from_device: str, to_device: str, now: datetime
) -> Handover:
    """The synced record of one handover, not yet acknowledged (a laptop's, or the hub's on
    ``engager-hub assign``): the receiver acknowledges it in its next bundle."""
    handover = Handover(
        participant_id=man_id,
        from_device=from_device,
        to_device=to_device,
        made_at=now,
        acknowledged_at=None,
    )
    session.add(handover)
    session.flush()
    return handover


@dataclass(frozen=True)
class HandoverResult:
    bundle: ExportResult
    men: tuple[str, ...]
    to_device: str
    to_name: str  # the receiving laptop as enrolled here (its practitioner's name, if given)


@dataclass(frozen=True)
class Settled:
    """What an import's handovers did here: men received (now held here), men removed."""

    received: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def receiving_laptop(vault: Vault, device_id: str) -> trust.DeviceKey:
    """The enrolled, unrevoked laptop (not this one) a handover may go to; TrustError if not."""
    with vault.read() as session:
        key = trust.device(session.connection(), device_id)
    if key is None:
        raise TrustError(
            "unknown_device",
            tr("Errors", "no laptop with that device id is enrolled here; enrol its card first"),
        )
    if key.is_self:
        raise TrustError(
            "own_device", tr("Errors", "that is this laptop; choose the laptop receiving him")
        )
    if key.revoked:
        raise TrustError(
            "revoked", tr("Errors", "that laptop has been revoked; it cannot receive men")
        )
    return key


def hand_over(vault: Vault, men: Sequence[str], to_device: str, folder: Path) -> HandoverResult:
    """Hand ``men`` to an enrolled laptop: record the handovers, then write the bundle for it.

    A man already handed to that laptop and not yet acknowledged keeps his handover (trying
    again after a failed export makes no second one)."""
    chosen = tuple(dict.fromkeys(m.strip().lower() for m in men if m.strip()))
    if not chosen:
        raise SyncError("no_men", tr("Errors", "choose at least one man to hand over"))
    if len(chosen) > MAX_MEN:
        raise SyncError(
            "too_many",
            tr("Errors", "hand over at most {max_men} men at a time").format(max_men=MAX_MEN),
        )
    key = receiving_laptop(vault, to_device)
    if not Path(folder).is_dir():
        raise SyncError(
            "folder", tr("Errors", "the chosen folder does not exist (is the stick plugged in?)")
        )
    with vault.write() as session:
        found = {
            man.id: man
            for man in session.scalars(
                select(Participant).where(
                    Participant.id.in_(chosen), Participant.deleted.is_(False)
                )
            )
        }
        if len(found) != len(chosen):
            raise NotFound("man")
        pending = set(
            session.scalars(
                select(Handover.participant_id).where(
                    Handover.participant_id.in_(chosen),
                    Handover.to_device == key.device_id,
                    Handover.from_device == vault.device_id,
                    Handover.acknowledged_at.is_(None),
                    Handover.deleted.is_(False),
                )
            )
        )
        now = naive_utc(vault.clock)
        for man_id in chosen:
            man = found[man_id]
            if man.held_by != key.device_id:
                man.held_by = key.device_id
            if man_id not in pending:
                handover = new_handover(session, man_id, vault.device_id, key.device_id, now)
                vault.stamper.audit(
                    session, "handover_made", "handovers", handover.id, f"to {key.device_id}"
                )
    bundle = export_bundle(
        vault, Path(folder), recipients=(key.device_id,), scope=Scope.chosen_men(chosen)
    )
    return HandoverResult(bundle, chosen, key.device_id, key.practitioner or key.name)


# --------------------------------------------------------------------------- on import


def settle(vault: Vault, session: Session) -> Settled:
    """In an import's transaction, after the merge: acknowledge handovers to this laptop, and
    remove men whose handover from this laptop the receiver has acknowledged."""
    own = vault.device_id
    received = _acknowledge(vault, session, own)
    removed: list[str] = []
    done = session.execute(
        select(Handover.id, Handover.participant_id, Handover.to_device).where(
            Handover.from_device == own,
            Handover.acknowledged_at.is_not(None),
            Handover.deleted.is_(False),
        )
    ).all()
    for handover_id, man_id, to_device in done:
        man = session.get(Participant, man_id)
        if man is None or man.held_by == own or man_id in received or man_id in removed:
            continue
        remove_man(session, man_id)
        _mark(session, man_id, handover_id)
        vault.stamper.audit(session, "handover_completed", "handovers", handover_id, to_device)
        removed.append(man_id)
    if received or removed:
        vault.stamper.persist_clock(session)
    return Settled(tuple(received), tuple(removed))


def _acknowledge(vault: Vault, session: Session, own: str) -> list[str]:
    waiting = session.scalars(
        select(Handover).where(
            Handover.to_device == own,
            Handover.acknowledged_at.is_(None),
            Handover.deleted.is_(False),
        )
    ).all()
    received: list[str] = []
    now = naive_utc(vault.clock)
    for handover in waiting:
        man = session.get(Participant, handover.participant_id)
        if man is None or man.deleted:
            continue
        handover.acknowledged_at = now
        if man.held_by != own:
            man.held_by = own
        session.flush()
        vault.stamper.audit(
            session, "handover_received", "handovers", handover.id, handover.from_device
        )
        _unmark(session, man.id)
        received.append(man.id)
    return received


def _mark(session: Session, man_id: str, handover_id: str) -> None:
    session.connection().execute(
        sqlite_insert(SettingValue)
        .values(key=HANDED_OVER_KEY + man_id, value=handover_id)
        .on_conflict_do_update(index_elements=[SettingValue.key], set_={"value": handover_id})
    )


def _unmark(session: Session, man_id: str) -> None:
    session.connection().execute(
        delete(SettingValue).where(SettingValue.key == HANDED_OVER_KEY + man_id)
    )


def handed_over(conn: Connection) -> dict[str, str]:
    """Men removed here after a handover (his id -> the handover that removed him)."""
    rows = conn.execute(
        select(SettingValue.key, SettingValue.value).where(
            SettingValue.key.startswith(HANDED_OVER_KEY, autoescape=True)
        )
    ).all()
    return {key[len(HANDED_OVER_KEY) :]: value for key, value in rows}


def screen(own: str) -> Callable[[Connection, list[Record]], list[Record]]:
    """The import's screen: drop every record about a man handed over and removed here, unless
    the bundle hands him back to this laptop (a handover to it that did not remove him)."""

    def drop_handed_over(conn: Connection, records: list[Record]) -> list[Record]:
        gone = handed_over(conn)
        if not gone:
            return records
        back = {
            str(r.participant_id)
            for r in records
            if r.table == "handovers"
            and not r.deleted
            and r.values.get("to_device") == own
            and gone.get(str(r.participant_id)) not in (None, r.id)
        }
        kept_out = set(gone) - back
        return [r for r in records if r.participant_id not in kept_out]

    return drop_handed_over


# --------------------------------------------------------------------------- removal


def _tables_naming_men() -> list[Table]:
    """Every table of the models with a ``participant_id`` column, children before parents."""
    return [t for t in reversed(Base.metadata.sorted_tables) if "participant_id" in t.c]


def _tables_naming_records() -> list[Table]:
    """Every table of the models keyed by another table's record id (sync and merge state)."""
    return [t for t in Base.metadata.sorted_tables if "record_id" in t.c]


def remove_man(session: Session, man_id: str) -> int:
    """Delete every row about him from this vault (not an erasure: no tombstone is left, nothing
    travels; he lives on at the laptop holding him). Returns the records of his removed."""
    conn = session.connection()
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # checked at commit
    participants: Table = Participant.__table__  # type: ignore[assignment]
    ids: list[str] = [man_id]
    for table in _tables_naming_men():
        if "id" in table.c and table.c.id.type.python_type is str:
            ids.extend(
                conn.execute(select(table.c.id).where(table.c.participant_id == man_id)).scalars()
            )
        conn.execute(delete(table).where(table.c.participant_id == man_id))
    for table in _tables_naming_records():
        for at in range(0, len(ids), 500):
            conn.execute(delete(table).where(table.c.record_id.in_(ids[at : at + 500])))
    conn.execute(delete(participants).where(participants.c.id == man_id))
    conn.execute(delete(Draft).where(Draft.key.contains(man_id)))  # keys naming him
    conn.execute(delete(SEARCH_INDEX).where(SEARCH_INDEX.c.rowid == search_rowid(man_id)))
    conn.exec_driver_sql("INSERT INTO search_index(search_index) VALUES ('optimize')")
    conn.exec_driver_sql("DELETE FROM caseload_figures WHERE participant_id = ?", (man_id,))
    session.expunge_all()  # the ORM must not flush anything it held about him
    return len(ids)


__all__ = [
    "HANDED_OVER_KEY",
    "HandoverResult",
    "Settled",
    "hand_over",
    "handed_over",
    "receiving_laptop",
    "remove_man",
    "screen",
    "settle",
]
