"""Calendar export (P26): appointments and sessions as an .ics file, with nothing sensitive in it.

By default an event says only "Engager session" or "Appointment (Engager)": no name, no place, no
notes, no service. His initials or preferred name are added only when asked for. A place (where he
will be) is his whereabouts: it goes in only when asked for and only for a man who has agreed to
share his whereabouts (a calendar for one man without that consent is refused; for everyone, the
places of men who have not agreed are left out and counted). Times are in Europe/London with the
zone described in the file. Event ids are not record ids: each is an HMAC of the record id under a
random key kept in the vault (``vault_meta``), so exporting again updates the same events while
the file names no record. The file is written atomically and the export is audited. An export
meant for another party needs his consent to share his whereabouts, for that service
(``for_other_party``); the default is the practitioner's own calendar.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
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
from engager_desktop.i18n import tr
from engager_desktop.services.action_plan import alive, choice
from engager_desktop.services.common import RuleBroken, get_live
from engager_desktop.services.consent import has_consent, require_consent
from engager_desktop.services.meetings import LONDON, SESSION_MINUTES, local_time, stored_time
from engager_desktop.store.orm import Appointment, Meeting, Participant
from engager_desktop.store.orm.system import VaultMeta
from engager_desktop.store.vault import Vault

PRODID = "-//Engager Desktop//Calendar export//EN"
UID_DOMAIN = "engager-desktop.invalid"
DEFAULT_DAYS_BACK = 7
TZID = "Europe/London"
SESSION_TITLE = "Engager session"
APPOINTMENT_TITLE = "Appointment (Engager)"
UID_KEY = "calendar_uid_key"


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
    places_left_out: int = 0  # men whose places were left out for want of his consent


@dataclass(frozen=True)
class _Built:
    data: bytes
    events: int
    placed: int  # men whose places may go in
    left_out: int  # men whose places were left out


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


def uid_key(vault: Vault) -> bytes:
    """This vault's random key for event ids (made on first use; never leaves the vault)."""
    with vault.read() as session:
        value = session.get(VaultMeta, UID_KEY)
        if value is not None:
            return bytes.fromhex(value.value)
    with vault.write() as session:
        value = session.get(VaultMeta, UID_KEY)
        if value is None:
            value = VaultMeta(key=UID_KEY, value=secrets.token_hex(32))
            session.add(value)
        return bytes.fromhex(value.value)


def event_uid(key: bytes, kind: str, record_id: str) -> str:
    """A stable event id that does not reveal the record id."""
    digest = hmac.new(key, f"{kind}:{record_id}".encode(), hashlib.sha256).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def _events(
    session: Session,
    men: dict[str, _Man],
    since: datetime,
    options: CalendarOptions,
    key: bytes,
    placed: set[str],
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
        where = None if phone or man_id not in placed else location
        uid = event_uid(key, "meeting", row_id)
        events.append(_Event(uid, title, starts_at, SESSION_MINUTES, where))
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
            uid = event_uid(key, "appointment", row_id)
            where = location if man_id in placed else None
            events.append(_Event(uid, title, starts_at, minutes, where))
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


def _placed(
    session: Session, men: dict[str, _Man], man_id: str | None, chosen: CalendarOptions
) -> set[str]:
    """The men whose places may go in: none unless asked for; then only those who agreed."""
    if not chosen.include_place:
        return set()
    party = chosen.for_other_party
    if man_id is not None:
        require_consent(session, man_id, ConsentKind.SHARE_WHEREABOUTS, party)
        return {man_id}
    return {m for m in men if has_consent(session, m, ConsentKind.SHARE_WHEREABOUTS, party)}


def _build(vault: Vault, man_id: str | None, chosen: CalendarOptions) -> _Built:
    if chosen.for_other_party is not None:
        if man_id is None:
            raise RuleBroken(tr("Errors", "a calendar for another service can only be for one man"))
        require_consent(vault, man_id, ConsentKind.SHARE_WHEREABOUTS, chosen.for_other_party)
    today = vault.clock.today()
    first = chosen.since or today - timedelta(days=DEFAULT_DAYS_BACK)
    since = stored_time(datetime.combine(first, datetime.min.time(), LONDON))
    key = uid_key(vault)
    with vault.read() as session:
        men = _men(session, man_id)
        placed = _placed(session, men, man_id, chosen)
        events = _events(session, men, since, chosen, key, placed)
    data = _calendar(events, vault.clock.now(), chosen.include_place)
    left_out = len(men) - len(placed) if chosen.include_place else 0
    return _Built(data, len(events), len(placed), left_out)


def export_ics(
    vault: Vault, path: Path, man_id: str | None = None, options: CalendarOptions | None = None
) -> CalendarExport:
    """Write the calendar atomically to ``path`` and audit the export."""
    chosen = options or CalendarOptions()
    built = _build(vault, man_id, chosen)
    target = Path(path)
    atomic_write_bytes(target, built.data)
    whom = f"for service {chosen.for_other_party}" if chosen.for_other_party else "own calendar"
    detail = f"{built.events} events, {whom}"
    if chosen.include_place:
        men = "man" if built.placed == 1 else "men"
        detail += f", places for {built.placed} {men} ({built.left_out} left out)"
    try:
        vault.audit("export_ics", "participants" if man_id else None, man_id, detail)
    except BaseException:
        target.unlink(missing_ok=True)  # never an export that the log does not show
        raise
    return CalendarExport(target, built.events, built.left_out)
