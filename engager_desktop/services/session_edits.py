"""Sessions kept up after they are planned or recorded (P13, P26): move or cancel a planned
session, or correct what was written about a held or missed one, without a new review.

Whether he came is not changed here: that is the session review's to record. The undo of a
cancel plans the session again as a new record (sync never brings a removed record back).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engager_desktop.domain.enums import MeetingPlace
from engager_desktop.domain.validation import ValidationError, optional_text, require_text
from engager_desktop.i18n import tr
from engager_desktop.services.action_plan import choice
from engager_desktop.services.common import RuleBroken, get_live
from engager_desktop.services.meetings import now_stored, stored_time
from engager_desktop.services.records import check_whole_number
from engager_desktop.services.session_review import MAX_MINUTES
from engager_desktop.store.orm import Meeting, Participant
from engager_desktop.store.orm.base import LONG, MEDIUM, SHORT
from engager_desktop.store.vault import Vault


@dataclass(frozen=True)
class SessionChange:
    starts_at: datetime
    place: MeetingPlace | str
    location: str | None = None
    reviewed: str | None = None  # held sessions only
    notes: str | None = None  # held sessions only
    follow_up: str | None = None  # missed sessions: what was done to follow it up
    minutes: int | None = None  # held sessions only: how long it lasted


_CHANGED = ("starts_at", "place", "location", "reviewed", "notes", "follow_up", "minutes")


def change_of(row: Meeting | Mapping[str, Any]) -> SessionChange:
    """The change that saves a session as it is (for undo): from the stored row, or from the
    workspace's read-only row of it (a mapping of the same names)."""
    values: list[Any] = [
        row.get(name) if isinstance(row, Mapping) else getattr(row, name) for name in _CHANGED
    ]
    return SessionChange(*values)


def _fields(row: Meeting, change: SessionChange, now: datetime) -> dict[str, object]:
    starts_at = stored_time(change.starts_at)
    if row.attended is not None and starts_at.date() > now.date():
        raise ValidationError(
            "starts_at", tr("Errors", "A session already recorded cannot move to a later day.")
        )
    values: dict[str, object] = {
        "starts_at": starts_at,
        "place": choice(change.place, MeetingPlace, "place").value,
        "location": optional_text(change.location, "location", SHORT),
    }
    if row.attended is True:
        values["reviewed"] = optional_text(change.reviewed, "what_was_reviewed", MEDIUM)
        values["notes"] = optional_text(change.notes, "notes", LONG)
        check_whole_number(change.minutes, "minutes", 1, MAX_MINUTES)
        values["minutes"] = change.minutes
    elif row.attended is False:
        values["follow_up"] = require_text(change.follow_up, "follow_up", MEDIUM)
    return values


def edit_session(vault: Vault, meeting_id: str, change: SessionChange) -> None:
    """Move a planned session, or correct a recorded one's time, place and what was written."""
    with vault.write() as session:
        row = get_live(session, Meeting, meeting_id, "session")
        get_live(session, Participant, row.participant_id, "man")
        for key, value in _fields(row, change, now_stored(vault)).items():
            setattr(row, key, value)


def cancel_session(vault: Vault, meeting_id: str) -> None:
    """Cancel a session still to come (a held or missed one is kept: it happened)."""
    with vault.write() as session:
        row = get_live(session, Meeting, meeting_id, "session")
        if row.attended is not None:
            raise RuleBroken(
                tr("Errors", "only a planned session can be cancelled; this one is recorded")
            )
        row.deleted = True


def plan_again(vault: Vault, man_id: str, change: SessionChange) -> str:
    """A planned session cancelled by mistake, planned again as a new record; returns its id."""
    with vault.write() as session:
        get_live(session, Participant, man_id, "man")
        row = Meeting(participant_id=man_id, attended=None)
        for key, value in _fields(row, change, now_stored(vault)).items():
            setattr(row, key, value)
        session.add(row)
        session.flush()
        return row.id
