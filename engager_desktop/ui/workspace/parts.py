"""Building blocks of the workspace tabs: a scrolling page, headed fact lists, tables and text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import tr
from engager_desktop.ui.a11y import describe_value
from engager_desktop.ui.guidance_panel import FoldingGuidance
from engager_desktop.ui.labels import NONE
from engager_desktop.ui.models.rows_model import SORT_ROLE, RowsModel, TextRow

MAX_TABLE_ROWS_SHOWN = 12
MIN_COLUMN = 70
MIN_LAST_COLUMN = 140


def heading(text: str, level: int = 2) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * (1.25 if level == 1 else 1.1))
    label.setFont(font)
    label.setWordWrap(True)
    return label  # no fixed accessible name: the reader hears the heading as it is now


def value_label(name: str) -> QLabel:
    label = QLabel(NONE)
    label.setWordWrap(True)
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class Facts(QWidget):
    """Label: value lines; ``set`` fills one by key, ``clear`` empties them all."""

    def __init__(self, fields: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(1, 1)
        self.values: dict[str, QLabel] = {}
        top = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        for row, (key, text) in enumerate(fields):
            value = describe_value(value_label(key), text)
            name = QLabel(text + ":")
            name.setBuddy(value)  # the reader relates the value to its label
            grid.addWidget(name, row, 0, top)
            grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            self.values[key] = value

    def set(self, key: str, text: str | None) -> None:
        self.values[key].setText(text if text else NONE)

    def text(self, key: str) -> str:
        return self.values[key].text()

    def clear(self) -> None:
        for value in self.values.values():
            value.setText(NONE)


class FittedView(QTableView):
    """A table that shares its width out among its columns (the last one stretching, text
    wrapping) and asks to be refitted whenever its width changes."""

    def __init__(self, refit: Any) -> None:
        super().__init__()
        self._refit = refit
        self._width = -1

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.viewport().width() != self._width:
            self._width = self.viewport().width()
            QTimer.singleShot(0, self, self._refit)

    def share_width(self) -> None:
        model = self.model()
        columns = model.columnCount() if model is not None else 0
        if columns == 0:
            return
        total = max(self.viewport().width(), 200)
        header = self.horizontalHeader()
        wanted = [
            min(max(self.sizeHintForColumn(c), header.sectionSizeHint(c)), int(total * 0.45))
            for c in range(columns - 1)
        ]
        room = total - MIN_LAST_COLUMN
        if sum(wanted) > room:
            scale = room / sum(wanted)
            wanted = [max(MIN_COLUMN, int(w * scale)) for w in wanted]
        for column, width in enumerate(wanted):
            header.resizeSection(column, width)


class Table(QWidget):
    """A titled, sortable, read-only table whose height follows its rows (up to a limit).

    ``fit=False``: the table takes the height it is given and scrolls (for windows of lists).
    """

    def __init__(
        self,
        title: str,
        headers: Sequence[str],
        *,
        empty: str | None = None,
        fit: bool = True,
    ) -> None:
        super().__init__()
        self._fit_height = fit
        self.model = RowsModel(headers, self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setSortRole(SORT_ROLE)
        self.view = FittedView(self._fit)
        self.view.setModel(self._proxy)
        self.view.setAccessibleName(title)
        self.view.setObjectName(title)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)  # the rows keep their given order until a click
        self.empty = QLabel(empty or tr("Workspace", "Nothing recorded yet."))
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title))
        layout.addWidget(self.view, 0 if fit else 1)
        layout.addWidget(self.empty)
        self.set_rows(())

    def set_rows(self, rows: Sequence[TextRow]) -> None:
        chosen = self.chosen_id()
        self.model.set_rows(rows)
        self._choose_again(chosen)
        has_rows = bool(rows)
        self.view.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        if has_rows:
            self._fit()

    def _fit(self) -> None:
        if not self.model.rowCount():
            return
        self.view.share_width()
        self.view.resizeRowsToContents()
        if not self._fit_height:
            return
        shown = min(self.model.rowCount(), MAX_TABLE_ROWS_SHOWN)
        header = self.view.horizontalHeader()
        height = header.sizeHint().height() + sum(self.view.rowHeight(r) for r in range(shown))
        self.view.setFixedHeight(height + 2 * self.view.frameWidth())

    def clear(self) -> None:
        self.set_rows(())

    def chosen_id(self) -> str | None:
        """The id of the row with the cursor (None when no row is chosen)."""
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        source = self._proxy.mapToSource(index)
        return self.model.row_at(source.row()).id if source.isValid() else None

    def choose_row(self, row: int) -> None:
        self.view.setCurrentIndex(self._proxy.index(row, 0))

    def _choose_again(self, row_id: str | None) -> None:
        """Keep the cursor on the row it was on (by id) when the rows are shown again."""
        for row in range(self.model.rowCount() if row_id else 0):
            if self.model.row_at(row).id == row_id:
                index = self._proxy.mapFromSource(self.model.index(row, 0))
                self.view.setCurrentIndex(index)
                return


class Text(QWidget):
    """A titled paragraph of recorded text."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = describe_value(value_label(title), title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title))
        layout.addWidget(self.body)

    def set(self, text: str | None) -> None:
        self.body.setText(text if text else NONE)

    def clear(self) -> None:
        self.body.setText(NONE)


def rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class TabPage(QScrollArea):
    """A tab's page: parts stacked in a scrolling column. Subclasses fill ``show_data``.

    A tab with guidance ``places`` shows its prompts first, behind a button (closed at first).
    """

    title = ""
    places: tuple[str, ...] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = tr("Workspace", self.title)
        self.setAccessibleName(self.title)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.setWidget(inner)
        self.parts: list[Any] = []
        self.buttons: dict[str, QPushButton] = {}
        self._action_row: QHBoxLayout | None = None
        self.guidance = FoldingGuidance(self.places) if self.places else None
        if self.guidance is not None:
            self.column.addWidget(self.guidance)

    def action(self, key: str, text: str) -> QPushButton:
        """A button in the tab's row of actions (the workspace connects ``buttons[key]``)."""
        if self._action_row is None:
            self._action_row = QHBoxLayout()
            self._action_row.setContentsMargins(0, 0, 0, 0)
            holder = QWidget()
            holder.setLayout(self._action_row)
            self._action_row.addStretch(1)
            self.column.addWidget(holder)
        button = QPushButton(text)
        button.setObjectName(key)
        self._action_row.insertWidget(self._action_row.count() - 1, button)
        self.buttons[key] = button
        return button

    def add(self, part: QWidget) -> Any:
        self.column.addWidget(part)
        if isinstance(part, Facts | Table | Text):
            self.parts.append(part)
        return part

    def finish(self) -> None:
        self.column.addStretch(1)

    def show_data(self, data: Any) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        for part in self.parts:
            part.clear()


def button_row(page: TabPage, *specs: tuple[str, str, str], context: str = "") -> QWidget:
    """A row of buttons to place under a part of ``page``, each (key in ``page.buttons``, text,
    accessible name); the workspace connects them as it does the top row's. With a ``context``
    the text and name are marked constants (``N_``), translated here."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for key, text, name in specs:
        button = QPushButton(tr(context, text) if context else text)
        button.setObjectName(key)
        button.setAccessibleName(tr(context, name) if context else name)
        page.buttons[key] = button
        row.addWidget(button)
    row.addStretch(1)
    return holder
