"""The Action plan tab kept up in place: goals and steps changed from their rows, each change
saved through the services, audited, and undone with Ctrl+Z until he is closed."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import action_plan, people
from engager_desktop.store.orm import Participant
from engager_desktop.store.vault import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.forms.goal_dialog import GoalDialog
from engager_desktop.ui.forms.step_dialog import NEXT_SESSION, StepDialog
from tests.ui.app_fixtures import wait_ops
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
from tests.ui.wizard_helpers import make_man, make_plan

pytestmark = pytest.mark.gui
SHIFT_CTRL = CTRL | Qt.KeyboardModifier.ShiftModifier


def _goal(vault: Vault, man: str) -> action_plan.GoalView:
    (goal,) = action_plan.plan_for(vault, man).goals
    return goal


def test_a_goal_is_renamed_and_marked_achieved_from_its_row_then_undone(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    goal_id, _steps = make_plan(vault, man)
    ws = open_workspace(qtbot, vault, man)
    plan_tab = tab(ws, "PlanTab")
    dialog = press_enter_on(qtbot, plan_tab.goals, 0)
    assert isinstance(dialog, GoalDialog)
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "A flat of his own")
    choose_data(dialog.horizon, "long_term_maintenance")
    choose_data(dialog.state, "achieved")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible()

    goal = _goal(vault, man)
    assert (goal.title, goal.horizon, goal.status) == (
        "A flat of his own",
        "long_term_maintenance",
        "achieved",
    )
    assert audit_actions(vault, goal_id).count("update") >= 2
    assert plan_tab.goals.model.row_at(0).cells[0] == "A flat of his own"
    assert plan_tab.goals.model.row_at(0).cells[3].startswith("Achieved")

    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    goal = _goal(vault, man)
    assert (goal.title, goal.horizon, goal.status) == (
        "Somewhere to live on release",
        "short_term_recovery",
        "open",
    )
    qtbot.waitUntil(lambda: plan_tab.goals.model.row_at(0).cells[3] == "Open")
    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, SHIFT_CTRL)
    assert _goal(vault, man).status == "achieved"


def test_a_step_is_re_assigned_linked_re_dated_and_closed_from_its_row(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    _goal_id, (first, _second) = make_plan(vault, man)
    sister = people.add_person(vault, man, people.PersonForm("Grace", relationship="Sister"))
    ws = open_workspace(qtbot, vault, man)
    plan_tab = tab(ws, "PlanTab")
    assert plan_tab.steps.model.row_at(0).cells[:2] == (
        "Fill in the housing form",
        "Mr Okafor\nHe does it",
    )
    plan_tab.steps.choose_row(0)
    rect = plan_tab.steps.view.visualRect(plan_tab.steps.view.currentIndex())
    double_click(qtbot, plan_tab.steps.view.viewport(), rect.center())
    dialog = ws.tab_actions.dialogs[-1]
    assert isinstance(dialog, StepDialog)
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    dialog.who.selectAll()
    qtbot.keyClicks(dialog.who, "Grace")
    choose_data(dialog.kind, "family_or_peers")
    choose_data(dialog.link, sister)
    choose_data(dialog.when, NEXT_SESSION)
    assert not dialog.due.isEnabled()
    choose_data(dialog.state, "done")
    qtbot.keyClicks(dialog.happened, "Grace helped him fill it in")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()

    step = next(s for s in _goal(vault, man).steps if s.id == first)
    assert (step.responsible, step.resource_kind, step.support_person_id) == (
        "Grace",
        "family_or_peers",
        sister,
    )
    assert step.before_next_session and step.due_on is None
    assert (step.status, step.what_happened, step.closed_on) == (
        "done",
        "Grace helped him fill it in",
        date(2026, 11, 2),
    )
    assert "update" in audit_actions(vault, first)
    row = next(
        plan_tab.steps.model.row_at(n)
        for n in range(plan_tab.steps.model.rowCount())
        if plan_tab.steps.model.row_at(n).id == first
    )
    assert row.cells[1:4] == ("Grace\nFamily or peers", "Before next session", "Done")

    ws.history.undo_action.trigger()
    wait_ops(qtbot)
    step = next(s for s in _goal(vault, man).steps if s.id == first)
    assert (step.responsible, step.status, step.due_on) == ("Mr Okafor", "open", date(2026, 11, 5))
    assert (step.support_person_id, step.what_happened, step.closed_on) == (None, None, None)


def test_what_happened_is_never_emptied_silently(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    _goal_id, (first, _second) = make_plan(vault, man)
    action_plan.set_step_status(vault, first, "not_done", "The office was shut")
    ws = open_workspace(qtbot, vault, man)
    dialog = press_enter_on(qtbot, tab(ws, "PlanTab").steps, 0)
    dialog.happened.clear()
    save_by_keyboard(qtbot, dialog)
    assert dialog.isVisible() and "not emptied" in dialog.error_text("what_happened")
    assert _goal(vault, man).steps[0].what_happened == "The office was shut"


def test_a_refused_step_change_is_shown_beside_the_field_and_nothing_is_saved(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    make_plan(vault, man)
    ws = open_workspace(qtbot, vault, man)
    plan_tab = tab(ws, "PlanTab")
    plan_tab.steps.choose_row(0)
    plan_tab.buttons["edit_step"].click()
    wait_ops(qtbot)
    dialog = ws.tab_actions.dialogs[-1]
    choose_data(dialog.kind, "him")
    services = [dialog.link.itemData(n) for n in range(dialog.link.count())]
    person = people.add_person(vault, man, people.PersonForm("Tom"))
    assert person not in services  # listed when the form opened, not before
    dialog.who.clear()
    save_by_keyboard(qtbot, dialog)
    assert dialog.isVisible()
    assert "needs filling in" in dialog.error_text("who_is_responsible").lower()
    assert ws.history.stack.count() == 0
    assert [s.responsible for s in _goal(vault, man).steps] == ["Mr Okafor", "Practitioner"]


def test_undo_is_forgotten_when_another_man_is_shown_or_the_vault_locks(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    make_plan(vault, man)
    other = make_man(vault, prison_number="A1234BC")
    ws = open_workspace(qtbot, vault, man)
    dialog = press_enter_on(qtbot, tab(ws, "PlanTab").goals, 0)
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "A room")
    save_by_keyboard(qtbot, dialog)
    assert ws.history.stack.canUndo()
    ws.show_man(man)  # the same man again: kept
    wait_ops(qtbot)
    assert ws.history.stack.canUndo()
    ws.show_man(other)
    wait_ops(qtbot)
    assert not ws.history.stack.canUndo()
    assert _goal(vault, man).title == "A room"
    ws.show_man(man)
    wait_ops(qtbot)
    ws.set_vault(None)
    assert not ws.history.stack.canUndo()


def test_undo_is_forgotten_once_his_work_is_closed(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    make_plan(vault, man)
    ws = open_workspace(qtbot, vault, man)
    dialog = press_enter_on(qtbot, tab(ws, "PlanTab").goals, 0)
    choose_data(dialog.state, "achieved")
    save_by_keyboard(qtbot, dialog)
    assert ws.history.stack.canUndo()
    with vault.write() as session:  # closed elsewhere (the phase form is tested on its own)
        row = session.get(Participant, man)
        assert row is not None
        row.phase = "closed"
    ws.reload()
    wait_ops(qtbot)
    assert not ws.history.stack.canUndo()
    assert _goal(vault, man).status == "achieved"


def test_undo_works_again_after_a_lock_cut_an_undo_short(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    make_plan(vault, man)
    ws = open_workspace(qtbot, vault, man)
    ws.history.run(lambda: time.sleep(0.2))  # an undo still running when the vault locks
    ops.cancel_all()
    ws.clear()
    ws.set_vault(None)
    wait_ops(qtbot)
    ws.set_vault(vault)
    ws.show_man(man)
    wait_ops(qtbot)
    dialog = press_enter_on(qtbot, tab(ws, "PlanTab").goals, 0)
    choose_data(dialog.state, "dropped")
    save_by_keyboard(qtbot, dialog)
    ws.history.undo_action.trigger()
    wait_ops(qtbot)
    assert _goal(vault, man).status == "open"


def test_a_goal_and_a_step_are_added_on_the_plan_tab_and_undone(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    plan_tab = tab(ws := open_workspace(qtbot, vault, man), "PlanTab")
    plan_tab.buttons["add_step"].click()
    assert "Add a goal first" in ws.sub_label.text()
    plan_tab.buttons["add_goal"].click()
    dialog = ws.tab_actions.dialogs[-1]
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    qtbot.keyClicks(dialog.title, "Back in touch with his son")
    choose_data(dialog.domain, "family_and_relationships")
    save_by_keyboard(qtbot, dialog)
    goal = _goal(vault, man)
    assert (goal.title, goal.domain, goal.status) == (
        "Back in touch with his son",
        "family_and_relationships",
        "open",
    )
    plan_tab.buttons["add_step"].click()
    wait_ops(qtbot)
    dialog = ws.tab_actions.dialogs[-1]
    assert isinstance(dialog, StepDialog) and dialog.windowTitle() == "Add a step"
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    assert dialog.goal.currentData() == goal.id and not dialog.state.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.what, "Write a card for his birthday")
    qtbot.keyClicks(dialog.who, "Mr Okafor")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    (step,) = _goal(vault, man).steps
    assert (step.what, step.resource_kind, step.before_next_session) == (
        "Write a card for his birthday",
        "him",
        True,
    )
    assert "create" in audit_actions(vault, step.id)
    ws.history.undo_action.trigger()  # the step goes
    wait_ops(qtbot)
    assert _goal(vault, man).steps == ()
    ws.history.redo_action.trigger()  # and comes back (as a new record: sync never revives one)
    wait_ops(qtbot)
    assert [s.what for s in _goal(vault, man).steps] == ["Write a card for his birthday"]
    ws.history.undo_action.trigger()
    ws.history.undo_action.trigger()  # the goal goes too
    wait_ops(qtbot)
    assert action_plan.plan_for(vault, man).goals == ()


def test_the_cursor_stays_on_the_row_changed_so_enter_opens_it_again(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    _goal_id, (_first, second) = make_plan(vault, man)
    ws = open_workspace(qtbot, vault, man)
    steps = tab(ws, "PlanTab").steps
    dialog = press_enter_on(qtbot, steps, 1)
    qtbot.keyClick(dialog.what, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(dialog.what, " today")
    save_by_keyboard(qtbot, dialog)
    assert steps.chosen_id() == second
    steps.view.setFocus()
    qtbot.keyClick(steps.view, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert ws.tab_actions.dialogs[-1].step.what == "Ring the council today"


def test_escape_leaves_the_goal_as_it_was_and_a_bad_date_is_refused_beside_it(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    make_plan(vault, man)  # a step is due on 5 Nov 2026
    ws = open_workspace(qtbot, vault, man)
    goals = tab(ws, "PlanTab").goals
    dialog = press_enter_on(qtbot, goals, 0)
    qtbot.keyClicks(dialog.title, " soon")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait_ops(qtbot)
    assert not dialog.isVisible() and _goal(vault, man).title == "Somewhere to live on release"
    assert not ws.history.stack.canUndo()
    dialog = press_enter_on(qtbot, goals, 0)
    dialog.set_on.setDate(QDate(2026, 11, 6))  # after the step's due date
    save_by_keyboard(qtbot, dialog)
    assert dialog.isVisible() and dialog.error_text("set_on")
    assert _goal(vault, man).set_on == date(2026, 11, 2)
