"""Service figures: anonymised counts by month for a chosen range, and export as CSV or PDF.

The counts are worked out off the UI thread (``ops.run``); the table has a header for each
month and for each measure, so a screen reader names both for every figure.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.domain.figures import WITHHELD
from engager_desktop.i18n import month_name, tr, trn
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import (
    SpokenLabel,
    closes_like_a_dialog,
    focus_first_field,
    label_for,
    say,
    tab_leaves,
    window_role,
)
from engager_desktop.ui.printing.preview_dialog import default_folder

Index = QModelIndex | QPersistentModelIndex
SaveAsk = Callable[[QWidget, str, str], str | None]
ROOT = QModelIndex()
MEASURE_WIDTH = 30  # characters on a line of a measure's name


class FiguresModel(QAbstractTableModel):
    """Measures down, months across; every cell is text already made safe by the service."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: Any = None

    def set_table(self, table: Any) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if self.table is None or parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if self.table is None or parent.isValid() else len(self.table.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self.table.rows[index.row()].cells[index.column()]
            if role == Qt.ItemDataRole.AccessibleTextRole and not text:
                return tr("Figures", "not applicable")
            return tr("Figures", WITHHELD) if text == WITHHELD else text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.table is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_heading(self.table, section)
        row = self.table.rows[section]
        label = tr("Figures", row.label)
        return f"    {label}" if row.indent else label


def column_heading(table: Any, section: int) -> str:
    """A column's heading in the language in use: a month ("Jan 2026"), or the whole range
    (the last column). The table's own headings stay English for its CSV."""
    if section == len(table.columns) - 1:
        return tr("Figures", table.columns[section])
    months = table.first.year * 12 + table.first.month - 1 + section
    return f"{month_name(months % 12 + 1, short=True)} {months // 12}"


class WrappedHeaders(QIdentityProxyModel):
    """The figures as the view shows them: a month over two lines ("Dec" above "2025") and a
    measure's name over lines of at most ``MEASURE_WIDTH`` characters, so the table fits
    1024×768 without a sideways scroll. The words are the model's; only the line breaks differ."""

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        text = super().headerData(section, orientation, role)
        if role != Qt.ItemDataRole.DisplayRole or not isinstance(text, str):
            return text
        if orientation == Qt.Orientation.Horizontal:
            return text.replace(" ", "\n", 1)
        indent = text[: len(text) - len(text.lstrip())]
        return textwrap.fill(
            text.strip(), MEASURE_WIDTH, initial_indent=indent, subsequent_indent=indent
        )


def ask_save_path(parent: QWidget, suggested: str, kind: str) -> str | None:
    pattern = (
        tr("Figures", "CSV files (*.csv)") if kind == "csv" else tr("Figures", "PDF files (*.pdf)")
    )
    title = tr("Figures", "Save the figures as {kind}").format(kind=kind.upper())
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, str(default_folder() / suggested), pattern
    )
    if not path:
        return None
    return path if path.lower().endswith(f".{kind}") else f"{path}.{kind}"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class FiguresWindow(QWidget):
    def __init__(
        self, vault: Any, parent: QWidget | None = None, *, ask_path: SaveAsk = ask_save_path
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        from engager_desktop.services import figures

        self.setWindowTitle(tr("Figures", "Service figures"))
        self.setAccessibleName(tr("Figures", "Service figures"))
        closes_like_a_dialog(window_role(self))
        self._vault = vault
        self._ask_path = ask_path
        self.shown: Any = None
        first, last = figures.default_range(vault)
        self.first = self._date_edit(first)
        self.last = self._date_edit(last)
        self.show_button = QPushButton(tr("Figures", "&Show figures"))
        pick = QHBoxLayout()
        pick.addWidget(label_for(tr("Figures", "&From:"), self.first))
        pick.addWidget(self.first)
        pick.addWidget(label_for(tr("Figures", "&To:"), self.last))
        pick.addWidget(self.last)
        pick.addWidget(self.show_button)
        pick.addStretch(1)
        intro = QLabel(
            tr(
                "Figures",
                "Anonymised figures by month: no names, ids or notes, and every count of fewer "
                "than 5 is withheld, so they may leave the laptop.",
            )
        )
        intro.setWordWrap(True)
        self.model = FiguresModel(self)
        self.view = QTableView()
        self.shown_model = WrappedHeaders(self)  # 1024×768 without a sideways scroll
        self.shown_model.setSourceModel(self.model)
        self.view.setModel(self.shown_model)
        self.view.setAccessibleName(tr("Figures", "Service figures by month"))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.status = SpokenLabel()
        self.status.setWordWrap(True)
        self.csv_button = QPushButton(tr("Figures", "Export &CSV…"))
        self.pdf_button = QPushButton(tr("Figures", "Export &PDF…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        self.show_button.clicked.connect(self.refresh)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self._exports_enabled(False)
        focus_first_field(self)
        self.resize(1000, 700)  # fits a 1024×768 screen
        self.refresh()

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        tab_leaves(edit)
        return edit

    def _exports_enabled(self, on: bool) -> None:
        self.csv_button.setEnabled(on)
        self.pdf_button.setEnabled(on)

    def refresh(self) -> None:
        from engager_desktop.services import figures

        vault, first, last = self._vault, _day(self.first), _day(self.last)
        self.show_button.setEnabled(False)
        say(self.status, tr("Figures", "Working out the figures…"))
        ops.run(
            lambda: figures.service_figures(vault, first, last),
            self._loaded,
            self._failed,
            owner=self,
        )

    def _loaded(self, table: Any) -> None:
        self.show_button.setEnabled(True)
        self.shown = table
        self.model.set_table(table)
        self.notes.setText("\n".join(tr("Figures", note) for note in table.notes))
        self._exports_enabled(True)
        months = len(table.columns) - 1
        say(
            self.status,
            trn("Figures", "Figures shown for {n} month.", "Figures shown for {n} months.", months),
        )

    def _failed(self, message: str, _exc: BaseException) -> None:
        self.show_button.setEnabled(True)
        say(self.status, message)

    def export(self, kind: str) -> None:
        from engager_desktop.services import figures

        table = self.shown
        if table is None:
            return
        suggested = f"service-figures-{table.first.isoformat()}-to-{table.last.isoformat()}.{kind}"
        chosen = self._ask_path(self, suggested, kind)
        if chosen is None:
            return
        vault = self._vault
        self._exports_enabled(False)

        def done(path: Path) -> None:
            self._exports_enabled(True)
            say(self.status, tr("Figures", "Saved as {file}.").format(file=path.name))

        def failed(message: str, _exc: BaseException) -> None:
            self._exports_enabled(True)
            say(self.status, message)

        ops.run(lambda: figures.export(vault, table, Path(chosen)), done, failed, owner=self)
