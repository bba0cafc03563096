"""The practitioner's own details and the local crisis line, as printed on his papers: the
Settings dialog's box (``ui.worker_details``) in a dialog of its own, opened from the preview."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui.worker_details import WorkerDetailsBox
from engager_desktop.worksheets.inputs import WorkerLine

INTRO = N_(
    "Print",
    "These print on his papers so he knows how to reach you, and where to get help out of "
    "hours. They are kept in the vault.",
)


class WorkerDetailsDialog(QDialog):
    """Edit and save the details; ``saved`` holds what was saved (None until then)."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved: WorkerLine | None = None
        self.setWindowTitle(tr("Print", "Your details for printing"))
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Print", INTRO))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.box = WorkerDetailsBox(vault, self)
        self.edits = self.box.inputs
        layout.addWidget(self.box)
        self.status = QLabel()
        self.status.setAccessibleName(tr("Print", "Status"))
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

    def save(self) -> None:
        self.save_button.setEnabled(False)
        typed = self.box.details()
        self.box.save(lambda: self._saved(typed), self._failed)

    def _saved(self, worker: WorkerLine) -> None:
        self.saved = worker
        self.accept()

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.save_button.setEnabled(True)
