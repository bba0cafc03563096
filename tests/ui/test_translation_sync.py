"""The USB sync, data-protection and passphrase windows in the catalogue: each opened with real
content (two enrolled laptops, a bundle, a conflict, a man due for review) is walked in the
pseudo-language, which marks every catalogue string ⟦…⟧; in Welsh their access keys stay unique
and at 1024×768 no label or button is cut."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from engager_desktop import i18n
from engager_desktop.domain.clock import FakeClock
from engager_desktop.services import sync
from engager_desktop.store.vault import Vault
from engager_desktop.ui import i18n as ui_i18n
from engager_desktop.ui.a11y_checks import access_key_clashes
from engager_desktop.ui.passphrase_dialog import PassphraseDialog
from engager_desktop.ui.protection import EraseDialog, RetentionDialog, SarDialog
from engager_desktop.ui.sync import (
    ConflictsDialog,
    DevicesDialog,
    ExportDialog,
    HandoverDialog,
    ImportDialog,
)
from tests.sync.conftest import Laptop, conflict_on
from tests.ui.app_fixtures import wait_ops
from tests.ui.test_protection_dialogs import closed_man
from tests.ui.test_translation import cut_words, not_in_catalogue, unmarked

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]
SIX_YEARS = timedelta(days=6 * 366 + 2).total_seconds()


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    ui_i18n.apply(i18n.ENGLISH)


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    wait_ops(qtbot, timeout=60_000)
    return dialog


def tick_all(widget: QListWidget) -> None:
    for i in range(widget.count()):
        widget.item(i).setCheckState(Qt.CheckState.Checked)


def sync_windows(qtbot: QtBot, prison: Laptop, community: Laptop) -> list[tuple[QDialog, tuple]]:
    """Every sync window, opened on real content and driven to its result; with the data each
    shows (names, fingerprints, paths, typed values) that is not ours to translate."""
    man = conflict_on(prison, community, community)
    # (a busy bar shows no text: its format is Qt's default "%p%")
    data: tuple[str, ...] = (
        prison.fingerprint(),
        community.fingerprint(),
        "%p%",
        "Engager laptop",
    )
    windows: list[tuple[QDialog, tuple]] = []

    devices = shown(qtbot, DevicesDialog(prison.vault))
    assert isinstance(devices, DevicesDialog)
    card = prison.stick / "community.engager-card"
    card.write_bytes(community.card())
    devices.card_file.edit.setText(str(card))
    devices.read_card()
    assert devices.card_fingerprint.isVisible()
    windows.append((devices, data))

    export = shown(qtbot, ExportDialog(prison.vault, men=(man,)))
    assert isinstance(export, ExportDialog)
    export.folder.edit.setText(str(prison.stick))
    export.to_passphrase.setChecked(True)
    said = (*data, export.passphrase or "")
    if i18n.language() == i18n.PSEUDO:
        box = export.passphrase_label.parentWidget()
        assert not_in_catalogue(box, skip=(export.devices,), data=said) == []
    export.to_devices.setChecked(True)  # a passphrase's key derivation is slow on purpose
    tick_all(export.devices)
    windows.append((export, said))
    export.export()
    wait_ops(qtbot, timeout=60_000)
    assert export.result_ is not None

    bundle = prison.export(community, since_ack=True)
    importer = shown(qtbot, ImportDialog(community.vault))
    assert isinstance(importer, ImportDialog)
    importer.bundle.edit.setText(str(bundle))
    importer.run_preview()
    wait_ops(qtbot, timeout=60_000)
    assert importer.preview is not None and importer.preview_box.isVisible()
    windows.append((importer, data))

    conflicts = shown(qtbot, ConflictsDialog(prison.vault))
    assert isinstance(conflicts, ConflictsDialog)
    assert conflicts.current is not None
    windows.append((conflicts, (*data, "prison's note", "community's note")))

    handover = shown(qtbot, HandoverDialog(prison.vault, men=(man,)))
    assert isinstance(handover, HandoverDialog)
    handover.folder.edit.setText(str(prison.stick))
    windows.append((handover, data))
    return windows


def protection_windows(qtbot: QtBot, vault: Vault, clock: FakeClock) -> list[tuple[QDialog, tuple]]:
    man = closed_man(vault, clock)
    clock.advance(SIX_YEARS)
    retention = shown(qtbot, RetentionDialog(vault))
    assert isinstance(retention, RetentionDialog)
    assert retention.model.rowCount() == 1
    retention.table.selectRow(0)
    erase = shown(qtbot, EraseDialog(vault, man))
    sar = shown(qtbot, SarDialog(vault, man))
    passphrase = shown(qtbot, PassphraseDialog(vault))
    return [(retention, ()), (erase, ()), (sar, ()), (passphrase, ())]


def conflict_cells(dialog: QDialog) -> list[str]:
    """The conflict grid's field names and values: data, which the walk leaves aside."""
    grid = dialog.findChildren(QLabel)
    return [label.text() for label in grid if label.textFormat() == Qt.TextFormat.PlainText]


def test_the_sync_windows_are_in_the_catalogue(qtbot: QtBot, pair: tuple[Laptop, Laptop]) -> None:
    ui_i18n.apply(i18n.PSEUDO)
    found = sync_windows(qtbot, *pair)
    windows = [d for d, _ in found]
    for dialog, data in found:
        if isinstance(dialog, ConflictsDialog):
            data = (*data, *conflict_cells(dialog))
        lists = tuple(dialog.findChildren(QListWidget))  # their items are men and laptops
        problems = [
            p
            for p in not_in_catalogue(dialog, data=data)
            if not p.startswith(("QLineEdit", "QLineEditIconButton"))
        ]
        problems += [f"list: {w.accessibleName()}" for w in lists if unmarked(w.accessibleName())]
        assert problems == [], type(dialog).__name__
    conflicts = next(d for d in windows if isinstance(d, ConflictsDialog))
    names = [w.text() for w in conflicts.fields.findChildren(QLabel) if "Notes" in w.text()]
    assert names == ["\u27e6Notes\u27e7"]  # the field's name, through the catalogue


def test_the_results_and_refusals_of_the_sync_windows_are_marked(
    qtbot: QtBot, pair: tuple[Laptop, Laptop]
) -> None:
    ui_i18n.apply(i18n.PSEUDO)
    windows = dict((type(d).__name__, d) for d, _data in sync_windows(qtbot, *pair))
    export = windows["ExportDialog"]
    assert isinstance(export, ExportDialog)
    assert not unmarked(export.message.text()), export.message.text()
    assert not unmarked(export.close_button.text())
    importer = windows["ImportDialog"]
    assert isinstance(importer, ImportDialog)
    for label in (importer.preview_box.head, importer.preview_box.unchanged, importer.message):
        assert not unmarked(label.text()), label.text()
    importer.bundle.edit.setText(str(pair[0].stick / "not-a-bundle.engager"))
    (pair[0].stick / "not-a-bundle.engager").write_bytes(b"not a bundle at all")
    importer.run_preview()
    wait_ops(qtbot, timeout=60_000)
    assert importer.message.text().startswith("\u27e6Nothing was imported.")
    assert not unmarked(importer.message.text()), importer.message.text()


def test_the_protection_and_passphrase_windows_are_in_the_catalogue(
    qtbot: QtBot, vault: Vault, clock: FakeClock
) -> None:
    ui_i18n.apply(i18n.PSEUDO)
    for dialog, data in protection_windows(qtbot, vault, clock):
        names = tuple(w.text() for w in dialog.findChildren(QLabel) if "Tomasz" in w.text())
        problems = [
            p
            for p in not_in_catalogue(dialog, data=(*data, *names))
            if not p.startswith(("QLineEdit", "QLineEditIconButton"))
        ]
        assert problems == [], type(dialog).__name__
        if isinstance(dialog, RetentionDialog):
            model = dialog.model
            for column in range(1, model.columnCount()):  # phase, why, due since
                cell = str(model.index(0, column).data())
                assert not unmarked(cell) or column == 3, cell
            assert not unmarked(dialog.status.text())


def test_in_welsh_access_keys_are_unique_and_nothing_is_cut(
    qtbot: QtBot,
    make_laptop: Callable[[str], Laptop],
    vault: Vault,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    ui_i18n.apply("cy")
    prison, community = make_laptop("prison"), make_laptop("community")
    prison.enrol(community)
    community.enrol(prison)
    windows = [d for d, _ in sync_windows(qtbot, prison, community)]
    windows += [d for d, _ in protection_windows(qtbot, vault, clock)]
    for dialog in windows:
        name = type(dialog).__name__
        assert access_key_clashes(dialog) == {}, name
        size = dialog.sizeHint().expandedTo(dialog.minimumSize())
        assert size.width() <= 1024 and size.height() <= 768, (name, size)
        dialog.resize(min(1024, max(dialog.width(), size.width())), min(768, size.height()))
        qtbot.wait(10)
        # cut_words measures a label's text as written: "<b>Dynion</b>" counts its tags
        assert [w for w in cut_words(dialog) if not w.startswith("<b>")] == [], name
    export = next(d for d in windows if isinstance(d, ExportDialog))
    assert export.close_button.text() == "Wedi gorffen"
    assert "2 o gofnodion" not in export.message.text()  # the count's own form, not a plural "s"
    importer = next(d for d in windows if isinstance(d, ImportDialog))
    assert importer.windowTitle() == "Mewnforio o gof bach USB"


def test_a_count_takes_its_welsh_form() -> None:
    with i18n.using("cy"):
        records = [i18n.trn("Sync", "{n} record", "{n} records", n) for n in (1, 2, 3, 6, 11)]
        men = [i18n.trn("Handover", "{n} man", "{n} men", n) for n in (1, 2, 11)]
    assert records == ["1 cofnod", "2 gofnod", "3 chofnod", "6 chofnod", "11 o gofnodion"]
    assert men == ["1 dyn", "2 ddyn", "11 o ddynion"]
    assert sync.KEEP_MINE  # the conflict choices keep their stored keys whatever the language


def test_refusals_of_the_lower_layers_read_in_welsh_in_the_windows(
    qtbot: QtBot, pair: tuple[Laptop, Laptop], vault: Vault
) -> None:
    ui_i18n.apply("cy")
    prison, community = pair
    junk = prison.stick / "not-a-bundle.engager"
    junk.write_bytes(b"age-encryption.org/v1\n-> nothing here\n")
    importer = shown(qtbot, ImportDialog(prison.vault))
    assert isinstance(importer, ImportDialog)
    importer.bundle.edit.setText(str(junk))
    importer.run_preview()
    wait_ops(qtbot, timeout=60_000)
    said = importer.message.text()
    assert said.startswith("Ni fewnforiwyd dim. Nid yw'r ffeil yn fwndel"), said

    devices = shown(qtbot, DevicesDialog(community.vault))
    assert isinstance(devices, DevicesDialog)
    other = make_card(prison, community.stick)
    devices.card_file.edit.setText(str(other))
    devices.read_card()
    devices.typed.setText("0000-0000-0000-0000")
    devices.enrol()
    wait_ops(qtbot, timeout=60_000)
    assert devices.enrol_message.text().startswith("Nid yw'r ôl bys a deipiwyd yn cyfateb")

    dialog = shown(qtbot, PassphraseDialog(vault))
    assert isinstance(dialog, PassphraseDialog)
    dialog.current.setText("not the passphrase")
    for edit in dialog.passphrase.findChildren(QLineEdit):
        edit.setText("tidal lantern orchard pebble violet")
    dialog.change_passphrase()
    wait_ops(qtbot, timeout=60_000)
    assert dialog.status.text() == "Nid yw'r cyfrinymadrodd yn gywir", dialog.status.text()


def make_card(laptop: Laptop, folder: Path) -> Path:
    path = folder / f"{laptop.name}.engager-card"
    path.write_bytes(laptop.card())
    return path
