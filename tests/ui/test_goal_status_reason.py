"""Changing a goal's status on the Action plan tab asks why and when, shows them, and undo puts
back what was there (P8, P13)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import action_plan
from engager_desktop.store.orm import Goal
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.forms.goal_dialog import GoalDialog
from tests.ui.edit_helpers import (
    CTRL,
    audit_actions,
    choose_data,
    open_workspace,
    press_enter_on,
    press_in_workspace,
    save_by_keyboard,
    tab,
)
from tests.ui.wizard_helpers import make_man, make_plan

pytestmark = pytest.mark.gui
SHIFT_CTRL = CTRL | Qt.KeyboardModifier.ShiftModifier


def _stored(vault: Vault, goal_id: str) -> tuple[object, ...]:
    with vault.read() as session:
        row = session.get(Goal, goal_id)
        assert row is not None
        return row.status, row.status_reason, row.status_changed_on


def test_dropping_a_goal_keeps_why_and_when_and_undo_reopens_it(
    qtbot: QtBot, vault: Vault, clock: object
) -> None:
    man = make_man(vault)
    goal_id, _steps = make_plan(vault, man)
    clock.advance(5 * 86400)  # type: ignore[attr-defined]
    ws = open_workspace(qtbot, vault, man)
    goals = tab(ws, "PlanTab").goals
    dialog = press_enter_on(qtbot, goals, 0)
    assert isinstance(dialog, GoalDialog)
    assert not dialog.reason.isEnabled() and not dialog.changed_on.isEnabled()  # still open
    choose_data(dialog.state, "dropped")
    assert dialog.reason.isEnabled() and dialog.changed_on.isEnabled()
    assert dialog.changed_on.date() == QDate(2026, 11, 7)  # today unless changed
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "His sister has a room for him now")
    dialog.changed_on.setDate(QDate(2026, 11, 6))
    dialog.grab().save("/tmp/living-data-goal-dialog.png")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible()

    assert _stored(vault, goal_id) == (
        "dropped",
        "His sister has a room for him now",
        date(2026, 11, 6),
    )
    assert "update" in audit_actions(vault, goal_id)
    cell = goals.model.row_at(0).cells[3]
    assert cell == "Dropped 6 Nov 2026\nHis sister has a room for him now"
    qtbot.wait(200)
    ws.grab().save("/tmp/living-data-plan-tab.png")

    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    assert _stored(vault, goal_id) == ("open", None, None)
    qtbot.waitUntil(lambda: goals.model.row_at(0).cells[3] == "Open")
    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, SHIFT_CTRL)
    assert _stored(vault, goal_id)[1] == "His sister has a room for him now"


def test_changing_only_why_keeps_the_day_and_undo_restores_the_old_reason(
    qtbot: QtBot, vault: Vault, clock: object
) -> None:
    man = make_man(vault)
    goal_id, _steps = make_plan(vault, man)
    action_plan.set_goal_status(vault, goal_id, "achieved", "Moved in", date(2026, 11, 2))
    clock.advance(3 * 86400)  # type: ignore[attr-defined]
    ws = open_workspace(qtbot, vault, man)
    goals = tab(ws, "PlanTab").goals
    dialog = press_enter_on(qtbot, goals, 0)
    assert dialog.changed_on.date() == QDate(2026, 11, 2)
    dialog.reason.setPlainText("Moved in with his sister")
    save_by_keyboard(qtbot, dialog)
    assert _stored(vault, goal_id) == ("achieved", "Moved in with his sister", date(2026, 11, 2))
    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    assert _stored(vault, goal_id) == ("achieved", "Moved in", date(2026, 11, 2))


def test_a_day_to_come_is_refused_beside_the_field(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    goal_id, _steps = make_plan(vault, man)
    ws = open_workspace(qtbot, vault, man)
    dialog = press_enter_on(qtbot, tab(ws, "PlanTab").goals, 0)
    choose_data(dialog.state, "achieved")
    dialog.changed_on.setDate(QDate(2026, 12, 1))
    save_by_keyboard(qtbot, dialog)
    assert dialog.isVisible() and "still to come" in dialog.error_text("status_changed_on")
    assert _stored(vault, goal_id) == ("open", None, None)
