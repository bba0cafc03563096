"""Change a few fields of one of his records (release plan, ending plan, a section of his shared
understanding) where they are shown.

The form is made from (field, label, kind) parts of a frozen dataclass record; saving replaces
the record with those fields changed through the record's own save use case, and hands back an
``Edit`` whose undo saves the record as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QWidget

from engager_desktop.i18n import tr
from engager_desktop.ui.a11y import plain
from engager_desktop.ui.forms.base import (
    FormDialog,
    choice,
    day_edit,
    day_of,
    line,
    paragraph,
    text_of,
    tri_state,
)
from engager_desktop.ui.forms.base import yes_no_unknown as base_yes_no_unknown
from engager_desktop.ui.workspace.undo import Edit

CHECK, TEXT, LINE, DAY, TRI = "check", "text", "line", "day", "yes_no_not_known"
Part = tuple[str, str, Any]  # (field, label, kind: one of the above, or {value: word} choices)


class PartsDialog(FormDialog):
    """``save(record)`` runs off the UI thread and stores a whole record of ``record``'s type."""

    def __init__(
        self,
        vault: Any,
        title: str,
        record: Any,
        parts: Sequence[Part],
        save: Callable[[Any], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(vault, title, parent)
        self.record = record
        self.store = save
        self.parts: dict[str, Any] = {}
        for key, text, kind in parts:
            self.parts[key] = self._part(key, text, kind, getattr(record, key))

    def _part(self, key: str, text: str, kind: Any, value: Any) -> Any:
        if kind == CHECK:
            box = self.row(QCheckBox(text))
            box.setObjectName(key)
            box.setChecked(bool(value))
            self.inputs[key] = box
            self.errors[key] = self.status
            return box
        if isinstance(kind, dict):
            return self.field(key, text, choice(kind, value or ""))
        if kind == DAY:
            return self.field(key, text, OptionalDay(text, value, self.vault.clock.today()))
        if kind == TRI:
            return self.field(key, text, yes_no_unknown(value))
        limit = 40 if key == "phone_number" else 200
        widget = line(value or "", limit) if kind == LINE else paragraph(value or "")
        if kind == TEXT:
            widget.setFixedHeight(64)
        return self.field(key, text, widget)

    def changed_record(self) -> Any:
        return replace(self.record, **{key: _value(w) for key, w in self.parts.items()})

    def work(self) -> Callable[[], Any]:
        before, after = self.record, self.changed_record()
        store, title = self.store, self.windowTitle()

        def save() -> Edit:
            if after != before:
                store(after)
            label = tr("PartsForm", "change “{title}”").format(title=title)
            return Edit(label, lambda: store(before), lambda: store(after))

        return save


class OptionalDay(QWidget):
    """A date that may be left unset: a tick box "Set" beside the date (unticked: None)."""

    def __init__(self, text: str, value: date | None, today: date) -> None:
        super().__init__()
        self.check = QCheckBox(tr("PartsForm", "Set"))
        self.check.setAccessibleName(tr("PartsForm", "{field} set").format(field=plain(text)))
        self.setFocusProxy(self.check)
        self.edit = day_edit(value or today)
        self.edit.setAccessibleName(plain(text))
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return day_of(self.edit) if self.check.isChecked() else None


def _value(widget: Any) -> Any:
    """What an input of the form holds, as the record stores it."""
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, OptionalDay):
        return widget.value()
    if isinstance(widget, QComboBox) and widget.property(TRI):
        return tri_state(widget)
    if isinstance(widget, QComboBox):
        return widget.currentData() or None
    return text_of(widget)


def yes_no_unknown(value: bool | None) -> QComboBox:
    """Yes / No / Not known (never assumed), marked so that ``_value`` reads it as such."""
    box = base_yes_no_unknown(value)
    box.setProperty(TRI, True)
    return box
