"""Distress rated together (P9), entered where the ratings are shown: the Shared understanding
tab's *Add a rating…* and a row's Enter to put one right; each audited, Ctrl+Z takes it back."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import understanding as u
from engager_desktop.store.orm import Meeting
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.forms.distress_dialog import DistressDialog
from tests.ui.app_fixtures import wait_ops
from tests.ui.edit_helpers import (
    CTRL,
    audit_actions,
    choose_data,
    open_workspace,
    press_enter_on,
    press_in_workspace,
    save_by_keyboard,
    tab,
)
from tests.ui.wizard_helpers import make_man

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def _ratings(vault: Vault, man: str) -> list[tuple[date, int, str | None, str | None]]:
    return [
        (r.rated_on, r.score, r.note, r.meeting_id)
        for r in u.load_understanding(vault, man).distress
    ]


def test_a_rating_is_added_at_a_session_shown_and_undone(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    with vault.write() as session:
        meeting = Meeting(participant_id=man, place="prison", starts_at=datetime(2026, 11, 2, 9))
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
    ws = open_workspace(qtbot, vault, man)
    page = tab(ws, "UnderstandingTab")
    assert page.distress.model.rowCount() == 0
    page.buttons["add_distress"].click()
    dialog = ws.tab_actions.dialogs[-1]
    assert isinstance(dialog, DistressDialog)
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    dialog.score.setValue(7)
    dialog.grab().save("/tmp/leftovers-distress-dialog.png")
    qtbot.keyClicks(dialog.note, "Worried about the hostel")
    choose_data(dialog.meeting, meeting_id)
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    assert _ratings(vault, man) == [(date(2026, 11, 2), 7, "Worried about the hostel", meeting_id)]
    rating_id = u.load_understanding(vault, man).distress[0].id
    assert audit_actions(vault, rating_id) == ["create"]
    qtbot.waitUntil(lambda: page.distress.model.rowCount() == 1)
    assert tuple(page.distress.model.row_at(0).cells) == (
        "2 Nov 2026",
        "7",
        "Worried about the hostel",
    )
    page.ensureWidgetVisible(page.buttons["add_distress"])
    qtbot.wait(50)
    page.grab().save("/tmp/leftovers-distress-tab.png")

    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    wait_ops(qtbot)
    assert _ratings(vault, man) == []
    assert audit_actions(vault, rating_id) == ["create", "delete"]
    qtbot.waitUntil(lambda: page.distress.model.rowCount() == 0)


def test_a_rating_is_put_right_from_its_row_and_the_change_undone(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    u.record_distress(vault, man, 4, "Slept badly", rated_on=date(2026, 11, 1))
    ws = open_workspace(qtbot, vault, man)
    page = tab(ws, "UnderstandingTab")
    dialog = press_enter_on(qtbot, page.distress, 0)
    assert isinstance(dialog, DistressDialog)
    assert dialog.score.value() == 4 and dialog.note.toPlainText() == "Slept badly"
    dialog.score.setValue(6)
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    assert _ratings(vault, man) == [(date(2026, 11, 1), 6, "Slept badly", None)]
    qtbot.waitUntil(lambda: page.distress.model.row_at(0).cells[1] == "6")
    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    wait_ops(qtbot)
    assert _ratings(vault, man) == [(date(2026, 11, 1), 4, "Slept badly", None)]


def test_a_day_after_today_is_refused_beside_the_date(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    ws = open_workspace(qtbot, vault, man)
    tab(ws, "UnderstandingTab").buttons["add_distress"].click()
    dialog = ws.tab_actions.dialogs[-1]
    dialog.rated_on.setDate(QDate(2026, 11, 3))
    save_by_keyboard(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_text("rated_on")
    assert _ratings(vault, man) == []
