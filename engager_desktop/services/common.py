"""What every use case shares: errors, fetching live records, the search index, audited listings.

Conventions for the services layer (the GUI and CLI only ever call these):
- a use case is a function taking the open ``Vault`` first; it runs in ONE ``vault.write()``
  transaction (the flush hook stamps and audits every changed record in that transaction);
- inputs are validated with ``engager_desktop.domain.validation`` before anything is written;
- results are plain frozen dataclasses, never ORM objects (the GUI must not hold a session);
- a record that is missing or tombstoned is ``NotFound``; sharing without consent is
  ``ConsentRequired``; messages are one plain line that names no man.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Column, Integer, MetaData, Table, Text, delete, insert, select
from sqlalchemy.orm import Session

from engager_desktop.crypto.errors import VaultError
from engager_desktop.i18n import N_, tr
from engager_desktop.store.orm import Goal, Meeting, Participant, Synced
from engager_desktop.store.orm.base import Base

if TYPE_CHECKING:
    from engager_desktop.store.vault import Vault

T = TypeVar("T", bound=Synced)

# The FTS5 table made by migration 0002. Its own MetaData: it is not a model, and the schema
# comparison in the migration tests must not expect it.
SEARCH_INDEX = Table(
    "search_index",
    MetaData(),
    Column("rowid", Integer, primary_key=True),
    Column("participant_id", Text),
    Column("body", Text),
)


# The kinds of record a refusal names ("no such goal"), in the words of the language in use.
THINGS = {
    "man": N_("Errors", "man"),
    "step": N_("Errors", "step"),
    "goal": N_("Errors", "goal"),
    "appointment": N_("Errors", "appointment"),
    "service": N_("Errors", "service"),
    "session": N_("Errors", "session"),
    "meeting": N_("Errors", "meeting"),
    "person": N_("Errors", "person"),
    "note": N_("Errors", "note"),
    "support person": N_("Errors", "support person"),
    "supervision note": N_("Errors", "supervision note"),
    "distress rating": N_("Errors", "distress rating"),
    "service contact": N_("Errors", "service contact"),
    "priority problem": N_("Errors", "priority problem"),
    "links map entry": N_("Errors", "links map entry"),
    "strength": N_("Errors", "strength"),
    "quick win": N_("Errors", "quick win"),
}


class NotFound(VaultError):
    """``what`` is the kind of record, a key of ``THINGS`` (kept: the caller may test it)."""

    def __init__(self, what: str) -> None:
        self.what = what
        thing = tr("Errors", THINGS[what]) if what in THINGS else what
        super().__init__(
            tr("Errors", "no such {thing} (it may have been deleted)").format(thing=thing)
        )


class ConsentRequired(VaultError):
    def __init__(self, what: str) -> None:
        super().__init__(
            tr("Errors", "he has not agreed to {what}; record his consent first").format(what=what)
        )


class RuleBroken(VaultError):
    """A practice rule refuses the change (for example a phase move without what it needs)."""


def get_live(session: Session, model: type[T], record_id: str, what: str) -> T:
    obj = session.get(model, record_id)
    if obj is None or obj.deleted:
        raise NotFound(what)
    return obj


def add_record(vault: Vault, model: type[T], values: Mapping[str, object]) -> str:
    """Insert one record of ``model`` with ``values`` (already checked); its new id."""
    with vault.write() as session:
        row = model(**values)
        session.add(row)
        session.flush()
        return row.id


def edit_record(
    vault: Vault, model: type[T], record_id: str, what: str, values: Mapping[str, object]
) -> None:
    """Set ``values`` (already checked) on a live record; NotFound names it as ``what``."""
    with vault.write() as session:
        row = get_live(session, model, record_id, what)
        for key, value in values.items():
            setattr(row, key, value)


def live(model: type[Base]) -> object:
    """A WHERE clause that leaves out tombstones: ``select(M).where(live(M))``."""
    return model.deleted.is_(False)  # type: ignore[attr-defined]


def search_text(session: Session, participant_id: str) -> str:
    """Everything about one man that the caseload search finds him by."""
    man = session.get(Participant, participant_id)
    if man is None or man.deleted:
        return ""
    parts = [
        man.given_name,
        man.family_name,
        man.preferred_name,
        man.prison_number or "",
        man.establishment or "",
        man.notes or "",
    ]
    goals = session.execute(
        select(Goal.title, Goal.his_words).where(
            Goal.participant_id == participant_id, Goal.deleted.is_(False)
        )
    ).all()
    parts.extend(f"{title} {words or ''}" for title, words in goals)
    notes = session.scalars(
        select(Meeting.notes).where(
            Meeting.participant_id == participant_id,
            Meeting.deleted.is_(False),
            Meeting.notes.is_not(None),
        )
    ).all()
    parts.extend(n for n in notes if n)
    return "\n".join(p for p in parts if p)


def search_rowid(participant_id: str) -> int:
    """The FTS rowid of a man's index row: 63 bits of his UUID, so his row is found by rowid.

    Deleting by the unindexed ``participant_id`` column reads the whole index (4-70 ms a save at
    10,000 men); by rowid it is one seek. Two men sharing 63 bits of random UUID is far less
    likely than a disk error (about 1 in 10^11 at 10,000 men).
    """
    return int(participant_id.replace("-", "")[:16], 16) >> 1


def refresh_search(session: Session, participant_id: str) -> None:
    """Rewrite one man's row in the FTS5 index (call after changing what he is found by)."""
    table = SEARCH_INDEX
    rowid = search_rowid(participant_id)
    session.execute(delete(table).where(table.c.rowid == rowid))
    body = search_text(session, participant_id)
    if body:
        session.execute(insert(table).values(rowid=rowid, participant_id=participant_id, body=body))


def rebuild_search(session: Session) -> int:
    """Rebuild the whole index (after a bulk load or an import). Returns the men indexed."""
    # A few grouped queries instead of three per man: see services/search_maintenance.py.
    from engager_desktop.services.search_maintenance import rebuild_index

    return rebuild_index(session)
