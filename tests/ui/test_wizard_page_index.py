"""Every wizard's page index: shows where you are, jumps on a click or Enter, checks on the way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import session_review
from engager_desktop.store.vault import Vault
from engager_desktop.ui.wizards.page_index import PageIndex
from tests.ui.wizard_helpers import (
    current_problems,
    field,
    finish,
    focused,
    make_man,
    make_plan,
    open_wizard,
    press,
    tab_to,
    type_in,
)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def click_entry(qtbot: QtBot, index: PageIndex, row: int) -> None:
    rect = index.visualItemRect(index.item(row))
    qtbot.mouseClick(index.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_index_names_each_page_and_follows_where_you_are(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    index = wizard.page_index
    assert index.accessibleName() == "Pages of this form"
    texts = [index.item(row).text() for row in range(index.count())]
    assert texts[0] == "1 of 5 — The session" and texts[4].startswith("5 of 5 — Notes")
    assert index.currentRow() == 0


def test_a_forward_jump_stops_on_a_page_that_needs_a_look(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    make_plan(vault, man)
    wizard = open_wizard(qtbot, "review", vault, man)
    index = wizard.page_index
    click_entry(qtbot, index, 4)
    assert wizard.currentId() == wizard.page_ids["attendance"]  # "did he come?" is needed
    assert any("attended" in problem for problem in current_problems(wizard))
    qtbot.keyClicks(field(wizard, "attended").widget, "Yes")
    click_entry(qtbot, index, 4)
    assert wizard.currentId() == wizard.page_ids["steps"]  # each step needs an outcome first
    assert index.currentRow() == 2
    click_entry(qtbot, index, 0)  # back needs no checks
    assert wizard.currentId() == wizard.page_ids["attendance"] and index.currentRow() == 0


def test_keyboard_reaches_the_index_and_enter_jumps(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    qtbot.keyClicks(field(wizard, "attended").widget, "Yes")
    tab_to(qtbot, wizard.page_index)
    press(qtbot, Qt.Key.Key_Down)
    assert wizard.currentId() == wizard.page_ids["attendance"]  # moving along does not jump
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.page_ids["distress"], current_problems(wizard)
    assert focused() is field(wizard, "distress").widget  # on to the page's first input
    press(qtbot, Qt.Key.Key_5)
    tab_to(qtbot, wizard.page_index)
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.page_ids["next_session"], current_problems(wizard)
    type_in(qtbot, field(wizard, "next_date"), "09/11/2026")
    finish(qtbot, wizard)
    draft = session_review.prepare_review(vault, man)
    assert draft.planned is not None  # the next session, booked at the end
    assert draft.last_distress is not None and draft.last_distress.score == 5


def test_a_page_that_does_not_apply_is_not_jumped_past(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    qtbot.keyClicks(field(wizard, "attended").widget, "No")
    type_in(qtbot, field(wizard, "follow_up"), "Ring the wing")
    click_entry(qtbot, wizard.page_index, 1)  # how he is feeling: not asked when he missed it
    assert wizard.currentId() == wizard.page_ids["attendance"]
    assert wizard.page_index.currentRow() == 0
    click_entry(qtbot, wizard.page_index, 3)
    assert wizard.currentId() == wizard.page_ids["new_steps"]
