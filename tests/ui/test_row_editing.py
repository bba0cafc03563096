"""Every workspace table whose rows can be changed says so, and opens its form on Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import people
from engager_desktop.services import understanding as u
from engager_desktop.services.understanding_forms import ServiceContactForm
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.forms.person_dialog import PersonDialog
from engager_desktop.ui.workspace.parts import Table
from engager_desktop.ui.workspace.row_editing import ROW_HINT
from tests.ui.edit_helpers import open_workspace, press_enter_on, save_by_keyboard, tab
from tests.ui.wizard_helpers import make_man

pytestmark = pytest.mark.gui
# Lists of what happened or is due (each with its own buttons), not records changed in place.
READ_ONLY = {
    "Reminders and follow-ups due",
    "Contacts and attempts",
    "Distress ratings",
    "Readiness over time",  # a history: changed with "Change readiness…"
}


def test_a_service_he_knows_is_changed_from_its_row(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    u.add_item(vault, man, ServiceContactForm("Drug team", still_involved=True))
    ws = open_workspace(qtbot, vault, man)
    dialog = press_enter_on(qtbot, tab(ws, "PeopleTab").services, 0)
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    dialog.parts["still_involved"].setFocus()
    qtbot.keyClick(dialog.parts["still_involved"], Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.parts["outcome"], "Finished the course")
    save_by_keyboard(qtbot, dialog)
    (got,) = u.load_understanding(vault, man).service_contacts
    assert (got.service_name, got.still_involved, got.outcome) == (
        "Drug team",
        False,
        "Finished the course",
    )


def test_a_person_row_opens_the_person_form(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    people.add_person(vault, man, people.PersonForm("Grace", relationship="Sister"))
    ws = open_workspace(qtbot, vault, man)
    dialog = press_enter_on(qtbot, tab(ws, "PeopleTab").people, 0)
    assert isinstance(dialog, PersonDialog) and dialog.name.text() == "Grace"
    dialog.relationship.selectAll()
    qtbot.keyClicks(dialog.relationship, "Older sister")
    save_by_keyboard(qtbot, dialog)
    assert [p.relationship for p in people.people_for(vault, man)] == ["Older sister"]


def test_every_table_of_records_opens_a_form_from_its_rows(qtbot: QtBot, vault: Vault) -> None:
    ws = open_workspace(qtbot, vault, make_man(vault))
    tables = [t for page in ws.tabs for t in page.findChildren(Table)]
    without = {
        t.view.accessibleName()
        for t in tables
        if t.view.accessibleDescription() != ROW_HINT and t.view.accessibleName() not in READ_ONLY
    }
    # Consent is recorded anew (the latest record wins); alerts and history are not records.
    assert without == {"His consent to sharing", "Alerts", "What happened"}
