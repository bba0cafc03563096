"""Practice notes (P19, P27, P29, P36): dated, checked, audited, his alone, tombstoned."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import practice_notes as notes
from engager_desktop.services.common import NotFound
from engager_desktop.services.participants import ParticipantForm, create_participant
from engager_desktop.store.orm import AuditEvent, PracticeNote
from engager_desktop.store.vault import Vault

TODAY = date(2026, 11, 2)


@pytest.fixture
def man(vault: Vault) -> str:
    return create_participant(vault, ParticipantForm("Tomasz", "Nowak", "Tomasz")).id


def _note(**changes: object) -> notes.NoteInput:
    values: dict[str, object] = {
        "kind": "weekend",
        "noted_on": TODAY,
        "what": "Saturday: football with his brother. Sunday: dinner at his mum's.",
    }
    values.update(changes)
    return notes.NoteInput(**values)  # type: ignore[arg-type]


def test_notes_are_added_changed_listed_newest_first_and_removed(vault: Vault, man: str) -> None:
    older = notes.add_note(vault, man, _note(noted_on=TODAY - timedelta(days=3)))
    newer = notes.add_note(
        vault,
        man,
        _note(kind="advocacy", what=" Asked housing to hold his room ", with_whom="Harbour"),
    )
    assert [(n.id, n.kind, n.what) for n in notes.notes_for(vault, man)] == [
        (newer, "advocacy", "Asked housing to hold his room"),
        (older, "weekend", _note().what),
    ]
    notes.edit_note(vault, older, _note(kind="weekdays", what="Job club Tuesdays"))
    notes.remove_note(vault, newer)
    assert [(n.kind, n.what) for n in notes.notes_for(vault, man)] == [
        ("weekdays", "Job club Tuesdays")
    ]
    with vault.read() as session:
        kept = session.get(PracticeNote, newer)
        assert kept is not None and kept.deleted  # a tombstone travels in bundles
        actions = session.execute(
            select(AuditEvent.action, AuditEvent.record_id).where(
                AuditEvent.kind == "practice_notes"
            )
        ).all()
    assert [tuple(a) for a in actions] == [
        ("create", older),
        ("create", newer),
        ("update", older),
        ("delete", newer),
    ]
    with pytest.raises(NotFound):
        notes.edit_note(vault, newer, _note())


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": "gossip"}, "kind", "not one of the choices"),
        ({"what": "  "}, "what", "filling in"),
        ({"what": "x" * 2001}, "what", "too long"),
        ({"with_whom": "x" * 201}, "with_whom", "too long"),
        ({"noted_on": TODAY + timedelta(days=1)}, "noted_on", "still to come"),
    ],
)
def test_bad_notes_are_refused_beside_their_field(
    vault: Vault, man: str, changes: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as refused:
        notes.add_note(vault, man, _note(**changes))
    assert refused.value.field == field
    assert notes.notes_for(vault, man) == ()


def test_a_note_for_someone_not_on_the_caseload_is_refused(vault: Vault) -> None:
    with pytest.raises(NotFound):
        notes.add_note(vault, "no-such-man", _note())
