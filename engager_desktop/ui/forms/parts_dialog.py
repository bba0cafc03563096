"""Change a few fields of one of his plans (release, ending) where they are shown.

The form is made from (field, label, kind) parts of a frozen dataclass record; saving replaces
the record with those fields changed through the plan's own save use case, and hands back an
``Edit`` whose undo saves the record as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QWidget

from engager_desktop.ui.forms.base import (
    FormDialog,
    choice,
    day_edit,
    day_of,
    line,
    paragraph,
    text_of,
)
from engager_desktop.ui.workspace.undo import Edit

CHECK, TEXT, LINE, DAY = "check", "text", "line", "day"
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
            return self.field(key, text, optional_day(value, self.vault.clock.today()))
        limit = 40 if key == "phone_number" else 200
        widget = line(value or "", limit) if kind == LINE else paragraph(value or "")
        if kind == TEXT:
            widget.setFixedHeight(64)
        return self.field(key, text, widget)

    def changed_record(self) -> Any:
        changes: dict[str, Any] = {}
        for key, widget in self.parts.items():
            if isinstance(widget, QCheckBox):
                changes[key] = widget.isChecked()
            elif isinstance(widget, QDateEdit):
                changes[key] = None if widget.date() == widget.minimumDate() else day_of(widget)
            elif hasattr(widget, "currentData"):
                changes[key] = widget.currentData() or None
            else:
                changes[key] = text_of(widget)
        return replace(self.record, **changes)

    def work(self) -> Callable[[], Any]:
        before, after = self.record, self.changed_record()
        store, title = self.store, self.windowTitle()

        def save() -> Edit:
            if after != before:
                store(after)
            return Edit(f"change “{title}”", lambda: store(before), lambda: store(after))

        return save


def optional_day(value: date | None, today: date) -> QDateEdit:
    """A date from today on that may be left unset: the day before today shows as "Not set"
    and reads back as None (one step up from it is today)."""
    edit = day_edit(value or today)
    not_set = min(today, value or today) - timedelta(days=1)  # an earlier date stays shown
    edit.setMinimumDate(QDate(not_set.year, not_set.month, not_set.day))
    edit.setSpecialValueText("Not set")
    if value is None:
        edit.setDate(edit.minimumDate())
    return edit
