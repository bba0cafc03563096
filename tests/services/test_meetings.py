"""Appointments, reminders, clashes, missed follow-ups and contact alerts, clock injected."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from engager_desktop.domain.clock import FakeClock
from engager_desktop.domain.contact_frequency import AlertKind
from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import contact_alerts as alerts
from engager_desktop.services import meetings
from engager_desktop.services import session_review as review
from engager_desktop.services.common import NotFound
from engager_desktop.services.meetings import AppointmentInput, ContactInput
from engager_desktop.store.orm import Appointment, AuditEvent, Meeting, Participant, Service
from engager_desktop.store.vault import Vault

pytest_plugins = ["tests.vault_fixtures"]

NOW = datetime(2026, 11, 2, 9, 0)  # the fixture clock, as stored (naive UTC)


def add_man(vault: Vault, name: str = "Dai", **fields: object) -> str:
    with vault.write() as session:
        man = Participant(given_name=name, family_name="Rees", preferred_name=name, **fields)
        session.add(man)
        session.flush()
        return man.id


def appt(starts_at: datetime, **changes: object) -> AppointmentInput:
    values: dict[str, object] = {"with_whom": "Offender manager", "starts_at": starts_at}
    values.update(changes)
    return AppointmentInput(**values)  # type: ignore[arg-type]


def planned_session(
    vault: Vault,
    man: str,
    starts_at: datetime,
    place: str = "community",
    location: str | None = "Café on the high street",
) -> str:
    with vault.write() as session:
        row = Meeting(participant_id=man, starts_at=starts_at, place=place, location=location)
        session.add(row)
        session.flush()
        return row.id


def held_session(vault: Vault, man: str, starts_at: datetime) -> None:
    with vault.write() as session:
        session.add(
            Meeting(participant_id=man, starts_at=starts_at, place="community", attended=True)
        )


@pytest.fixture
def man(vault: Vault) -> str:
    return add_man(vault)


# --- appointments and clashes ----------------------------------------------------------------


def test_appointment_is_saved_and_audited(vault: Vault, man: str) -> None:
    saved = meetings.add_appointment(
        vault,
        man,
        appt(
            NOW + timedelta(days=1),
            minutes=45,
            location="Probation, Newport",
            travel_minutes=20,
            note="Bring ID",
        ),
    )
    assert saved.clashes == ()
    with vault.read() as session:
        row = session.get(Appointment, saved.id)
        assert row is not None and (row.minutes, row.travel_minutes) == (45, 20)
        audited = session.scalar(select(AuditEvent.action).where(AuditEvent.record_id == saved.id))
    assert audited == "create"


def test_aware_times_are_stored_as_utc(vault: Vault, man: str) -> None:
    summer = datetime(2027, 6, 1, 10, 0, tzinfo=meetings.LONDON)
    saved = meetings.add_appointment(vault, man, appt(summer))
    with vault.read() as session:
        row = session.get(Appointment, saved.id)
        assert row is not None and row.starts_at == datetime(2027, 6, 1, 9, 0)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes": 0}, "between 1 minute and 24 hours"),
        ({"minutes": 24 * 60 + 1}, "between 1 minute and 24 hours"),
        ({"travel_minutes": -5}, "Travel time"),
        ({"with_whom": " "}, "needs filling in"),
        ({"with_whom": "x" * 201}, "too long"),
        ({"note": "x" * 2001}, "too long"),
    ],
)
def test_bad_appointment_is_refused(
    vault: Vault, man: str, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        meetings.add_appointment(vault, man, appt(NOW + timedelta(days=1), **changes))


def test_unknown_man_service_or_appointment(vault: Vault, man: str) -> None:
    with pytest.raises(NotFound, match="no such man"):
        meetings.add_appointment(vault, "0" * 36, appt(NOW))
    with pytest.raises(NotFound, match="no such service"):
        meetings.add_appointment(vault, man, appt(NOW, service_id="0" * 36))
    with pytest.raises(NotFound, match="no such appointment"):
        meetings.record_attendance(vault, "0" * 36, True)


def test_same_time_is_a_clash(vault: Vault, man: str) -> None:
    start = NOW + timedelta(days=2)
    first = meetings.add_appointment(vault, man, appt(start))
    second = meetings.add_appointment(
        vault, man, appt(start + timedelta(minutes=30), with_whom="GP")
    )
    [clash] = second.clashes
    assert clash.kind == "overlap" and clash.minutes_short == 30
    assert {clash.first.id, clash.second.id} == {first.id, second.id}
    assert clash.first.kind == "appointment"


def test_session_and_appointment_at_once_clash(vault: Vault, man: str) -> None:
    start = NOW + timedelta(days=3)
    session_id = planned_session(vault, man, start)
    saved = meetings.add_appointment(vault, man, appt(start))
    assert [(c.first.kind, c.second.kind) for c in saved.clashes] in (
        [("session", "appointment")],
        [("appointment", "session")],
    )
    assert session_id in {saved.clashes[0].first.id, saved.clashes[0].second.id}


def test_two_places_too_far_apart_for_the_travel_time(vault: Vault, man: str) -> None:
    day = NOW + timedelta(days=4)
    meetings.add_appointment(vault, man, appt(day, location="Probation, Newport"))
    later = day + timedelta(minutes=75)  # 15 minutes after the first ends
    saved = meetings.add_appointment(
        vault, man, appt(later, with_whom="GP", location="Surgery, Cardiff", travel_minutes=40)
    )
    [clash] = saved.clashes
    assert clash.kind == "travel" and clash.minutes_short == 25
    # Enough travel time, a different day, or no travel time entered: no clash.
    meetings.edit_appointment(
        vault, saved.id, appt(later, with_whom="GP", location="Surgery, Cardiff", travel_minutes=10)
    )
    assert meetings.clashes(vault, man) == []
    meetings.edit_appointment(
        vault, saved.id, appt(later, with_whom="GP", location="Surgery, Cardiff")
    )
    assert meetings.clashes(vault, man) == []
    assert (
        len(meetings.clashes(vault, man, travel={("probation, newport", "surgery, cardiff"): 60}))
        == 1
    )
    meetings.edit_appointment(
        vault,
        saved.id,
        appt(
            later + timedelta(days=1),
            with_whom="GP",
            location="Surgery, Cardiff",
            travel_minutes=600,
        ),
    )
    assert meetings.clashes(vault, man) == []


def test_past_and_cancelled_appointments_do_not_clash(
    vault: Vault, clock: FakeClock, man: str
) -> None:
    start = NOW + timedelta(days=1)
    first = meetings.add_appointment(vault, man, appt(start))
    meetings.add_appointment(vault, man, appt(start))
    assert len(meetings.clashes(vault, man)) == 1
    meetings.cancel_appointment(vault, first.id)
    assert meetings.clashes(vault, man) == []
    meetings.add_appointment(vault, man, appt(NOW - timedelta(days=2)))
    meetings.add_appointment(vault, man, appt(NOW - timedelta(days=2)))
    assert meetings.clashes(vault, man) == []


# --- reminders -------------------------------------------------------------------------------


def test_reminders_due_in_the_next_48_hours(vault: Vault, clock: FakeClock, man: str) -> None:
    soon = meetings.add_appointment(vault, man, appt(NOW + timedelta(hours=47))).id
    meetings.add_appointment(vault, man, appt(NOW + timedelta(hours=49)))
    meetings.add_appointment(vault, man, appt(NOW - timedelta(hours=1)))
    session_id = planned_session(vault, man, NOW + timedelta(hours=24))
    due = alerts.reminders_due(vault)
    assert [(s.kind, s.id) for s in due] == [("session", session_id), ("appointment", soon)]
    assert due[0].preferred_name == "Dai" and due[0].location == "Café on the high street"

    meetings.give_reminder(vault, "session", session_id, "text")
    meetings.give_reminder(vault, "appointment", soon, "phone")
    assert alerts.reminders_due(vault) == []

    clock.advance(2 * 3600)  # the one at 49 hours comes into the window
    assert len(alerts.reminders_due(vault, man)) == 1


def test_reminders_leave_out_closed_men_and_bad_kinds(vault: Vault, man: str) -> None:
    closed = add_man(vault, "Huw", phase="closed")
    meetings.add_appointment(vault, closed, appt(NOW + timedelta(hours=3)))
    assert alerts.reminders_due(vault) == []
    with pytest.raises(ValidationError):
        meetings.give_reminder(vault, "party", "0" * 36)


# --- missed and followed up ------------------------------------------------------------------


def test_missed_appointment_needs_a_call_until_one_is_logged(
    vault: Vault, clock: FakeClock, man: str
) -> None:
    saved = meetings.add_appointment(vault, man, appt(NOW + timedelta(hours=2)))
    with pytest.raises(ValidationError, match="not happened yet"):
        meetings.record_attendance(vault, saved.id, False)
    clock.advance(4 * 3600)
    meetings.record_attendance(vault, saved.id, False)
    assert [s.id for s in alerts.missed_follow_ups(vault)] == [saved.id]
    with pytest.raises(ValidationError, match="after the missed"):
        meetings.record_follow_up(vault, "appointment", saved.id, ContactInput(NOW, "phone"))
    meetings.record_follow_up(
        vault, "appointment", saved.id, ContactInput(clock.now(), "phone", reached_him=True)
    )
    assert alerts.missed_follow_ups(vault) == []


def test_missed_session_from_a_review_shows_until_followed_up(
    vault: Vault, clock: FakeClock, man: str
) -> None:
    saved = review.save_review(
        vault,
        man,
        review.ReviewInput(
            starts_at=NOW, place="community", attended=False, follow_up="Ring the hostel"
        ),
    )
    assert [s.kind for s in alerts.missed_follow_ups(vault, man)] == ["session"]
    clock.advance(1800)
    later = meetings.add_appointment(vault, man, appt(clock.now() + timedelta(hours=20)))
    meetings.give_reminder(vault, "appointment", later.id)  # about the next one, not this one
    assert [s.kind for s in alerts.missed_follow_ups(vault, man)] == ["session"]
    clock.advance(1800)
    meetings.record_follow_up(
        vault, "session", saved.meeting_id, ContactInput(clock.now(), "phone", reached_him=False)
    )
    assert alerts.missed_follow_ups(vault, man) == []


def test_contact_in_the_future_or_by_carrier_pigeon_is_refused(vault: Vault, man: str) -> None:
    with pytest.raises(ValidationError, match="still to come"):
        meetings.log_contact(vault, man, ContactInput(NOW + timedelta(hours=2), "phone"))
    with pytest.raises(ValidationError, match="not one of the choices"):
        meetings.log_contact(vault, man, ContactInput(NOW, "pigeon"))
    with pytest.raises(ValidationError, match="too long"):
        meetings.log_contact(vault, man, ContactInput(NOW, "phone", note="x" * 2001))


# --- contact frequency -----------------------------------------------------------------------


def test_isolated_man_needs_two_contacts_a_week(vault: Vault, clock: FakeClock) -> None:
    man = add_man(vault, phase="in_community", isolated=True)
    held_session(vault, man, NOW - timedelta(days=2))
    [alert] = alerts.contact_alerts(vault)
    assert alert.man_id == man and alert.alert.kind is AlertKind.ISOLATED_LOW_CONTACT
    assert alert.alert.contacts_in_window == 1
    meetings.log_contact(
        vault, man, ContactInput(NOW - timedelta(days=1), "phone", reached_him=True)
    )
    assert alerts.contact_alerts(vault) == []
    clock.advance(6 * 86400)  # the session falls out of the 7 days
    assert len(alerts.contact_alerts(vault, man)) == 1


def test_others_alert_after_fourteen_days_without_contact(vault: Vault) -> None:
    man = add_man(vault, phase="in_community")
    inside = add_man(vault, "Huw", phase="in_prison")
    held_session(vault, man, NOW - timedelta(days=20))
    meetings.log_contact(
        vault, man, ContactInput(NOW - timedelta(days=3), "text", reached_him=False)
    )
    [alert] = alerts.contact_alerts(vault)
    assert alert.man_id == man and alert.alert.kind is AlertKind.NO_RECENT_CONTACT
    assert alert.alert.days_since_last == 20 and "20 days" in alert.alert.message
    assert alerts.contact_alerts(vault, inside) == []
    held_session(vault, man, NOW - timedelta(days=10))
    assert alerts.contact_alerts(vault) == []


def test_lost_contact_prompt(vault: Vault) -> None:
    man = add_man(vault, phase="in_community")
    never = alerts.lost_contact(vault, man)
    assert never.days_since_contact is None and never.alert is not None
    assert len(never.steps) >= 5 and any("probation" in s for s in never.steps)
    held_session(vault, man, NOW - timedelta(days=16))
    for days in (5, 3):
        meetings.log_contact(vault, man, ContactInput(NOW - timedelta(days=days), "phone"))
    prompt = alerts.lost_contact(vault, man)
    assert (prompt.days_since_contact, prompt.attempts_since) == (16, 2)
    assert prompt.alert is not None and prompt.alert.days_since_last == 16


def test_clock_is_injected_not_read(vault: Vault, clock: FakeClock, man: str) -> None:
    clock.set(datetime(2030, 1, 1, 9, 0, tzinfo=UTC))
    meetings.add_appointment(vault, man, appt(datetime(2030, 1, 2, 9, 0)))
    assert len(alerts.reminders_due(vault)) == 1


def test_service_link_on_an_appointment(vault: Vault, man: str) -> None:
    with vault.write() as session:
        service = Service(name="Gwent Housing", kind="housing", setting="community")
        session.add(service)
        session.flush()
        service_id = service.id
    saved = meetings.add_appointment(
        vault, man, appt(NOW + timedelta(days=1), service_id=service_id)
    )
    with vault.read() as session:
        row = session.get(Appointment, saved.id)
        assert row is not None and row.service_id == service_id


def test_missed_long_ago_no_longer_asks_for_a_call(vault: Vault, man: str) -> None:
    old = meetings.add_appointment(vault, man, appt(NOW - timedelta(days=20))).id
    recent = meetings.add_appointment(vault, man, appt(NOW - timedelta(days=2))).id
    meetings.record_attendance(vault, old, False)
    meetings.record_attendance(vault, recent, False)
    assert [s.id for s in alerts.missed_follow_ups(vault)] == [recent]
    assert [s.id for s in alerts.missed_follow_ups(vault, days=30)] == [old, recent]
