"""Export to a USB stick: the folder, who can open the bundle, what goes in it, then the result."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import tr, trn
from engager_desktop.services import caseload, sync
from engager_desktop.services.caseload_query import CaseloadRow
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.sync.common import (
    MessageLine,
    PathField,
    action_row,
    add_checkable,
    ask_folder,
    big_text,
    busy_bar,
    check_list,
    checked_ids,
    labelled,
)

EVERYTHING, SINCE_ACK, CHOSEN_MEN = "everything", "since_ack", "men"


class ExportDialog(QDialog):
    """Pick the stick, the recipients (enrolled laptops or a passphrase) and the scope; export."""

    def __init__(
        self, vault: Vault, parent: QWidget | None = None, men: Sequence[str] = ()
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.preselected = tuple(men)
        self.passphrase: str | None = None
        self.result_: sync.ExportResult | None = None
        self.setWindowTitle(tr("Sync", "Export to a USB stick"))
        self._ready = False  # _update waits until every widget exists
        self.busy = busy_bar(tr("Sync", "Exporting"))
        self.message = MessageLine()
        self.export_button = QPushButton(tr("Sync", "&Export"))
        self.close_button = QPushButton(tr("Sync", "Close"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.folder = PathField(tr("Sync", "Stick folder"), ask_folder)
        form.addRow(labelled(tr("Sync", "&Stick folder:"), self.folder), self.folder)
        layout.addLayout(form)
        layout.addWidget(self._recipients_box())
        layout.addWidget(self._scope_box())
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addLayout(action_row(self, self.export_button, self.export, self.close_button))
        self._ready = True
        self._update()
        self.load()

    # ----------------------------------------------------------------- recipients

    def _recipients_box(self) -> QGroupBox:
        box = QGroupBox(tr("Sync", "Who can open it"))
        layout = QVBoxLayout(box)
        self.to_devices = QRadioButton(tr("Sync", "&Laptops enrolled here:"))
        self.to_passphrase = QRadioButton(
            tr(
                "Sync",
                "A &passphrase (for a laptop not enrolled yet; you pass the passphrase on "
                "separately)",
            )
        )
        self.recipient_group = QButtonGroup(self)
        self.recipient_group.addButton(self.to_devices)
        self.recipient_group.addButton(self.to_passphrase)
        self.to_devices.setChecked(True)
        layout.addWidget(self.to_devices)
        self.devices = check_list(tr("Sync", "Laptops enrolled here"))
        self.devices.itemChanged.connect(self._update)
        layout.addWidget(self.devices)
        self.no_devices = QLabel(
            tr("Sync", "No other laptop is enrolled yet: enrol its card under Laptops.")
        )
        self.no_devices.setWordWrap(True)
        self.no_devices.hide()
        layout.addWidget(self.no_devices)
        layout.addWidget(self.to_passphrase)
        self.passphrase_label = QLabel(
            tr(
                "Sync",
                "Write this passphrase down now. It is shown only once, and the bundle cannot be "
                "opened without it. Do not keep it with the stick.",
            )
        )
        self.passphrase_label.setWordWrap(True)
        self.passphrase_text = big_text(name=tr("Sync", "Bundle passphrase"))
        self.written_down = QCheckBox(tr("Sync", "I have &written it down"))
        self.written_down.toggled.connect(self._update)
        for widget in (self.passphrase_label, self.passphrase_text, self.written_down):
            layout.addWidget(widget)
        self.to_passphrase.toggled.connect(self._passphrase_toggled)
        self.to_devices.toggled.connect(self._update)
        self._passphrase_toggled(False)
        return box

    def _passphrase_toggled(self, on: bool) -> None:
        if on and self.passphrase is None:
            self.passphrase = sync.generate_passphrase()
            self.passphrase_text.setText(self.passphrase)
            self.written_down.setChecked(False)
        for widget in (self.passphrase_label, self.passphrase_text, self.written_down):
            widget.setVisible(on and self.passphrase is not None)
        self.devices.setEnabled(not on)
        self._update()

    # ----------------------------------------------------------------- scope

    def _scope_box(self) -> QGroupBox:
        box = QGroupBox(tr("Sync", "What goes in it"))
        layout = QVBoxLayout(box)
        self.scope_everything = QRadioButton(tr("Sync", "E&verything in this vault"))
        self.scope_since = QRadioButton(tr("Sync", "Only what changed since their last &import"))
        self.scope_men = QRadioButton(tr("Sync", "Only these &men:"))
        self.scope_group = QButtonGroup(self)
        for button in (self.scope_everything, self.scope_since, self.scope_men):
            self.scope_group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(self._update)
        self.men = check_list(tr("Sync", "Men to export"))
        self.men.itemChanged.connect(self._update)
        self.men.itemChanged.connect(self._preview_left_out)
        self.scope_men.toggled.connect(self._preview_left_out)
        layout.addWidget(self.men)
        self.left_out = QLabel()
        self.left_out.setWordWrap(True)
        self.left_out.setAccessibleName(
            tr("Sync", "What stays on this laptop for want of his consent")
        )
        self.left_out.hide()
        layout.addWidget(self.left_out)
        if self.preselected:
            self.scope_men.setChecked(True)
        else:
            self.scope_everything.setChecked(True)
        return box

    def _preview_left_out(self, *_args: object) -> None:
        """Say before the export what will stay here for want of his consent."""
        men = checked_ids(self.men) if self.scope_men.isChecked() else ()
        if not men:
            self.left_out.hide()
            return
        vault = self.vault

        def shown(reasons: tuple[str, ...]) -> None:
            if reasons and checked_ids(self.men) == men and self.scope_men.isChecked():
                lines = "\n".join(f"• {line}" for line in reasons)
                head = tr("Sync", "Without his consent, these stay on this laptop:")
                self.left_out.setText(f"{head}\n{lines}")
            self.left_out.setVisible(bool(reasons) and self.scope_men.isChecked())

        ops.run(lambda: sync.left_out_for(vault, men), shown, owner=self)

    def scope(self) -> str:
        if self.scope_men.isChecked():
            return CHOSEN_MEN
        return SINCE_ACK if self.scope_since.isChecked() else EVERYTHING

    # ----------------------------------------------------------------- loading

    def load(self) -> None:
        vault = self.vault
        ops.run(
            lambda: (sync.list_devices(vault), caseload.list_caseload(vault)),
            self._loaded,
            lambda message, _exc: self.message.error(message),
            owner=self,
        )

    def _loaded(self, result: tuple[list[sync.DeviceView], tuple[CaseloadRow, ...]]) -> None:
        views, rows = result
        self.devices.clear()
        for view in views:
            if not view.is_self and view.revoked_at is None:
                label = f"{view.name}  ({view.fingerprint})"
                add_checkable(self.devices, label, view.device_id, False)
        self.no_devices.setVisible(self.devices.count() == 0)
        self.men.clear()
        for row in rows:
            label = f"{row.given_name} {row.family_name}"
            if row.prison_number:
                label += f"  ({row.prison_number})"
            add_checkable(self.men, label, row.id, row.id in self.preselected)
        self._update()
        self._preview_left_out()

    # ----------------------------------------------------------------- export

    def problem(self) -> str | None:
        """Why Export cannot go ahead yet, in plain words (None when it can)."""
        if not self.folder.text():
            return tr("Sync", "Choose the folder on the stick.")
        if self.to_passphrase.isChecked():
            if not self.written_down.isChecked():
                return tr(
                    "Sync", "Tick “I have written it down” once the passphrase is written down."
                )
        elif not checked_ids(self.devices):
            return tr("Sync", "Tick at least one laptop, or choose a passphrase.")
        if self.scope() == CHOSEN_MEN and not checked_ids(self.men):
            return tr("Sync", "Tick at least one man, or choose another scope.")
        return None

    def _update(self) -> None:
        if not self._ready:
            return
        running = not self.busy.isHidden()
        self.men.setEnabled(self.scope_men.isChecked() and not running)
        self.export_button.setEnabled(not running and self.problem() is None)
        self.export_button.setToolTip(self.problem() or "")

    def export(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.message.error(problem)
            return
        vault, folder, scope = self.vault, Path(self.folder.text()), self.scope()
        by_passphrase = self.to_passphrase.isChecked()
        recipients = () if by_passphrase else checked_ids(self.devices)
        passphrase = self.passphrase if by_passphrase else None
        men = checked_ids(self.men) if scope == CHOSEN_MEN else ()

        def work() -> sync.ExportResult:
            return sync.export(
                vault,
                folder,
                recipients=recipients,
                passphrase=passphrase,
                since_ack=scope == SINCE_ACK,
                men=men,
            )

        self.message.note(
            tr("Sync", "Writing the bundle and reading it back to check it… keep the stick in.")
        )
        self._running(True)
        ops.run(work, self._exported, self._failed, owner=self)

    def _running(self, on: bool) -> None:
        self.busy.setVisible(on)
        for widget in (self.folder, self.to_devices, self.to_passphrase, self.devices):
            widget.setEnabled(not on)
        self.close_button.setEnabled(not on)
        if not on:
            self.devices.setEnabled(not self.to_passphrase.isChecked())
        self._update()

    def _exported(self, result: sync.ExportResult) -> None:
        self.result_ = result
        self._running(False)
        self.left_out.hide()  # the result below says it again, as done
        if result.by_passphrase:  # shown once: gone from the screen now the bundle exists
            self.passphrase_text.setText(tr("Sync", "(passphrase hidden)"))
            self.written_down.hide()
        whom = ", ".join(f"“{name}”" for name in result.recipient_names)
        men = trn("Sync", "{n} man", "{n} men", result.men)
        records = trn("Sync", "{n} record", "{n} records", result.records)
        if whom:
            text = tr(
                "Sync",
                "Written {file} for {whom}: {men}, {records}. It was read back and checked. It "
                "is safe to remove the stick.",
            )
        else:
            text = tr(
                "Sync",
                "Written {file}: {men}, {records}. It was read back and checked. It is safe to "
                "remove the stick.",
            )
        text = text.format(file=result.path.name, whom=whom, men=men, records=records)
        if result.note:
            text += f"\n{result.note}"
        if result.left_out:
            text += (
                "\n"
                + tr("Sync", "Left out for want of his consent:")
                + "\n"
                + "\n".join(f"• {line}" for line in result.left_out)
            )
        self.message.ok(text)
        self.export_button.setEnabled(False)
        self.close_button.setText(tr("Sync", "Done"))

    def _failed(self, message: str, _exc: BaseException) -> None:
        self._running(False)
        self.message.error(tr("Sync", "Nothing was exported. {reason}").format(reason=message))
