"""Windows and dialogs for the keyboard and the reader: roles, Escape and Ctrl+W, no Tab traps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.ui import ops
from engager_desktop.ui.a11y_checks import opens_on_button
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.protection import EraseDialog, RetentionDialog, SarDialog
from engager_desktop.ui.settings import Settings, SettingsDialog
from engager_desktop.ui.sync import (
    ConflictsDialog,
    DevicesDialog,
    ExportDialog,
    HandoverDialog,
    ImportDialog,
)
from engager_desktop.ui.unlock_window import UnlockWindow
from tests.sync.conftest import Laptop
from tests.ui.app_fixtures import wait_ops
from tests.ui.test_accessibility import assert_reachable

pytestmark = pytest.mark.gui
WINDOW_ROLES = (QAccessible.Role.Window, QAccessible.Role.Dialog)


def role(widget: QWidget) -> QAccessible.Role:
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None
    return face.role()


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: ops.pending() == 0, timeout=15_000)
    activate(qtbot, dialog)
    assert dialog.focusWidget() is not None, type(dialog).__name__
    assert not opens_on_button(dialog), f"{type(dialog).__name__} opens on a button"
    return dialog


def activate(qtbot: QtBot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


@pytest.mark.parametrize("keys", ["escape", "ctrl_w"])
def test_directory_supervision_and_figures_are_windows_that_close_like_dialogs(
    qtbot: QtBot, demo_vault: Vault, settings: Settings, keys: str
) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(demo_vault)
    window.show()
    wait_ops(qtbot)
    assert role(window) in WINDOW_ROLES
    for opened in (window.open_directory(), window.open_supervision(), window.open_figures()):
        assert opened is not None
        wait_ops(qtbot)
        assert role(opened) == QAccessible.Role.Window
        activate(qtbot, opened)
        assert opened.focusWidget() is not None and not opens_on_button(opened)
        if keys == "escape":
            qtbot.keyClick(opened.focusWidget() or opened, Qt.Key.Key_Escape)
        else:
            qtbot.keyClick(opened, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda w=opened: not w.isVisible(), timeout=3000)


def test_the_unlock_window_reports_a_window(
    qtbot: QtBot, tmp_path: Path, options: VaultOptions
) -> None:
    window = UnlockWindow(tmp_path / "vault", options)
    qtbot.addWidget(window)
    window.show()
    assert role(window) == QAccessible.Role.Window


def test_sync_dialogs_pass_the_walk(qtbot: QtBot, pair: tuple[Laptop, Laptop]) -> None:
    prison, _community = pair
    for make in (DevicesDialog, ExportDialog, ImportDialog, ConflictsDialog, HandoverDialog):
        dialog = shown(qtbot, make(prison.vault))
        assert role(dialog) == QAccessible.Role.Dialog
        assert_reachable(dialog)  # the laptops table no longer keeps Tab


def test_the_handover_dialog_passes_the_walk_with_men_and_no_other_laptop(
    qtbot: QtBot, demo_vault: Vault
) -> None:
    from engager_desktop.services import caseload

    man = caseload.list_caseload(demo_vault)[0].id
    dialog = shown(qtbot, HandoverDialog(demo_vault, None, (man,)))
    assert dialog.men.count() > 1 and dialog.no_laptops.isVisible()
    assert dialog.focusWidget() is dialog.men
    assert_reachable(dialog)


def test_data_protection_and_settings_dialogs_pass_the_walk(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    from engager_desktop.services import caseload

    man = caseload.list_caseload(demo_vault)[0].id
    makers: list[Callable[[], QDialog]] = [
        lambda: RetentionDialog(demo_vault),
        lambda: EraseDialog(demo_vault, man),
        lambda: SarDialog(demo_vault, man),
    ]
    makers.append(lambda: SettingsDialog(settings))
    for make in makers:
        dialog = shown(qtbot, make())
        assert_reachable(dialog)
        if isinstance(dialog, EraseDialog):
            warning = dialog.message.text()
            assert "cannot be undone" in warning
            assert dialog.confirm.accessibleDescription() == warning  # linked to "Type ERASE"


@pytest.mark.parametrize(("key", "kind"), [("n", "understanding"), ("l", "release")])
def test_an_access_key_presses_its_wizard_button(
    qtbot: QtBot, demo_vault: Vault, settings: Settings, key: str, kind: str
) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(demo_vault)
    window.show()
    wait_ops(qtbot)
    window.panel.table.selectRow(0)
    wait_ops(qtbot)
    activate(qtbot, window)
    button = window.workspace.buttons[kind]
    pressed: list[bool] = []
    button.clicked.disconnect()  # see the press without opening the wizard
    button.clicked.connect(lambda: pressed.append(True))
    qtbot.keyClick(
        window.focusWidget() or window,
        getattr(Qt.Key, f"Key_{key.upper()}"),
        Qt.KeyboardModifier.AltModifier,
    )
    qtbot.waitUntil(lambda: pressed == [True], timeout=3000)


def test_enter_in_the_directory_search_goes_on_to_the_entries(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(demo_vault)
    window.show()
    directory = window.open_directory()
    assert directory is not None
    wait_ops(qtbot)
    activate(qtbot, directory)
    assert directory.focusWidget() is directory.search
    qtbot.keyClick(directory.search, Qt.Key.Key_Return)
    assert directory.focusWidget() is directory.table.view
    assert directory.table.chosen_id() is not None
