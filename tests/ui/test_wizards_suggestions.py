"""Suggestions from his record are marked as such and saved only when the practitioner uses one.

Before this, ending support pre-filled from his record was saved as arranged though nobody had
confirmed it, and "what helps" was filled from his strengths.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from engager_desktop.services import endings
from engager_desktop.services.understanding import add_item
from engager_desktop.services.understanding_forms import ServiceContactForm, StrengthForm
from engager_desktop.store.vault import Vault
from tests.ui.wizard_helpers import click, field, finish, make_man, next_page, open_wizard, page

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def _man(vault: Vault) -> str:
    man = make_man(vault)
    add_item(vault, man, ServiceContactForm(service_name="Housing advice", still_involved=True))
    add_item(vault, man, StrengthForm(text="Keeps fit"))
    return man


def test_suggestions_left_alone_are_not_saved_as_arranged(qtbot: QtBot, vault: Vault) -> None:
    man = _man(vault)
    w = open_wizard(qtbot, "ending", vault, man)
    next_page(qtbot, w, "blueprint")
    next_page(qtbot, w, "support")
    notes = [label.text() for label in page(w, "support").findChildren(QLabel)]
    assert any(t.startswith("Suggested from his record") and "Housing advice" in t for t in notes)
    assert "No support is arranged" in page(w, "support").status_note.text()  # type: ignore[attr-defined]
    next_page(qtbot, w, "sign_off")
    finish(qtbot, w)
    view = endings.ending_plan(vault, man)
    assert view is not None
    assert (view.plan.services, view.plan.who_to_contact, view.plan.what_helps) == (None,) * 3
    assert not endings.ending_check(vault, man).checks.support.ok_to_end


def test_a_suggestion_used_is_saved(qtbot: QtBot, vault: Vault) -> None:
    man = _man(vault)
    w = open_wizard(qtbot, "ending", vault, man)
    next_page(qtbot, w, "blueprint")
    next_page(qtbot, w, "support")
    use = [b for b in page(w, "support").findChildren(QPushButton) if "suggestion" in b.text()]
    click(qtbot, use[0])
    assert "1 of the 4 ways" in page(w, "support").status_note.text()  # type: ignore[attr-defined]
    next_page(qtbot, w, "sign_off")
    finish(qtbot, w)
    view = endings.ending_plan(vault, man)
    assert view is not None and view.plan.services == "Housing advice"
    assert field(w, "what_helps").value() == ""  # his strengths were never offered as what helps
