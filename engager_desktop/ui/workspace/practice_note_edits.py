"""Practice notes kept up where they belong: days and weekends on the Community tab (P27), family
support, advocacy and training on the People and services tab (P19, P29, P36).

Each tab has a table of its notes and buttons to add, change and remove one; every change goes
on the workspace's undo stack (a removed note comes back as a new one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.row_editing import RowEdits
from engager_desktop.ui.workspace.undo import Edit, Made

COLUMNS = (
    N_("Workspace", "Date"),
    N_("Workspace", "About"),
    N_("Workspace", "What"),
    N_("Workspace", "With"),
)


def columns() -> tuple[str, ...]:
    """The headings of a notes table, in the language in use."""
    return tuple(tr("Workspace", heading) for heading in COLUMNS)


def note_rows(notes: Sequence[Any], kinds: Sequence[str]) -> list[TextRow]:
    """The rows of a tab's notes table: its kinds only, newest first."""
    from engager_desktop.ui.forms.practice_note_dialog import KIND_WORDS

    return [
        TextRow(
            (labels.day(n.noted_on), KIND_WORDS.get(n.kind, n.kind), n.what, n.with_whom or ""),
            id=n.id,
            sort_keys=(n.noted_on, n.kind, n.what, n.with_whom or ""),
        )
        for n in notes
        if n.kind in kinds
    ]


class PracticeNoteEdits(RowEdits):
    """One tab's notes: ``prefix`` names its buttons (``add_<prefix>`` …), ``kinds`` its kinds."""

    def __init__(self, actions: Any, tab_name: str, prefix: str, kinds: Sequence[str]) -> None:
        super().__init__(actions, tab_name)
        self.prefix, self.kinds = prefix, tuple(kinds)
        self.table = self.tab.notes
        self.edit_from_rows(self.table, self.edit_note)

    def handlers(self) -> dict[str, Any]:
        return {
            f"add_{self.prefix}": self.add_note,
            f"edit_{self.prefix}": self.edit_note,
            f"remove_{self.prefix}": self.remove_note,
        }

    def _chosen(self) -> Any:
        chosen = self.table.chosen_id()
        found = next((n for n in self.ws.data.practice_notes if n.id == chosen), None)
        if found is None:
            self.ws.say(tr("Workspace", "Choose a note in the list first."))
        return found

    def _dialog(self, note: Any) -> Any:
        if (ready := self.actions._ready()) is None:
            return None
        from engager_desktop.ui.forms.practice_note_dialog import PracticeNoteDialog

        return self.open(PracticeNoteDialog(*ready, self.kinds, note, self.ws))

    def add_note(self) -> Any:
        return self._dialog(None)

    def edit_note(self) -> Any:
        if self.actions._ready() is None or (note := self._chosen()) is None:
            return None
        return self._dialog(note)

    def remove_note(self) -> Any:
        """Ask first (a box that does not block); Ctrl+Z brings it back as a new note."""
        if (ready := self.actions._ready()) is None or (note := self._chosen()) is None:
            return None
        from engager_desktop.services.practice_notes import NoteInput, add_note, remove_note

        vault, man_id = ready
        again = NoteInput(note.kind, note.noted_on, note.what, note.with_whom)
        made = Made(note.id)

        def undo() -> None:  # a new record: sync never brings a removed one back
            made.id = add_note(vault, man_id, again)

        edit = Edit(tr("Workspace", "remove a note"), undo, lambda: remove_note(vault, made.id))
        question = tr("Workspace", "Remove the note of {day}?").format(
            day=labels.day(note.noted_on)
        )
        return self.confirm_edit(tr("Workspace", "Remove this note?"), question, edit)
