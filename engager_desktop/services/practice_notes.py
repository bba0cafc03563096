"""Practice notes (store.orm.practice): his days and weekends in the community (P27), support
given to his family (P19), advocacy and informal training given to other services (P29, P36).

Each is dated (not a day still to come), says what was done or planned and optionally with whom.
Adding, changing and removing are audited by the ORM flush hook; a removed note is a tombstone,
so undoing a removal adds it again as a new note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from engager_desktop.domain.enums import PracticeNoteKind
from engager_desktop.domain.validation import ValidationError, optional_text, require_text
from engager_desktop.i18n import tr
from engager_desktop.services.common import get_live
from engager_desktop.services.participants import require_man
from engager_desktop.services.records import check_choice, not_deleted
from engager_desktop.store.orm import PracticeNote
from engager_desktop.store.orm.base import MEDIUM, SHORT
from engager_desktop.store.vault import Vault

# Where each kind is kept up: the Community tab or the People and services tab.
COMMUNITY = (PracticeNoteKind.WEEKDAYS.value, PracticeNoteKind.WEEKEND.value)
PEOPLE = (
    PracticeNoteKind.FAMILY_SUPPORT.value,
    PracticeNoteKind.ADVOCACY.value,
    PracticeNoteKind.TRAINING.value,
)


@dataclass(frozen=True)
class NoteInput:
    kind: str
    noted_on: date
    what: str
    with_whom: str | None = None


@dataclass(frozen=True)
class NoteView:
    id: str
    kind: str
    noted_on: date
    what: str
    with_whom: str | None


def _fields(note: NoteInput, today: date) -> dict[str, object]:
    if note.noted_on > today:
        raise ValidationError(
            "noted_on", tr("Errors", "That day is still to come. Check the date.")
        )
    return {
        "kind": check_choice(note.kind, PracticeNoteKind, "kind"),
        "noted_on": note.noted_on,
        "what": require_text(note.what, "what", MEDIUM),
        "with_whom": optional_text(note.with_whom, "with_whom", SHORT),
    }


def add_note(vault: Vault, man_id: str, note: NoteInput) -> str:
    """A new note for him; returns its id."""
    fields = _fields(note, vault.clock.today())
    with vault.write() as session:
        require_man(session, man_id)
        row = PracticeNote(participant_id=man_id, **fields)
        session.add(row)
        session.flush()
        return row.id


def edit_note(vault: Vault, note_id: str, note: NoteInput) -> None:
    fields = _fields(note, vault.clock.today())
    with vault.write() as session:
        row = get_live(session, PracticeNote, note_id, "note")
        for key, value in fields.items():
            setattr(row, key, value)


def remove_note(vault: Vault, note_id: str) -> None:
    with vault.write() as session:
        get_live(session, PracticeNote, note_id, "note").deleted = True


def notes_for(vault: Vault, man_id: str) -> tuple[NoteView, ...]:
    """His live notes, newest first."""
    with vault.read() as session:
        rows = session.scalars(
            select(PracticeNote)
            .where(PracticeNote.participant_id == man_id, not_deleted(PracticeNote.deleted))
            .order_by(PracticeNote.noted_on.desc(), PracticeNote.created_at.desc())
        )
        return tuple(NoteView(r.id, r.kind, r.noted_on, r.what, r.with_whom) for r in rows)
