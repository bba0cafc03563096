"""The USB sync dialogs driven as a practitioner would: enrol, revoke, export, import, conflicts."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QListWidget
from pytestqt.qtbot import QtBot

from engager_desktop.services import sync
from engager_desktop.store.orm import ReleasePlan
from engager_desktop.sync.device_card import read_card
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import unnamed_inputs
from engager_desktop.ui.sync import (
    ConflictsDialog,
    DevicesDialog,
    ExportDialog,
    ImportDialog,
    open_conflicts_dialog,
    open_devices_dialog,
    open_export_dialog,
    open_import_dialog,
)
from engager_desktop.ui.sync.conflicts_model import ConflictsModel
from tests.sync.conftest import (
    Laptop,
    add_man,
    conflict_on,
    edit_man,
    man_field,
)

pytestmark = pytest.mark.gui
Click = Qt.MouseButton.LeftButton


def settle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: ops.pending() == 0, timeout=15_000)


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot)
    return dialog


def tick(widget: QListWidget, text: str) -> None:
    for i in range(widget.count()):
        item = widget.item(i)
        if text in item.text() or item.data(Qt.ItemDataRole.UserRole) == text:
            widget.item(i).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"no item with {text!r}")


def enrolled_ids(laptop: Laptop) -> set[str]:
    return {d.device_id for d in sync.list_devices(laptop.vault) if not d.is_self}


# ------------------------------------------------------------------------------- devices


@pytest.fixture
def two(make_laptop: Callable[[str], Laptop]) -> tuple[Laptop, Laptop]:
    return make_laptop("prison"), make_laptop("community")


def _card_file(laptop: Laptop, tmp_path: Path) -> Path:
    path = tmp_path / "other.engager-card"
    path.write_bytes(laptop.card())
    return path


def _open_card(qtbot: QtBot, dialog: DevicesDialog, path: Path) -> None:
    qtbot.keyClicks(dialog.card_file.edit, str(path))
    qtbot.keyClick(dialog.card_file.edit, Qt.Key.Key_Return)


def test_enrol_with_the_matching_fingerprint_ticked(
    qtbot: QtBot, two: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, community = two
    dialog = shown(qtbot, DevicesDialog(prison.vault))
    assert dialog.own_fingerprint.text() == prison.fingerprint()
    _open_card(qtbot, dialog, _card_file(community, tmp_path))
    assert dialog.card_fingerprint.text() == community.fingerprint()
    assert not dialog.enrol_button.isEnabled()  # nothing confirmed yet
    qtbot.mouseClick(dialog.matches, Click)
    qtbot.mouseClick(dialog.enrol_button, Click)
    settle(qtbot)
    assert community.device_id in enrolled_ids(prison)
    assert "enrolled" in dialog.enrol_message.text()
    assert dialog.devices_model.rowCount() == len(sync.list_devices(prison.vault))


def test_enrol_with_the_fingerprint_typed(
    qtbot: QtBot, two: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, community = two
    dialog = shown(qtbot, DevicesDialog(prison.vault))
    _open_card(qtbot, dialog, _card_file(community, tmp_path))
    qtbot.keyClicks(dialog.typed, community.fingerprint().upper().replace("-", " "))
    qtbot.mouseClick(dialog.enrol_button, Click)
    settle(qtbot)
    assert community.device_id in enrolled_ids(prison)


def test_a_wrong_fingerprint_is_refused(
    qtbot: QtBot, two: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, community = two
    dialog = shown(qtbot, DevicesDialog(prison.vault))
    _open_card(qtbot, dialog, _card_file(community, tmp_path))
    wrong = prison.fingerprint()  # a real fingerprint, but the wrong laptop's
    qtbot.keyClicks(dialog.typed, wrong)
    qtbot.mouseClick(dialog.enrol_button, Click)
    settle(qtbot)
    assert community.device_id not in enrolled_ids(prison)
    assert "does not match" in dialog.enrol_message.text()
    assert "Traceback" not in dialog.enrol_message.text()


def test_a_file_that_is_not_a_card_is_a_plain_error(
    qtbot: QtBot, two: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, _ = two
    junk = tmp_path / "junk.engager-card"
    junk.write_bytes(b"{not json")
    dialog = shown(qtbot, DevicesDialog(prison.vault))
    _open_card(qtbot, dialog, junk)
    assert "not a valid device card" in dialog.enrol_message.text()
    assert dialog.card_fingerprint.isHidden() and not dialog.enrol_button.isEnabled()


def test_save_this_laptops_card_to_the_stick(
    qtbot: QtBot, two: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, _ = two
    dialog = shown(qtbot, DevicesDialog(prison.vault))
    qtbot.keyClicks(dialog.card_folder.edit, str(prison.stick))
    for _ in range(2):  # the second save takes a new name; nothing is overwritten
        qtbot.mouseClick(dialog.save_card, Click)
        settle(qtbot)
    cards = sorted(prison.stick.iterdir())
    stem = f"engager-laptop-{prison.device_id[:8]}"  # the laptop's name, made safe
    assert [p.name for p in cards] == [f"{stem}-2.engager-card", f"{stem}.engager-card"]
    assert read_card(cards[1].read_bytes()).fingerprint == prison.fingerprint()
    assert "Card saved" in dialog.card_message.text()


def test_revoke_asks_first(qtbot: QtBot, pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    dialog = shown(qtbot, DevicesDialog(prison.vault))
    asked: list[str] = []
    answer = [False]
    dialog.confirm = lambda _parent, _title, question: asked.append(question) or answer[0]
    assert not dialog.revoke_button.isEnabled()
    rows = [dialog.devices_model.row_at(i).id for i in range(dialog.devices_model.rowCount())]
    dialog.devices.selectRow(rows.index(community.device_id))
    qtbot.mouseClick(dialog.revoke_button, Click)
    settle(qtbot)
    assert len(asked) == 1 and not _revoked(prison, community)
    answer[0] = True
    qtbot.mouseClick(dialog.revoke_button, Click)
    settle(qtbot)
    assert _revoked(prison, community)
    assert not dialog.revoke_button.isEnabled()  # a revoked laptop cannot be chosen again


def _revoked(laptop: Laptop, other: Laptop) -> bool:
    (view,) = [d for d in sync.list_devices(laptop.vault) if d.device_id == other.device_id]
    return view.revoked_at is not None


# ------------------------------------------------------------------------------- export


def test_export_to_an_enrolled_laptop(qtbot: QtBot, pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(prison, prison_number="A1234BC")
    dialog = shown(qtbot, ExportDialog(prison.vault))
    assert not dialog.export_button.isEnabled()
    qtbot.keyClicks(dialog.folder.edit, str(prison.stick))
    assert not dialog.export_button.isEnabled()  # no recipient ticked yet
    tick(dialog.devices, community.device_id)
    qtbot.mouseClick(dialog.export_button, Click)
    settle(qtbot)
    (bundle,) = prison.stick.iterdir()
    assert dialog.result_ is not None and dialog.result_.path == bundle
    assert bundle.name in dialog.message.text()
    assert "safe to remove the stick" in dialog.message.text()
    assert community.take(bundle).men_new == 1
    assert man_field(community, man, "prison_number") == "A1234BC"


def test_export_chosen_men_only(qtbot: QtBot, pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    chosen = add_man(prison, given_name="Huw", family_name="Morgan")
    add_man(prison, given_name="Ieuan")
    with prison.vault.write() as session:  # no consent recorded to share his phone number
        session.add(ReleasePlan(participant_id=chosen, phone_number="07700 900417"))
    dialog = shown(qtbot, ExportDialog(prison.vault, men=(chosen,)))
    assert dialog.scope_men.isChecked()
    settle(qtbot)
    assert dialog.left_out.isVisible()  # said before anything is exported
    assert "Huw Morgan: his release plan (he has not agreed" in dialog.left_out.text()
    dialog.scope_everything.setChecked(True)  # the team's own sync is not filtered
    assert not dialog.left_out.isVisible()
    dialog.scope_men.setChecked(True)
    settle(qtbot)
    assert dialog.left_out.isVisible()
    qtbot.keyClicks(dialog.folder.edit, str(prison.stick))
    tick(dialog.devices, community.device_id)
    qtbot.mouseClick(dialog.export_button, Click)
    settle(qtbot)
    assert dialog.result_ is not None and dialog.result_.men == 1
    text = dialog.message.text()
    assert "Left out for want of his consent" in text
    assert "Huw Morgan: his release plan (he has not agreed" in text
    assert "sharing his contact details" in text


def test_export_failure_is_a_plain_message(qtbot: QtBot, pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    dialog = shown(qtbot, ExportDialog(prison.vault))
    qtbot.keyClicks(dialog.folder.edit, str(prison.stick / "gone"))
    tick(dialog.devices, community.device_id)
    qtbot.mouseClick(dialog.export_button, Click)
    settle(qtbot)
    assert "Nothing was exported" in dialog.message.text()
    assert "stick plugged in" in dialog.message.text()
    assert dialog.export_button.isEnabled()


# ------------------------------------------------------------------------------- import


def test_import_previews_then_commits_only_when_asked(
    qtbot: QtBot, pair: tuple[Laptop, Laptop]
) -> None:
    prison, community = pair
    man = add_man(prison, given_name="Huw")
    bundle = prison.export(community)
    before = community.digest()
    dialog = shown(qtbot, ImportDialog(community.vault))
    qtbot.keyClicks(dialog.bundle.edit, str(bundle))
    qtbot.mouseClick(dialog.preview_button, Click)
    settle(qtbot)
    assert dialog.preview is not None and not dialog.preview.committed
    assert dialog.preview_box.isVisible() and dialog.import_button.isVisible()
    assert dialog.preview_box.cells["men_new"].text() == "1"
    assert dialog.preview_box.cells["records_new"].text() == "1"
    assert community.digest() == before  # nothing changed by the preview
    qtbot.mouseClick(dialog.import_button, Click)
    settle(qtbot)
    assert dialog.summary is not None and dialog.summary.committed
    assert man_field(community, man, "given_name") == "Huw"
    assert community.digest() == prison.digest()
    assert "Imported bundle" in dialog.message.text()

    again = shown(qtbot, ImportDialog(community.vault))
    qtbot.keyClicks(again.bundle.edit, str(bundle))
    qtbot.mouseClick(again.preview_button, Click)
    settle(qtbot)
    assert "already imported" in again.message.text()
    assert again.import_button.isHidden() and again.preview_box.isHidden()


def test_passphrase_bundle_asks_for_the_passphrase(
    qtbot: QtBot, pair: tuple[Laptop, Laptop]
) -> None:
    prison, community = pair
    man = add_man(prison, given_name="Owain")
    export = shown(qtbot, ExportDialog(prison.vault))
    qtbot.keyClicks(export.folder.edit, str(prison.stick))
    qtbot.mouseClick(export.to_passphrase, Click)
    passphrase = export.passphrase_text.text()
    assert passphrase and export.passphrase_text.isVisible()
    assert not export.export_button.isEnabled()  # not until it is written down
    qtbot.keyClick(export.written_down, Qt.Key.Key_Space)
    assert export.export_button.isEnabled(), export.problem()
    qtbot.mouseClick(export.export_button, Click)
    settle(qtbot)
    assert export.result_ is not None, export.message.text()
    assert export.result_.by_passphrase
    assert passphrase not in export.passphrase_text.text()  # shown once only

    dialog = shown(qtbot, ImportDialog(community.vault))
    assert dialog.passphrase.isHidden()
    qtbot.keyClicks(dialog.bundle.edit, str(export.result_.path))
    qtbot.mouseClick(dialog.preview_button, Click)
    settle(qtbot)
    assert dialog.passphrase.isVisible() and "passphrase" in dialog.passphrase_message.text()
    qtbot.keyClicks(dialog.passphrase, "wrong-passphrase-here-xyz")
    qtbot.mouseClick(dialog.preview_button, Click)
    settle(qtbot)
    assert "wrong bundle passphrase" in dialog.passphrase_message.text().lower()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.mouseClick(dialog.preview_button, Click)
    settle(qtbot)
    assert dialog.preview is not None and dialog.preview.by_passphrase
    qtbot.mouseClick(dialog.import_button, Click)
    settle(qtbot)
    assert man_field(community, man, "given_name") == "Owain"


def test_a_refused_bundle_is_a_plain_message(
    qtbot: QtBot, pair: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, community = pair
    bundle = prison.export(community)
    broken = tmp_path / bundle.name
    broken.write_bytes(bundle.read_bytes()[:-40])
    dialog = shown(qtbot, ImportDialog(community.vault))
    qtbot.keyClicks(dialog.bundle.edit, str(broken))
    qtbot.mouseClick(dialog.preview_button, Click)
    settle(qtbot)
    assert dialog.message.text().startswith("Nothing was imported.")
    assert dialog.import_button.isHidden()


# ------------------------------------------------------------------------------- conflicts


@pytest.mark.parametrize(
    ("later", "button", "kept"),
    [
        ("community", "keep_mine", "prison's note"),
        ("prison", "take_theirs", "community's note"),
    ],
)
def test_conflict_review_resolves_both_ways(
    qtbot: QtBot, pair: tuple[Laptop, Laptop], later: str, button: str, kept: str
) -> None:
    prison, community = pair
    man = conflict_on(prison, community, prison if later == "prison" else community)
    assert man_field(prison, man, "notes") == f"{later}'s note"  # the later edit won for now
    dialog = shown(qtbot, ConflictsDialog(prison.vault))
    assert dialog.model.rowCount() == 1
    settle(qtbot)
    assert _grid_texts(dialog)[4:7] == [
        "Notes",
        "prison's note" + ("\n(kept for now)" if later == "prison" else ""),
        "community's note" + ("\n(kept for now)" if later == "community" else ""),
    ]
    qtbot.mouseClick(getattr(dialog, button), Click)
    settle(qtbot)
    assert man_field(prison, man, "notes") == kept
    assert sync.list_conflicts(prison.vault) == []
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisible()


def test_conflicts_for_one_man_only(qtbot: QtBot, pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = conflict_on(prison, community, community)
    other = shown(qtbot, ConflictsDialog(prison.vault, man_id="someone-else"))
    assert other.model.rowCount() == 0
    his = shown(qtbot, ConflictsDialog(prison.vault, man_id=man))
    assert his.model.rowCount() == 1
    assert his.model.index(0, 0).data() == "Dafydd Rees"


def test_models_pass_qtmodeltester(qtmodeltester, pair: tuple[Laptop, Laptop]) -> None:  # type: ignore[no-untyped-def]
    prison, community = pair
    conflict_on(prison, community, community)
    from engager_desktop.ui.sync.conflicts_dialog import _load

    model = ConflictsModel()
    qtmodeltester.check(model)
    model.set_rows(_load(prison.vault, None))
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_import_says_a_conflict_was_settled_on_the_other_laptop(
    qtbot: QtBot, pair: tuple[Laptop, Laptop]
) -> None:
    prison, community = pair
    man = add_man(prison, notes="start")
    community.take(prison.export(community))
    edit_man(prison, man, notes="prison's note")
    community.tick(600)
    edit_man(community, man, notes="community's note")
    from_prison = prison.export(community, since_ack=True)
    prison.take(community.export(prison, since_ack=True))
    community.take(from_prison)  # both laptops now hold the conflict
    (conflict,) = sync.list_conflicts(prison.vault)
    prison.tick(600)
    sync.resolve_conflict(prison.vault, conflict.id, sync.KEEP_MINE)
    dialog = shown(qtbot, ImportDialog(community.vault))
    qtbot.keyClicks(dialog.bundle.edit, str(prison.export(community, since_ack=True)))
    qtbot.mouseClick(dialog.preview_button, Click)
    settle(qtbot)
    words = "was settled on Engager laptop: notes: the other laptop's text stands."
    assert dialog.preview_box.settled.isVisible() and words in dialog.preview_box.settled.text()
    qtbot.mouseClick(dialog.import_button, Click)
    settle(qtbot)
    assert words in dialog.preview_box.settled.text()
    if os.environ.get("ENGAGER_SYNC_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["ENGAGER_SYNC_SHOTS"], "sync-settled.png"))
    assert sync.list_conflicts(community.vault) == []
    assert man_field(community, man, "notes") == "prison's note"


def _grid_texts(dialog: ConflictsDialog) -> list[str]:
    """The labels of the field grid, row by row (headers first)."""
    grid = dialog.fields.widget().layout()
    texts = []
    for index in range(grid.count()):
        widget = grid.itemAt(index).widget()
        if isinstance(widget, QLabel):
            texts.append(widget.text())
    return texts


def test_each_field_is_kept_or_taken_on_its_own(qtbot: QtBot, pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(prison, notes="start", establishment="HMP Parc")
    community.take(prison.export(community))
    edit_man(prison, man, notes="prison's note", establishment="HMP Cardiff")
    community.tick(600)
    edit_man(community, man, notes="community's note", establishment="HMP Swansea")
    prison.take(community.export(prison, since_ack=True))
    dialog = shown(qtbot, ConflictsDialog(prison.vault))
    assert set(dialog.fields.buttons) == {
        (field, choice)
        for field in ("notes", "establishment")
        for choice in (sync.KEEP_MINE, sync.TAKE_THEIRS)
    }
    qtbot.mouseClick(dialog.fields.buttons[("notes", sync.KEEP_MINE)], Click)
    settle(qtbot)
    assert man_field(prison, man, "notes") == "prison's note"
    assert dialog.model.rowCount() == 1  # the conflict stays, its other field still open
    assert "Settled here: this laptop's text stands." in _grid_texts(dialog)
    assert set(dialog.fields.buttons) == {
        ("establishment", sync.KEEP_MINE),
        ("establishment", sync.TAKE_THEIRS),
    }
    assert dialog.message.text().startswith("Your choice for that field is kept")
    if os.environ.get("ENGAGER_SYNC_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["ENGAGER_SYNC_SHOTS"], "sync-fields.png"))
    qtbot.mouseClick(dialog.fields.buttons[("establishment", sync.TAKE_THEIRS)], Click)
    settle(qtbot)
    assert man_field(prison, man, "establishment") == "HMP Swansea"
    assert dialog.model.rowCount() == 0 and sync.list_conflicts(prison.vault) == []


# ------------------------------------------------------------------------------- everything


def test_entry_points_open_named_dialogs(qtbot: QtBot, pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    conflict_on(prison, community, community)
    opened = [
        open_devices_dialog(prison.vault, None),
        open_export_dialog(prison.vault, None),
        open_import_dialog(prison.vault, None),
        open_conflicts_dialog(prison.vault, None),
    ]
    settle(qtbot)
    export = opened[1]
    assert isinstance(export, ExportDialog)
    qtbot.mouseClick(export.to_passphrase, Click)
    for dialog in opened:
        qtbot.addWidget(dialog)
        assert dialog.isVisible()
        assert unnamed_inputs(dialog) == [], type(dialog).__name__


def test_screenshots(qtbot: QtBot, pair: tuple[Laptop, Laptop], tmp_path: Path) -> None:
    """Each dialog renders; with ENGAGER_SYNC_SHOTS=DIR the PNGs are kept there to look at."""
    prison, community = pair
    out = Path(os.environ.get("ENGAGER_SYNC_SHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    conflict_on(prison, community, community)
    add_man(prison, given_name="Huw", prison_number="A1234BC")
    shots: dict[str, QDialog] = {}

    devices = shown(qtbot, DevicesDialog(prison.vault))
    card = tmp_path / "card.engager-card"
    card.write_bytes(community.card())
    _open_card(qtbot, devices, card)
    shots["devices"] = devices

    export = shown(qtbot, ExportDialog(prison.vault))
    export.folder.edit.setText(str(prison.stick))
    tick(export.devices, community.device_id)
    shots["export"] = export
    passphrase = shown(qtbot, ExportDialog(prison.vault))
    qtbot.mouseClick(passphrase.to_passphrase, Click)
    shots["export-passphrase"] = passphrase
    done = shown(qtbot, ExportDialog(prison.vault))
    done.folder.edit.setText(str(prison.stick))
    tick(done.devices, community.device_id)
    qtbot.mouseClick(done.export_button, Click)
    settle(qtbot)
    shots["export-done"] = done

    preview = shown(qtbot, ImportDialog(community.vault))
    preview.bundle.edit.setText(str(done.result_.path if done.result_ else ""))
    qtbot.mouseClick(preview.preview_button, Click)
    settle(qtbot)
    shots["import-preview"] = preview
    shots["conflicts"] = shown(qtbot, ConflictsDialog(prison.vault))
    for name, dialog in shots.items():
        dialog.adjustSize()
        settle(qtbot)
        image = dialog.grab()
        assert not image.isNull() and image.width() > 300
        assert image.save(str(out / f"sync-{name}.png"))
