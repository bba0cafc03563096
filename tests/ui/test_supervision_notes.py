"""A supervision note put right or taken out where the notes are listed (Supervision › Notes):
Enter on a row (or *Change the chosen note…*) opens it, *Remove the chosen note…* asks first."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import supervision
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.forms.supervision_note_dialog import SupervisionNoteDialog
from engager_desktop.ui.supervision_view import SupervisionView
from tests.ui.app_fixtures import wait_ops
from tests.ui.edit_helpers import audit_actions, choose_data, save_by_keyboard

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def _open(qtbot: QtBot, vault: Vault) -> SupervisionView:
    view = SupervisionView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    wait_ops(qtbot)
    view.tabs.setCurrentIndex(1)
    return view


def test_a_note_is_changed_from_its_row_and_removed_after_asking(
    qtbot: QtBot, vault: Vault
) -> None:
    team = supervision.add_note(
        vault, supervision.NoteInput("team", date(2026, 10, 30), actions="Endings sesion")
    )
    kept = supervision.add_note(
        vault, supervision.NoteInput("mba", date(2026, 10, 20), reflections="Rushing to fix")
    )
    view = _open(qtbot, vault)
    assert view.notes.model.rowCount() == 2
    row = next(n for n in range(2) if view.notes.model.row_at(n).id == team)
    view.notes.choose_row(row)
    view.notes.view.setFocus()
    qtbot.keyClick(view.notes.view, Qt.Key.Key_Return)
    dialog = view.dialogs[-1]
    assert isinstance(dialog, SupervisionNoteDialog)
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    dialog.grab().save("/tmp/leftovers-supervision-note-dialog.png")
    dialog.texts["actions"].setPlainText("Endings session")
    choose_data(dialog.kind, "meta")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    changed = next(n for n in supervision.notes(vault) if n.id == team)
    assert (changed.kind, changed.held_on, changed.actions) == (
        "meta",
        date(2026, 10, 30),
        "Endings session",
    )
    assert audit_actions(vault, team) == ["create", "update"]
    wait_ops(qtbot)
    view.grab().save("/tmp/leftovers-supervision-notes.png")

    asked: list[object] = []
    view.confirm_remove = lambda note: asked.append(note.id) or False
    row = next(n for n in range(2) if view.notes.model.row_at(n).id == team)
    view.notes.choose_row(row)
    view.remove_button.click()
    wait_ops(qtbot)
    assert asked == [team] and len(supervision.notes(vault)) == 2  # said no: nothing removed
    view.confirm_remove = lambda note: True
    view.remove_button.click()
    wait_ops(qtbot)
    assert [n.id for n in supervision.notes(vault)] == [kept]
    assert audit_actions(vault, team) == ["create", "update", "delete"]
    qtbot.waitUntil(lambda: view.notes.model.rowCount() == 1)
    assert view.form.status.text() == "Note removed."


def test_nothing_chosen_says_so(qtbot: QtBot, vault: Vault) -> None:
    view = _open(qtbot, vault)
    view.change_button.click()
    assert view.form.status.text() == "Choose a note in the list first."
