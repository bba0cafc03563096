"""Practice notes kept up in place: days and weekends on the Community tab (P27), support for his
family and work with services on the People and services tab (P19, P29, P36); each change saved,
audited, listed and undone."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.services import practice_notes
from engager_desktop.store.orm import PracticeNote
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.forms.practice_note_dialog import PracticeNoteDialog
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

pytestmark = pytest.mark.gui


def _live(vault: Vault, man: str) -> list[tuple[str, date, str, str | None]]:
    with vault.read() as session:
        rows = session.scalars(
            select(PracticeNote)
            .where(PracticeNote.participant_id == man, PracticeNote.deleted.is_(False))
            .order_by(PracticeNote.noted_on)
        )
        return [(r.kind, r.noted_on, r.what, r.with_whom) for r in rows]


def test_a_weekend_plan_is_added_changed_and_undone_on_the_community_tab(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    ws = open_workspace(qtbot, vault, man)
    community = tab(ws, "CommunityTab")
    community.buttons["add_day_plan"].click()
    dialog = ws.tab_actions.dialogs[-1]
    assert isinstance(dialog, PracticeNoteDialog)
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == [
        "weekdays",
        "weekend",
    ]
    choose_data(dialog.kind, "weekend")
    dialog.noted_on.setDate(QDate(2026, 11, 1))
    dialog.what.setFocus()
    qtbot.keyClicks(dialog.what, "Saturday football with his brother; Sunday at the day centre")
    dialog.grab().save("/tmp/living-data-note-dialog.png")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    assert _live(vault, man) == [
        (
            "weekend",
            date(2026, 11, 1),
            "Saturday football with his brother; Sunday at the day centre",
            None,
        )
    ]
    table = community.notes
    qtbot.waitUntil(lambda: table.model.rowCount() == 1)
    assert table.model.row_at(0).cells[:2] == ("1 Nov 2026", "His weekend")
    (note,) = practice_notes.notes_for(vault, man)
    assert audit_actions(vault, note.id) == ["create"]
    qtbot.wait(200)
    ws.grab().save("/tmp/living-data-community-tab.png")

    dialog = press_enter_on(qtbot, table, 0)
    assert isinstance(dialog, PracticeNoteDialog) and dialog.note.id == note.id
    dialog.with_whom.setText("Day centre staff")
    save_by_keyboard(qtbot, dialog)
    assert _live(vault, man)[0][3] == "Day centre staff"
    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    assert _live(vault, man)[0][3] is None
    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    assert _live(vault, man) == []
    qtbot.waitUntil(lambda: table.model.rowCount() == 0)


def test_family_support_is_noted_and_removed_on_the_people_tab_and_undo_brings_it_back(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    practice_notes.add_note(
        vault, man, practice_notes.NoteInput("weekdays", date(2026, 11, 2), "Job club")
    )
    ws = open_workspace(qtbot, vault, man)
    people = tab(ws, "PeopleTab")
    assert people.notes.model.rowCount() == 0  # days and weekends belong on the Community tab
    people.buttons["add_people_note"].click()
    dialog = ws.tab_actions.dialogs[-1]
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == [
        "family_support",
        "advocacy",
        "training",
    ]
    dialog.what.setPlainText("Told his mum what the first week out will be like")
    dialog.with_whom.setText("His mum")
    save_by_keyboard(qtbot, dialog)
    assert ("family_support", date(2026, 11, 2)) in [k[:2] for k in _live(vault, man)]
    qtbot.waitUntil(lambda: people.notes.model.rowCount() == 1)
    qtbot.wait(200)
    ws.grab().save("/tmp/living-data-people-tab.png")

    people.notes.choose_row(0)
    box = ws.tab_actions.people_notes.remove_note()
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    wait_ops(qtbot)
    assert [k[0] for k in _live(vault, man)] == ["weekdays"]
    qtbot.waitUntil(lambda: people.notes.model.rowCount() == 0)
    ws.history.undo_action.trigger()
    wait_ops(qtbot)
    assert sorted(k[0] for k in _live(vault, man)) == ["family_support", "weekdays"]


def test_an_empty_note_is_refused_beside_its_field(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    ws = open_workspace(qtbot, vault, man)
    tab(ws, "PeopleTab").buttons["add_people_note"].click()
    dialog = ws.tab_actions.dialogs[-1]
    save_by_keyboard(qtbot, dialog)
    assert dialog.isVisible() and dialog.error_text("what")
    assert _live(vault, man) == []
