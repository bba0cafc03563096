"""A table model of the men due for review or erasure (one row per ReviewItem)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from engager_desktop.i18n import N_, short_date, tr, trn
from engager_desktop.services.retention import REASONS, ReviewItem
from engager_desktop.ui.labels import PHASE, word

COL_MAN, COL_PHASE, COL_WHY, COL_SINCE = range(4)
HEADERS = (
    N_("Protection", "Man"),
    N_("Protection", "Phase"),
    N_("Protection", "Why"),
    N_("Protection", "Due since"),
)
Index = QModelIndex | QPersistentModelIndex


def man_text(item: ReviewItem) -> str:
    number = f" ({item.prison_number})" if item.prison_number else ""
    return f"{item.preferred_name or tr('Protection', 'No name')}{number}"


class ReviewModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ReviewItem] = []

    def set_rows(self, rows: list[ReviewItem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ReviewItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return tr("Protection", HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        column = index.column()
        if column == COL_MAN:
            return man_text(item)
        if column == COL_PHASE:
            return word(PHASE, item.phase)
        if column == COL_WHY:
            return tr("Retention", REASONS[item.reason])
        if column == COL_SINCE:
            if not item.days_overdue:
                return short_date(item.due_on)
            days = trn("Labels", "{n} day", "{n} days", item.days_overdue)
            return f"{short_date(item.due_on)} ({days})"
        return None
