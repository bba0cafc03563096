"""A man removed on another laptop, as his deletion arrives here: he and every record of his
tombstoned (other devices learn of it by sync). No screen or command of the app does this; tests
use it to set up the state a synced deletion leaves behind."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engager_desktop.services.common import SEARCH_INDEX, get_live
from engager_desktop.services.records import not_deleted
from engager_desktop.store.orm import SYNCED_MODELS, OwnedByMan, Participant
from engager_desktop.store.vault import Vault


def delete_participant(vault: Vault, man_id: str) -> int:
    """Tombstone him and every record of his; the number of his records tombstoned (him
    included). NotFound when he is not there."""
    with vault.write() as session:
        man = get_live(session, Participant, man_id, "man")
        count = 0
        for model in SYNCED_MODELS:
            if issubclass(model, OwnedByMan):
                count += _tombstone_children(session, model, man_id)
        man.deleted = True
        session.flush()
        session.execute(SEARCH_INDEX.delete().where(SEARCH_INDEX.c.participant_id == man_id))
        return count + 1


def _tombstone_children(session: Session, model: type[OwnedByMan], man_id: str) -> int:
    rows = session.scalars(
        select(model).where(model.participant_id == man_id, not_deleted(model.deleted))
    ).all()
    for row in rows:
        row.deleted = True
    return len(rows)
