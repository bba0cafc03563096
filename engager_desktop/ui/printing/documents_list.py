"""The documents that can be printed for one man: pick one to preview and print, or a blank form."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import N_, tr
from engager_desktop.services import printing
from engager_desktop.services.vault_types import Vault

KIND_ROLE = int(Qt.ItemDataRole.UserRole)
BLANK_ROLE = KIND_ROLE + 1
FOR_OTHERS = N_("Print", "{title} (for someone else)")

Opener = Callable[..., QWidget]


class DocumentsList(QWidget):
    """Every document printed for one man; ``open_document`` opens the chosen one's preview."""

    def __init__(
        self, vault: Vault, man_id: str | None, opener: Opener, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.vault, self.man_id, self._opener = vault, man_id, opener
        self.opened: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(tr("Print", "&Documents to print for him"))
        self.list = QListWidget()
        label.setBuddy(self.list)
        self.list.setAccessibleName(tr("Print", "Documents to print for him"))
        for info in printing.kinds():
            if not info.needs_man:
                continue
            title = (
                tr("Print", FOR_OTHERS).format(title=info.title) if info.for_others else info.title
            )
            item = QListWidgetItem(title)
            item.setData(KIND_ROLE, info.name)
            item.setData(BLANK_ROLE, info.has_blank)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._chosen)
        self.list.itemActivated.connect(lambda _item: self.open_document())
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.open_button = QPushButton(tr("Print", "Previe&w and print…"))
        self.blank_button = QPushButton(tr("Print", "&Blank form to fill in…"))
        self.open_button.clicked.connect(self.open_document)
        self.blank_button.clicked.connect(lambda: self.open_document(blank=True))
        row.addWidget(self.open_button)
        row.addWidget(self.blank_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.list.setCurrentRow(0)
        self.set_man(man_id)

    def set_man(self, man_id: str | None) -> None:
        """Show the documents for another man (None: no man chosen, so nothing to open)."""
        self.man_id = man_id
        self._chosen(self.list.currentItem(), None)

    def chosen_kind(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(KIND_ROLE))

    def _chosen(self, item: QListWidgetItem | None, _previous: object) -> None:
        has_man = self.man_id is not None
        self.open_button.setEnabled(item is not None and has_man)
        self.blank_button.setEnabled(item is not None and bool(item.data(BLANK_ROLE)))

    def open_document(self, blank: bool = False) -> None:
        kind = self.chosen_kind()
        if kind is None or (self.man_id is None and not blank):
            return
        self.opened = self._opener(self.vault, kind, self.man_id, self, blank=blank)
