"""Appointments kept up from the Community tab: booked at any time with a clash shown first,
changed, cancelled, marked attended or missed (a missed one opens the follow-up call), undone."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import contact_alerts, meetings
from engager_desktop.store.orm import Appointment
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.forms.appointment_dialog import AppointmentDialog
from engager_desktop.ui.forms.contact_dialog import ContactDialog
from tests.ui.app_fixtures import wait_ops
from tests.ui.edit_helpers import (
    CTRL,
    audit_actions,
    open_workspace,
    press_enter_on,
    press_in_workspace,
    save_by_keyboard,
    tab,
)
from tests.ui.wizard_helpers import make_man

pytestmark = pytest.mark.gui
NOW = datetime(2026, 11, 2, 9, 0)  # the fixture clock (naive UTC)
TOMORROW_TEN = datetime(2026, 11, 3, 10, 0)  # 10:00 in London is 10:00 UTC in November


def _book(vault: Vault, man: str, when: datetime, who: str = "Probation") -> str:
    return meetings.add_appointment(
        vault, man, meetings.AppointmentInput(who, when, location="Probation office")
    ).id


def _row(vault: Vault, appointment_id: str) -> Appointment:
    with vault.read() as session:
        row = session.get(Appointment, appointment_id)
        assert row is not None
        session.expunge(row)
        return row


def test_booked_from_the_community_tab_with_the_clash_shown_before_saving(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    probation = _book(vault, man, TOMORROW_TEN)
    ws = open_workspace(qtbot, vault, man)
    community = tab(ws, "CommunityTab")
    community.buttons["add_appointment"].click()
    dialog = ws.tab_actions.dialogs[-1]
    assert isinstance(dialog, AppointmentDialog)
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    qtbot.keyClicks(dialog.with_whom, "GP")
    qtbot.keyClicks(dialog.location, "Surgery")
    save_by_keyboard(qtbot, dialog)  # tomorrow at ten, as the probation one
    assert dialog.isVisible()
    assert "would clash" in dialog.status.text() and "Probation, Tue 3 Nov" in dialog.status.text()
    assert dialog.save_button.text() == "Save &anyway"
    assert len(meetings.clashes(vault, man)) == 0  # nothing booked yet
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible()
    (clash,) = meetings.clashes(vault, man)
    assert probation in (clash.first.id, clash.second.id)
    assert [community.appointments.model.row_at(n).cells[1] for n in range(2)] == [
        "Probation",
        "GP",
    ] or [community.appointments.model.row_at(n).cells[1] for n in range(2)] == [
        "GP",
        "Probation",
    ]
    new_id = clash.second.id if clash.first.id == probation else clash.first.id
    assert audit_actions(vault, new_id) == ["create"]

    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)  # undo the booking
    assert _row(vault, new_id).deleted
    qtbot.waitUntil(lambda: community.appointments.model.rowCount() == 1)


def test_moved_from_its_row_and_a_quiet_change_needs_no_second_save(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    probation = _book(vault, man, TOMORROW_TEN)
    ws = open_workspace(qtbot, vault, man)
    dialog = press_enter_on(qtbot, tab(ws, "CommunityTab").appointments, 0)
    assert isinstance(dialog, AppointmentDialog)
    dialog.starts.setDateTime(QDateTime(2026, 11, 4, 14, 30, 0))
    dialog.minutes.setValue(30)
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    moved = _row(vault, probation)
    assert (moved.starts_at, moved.minutes) == (datetime(2026, 11, 4, 14, 30), 30)
    ws.history.undo_action.trigger()
    wait_ops(qtbot)
    assert _row(vault, probation).starts_at == TOMORROW_TEN


def test_a_missed_one_opens_the_follow_up_call_and_undo_puts_it_back(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    yesterday = _book(vault, man, NOW - timedelta(days=1))
    ws = open_workspace(qtbot, vault, man)
    community = tab(ws, "CommunityTab")
    assert community.appointments.model.row_at(0).cells[3] == "Not yet"
    community.appointments.choose_row(0)
    community.buttons["missed"].click()
    wait_ops(qtbot)
    assert _row(vault, yesterday).attended is False
    dialog = ws.tab_actions.dialogs[-1]
    assert isinstance(dialog, ContactDialog) and "Missed: Probation" in dialog.intro.text()
    qtbot.keyClicks(dialog.purpose, "Asked why he missed it")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible()
    assert contact_alerts.missed_follow_ups(vault, man) == []
    assert community.appointments.model.row_at(0).cells[3] == "No"
    ws.history.undo_action.trigger()
    wait_ops(qtbot)
    assert _row(vault, yesterday).attended is None


def test_attended_and_cancelled_from_the_buttons(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    yesterday = _book(vault, man, NOW - timedelta(days=1))
    ahead = _book(vault, man, TOMORROW_TEN, "Housing")
    ws = open_workspace(qtbot, vault, man)
    community = tab(ws, "CommunityTab")
    table = community.appointments
    row = next(n for n in range(2) if table.model.row_at(n).id == ahead)
    table.choose_row(row)
    community.buttons["attended"].click()
    wait_ops(qtbot)
    assert "not happened yet" in ws.sub_label.text()
    assert _row(vault, ahead).attended is None
    table.choose_row(row)
    ws.tab_actions.appointments.cancel(confirm=False)
    wait_ops(qtbot)
    assert _row(vault, ahead).deleted
    qtbot.waitUntil(lambda: table.model.rowCount() == 1)
    table.choose_row(0)
    community.buttons["attended"].click()
    wait_ops(qtbot)
    assert _row(vault, yesterday).attended is True
    ws.history.undo_action.trigger()  # attended undone
    ws.history.undo_action.trigger()  # the cancel undone: booked again, as a new record
    wait_ops(qtbot)
    assert _row(vault, yesterday).attended is None and _row(vault, ahead).deleted
    qtbot.waitUntil(lambda: table.model.rowCount() == 2)
    assert {table.model.row_at(n).cells[1] for n in range(2)} == {"Probation", "Housing"}
