"""Every focusable input of every screen has an accessible name (its label's words)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.ui.a11y import describe, label_for, unnamed_inputs
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.new_man_dialog import NewManDialog
from engager_desktop.ui.settings import Settings, SettingsDialog
from engager_desktop.ui.unlock_window import UnlockWindow
from tests.ui.app_fixtures import demo_path, demo_template, demo_vault, settings, wait_ops

__all__ = ["demo_path", "demo_template", "demo_vault", "settings"]


def assert_all_named(widget: QWidget) -> None:
    missing = [describe(w) for w in unnamed_inputs(widget)]
    assert missing == [], f"inputs without an accessible name: {missing}"


def test_the_check_finds_an_unnamed_input(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    named = QLineEdit(holder)
    label_for("&Given name:", named)
    assert named.accessibleName() == "Given name"
    QLineEdit(holder)
    assert len(unnamed_inputs(holder)) == 1


def test_unlock_window_pages(qtbot: QtBot, tmp_path: Path, options: VaultOptions) -> None:
    window = UnlockWindow(tmp_path / "vault", options)
    qtbot.addWidget(window)
    window.show()
    assert_all_named(window)  # every page is a child of the window, shown or not


def test_main_window_every_tab(qtbot: QtBot, demo_vault: Vault, settings: Settings) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(demo_vault)
    window.show()
    wait_ops(qtbot)
    window.panel.table.selectRow(0)
    wait_ops(qtbot)
    for index in range(len(window.workspace.tabs)):
        window.workspace.set_current_tab(index)
        assert_all_named(window)
    directory = window.open_directory()
    supervision = window.open_supervision()
    wait_ops(qtbot)
    assert directory is not None and supervision is not None
    assert_all_named(directory)
    assert_all_named(supervision)
    for dialog in (NewManDialog(demo_vault, window), SettingsDialog(settings, window)):
        assert_all_named(dialog)  # the window owns the dialogs and deletes them


def test_tab_order_follows_reading_order(
    qtbot: QtBot, tmp_path: Path, options: VaultOptions
) -> None:
    window = UnlockWindow(tmp_path / "vault", options)
    qtbot.addWidget(window)
    window.show()
    window._go(0)
    page = window.unlock_page
    order = [page.folder.edit, page.folder.choose, page.passphrase, page.show_box]
    for before, after in zip(order, order[1:], strict=False):
        assert before.nextInFocusChain() is after or _next_focusable(before) is after


def _next_focusable(widget: QWidget) -> QWidget:
    from PySide6.QtCore import Qt

    nxt = widget.nextInFocusChain()
    while not (nxt.focusPolicy() & Qt.FocusPolicy.TabFocus) or not nxt.isVisible():
        nxt = nxt.nextInFocusChain()
    return nxt
