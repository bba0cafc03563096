"""The ending wizard: tapering booked, blueprint, support carried on, checks and sign-off."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QPushButton, QWizard
from pytestqt.qtbot import QtBot

from engager_desktop.domain.endings import NO_SUPPORT_WARNING
from engager_desktop.services import endings, session_review
from engager_desktop.services.understanding import add_item
from engager_desktop.services.understanding_forms import ServiceContactForm
from engager_desktop.store.vault import Vault
from tests.ui.wizard_helpers import (
    button,
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


def _man(vault: Vault) -> str:
    return make_man(vault, planned_sessions=4, planned_end=date(2027, 1, 31))


def test_ending_planned_with_tapering_booked_and_support_checked(
    qtbot: QtBot, vault: Vault
) -> None:
    man = _man(vault)
    w = open_wizard(qtbot, "ending", vault, man)
    assert field(w, "planned_sessions").value() == 4  # agreed earlier: not typed again
    assert field(w, "planned_end").value() == "31/01/2027"
    propose = page(w, "tapering").findChildren(QPushButton)[0]
    click(qtbot, propose)
    assert field(w, "tapering").value().startswith("Sessions on ")
    click(qtbot, field(w, "book_tapering"))
    type_in(qtbot, field(w, "how_to_mark_it"), "A coffee in town")
    next_page(qtbot, w, "blueprint")
    type_in(qtbot, field(w, "signs_to_watch"), "Sleeping all day")
    type_in(qtbot, field(w, "what_helps"), "Walking the dog")
    type_in(qtbot, field(w, "who_to_contact"), "His sister")
    next_page(qtbot, w, "support")
    type_in(qtbot, field(w, "self_care"), "Gym on Mondays")
    type_in(qtbot, field(w, "aftercare_call_on"), "15/02/2027")
    click(qtbot, field(w, "peer_mentor_interest"))
    next_page(qtbot, w, "sign_off")
    checklist = page(w, "sign_off").checklist.text()  # type: ignore[attr-defined]
    assert "Signs to watch" not in checklist  # typed a page ago, no longer missing
    assert "A last meeting in person" in checklist and "1 of the 4 ways" in checklist
    click(qtbot, field(w, "support_checked"))
    finish(qtbot, w)

    view = endings.ending_plan(vault, man)
    assert view is not None
    assert view.plan.how_to_mark_it == "A coffee in town"
    assert view.plan.signs_to_watch == "Sleeping all day"
    assert view.plan.self_care == "Gym on Mondays" and view.plan.peer_mentor_interest
    assert view.plan.aftercare_call_on == date(2027, 2, 15)
    assert view.support_in_place_checked
    assert view.plan.tapering and view.plan.tapering.startswith("Sessions on ")
    planned = session_review.prepare_review(vault, man).planned
    assert planned is not None  # the tapering sessions were booked


def test_no_support_in_place_blocks_the_check_and_the_sign_off(qtbot: QtBot, vault: Vault) -> None:
    man = _man(vault)
    w = open_wizard(qtbot, "ending", vault, man)
    for _ in range(3):
        next_page(qtbot, w)
    click(qtbot, field(w, "support_checked"))
    type_in(qtbot, field(w, "signed_off_on"), "02/11/2026")
    click(qtbot, button(w, QWizard.WizardButton.FinishButton))
    assert w.isVisible()
    assert field(w, "support_checked").error.text() == NO_SUPPORT_WARNING
    assert field(w, "signed_off_on").error.text() == NO_SUPPORT_WARNING
    assert endings.ending_plan(vault, man) is None


def test_sign_off_in_person_is_recorded(qtbot: QtBot, vault: Vault) -> None:
    man = _man(vault)
    add_item(vault, man, ServiceContactForm(service_name="Housing advice", still_involved=True))
    w = open_wizard(qtbot, "ending", vault, man)
    next_page(qtbot, w, "blueprint")
    next_page(qtbot, w, "support")
    assert field(w, "services").value() == ""  # his record only suggests it (P17)
    use = [b for b in page(w, "support").findChildren(QPushButton) if "suggestion" in b.text()]
    click(qtbot, use[0])  # confirmed with him: arranged
    assert field(w, "services").value() == "Housing advice"
    next_page(qtbot, w, "sign_off")
    type_in(qtbot, field(w, "signed_off_on"), "02/11/2026")
    click(qtbot, field(w, "signed_off_in_person"))
    type_in(qtbot, field(w, "closing_note"), "Ended on a good note")
    finish(qtbot, w)
    view = endings.ending_plan(vault, man)
    assert view is not None
    assert view.signed_off_on == date(2026, 11, 2) and view.signed_off_in_person
    assert view.closing_note == "Ended on a good note" and view.support_in_place_checked
    assert view.plan.services == "Housing advice"
