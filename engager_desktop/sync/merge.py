"""Merge rules, decided per record without touching the database (pure, so they are easy to test).

Winner: the larger of (erasure, clock stamp, device id), then the larger digest of the canonical
line in the (corrupt-only) case of two different contents under one stamp. A deletion is ordered
like any edit: it wins only over older versions, and a later edit elsewhere brings the record
back (the deletion is then held for review, below). Only an erasure tombstone (data protection,
``canonical.is_erasure``) beats every version, older or newer, so an erased man never comes back.
This is a total order, so merging is commutative, associative and idempotent: the same bundles in
any order give the same records, and an older bundle can never overwrite newer data.

Conflict: when the two versions differ in content and *both* changed since the last exchange with
the exporter, the losing version is kept as a Conflict for the practitioner (never dropped):
- my side changed: my version is not one the exporter has (it did not make it, and it is not
  covered by the newest complete bundle of mine it acknowledged: stamp above that bundle's cutoff
  or arrived here after it);
- their side changed: their version is newer than anything an earlier import brought here, and
  not one of my own versions coming back.
A deletion is content like any other: a deletion that loses to an edit, or an edit that loses to
a deletion, is kept as a conflict on the same terms (so a record this laptop made and never sent
is never deleted without review). Two tombstones never conflict, and an erasure never does (what
it erased must not be kept anywhere). The rule can over-report (a version both sides got from a
third laptop), never under-report: a false alarm is one click to dismiss, a silent loss is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from engager_desktop.sync import canonical

MINE = "mine"
THEIRS = "theirs"


class Action(StrEnum):
    NEW = "new"
    UPDATE = "update"
    DELETE = "delete"
    SAME = "same"
    OLDER = "older"


@dataclass(frozen=True, slots=True)
class Local:
    values: dict[str, Any]  # wire form
    arrival_no: int | None


@dataclass(frozen=True, slots=True)
class Seen:
    hlc: str
    device: str
    deleted: bool

    @property
    def key(self) -> tuple[str, str]:
        return (self.hlc, self.device)


@dataclass(frozen=True)
class Exchange:
    """What this vault knows of its last exchange with the bundle's maker."""

    me: str
    exporter: str
    acked_cutoff: str | None  # cutoff of my newest complete bundle the exporter imported
    acked_arrival: int = 0


@dataclass(frozen=True)
class Decision:
    action: Action
    loser: str | None = None  # MINE or THEIRS when the losing version is kept as a conflict

    @property
    def writes(self) -> bool:
        return self.action in (Action.NEW, Action.UPDATE, Action.DELETE)


def key_of(values: dict[str, Any]) -> tuple[bool, str, str]:
    """The merge order: erasure first, then clock stamp, then device id."""
    return (canonical.is_erasure(values), str(values["updated_at"]), str(values["updated_by"]))


def stamp_of(values: dict[str, Any]) -> tuple[str, str]:
    return (str(values["updated_at"]), str(values["updated_by"]))


def decide(
    remote: canonical.Record, local: Local | None, seen: Seen | None, ex: Exchange
) -> Decision:
    if local is None:
        return Decision(Action.NEW)
    theirs, mine = key_of(remote.values), key_of(local.values)
    if theirs == mine and remote.values == local.values:
        return Decision(Action.SAME)
    remote_wins = _remote_wins(remote, local, theirs, mine)
    if remote_wins:
        action = Action.DELETE if remote.deleted and not local.values["deleted"] else Action.UPDATE
    else:
        action = Action.OLDER
    if _conflict(remote, local, seen, ex):
        return Decision(action, MINE if remote_wins else THEIRS)
    return Decision(action)


def _remote_wins(
    remote: canonical.Record,
    local: Local,
    theirs: tuple[bool, str, str],
    mine: tuple[bool, str, str],
) -> bool:
    if theirs != mine:
        return theirs > mine
    local_line = canonical.encode(remote.table, local.values)
    return canonical.digest(remote.line) > canonical.digest(local_line)


def _conflict(remote: canonical.Record, local: Local, seen: Seen | None, ex: Exchange) -> bool:
    if remote.deleted and local.values["deleted"]:
        return False
    if canonical.is_erasure(remote.values) or canonical.is_erasure(local.values):
        return False
    if canonical.content_fields(remote.values) == canonical.content_fields(local.values):
        return False
    return _mine_changed(local, ex) and _theirs_changed(remote, seen, ex)


def _mine_changed(local: Local, ex: Exchange) -> bool:
    if local.values["updated_by"] == ex.exporter:
        return False
    if ex.acked_cutoff is None:
        return True
    covered = local.values["updated_at"] <= ex.acked_cutoff and (
        (local.arrival_no or 0) <= ex.acked_arrival
    )
    return not covered


def _theirs_changed(remote: canonical.Record, seen: Seen | None, ex: Exchange) -> bool:
    if remote.device == ex.me:
        return False
    return seen is None or stamp_of(remote.values) > seen.key


def newest_seen(remote: canonical.Record, seen: Seen | None) -> Seen:
    """What the ``sync_records`` row should hold after this import looked at ``remote``."""
    candidate = Seen(remote.hlc, remote.device, remote.deleted)
    return candidate if seen is None or candidate.key > seen.key else seen
