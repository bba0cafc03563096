"""Appointments kept up: a clash or impossible journey is known before saving, and attendance
and cancelling can be put back (for undo), each change audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import appointment_edits as edits
from engager_desktop.services import contact_alerts, meetings
from engager_desktop.store.orm import Appointment, AuditEvent
from engager_desktop.store.vault import Vault
from tests.services.test_meetings import NOW, add_man, appt, planned_session

pytest_plugins = ["tests.vault_fixtures"]


@pytest.fixture
def man(vault: Vault) -> str:
    return add_man(vault)


def _count(vault: Vault) -> int:
    with vault.read() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def test_an_overlap_is_found_before_saving_and_nothing_is_written(vault: Vault, man: str) -> None:
    tomorrow = NOW + timedelta(days=1)
    booked = meetings.add_appointment(vault, man, appt(tomorrow, location="Probation, Newport"))
    before = _count(vault)
    proposed = appt(tomorrow + timedelta(minutes=30), with_whom="GP", location="Surgery")
    [clash] = edits.clashes_if(vault, man, proposed)
    assert clash.kind == "overlap" and booked.id in (clash.first.id, clash.second.id)
    assert _count(vault) == before
    assert len(meetings.clashes(vault, man)) == 0  # nothing was booked


def test_an_impossible_journey_is_found_and_moving_away_clears_it(vault: Vault, man: str) -> None:
    tomorrow = NOW + timedelta(days=1)
    planned_session(vault, man, tomorrow, location="Café on the high street")
    gp = meetings.add_appointment(
        vault, man, appt(tomorrow + timedelta(hours=3), with_whom="GP", location="Surgery")
    )
    moved = appt(tomorrow + timedelta(minutes=70), with_whom="GP", location="Surgery")
    far = meetings.AppointmentInput(**{**moved.__dict__, "travel_minutes": 45})
    [clash] = edits.clashes_if(vault, man, far, gp.id)
    assert clash.kind == "travel" and clash.minutes_short == 35
    assert edits.clashes_if(vault, man, appt(tomorrow + timedelta(hours=3)), gp.id) == []


def test_attendance_and_a_cancel_can_be_put_back(vault: Vault, man: str) -> None:
    """A cancel is undone by booking again as a new record: sync never revives a removed one."""
    yesterday = meetings.add_appointment(vault, man, appt(NOW - timedelta(days=1)))
    edits.set_attendance(vault, yesterday.id, False)
    assert [s.id for s in contact_alerts.missed_follow_ups(vault, man)] == [yesterday.id]
    edits.set_attendance(vault, yesterday.id, None)
    assert contact_alerts.missed_follow_ups(vault, man) == []
    ahead = meetings.add_appointment(vault, man, appt(NOW + timedelta(days=2)))
    with pytest.raises(ValidationError):
        edits.set_attendance(vault, ahead.id, True)
    before = _count(vault)
    meetings.cancel_appointment(vault, ahead.id)
    again = edits.book_again(vault, man, appt(NOW + timedelta(days=2)))
    with vault.read() as session:
        old, new = session.get(Appointment, ahead.id), session.get(Appointment, again)
        assert old is not None and old.deleted  # the cancelled record stays cancelled
        assert new is not None and not new.deleted and new.starts_at == NOW + timedelta(days=2)
    assert _count(vault) == before + 2
