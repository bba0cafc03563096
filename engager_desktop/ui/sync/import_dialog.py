"""Import from a USB stick: pick the bundle, preview its changes, commit when asked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import N_, tr, trn
from engager_desktop.services import sync
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import describe_value
from engager_desktop.ui.sync.common import (
    MessageLine,
    PathField,
    ask_bundle_file,
    busy_bar,
    labelled,
)

PASSPHRASE_CODES = ("passphrase_needed", "wrong_passphrase")
COUNT_ROWS = ("new", "updated", "deleted", "in_conflict")
COUNT_WORDS = {
    "new": N_("Sync", "New"),
    "updated": N_("Sync", "Updated"),
    "deleted": N_("Sync", "Deleted"),
    "in_conflict": N_("Sync", "In conflict"),
}
CELL_NAMES = {
    ("men", "new"): N_("Sync", "Men new"),
    ("men", "updated"): N_("Sync", "Men updated"),
    ("men", "deleted"): N_("Sync", "Men deleted"),
    ("men", "in_conflict"): N_("Sync", "Men in conflict"),
    ("records", "new"): N_("Sync", "Records new"),
    ("records", "updated"): N_("Sync", "Records updated"),
    ("records", "deleted"): N_("Sync", "Records deleted"),
    ("records", "in_conflict"): N_("Sync", "Records in conflict"),
}


class PreviewBox(QGroupBox):
    """The counts of an import (men and records: new, updated, deleted, in conflict), warnings."""

    def __init__(self) -> None:
        super().__init__(tr("Sync", "What this bundle would change"))
        layout = QVBoxLayout(self)
        self.head = QLabel("")
        self.head.setWordWrap(True)
        layout.addWidget(self.head)
        grid = QGridLayout()
        grid.addWidget(QLabel(f"<b>{tr('Sync', 'Men')}</b>"), 0, 1)
        grid.addWidget(QLabel(f"<b>{tr('Sync', 'Records')}</b>"), 0, 2)
        self.cells: dict[str, QLabel] = {}
        for row, key in enumerate(COUNT_ROWS, start=1):
            grid.addWidget(QLabel(tr("Sync", COUNT_WORDS[key])), row, 0)
            for column, kind in ((1, "men"), (2, "records")):
                cell = QLabel("0")
                describe_value(cell, tr("Sync", CELL_NAMES[(kind, key)]))
                grid.addWidget(cell, row, column)
                self.cells[f"{kind}_{key}"] = cell
        self.unchanged = QLabel("")
        grid.addWidget(self.unchanged, len(COUNT_ROWS) + 1, 0, 1, 3)
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)
        self.settled = QLabel("")  # conflicts here that the other laptop settled
        self.settled.setWordWrap(True)
        layout.addWidget(self.settled)
        self.warnings = QLabel("")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a4b00;")
        layout.addWidget(self.warnings)

    def show_summary(self, summary: sync.ImportSummary) -> None:
        counts = summary.counts()
        for key, cell in self.cells.items():
            cell.setText(str(counts[key]))
        self.unchanged.setText(
            trn(
                "Sync",
                "{n} record already up to date.",
                "{n} records already up to date.",
                summary.records_unchanged,
            )
        )
        if summary.by_passphrase:
            head = tr(
                "Sync",
                "Bundle {seq} from “{name}”, opened with a passphrase; signed by that laptop and "
                "checked.",
            )
        else:
            head = tr(
                "Sync",
                "Bundle {seq} from “{name}”, opened with this laptop's key; signed by that laptop "
                "and checked.",
            )
        self.head.setText(head.format(seq=summary.seq, name=summary.exporter_name))
        self.settled.setText("\n".join(w[:1].upper() + w[1:] + "." for w in summary.settled))
        self.settled.setVisible(bool(summary.settled))
        self.warnings.setText(
            "\n".join(tr("Sync", "Warning: {warning}").format(warning=w) for w in summary.warnings)
        )
        self.warnings.setVisible(bool(summary.warnings))


class ImportDialog(QDialog):
    """Choose a bundle, see its preview, then import it (one transaction) or stop there."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.preview: sync.ImportSummary | None = None
        self.summary: sync.ImportSummary | None = None
        self.setWindowTitle(tr("Sync", "Import from a USB stick"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.bundle = PathField(tr("Sync", "Bundle file"), ask_bundle_file)
        self.bundle.edit.textChanged.connect(self._path_changed)
        form.addRow(labelled(tr("Sync", "&Bundle file:"), self.bundle), self.bundle)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = labelled(tr("Sync", "Bundle &passphrase:"), self.passphrase)
        form.addRow(self.passphrase_label, self.passphrase)
        self.show_typed = QCheckBox(
            tr("Sync", "Sho&w what I typed (spaces and capitals do not matter)")
        )
        self.show_typed.toggled.connect(self._show_typed)
        form.addRow("", self.show_typed)
        self.passphrase_message = MessageLine()
        form.addRow("", self.passphrase_message)
        layout.addLayout(form)
        self._show_passphrase(False)
        self.preview_box = PreviewBox()
        self.preview_box.hide()
        layout.addWidget(self.preview_box)
        self.busy = busy_bar(tr("Sync", "Reading the bundle"))
        layout.addWidget(self.busy)
        self.message = MessageLine()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.preview_button = QPushButton(tr("Sync", "&Check the bundle"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.run_preview)
        self.import_button = QPushButton(tr("Sync", "&Import these changes"))
        self.import_button.clicked.connect(self.run_commit)
        self.import_button.hide()
        self.close_button = QPushButton(tr("Sync", "Close"))
        self.close_button.clicked.connect(self.reject)
        for button in (self.preview_button, self.import_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._path_changed()

    def _show_typed(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)

    def _show_passphrase(self, on: bool) -> None:
        self.passphrase_label.setVisible(on)
        self.passphrase.setVisible(on)
        self.show_typed.setVisible(on)
        if not on:
            self.passphrase_message.clear_message()

    def _path_changed(self) -> None:
        self.preview = None
        self.preview_box.hide()
        self.import_button.hide()
        self.message.clear_message()
        self.preview_button.setEnabled(bool(self.bundle.text()))

    def _running(self, on: bool, text: str = "") -> None:
        self.busy.setVisible(on)
        if on:
            self.message.note(text)
        for widget in (self.bundle, self.passphrase, self.preview_button, self.import_button):
            widget.setEnabled(not on)
        self.close_button.setEnabled(not on)

    def _passphrase(self) -> str | None:
        return None if self.passphrase.isHidden() else self.passphrase.text()

    def run_preview(self) -> None:
        path = self.bundle.text()
        if not path or not Path(path).is_file():
            self.message.error(tr("Sync", "Choose the bundle file on the stick."))
            return
        vault, passphrase = self.vault, self._passphrase()
        self._running(True, tr("Sync", "Opening and checking the bundle…"))
        ops.run(
            lambda: sync.preview_import(vault, Path(path), passphrase),
            self._previewed,
            self._failed,
            owner=self,
        )

    def _previewed(self, summary: sync.ImportSummary) -> None:
        self._running(False)
        self.preview = summary
        self.passphrase_message.clear_message()
        if summary.already_imported:
            self.preview_box.hide()
            self.message.note(
                tr(
                    "Sync",
                    "Bundle {seq} from “{name}” was already imported. Nothing needs to change.",
                ).format(seq=summary.seq, name=summary.exporter_name)
            )
            return
        self.preview_box.show_summary(summary)
        self.preview_box.show()
        self.message.note(
            tr(
                "Sync",
                "Nothing has changed yet. Import these changes? Conflicts are kept for you to "
                "review.",
            )
        )
        self.import_button.show()
        self.import_button.setEnabled(True)
        self.import_button.setDefault(True)
        self.adjustSize()

    def run_commit(self) -> None:
        if self.preview is None:
            return
        vault, passphrase, path = self.vault, self._passphrase(), Path(self.bundle.text())
        self._running(True, tr("Sync", "Importing…"))
        ops.run(
            lambda: sync.commit_import(vault, path, passphrase),
            self._committed,
            self._failed,
            owner=self,
        )

    def _committed(self, summary: sync.ImportSummary) -> None:
        self._running(False)
        self.summary = summary
        self.import_button.hide()
        self.preview_button.setEnabled(False)
        self.preview_box.setTitle(tr("Sync", "What the import changed"))
        if summary.already_imported:
            self.message.note(tr("Sync", "This bundle was already imported. Nothing changed."))
            return
        self.preview_box.show_summary(summary)
        text = tr("Sync", "Imported bundle {seq} from “{name}”.").format(
            seq=summary.seq, name=summary.exporter_name
        )
        if summary.records_in_conflict:
            text += " " + trn(
                "Sync",
                "{n} record is in conflict: review it under Conflicts.",
                "{n} records are in conflict: review them under Conflicts.",
                summary.records_in_conflict,
            )
        self.message.ok(text)
        self.close_button.setText(tr("Sync", "Done"))

    def _failed(self, message: str, exc: BaseException) -> None:
        self._running(False)
        code = getattr(exc, "code", None)
        if code in PASSPHRASE_CODES:
            self._show_passphrase(True)
            self.passphrase_message.error(message)
            self.message.clear_message()
            self.passphrase.setFocus()
            return
        self.message.error(tr("Sync", "Nothing was imported. {reason}").format(reason=message))
