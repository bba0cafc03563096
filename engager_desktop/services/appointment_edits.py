"""Appointments kept up after booking (P26): clashes shown before saving, attendance, undo.

``clashes_if`` reads what an appointment as typed would clash with, without saving it, so the
practitioner sees an overlap or an impossible journey first and can still save after seeing it.
``set_attendance`` and ``book_again`` let a change made in place be undone (a cancelled
appointment is booked again as a new record: sync never brings a removed record back).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from engager_desktop.domain import appointments as rules
from engager_desktop.services.common import get_live
from engager_desktop.services.meetings import (
    APPOINTMENT,
    LONDON,
    AppointmentInput,
    ClashView,
    SlotView,
    active_men,
    add_appointment,
    appointment_slots,
    as_rule_slot,
    local_day,
    now_stored,
    record_attendance,
    session_slots,
    stored_time,
)
from engager_desktop.store.orm import Appointment, Meeting
from engager_desktop.store.vault import Vault

PROPOSED = "proposed"


def _slots(session: Session, man_id: str, now: datetime) -> tuple[dict[str, str], list[SlotView]]:
    men = active_men(session, man_id)
    since = stored_time(datetime.combine(local_day(now), datetime.min.time(), LONDON))
    slots = appointment_slots(session, men, Appointment.starts_at >= since, man_id=man_id)
    slots += session_slots(
        session, men, Meeting.starts_at >= since, Meeting.attended.is_(None), man_id=man_id
    )
    return men, slots


def clashes_if(
    vault: Vault, man_id: str, appt: AppointmentInput, appointment_id: str | None = None
) -> list[ClashView]:
    """What ``appt`` would clash with if saved (as a change to ``appointment_id`` when given)."""
    with vault.read() as session:
        men, slots = _slots(session, man_id, now_stored(vault))
    if man_id not in men:
        return []
    others = [s for s in slots if s.id != appointment_id]
    proposed = SlotView(
        appointment_id or PROPOSED,
        APPOINTMENT,
        man_id,
        men[man_id],
        stored_time(appt.starts_at),
        appt.minutes,
        appt.with_whom,
        appt.location,
        None,
        appt.travel_minutes,
    )
    every = [*others, proposed]
    by_id = {s.id: s for s in every}
    found = rules.find_clashes([as_rule_slot(s) for s in every], None, None)
    return [
        ClashView(by_id[c.first.id], by_id[c.second.id], c.kind.value, c.minutes_short, c.message)
        for c in found
        if proposed.id in (c.first.id, c.second.id)
    ]


def set_attendance(vault: Vault, appointment_id: str, attended: bool | None) -> None:
    """Whether he went (see ``meetings.record_attendance``); None: not recorded yet (for undo)."""
    if attended is not None:
        record_attendance(vault, appointment_id, attended)
        return
    with vault.write() as session:
        get_live(session, Appointment, appointment_id, "appointment").attended = None


def book_again(
    vault: Vault, man_id: str, appt: AppointmentInput, attended: bool | None = None
) -> str:
    """An appointment cancelled by mistake, booked again as a new record; returns its id."""
    new_id = add_appointment(vault, man_id, appt).id
    if attended is not None:
        set_attendance(vault, new_id, attended)
    return new_id
