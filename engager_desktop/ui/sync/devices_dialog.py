"""Devices: save this laptop's card to the stick, enrol another laptop's card, revoke a device."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.domain import device_names
from engager_desktop.i18n import N_, short_date, tr
from engager_desktop.services import laptops, sync
from engager_desktop.services.sync import CARD_SUFFIX, DeviceCard
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.models.rows_model import ID_ROLE, RowsModel, TextRow
from engager_desktop.ui.sync.common import (
    MessageLine,
    PathField,
    ask_card_file,
    ask_folder,
    ask_yes,
    big_text,
    labelled,
)

DEVICE_HEADERS = (
    N_("Devices", "Laptop"),
    N_("Devices", "Fingerprint"),
    N_("Devices", "Enrolled"),
    N_("Devices", "Last bundle from it"),
    N_("Devices", "Last bundle to it"),
    N_("Devices", "Status"),
    N_("Devices", "Used by"),
)


def free_card_path(folder: Path, device_id: str, name: str) -> Path:
    """``<laptop name>-<start of device id>.engager-card`` in ``folder`` (the name made safe, as
    in bundle file names), numbered if that name is taken."""
    stem = f"{device_names.file_slug(name)}-{device_id[:8]}"
    path = folder / f"{stem}{CARD_SUFFIX}"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}{CARD_SUFFIX}"
        number += 1
    return path


def _day(value: datetime | None, is_self: bool) -> str:
    if is_self:
        return ""
    return tr("Devices", "Never") if value is None else short_date(value)


def _device_row(view: laptops.DeviceRow) -> TextRow:
    if view.is_self:
        status = tr("Devices", "This laptop")
    elif view.revoked_at is not None:
        status = tr("Devices", "Revoked {day}").format(day=short_date(view.revoked_at))
    else:
        status = tr("Devices", "Enrolled")
    cells = (
        view.name,
        view.fingerprint,
        short_date(view.enrolled_at),
        _day(view.last_import_at, view.is_self),
        _day(view.last_export_at, view.is_self),
        status,
        f"{view.practitioner} ({_role(view.role)})" if view.practitioner else "",
    )
    return TextRow(cells, id=None if view.is_self or view.revoked_at else view.device_id)


ROLES = {"practitioner": N_("Devices", "practitioner"), "supervisor": N_("Devices", "supervisor")}


def _role(role: str | None) -> str:
    """The team role in the language in use (an unknown one as it is)."""
    if role is not None and role in ROLES:
        return tr("Devices", ROLES[role])
    return role or ""


class DevicesDialog(QDialog):
    """This laptop's card, enrolment of another laptop's card, and the enrolled devices."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.confirm = ask_yes
        self.card: DeviceCard | None = None
        self._card_data = b""
        self.stored_name = device_names.DEFAULT_NAME  # as last read from the vault
        self.setWindowTitle(tr("Devices", "Laptops for USB sync"))
        layout = QVBoxLayout(self)
        layout.addWidget(self._own_box())
        layout.addWidget(self._enrol_box())
        layout.addWidget(self._devices_box(), 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.load()

    # ----------------------------------------------------------------- this laptop

    def _own_box(self) -> QGroupBox:
        box = QGroupBox(tr("Devices", "This laptop"))
        form = QVBoxLayout(box)
        self.own_name = QLabel("…")
        form.addWidget(self.own_name)
        name_row = QHBoxLayout()
        self.own_name_edit = QLineEdit()
        self.own_name_edit.setMaxLength(device_names.MAX_LENGTH)
        name_row.addWidget(labelled(tr("Devices", "Its na&me:"), self.own_name_edit))
        name_row.addWidget(self.own_name_edit, 1)
        self.rename_button = QPushButton(tr("Devices", "Rename &it"))
        self.rename_button.setAutoDefault(False)
        self.rename_button.clicked.connect(self.rename)
        name_row.addWidget(self.rename_button)
        form.addLayout(name_row)
        self.own_fingerprint = big_text("…", name=tr("Devices", "This laptop's fingerprint"))
        form.addWidget(
            QLabel(
                tr("Devices", "Its fingerprint (the other laptop shows this when enrolling it):")
            )
        )
        form.addWidget(self.own_fingerprint)
        self.print_card = QPushButton(tr("Devices", "&Print its fingerprint card…"))
        self.print_card.setAutoDefault(False)
        self.print_card.setToolTip(
            tr("Devices", "The name and fingerprint in large groups, to read out by phone")
        )
        self.print_card.clicked.connect(self.print_fingerprint_card)
        form.addWidget(self.print_card, 0, Qt.AlignmentFlag.AlignLeft)
        self.card_folder = PathField(tr("Devices", "Stick folder"), ask_folder)
        row = QHBoxLayout()
        row.addWidget(labelled(tr("Devices", "Save the card &to:"), self.card_folder))
        row.addWidget(self.card_folder, 1)
        self.save_card = QPushButton(tr("Devices", "&Save card"))
        self.save_card.setAutoDefault(False)  # Return in a field must not press it
        self.save_card.clicked.connect(self.save_own_card)
        row.addWidget(self.save_card)
        form.addLayout(row)
        self.card_message = MessageLine()
        form.addWidget(self.card_message)
        return box

    def save_own_card(self) -> None:
        folder = self.card_folder.text()
        if not folder or not Path(folder).is_dir():
            self.card_message.error(
                tr("Devices", "Choose the folder on the stick to save the card in.")
            )
            return
        vault, device, name = self.vault, self.vault.device_id, self.stored_name
        self.save_card.setEnabled(False)
        ops.run(
            lambda: sync.write_device_card(vault, free_card_path(Path(folder), device, name)),
            self._card_saved,
            self._card_failed,
            owner=self,
        )

    def print_fingerprint_card(self) -> QDialog:
        """The print preview of this laptop's fingerprint card."""
        from engager_desktop.ui.printing import open_document_dialog

        return open_document_dialog(self.vault, "device-card", None, self)

    def rename(self) -> None:
        vault, name = self.vault, self.own_name_edit.text()
        self.rename_button.setEnabled(False)
        ops.run(
            lambda: laptops.rename_laptop(vault, name),
            self._renamed,
            self._rename_failed,
            owner=self,
        )

    def _renamed(self, name: str) -> None:
        self.rename_button.setEnabled(True)
        self.card_message.ok(
            tr(
                "Devices",
                "This laptop is now called “{name}”. Save its card again and enrol it on the other "
                "laptops, so they show the new name.",
            ).format(name=name)
        )
        self.load()

    def _rename_failed(self, message: str, _exc: BaseException) -> None:
        self.rename_button.setEnabled(True)
        self.card_message.error(message)

    def _card_saved(self, result: sync.CardResult) -> None:
        self.save_card.setEnabled(True)
        self.card_message.ok(
            tr(
                "Devices",
                "Card saved in {folder}. Enrol it on the other laptop and check "
                "that both screens show the same fingerprint.",
            ).format(folder=self.card_folder.text())
        )

    def _card_failed(self, message: str, _exc: BaseException) -> None:
        self.save_card.setEnabled(True)
        self.card_message.error(message)

    # ----------------------------------------------------------------- enrol

    def _enrol_box(self) -> QGroupBox:
        box = QGroupBox(tr("Devices", "Enrol another laptop"))
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.card_file = PathField(tr("Devices", "Card file"), ask_card_file)
        self.card_file.edit.editingFinished.connect(self.read_card)
        self.card_file.edit.returnPressed.connect(self.read_card)
        self.card_file.button.clicked.connect(self.read_card)
        form.addRow(labelled(tr("Devices", "&Card file:"), self.card_file), self.card_file)
        layout.addLayout(form)
        self.card_name = QLabel("")
        self.card_name.setWordWrap(True)
        layout.addWidget(self.card_name)
        self.card_fingerprint = big_text("", name=tr("Devices", "The card's fingerprint"))
        self.card_fingerprint.hide()
        layout.addWidget(self.card_fingerprint)
        self.matches = QCheckBox(
            tr("Devices", "The other laptop's screen shows &exactly this fingerprint")
        )
        self.typed = QLineEdit()
        self.typed.setPlaceholderText(
            tr("Devices", "or type the fingerprint the other laptop shows")
        )
        confirm_form = QFormLayout()
        confirm_form.addRow(self.matches)
        confirm_form.addRow(labelled(tr("Devices", "Or t&ype it:"), self.typed), self.typed)
        layout.addLayout(confirm_form)
        self.enrol_button = QPushButton(tr("Devices", "E&nrol this laptop"))
        self.enrol_button.setAutoDefault(False)  # Return in a field must not press it
        self.enrol_button.clicked.connect(self.enrol)
        layout.addWidget(self.enrol_button)
        self.enrol_message = MessageLine()
        layout.addWidget(self.enrol_message)
        self.matches.toggled.connect(self._update_enrol)
        self.typed.textChanged.connect(self._update_enrol)
        self._update_enrol()
        return box

    def read_card(self) -> None:
        path = self.card_file.text()
        if not path:
            return
        self.enrol_message.clear_message()
        try:
            data = Path(path).read_bytes()[: 64 * 1024]
            card = sync.read_card(data)
        except OSError as exc:
            self._show_card(None, b"")
            self.enrol_message.error(ops.plain_message(exc))
            return
        except sync.SyncError as exc:
            self._show_card(None, b"")
            self.enrol_message.error(ops.plain_message(exc))
            return
        self._show_card(card, data)

    def _show_card(self, card: DeviceCard | None, data: bytes) -> None:
        self.card, self._card_data = card, data
        self.matches.setChecked(False)
        self.typed.clear()
        if card is None:
            self.card_name.setText("")
            self.card_fingerprint.hide()
        else:
            if card.practitioner:
                text = tr(
                    "Devices",
                    "“{name}”, used by {practitioner} ({role}) (device {device}). Check this "
                    "fingerprint against the one shown on that laptop, group by group:",
                )
            else:
                text = tr(
                    "Devices",
                    "“{name}” (device {device}). Check this fingerprint against the one shown on "
                    "that laptop, group by group:",
                )
            self.card_name.setText(
                text.format(
                    name=card.name,
                    practitioner=card.practitioner,
                    role=_role(card.role),
                    device=card.device_id,
                )
            )
            self.card_fingerprint.setText(card.fingerprint)
            self.card_fingerprint.show()
        self._update_enrol()

    def _update_enrol(self) -> None:
        ready = self.card is not None and (self.matches.isChecked() or bool(self.typed.text()))
        self.enrol_button.setEnabled(ready)

    def enrol(self) -> None:
        if self.card is None:
            return
        typed = self.typed.text().strip()
        confirmed = typed if typed else self.card.fingerprint
        vault, data = self.vault, self._card_data
        self.enrol_button.setEnabled(False)
        ops.run(
            lambda: sync.enrol(vault, data, confirmed),
            self._enrolled,
            self._enrol_failed,
            owner=self,
        )

    def _enrolled(self, view: sync.DeviceView) -> None:
        self.enrol_message.ok(
            tr("Devices", "“{name}” is enrolled. Bundles can now go to and from it.").format(
                name=view.name
            )
        )
        self._show_card(None, b"")
        self.card_file.edit.clear()
        self.load()

    def _enrol_failed(self, message: str, _exc: BaseException) -> None:
        self.enrol_message.error(message)
        self._update_enrol()

    # ----------------------------------------------------------------- devices

    def _devices_box(self) -> QGroupBox:
        box = QGroupBox(tr("Devices", "Laptops this one knows"))
        layout = QVBoxLayout(box)
        self.devices_model = RowsModel([tr("Devices", text) for text in DEVICE_HEADERS], self)
        self.devices = QTableView()
        self.devices.setModel(self.devices_model)
        self.devices.setAccessibleName(tr("Devices", "Laptops this one knows"))
        self.devices.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.devices.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.devices.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.devices.verticalHeader().hide()
        self.devices.horizontalHeader().setStretchLastSection(True)
        self.devices.setMinimumHeight(120)
        layout.addWidget(self.devices)
        self.revoke_button = QPushButton(tr("Devices", "&Revoke the chosen laptop…"))
        self.revoke_button.setEnabled(False)
        self.revoke_button.setAutoDefault(False)  # Return in a field must not press it
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.devices.selectionModel().selectionChanged.connect(self._update_revoke)
        layout.addWidget(self.revoke_button)
        self.devices_message = MessageLine()
        layout.addWidget(self.devices_message)
        return box

    def load(self) -> None:
        vault = self.vault
        ops.run(
            lambda: (sync.device_card(vault), laptops.devices(vault)),
            self._loaded,
            lambda message, _exc: self.devices_message.error(message),
            owner=self,
        )

    def _loaded(self, result: tuple[sync.CardResult, list[laptops.DeviceRow]]) -> None:
        own, views = result
        self.own_name.setText(
            tr("Devices", "“{name}” (device {device})").format(name=own.name, device=own.device_id)
        )
        self.own_name_edit.setText(own.name)
        self.stored_name = own.name
        self.own_fingerprint.setText(own.fingerprint)
        self.devices_model.set_rows([_device_row(view) for view in views])
        self.devices.resizeColumnsToContents()
        self._update_revoke()

    def selected_device(self) -> str | None:
        rows = self.devices.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ID_ROLE)
        return str(value) if value else None

    def _update_revoke(self) -> None:
        self.revoke_button.setEnabled(self.selected_device() is not None)

    def revoke_selected(self) -> None:
        device = self.selected_device()
        if device is None:
            return
        name = self.devices.selectionModel().selectedRows()[0].data()
        question = tr(
            "Devices",
            "Revoke “{name}”? Bundles it makes will be refused here, and no new bundle will be "
            "made for it. To work with it again you would enrol its card afresh.",
        ).format(name=name)
        if not self.confirm(self, tr("Devices", "Revoke a laptop"), question):
            return
        vault = self.vault
        ops.run(
            lambda: sync.revoke(vault, device),
            self._revoked,
            lambda message, _exc: self.devices_message.error(message),
            owner=self,
        )

    def _revoked(self, view: sync.DeviceView) -> None:
        self.devices_message.ok(tr("Devices", "“{name}” is revoked.").format(name=view.name))
        self.load()
