"""A supervisor's laptop keeps the men other laptops hold read-only: every edit of one is refused.

Installed on a vault's write sessions (``Vault``): before a flush, if this laptop's role is
supervisor and a record being added, changed or deleted belongs to a man held by another laptop
(his ``held_by`` as stored), the flush is refused with ``HeldElsewhere`` and the transaction rolls
back. Supervision notes belong to no man, so a supervisor still writes them. What only moves
other people's records about (an import with its handovers, settling a conflict between versions
others wrote, a data-protection erasure) marks its session with ``allow`` first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from engager_desktop.domain.errors import UserError
from engager_desktop.i18n import N_, tr
from engager_desktop.store.orm import Participant
from engager_desktop.store.orm.base import OwnedByMan
from engager_desktop.store.orm.system import Device

SUPERVISOR = "supervisor"
_ALLOWED = "read_mostly_allowed"
REFUSED = N_(
    "ReadMostly",
    "He is held by another practitioner's laptop: on this supervisor's laptop his record is "
    "read-only (supervision notes still save).",
)


class HeldElsewhere(UserError):
    """An edit of a man another laptop holds, on a supervisor's laptop."""

    def __init__(self) -> None:
        super().__init__(tr("ReadMostly", REFUSED))


def allow(session: Session) -> Session:
    """Let this session change men held elsewhere (imports, conflict settling, erasure)."""
    session.info[_ALLOWED] = True
    return session


def install(session_class: Any) -> None:
    event.listen(session_class, "before_flush", _before_flush)


def _men_touched(session: Session) -> set[str]:
    men: set[str] = set()
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, Participant) and obj.id:
            men.add(obj.id)
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, OwnedByMan) and obj.participant_id:
            men.add(obj.participant_id)
    return men


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    if session.info.get(_ALLOWED):
        return
    men = _men_touched(session)
    if not men:
        return
    with session.no_autoflush:
        me = session.execute(select(Device.id, Device.role).where(Device.is_self.is_(True))).first()
        if me is None or me.role != SUPERVISOR:
            return
        held = session.execute(
            select(Participant.held_by).where(
                Participant.id.in_(sorted(men)),
                Participant.held_by.is_not(None),
                Participant.held_by != me.id,
            )
        ).first()
    if held is not None:
        raise HeldElsewhere()


__all__ = ["REFUSED", "HeldElsewhere", "allow", "install"]
