"""The Release preparation tab kept up in place: a checklist item's row opens just its part of
his release plan; saving ticks it off without the wizard, and Ctrl+Z puts the plan back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import release
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.forms.parts_dialog import PartsDialog
from tests.ui.edit_helpers import (
    CTRL,
    open_workspace,
    press_enter_on,
    press_in_workspace,
    save_by_keyboard,
    tab,
)
from tests.ui.wizard_helpers import RELEASE, make_man

pytestmark = pytest.mark.gui


def _row_of(table: object, key: str) -> int:
    model = table.model  # type: ignore[attr-defined]
    return next(n for n in range(model.rowCount()) if model.row_at(n).id == key)


def test_a_checklist_item_is_ticked_off_from_its_row_and_undone(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    release.save_release_plan(
        vault, man, release.ReleasePlanInput(release_date=RELEASE, going_to="His sister's")
    )
    ws = open_workspace(qtbot, vault, man)
    release_tab = tab(ws, "ReleaseTab")
    checklist = release_tab.checklist
    dialog = press_enter_on(qtbot, checklist, _row_of(checklist, "gp"))
    assert isinstance(dialog, PartsDialog)
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    dialog.parts["gp_registered"].setFocus()
    qtbot.keyClick(dialog.parts["gp_registered"], Qt.Key.Key_Space)
    dialog.parts["discharge_letter"].setFocus()
    qtbot.keyClick(dialog.parts["discharge_letter"], Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.parts["gp_follow_up"], "Dr Shah, 9 Dec")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    plan = release.release_plan(vault, man)
    assert plan is not None
    assert (plan.gp_registered, plan.discharge_letter, plan.gp_follow_up) == (
        True,
        True,
        "Dr Shah, 9 Dec",
    )
    assert plan.going_to == "His sister's" and plan.release_date == RELEASE  # the rest kept
    assert checklist.model.row_at(_row_of(checklist, "gp")).cells[1] == "Done"

    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    plan = release.release_plan(vault, man)
    assert plan is not None and not plan.gp_registered and plan.gp_follow_up is None


def test_a_missing_item_opens_from_still_missing(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    ws = open_workspace(qtbot, vault, man)  # no release plan yet
    missing = tab(ws, "ReleaseTab").missing
    dialog = press_enter_on(qtbot, missing, _row_of(missing, "first_24_hours"))
    qtbot.keyClicks(dialog.parts["first_24_hours"], "Peer meets him, then the hostel")
    save_by_keyboard(qtbot, dialog)
    plan = release.release_plan(vault, man)
    assert plan is not None and plan.first_24_hours == "Peer meets him, then the hostel"
    assert "first_24_hours" not in {
        missing.model.row_at(n).id for n in range(missing.model.rowCount())
    }
