"""A list of like items on a wizard page (services he has known, steps, strengths), one box each.

Each row keeps the values it was given that have no input (its record ``id``, a linked goal) so
they come back out with what was typed. A fixed list (the steps to review) has no add or remove.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import N_, tr
from engager_desktop.ui.wizards.fields import BOX, Field, Spec

Header = Callable[[dict[str, Any]], str]


class _Row:
    def __init__(self, owner: RowList, number: int, values: dict[str, Any]) -> None:
        self.extra = {k: v for k, v in values.items() if k not in owner.keys}
        title = tr("Wizard", "{Noun} {number}").format(Noun=_capital(owner.noun), number=number)
        self.box = QGroupBox(title, owner)
        grid = QGridLayout(self.box)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        row = 0
        text = owner.header(values) if owner.header is not None else ""
        if owner.header is not None:
            if text:
                heading = QLabel(_escape(text).replace("\n", "<br>"), self.box)
                heading.setWordWrap(True)
                heading.setTextFormat(Qt.TextFormat.RichText)
                grid.addWidget(heading, row, 0, 1, 2)
                row += 1
        prefix = f"{title}: "
        self.fields: dict[str, Field] = {}
        column = 0
        for spec in owner.specs:
            field = Field(spec, self.box, prefix)
            if text:
                field.set_about(text)  # "Step 3: What happened" then which step it is
            self.fields[spec.key] = field
            field.on_change(owner.changed.emit)
            if spec.wide or spec.kind == BOX:
                if column:
                    row, column = row + 1, 0
                grid.addWidget(field.container, row, 0, 1, 2)
                row += 1
            else:
                grid.addWidget(field.container, row, column, Qt.AlignmentFlag.AlignTop)
                row, column = (row + 1, 0) if column else (row, 1)
        row += 1 if column else 0
        self.remove: QPushButton | None = None
        if not owner.fixed:
            words = tr("Wizard", "Remove {noun} {number}").format(noun=owner.noun, number=number)
            self.remove = QPushButton(words, self.box)
            self.remove.setAccessibleName(words)
            grid.addWidget(self.remove, row, 1, Qt.AlignmentFlag.AlignRight)
        for field in self.fields.values():
            field.set_value(values.get(field.spec.key, _blank(field.spec)))

    def value(self) -> dict[str, Any]:
        found = dict(self.extra)
        found.update({key: field.value() for key, field in self.fields.items()})
        return found


def _blank(spec: Spec) -> Any:
    return None if spec.kind == "number" else ""


def _capital(noun: str) -> str:
    """The noun with a capital first letter (the rest as it is: "Links map entry")."""
    return noun[:1].upper() + noun[1:]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class RowList(QWidget):
    """Rows of the same inputs; ``value()`` is a list of dicts, one per row."""

    changed = Signal()
    rows_changed = Signal()  # a row was added or removed: the tab order needs redoing

    def __init__(
        self,
        key: str,
        noun: str,
        specs: Sequence[Spec],
        parent: QWidget | None = None,
        *,
        fixed: bool = False,
        header: Header | None = None,
        empty_text: str = "",
        defaults: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.noun = noun
        self.specs = tuple(specs)
        self.keys = {spec.key for spec in specs}
        self.fixed = fixed
        self.header = header
        self.defaults = defaults or {}
        self.setObjectName(key)
        self.rows: list[_Row] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout = QVBoxLayout()
        layout.addLayout(self._rows_layout)
        self.empty = QLabel(empty_text, self)
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.add_button: QPushButton | None = None
        if not fixed:
            bar = QHBoxLayout()
            add = (
                N_("Wizard", "Add an {noun}")
                if noun[:1] in "aeiou"
                else N_("Wizard", "Add a {noun}")
            )
            words = tr("Wizard", add).format(noun=noun)
            self.add_button = QPushButton(words, self)
            self.add_button.setAccessibleName(words)
            self.add_button.clicked.connect(self._add_clicked)
            bar.addWidget(self.add_button)
            bar.addStretch(1)
            layout.addLayout(bar)
        self._show_empty()

    # --- rows --------------------------------------------------------------------------------

    def _show_empty(self) -> None:
        self.empty.setVisible(not self.rows and bool(self.empty.text()))

    def _add_clicked(self) -> None:
        row = self.add_row(dict(self.defaults))
        first = next(iter(row.fields.values()), None)
        if first is not None:
            first.widget.setFocus()

    def add_row(self, values: dict[str, Any] | None = None) -> _Row:
        row = _Row(self, len(self.rows) + 1, values or {})
        if row.remove is not None:
            row.remove.clicked.connect(lambda *_: self._remove(row))
        self.rows.append(row)
        self._rows_layout.addWidget(row.box)
        row.box.show()  # at once, not at the next event: Tab must reach it straight away
        self._show_empty()
        self.rows_changed.emit()
        self.changed.emit()
        return row

    def _remove(self, row: _Row) -> None:
        index = self.rows.index(row)
        values = self.value()
        del values[index]
        self.set_value(values)
        focus = self.add_button if not self.rows else self.rows[min(index, len(self.rows) - 1)].box
        if focus is not None:
            target = focus if focus is self.add_button else self.first_input(index)
            if target is not None:
                target.setFocus()
        self.changed.emit()

    def first_input(self, index: int) -> QWidget | None:
        if not 0 <= index < len(self.rows):
            return None
        fields = list(self.rows[index].fields.values())
        return fields[0].widget if fields else None

    def _clear(self) -> None:
        for row in self.rows:
            row.box.hide()
            row.box.setParent(None)
            row.box.deleteLater()
        self.rows = []

    # --- values ------------------------------------------------------------------------------

    def value(self) -> list[dict[str, Any]]:
        return [row.value() for row in self.rows]

    def set_value(self, value: Any) -> None:
        items = value if isinstance(value, list) else []
        if [r.value() for r in self.rows] == items:
            return
        blocked = self.blockSignals(True)
        try:
            self._clear()
            for item in items:
                self.add_row(dict(item) if isinstance(item, dict) else {})
        finally:
            self.blockSignals(blocked)
        self._show_empty()
        self.rows_changed.emit()
        self.changed.emit()

    def field(self, index: int, key: str) -> Field | None:
        if 0 <= index < len(self.rows):
            return self.rows[index].fields.get(key)
        return None

    # --- checks and focus --------------------------------------------------------------------

    def problems(self) -> list[tuple[Field, str]]:
        found = []
        for row in self.rows:
            for field in row.fields.values():
                problem = field.problem()
                field.show_problem(problem)
                if problem:
                    found.append((field, problem))
        return found

    def focus_widgets(self) -> list[QWidget]:
        widgets: list[QWidget] = []
        for row in self.rows:
            widgets.extend(field.widget for field in row.fields.values())
            if row.remove is not None:
                widgets.append(row.remove)
        if self.add_button is not None:
            widgets.append(self.add_button)
        return widgets
