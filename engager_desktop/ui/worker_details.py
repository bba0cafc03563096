"""Your own details (P36): name, phone, team or organisation, when he can call and the local
crisis line, printed on his papers and the explainer for other services; in the Settings dialog
and behind the print preview's "Your details for printing…". Kept in the vault (never in
QSettings), read and saved through ``services.printing_reads`` off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import ops

# (WorkerLine field, label)
FIELDS = (
    ("name", N_("WorkerDetails", "Your &name")),
    ("phone", N_("WorkerDetails", "Your &phone number")),
    ("team", N_("WorkerDetails", "Your &team or organisation")),
    ("when_to_call", N_("WorkerDetails", "&When he can call you")),
    ("crisis_line", N_("WorkerDetails", "Local &crisis line (name and number)")),
)
MAX_LENGTH = 200  # what save_worker_details keeps


class WorkerDetailsBox(QGroupBox):
    """The four inputs, disabled until the saved details have been read."""

    def __init__(self, vault: Any, parent: QWidget | None = None) -> None:
        super().__init__(tr("WorkerDetails", "Your details, printed on his papers"), parent)
        self.setObjectName("worker_details")
        self.vault = vault
        self.loaded = False
        self.inputs: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for name, english in FIELDS:
            text = tr("WorkerDetails", english)
            edit = QLineEdit()
            edit.setObjectName(f"worker_{name}")
            edit.setMaxLength(MAX_LENGTH)
            edit.setAccessibleName(text.replace("&", ""))
            edit.setEnabled(False)
            label = QLabel(tr("WorkerDetails", "{field}:").format(field=text))
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.inputs[name] = edit
        self.inputs["when_to_call"].setPlaceholderText(
            tr("WorkerDetails", "For example: Monday to Friday, 9am to 5pm")
        )
        from engager_desktop.services.printing_reads import worker_details

        ops.run(lambda: worker_details(vault), self._loaded, lambda _m, _e: None, owner=self)

    def _loaded(self, worker: Any) -> None:
        for name, edit in self.inputs.items():
            edit.setText(getattr(worker, name) or "")
            edit.setEnabled(True)
        self.loaded = True

    def details(self) -> Any:
        """What is typed, as the ``WorkerLine`` saved and printed."""
        from engager_desktop.worksheets.inputs import WorkerLine

        return WorkerLine(
            **{name: edit.text().strip() or None for name, edit in self.inputs.items()}
        )

    def save(self, done: Callable[[], None], failed: Callable[[str], None]) -> None:
        """Save what is typed (nothing, if the saved details were never read), then ``done``."""
        if not self.loaded:
            done()
            return
        from engager_desktop.services.printing_reads import save_worker_details

        worker, vault = self.details(), self.vault
        ops.run(
            lambda: save_worker_details(vault, worker),
            lambda _saved: done(),
            lambda message, _exc: failed(message),
            owner=self,
        )
