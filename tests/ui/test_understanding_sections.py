"""The Shared understanding tab's sections changed without the wizard: a practice rule refuses
plainly, a sensitive part is left out (and kept) while the tab hides it, Ctrl+Z undoes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import understanding as u
from engager_desktop.services.understanding_forms import FamilyForm
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


def test_family_work_needs_the_check_first_and_hidden_restrictions_are_kept(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    u.save_family(vault, man, FamilyForm(contact_restrictions="No contact with his ex-partner"))
    ws = open_workspace(qtbot, vault, man)
    tab(ws, "UnderstandingTab").buttons["edit_family"].click()
    dialog = ws.tab_actions.dialogs[-1]
    assert isinstance(dialog, PartsDialog)
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    assert "contact_restrictions" not in dialog.parts and "left out" in dialog.intro.text()
    choose_data(dialog.parts["relationship_work"], "repair")
    choose_data(dialog.parts["relationships_help"], False)
    save_by_keyboard(qtbot, dialog)
    assert dialog.isVisible() and "restrictions" in dialog.status.text()
    day = dialog.parts["restrictions_checked_on"]
    day.check.setFocus()
    qtbot.keyClick(day.check, Qt.Key.Key_Space)
    day.edit.setDate(QDate(2026, 10, 30))
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    family = u.load_understanding(vault, man).family
    assert (family.relationship_work, family.relationships_help) == ("repair", False)
    assert family.restrictions_checked_on == date(2026, 10, 30)
    assert family.contact_restrictions == "No contact with his ex-partner"

    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    family = u.load_understanding(vault, man).family
    assert (family.relationship_work, family.relationships_help) == ("none_decided", None)
    assert family.contact_restrictions == "No contact with his ex-partner"


def test_his_story_shows_the_sensitive_part_only_when_the_tab_does(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    ws = open_workspace(qtbot, vault, man)
    understanding = tab(ws, "UnderstandingTab")
    understanding.sensitive.setChecked(True)
    understanding.buttons["edit_story"].click()
    dialog = ws.tab_actions.dialogs[-1]
    assert "trauma" in dialog.parts and not dialog.intro.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.parts["trauma"], "Lost his brother young")
    qtbot.keyClicks(dialog.parts["life_story"], "Grew up by the sea")
    save_by_keyboard(qtbot, dialog)
    story = u.load_understanding(vault, man).life_story
    assert (story.trauma, story.life_story) == ("Lost his brother young", "Grew up by the sea")
    assert understanding.story.text("trauma") == "Lost his brother young"
