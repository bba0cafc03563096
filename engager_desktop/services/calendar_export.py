"""Calendar export (P26): appointments and sessions as an .ics file, with nothing sensitive in it.

By default an event says only "Engager session" or "Appointment (Engager)": no name, no place, no
notes, no service. His initials or preferred name are added only when asked for, and the place only
when asked for. Times are in Europe/London with the zone described in the file. UIDs are built from
record ids, so exporting again updates the same events in a calendar. The file is written
atomically and the export is audited. An export meant for another party needs his consent to share
his whereabouts, for that service (``for_other_party``); the default is the practitioner's own
calendar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

import icalendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import ConsentKind, MeetingPlace, Phase
from engager_desktop.fsutil import atomic_write_bytes
from engager_desktop.services.action_plan import alive, choice
from engager_desktop.services.common import RuleBroken, get_live
from engager_desktop.services.consent import require_consent
from engager_desktop.services.meetings import LONDON, SESSION_MINUTES, local_time, stored_time
from engager_desktop.store.orm import Appointment, Meeting, Participant
from engager_desktop.store.vault import Vault

PRODID = "-//Engager Desktop//Calendar export//EN"
UID_DOMAIN = "engager-desktop.invalid"
DEFAULT_DAYS_BACK = 7
TZID = "Europe/London"
SESSION_TITLE = "Engager session"
APPOINTMENT_TITLE = "Appointment (Engager)"


class NameStyle(StrEnum):
    NONE = "none"
    INITIALS = "initials"
    PREFERRED = "preferred"


@dataclass(frozen=True)
class CalendarOptions:
    name_style: NameStyle | str = NameStyle.NONE
    include_place: bool = False
    since: date | None = None  # None: from DEFAULT_DAYS_BACK days ago
    for_other_party: str | None = None  # a service id: needs his whereabouts consent for it


@dataclass(frozen=True)
class CalendarExport:
    path: Path
    events: int


@dataclass(frozen=True)
class _Event:
    uid: str
    title: str
    starts_at: datetime  # stored form
    minutes: int
    place: str | None


@dataclass(frozen=True)
class _Man:
    given: str
    family: str
    preferred: str


def _initials(given: str, family: str) -> str:
    return "".join(part[:1].upper() + "." for part in (given, family) if part.strip())


def _label(man: _Man, style: NameStyle) -> str | None:
    if style is NameStyle.INITIALS:
        return _initials(man.given, man.family) or None
    if style is NameStyle.PREFERRED:
        return man.preferred
    return None


def _title(base: str, label: str | None) -> str:
    return f"{base}: {label}" if label else base


def _men(session: Session, man_id: str | None) -> dict[str, _Man]:
    if man_id is not None:
        man = get_live(session, Participant, man_id, "man")
        return {man_id: _Man(man.given_name, man.family_name, man.preferred_name)}
    query = select(
        Participant.id, Participant.given_name, Participant.family_name, Participant.preferred_name
    ).where(alive(Participant), Participant.phase != Phase.CLOSED.value)
    return {row[0]: _Man(*row[1:]) for row in session.execute(query)}


def _events(
    session: Session, men: dict[str, _Man], since: datetime, options: CalendarOptions
) -> list[_Event]:
    style = choice(options.name_style, NameStyle, "name_style")
    labels = {man_id: _label(man, style) for man_id, man in men.items()}
    one = [next(iter(men))] if len(men) == 1 else None
    events: list[_Event] = []
    sessions = select(
        Meeting.id, Meeting.participant_id, Meeting.starts_at, Meeting.place, Meeting.location
    ).where(alive(Meeting), Meeting.starts_at >= since, Meeting.attended.is_not(False))
    if one:
        sessions = sessions.where(Meeting.participant_id.in_(one))
    for row_id, man_id, starts_at, place, location in session.execute(sessions):
        if man_id not in labels:
            continue
        phone = place == MeetingPlace.PHONE.value
        title = _title(SESSION_TITLE, labels[man_id]) + (" (phone)" if phone else "")
        uid = f"meeting-{row_id}@{UID_DOMAIN}"
        events.append(_Event(uid, title, starts_at, SESSION_MINUTES, None if phone else location))
    booked = select(
        Appointment.id,
        Appointment.participant_id,
        Appointment.starts_at,
        Appointment.minutes,
        Appointment.location,
    ).where(
        alive(Appointment),
        Appointment.starts_at >= since,
        Appointment.attended.is_not(False),
    )
    if one:
        booked = booked.where(Appointment.participant_id.in_(one))
    for row_id, man_id, starts_at, minutes, location in session.execute(booked):
        if man_id in labels:
            title = _title(APPOINTMENT_TITLE, labels[man_id])
            uid = f"appointment-{row_id}@{UID_DOMAIN}"
            events.append(_Event(uid, title, starts_at, minutes, location))
    return sorted(events, key=lambda e: (e.starts_at, e.uid))


def _calendar(events: Sequence[_Event], stamp: datetime, include_place: bool) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-timezone", TZID)
    if events:
        # The zone's rules for just the years the events span (one VTIMEZONE, built once).
        first = date(events[0].starts_at.year, 1, 1)
        last = date(events[-1].starts_at.year + 1, 12, 31)
        cal.add_component(icalendar.Timezone.from_tzid(TZID, first_date=first, last_date=last))
    for item in events:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        event.add("dtstart", local_time(item.starts_at))
        event.add("dtend", local_time(item.starts_at + timedelta(minutes=item.minutes)))
        event.add("class", "PRIVATE")
        if include_place and item.place:
            event.add("location", item.place)
        cal.add_component(event)
    return bytes(cal.to_ical())


def build_ics(
    vault: Vault, man_id: str | None = None, options: CalendarOptions | None = None
) -> tuple[bytes, int]:
    """The .ics bytes and the number of events, for one man or every man not closed."""
    chosen = options or CalendarOptions()
    if chosen.for_other_party is not None:
        if man_id is None:
            raise RuleBroken("a calendar for another service can only be for one man")
        require_consent(vault, man_id, ConsentKind.SHARE_WHEREABOUTS, chosen.for_other_party)
    today = vault.clock.today()
    first = chosen.since or today - timedelta(days=DEFAULT_DAYS_BACK)
    since = stored_time(datetime.combine(first, datetime.min.time(), LONDON))
    with vault.read() as session:
        events = _events(session, _men(session, man_id), since, chosen)
    return _calendar(events, vault.clock.now(), chosen.include_place), len(events)


def export_ics(
    vault: Vault, path: Path, man_id: str | None = None, options: CalendarOptions | None = None
) -> CalendarExport:
    """Write the calendar atomically to ``path`` and audit the export."""
    chosen = options or CalendarOptions()
    data, count = build_ics(vault, man_id, chosen)
    target = Path(path)
    atomic_write_bytes(target, data)
    whom = f"for service {chosen.for_other_party}" if chosen.for_other_party else "own calendar"
    try:
        vault.audit(
            "export_ics", "participants" if man_id else None, man_id, f"{count} events, {whom}"
        )
    except BaseException:
        target.unlink(missing_ok=True)  # never an export that the log does not show
        raise
    return CalendarExport(target, count)
