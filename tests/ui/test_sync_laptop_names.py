"""Laptop names in the GUI: asked for at creation, changed in the devices dialog, shown with the
dates bundles last went each way; a bundle passphrase can be shown as typed and typed loosely."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from engager_desktop.services import laptops, sync
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.vault import VaultOptions
from engager_desktop.ui import ops
from engager_desktop.ui.sync import DevicesDialog, ExportDialog, ImportDialog
from engager_desktop.ui.unlock_window import CODE, UnlockWindow
from tests.sync.conftest import Laptop, add_man

pytestmark = pytest.mark.gui
Click = Qt.MouseButton.LeftButton
ROOM = "Sam – HMP Example interview room"


def settle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: ops.pending() == 0, timeout=15_000)


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot)
    return dialog


def test_creating_a_vault_asks_for_the_laptops_name(
    qtbot: QtBot, tmp_path: Path, options: VaultOptions
) -> None:
    target = tmp_path / "new-vault"
    window = UnlockWindow(target, options)
    qtbot.addWidget(window)
    window.show()
    page = window.create_page
    assert page.laptop_name.text()  # a sensible default is filled in
    page.laptop_name.setText(ROOM)  # (keyClicks types Latin-1 only; the name has a dash)
    qtbot.mouseClick(page.passphrase.use_button, Click)
    suggestion = page.passphrase.suggestion.text()
    assert page.create_button.isEnabled()
    page.laptop_name.setText("Sam\tRoom")
    assert not page.create_button.isEnabled() and "control" in page.name_problem.text()
    page.laptop_name.setText(ROOM)
    qtbot.mouseClick(page.create_button, Click)
    qtbot.waitUntil(lambda: window.page() == CODE, timeout=10_000)
    window.code_page.kept.setChecked(True)
    with qtbot.waitSignal(window.unlocked) as signal:
        qtbot.mouseClick(window.code_page.continue_button, Click)
    signal.args[0].lock()
    vault = unlock_vault(target, suggestion, options)
    try:
        assert laptops.laptop_name(vault) == ROOM
    finally:
        vault.lock()


def test_rename_this_laptop_and_see_bundle_dates(qtbot: QtBot, pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    add_man(prison)
    community.take(prison.export(community))
    dialog = shown(qtbot, DevicesDialog(prison.vault))
    dialog.own_name_edit.setText(ROOM)
    qtbot.mouseClick(dialog.rename_button, Click)
    settle(qtbot)
    assert laptops.laptop_name(prison.vault) == ROOM
    assert "enrol" in dialog.card_message.text()
    model = dialog.devices_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Last bundle to it" in headers and "Last bundle from it" in headers
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    (mine,) = [r for r in rows if r[0] == ROOM]
    (theirs,) = [r for r in rows if r[1] == community.fingerprint()]
    assert theirs[headers.index("Last bundle to it")] == "2 Nov 2026"
    assert theirs[headers.index("Last bundle from it")] == "Never"
    dialog.own_name_edit.setText("Sam\x1b[2J")
    qtbot.mouseClick(dialog.rename_button, Click)
    settle(qtbot)
    assert "control" in dialog.card_message.text()
    assert laptops.laptop_name(prison.vault) == ROOM


def test_passphrase_can_be_shown_and_typed_loosely(
    qtbot: QtBot, pair: tuple[Laptop, Laptop]
) -> None:
    prison, community = pair
    add_man(prison, given_name="Owain")
    phrase = sync.generate_passphrase()
    path = sync.export(prison.vault, prison.stick, passphrase=phrase).path
    dialog = shown(qtbot, ImportDialog(community.vault))
    qtbot.keyClicks(dialog.bundle.edit, str(path))
    qtbot.mouseClick(dialog.preview_button, Click)
    settle(qtbot)
    assert dialog.passphrase.isVisible() and dialog.show_typed.isVisible()
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(dialog.passphrase, phrase.replace("-", " ").upper())
    qtbot.mouseClick(dialog.show_typed, Click)
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.mouseClick(dialog.preview_button, Click)
    settle(qtbot)
    assert dialog.preview is not None and dialog.preview.by_passphrase


def test_the_export_message_names_the_laptop(qtbot: QtBot, pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    laptops.rename_laptop(community.vault, "Jo – Probation")
    sync.enrol(prison.vault, community.card(), community.fingerprint())
    add_man(prison)
    dialog = shown(qtbot, ExportDialog(prison.vault))
    dialog.folder.edit.setText(str(prison.stick))
    items = [dialog.devices.item(i) for i in range(dialog.devices.count())]
    (item,) = [i for i in items if i.data(Qt.ItemDataRole.UserRole) == community.device_id]
    assert "Jo – Probation" in item.text()
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.export_button, Click)
    settle(qtbot)
    assert "for “Jo – Probation”" in dialog.message.text()


def test_the_fingerprint_card_prints_from_the_devices_dialog(
    qtbot: QtBot, pair: tuple[Laptop, Laptop]
) -> None:
    prison, _community = pair
    dialog = shown(qtbot, DevicesDialog(prison.vault))
    preview = dialog.print_fingerprint_card()
    qtbot.waitUntil(lambda: getattr(preview, "prepared", None) is not None, timeout=15_000)
    assert preview.prepared.kind == "device-card"  # type: ignore[attr-defined]
    settle(qtbot)
    preview.close()
