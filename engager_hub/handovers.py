"""The hub as a member of a handover: the record ``assign`` writes, and who gets a man's records.

A handover is the laptop's own record (``handovers``: from one laptop to another, acknowledged by
the receiver when it imports him), and the laptops run their own code on it
(``services/handover.py``): the receiver acknowledges it, the old holder removes him once the
acknowledgement reaches it. The hub only has to pass the records to the right laptops:

- ``assign`` writes the handover a laptop's handover writes, from the laptop that held him
  (his ``held_by``; the hub itself when none is recorded) to the new one;
- after every import, a man is in the holdings of the laptop that holds him (``held_by``), so a
  handover made on a laptop and sent to the hub reaches the receiving laptop through the hub;
- the old holder keeps him in its holdings, so the hub's export for it carries the
  acknowledgement, until it has acknowledged a hub bundle made after the acknowledgement arrived
  (it has removed him by then); from then on the hub's exports for it leave him out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Table, and_, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from engager_desktop.services.handover import new_handover
from engager_desktop.store import sync_state
from engager_desktop.store.orm import Handover, Participant
from engager_desktop.store.orm.system import Device
from engager_desktop.store.sync_state import SyncExport, SyncRecord


def record_assignment(
    session: Session, holdings: Table, man: Participant, hub_id: str, to_device: str, now: datetime
) -> Handover:
    """The handover ``assign`` makes (the laptop's own record, stamped as the hub's edit): from
    the laptop holding him to ``to_device``. The old holder keeps him in its holdings, so the
    hub's exports for it carry the acknowledgement when the new holder sends it."""
    from_device = man.held_by or hub_id
    handover = new_handover(session, man.id, from_device, to_device, now)
    if from_device != hub_id and _is_laptop(session, from_device, hub_id):
        session.connection().execute(
            pg_insert(holdings)
            .values(device_id=from_device, participant_id=man.id, since=now)
            .on_conflict_do_nothing()
        )
    return handover


def _is_laptop(session: Session, device_id: str, hub_id: str) -> bool:
    found = session.execute(
        select(Device.id).where(Device.id == device_id, Device.is_self.is_(False))
    ).first()
    return found is not None and device_id != hub_id


def keep_holders(session: Session, holdings: Table, men: Iterable[str], now: datetime) -> None:
    """In an import's transaction: each touched man goes into the holdings of the enrolled
    laptop that holds him (a handover made on a laptop reaches the receiver through the hub)."""
    chosen = sorted(set(men))
    rows: list[dict[str, object]] = []
    for at in range(0, len(chosen), 1000):
        found = session.execute(
            select(Participant.id, Participant.held_by)
            .join(Device, and_(Device.id == Participant.held_by, Device.is_self.is_(False)))
            .where(Participant.id.in_(chosen[at : at + 1000]), Participant.deleted.is_(False))
        ).all()
        rows.extend({"device_id": by, "participant_id": man, "since": now} for man, by in found)
    if rows:
        session.connection().execute(pg_insert(holdings).on_conflict_do_nothing(), rows)


def handed_away(session: Session, holdings: Table, hub_id: str, device_id: str) -> list[str]:
    """Men ``device_id`` handed over and has since removed: the receiver's acknowledgement of
    his handover from it reached the hub, and the laptop has acknowledged a hub bundle made for
    it after that (one that carried the acknowledgement to it). Its holdings of them go."""
    conn = session.connection()
    acked = sync_state.peer(conn, device_id).acked_last
    if not acked:
        return []
    exports = conn.execute(
        select(SyncExport.arrival_mark, SyncExport.recipients).where(
            SyncExport.device_id == hub_id, SyncExport.seq <= acked
        )
    ).all()
    marks = [mark for mark, to in exports if device_id in str(to).split(",")]
    if not marks:
        return []
    reached = max(marks)  # every acknowledgement that arrived by then went to it
    rows = conn.execute(
        select(Handover.participant_id)
        .join(holdings, holdings.c.participant_id == Handover.participant_id)
        .join(Participant, Participant.id == Handover.participant_id)
        .join(
            SyncRecord,
            and_(SyncRecord.table_name == "handovers", SyncRecord.record_id == Handover.id),
        )
        .where(
            holdings.c.device_id == device_id,
            Handover.from_device == device_id,
            Handover.acknowledged_at.is_not(None),
            Handover.deleted.is_(False),
            Participant.held_by != device_id,
            SyncRecord.arrival_no <= reached,
        )
    ).scalars()
    gone = sorted(set(rows))
    for at in range(0, len(gone), 1000):
        conn.execute(
            delete(holdings).where(
                holdings.c.device_id == device_id,
                holdings.c.participant_id.in_(gone[at : at + 1000]),
            )
        )
    return gone


__all__ = ["handed_away", "keep_holders", "record_assignment"]
