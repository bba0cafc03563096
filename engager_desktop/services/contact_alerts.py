"""Keeping in touch (P24-P26): reminders due, missed ones to follow up, contact after release.

Contact means a session he attended or a logged contact that reached him; days are calendar days
in Europe/London. A session counts as reminded once a contact whose purpose is "reminder" is
logged in the 48 hours before it; a missed appointment or session is followed up once a contact
attempt other than a reminder is logged after it started (a text reminding him of his next
appointment is not the call about the one he missed). Frequency rules come from
``domain.contact_frequency``: isolated men need two contacts in 7 days, anyone else one in 14,
once he is out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from engager_desktop.domain import appointments as rules
from engager_desktop.domain import contact_frequency as frequency
from engager_desktop.domain.enums import Phase
from engager_desktop.services.action_plan import alive
from engager_desktop.services.common import get_live
from engager_desktop.services.meetings import (
    LONDON,
    REMINDER_PURPOSE,
    SESSION,
    SlotView,
    active_men,
    appointment_slots,
    as_rule_slot,
    local_day,
    now_stored,
    session_slots,
    stored_time,
)
from engager_desktop.store.orm import Appointment, ContactLog, Meeting, Participant
from engager_desktop.store.vault import Vault

FOLLOW_UP_DAYS = 14  # a missed one older than this is past the point of a call about it


@dataclass(frozen=True)
class ContactAlertView:
    man_id: str
    preferred_name: str
    phase: str
    isolated: bool
    alert: frequency.Alert


@dataclass(frozen=True)
class LostContactPrompt:
    days_since_contact: int | None
    alert: frequency.Alert | None
    steps: tuple[str, ...]
    attempts_since: int  # contact attempts logged since he was last reached


# --- reminders and follow-ups ----------------------------------------------------------------


def _reminded_sessions(session: Session, slots: Sequence[SlotView]) -> set[str]:
    sessions = [s for s in slots if s.kind == SESSION]
    if not sessions:
        return set()
    window = timedelta(hours=rules.REMINDER_HOURS)
    logs = session.execute(
        select(ContactLog.participant_id, ContactLog.at).where(
            alive(ContactLog),
            ContactLog.participant_id.in_({s.man_id for s in sessions}),
            ContactLog.purpose == REMINDER_PURPOSE,
            ContactLog.at >= min(s.starts_at for s in sessions) - window,
        )
    ).all()
    given: dict[str, list[datetime]] = {}
    for man, at in logs:
        given.setdefault(man, []).append(at)
    return {
        s.id
        for s in sessions
        if any(s.starts_at - window <= at <= s.starts_at for at in given.get(s.man_id, ()))
    }


def reminders_due(
    vault: Vault, man_id: str | None = None, hours: int = rules.REMINDER_HOURS
) -> list[SlotView]:
    """Appointments and sessions in the next ``hours`` (48) with no reminder given yet."""
    now = now_stored(vault)
    limit = now + timedelta(hours=hours)
    with vault.read() as session:
        men = active_men(session, man_id)
        slots = appointment_slots(
            session,
            men,
            Appointment.starts_at >= now,
            Appointment.starts_at < limit,
            Appointment.reminder_given.is_(False),
            man_id=man_id,
        )
        planned = session_slots(
            session, men, Meeting.starts_at >= now, Meeting.starts_at < limit, man_id=man_id
        )
        reminded = _reminded_sessions(session, planned)
    slots += [m for m in planned if m.id not in reminded]
    due = rules.reminders_due([as_rule_slot(s) for s in slots], vault.clock.now(), hours)
    by_id = {s.id: s for s in slots}
    return [by_id[slot.id] for slot in due]


def _followed_up(session: Session, missed: Sequence[SlotView]) -> set[str]:
    if not missed:
        return set()
    latest = dict(
        session.execute(
            select(ContactLog.participant_id, func.max(ContactLog.at))
            .where(
                alive(ContactLog),
                ContactLog.participant_id.in_({s.man_id for s in missed}),
                or_(ContactLog.purpose.is_(None), ContactLog.purpose != REMINDER_PURPOSE),
            )
            .group_by(ContactLog.participant_id)
        ).all()
    )
    return {s.id for s in missed if (last := latest.get(s.man_id)) and last >= s.starts_at}


def missed_follow_ups(
    vault: Vault, man_id: str | None = None, days: int = FOLLOW_UP_DAYS
) -> list[SlotView]:
    """Missed appointments and sessions of the last ``days`` days with no contact attempt logged
    since: each needs a call. Older ones have gone past the point of a call about them."""
    since = now_stored(vault) - timedelta(days=days)
    with vault.read() as session:
        men = active_men(session, man_id)
        slots = appointment_slots(
            session,
            men,
            Appointment.attended.is_(False),
            Appointment.starts_at >= since,
            man_id=man_id,
        )
        slots += session_slots(
            session, men, Meeting.attended.is_(False), Meeting.starts_at >= since, man_id=man_id
        )
        done = _followed_up(session, slots)
    rule_slots = [as_rule_slot(s, followed_up=s.id in done) for s in slots]
    by_id = {s.id: s for s in slots}
    return [by_id[slot.id] for slot in rules.missed_follow_ups(rule_slots)]


# --- contact after release ---------------------------------------------------------------------


def _contact_days(session: Session, men: Iterable[str], since: datetime) -> dict[str, list[date]]:
    ids = list(men)
    days: dict[str, list[date]] = {man: [] for man in ids}
    if not ids:
        return days
    held = select(Meeting.participant_id, Meeting.starts_at).where(
        alive(Meeting),
        Meeting.attended.is_(True),
        Meeting.starts_at >= since,
        Meeting.participant_id.in_(ids),
    )
    reached = select(ContactLog.participant_id, ContactLog.at).where(
        alive(ContactLog),
        ContactLog.reached_him.is_(True),
        ContactLog.at >= since,
        ContactLog.participant_id.in_(ids),
    )
    for query in (held, reached):
        for man, moment in session.execute(query):
            days[man].append(local_day(moment))
    return days


def _last_contact(session: Session, men: Sequence[str]) -> dict[str, datetime]:
    """When each man was last seen or reached (sessions attended, contacts that reached him)."""
    found: dict[str, datetime] = {}
    if not men:
        return found
    held = (
        select(Meeting.participant_id, func.max(Meeting.starts_at))
        .where(alive(Meeting), Meeting.attended.is_(True), Meeting.participant_id.in_(men))
        .group_by(Meeting.participant_id)
    )
    reached = (
        select(ContactLog.participant_id, func.max(ContactLog.at))
        .where(
            alive(ContactLog),
            ContactLog.reached_him.is_(True),
            ContactLog.participant_id.in_(men),
        )
        .group_by(ContactLog.participant_id)
    )
    for query in (held, reached):
        for man, latest in session.execute(query):
            found[man] = max(found.get(man, latest), latest)
    return found


def _window_start(today: date) -> datetime:
    start = datetime.combine(
        today - timedelta(days=frequency.USUAL_WINDOW_DAYS), datetime.min.time()
    )
    return stored_time(start.replace(tzinfo=LONDON))


def _alert(
    phase: str, isolated: bool, recent: list[date], last: datetime | None, today: date
) -> frequency.Alert | None:
    """The domain alert; with no contact in the window, the last one ever gives the days since."""
    contacts = recent or ([local_day(last)] if last else [])
    return frequency.contact_alert(phase, isolated, contacts, today)


def contact_alerts(vault: Vault, man_id: str | None = None) -> list[ContactAlertView]:
    """Men out of prison whose contact has been too thin (P25): isolated men fewer than two in
    7 days, anyone else none in 14. Longest without contact first."""
    today = vault.clock.today()
    phases = [p.value for p in frequency.COMMUNITY_PHASES]
    with vault.read() as session:
        query = select(
            Participant.id, Participant.preferred_name, Participant.phase, Participant.isolated
        ).where(alive(Participant), Participant.phase.in_(phases))
        if man_id is not None:
            query = query.where(Participant.id == man_id)
        men = session.execute(query).all()
        recent = _contact_days(session, [m[0] for m in men], _window_start(today))
        flagged = [m for m in men if frequency.contact_alert(m[2], m[3], recent[m[0]], today)]
        last = _last_contact(session, [m[0] for m in flagged if not recent[m[0]]])
    views = []
    for man, name, phase, isolated in flagged:
        alert = _alert(phase, isolated, recent[man], last.get(man), today)
        if alert is not None:
            views.append(ContactAlertView(man, name, phase, isolated, alert))
    never = 10**6
    return sorted(views, key=lambda v: -(v.alert.days_since_last or never))


def lost_contact(vault: Vault, man_id: str) -> LostContactPrompt:
    """The lost-contact steps (P24) with how long it has been and how many tries since."""
    today = vault.clock.today()
    with vault.read() as session:
        man = get_live(session, Participant, man_id, "man")
        phase, isolated = man.phase, man.isolated
        last = _last_contact(session, [man_id]).get(man_id)
        tries = (
            select(func.count())
            .select_from(ContactLog)
            .where(
                alive(ContactLog),
                ContactLog.participant_id == man_id,
                ContactLog.reached_him.is_(False),
            )
        )
        if last is not None:
            tries = tries.where(ContactLog.at > last)
        attempts = session.scalar(tries) or 0
        recent = _contact_days(session, [man_id], _window_start(today))[man_id]
    alert = None
    if Phase(phase) in frequency.COMMUNITY_PHASES:
        alert = _alert(phase, isolated, recent, last, today)
    return LostContactPrompt(
        days_since_contact=(today - local_day(last)).days if last else None,
        alert=alert,
        steps=frequency.lost_contact_steps(),
        attempts_since=int(attempts),
    )
