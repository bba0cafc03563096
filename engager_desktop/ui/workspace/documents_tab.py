"""Documents tab: the worksheets that can be printed for him (printing itself comes later)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton

from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData
from engager_desktop.ui.workspace.parts import Table, TabPage

NOT_YET = "Printing from this window comes in a later version; use the print command for now."


def document_titles() -> list[tuple[str, str]]:
    """(kind, title) of every document printed for one man."""
    from engager_desktop.worksheets.kinds import KINDS

    return [(name, kind.title) for name, kind in KINDS.items() if kind.needs_man]


class DocumentsTab(TabPage):
    title = "Documents"

    def __init__(self) -> None:
        super().__init__()
        self.documents = self.add(Table("Documents for him", ("Document", "Kind")))
        self.print_button = QPushButton("&Print the chosen document…")
        self.print_button.setEnabled(False)
        self.print_button.setToolTip(NOT_YET)
        self.add(self.print_button)
        note = QLabel(NOT_YET)
        note.setWordWrap(True)
        self.add(note)
        self.finish()

    def show_data(self, data: ManData) -> None:
        self.documents.set_rows(
            [TextRow((title, name), id=name) for name, title in document_titles()]
        )
