"""What the screen reader is told: errors, waits, saving, search counts and the lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from engager_desktop.domain.clock import FakeClock
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.ui.a11y import SpokenLabel, heard
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.new_man_dialog import NewManDialog
from engager_desktop.ui.settings import Settings
from engager_desktop.ui.sync.common import MessageLine
from engager_desktop.ui.unlock_pages import HEADING
from engager_desktop.ui.unlock_window import UnlockWindow
from tests.ui.app_fixtures import wait_ops

pytestmark = pytest.mark.gui


def test_wrong_passphrase_and_the_wait_are_spoken(
    qtbot: QtBot, vault_path: Path, options: VaultOptions, clock: FakeClock
) -> None:
    window = UnlockWindow(vault_path, options)
    qtbot.addWidget(window)
    window.show()
    page = window.unlock_page
    with heard() as words:
        page.unlock_button.click()  # nothing typed
        assert words == ["Type your passphrase first."]
        for _ in range(3):
            page.passphrase.setText("not the passphrase at all")
            page.unlock_button.click()
            wait_ops(qtbot)
        assert sum("wrong passphrase" in w.lower() for w in words) == 3
        assert words[-1] == page.countdown.text() and "try again in" in words[-1]
        clock.advance(3)
        qtbot.waitUntil(lambda: not window.waiting(), timeout=3000)
        assert words[-1] == "You can try your passphrase again now."


def test_the_lock_is_spoken(qtbot: QtBot, vault_path: Path, options: VaultOptions) -> None:
    window = UnlockWindow(vault_path, options)
    qtbot.addWidget(window)
    for _ in range(2):  # every lock, not only the first
        with heard() as words:
            window.for_relock(vault_path)
        assert words == ["The vault is locked"]


def test_each_unlock_page_is_announced(
    qtbot: QtBot, vault_path: Path, options: VaultOptions
) -> None:
    window = UnlockWindow(vault_path, options)
    qtbot.addWidget(window)
    window.show()
    with heard() as words:
        window.unlock_page.forgot_button.click()
    heading = window.stack.currentWidget().findChild(QLabel, HEADING)
    assert heading is not None and words == [heading.text()] == ["Forgot your passphrase?"]
    assert window.focusWidget() is window.recover_page.code


def _window(qtbot: QtBot, vault: Vault, settings: Settings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(vault)
    window.show()
    wait_ops(qtbot)
    return window


def test_a_search_count_is_spoken(qtbot: QtBot, demo_vault: Vault, settings: Settings) -> None:
    window = _window(qtbot, demo_vault, settings)
    name = window.panel.model.row_at(0).family_name
    with heard() as words:
        qtbot.keyClicks(window.panel.search, name)
        qtbot.waitUntil(lambda: not window.panel.busy() and any("Showing" in w for w in words))
        wait_ops(qtbot)
    assert words[-1] == window.panel.count_label.text()
    assert words[-1].startswith("Showing ")


def test_a_refused_field_is_spoken_and_described(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = _window(qtbot, demo_vault, settings)
    dialog = NewManDialog(demo_vault, window)
    dialog.show()
    with heard() as words:
        dialog.save()  # no names typed
        wait_ops(qtbot)
    field = dialog.focusWidget()
    error = dialog.errors[field.objectName()]
    assert words == [error.text()] and error.isVisibleTo(dialog)
    assert field.accessibleDescription() == error.text()
    qtbot.keyClicks(dialog.edits["given_name"], "Aled")
    qtbot.keyClicks(dialog.edits["family_name"], "Price")
    with heard() as words:
        dialog.save()
        wait_ops(qtbot)
    assert words == ["Saved."] and not dialog.isVisible()


def test_a_form_refusal_and_saving_are_spoken(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = _window(qtbot, demo_vault, settings)
    window.panel.table.selectRow(0)
    wait_ops(qtbot)
    window.workspace.tab_actions.log_contact()
    dialog = window.workspace.tab_actions.dialogs[-1]
    dialog.at.setDateTime(dialog.at.dateTime().addDays(2))
    with heard() as words:
        dialog.save()
        wait_ops(qtbot)
    assert words == [dialog.error_text("at")] and "still to come" in words[0]
    assert dialog.focusWidget() is dialog.at
    assert dialog.at.accessibleDescription() == words[0]
    dialog.at.setDateTime(dialog.at.dateTime().addDays(-2))
    with heard() as words:
        dialog.save()
        wait_ops(qtbot)
    assert words == ["Saved."]
    assert dialog.at.accessibleDescription() == ""


def test_a_sync_message_line_is_spoken(qtbot: QtBot) -> None:
    line = MessageLine()
    qtbot.addWidget(line)
    with heard() as words:
        line.error("That file is not a laptop's card.")
        line.ok("Copied to the stick.")
        line.clear_message()
    assert words == ["That file is not a laptop's card.", "Copied to the stick."]


def test_status_lines_of_dialogs_are_spoken(qtbot: QtBot, demo_vault: Vault) -> None:
    from engager_desktop.services import caseload
    from engager_desktop.ui.protection import SarDialog

    line = SpokenLabel()
    qtbot.addWidget(line)
    with heard() as words:
        line.setText("Ready to print: 2 pages.")
        line.setText("Ready to print: 2 pages.")  # no change, nothing said again
    assert words == ["Ready to print: 2 pages."]
    dialog = SarDialog(demo_vault, caseload.list_caseload(demo_vault)[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_ops(qtbot)
    with heard() as words:
        dialog.write()  # no folder chosen
    assert words == ["Choose a folder first."]
