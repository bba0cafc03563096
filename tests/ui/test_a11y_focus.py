"""Where the keyboard focus lands: the first field of each dialog, buttons last in Tab order."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import first_field, focus_chain
from engager_desktop.ui.a11y_checks import opens_on_button
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.new_man_dialog import NewManDialog
from engager_desktop.ui.settings import Settings
from tests.ui.app_fixtures import wait_ops
from tests.ui.test_accessibility import assert_reachable

pytestmark = pytest.mark.gui

FORMS = (
    ("OverviewTab", "move_phase"),
    ("OverviewTab", "flags"),
    ("PeopleTab", "record_consent"),
    ("PeopleTab", "add_person"),
    ("CommunityTab", "log_contact"),
)


def assert_opens_on_first_field(qtbot: QtBot, dialog: QWidget) -> None:
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()  # as it is in front of the practitioner
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    assert not opens_on_button(dialog), type(dialog.focusWidget()).__name__
    assert dialog.focusWidget() is first_field(dialog)
    chain = focus_chain(dialog)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    buttons = [w for w in chain if box.isAncestorOf(w)]
    assert buttons and chain[-len(buttons) :] == buttons, "Save and Cancel come after the fields"
    assert_reachable(dialog)


def test_every_form_dialog_opens_on_its_first_field(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(demo_vault)
    window.show()
    wait_ops(qtbot)
    window.panel.table.selectRow(0)
    wait_ops(qtbot)
    for tab_name, action in FORMS:
        tab: Any = next(t for t in window.workspace.tabs if type(t).__name__ == tab_name)
        tab.buttons[action].click()
        wait_ops(qtbot)
        dialog = window.workspace.tab_actions.dialogs[-1]
        assert_opens_on_first_field(qtbot, dialog)
        dialog.reject()
    new_man = NewManDialog(demo_vault, window)
    new_man.show()
    assert_opens_on_first_field(qtbot, new_man)
    assert new_man.focusWidget() is new_man.edits["given_name"]
