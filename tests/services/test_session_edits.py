"""Sessions kept up: a planned one moved or cancelled (and brought back), a recorded one's words
corrected, whether he came left to the review; every change audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import session_edits as edits
from engager_desktop.services.common import RuleBroken
from engager_desktop.store.orm import AuditEvent, Meeting
from engager_desktop.store.vault import Vault
from tests.services.test_meetings import NOW, add_man, planned_session

pytest_plugins = ["tests.vault_fixtures"]


@pytest.fixture
def man(vault: Vault) -> str:
    return add_man(vault)


def _row(vault: Vault, meeting_id: str) -> Meeting:
    with vault.read() as session:
        row = session.get(Meeting, meeting_id)
        assert row is not None
        session.expunge(row)
        return row


def _recorded(vault: Vault, man: str, attended: bool) -> str:
    with vault.write() as session:
        row = Meeting(
            participant_id=man,
            starts_at=NOW - timedelta(days=2),
            place="prison",
            attended=attended,
            reviewed="Went over the plan" if attended else None,
            follow_up=None if attended else "Rang the wing",
        )
        session.add(row)
        session.flush()
        return row.id


def test_a_planned_session_is_moved_cancelled_and_planned_again(vault: Vault, man: str) -> None:
    planned = planned_session(vault, man, NOW + timedelta(days=3))
    later = NOW + timedelta(days=4, hours=2)
    edits.edit_session(vault, planned, edits.SessionChange(later, "phone"))
    row = _row(vault, planned)
    assert (row.starts_at, row.place, row.location, row.attended) == (later, "phone", None, None)
    edits.cancel_session(vault, planned)
    assert _row(vault, planned).deleted
    again = edits.plan_again(vault, man, edits.change_of(_row(vault, planned)))
    row = _row(vault, again)
    assert (row.starts_at, row.place, row.attended, row.deleted) == (later, "phone", None, False)
    assert _row(vault, planned).deleted  # sync never brings a removed record back
    with vault.read() as session:
        actions = list(
            session.scalars(select(AuditEvent.action).where(AuditEvent.record_id == planned))
        )
    assert actions == ["create", "update", "delete"]


def test_a_recorded_session_keeps_its_outcome_and_cannot_be_cancelled(
    vault: Vault, man: str
) -> None:
    held = _recorded(vault, man, True)
    before = _row(vault, held)
    change = edits.change_of(before)
    edits.edit_session(vault, held, edits.SessionChange(**{**change.__dict__, "notes": "Calmer"}))
    after = _row(vault, held)
    assert (after.notes, after.reviewed, after.attended) == ("Calmer", "Went over the plan", True)
    with pytest.raises(RuleBroken):
        edits.cancel_session(vault, held)
    with pytest.raises(ValidationError):
        edits.edit_session(
            vault,
            held,
            edits.SessionChange(**{**change.__dict__, "starts_at": NOW + timedelta(days=1)}),
        )
    missed = _recorded(vault, man, False)
    with pytest.raises(ValidationError) as refused:
        edits.edit_session(
            vault,
            missed,
            edits.SessionChange(
                **{**edits.change_of(_row(vault, missed)).__dict__, "follow_up": " "}
            ),
        )
    assert refused.value.field == "follow_up"
