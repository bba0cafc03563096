"""Table models for the conflict review: the open conflicts, and one conflict's two versions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engager_desktop.domain.record_kinds import kind_words
from engager_desktop.services.sync import ConflictView
from engager_desktop.ui.labels import NONE
from engager_desktop.ui.models.rows_model import ID_ROLE, RowsModel, TextRow

COL_MAN, COL_RECORD, COL_FIELDS, COL_KEPT, COL_DETECTED = range(5)
HEADERS = ("Man", "Record", "Fields that differ", "Kept for now", "Found")
__all__ = ["ID_ROLE", "ConflictsModel", "VersionsModel"]


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
        kept = "From the other laptop" if view.lost == "mine" else "This laptop's"
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


COL_FIELD, COL_MINE, COL_THEIRS = range(3)
VERSION_HEADERS = ("Field", "On this laptop", "From the other laptop")


def version_rows(
    view: ConflictView, now: Mapping[str, object], loser: Mapping[str, object]
) -> list[tuple[str, str, str]]:
    """(field, this laptop's value, the other laptop's value) for each field that differs."""
    mine, theirs = (loser, now) if view.lost == "mine" else (now, loser)
    return [
        (field_words(f), value_words(mine.get(f)), value_words(theirs.get(f))) for f in view.fields
    ]


class VersionsModel(RowsModel):
    """The two versions of one record side by side, only the fields that differ."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(VERSION_HEADERS, parent)

    def set_rows(self, rows: Sequence[tuple[str, str, str]]) -> None:  # type: ignore[override]
        super().set_rows([TextRow(cells=tuple(row)) for row in rows])
