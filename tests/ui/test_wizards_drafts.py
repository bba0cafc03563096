"""Wizards never lose input: autosaved drafts, restore after a crash or a lock, discard rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWizard
from pytestqt.qtbot import QtBot

from engager_desktop.services import drafts
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.ui.wizards import _worker, close_all_for_lock, create, messages
from tests.ui.wizard_helpers import (
    button,
    click,
    field,
    finish,
    make_man,
    make_plan,
    next_page,
    open_wizard,
    type_in,
    wait_for_draft,
)
from tests.vault_fixtures import TEST_PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]
KEY = "wizard.review:{}"


def _saved_notes(vault: Vault, man: str) -> str | None:
    found = drafts.load(vault, KEY.format(man))
    return None if found is None else found.content["values"]["notes"]


def test_typing_keeps_a_draft_and_marks_the_window_modified(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    assert not wizard.isWindowModified() and "[*]" in wizard.windowTitle()
    type_in(qtbot, field(wizard, "location"), "Visits hall")
    assert wizard.isWindowModified()
    wait_for_draft(qtbot, wizard)
    found = drafts.load(vault, KEY.format(man))
    assert found is not None and found.participant_id == man
    assert found.content["values"]["location"] == "Visits hall"
    assert "Draft kept" in wizard.pages[0].status.text()


def test_typing_it_all_back_removes_the_draft(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    type_in(qtbot, field(wizard, "location"), "X")
    wait_for_draft(qtbot, wizard)
    qtbot.keyClick(field(wizard, "location").widget, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: drafts.load(vault, KEY.format(man)) is None, timeout=5000)
    qtbot.waitUntil(lambda: not wizard.isWindowModified())


def test_a_wizard_killed_mid_typing_comes_back_on_its_draft(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    make_plan(vault, man)
    wizard = create("review", vault, man)
    wizard.show()
    qtbot.waitExposed(wizard)
    qtbot.keyClicks(field(wizard, "attended").widget, "Yes")
    next_page(qtbot, wizard, "distress")
    type_in(qtbot, field(wizard, "distress_note"), "Half a senten")
    wait_for_draft(qtbot, wizard)
    shiboken6.delete(wizard)  # the process dies: no close, no question, no commit
    QApplication.processEvents()

    again = open_wizard(qtbot, "review", vault, man)
    assert field(again, "distress_note").value() == "Half a senten"
    assert field(again, "attended").value() == "yes"
    assert again.restored_at is not None
    assert "is back" in again.pages[0].status.text()
    qtbot.waitUntil(lambda: again.currentId() == again.page_ids["distress"])  # where he was


def test_finishing_discards_the_draft_for_good(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    qtbot.keyClicks(field(wizard, "attended").widget, "No")
    type_in(qtbot, field(wizard, "follow_up"), "Call tomorrow")
    wait_for_draft(qtbot, wizard)
    next_page(qtbot, wizard, "new_steps")
    next_page(qtbot, wizard, "next_session")
    type_in(qtbot, field(wizard, "notes"), "He was at court")  # a save is queued as he finishes
    finish(qtbot, wizard)
    _worker.wait_idle()
    QApplication.processEvents()
    assert drafts.load(vault, KEY.format(man)) is None
    assert not wizard.isWindowModified()


@pytest.mark.parametrize(
    ("choice", "kept", "still_open"),
    [("keep", True, False), ("discard", False, False), ("stay", True, True)],
)
def test_closing_with_changes_asks_first(
    qtbot: QtBot, vault: Vault, choice: str, kept: bool, still_open: bool
) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    asked: list[bool] = []
    wizard.ask_close = lambda: asked.append(True) or choice  # type: ignore[method-assign]
    type_in(qtbot, field(wizard, "location"), "Room 4")
    click(qtbot, button(wizard, QWizard.WizardButton.CancelButton))
    assert asked == [True]
    if not still_open:  # the draft is kept or discarded on the worker, then it closes
        assert "unsaved input…" in wizard.pages[0].status.text()
        qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=5000)
    assert wizard.isVisible() == still_open
    found = drafts.load(vault, KEY.format(man))
    if still_open:
        assert field(wizard, "location").value() == "Room 4"
        return
    assert (found is not None) == kept
    if kept:
        assert found is not None and found.content["values"]["location"] == "Room 4"


def test_closing_without_changes_asks_nothing(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    wizard.ask_close = lambda: pytest.fail("asked with nothing to lose")  # type: ignore[method-assign]
    click(qtbot, button(wizard, QWizard.WizardButton.CancelButton))
    assert not wizard.isVisible()


def test_a_lock_keeps_the_draft_and_the_wizard_reopens_on_it(
    qtbot: QtBot, vault: Vault, vault_path: Path, options: VaultOptions
) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    type_in(qtbot, field(wizard, "location"), "Chapel")  # no time for an autosave: lock now
    assert close_all_for_lock() == [("review", man)]
    assert not wizard.isVisible()
    vault.lock()
    reopened = unlock_vault(vault_path, TEST_PASSPHRASE, options)
    try:
        found = drafts.load(reopened, KEY.format(man))
        assert found is not None and found.content["values"]["location"] == "Chapel"
        again = open_wizard(qtbot, "review", reopened, man)
        assert field(again, "location").value() == "Chapel"
        again.use_drafts = False
    finally:
        _worker.wait_idle()
        reopened.lock()


def test_an_autosaved_draft_survives_lock_and_unlock(
    qtbot: QtBot, vault: Vault, vault_path: Path, options: VaultOptions
) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    type_in(qtbot, field(wizard, "notes"), "Said his mum is poorly")
    wait_for_draft(qtbot, wizard)
    wizard.use_drafts = False
    vault.lock()
    reopened = unlock_vault(vault_path, TEST_PASSPHRASE, options)
    try:
        assert _saved_notes(reopened, man) == "Said his mum is poorly"
    finally:
        reopened.lock()


def test_undo_and_redo_work_in_every_text_field(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    wizard = create("review", vault, man, use_drafts=False)
    qtbot.addWidget(wizard)
    for page in wizard.pages:
        for item in page.fields.values():
            if isinstance(item.widget, QPlainTextEdit):
                assert item.widget.isUndoRedoEnabled(), item.spec.key
            if isinstance(item.widget, QLineEdit):
                assert item.widget.isUndoAvailable() is False  # nothing typed yet, not disabled
    notes = field(wizard, "notes").widget
    assert isinstance(notes, QPlainTextEdit)
    type_in(qtbot, notes, "first")
    qtbot.keyClick(notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert notes.toPlainText() == ""
    qtbot.keyClick(
        notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert notes.toPlainText() == "first"
    location = field(wizard, "location").widget
    assert isinstance(location, QLineEdit)
    type_in(qtbot, location, "Room")
    qtbot.keyClick(location, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert location.text() == ""


def test_an_unexpected_failure_is_a_plain_apology_and_the_draft_stays(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)

    def broken(_vault: object, _man: str, _context: object, _values: object) -> None:
        raise RuntimeError("disk on fire")

    wizard.commit = broken  # type: ignore[method-assign, assignment]
    qtbot.keyClicks(field(wizard, "attended").widget, "No")
    type_in(qtbot, field(wizard, "follow_up"), "Ring him")
    next_page(qtbot, wizard, "new_steps")
    next_page(qtbot, wizard, "next_session")
    with qtbot.waitSignal(wizard.draft_saved, timeout=5000):
        click(qtbot, button(wizard, QWizard.WizardButton.FinishButton))
    banner = wizard.pages[-1].banner
    assert banner.isVisible() and banner.text() == messages.APOLOGY
    assert "disk on fire" not in banner.text() and wizard.isVisible()
    found = drafts.load(vault, KEY.format(man))
    assert found is not None and found.content["values"]["follow_up"] == "Ring him"
