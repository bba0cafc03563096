"""What the printed documents read about one man that no other use case shapes for them.

The services he uses (from his steps, appointments and the services he is still involved with),
support for families, appointments in a window, his next and last meetings, and the
practitioner's own details as printed on his papers. Times come back as London wall-clock times.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import Setting, StepStatus
from engager_desktop.services.meetings import LONDON, local_time, stored_time
from engager_desktop.store.orm import (
    Appointment,
    Meeting,
    Service,
    ServiceContact,
    SettingValue,
    Step,
)
from engager_desktop.store.vault import Vault
from engager_desktop.worksheets.inputs import AppointmentLine, ServiceLine, WorkerLine

# Kinds of service in the directory that support families (the family sheet lists these).
FAMILY_KINDS = ("family_support", "helpline")
# Caps kept for the page's sake: whatever is over a cap is counted and the paper says so.
FAMILY_SERVICES_SHOWN = 4
APPOINTMENT_DAYS = 14  # the release plan lists appointments in his first two weeks out
APPOINTMENTS_SHOWN = 30

# The practitioner's details and the local crisis line, kept in the vault (never in QSettings)
# and printed on his papers.
WORKER_KEYS = {
    "name": "print.worker_name",
    "phone": "print.worker_phone",
    "team": "print.worker_team",
    "when_to_call": "print.worker_when_to_call",
    "crisis_line": "print.local_crisis_line",  # the local crisis line the service uses
}


# The papers he takes out with him: they carry the help numbers and his worker's details.
TAKES_OUT = frozenset({"release-plan", "services-card", "ending"})
WORKER_PRINTED = TAKES_OUT | {"family-sheet", "pledge", "explainer"}
NO_WORKER = (
    "Your own name and phone number are not set for printing, so this paper has blank lines "
    "where they go. Set them under “Your details for printing” before you give it out."
)
NO_CRISIS_LINE = (
    "The local crisis line is not set for printing, so this paper has a blank line for it. "
    "Set it under “Your details for printing”."
)


def worker_warnings(kind: str, worker: WorkerLine) -> list[str]:
    """What to tell the practitioner when their details or the crisis line are not set."""
    found = []
    if kind in WORKER_PRINTED and not (worker.name and worker.phone):
        found.append(NO_WORKER)
    if kind in TAKES_OUT and not worker.crisis_line:
        found.append(NO_CRISIS_LINE)
    return found


def worker_details(vault: Vault) -> WorkerLine:
    """The practitioner's name, phone, team and calling hours as saved (blank parts: None)."""
    with vault.read() as session:
        return worker_in(session)


def worker_in(session: Session) -> WorkerLine:
    rows = session.execute(
        select(SettingValue.key, SettingValue.value).where(
            SettingValue.key.in_(WORKER_KEYS.values())
        )
    ).all()
    saved = {key: value for key, value in rows}
    return WorkerLine(**{name: saved.get(key) or None for name, key in WORKER_KEYS.items()})


def save_worker_details(vault: Vault, worker: WorkerLine) -> WorkerLine:
    """Save the practitioner's details for printing; blank text clears a part."""
    with vault.write() as session:
        for name, key in WORKER_KEYS.items():
            value = (getattr(worker, name) or "").strip()[:200]
            row = session.get(SettingValue, key)
            if not value:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(SettingValue(key=key, value=value))
            else:
                row.value = value
        session.flush()
        return worker_in(session)


def service_line(service: Service) -> ServiceLine:
    return ServiceLine(
        name=service.name,
        what_they_do=service.does,
        address=service.address,
        phone=service.phone,
        opening_hours=service.opening_hours,
        weekend_hours=service.weekend_hours,
        out_of_hours=service.out_of_hours,
        cost=service.cost_to_him,
    )


def services_he_uses(
    session: Session, man_id: str, *, community_only: bool = False
) -> list[Service]:
    """Services named in his live steps and appointments, or that he is still involved with."""
    ids: set[str | None] = set()
    ids.update(
        session.scalars(
            select(Step.service_id).where(
                Step.participant_id == man_id,
                Step.deleted.is_(False),
                Step.status != StepStatus.DROPPED.value,
                Step.service_id.is_not(None),
            )
        )
    )
    ids.update(
        session.scalars(
            select(Appointment.service_id).where(
                Appointment.participant_id == man_id,
                Appointment.deleted.is_(False),
                Appointment.service_id.is_not(None),
            )
        )
    )
    ids.update(
        session.scalars(
            select(ServiceContact.service_id).where(
                ServiceContact.participant_id == man_id,
                ServiceContact.deleted.is_(False),
                ServiceContact.still_involved.is_(True),
                ServiceContact.excluded.is_(False),
                ServiceContact.service_id.is_not(None),
            )
        )
    )
    ids.discard(None)
    if not ids:
        return []
    query = select(Service).where(Service.id.in_(ids), Service.deleted.is_(False))
    if community_only:
        query = query.where(Service.setting == Setting.COMMUNITY.value)
    return list(session.scalars(query.order_by(Service.name, Service.id)))


def family_services(session: Session) -> list[Service]:
    """Community services that support families, from the directory, by name (all of them: the
    family sheet prints the first few and says how many more there are)."""
    return list(
        session.scalars(
            select(Service)
            .where(
                Service.deleted.is_(False),
                Service.kind.in_(FAMILY_KINDS),
                Service.setting == Setting.COMMUNITY.value,
            )
            .order_by(Service.name, Service.id)
        )
    )


def wall_clock(stored: datetime) -> datetime:
    """A stored (naive UTC) time as a naive London time, for print."""
    return local_time(stored).replace(tzinfo=None)


def _stored_midnight(day: date) -> datetime:
    return stored_time(datetime.combine(day, time(0, 0), LONDON))


def appointments_from(
    session: Session, man_id: str, first_day: date, *, days: int = APPOINTMENT_DAYS
) -> list[AppointmentLine]:
    """All his appointments from ``first_day`` for ``days`` days, earliest first."""
    start = _stored_midnight(first_day)
    end = _stored_midnight(first_day + timedelta(days=days))
    rows = session.scalars(
        select(Appointment)
        .where(
            Appointment.participant_id == man_id,
            Appointment.deleted.is_(False),
            Appointment.starts_at >= start,
            Appointment.starts_at < end,
        )
        .order_by(Appointment.starts_at, Appointment.id)
    )
    return [
        AppointmentLine(
            starts_at=wall_clock(row.starts_at),
            with_whom=row.with_whom,
            location=row.location,
            note=row.note,
        )
        for row in rows
    ]


def next_meeting(session: Session, man_id: str, now: datetime) -> datetime | None:
    """The earliest session planned from now on and not yet recorded, as a London time."""
    starts = session.scalar(
        select(Meeting.starts_at)
        .where(
            Meeting.participant_id == man_id,
            Meeting.deleted.is_(False),
            Meeting.attended.is_(None),
            Meeting.starts_at >= stored_time(now),
        )
        .order_by(Meeting.starts_at)
        .limit(1)
    )
    return None if starts is None else wall_clock(starts)


def last_meeting_held(session: Session, man_id: str) -> date | None:
    """The day of the latest session he attended (when the plan was last reviewed)."""
    starts = session.scalar(
        select(Meeting.starts_at)
        .where(
            Meeting.participant_id == man_id,
            Meeting.deleted.is_(False),
            Meeting.attended.is_(True),
        )
        .order_by(Meeting.starts_at.desc())
        .limit(1)
    )
    return None if starts is None else wall_clock(starts).date()


def lines_of(services: Sequence[Service]) -> tuple[ServiceLine, ...]:
    return tuple(service_line(service) for service in services)
