"""Appointments with other services, contact logs and clashes (P24-P26); times and slots.

Times are stored as naive UTC (as the clock and the demo generator give them). A naive time passed
in is taken as UTC; an aware one is converted. Days (for clashes and the last-N-days counts) are
calendar days in Europe/London, as the practitioner reads them. A reminder given, or the call
after a missed one, is a ContactLog (see ``contact_alerts`` for the lists built from them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from engager_desktop.domain import appointments as rules
from engager_desktop.domain.enums import ContactMethod, MeetingPlace, Phase
from engager_desktop.domain.validation import ValidationError, optional_text, require_text
from engager_desktop.i18n import tr
from engager_desktop.services.action_plan import alive, choice
from engager_desktop.services.common import get_live
from engager_desktop.store.orm import Appointment, ContactLog, Meeting, Participant, Service
from engager_desktop.store.orm.base import MEDIUM, SHORT
from engager_desktop.store.vault import Vault

LONDON = ZoneInfo("Europe/London")
SESSION_MINUTES = 60  # a session has no length recorded; an hour is assumed for clashes
REMINDER_PURPOSE = "reminder"
FOLLOW_UP_PURPOSE = "follow-up after a missed appointment"
MAX_TRAVEL_MINUTES = 12 * 60
APPOINTMENT = "appointment"
SESSION = "session"


# --- time ------------------------------------------------------------------------------------


def stored_time(moment: datetime) -> datetime:
    """The naive UTC form a time is stored in."""
    if moment.tzinfo is None:
        return moment.replace(microsecond=0)
    return moment.astimezone(UTC).replace(tzinfo=None, microsecond=0)


def local_time(stored: datetime) -> datetime:
    """A stored (naive UTC) time as an aware Europe/London time."""
    return stored.replace(tzinfo=UTC).astimezone(LONDON)


def local_day(stored: datetime) -> date:
    return local_time(stored).date()


def now_stored(vault: Vault) -> datetime:
    return stored_time(vault.clock.now())


# --- views -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AppointmentInput:
    with_whom: str
    starts_at: datetime
    minutes: int = 60
    location: str | None = None
    travel_minutes: int | None = None  # time to get there, as the practitioner entered it
    service_id: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class SlotView:
    """An appointment or a session as listed for reminders, clashes and follow-ups."""

    id: str
    kind: str  # "appointment" or "session"
    man_id: str
    preferred_name: str
    starts_at: datetime  # stored form: naive UTC
    minutes: int
    with_whom: str
    location: str | None
    attended: bool | None
    travel_minutes: int | None = None  # time to get there, as entered (appointments only)


@dataclass(frozen=True)
class ClashView:
    first: SlotView
    second: SlotView
    kind: str  # "overlap" or "travel"
    minutes_short: int
    message: str


@dataclass(frozen=True)
class AppointmentSaved:
    id: str
    clashes: tuple[ClashView, ...]  # clashes this appointment is part of, to talk over with him


@dataclass(frozen=True)
class ContactInput:
    at: datetime
    method: ContactMethod | str
    reached_him: bool = False
    purpose: str | None = None
    note: str | None = None


# --- appointments ----------------------------------------------------------------------------


def _appointment_fields(session: Session, appt: AppointmentInput) -> dict[str, object]:
    if not 0 < appt.minutes <= rules.MAX_SLOT_MINUTES:
        raise ValidationError(
            "minutes", tr("Errors", "An appointment must last between 1 minute and 24 hours.")
        )
    travel = appt.travel_minutes
    if travel is not None and not 0 <= travel <= MAX_TRAVEL_MINUTES:
        raise ValidationError(
            "travel_minutes", tr("Errors", "Travel time must be between 0 and 12 hours.")
        )
    if appt.service_id:
        get_live(session, Service, appt.service_id, "service")
    return {
        "with_whom": require_text(appt.with_whom, "with_whom", SHORT),
        "starts_at": stored_time(appt.starts_at),
        "minutes": appt.minutes,
        "location": optional_text(appt.location, "location", SHORT),
        "travel_minutes": travel,
        "service_id": appt.service_id or None,
        "note": optional_text(appt.note, "note", MEDIUM),
    }


def add_appointment(
    vault: Vault, man_id: str, appt: AppointmentInput, *, travel: rules.TravelLookup | None = None
) -> AppointmentSaved:
    """Book an appointment with another service; returns any clash it makes (it is still saved)."""
    with vault.write() as session:
        get_live(session, Participant, man_id, "man")
        row = Appointment(participant_id=man_id, **_appointment_fields(session, appt))
        session.add(row)
        session.flush()
        found = _clashes(session, man_id, now_stored(vault), travel, None)
    return AppointmentSaved(row.id, tuple(c for c in found if row.id in (c.first.id, c.second.id)))


def edit_appointment(
    vault: Vault,
    appointment_id: str,
    appt: AppointmentInput,
    *,
    travel: rules.TravelLookup | None = None,
) -> AppointmentSaved:
    with vault.write() as session:
        row = get_live(session, Appointment, appointment_id, "appointment")
        for key, value in _appointment_fields(session, appt).items():
            setattr(row, key, value)
        session.flush()
        found = _clashes(session, row.participant_id, now_stored(vault), travel, None)
    return AppointmentSaved(row.id, tuple(c for c in found if row.id in (c.first.id, c.second.id)))


def cancel_appointment(vault: Vault, appointment_id: str) -> None:
    with vault.write() as session:
        get_live(session, Appointment, appointment_id, "appointment").deleted = True


def record_attendance(vault: Vault, appointment_id: str, attended: bool) -> None:
    """Whether he went; a missed one then shows in the follow-ups until someone calls him."""
    with vault.write() as session:
        row = get_live(session, Appointment, appointment_id, "appointment")
        if row.starts_at > now_stored(vault):
            raise ValidationError(
                "attended", tr("Errors", "This appointment has not happened yet.")
            )
        row.attended = bool(attended)


# --- contact logs ----------------------------------------------------------------------------


def _new_log(session: Session, man_id: str, contact: ContactInput, now: datetime) -> ContactLog:
    at = stored_time(contact.at)
    if at > now + timedelta(minutes=5):
        raise ValidationError(
            "at", tr("Errors", "A contact cannot be logged for a time still to come.")
        )
    row = ContactLog(
        participant_id=man_id,
        at=at,
        method=choice(contact.method, ContactMethod, "method").value,
        reached_him=bool(contact.reached_him),
        purpose=optional_text(contact.purpose, "purpose", SHORT),
        note=optional_text(contact.note, "note", MEDIUM),
    )
    session.add(row)
    return row


def log_contact(vault: Vault, man_id: str, contact: ContactInput) -> str:
    """Any contact or attempt: a call, a text, an enquiry at the hostel (P24)."""
    with vault.write() as session:
        get_live(session, Participant, man_id, "man")
        row = _new_log(session, man_id, contact, now_stored(vault))
        session.flush()
        return row.id


def _slot_owner(session: Session, kind: str, slot_id: str) -> Appointment | Meeting:
    if kind == APPOINTMENT:
        return get_live(session, Appointment, slot_id, "appointment")
    if kind == SESSION:
        return get_live(session, Meeting, slot_id, "session")
    raise ValidationError("kind", tr("Errors", "Choose an appointment or a session."))


def give_reminder(
    vault: Vault, kind: str, slot_id: str, method: ContactMethod | str = ContactMethod.TEXT
) -> str:
    """Record the text or call reminding him of an appointment or session (P26)."""
    with vault.write() as session:
        slot = _slot_owner(session, kind, slot_id)
        if isinstance(slot, Appointment):
            slot.reminder_given = True
        contact = ContactInput(vault.clock.now(), method, purpose=REMINDER_PURPOSE)
        row = _new_log(session, slot.participant_id, contact, now_stored(vault))
        session.flush()
        return row.id


def record_follow_up(vault: Vault, kind: str, slot_id: str, contact: ContactInput) -> str:
    """The call (or other try) after a missed appointment or session."""
    with vault.write() as session:
        slot = _slot_owner(session, kind, slot_id)
        if slot.attended is not False:
            raise ValidationError("attended", tr("Errors", "Only a missed one needs a follow-up."))
        if stored_time(contact.at) < slot.starts_at:
            raise ValidationError(
                "at", tr("Errors", "A follow-up comes after the missed appointment.")
            )
        purpose = contact.purpose or FOLLOW_UP_PURPOSE
        row = _new_log(
            session,
            slot.participant_id,
            ContactInput(contact.at, contact.method, contact.reached_him, purpose, contact.note),
            now_stored(vault),
        )
        session.flush()
        return row.id


# --- slots: reading --------------------------------------------------------------------------


def active_men(session: Session, man_id: str | None) -> dict[str, str]:
    query = select(Participant.id, Participant.preferred_name).where(
        alive(Participant), Participant.phase != Phase.CLOSED.value
    )
    if man_id is not None:
        get_live(session, Participant, man_id, "man")
        query = query.where(Participant.id == man_id)
    return {row_id: name for row_id, name in session.execute(query)}


def appointment_slots(
    session: Session, men: dict[str, str], *where: ColumnElement[bool], man_id: str | None
) -> list[SlotView]:
    a = Appointment
    query = select(
        a.id,
        a.participant_id,
        a.starts_at,
        a.minutes,
        a.with_whom,
        a.location,
        a.attended,
        a.travel_minutes,
    ).where(alive(a), *where)
    if man_id is not None:
        query = query.where(a.participant_id == man_id)
    return [
        SlotView(
            row_id, APPOINTMENT, man, men[man], starts_at, minutes, who, location, attended, travel
        )
        for row_id, man, starts_at, minutes, who, location, attended, travel in session.execute(
            query
        )
        if man in men
    ]


def session_slots(
    session: Session, men: dict[str, str], *where: ColumnElement[bool], man_id: str | None
) -> list[SlotView]:
    m = Meeting
    query = select(m.id, m.participant_id, m.starts_at, m.place, m.location, m.attended).where(
        alive(m), *where
    )
    if man_id is not None:
        query = query.where(m.participant_id == man_id)
    phone = MeetingPlace.PHONE.value
    return [
        SlotView(
            row_id,
            SESSION,
            man,
            men[man],
            starts_at,
            SESSION_MINUTES,
            "Engager session",
            None if place == phone else (location or place),
            attended,
        )
        for row_id, man, starts_at, place, location, attended in session.execute(query)
        if man in men
    ]


def as_rule_slot(slot: SlotView, followed_up: bool = False) -> rules.Slot:
    return rules.Slot(
        id=slot.id,
        starts_at=local_time(slot.starts_at),
        minutes=slot.minutes,
        location=slot.location,
        kind=rules.SlotKind.SESSION if slot.kind == SESSION else rules.SlotKind.APPOINTMENT,
        travel_minutes=slot.travel_minutes,
        attended=slot.attended,
        followed_up=followed_up,
    )


def _clashes(
    session: Session,
    man_id: str,
    now: datetime,
    travel: rules.TravelLookup | None,
    default_travel: int | None,
) -> list[ClashView]:
    men = active_men(session, man_id)
    day_start = datetime.combine(local_day(now), datetime.min.time(), LONDON)
    since = stored_time(day_start)
    slots = appointment_slots(session, men, Appointment.starts_at >= since, man_id=man_id)
    slots += session_slots(
        session, men, Meeting.starts_at >= since, Meeting.attended.is_(None), man_id=man_id
    )
    by_id = {s.id: s for s in slots}
    found = rules.find_clashes([as_rule_slot(s) for s in slots], travel, default_travel)
    return [
        ClashView(by_id[c.first.id], by_id[c.second.id], c.kind.value, c.minutes_short, c.message)
        for c in found
    ]


def clashes(
    vault: Vault,
    man_id: str,
    *,
    travel: rules.TravelLookup | None = None,
    default_travel: int | None = None,
) -> list[ClashView]:
    """His appointments and planned sessions from today on that overlap, or that sit at two places
    on one day with less time between them than the journey takes. Journey times come from
    ``travel`` (a table of place pairs or a function), else what was entered on the appointment,
    else ``default_travel`` (None: no guessing)."""
    with vault.read() as session:
        return _clashes(session, man_id, now_stored(vault), travel, default_travel)
