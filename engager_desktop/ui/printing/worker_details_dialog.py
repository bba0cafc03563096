"""The practitioner's own details and the local crisis line, as printed on his papers."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.services import printing_reads
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui import ops
from engager_desktop.worksheets.inputs import WorkerLine

FIELDS = (
    ("name", "Your &name"),
    ("phone", "Your &phone number"),
    ("when_to_call", "&When he can call you"),
    ("team", "Your &team"),
    ("crisis_line", "Local &crisis line (name and number)"),
)
INTRO = (
    "These print on his papers so he knows how to reach you, and where to get help out of "
    "hours. They are kept in the vault."
)


class WorkerDetailsDialog(QDialog):
    """Edit and save the details; ``saved`` holds what was saved (None until then)."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.saved: WorkerLine | None = None
        self.setWindowTitle("Your details for printing")
        layout = QVBoxLayout(self)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for name, text in FIELDS:
            edit = QLineEdit()
            edit.setMaxLength(200)
            label = QLabel(text)
            label.setBuddy(edit)
            edit.setAccessibleName(text.replace("&", ""))
            form.addRow(label, edit)
            self.edits[name] = edit
        layout.addLayout(form)
        self.status = QLabel()
        self.status.setAccessibleName("Status")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        ops.run(lambda: printing_reads.worker_details(vault), self._show, self._failed, owner=self)

    def _show(self, worker: WorkerLine) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(worker, name) or "")

    def details(self) -> WorkerLine:
        return WorkerLine(**{name: edit.text() for name, edit in self.edits.items()})

    def save(self) -> None:
        vault, details = self.vault, self.details()
        self.save_button.setEnabled(False)
        ops.run(
            lambda: printing_reads.save_worker_details(vault, details),
            self._saved,
            self._failed,
            owner=self,
        )

    def _saved(self, worker: WorkerLine) -> None:
        self.saved = worker
        self.accept()

    def _failed(self, message: str, _exc: BaseException) -> None:
        self.status.setText(message)
        self.save_button.setEnabled(True)
