"""The unlock window: right and wrong passphrases, the back-off countdown, creating, recovering."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.crypto.errors import VaultDamaged
from engager_desktop.domain.clock import FakeClock
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.ui.unlock_window import CODE, CREATE, RECOVER, UNLOCK, UnlockWindow
from tests.ui.app_fixtures import wait_ops
from tests.vault_fixtures import TEST_PASSPHRASE

CODE_FORMAT = re.compile(r"^\d{6}(-\d{6}){7}$")


def make_window(qtbot: QtBot, path: Path, options: VaultOptions) -> UnlockWindow:
    window = UnlockWindow(path, options)
    qtbot.addWidget(window)
    window.show()
    return window


def try_passphrase(qtbot: QtBot, window: UnlockWindow, text: str) -> None:
    page = window.unlock_page
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, text)
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)


def test_right_passphrase_unlocks(qtbot: QtBot, vault_path: Path, options: VaultOptions) -> None:
    window = make_window(qtbot, vault_path, options)
    assert window.page() == UNLOCK
    page = window.unlock_page
    qtbot.keyClicks(page.passphrase, TEST_PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000) as signal:
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    vault = signal.args[0]
    try:
        assert vault.path == vault_path and not vault.closed
        assert page.passphrase.text() == ""  # the passphrase does not linger in the field
    finally:
        vault.lock()


def test_wrong_passphrase_then_countdown_then_right(
    qtbot: QtBot, vault_path: Path, options: VaultOptions, clock: FakeClock
) -> None:
    window = make_window(qtbot, vault_path, options)
    opened: list[object] = []
    window.unlocked.connect(opened.append)
    for _ in range(2):
        try_passphrase(qtbot, window, "not the passphrase at all")
        assert "wrong passphrase" in window.unlock_page.status.text().lower()
        assert not window.waiting()
    try_passphrase(qtbot, window, "still not the passphrase")  # three free tries, then a wait
    assert window.waiting()
    countdown = window.unlock_page.countdown.text()
    assert "try again in 2 seconds" in countdown
    assert not window.unlock_page.unlock_button.isEnabled()
    window.unlock()  # refused while waiting, without a worker
    assert opened == []
    clock.advance(1)
    qtbot.waitUntil(lambda: "1 second." in window.unlock_page.countdown.text(), timeout=3000)
    clock.advance(1.5)
    qtbot.waitUntil(lambda: not window.waiting(), timeout=3000)
    assert window.unlock_page.unlock_button.isEnabled()
    assert window.unlock_page.countdown.text() == ""
    try_passphrase(qtbot, window, TEST_PASSPHRASE)
    assert len(opened) == 1
    opened[0].lock()  # type: ignore[attr-defined]


def test_missing_folder_is_explained(qtbot: QtBot, tmp_path: Path, options: VaultOptions) -> None:
    window = make_window(qtbot, tmp_path / "nothing-here", options)
    assert window.page() == CREATE  # no vault there: offer to make one
    window._go(UNLOCK)
    qtbot.keyClicks(window.unlock_page.passphrase, TEST_PASSPHRASE)
    window.unlock()
    assert "no vault in that folder" in window.unlock_page.status.text()


def test_weak_passphrase_is_refused_on_create(
    qtbot: QtBot, tmp_path: Path, options: VaultOptions
) -> None:
    target = tmp_path / "new-vault"
    window = make_window(qtbot, target, options)
    page = window.create_page
    assert window.page() == CREATE
    qtbot.keyClicks(page.passphrase.first, "Password1234")
    qtbot.keyClicks(page.passphrase.second, "Password1234")
    assert not page.create_button.isEnabled()
    assert "most often used passwords" in page.passphrase.feedback.text()
    assert page.passphrase.meter.value() < 3
    window.create_vault()  # even if called, nothing is made
    wait_ops(qtbot)
    assert not target.exists()


def test_create_shows_code_once_and_opens(
    qtbot: QtBot, tmp_path: Path, options: VaultOptions
) -> None:
    target = tmp_path / "new-vault"
    window = make_window(qtbot, target, options)
    page = window.create_page
    suggestion = page.passphrase.suggestion.text()
    assert len(suggestion.split("-")) >= 4
    qtbot.mouseClick(page.passphrase.use_button, Qt.MouseButton.LeftButton)
    assert page.passphrase.acceptable()
    qtbot.keyClick(page.passphrase.second, Qt.Key.Key_Backspace)
    assert not page.create_button.isEnabled()  # the two copies differ
    qtbot.keyClicks(page.passphrase.second, suggestion[-1])
    assert page.create_button.isEnabled()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page() == CODE, timeout=10_000)
    code = window.code_page.code_label.text()
    assert CODE_FORMAT.match(code)
    assert code in window.recovery_sheet_document().toPlainText()
    assert not window.code_page.continue_button.isEnabled()
    window.code_page.kept.setChecked(True)
    with qtbot.waitSignal(window.unlocked) as signal:
        qtbot.mouseClick(window.code_page.continue_button, Qt.MouseButton.LeftButton)
    assert window.code_page.code_label.text() == ""  # shown once, then gone
    signal.args[0].lock()
    unlock_vault(target, suggestion, options).lock()


def test_recovery_code_sets_a_new_passphrase(
    qtbot: QtBot, vault_path: Path, recovery_code: str, options: VaultOptions
) -> None:
    window = make_window(qtbot, vault_path, options)
    qtbot.mouseClick(window.unlock_page.forgot_button, Qt.MouseButton.LeftButton)
    assert window.page() == RECOVER
    page = window.recover_page
    new = page.passphrase.suggestion.text()
    page.passphrase.use_suggestion()
    typo = recovery_code[:-1] + str((int(recovery_code[-1]) + 1) % 10)
    qtbot.keyClicks(page.code, typo)
    qtbot.mouseClick(page.recover_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert "Group 8" in page.status.text()
    assert window.page() == RECOVER
    page.code.clear()
    qtbot.keyClicks(page.code, recovery_code.replace("-", " "))
    qtbot.mouseClick(page.recover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page() == CODE, timeout=10_000)
    new_code = window.code_page.code_label.text()
    assert CODE_FORMAT.match(new_code) and new_code != recovery_code
    window.code_page.kept.setChecked(True)
    with qtbot.waitSignal(window.unlocked) as signal:
        window.code_page.continue_button.click()
    signal.args[0].lock()
    unlock_vault(vault_path, new, options).lock()


def test_relock_mode_keeps_to_one_vault(
    qtbot: QtBot, vault_path: Path, options: VaultOptions
) -> None:
    window = make_window(qtbot, vault_path, options)
    window.for_relock(vault_path)
    assert window.page() == UNLOCK
    assert not window.unlock_page.folder.isEnabled()
    assert window.unlock_page.create_button.isHidden()
    assert "locked" in window.unlock_page.title.text()


def test_deleted_backoff_file_still_makes_the_window_wait(
    qtbot: QtBot, vault_path: Path, options: VaultOptions, clock: FakeClock
) -> None:
    """The attack: delete backoff.json to clear the wait before the window opens."""
    (vault_path / "backoff.json").unlink()
    window = make_window(qtbot, vault_path, options)
    importlib.import_module("engager_desktop.services.vault_access")  # as the app's preload does
    window.refresh_backoff()
    assert window.waiting()
    assert "try again in 2 seconds" in window.unlock_page.countdown.text()
    assert not window.unlock_page.unlock_button.isEnabled()
    clock.advance(2)
    qtbot.waitUntil(lambda: not window.waiting(), timeout=3000)
    opened: list[Vault] = []
    window.unlocked.connect(opened.append)
    try_passphrase(qtbot, window, TEST_PASSPHRASE)
    assert len(opened) == 1
    try:
        with opened[0].read() as session:
            actions = session.scalars(select(AuditEvent.action)).all()
        assert "backoff_lost" in actions
    finally:
        opened[0].lock()


def test_recovery_replaces_the_key_by_default_and_names_old_backups(
    qtbot: QtBot, vault_path: Path, recovery_code: str, options: VaultOptions
) -> None:
    """The attack: a copy of the old keyslots.json and the old code, used after a recovery."""
    old = (vault_path / "keyslots.json").read_bytes()
    (vault_path / "backups" / "20261101T090000Z-before-migration-from-0004").mkdir(parents=True)
    window = make_window(qtbot, vault_path, options)
    qtbot.mouseClick(window.unlock_page.forgot_button, Qt.MouseButton.LeftButton)
    page = window.recover_page
    assert page.someone.box.isChecked(), "after a recovery, someone may know the old secrets"
    steps: list[int] = []
    window.rekey_progress.connect(lambda step, _total, _what: steps.append(step))
    page.passphrase.use_suggestion()
    qtbot.keyClicks(page.code, recovery_code)
    qtbot.mouseClick(page.recover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page() == CODE, timeout=10_000)
    assert steps == [1, 2, 3, 4]
    note = window.code_page.note.text()
    assert "re-encrypted under a new key" in note and "before-migration-from-0004" in note
    window.grab().save("/tmp/sync-audit-recovered.png")
    window.code_page.kept.setChecked(True)
    with qtbot.waitSignal(window.unlocked) as signal:
        window.code_page.continue_button.click()
    signal.args[0].lock()
    (vault_path / "keyslots.json").write_bytes(old)
    with pytest.raises(VaultDamaged):  # the old file unwraps a key that no longer opens it
        unlock_vault(vault_path, TEST_PASSPHRASE, options)
