"""Tests for contact-frequency alerts after release and the lost-contact steps."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from engager_desktop.domain.contact_frequency import (
    AlertKind,
    contact_alert,
    contacts_in_last,
    lost_contact_steps,
    no_contact_days,
)
from engager_desktop.domain.enums import Phase

TODAY = date(2026, 11, 2)


def ago(*days: int) -> list[date]:
    return [TODAY - timedelta(days=d) for d in days]


def test_no_contact_days() -> None:
    assert no_contact_days([], TODAY) is None
    assert no_contact_days(ago(0), TODAY) == 0
    assert no_contact_days(ago(9, 3, 20), TODAY) == 3
    assert no_contact_days([TODAY + timedelta(days=2)], TODAY) is None  # future ignored
    assert no_contact_days([date(2020, 1, 1)], TODAY) == (TODAY - date(2020, 1, 1)).days


def test_window_is_the_days_ending_today() -> None:
    assert contacts_in_last(ago(0, 6, 7), TODAY, 7) == 2
    assert contacts_in_last([TODAY + timedelta(days=1)], TODAY, 7) == 0


@pytest.mark.parametrize("phase", [Phase.ENGAGEMENT, Phase.IN_PRISON, Phase.CLOSED, "in_prison"])
def test_no_alert_before_release_or_after_closing(phase: Phase | str) -> None:
    assert contact_alert(phase, True, [], TODAY) is None


@pytest.mark.parametrize("phase", [Phase.THROUGH_THE_GATE, Phase.IN_COMMUNITY, Phase.ENDING])
def test_isolated_man_needs_two_contacts_a_week(phase: Phase) -> None:
    assert contact_alert(phase, True, ago(1, 5), TODAY) is None
    alert = contact_alert(phase, True, ago(2, 7, 8), TODAY)
    assert alert is not None
    assert alert.kind is AlertKind.ISOLATED_LOW_CONTACT
    assert (alert.contacts_in_window, alert.window_days, alert.needed) == (1, 7, 2)
    assert alert.days_since_last == 2
    assert "one contact" in alert.message and "Twice a week" in alert.message


def test_isolated_with_no_contact_at_all() -> None:
    alert = contact_alert("in_community", True, [], TODAY)
    assert alert is not None and alert.days_since_last is None
    assert "no contact" in alert.message


def test_others_alert_after_fourteen_days() -> None:
    assert contact_alert(Phase.IN_COMMUNITY, False, ago(13), TODAY) is None
    alert = contact_alert(Phase.IN_COMMUNITY, False, ago(14, 30), TODAY)
    assert alert is not None
    assert alert.kind is AlertKind.NO_RECENT_CONTACT
    assert alert.days_since_last == 14 and alert.window_days == 14
    assert "14 days" in alert.message and "lost-contact" in alert.message


def test_others_with_no_contact_recorded() -> None:
    alert = contact_alert(Phase.THROUGH_THE_GATE, False, [], TODAY)
    assert alert is not None and alert.days_since_last is None
    assert "No contact" in alert.message


def test_future_dated_contacts_do_not_count() -> None:
    alert = contact_alert(Phase.IN_COMMUNITY, True, [TODAY + timedelta(days=1)] * 3, TODAY)
    assert alert is not None and alert.contacts_in_window == 0


def test_unknown_phase_is_an_error() -> None:
    with pytest.raises(ValueError):
        contact_alert("on_holiday", False, [], TODAY)


def test_lost_contact_steps_cover_the_known_routes() -> None:
    steps = lost_contact_steps()
    text = " ".join(steps).lower()
    for needle in ("probation officer", "hostel", "soup run", "where he sleeps", "agreed"):
        assert needle in text
    assert all(step.endswith(".") and len(step.split()) <= 20 for step in steps)
