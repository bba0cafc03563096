"""Shared steps for the edit-in-place tests: a workspace on one man, rows opened, audit read."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault
from engager_desktop.ui.workspace.workspace import Workspace
from tests.ui.app_fixtures import wait_ops

CTRL = Qt.KeyboardModifier.ControlModifier


def open_workspace(qtbot: QtBot, vault: Vault, man_id: str) -> Workspace:
    ws = Workspace()
    qtbot.addWidget(ws)
    ws.resize(1024, 768)
    ws.set_vault(vault)
    ws.show()
    qtbot.waitExposed(ws)
    ws.show_man(man_id)
    wait_ops(qtbot)
    assert ws.data is not None
    return ws


def tab(ws: Workspace, name: str) -> Any:
    found = next(t for t in ws.tabs if type(t).__name__ == name)
    ws.set_current_tab(ws.tabs.index(found))
    return found


def press_enter_on(qtbot: QtBot, table: Any, row: int) -> Any:
    """Put the cursor on ``row`` of a tab's table and press Enter; the dialog that opened."""
    table.choose_row(row)
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_Return)
    wait_ops(qtbot)
    return latest_dialog(table)


def latest_dialog(widget: Any) -> Any:
    ws = widget
    while ws is not None and not isinstance(ws, Workspace):
        ws = ws.parentWidget()
    assert ws is not None and ws.tab_actions.dialogs, "no dialog opened"
    return ws.tab_actions.dialogs[-1]


def save_by_keyboard(qtbot: QtBot, dialog: Any) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    qtbot.keyClick(dialog, Qt.Key.Key_S, CTRL)
    wait_ops(qtbot)


def choose_data(box: Any, data: Any) -> None:
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)


def audit_actions(vault: Vault, record_id: str) -> list[str]:
    with vault.read() as session:
        return list(
            session.scalars(select(AuditEvent.action).where(AuditEvent.record_id == record_id))
        )


def press_in_workspace(qtbot: QtBot, ws: Workspace, key: Any, modifiers: Any) -> None:
    """A key press in the workspace window, made active first (as after closing a dialog)."""
    ws.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ws, timeout=3000)
    target = QApplication.focusWidget() or ws
    qtbot.keyClick(target, key, modifiers)
    wait_ops(qtbot)


def double_click(qtbot: QtBot, widget: Any, pos: Any) -> None:
    """A double click as a hand makes it (QTest's alone is not seen as one by item views)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    wait_ops(qtbot)
