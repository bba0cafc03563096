"""The Ending tab says when his end date is near and his blueprint for staying well is not
finished (P31), and stops saying it once the blueprint is filled in."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from engager_desktop.services import endings
from engager_desktop.store.vault import Vault
from tests.ui.app_fixtures import wait_ops
from tests.ui.edit_helpers import open_workspace, save_by_keyboard, tab
from tests.ui.wizard_helpers import make_man

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def test_the_ending_tab_prompts_for_the_blueprint_near_the_end(qtbot: QtBot, vault: Vault) -> None:
    far, near = make_man(vault), make_man(vault, prison_number="B2345CD")
    endings.set_sessions_plan(vault, far, 10, date(2027, 3, 1))
    endings.set_sessions_plan(vault, near, 10, date(2026, 11, 20))
    ws = open_workspace(qtbot, vault, far)
    page = tab(ws, "EndingTab")
    assert not page.blueprint_due.isVisibleTo(ws)

    ws.show_man(near)
    wait_ops(qtbot)
    assert page.blueprint_due.isVisibleTo(ws)
    page.grab().save("/tmp/leftovers-blueprint-due.png")
    page.buttons["edit_blueprint"].click()
    dialog = ws.tab_actions.dialogs[-1]
    qtbot.keyClicks(dialog.parts["signs_to_watch"], "Stops answering his phone")
    qtbot.keyClicks(dialog.parts["what_helps"], "Football on Sundays")
    qtbot.keyClicks(dialog.parts["who_to_contact"], "His sister, then the GP")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    qtbot.waitUntil(lambda: not page.blueprint_due.isVisibleTo(ws))
