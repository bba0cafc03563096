"""Table model for the conflict review: the open conflicts, one row each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engager_desktop.domain.record_kinds import kind_words
from engager_desktop.domain.validation import field_label
from engager_desktop.i18n import N_, short_date, tr
from engager_desktop.services.sync import ConflictView
from engager_desktop.ui.labels import NONE
from engager_desktop.ui.models.rows_model import ID_ROLE, RowsModel, TextRow

COL_MAN, COL_RECORD, COL_FIELDS, COL_KEPT, COL_DETECTED = range(5)
HEADERS = (
    N_("Conflicts", "Man"),
    N_("Conflicts", "Record"),
    N_("Conflicts", "Fields to settle"),
    N_("Conflicts", "Kept for now"),
    N_("Conflicts", "Found"),
)
__all__ = ["ID_ROLE", "ConflictsModel"]


def field_words(field: str) -> str:
    """A stored field's name in words, in the language in use where the catalogue has it."""
    return field_label(field)


def value_words(value: object) -> str:
    """A stored value as the practitioner reads it."""
    if value is None or value == "":
        return NONE
    if isinstance(value, bool):
        return tr("Labels", "Yes") if value else tr("Labels", "No")
    return str(value)


@dataclass(frozen=True)
class ConflictRow:
    view: ConflictView
    man: str  # the man's name, or "" for a record that belongs to no man

    def cells(self) -> tuple[str, ...]:
        view = self.view
        kept = {
            "mine": tr("Conflicts", "From the other laptop"),
            "theirs": tr("Conflicts", "This laptop's"),
        }.get(view.lost, tr("Conflicts", "Some of each"))
        if view.deleted_now:
            kept = tr("Conflicts", "Deleted")
        fields = ", ".join(field_words(f) for f in view.fields) or NONE
        found = _when(view.detected_at)
        return (self.man or NONE, kind_words(view.table), fields, kept, found)


def _when(moment: datetime) -> str:
    return f"{short_date(moment)} {moment:%H:%M}"


class ConflictsModel(RowsModel):
    """One row per unresolved conflict; ``ID_ROLE`` gives its conflict id."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(tuple(tr("Conflicts", text) for text in HEADERS), parent)
        self._conflicts: list[ConflictRow] = []

    def set_rows(self, rows: Sequence[ConflictRow]) -> None:  # type: ignore[override]
        self._conflicts = list(rows)
        super().set_rows([TextRow(cells=row.cells(), id=row.view.id) for row in rows])

    def row_at(self, row: int) -> ConflictRow:  # type: ignore[override]
        return self._conflicts[row]
