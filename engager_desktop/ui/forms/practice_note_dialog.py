"""Add or change a practice note: his days and weekends (P27), support for his family (P19),
advocacy or informal training for another service (P29, P36). Saving hands back an ``Edit``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui.forms.base import (
    FormDialog,
    choice,
    day_edit,
    day_of,
    line,
    paragraph,
    text_of,
)
from engager_desktop.ui.workspace.undo import Edit, adding

KIND_WORDS = {
    "weekdays": N_("PracticeNoteForm", "His weekdays"),
    "weekend": N_("PracticeNoteForm", "His weekend"),
    "family_support": N_("PracticeNoteForm", "Support for his family"),
    "advocacy": N_("PracticeNoteForm", "Speaking up for him with a service"),
    "training": N_("PracticeNoteForm", "Explaining our work to a service"),
}
WHAT_HINT = {
    "weekdays": N_(
        "PracticeNoteForm", "What fills each day: where he goes, who he sees, what he does."
    ),
    "weekend": N_(
        "PracticeNoteForm", "Where meals, showers and company are when services are closed."
    ),
    "family_support": N_("PracticeNoteForm", "What you did or told them, and how they are coping."),
    "advocacy": N_("PracticeNoteForm", "What you asked for on his behalf, and what came of it."),
    "training": N_(
        "PracticeNoteForm", "What you explained about Engager and his needs, and to whom."
    ),
}


class PracticeNoteDialog(FormDialog):
    """``note``: the ``NoteView`` to change, or None to add one of ``kinds`` for ``man_id``."""

    def __init__(
        self,
        vault: Any,
        man_id: str,
        kinds: Sequence[str],
        note: Any | None,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            tr("PracticeNoteForm", "Change the note")
            if note
            else tr("PracticeNoteForm", "Add a note")
        )
        super().__init__(vault, title, parent)
        self.man_id, self.note = man_id, note
        words = {k: tr("PracticeNoteForm", KIND_WORDS[k]) for k in kinds}
        self.kind = self.field(
            "kind", tr("PracticeNoteForm", "&About:"), choice(words, note.kind if note else None)
        )
        today = vault.clock.today()
        self.noted_on = self.field(
            "noted_on", tr("PracticeNoteForm", "&Date:"), day_edit(note.noted_on if note else today)
        )
        self.what = self.field(
            "what", tr("PracticeNoteForm", "&What:"), paragraph(note.what if note else "")
        )
        self.with_whom = self.field(
            "with_whom",
            tr("PracticeNoteForm", "With &whom:"),
            line(note.with_whom or "" if note else "", 200),
        )
        self.kind.currentIndexChanged.connect(self._hint)
        self._hint()

    def _hint(self) -> None:
        hint = WHAT_HINT.get(str(self.kind.currentData()), "")
        hint = tr("PracticeNoteForm", hint) if hint else ""
        self.what.setPlaceholderText(hint)
        self.what.setAccessibleDescription(hint)

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.practice_notes import (
            NoteInput,
            add_note,
            edit_note,
            remove_note,
        )

        wanted = NoteInput(
            str(self.kind.currentData()),
            day_of(self.noted_on),
            text_of(self.what) or "",
            text_of(self.with_whom),
        )
        vault, man_id, old = self.vault, self.man_id, self.note
        kind = KIND_WORDS.get(wanted.kind)
        label = tr("PracticeNoteForm", kind).lower() if kind else tr("PracticeNoteForm", "note")
        if old is None:
            return adding(
                tr("PracticeNoteForm", "add a note: {kind}").format(kind=label),
                lambda: add_note(vault, man_id, wanted),
                lambda note_id: remove_note(vault, note_id),
            )
        before = NoteInput(old.kind, old.noted_on, old.what, old.with_whom)

        def save() -> Edit:
            edit_note(vault, old.id, wanted)
            return Edit(
                tr("PracticeNoteForm", "change a note: {kind}").format(kind=label),
                lambda: edit_note(vault, old.id, before),
                lambda: edit_note(vault, old.id, wanted),
            )

        return save
