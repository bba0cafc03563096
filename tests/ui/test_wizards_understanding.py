"""The shared understanding wizard, driven end to end and checked through the services."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.services import action_plan
from engager_desktop.services.understanding import load_understanding
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault
from engager_desktop.ui.wizards.base import EngagerWizard
from tests.ui.wizard_helpers import (
    button,
    click,
    current_problems,
    field,
    finish,
    make_man,
    next_page,
    open_wizard,
    page,
    type_in,
)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def _add_row(qtbot: QtBot, wizard: EngagerWizard, name: str, key: str) -> int:
    rows = page(wizard, name).lists[key]
    assert rows.add_button is not None
    click(qtbot, rows.add_button)
    return len(rows.rows) - 1


def _row(wizard: EngagerWizard, name: str, key: str, index: int, part: str):  # noqa: ANN202
    found = page(wizard, name).lists[key].field(index, part)
    assert found is not None
    return found


def test_first_meetings_recorded_page_by_page(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    w = open_wizard(qtbot, "understanding", vault, man)
    type_in(qtbot, field(w, "existing_assessments"), "Care plan from in-reach")
    i = _add_row(qtbot, w, "background", "service_contacts")
    type_in(qtbot, _row(w, "background", "service_contacts", i, "service_name"), "Drug team")
    click(qtbot, _row(w, "background", "service_contacts", i, "still_involved").widget)
    next_page(qtbot, w, "identity")
    type_in(qtbot, field(w, "faith"), "Muslim, not practising")
    next_page(qtbot, w, "family")
    labels = page(w, "family").findChildren(QLabel)
    assert any("Before any family work" in label.text() for label in labels)
    qtbot.keyClicks(field(w, "relationship_work").widget, "Rep")
    click(qtbot, button(w, QWizard.WizardButton.NextButton))  # refused: notes not checked yet
    assert "restrictions" in " ".join(current_problems(w))
    type_in(qtbot, field(w, "restrictions_checked_on"), "01/11/2026")
    type_in(qtbot, field(w, "contact_restrictions"), "No contact with his ex-partner")
    next_page(qtbot, w, "life_story")
    type_in(qtbot, field(w, "life_story"), "Grew up in Cardiff; worked on building sites")
    next_page(qtbot, w, "trauma")
    assert field(w, "trauma").label is not None
    assert "sensitive" in field(w, "trauma").label.text()  # type: ignore[union-attr]
    type_in(qtbot, field(w, "trauma"), "Lost his brother young")
    next_page(qtbot, w, "needs")
    type_in(qtbot, field(w, "substance_use"), "Cannabis most days")
    next_page(qtbot, w, "goals")
    i = _add_row(qtbot, w, "goals", "priority_problems")
    type_in(qtbot, _row(w, "goals", "priority_problems", i, "his_words"), "Nowhere to live")
    type_in(qtbot, _row(w, "goals", "priority_problems", i, "as_goal_or_need"), "A place to live")
    qtbot.keyClicks(field(w, "readiness").widget, "Ready")
    next_page(qtbot, w, "links_map")
    i = _add_row(qtbot, w, "links_map", "links_map")
    type_in(qtbot, _row(w, "links_map", "links_map", i, "situation"), "Cell search")
    type_in(qtbot, _row(w, "links_map", "links_map", i, "feelings"), "Angry")
    next_page(qtbot, w, "strengths")
    i = _add_row(qtbot, w, "strengths", "strengths")
    type_in(qtbot, _row(w, "strengths", "strengths", i, "text"), "Good with his hands")
    next_page(qtbot, w, "expectations")
    assert field(w, "preferred_name").value() == "Mr Okafor"  # already recorded: not typed again
    choose = [b for b in page(w, "expectations").findChildren(QPushButton) if "Daniel" in b.text()]
    click(qtbot, choose[0])
    click(qtbot, field(w, "told_sentence_unaffected").widget)
    next_page(qtbot, w, "quick_wins")
    i = _add_row(qtbot, w, "quick_wins", "quick_wins")
    type_in(qtbot, _row(w, "quick_wins", "quick_wins", i, "text"), "A library card")
    next_page(qtbot, w, "pledge")
    qtbot.keyClicks(field(w, "pledge_wanted").widget, "Yes")
    type_in(qtbot, field(w, "his_commitments"), "Turn up on time")
    finish(qtbot, w)

    got = load_understanding(vault, man)
    assert (
        got.identity.preferred_name == "Daniel" and got.identity.faith == "Muslim, not practising"
    )
    assert got.background.existing_assessments == "Care plan from in-reach"
    assert got.background.told_sentence_unaffected is True
    assert got.family.relationship_work == "repair"
    assert got.family.restrictions_checked_on == date(2026, 11, 1)
    assert got.family.contact_restrictions == "No contact with his ex-partner"
    assert got.life_story.trauma == "Lost his brother young"
    assert got.life_story.substance_use == "Cannabis most days"
    assert got.readiness.readiness == "ready"
    assert [(r.rated_on, r.readiness) for r in got.readiness_history] == [
        (date(2026, 11, 2), "ready")
    ]  # P9: kept in its dated history too
    assert [s.service_name for s in got.service_contacts] == ["Drug team"]
    assert got.service_contacts[0].still_involved
    assert [(p.his_words, p.as_goal_or_need) for p in got.priority_problems] == [
        ("Nowhere to live", "A place to live")
    ]
    goals = action_plan.plan_for(vault, man).goals
    assert [(g.title, g.id) for g in goals] == [
        ("A place to live", got.priority_problems[0].goal_id)
    ]
    assert got.links_map[0].situation == "Cell search" and got.links_map[0].feelings == "Angry"
    assert [s.text for s in got.strengths_has] == ["Good with his hands"]
    assert [q.text for q in got.quick_wins] == ["A library card"]
    assert got.pledge.wanted is True and got.pledge.his_commitments == "Turn up on time"


def test_reopening_shows_what_is_recorded_and_changes_nothing_untouched(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    first = open_wizard(qtbot, "understanding", vault, man)
    type_in(qtbot, field(first, "gender"), "Male")
    i = _add_row(qtbot, first, "background", "service_contacts")
    type_in(qtbot, _row(first, "background", "service_contacts", i, "service_name"), "GP")
    while first.nextId() != -1:
        next_page(qtbot, first)
    finish(qtbot, first)
    head = vault.audit_head()

    again = open_wizard(qtbot, "understanding", vault, man)
    assert field(again, "gender").value() == "Male"
    assert page(again, "background").lists["service_contacts"].value()[0]["service_name"] == "GP"
    assert not again.isWindowModified()
    while again.nextId() != -1:
        next_page(qtbot, again)
    finish(qtbot, again)
    assert vault.audit_head() == head  # nothing rewritten, nothing added twice
    assert len(load_understanding(vault, man).service_contacts) == 1


def test_a_refusal_half_way_keeps_what_was_saved_and_adds_nothing_twice(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    w = open_wizard(qtbot, "understanding", vault, man)
    i = _add_row(qtbot, w, "background", "service_contacts")
    type_in(qtbot, _row(w, "background", "service_contacts", i, "service_name"), "Job centre")
    while w.currentId() != w.page_ids["quick_wins"]:
        next_page(qtbot, w)
    i = _add_row(qtbot, w, "quick_wins", "quick_wins")
    type_in(qtbot, _row(w, "quick_wins", "quick_wins", i, "text"), "Phone his sister")
    achieved = _row(w, "quick_wins", "quick_wins", i, "achieved_on")
    type_in(qtbot, achieved, "01/01/2027")  # in the future: the service refuses it
    next_page(qtbot, w, "pledge")
    click(qtbot, button(w, QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: w.currentId() == w.page_ids["quick_wins"], timeout=5000)
    achieved = _row(w, "quick_wins", "quick_wins", 0, "achieved_on")
    qtbot.waitUntil(lambda: "future" in achieved.error.text())
    achieved.widget.clear()  # type: ignore[attr-defined]
    type_in(qtbot, achieved, "01/11/2026")
    next_page(qtbot, w, "pledge")
    finish(qtbot, w)
    got = load_understanding(vault, man)
    assert [s.service_name for s in got.service_contacts] == ["Job centre"]
    assert [(q.text, q.achieved_on) for q in got.quick_wins] == [
        ("Phone his sister", date(2026, 11, 1))
    ]


def test_changing_a_goal_already_in_his_plan_changes_the_goal(qtbot: QtBot, vault: Vault) -> None:
    """Issue 14: a new wording, kind or area for a goal in his plan was silently dropped."""
    man = make_man(vault)
    first = open_wizard(qtbot, "understanding", vault, man)
    while first.currentId() != first.page_ids["goals"]:
        next_page(qtbot, first)
    i = _add_row(qtbot, first, "goals", "priority_problems")
    type_in(qtbot, _row(first, "goals", "priority_problems", i, "his_words"), "Nowhere to live")
    type_in(qtbot, _row(first, "goals", "priority_problems", i, "as_goal_or_need"), "A flat")
    while first.nextId() != -1:
        next_page(qtbot, first)
    finish(qtbot, first)
    (goal,) = action_plan.plan_for(vault, man).goals
    assert (goal.title, goal.horizon, goal.domain) == ("A flat", "short_term_recovery", "housing")

    again = open_wizard(qtbot, "understanding", vault, man)
    while again.currentId() != again.page_ids["goals"]:
        next_page(qtbot, again)
    wording = _row(again, "goals", "priority_problems", 0, "as_goal_or_need")
    wording.widget.clear()  # type: ignore[attr-defined]
    type_in(qtbot, wording, "A room in a shared house")
    for part in ("horizon", "domain"):
        box = _row(again, "goals", "priority_problems", 0, part).widget
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Down)
    while again.nextId() != -1:
        next_page(qtbot, again)
    finish(qtbot, again)

    (changed,) = action_plan.plan_for(vault, man).goals
    assert changed.id == goal.id
    assert (changed.title, changed.horizon, changed.domain) == (
        "A room in a shared house",
        "long_term_maintenance",
        "family_and_relationships",
    )
    with vault.read() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.record_id == goal.id))
        assert "update" in list(actions)


def test_unticking_a_goal_in_his_plan_is_refused_not_ignored(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    first = open_wizard(qtbot, "understanding", vault, man)
    while first.currentId() != first.page_ids["goals"]:
        next_page(qtbot, first)
    i = _add_row(qtbot, first, "goals", "priority_problems")
    type_in(qtbot, _row(first, "goals", "priority_problems", i, "his_words"), "No money")
    while first.nextId() != -1:
        next_page(qtbot, first)
    finish(qtbot, first)

    again = open_wizard(qtbot, "understanding", vault, man)
    while again.currentId() != again.page_ids["goals"]:
        next_page(qtbot, again)
    click(qtbot, _row(again, "goals", "priority_problems", 0, "make_goal"))
    while again.nextId() != -1:
        next_page(qtbot, again)
    click(qtbot, button(again, QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: again.currentId() == again.page_ids["goals"], timeout=5000)
    tick = _row(again, "goals", "priority_problems", 0, "make_goal")
    qtbot.waitUntil(lambda: "mark it dropped" in tick.error.text())
    assert [g.title for g in action_plan.plan_for(vault, man).goals] == ["No money"]
