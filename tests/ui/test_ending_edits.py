"""The Ending tab kept up in place: how it ends, his blueprint and the support that carries on,
each changed from its button without the ending wizard, and undone with Ctrl+Z."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import endings
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.forms.parts_dialog import PartsDialog
from tests.ui.app_fixtures import wait_ops
from tests.ui.edit_helpers import (
    CTRL,
    open_workspace,
    press_enter_on,
    press_in_workspace,
    save_by_keyboard,
    tab,
)
from tests.ui.wizard_helpers import make_man

pytestmark = pytest.mark.gui


def _plan(vault: Vault, man: str) -> endings.EndingPlanInput:
    view = endings.ending_plan(vault, man)
    assert view is not None
    return view.plan


def test_his_blueprint_is_changed_from_the_ending_tab_and_undone(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    endings.save_ending_plan(
        vault, man, endings.EndingPlanInput(how_to_mark_it="A coffee", what_helps="Football")
    )
    ws = open_workspace(qtbot, vault, man)
    ending_tab = tab(ws, "EndingTab")
    ending_tab.buttons["edit_blueprint"].click()
    dialog = ws.tab_actions.dialogs[-1]
    assert isinstance(dialog, PartsDialog)
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    assert dialog.parts["what_helps"].toPlainText() == "Football"
    qtbot.keyClicks(dialog.parts["signs_to_watch"], "Stops answering his phone")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    plan = _plan(vault, man)
    assert (plan.signs_to_watch, plan.what_helps, plan.how_to_mark_it) == (
        "Stops answering his phone",
        "Football",
        "A coffee",
    )
    assert ending_tab.blueprint.text("signs") == "Stops answering his phone"
    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    assert _plan(vault, man).signs_to_watch is None


def test_support_with_an_aftercare_date_set_and_left_unset(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)  # no ending plan yet
    ws = open_workspace(qtbot, vault, man)
    tab(ws, "EndingTab").buttons["edit_support"].click()
    dialog = ws.tab_actions.dialogs[-1]
    day = dialog.parts["aftercare_call_on"]
    assert day.value() is None and not day.edit.isEnabled()
    qtbot.keyClicks(dialog.parts["self_care"], "Walks by the river")
    save_by_keyboard(qtbot, dialog)
    plan = _plan(vault, man)
    assert (plan.self_care, plan.aftercare_call_on) == ("Walks by the river", None)

    tab(ws, "EndingTab").buttons["edit_support"].click()
    dialog = ws.tab_actions.dialogs[-1]
    day = dialog.parts["aftercare_call_on"]
    day.check.setFocus()
    qtbot.keyClick(day.check, Qt.Key.Key_Space)
    day.edit.setDate(QDate(2026, 12, 20))
    save_by_keyboard(qtbot, dialog)
    wait_ops(qtbot)
    assert _plan(vault, man).aftercare_call_on == date(2026, 12, 20)
    assert _plan(vault, man).self_care == "Walks by the river"


def test_a_missing_item_opens_the_form_that_fills_it_in(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    ws = open_workspace(qtbot, vault, man)
    missing = tab(ws, "EndingTab").missing
    ids = [missing.model.row_at(n).id for n in range(missing.model.rowCount())]
    dialog = press_enter_on(qtbot, missing, ids.index("who_to_contact"))
    assert isinstance(dialog, PartsDialog) and "who_to_contact" in dialog.parts
    qtbot.keyClicks(dialog.parts["who_to_contact"], "His sister, then the crisis line")
    save_by_keyboard(qtbot, dialog)
    assert _plan(vault, man).who_to_contact == "His sister, then the crisis line"
    ids = [missing.model.row_at(n).id for n in range(missing.model.rowCount())]
    assert "who_to_contact" not in ids
    missing.choose_row(ids.index("sign_off_in_person"))  # not filled in here
    missing.view.setFocus()
    qtbot.keyClick(missing.view, Qt.Key.Key_Return)
    assert "Ending wizard" in ws.sub_label.text()
