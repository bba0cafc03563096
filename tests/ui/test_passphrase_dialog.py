"""The Change passphrase dialog: the plain change tells the truth; "someone may know" re-keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from engager_desktop.crypto.errors import VaultDamaged
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import Participant
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import unnamed_inputs
from engager_desktop.ui.passphrase_dialog import CODE, FORM, PassphraseDialog
from engager_desktop.ui.settings import Settings
from tests.ui.app_fixtures import wait_ops
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

pytestmark = pytest.mark.gui


def _fill(qtbot: QtBot, vault: Vault, tick: bool) -> PassphraseDialog:
    dialog = PassphraseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current, TEST_PASSPHRASE)
    dialog.passphrase.use_suggestion()
    if tick:
        qtbot.mouseClick(dialog.someone.box, Qt.MouseButton.LeftButton)
    assert dialog.someone.box.isChecked() is tick
    assert dialog.change_button.isEnabled()
    assert unnamed_inputs(dialog) == []
    return dialog


def test_a_plain_change_says_an_old_key_file_still_opens_the_vault(
    qtbot: QtBot, vault: Vault, vault_path: Path
) -> None:
    old = (vault_path / "keyslots.json").read_bytes()
    dialog = _fill(qtbot, vault, tick=False)
    assert not dialog.someone.box.isChecked(), "ticked only when someone may know"
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert dialog.pages.currentIndex() == FORM
    text = dialog.status.text()
    assert "would still open it with the old passphrase" in text, text
    dialog.grab().save("/tmp/sync-audit-passphrase-plain.png")
    vault.lock()
    (vault_path / "keyslots.json").write_bytes(old)
    unlock_vault(vault_path, TEST_PASSPHRASE, test_options()).lock()  # true, as it says


def test_someone_may_know_reencrypts_with_its_steps_and_shows_a_new_code(
    qtbot: QtBot, vault: Vault, vault_path: Path
) -> None:
    """The attack: a copy of the old keyslots.json, put back after the change."""
    old = (vault_path / "keyslots.json").read_bytes()
    with vault.write() as session:
        man = Participant(given_name="Iwan", family_name="Morgan", preferred_name="Iwan")
        session.add(man)
        session.flush()
        man_id = man.id
    dialog = _fill(qtbot, vault, tick=True)
    new = dialog.passphrase.passphrase()
    steps: list[int] = []
    dialog.rekey_progress.connect(lambda step, _total, _what: steps.append(step))
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert dialog.pages.currentIndex() == CODE, dialog.status.text()
    assert steps == [1, 2, 3, 4]
    assert "re-encrypted under a new key" in dialog.code_page.note.text()
    assert len(dialog.code_page.code_label.text()) == 55
    dialog.grab().save("/tmp/sync-audit-passphrase-rekeyed.png")
    dialog.code_page.kept.setChecked(True)
    dialog.code_page.continue_button.click()
    assert dialog.code_page.code_label.text() == ""
    with vault.read() as session:  # the same vault object carries on under the new key
        assert session.get(Participant, man_id) is not None
    vault.lock()
    unlock_vault(vault_path, new, test_options()).lock()
    (vault_path / "keyslots.json").write_bytes(old)
    with pytest.raises(VaultDamaged):
        unlock_vault(vault_path, TEST_PASSPHRASE, test_options())


def test_the_file_menu_opens_it(qtbot: QtBot, vault: Vault, settings: Settings) -> None:
    from engager_desktop.ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(vault)
    window.show()
    wait_ops(qtbot)
    window.commands["passphrase"].trigger()
    dialogs = window.findChildren(PassphraseDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].reject()
