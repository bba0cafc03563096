"""The session and action-plan review wizard, driven end to end (mouse and keyboard alone)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from engager_desktop.services import action_plan, session_review
from engager_desktop.services.meetings import local_time
from engager_desktop.store.vault import Vault
from tests.ui.wizard_helpers import (
    button,
    click,
    current_problems,
    field,
    finish,
    focused,
    make_man,
    make_plan,
    next_page,
    open_wizard,
    page,
    press,
    tab_to,
    type_in,
)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def test_review_by_mouse_records_session_steps_and_next_time(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    goal, (first, second) = make_plan(vault, man)
    wizard = open_wizard(qtbot, "review", vault, man)
    assert "Mr Okafor" in wizard.windowTitle()
    type_in(qtbot, field(wizard, "session_time"), "10:30")
    qtbot.keyClicks(field(wizard, "attended").widget, "Yes")
    next_page(qtbot, wizard, "distress")
    type_in(qtbot, field(wizard, "distress"), "6")
    type_in(qtbot, field(wizard, "distress_note"), "Worried about housing")
    next_page(qtbot, wizard, "steps")
    steps = page(wizard, "steps").lists["step_outcomes"]
    assert len(steps.rows) == 2
    qtbot.keyClicks(steps.field(0, "outcome").widget, "Done")
    qtbot.keyClicks(steps.field(1, "outcome").widget, "Not")
    click(qtbot, button(wizard, QWizard.WizardButton.NextButton))  # refused: needs a why
    assert wizard.currentId() == wizard.page_ids["steps"]
    assert "why" in " ".join(current_problems(wizard)).lower()
    type_in(qtbot, steps.field(1, "why"), "The council line was always busy")
    next_page(qtbot, wizard, "new_steps")
    new = page(wizard, "new_steps").lists["new_steps"]
    assert new.add_button is not None
    click(qtbot, new.add_button)
    type_in(qtbot, new.field(0, "what"), "Ask the housing officer for a date")
    qtbot.keyClicks(new.field(0, "resource_kind").widget, "Another")
    type_in(qtbot, new.field(0, "responsible"), "Housing officer")
    type_in(qtbot, new.field(0, "due_on"), "20/11/2026")
    next_page(qtbot, wizard, "next_session")
    type_in(qtbot, field(wizard, "notes"), "Went over the plan together.")
    type_in(qtbot, field(wizard, "next_date"), "09/11/2026")
    type_in(qtbot, field(wizard, "next_time"), "14:00")
    finish(qtbot, wizard)

    plan = action_plan.plan_for(vault, man)
    steps_now = {s.id: s for g in plan.goals for s in g.steps}
    assert steps_now[first].status == "done"
    assert steps_now[second].status == "open"  # not done, kept open for next time
    added = [s for s in steps_now.values() if s.what == "Ask the housing officer for a date"]
    assert added and added[0].resource_kind == "other_professional"
    assert added[0].due_on == date(2026, 11, 20) and added[0].goal_id == goal
    again = session_review.prepare_review(vault, man)
    assert again.last_distress is not None and again.last_distress.score == 6
    assert again.last_distress.note == "Worried about housing"
    assert again.planned is not None
    when = local_time(again.planned.starts_at)
    assert (when.date(), when.hour, when.minute) == (date(2026, 11, 9), 14, 0)


def test_review_completed_by_keyboard_alone(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    _goal, (first, second) = make_plan(vault, man)
    wizard = open_wizard(qtbot, "review", vault, man)
    next_button = button(wizard, QWizard.WizardButton.NextButton)

    tab_to(qtbot, field(wizard, "session_time").widget)
    qtbot.keyClicks(focused(), "11:00")
    tab_to(qtbot, field(wizard, "attended").widget)
    press(qtbot, Qt.Key.Key_Down)  # "Yes, we met"
    tab_to(qtbot, next_button)
    press(qtbot, Qt.Key.Key_Space)
    assert wizard.currentId() == wizard.page_ids["distress"]

    tab_to(qtbot, field(wizard, "distress").widget)
    qtbot.keyClicks(focused(), "3")
    tab_to(qtbot, next_button)
    press(qtbot, Qt.Key.Key_Space)
    steps = page(wizard, "steps").lists["step_outcomes"]
    for index in range(2):
        tab_to(qtbot, steps.field(index, "outcome").widget)
        press(qtbot, Qt.Key.Key_Down)  # "Done"
    tab_to(qtbot, next_button)
    press(qtbot, Qt.Key.Key_Space)

    rows = page(wizard, "new_steps").lists["new_steps"]
    assert rows.add_button is not None
    tab_to(qtbot, rows.add_button)
    press(qtbot, Qt.Key.Key_Space)
    assert focused() is rows.field(0, "goal_id").widget  # the new row takes the focus
    tab_to(qtbot, rows.field(0, "what").widget)
    qtbot.keyClicks(focused(), "Read two chapters")
    press(qtbot, Qt.Key.Key_Tab)  # Tab leaves a text box, it does not type a tab
    assert focused() is rows.field(0, "resource_kind").widget
    press(qtbot, Qt.Key.Key_Down)  # "Him"
    tab_to(qtbot, rows.field(0, "responsible").widget)
    qtbot.keyClicks(focused(), "Mr Okafor")
    tab_to(qtbot, rows.field(0, "before_next_session").widget)
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, next_button)
    press(qtbot, Qt.Key.Key_Space)

    tab_to(qtbot, field(wizard, "next_date").widget)
    qtbot.keyClicks(focused(), "16/11/2026")
    finish_button = button(wizard, QWizard.WizardButton.FinishButton)
    tab_to(qtbot, finish_button)
    with qtbot.waitSignal(wizard.committed, timeout=10_000):
        press(qtbot, Qt.Key.Key_Space)

    plan = action_plan.plan_for(vault, man)
    status = {s.id: s.status for g in plan.goals for s in g.steps}
    assert status[first] == status[second] == "done"
    read = [s for g in plan.goals for s in g.steps if s.what == "Read two chapters"]
    assert read and read[0].resource_kind == "him" and read[0].before_next_session
    assert session_review.prepare_review(vault, man).last_distress.score == 3  # type: ignore[union-attr]


def test_a_missed_session_skips_to_new_steps_and_needs_a_follow_up(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    make_plan(vault, man)
    wizard = open_wizard(qtbot, "review", vault, man)
    qtbot.keyClicks(field(wizard, "attended").widget, "No")
    click(qtbot, button(wizard, QWizard.WizardButton.NextButton))  # refused: no follow-up yet
    assert wizard.currentId() == wizard.page_ids["attendance"]
    assert field(wizard, "follow_up").error.isVisible()
    type_in(qtbot, field(wizard, "follow_up"), "Rang the wing; he had a visit.")
    next_page(qtbot, wizard, "new_steps")  # no rating, no step review when he missed it
    next_page(qtbot, wizard, "next_session")
    finish(qtbot, wizard)
    draft = session_review.prepare_review(vault, man)
    assert len(draft.open_steps) == 2 and draft.last_distress is None


def test_a_bad_date_and_over_long_text_are_shown_beside_their_fields(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    date_field = field(wizard, "session_date")
    date_field.widget.selectAll()  # type: ignore[attr-defined]
    type_in(qtbot, date_field, "31/02/2026")
    qtbot.keyClicks(field(wizard, "attended").widget, "No")
    type_in(qtbot, field(wizard, "follow_up"), "Ring him")
    type_in(qtbot, field(wizard, "location"), "x" * 201)
    assert "too long" in field(wizard, "location").error.text()  # said at once, while typing
    next_page_blocked = wizard.currentId()
    click(qtbot, button(wizard, QWizard.WizardButton.NextButton))
    assert wizard.currentId() == next_page_blocked
    assert "no such date" in date_field.error.text().lower()
    assert date_field.error.isVisible()


def test_a_step_removed_elsewhere_is_reported_beside_the_steps(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    _goal, (first, _second) = make_plan(vault, man)
    wizard = open_wizard(qtbot, "review", vault, man)
    qtbot.keyClicks(field(wizard, "attended").widget, "Yes")
    next_page(qtbot, wizard, "distress")
    next_page(qtbot, wizard, "steps")
    steps = page(wizard, "steps").lists["step_outcomes"]
    for index in range(2):
        qtbot.keyClicks(steps.field(index, "outcome").widget, "Done")
    next_page(qtbot, wizard, "new_steps")
    next_page(qtbot, wizard, "next_session")
    action_plan.remove_step(vault, first)  # someone else removes it meanwhile
    click(qtbot, button(wizard, QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.page_ids["steps"], timeout=5000)
    problems = " ".join(current_problems(wizard))
    assert "not in his plan" in problems
    assert wizard.isVisible()  # nothing lost, no traceback: he can put it right
    assert len(session_review.prepare_review(vault, man).open_steps) == 1
