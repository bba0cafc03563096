"""Choose what to print when no man is chosen: documents for the team, or a blank form."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import tr
from engager_desktop.services import printing

KIND_ROLE = int(Qt.ItemDataRole.UserRole)
BLANK_ROLE = KIND_ROLE + 1


class PrintChooser(QDialog):
    chosen = Signal(str, bool)  # kind, blank

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("PrintChooser", "Print"))
        self.setAccessibleName(tr("PrintChooser", "Print"))
        intro = QLabel(
            tr("PrintChooser", "No man is chosen. Choose a document for the team, or a blank form.")
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        label = QLabel(tr("PrintChooser", "&Document:"))
        label.setBuddy(self.list)
        self.list.setAccessibleName(tr("PrintChooser", "Document"))
        for info in printing.kinds():
            if info.needs_man and not info.has_blank:
                continue
            title = (
                tr("PrintChooser", "{document} (blank form)").format(document=info.title)
                if info.needs_man
                else info.title
            )
            item = QListWidgetItem(title)
            item.setData(KIND_ROLE, info.name)
            item.setData(BLANK_ROLE, info.needs_man)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("PrintChooser", "&Preview…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def accept(self) -> None:
        item = self.list.currentItem()
        super().accept()
        if item is not None:
            self.chosen.emit(str(item.data(KIND_ROLE)), bool(item.data(BLANK_ROLE)))
