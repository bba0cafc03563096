"""The small forms driven by keyboard on a demo caseload, the stored data read back through the
services: consent, phase moves, people around him, contact, reminders and follow-ups, isolation
and risk, and directory entries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from engager_desktop.services import caseload, consent, contact_alerts, directory, meetings, people
from engager_desktop.services.caseload import load_man
from engager_desktop.services.participants import get_participant
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.settings import Settings
from tests.ui.app_fixtures import wait_ops

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


def open_window(qtbot: QtBot, vault: Vault, settings: Settings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(vault)
    window.show()
    wait_ops(qtbot)
    return window


def choose(qtbot: QtBot, window: MainWindow, man_id: str | None = None) -> str:
    man_id = man_id or window.panel.model.row_at(0).id
    window.panel.restore(man_id)
    window.workspace.show_man(man_id)
    wait_ops(qtbot)
    assert window.workspace.data is not None
    return man_id


def no_unnamed(dialog: QWidget) -> None:
    assert [describe(w) for w in unnamed_inputs(dialog)] == []


def save_by_keyboard(qtbot: QtBot, dialog: Any) -> None:
    """Ctrl+S in the dialog, as the practitioner presses it (the dialog in front)."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    qtbot.keyClick(dialog, Qt.Key.Key_S, CTRL)
    wait_ops(qtbot)


def tab(window: MainWindow, name: str) -> Any:
    return next(t for t in window.workspace.tabs if type(t).__name__ == name)


def test_consent_is_recorded_and_shown(qtbot: QtBot, demo_vault: Vault, settings: Settings) -> None:
    window = open_window(qtbot, demo_vault, settings)
    man = choose(qtbot, window)
    tab(window, "PeopleTab").buttons["record_consent"].click()
    wait_ops(qtbot)
    dialog = window.workspace.tab_actions.dialogs[-1]
    no_unnamed(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("share_plan_with_service"))
    save_by_keyboard(qtbot, dialog)  # a plan is shared with one named service
    assert "service" in dialog.error_text("service").lower()
    dialog.service.setCurrentIndex(1)
    service_id = dialog.service.currentData()
    qtbot.keyClicks(dialog.note, "Agreed at the second session")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible()
    assert consent.has_consent(demo_vault, man, "share_plan_with_service", service_id)
    rows = tab(window, "PeopleTab").consents.model
    assert any(
        rows.row_at(n).cells[0] == "Share his plan with a service" for n in range(rows.rowCount())
    )


def test_phase_move_refused_plainly_then_made(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings)
    rows = [window.panel.model.row_at(n) for n in range(window.panel.model.rowCount())]
    man = choose(qtbot, window, next(r.id for r in rows if r.phase == "engagement"))
    tab(window, "OverviewTab").buttons["move_phase"].click()
    dialog = window.workspace.tab_actions.dialogs[-1]
    no_unnamed(dialog)
    save_by_keyboard(qtbot, dialog)  # no reason given
    assert dialog.error_text("reason"), dialog.status.text()
    qtbot.keyClicks(dialog.reason, "He asked to stop")
    dialog.phase.setCurrentIndex(dialog.phase.findData("ending"))
    assert not dialog.closure.isEnabled()
    save_by_keyboard(qtbot, dialog)
    assert "ending plan" in dialog.status.text() and dialog.isVisible()
    dialog.phase.setCurrentIndex(dialog.phase.findData("closed"))
    assert dialog.closure.isEnabled()
    dialog.closure.setCurrentIndex(dialog.closure.findData("withdrew"))
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible()
    view = get_participant(demo_vault, man)
    assert view.phase == "closed" and view.closure_reason == "withdrew"
    assert load_man(demo_vault, man).phase_changes[-1].reason == "He asked to stop"
    assert window.workspace.sub_label.text().startswith("Closed")


def test_people_added_changed_and_removed(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings)
    man = choose(qtbot, window)
    before = len(people.people_for(demo_vault, man))
    people_tab = tab(window, "PeopleTab")
    people_tab.buttons["add_person"].click()
    dialog = window.workspace.tab_actions.dialogs[-1]
    no_unnamed(dialog)
    save_by_keyboard(qtbot, dialog)
    assert dialog.error_text("name")
    qtbot.keyClicks(dialog.name, "Dee Peer")
    dialog.role.setCurrentIndex(dialog.role.findData("peer_mentor"))
    dialog.helpful.setCurrentIndex(1)
    qtbot.keyClicks(dialog.restrictions, "None known")
    dialog.gate.setChecked(True)
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible()
    found = [p for p in people.people_for(demo_vault, man) if p.name == "Dee Peer"]
    assert len(found) == 1 and found[0].role == "peer_mentor" and found[0].helpful is True
    assert found[0].meets_at_gate and len(people.people_for(demo_vault, man)) == before + 1
    model = people_tab.people.model
    row = next(n for n in range(model.rowCount()) if model.row_at(n).id == found[0].id)
    people_tab.people.choose_row(row)
    people_tab.buttons["edit_person"].click()
    wait_ops(qtbot)  # his people are read on a worker, then the form opens
    dialog = window.workspace.tab_actions.dialogs[-1]
    assert dialog.name.text() == "Dee Peer" and dialog.gate.isChecked()
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Dee Mentor")
    save_by_keyboard(qtbot, dialog)
    assert [p.name for p in people.people_for(demo_vault, man) if p.id == found[0].id] == [
        "Dee Mentor"
    ]
    row = next(n for n in range(model.rowCount()) if model.row_at(n).id == found[0].id)
    people_tab.people.choose_row(row)
    window.workspace.tab_actions.remove_person(confirm=False)
    wait_ops(qtbot)
    assert all(p.id != found[0].id for p in people.people_for(demo_vault, man))


def test_contact_logged_reminder_given_and_missed_one_followed_up(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings)
    man = choose(qtbot, window)
    now = demo_vault.clock.now()
    soon = meetings.add_appointment(
        demo_vault, man, meetings.AppointmentInput("Housing office", now + timedelta(hours=20))
    ).id
    missed = meetings.add_appointment(
        demo_vault, man, meetings.AppointmentInput("GP", now - timedelta(hours=3))
    ).id
    meetings.record_attendance(demo_vault, missed, False)
    window.workspace.reload()
    wait_ops(qtbot)
    community = tab(window, "CommunityTab")
    ids = [community.due.model.row_at(n).id for n in range(community.due.model.rowCount())]
    community.due.choose_row(ids.index(f"missed:appointment:{missed}"))
    community.buttons["follow_up"].click()
    dialog = window.workspace.tab_actions.dialogs[-1]
    no_unnamed(dialog)
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible()
    assert all(s.id != missed for s in contact_alerts.missed_follow_ups(demo_vault, man))

    ids = [community.due.model.row_at(n).id for n in range(community.due.model.rowCount())]
    community.due.choose_row(ids.index(f"reminder:appointment:{soon}"))
    community.buttons["give_reminder"].click()
    dialog = window.workspace.tab_actions.dialogs[-1]
    no_unnamed(dialog)
    assert "Housing office" in dialog.intro.text()
    save_by_keyboard(qtbot, dialog)
    assert all(s.id != soon for s in contact_alerts.reminders_due(demo_vault, man))

    community.buttons["log_contact"].click()
    dialog = window.workspace.tab_actions.dialogs[-1]
    no_unnamed(dialog)
    dialog.method.setCurrentIndex(dialog.method.findData("phone"))
    dialog.reached.setChecked(True)
    qtbot.keyClicks(dialog.purpose, "Checking in")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible()
    logs = caseload.load_man(demo_vault, man).plan.contact_logs
    assert any(log["purpose"] == "Checking in" and log["reached_him"] for log in logs)


def test_a_contact_in_the_future_is_refused_beside_the_time(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings)
    choose(qtbot, window)
    window.workspace.tab_actions.log_contact()
    dialog = window.workspace.tab_actions.dialogs[-1]
    dialog.at.setDateTime(dialog.at.dateTime().addDays(2))
    save_by_keyboard(qtbot, dialog)
    assert "still to come" in dialog.error_text("at") and dialog.isVisible()


def test_isolation_and_risk_from_the_overview(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings)
    man = choose(qtbot, window)
    before = get_participant(demo_vault, man)
    tab(window, "OverviewTab").buttons["flags"].click()
    dialog = window.workspace.tab_actions.dialogs[-1]
    no_unnamed(dialog)
    dialog.isolated.setChecked(not before.isolated)
    dialog.risk.clear()
    qtbot.keyClicks(dialog.risk, "Talk over in supervision")
    save_by_keyboard(qtbot, dialog)
    after = get_participant(demo_vault, man)
    assert after.isolated is (not before.isolated)
    assert after.risk_notes == "Talk over in supervision"
    assert after.family_name == before.family_name and after.phase == before.phase
    overview = tab(window, "OverviewTab")
    assert overview.facts.text("isolated").startswith("Yes" if after.isolated else "No")


def test_the_kind_of_service_offers_the_kinds_already_in_the_directory(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings)
    directory_window = window.open_directory()
    wait_ops(qtbot)
    directory_window.findChild(QWidget, "directory_add").click()
    dialog = directory_window.form_dialog
    wait_ops(qtbot)
    completer = dialog.kind.completer()
    assert completer is not None
    offered = completer.model().stringList()
    assert offered == directory.kinds(demo_vault) and "drug_and_alcohol" in offered
    completer.setCompletionPrefix("ALCOHOL")
    assert completer.currentCompletion() == "drug_and_alcohol"


def test_directory_entry_added_and_changed(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings)
    directory_window = window.open_directory()
    wait_ops(qtbot)
    add = directory_window.findChild(QWidget, "directory_add")
    change = directory_window.findChild(QWidget, "directory_change")
    assert not change.isEnabled()  # no entry chosen yet
    add.click()
    dialog = directory_window.form_dialog
    no_unnamed(dialog)
    save_by_keyboard(qtbot, dialog)
    assert dialog.error_text("name")
    qtbot.keyClicks(dialog.name, "Weekend Lunch Club")
    qtbot.keyClicks(dialog.kind, "food")
    qtbot.keyClicks(dialog.texts["weekend_hours"], "Sat and Sun 12-2")
    qtbot.keyClicks(dialog.texts["cost_to_him"], "Free")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible()
    found = directory.search_services(demo_vault, "Weekend Lunch Club")
    assert len(found) == 1 and found[0].entry.weekend_hours == "Sat and Sun 12-2"
    wait_ops(qtbot)
    model = directory_window.table.model
    row = next(n for n in range(model.rowCount()) if model.row_at(n).id == found[0].id)
    directory_window.table.choose_row(row)
    assert change.isEnabled()
    change.click()
    dialog = directory_window.form_dialog
    assert dialog.name.text() == "Weekend Lunch Club"
    dialog.texts["out_of_hours"].setText("Phone line to 10pm")
    save_by_keyboard(qtbot, dialog)
    assert (
        next(
            v for v in directory.search_services(demo_vault) if v.id == found[0].id
        ).entry.out_of_hours
        == "Phone line to 10pm"
    )
    remove = directory_window.findChild(QWidget, "directory_remove")
    asked: list[str] = []
    directory_window.confirm_remove = lambda name: asked.append(name) or False
    wait_ops(qtbot)
    row = next(n for n in range(model.rowCount()) if model.row_at(n).id == found[0].id)
    directory_window.table.choose_row(0 if row else 1)  # away and back: the entry is chosen
    directory_window.table.choose_row(row)
    assert remove.isEnabled()
    remove.click()  # asked, and the answer is no: nothing changes
    wait_ops(qtbot)
    assert asked == ["Weekend Lunch Club"]
    assert directory.search_services(demo_vault, "Weekend Lunch Club")
    directory_window.confirm_remove = lambda _name: True
    remove.click()
    wait_ops(qtbot)
    assert directory.search_services(demo_vault, "Weekend Lunch Club") == []
    assert all(
        model.row_at(n).id != found[0].id for n in range(directory_window.table.model.rowCount())
    )
