"""The Shared understanding tab's lists changed in place: a problem (and the goal it became),
a strength and a quick win, each from its row, audited and undone with Ctrl+Z."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import action_plan
from engager_desktop.services import understanding as u
from engager_desktop.services.understanding_forms import (
    PriorityProblemForm,
    QuickWinForm,
    StrengthForm,
)
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.forms.understanding_item_dialog import ItemDialog
from tests.ui.edit_helpers import (
    CTRL,
    audit_actions,
    choose_data,
    double_click,
    open_workspace,
    press_enter_on,
    press_in_workspace,
    save_by_keyboard,
    tab,
)
from tests.ui.wizard_helpers import make_man

pytestmark = pytest.mark.gui


def test_a_problem_in_his_plan_changes_its_goal_too_and_undo_puts_both_back(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    goal = action_plan.add_goal(
        vault, man, action_plan.GoalInput("A flat", "short_term_recovery", "housing", "No home")
    )
    problem = u.add_item(vault, man, PriorityProblemForm("No home", "A flat", goal)).id
    ws = open_workspace(qtbot, vault, man)
    understanding = tab(ws, "UnderstandingTab")
    dialog = press_enter_on(qtbot, understanding.problems, 0)
    assert isinstance(dialog, ItemDialog) and "A flat" in dialog.intro.text()
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    dialog.as_goal.selectAll()
    qtbot.keyClicks(dialog.as_goal, "A room near his sister")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    (item,) = u.load_understanding(vault, man).priority_problems
    assert item.as_goal_or_need == "A room near his sister"
    (changed,) = action_plan.plan_for(vault, man).goals
    assert (changed.title, changed.horizon, changed.domain) == (
        "A room near his sister",
        "short_term_recovery",
        "housing",
    )
    assert "update" in audit_actions(vault, problem) and "update" in audit_actions(vault, goal)
    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    assert u.load_understanding(vault, man).priority_problems[0].as_goal_or_need == "A flat"
    assert action_plan.plan_for(vault, man).goals[0].title == "A flat"


def test_a_strength_and_a_quick_win_changed_from_their_rows(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    u.add_item(vault, man, StrengthForm("Cooking"))
    win = u.add_item(vault, man, QuickWinForm("Library card")).id
    ws = open_workspace(qtbot, vault, man)
    understanding = tab(ws, "UnderstandingTab")
    dialog = press_enter_on(qtbot, understanding.strengths, 0)
    choose_data(dialog.kind, "wants")
    save_by_keyboard(qtbot, dialog)
    assert [s.kind for s in u.load_understanding(vault, man).strengths] == ["wants"]

    wins = understanding.quick_wins
    wins.choose_row(0)
    double_click(
        qtbot, wins.view.viewport(), wins.view.visualRect(wins.view.currentIndex()).center()
    )
    dialog = ws.tab_actions.dialogs[-1]
    assert isinstance(dialog, ItemDialog) and not dialog.day.isEnabled()
    dialog.achieved.setFocus()
    qtbot.keyClick(dialog.achieved, Qt.Key.Key_Space)
    assert dialog.day.isEnabled()
    save_by_keyboard(qtbot, dialog)
    (got,) = u.load_understanding(vault, man).quick_wins
    assert (got.id, got.achieved_on) == (win, date(2026, 11, 2))
    assert wins.model.row_at(0).cells[2] == "2 Nov 2026"
    assert ws.history.stack.count() == 2
