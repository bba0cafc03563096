"""Table model for the conflict review: the open conflicts, one row each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engager_desktop.domain.record_kinds import kind_words
from engager_desktop.services.sync import ConflictView
from engager_desktop.ui.labels import NONE
from engager_desktop.ui.models.rows_model import ID_ROLE, RowsModel, TextRow

COL_MAN, COL_RECORD, COL_FIELDS, COL_KEPT, COL_DETECTED = range(5)
HEADERS = ("Man", "Record", "Fields to settle", "Kept for now", "Found")
__all__ = ["ID_ROLE", "ConflictsModel"]


def field_words(field: str) -> str:
    return field.replace("_", " ").capitalize()


def value_words(value: object) -> str:
    """A stored value as the practitioner reads it."""
    if value is None or value == "":
        return NONE
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


@dataclass(frozen=True)
class ConflictRow:
    view: ConflictView
    man: str  # the man's name, or "" for a record that belongs to no man

    def cells(self) -> tuple[str, ...]:
        view = self.view
        kept = {"mine": "From the other laptop", "theirs": "This laptop's"}.get(
            view.lost, "Some of each"
        )
        if view.deleted_now:
            kept = "Deleted"
        fields = ", ".join(field_words(f) for f in view.fields) or NONE
        found = _when(view.detected_at)
        return (self.man or NONE, kind_words(view.table), fields, kept, found)


def _when(moment: datetime) -> str:
    return f"{moment:%d %b %Y %H:%M}"


class ConflictsModel(RowsModel):
    """One row per unresolved conflict; ``ID_ROLE`` gives its conflict id."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent)
        self._conflicts: list[ConflictRow] = []

    def set_rows(self, rows: Sequence[ConflictRow]) -> None:  # type: ignore[override]
        self._conflicts = list(rows)
        super().set_rows([TextRow(cells=row.cells(), id=row.view.id) for row in rows])

    def row_at(self, row: int) -> ConflictRow:  # type: ignore[override]
        return self._conflicts[row]
