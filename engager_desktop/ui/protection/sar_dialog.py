"""A subject access copy for one man: choose a folder, large print or not, then the files shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from engager_desktop.i18n import N_, tr, trn
from engager_desktop.services.subject_access import SarResult, sar
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import label_for
from engager_desktop.ui.protection.common import OneManDialog

INTRO = N_(
    "Protection",
    "A copy of everything this laptop holds about {name}, as a readable PDF and as a data file. "
    "Keep the copy safe: it holds his private records.",
)


def choose_folder(parent: QWidget) -> str:
    return QFileDialog.getExistingDirectory(
        parent, tr("Protection", "Folder for the subject access copy")
    )


class SarDialog(OneManDialog):
    written = Signal(object)
    MESSAGE = INTRO
    ELSEWHERE = N_(
        "Protection",
        "His name is also in {records} filed elsewhere. They are not in the copy: read them "
        "and add what is about him, leaving out other people's information.",
    )

    def __init__(
        self, vault: Any, man_id: str, parent: QWidget | None = None, name: str | None = None
    ) -> None:
        super().__init__(
            vault,
            man_id,
            parent,
            title=tr("Protection", "Subject access copy"),
            report_name=tr("Protection", "Files written"),
            button=QDialogButtonBox.StandardButton.Close,
        )
        self.pick_folder: Callable[[QWidget], str] = choose_folder
        self.outcome: SarResult | None = None
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        browse = QPushButton(tr("Protection", "C&hoose…"))
        browse.setAccessibleName(tr("Protection", "Choose a folder"))
        browse.clicked.connect(self.browse)
        self.large_print = QCheckBox(tr("Protection", "&Large print"))
        self.write_button = QPushButton(tr("Protection", "&Write the copy"))
        self.buttons.addButton(self.write_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.clicked.connect(self.write)
        self.write_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.body.addWidget(label_for(tr("Protection", "&Folder:"), self.folder))
        self.body.addLayout(row)
        self.body.addWidget(self.large_print)
        self.finish(name)

    def browse(self) -> None:
        chosen = self.pick_folder(self)
        if chosen:
            self.folder.setText(chosen)
            self.write_button.setEnabled(True)

    def write(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.status.setText(tr("Protection", "Choose a folder first."))
            return
        folder, large = Path(text), self.large_print.isChecked()
        self.write_button.setEnabled(False)
        self.status.setText(tr("Protection", "Writing…"))
        ops.run(
            lambda: sar(self.vault, self.man_id, folder, large_print=large),
            self._done,
            self._failed,
            owner=self,
        )

    def _done(self, result: SarResult) -> None:
        self.outcome = result
        total = sum(result.records.values())
        self.status.setText(
            trn(
                "Protection",
                "The copy is written ({n} record).",
                "The copy is written ({n} records).",
                total,
            )
        )
        self.show_report(f"{result.pdf}\n{result.json}")
        self.write_button.setEnabled(True)
        self.written.emit(result)

    def _failed(self, message: str, _exc: BaseException) -> None:
        self.status.setText(message)
        self.write_button.setEnabled(True)


def open_sar_dialog(
    vault: Any, man_id: str, parent: QWidget | None = None, *, name: str | None = None
) -> SarDialog:
    """The subject access dialog for one man, shown (window-modal)."""
    dialog = SarDialog(vault, man_id, parent, name)
    dialog.open()
    return dialog
