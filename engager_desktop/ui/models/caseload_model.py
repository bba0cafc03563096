"""The caseload table: one row per man from ``services.caseload`` rows, sortable in Python."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels

# The columns that matter most come first, so they show in the narrow caseload panel at 1024×768.
COL_NAME, COL_PHASE, COL_RELEASE, COL_OVERDUE, COL_ALERTS, COL_NEXT, COL_LAST, COL_NUMBER = range(8)
COL_HELD = 8
HEADERS = (
    N_("Caseload", "Name"),
    N_("Caseload", "Phase"),
    N_("Caseload", "Release"),
    N_("Caseload", "Overdue"),
    N_("Caseload", "Alerts"),
    N_("Caseload", "Next session"),
    N_("Caseload", "Last contact"),
    N_("Caseload", "Prison no."),
    N_("Caseload", "Held by"),
)
TOOLTIPS = (
    N_("Caseload", "Family name, given name, and how he wants to be addressed"),
    N_("Caseload", "Where he is in the intervention"),
    N_("Caseload", "Days until his expected release, while he is inside"),
    N_("Caseload", "Open steps past their due date"),
    N_("Caseload", "Overdue steps, conflicts to review and thin contact after release"),
    N_("Caseload", "His next planned session"),
    N_("Caseload", "The last session he attended or contact that reached him"),
    N_("Caseload", "Prison number"),
    N_("Caseload", "The practitioner (or laptop) who holds him"),
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


def _name(row: Any) -> str:
    return labels.list_name(row.preferred_name, row.given_name, row.family_name)


def _display(row: Any, column: int) -> str:
    if column == COL_NAME:
        return _name(row)
    if column == COL_NUMBER:
        return row.prison_number or labels.NONE
    if column == COL_PHASE:
        return labels.word(labels.PHASE, row.phase)
    if column == COL_RELEASE:
        return labels.days_to_release(row.days_to_release)
    if column == COL_OVERDUE:
        return str(row.overdue_steps) if row.overdue_steps else ""
    if column == COL_LAST:
        return labels.day(row.last_contact)
    if column == COL_NEXT:
        return labels.moment(row.next_session)
    return str(row.alerts) if row.alerts else ""


_PHASE_ORDER = {key: n for n, key in enumerate(labels.PHASE)}

_SORT_KEYS: dict[int, Callable[[Any], Any]] = {
    COL_NAME: lambda r: (r.family_name.casefold(), r.given_name.casefold(), r.id),
    COL_NUMBER: lambda r: r.prison_number or "",
    COL_PHASE: lambda r: _PHASE_ORDER.get(r.phase, 99),
    COL_RELEASE: lambda r: r.days_to_release,
    COL_OVERDUE: lambda r: r.overdue_steps,
    COL_LAST: lambda r: r.last_contact,
    COL_NEXT: lambda r: r.next_session,
    COL_ALERTS: lambda r: r.alerts,
    COL_HELD: lambda r: r.held_by or "",
}


def sort_value(row: Any, column: int) -> Any:
    return _SORT_KEYS[column](row)


class CaseloadModel(QAbstractTableModel):
    """Rows are ``CaseloadRow`` values; ``set_rows`` replaces them all (a model reset)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._given: list[Any] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._holders: dict[str, str] = {}  # device id -> the words "Held by" shows
        self._own: str | None = None
        self._mark_others = False  # a supervisor's laptop: men held by others are marked

    # --- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == COL_HELD:
            return self._held_data(row, role)
        if role == Qt.ItemDataRole.FontRole and column == COL_NAME and self.held_elsewhere(row):
            return self._italic
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = _display(row, column)
            if role == Qt.ItemDataRole.AccessibleTextRole and not text:
                return "none"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_NAME:  # the list may shorten "Mr Jenkins" to "(Mr)": say it whole
                return labels.name_of(row.preferred_name, row.given_name, row.family_name)
            return _display(row, column) or None
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return sort_value(row, column)
        if role == Qt.ItemDataRole.FontRole and column == COL_ALERTS and row.alerts:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_OVERDUE, COL_ALERTS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr("Caseload", HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("Caseload", TOOLTIPS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``; -1 brings back the services' order (soonest release first)."""
        if column >= len(HEADERS):
            return
        self._sort = (column, order) if column >= 0 else None
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in before]
        self._sort_rows()
        where = {row.id: n for n, row in enumerate(self._rows)}
        after = [self.index(where[man], i.column()) for man, i in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        if self._sort is None:
            self._rows = list(self._given)
            return
        column, order = self._sort
        key = _SORT_KEYS[column]
        if column == COL_HELD:
            key = self._holder_key
        present = [r for r in self._rows if key(r) is not None]
        missing = [r for r in self._rows if key(r) is None]
        present.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = present + missing

    def _held_data(self, row: Any, role: int) -> Any:
        text = self.holder_text(row.held_by)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.held_elsewhere(row):
                return tr(
                    "Caseload", "Held by {who}: read-only on this supervisor's laptop"
                ).format(who=text)
            return text
        if role == Qt.ItemDataRole.FontRole and self.held_elsewhere(row):
            return self._italic
        if role == SORT_ROLE:
            return text.casefold()
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return None

    # --- our interface -----------------------------------------------------------------------

    def set_holders(self, labels_by_device: dict[str, str], own: str | None, mark: bool) -> None:
        """What "Held by" says for each laptop, this laptop's id, and whether men held by other
        laptops are marked (on a supervisor's laptop)."""
        self._holders = dict(labels_by_device)
        self._own = own
        self._mark_others = mark
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COL_HELD))

    def _holder_key(self, row: Any) -> str:
        return self.holder_text(row.held_by).casefold()

    def holder_text(self, held_by: str | None) -> str:
        if held_by is None:
            return "Not recorded"
        if held_by == self._own:
            return f"{self._holders.get(held_by, 'This laptop')} (this laptop)"
        return self._holders.get(held_by) or f"Laptop {held_by[:8]}"

    def held_elsewhere(self, row: Any) -> bool:
        """On a supervisor's laptop: he is held by another laptop (read-only here)."""
        return self._mark_others and row.held_by is not None and row.held_by != self._own

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row, keeping the chosen sort."""
        self.beginResetModel()
        self._given = list(rows)
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows(())

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, man_id: str) -> int:
        """The row number of his line, or -1."""
        for n, row in enumerate(self._rows):
            if row.id == man_id:
                return n
        return -1

    def ids(self) -> list[str]:
        return [row.id for row in self._rows]
