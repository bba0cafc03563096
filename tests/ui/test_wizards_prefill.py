"""Never typed twice (P17): a fact recorded in one wizard is there, pre-filled, in the next."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from engager_desktop.store.vault import Vault
from engager_desktop.ui.wizards.base import EngagerWizard
from tests.ui.wizard_helpers import (
    click,
    field,
    finish,
    make_man,
    next_page,
    open_wizard,
    page,
    type_in,
)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def _to_end(qtbot: QtBot, wizard: EngagerWizard) -> None:
    while wizard.nextId() != -1:
        next_page(qtbot, wizard)
    finish(qtbot, wizard)


def _understanding(qtbot: QtBot, vault: Vault, man: str) -> None:
    w = open_wizard(qtbot, "understanding", vault, man)
    services = page(w, "background").lists["service_contacts"]
    assert services.add_button is not None
    click(qtbot, services.add_button)
    name, involved = services.field(0, "service_name"), services.field(0, "still_involved")
    assert name is not None and involved is not None
    type_in(qtbot, name, "Housing advice")
    click(qtbot, involved)
    next_page(qtbot, w, "identity")
    next_page(qtbot, w, "family")
    next_page(qtbot, w, "life_story")
    next_page(qtbot, w, "trauma")
    next_page(qtbot, w, "needs")
    type_in(qtbot, field(w, "substance_use"), "Drinks at weekends")
    next_page(qtbot, w, "goals")
    problems = page(w, "goals").lists["priority_problems"]
    assert problems.add_button is not None
    click(qtbot, problems.add_button)
    words, goal = problems.field(0, "his_words"), problems.field(0, "as_goal_or_need")
    assert words is not None and goal is not None
    type_in(qtbot, words, "No money")
    type_in(qtbot, goal, "Benefits in place")
    next_page(qtbot, w, "links_map")
    next_page(qtbot, w, "strengths")
    strengths = page(w, "strengths").lists["strengths"]
    assert strengths.add_button is not None
    click(qtbot, strengths.add_button)
    strength = strengths.field(0, "text")
    assert strength is not None
    type_in(qtbot, strength, "Keeps fit")
    _to_end(qtbot, w)


def test_facts_from_the_understanding_are_ready_in_the_other_wizards(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    _understanding(qtbot, vault, man)

    review = open_wizard(qtbot, "review", vault, man, use_drafts=False)
    steps = page(review, "new_steps").lists["new_steps"]
    assert steps.add_button is not None and steps.add_button.isEnabled()
    steps.add_row(dict(steps.defaults))
    goal = steps.field(0, "goal_id")
    assert goal is not None and goal.widget.currentText() == "Benefits in place"  # type: ignore[attr-defined]

    ending = open_wizard(qtbot, "ending", vault, man, use_drafts=False)
    assert field(ending, "services").value() == ""  # a suggestion, not a fact, until used
    use = [b for b in page(ending, "support").findChildren(QPushButton) if "suggestion" in b.text()]
    assert [b.accessibleName() for b in use] == [
        "Use the suggestion for Services that stay involved"
    ]
    next_page(qtbot, ending, "blueprint")
    assert field(ending, "what_helps").value() == ""  # his strengths are not what helps
    blueprint = page(ending, "blueprint").findChildren(QPushButton)
    click(qtbot, next(b for b in blueprint if "suggestion" in b.text()))
    next_page(qtbot, ending, "support")
    click(qtbot, use[0])
    assert field(ending, "services").value() == "Housing advice"
    assert "Housing advice" in field(ending, "who_to_contact").value()

    release = open_wizard(qtbot, "release", vault, man, use_drafts=False)
    notes = [label.text() for label in page(release, "first_day").findChildren(QLabel)]
    assert any("Drinks at weekends" in text for text in notes)


def test_the_next_session_booked_in_a_review_opens_the_next_review(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    first = open_wizard(qtbot, "review", vault, man)
    qtbot.keyClicks(field(first, "attended").widget, "Yes")
    next_page(qtbot, first, "distress")
    next_page(qtbot, first, "steps")
    next_page(qtbot, first, "new_steps")
    next_page(qtbot, first, "next_session")
    type_in(qtbot, field(first, "next_date"), "09/11/2026")
    type_in(qtbot, field(first, "next_time"), "14:15")
    qtbot.keyClicks(field(first, "next_place").widget, "In the")
    type_in(qtbot, field(first, "next_location"), "Probation office")
    finish(qtbot, first)

    second = open_wizard(qtbot, "review", vault, man, use_drafts=False)
    assert field(second, "session_date").value() == "09/11/2026"
    assert field(second, "session_time").value() == "14:15"
    assert field(second, "place").value() == "community"
    assert field(second, "location").value() == "Probation office"


def test_a_release_date_recorded_once_is_the_one_every_wizard_shows(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    first = open_wizard(qtbot, "release", vault, man)
    date_field = field(first, "release_date")
    date_field.widget.clear()  # type: ignore[attr-defined]
    type_in(qtbot, date_field, "08/12/2026")
    _to_end(qtbot, first)
    again = open_wizard(qtbot, "release", vault, man, use_drafts=False)
    assert field(again, "release_date").value() == "08/12/2026"
    assert "36 days to release" in page(again, "checklist").missing.text()  # type: ignore[attr-defined]
