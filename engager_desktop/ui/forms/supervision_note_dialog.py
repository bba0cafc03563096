"""Change one supervision note where the notes are listed: its type, date and what was discussed,
reflected on and agreed (put right a typo or a wrong date without adding a second note)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.forms.base import FormDialog, choice, day_edit, day_of, paragraph, text_of

TEXTS = (
    ("cases_discussed", N_("SupervisionNoteForm", "&Cases discussed:")),
    ("risk", N_("SupervisionNoteForm", "Ris&k:")),
    ("reflections", N_("SupervisionNoteForm", "&Reflections:")),
    ("actions", N_("SupervisionNoteForm", "&Actions agreed:")),
)


class SupervisionNoteDialog(FormDialog):
    """``note``: the ``NoteView`` to change; saving stores it through ``supervision.edit_note``."""

    def __init__(self, vault: Any, note: Any, parent: QWidget | None = None) -> None:
        super().__init__(vault, tr("SupervisionNoteForm", "Change a supervision note"), parent)
        self.note = note
        words = {key: labels.word(labels.SUPERVISION, key) for key in labels.SUPERVISION}
        self.kind = self.field(
            "kind", tr("SupervisionNoteForm", "&Type of supervision:"), choice(words, note.kind)
        )
        self.held_on = self.field(
            "held_on", tr("SupervisionNoteForm", "&Held on:"), day_edit(note.held_on)
        )
        self.texts: dict[str, Any] = {}
        for key, text in TEXTS:
            edit = paragraph(getattr(note, key) or "")
            edit.setFixedHeight(64)
            self.texts[key] = self.field(key, tr("SupervisionNoteForm", text), edit)

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.supervision import NoteInput, edit_note

        wanted = NoteInput(
            kind=str(self.kind.currentData()),
            held_on=day_of(self.held_on),
            **{key: text_of(edit) for key, edit in self.texts.items()},
        )
        vault, note_id = self.vault, self.note.id
        return lambda: edit_note(vault, note_id, wanted)
