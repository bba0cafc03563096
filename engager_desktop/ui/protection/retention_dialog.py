"""The retention review window: men due for review or erasure; nothing is erased from here."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import N_, tr, trn
from engager_desktop.services.retention import due_for_review
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import SpokenLabel, label_for
from engager_desktop.ui.protection.review_model import ReviewModel

INTRO = N_(
    "Protection",
    "These men's records have been kept for their full retention period. Look at each one: "
    "nothing is erased unless you choose to erase it.",
)


class RetentionDialog(QDialog):
    def __init__(self, vault: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.setWindowTitle(tr("Protection", "Retention review"))
        self.setAccessibleName(tr("Protection", "Retention review"))
        self.model = ReviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        intro = QLabel(tr("Protection", INTRO))
        intro.setWordWrap(True)
        self.status = SpokenLabel()
        self.status.setWordWrap(True)
        self.erase_button = QPushButton(tr("Protection", "&Erase this man…"))
        self.sar_button = QPushButton(tr("Protection", "&Subject access copy…"))
        close = QPushButton(tr("Protection", "&Close"))
        self.erase_button.clicked.connect(self.erase_selected)
        self.sar_button.clicked.connect(self.sar_selected)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.erase_button, self.sar_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label_for(tr("Protection", "Men &due for review:"), self.table))
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.model.modelReset.connect(self._enable)
        self.dialogs: list[QDialog] = []
        self._enable()
        self.resize(760, 420)
        self.reload()

    def reload(self) -> None:
        self.status.setText(tr("Protection", "Reading…"))
        ops.run(lambda: due_for_review(self.vault), self._loaded, self._failed, owner=self)

    def _loaded(self, rows: Any) -> None:
        self.model.set_rows(rows)
        count = len(rows)
        self.status.setText(
            tr("Protection", "No man is due for review.")
            if not count
            else trn("Protection", "{n} man due for review.", "{n} men due for review.", count)
        )

    def _failed(self, message: str, _exc: BaseException) -> None:
        self.status.setText(message)

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _enable(self, *_args: Any) -> None:
        chosen = self.selected() is not None
        self.erase_button.setEnabled(chosen)
        self.sar_button.setEnabled(chosen)

    def erase_selected(self) -> QDialog | None:
        item = self.selected()
        if item is None:
            return None
        from engager_desktop.ui.protection.erase_dialog import open_erase_dialog

        dialog = open_erase_dialog(self.vault, item.man_id, self, name=item.preferred_name)
        dialog.erased.connect(lambda _r: self.reload())
        self.dialogs.append(dialog)
        return dialog

    def sar_selected(self) -> QDialog | None:
        item = self.selected()
        if item is None:
            return None
        from engager_desktop.ui.protection.sar_dialog import open_sar_dialog

        dialog = open_sar_dialog(self.vault, item.man_id, self, name=item.preferred_name)
        self.dialogs.append(dialog)
        return dialog


def open_retention_dialog(vault: Any, parent: QWidget | None = None) -> RetentionDialog:
    """The retention review window, shown (not modal)."""
    dialog = RetentionDialog(vault, parent)
    dialog.show()
    return dialog
