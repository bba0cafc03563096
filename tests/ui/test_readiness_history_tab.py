"""The Shared understanding tab shows his readiness over time (P9); changing it there adds to the
history and Ctrl+Z takes the change back out of it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import understanding as u
from engager_desktop.services.understanding_forms import ReadinessForm
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.forms.parts_dialog import PartsDialog
from tests.ui.edit_helpers import (
    CTRL,
    choose_data,
    open_workspace,
    press_in_workspace,
    save_by_keyboard,
    tab,
)
from tests.ui.wizard_helpers import make_man

pytestmark = pytest.mark.gui
DAY = 86400


def test_readiness_changed_on_the_tab_joins_its_history_and_undo_takes_it_out(
    qtbot: QtBot, vault: Vault, clock: object
) -> None:
    man = make_man(vault)
    u.save_readiness(vault, man, ReadinessForm("not_yet", "Wants to keep his head down"))
    clock.advance(9 * DAY)  # type: ignore[attr-defined]
    ws = open_workspace(qtbot, vault, man)
    page = tab(ws, "UnderstandingTab")
    assert [page.readiness_history.model.row_at(0).cells] == [
        ("2 Nov 2026", "Not ready yet", "Wants to keep his head down")
    ]
    page.buttons["edit_readiness"].click()
    dialog = ws.tab_actions.dialogs[-1]
    assert isinstance(dialog, PartsDialog)
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    choose_data(dialog.parts["readiness"], "thinking_about_it")
    dialog.parts["readiness_note"].setPlainText("Asked about the college course")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()

    history = u.load_understanding(vault, man).readiness_history
    assert [(r.rated_on, r.readiness, r.note) for r in history] == [
        (date(2026, 11, 2), "not_yet", "Wants to keep his head down"),
        (date(2026, 11, 11), "thinking_about_it", "Asked about the college course"),
    ]
    qtbot.waitUntil(lambda: page.readiness_history.model.rowCount() == 2)
    assert tuple(page.readiness_history.model.row_at(0).cells) == (
        "11 Nov 2026",
        "Thinking about it",
        "Asked about the college course",
    )  # newest first
    qtbot.wait(200)
    ws.grab().save("/tmp/living-data-understanding-tab.png")
    page.readiness_history.grab().save("/tmp/living-data-readiness-table.png")

    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    history = u.load_understanding(vault, man).readiness_history
    assert [r.readiness for r in history] == ["not_yet"]
    assert u.load_understanding(vault, man).readiness.readiness == "not_yet"
    qtbot.waitUntil(lambda: page.readiness_history.model.rowCount() == 1)
