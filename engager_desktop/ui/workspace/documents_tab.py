"""Documents tab: the worksheets that can be printed for him, each previewed before printing."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from engager_desktop.i18n import N_, tr
from engager_desktop.ui.workspace.data import ManData
from engager_desktop.ui.workspace.parts import TabPage

NO_VAULT = N_("DocumentsTab", "Open a vault to print his documents.")


class DocumentsTab(TabPage):
    title = N_("Workspace", "Documents")
    places = ("tab.documents",)

    def __init__(self) -> None:
        super().__init__()
        self.documents: Any = None  # the printing package's list, once a vault is open
        self._man_id: str | None = None
        self.note = self.add(QLabel(tr("DocumentsTab", NO_VAULT)))
        self.note.setWordWrap(True)
        self.column.addStretch(1)

    def set_vault(self, vault: Any) -> None:
        """Make the list for this vault (None: remove it, the vault is locking)."""
        if self.documents is not None:
            self.column.removeWidget(self.documents)
            self.documents.deleteLater()
            self.documents = None
        self.note.setVisible(vault is None)
        if vault is None:
            return
        from engager_desktop.ui.printing import documents_list_widget

        self.documents = documents_list_widget(vault, self._man_id, self)
        self.column.insertWidget(0, self.documents, 1)

    def show_data(self, data: ManData) -> None:
        self._man_id = data.man_id
        if self.documents is not None:
            self.documents.set_man(data.man_id)

    def clear(self) -> None:
        self._man_id = None
        if self.documents is not None:
            self.documents.set_man(None)
