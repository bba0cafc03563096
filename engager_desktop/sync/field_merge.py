"""Merge two versions of one record field by field (pure: no database, easy to test).

Each field carries the stamp of the edit that last set it (``domain.field_clock``). A field takes
the value with the larger (stamp, device) (and, only for two different values under one stamp,
which cannot happen between honest laptops, the larger encoded value). So edits to different
fields on two laptops are both kept, and since each field is an independent "last writer wins",
merging is commutative, associative and idempotent: every laptop ends with the same record, field
stamps and all, whatever the order of the bundles. The merged record's own stamp is the larger of
the two records' stamps (no new stamp is made, so both laptops make the same record). When a copy
is a tombstone, ``merge.decide`` gives the ``deleted`` flag (``with_deleted``); the fields still
merge one by one, so the result stays independent of order whatever order deletions follow.

A field is in conflict when the two values differ and both laptops changed it since their last
exchange (the same tests as ``merge``, applied to the field's stamp): the larger stamp's value
stands and the other is kept for review, field by field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from engager_desktop.domain import field_clock
from engager_desktop.domain.field_clock import Key
from engager_desktop.store.field_stamps import fields_of
from engager_desktop.sync import canonical, merge


@dataclass(frozen=True)
class FieldConflict:
    name: str
    mine: Any  # wire form
    theirs: Any
    mine_stamp: Key
    theirs_stamp: Key

    @property
    def lost(self) -> str:
        """Which side's value lost the automatic merge (MINE or THEIRS)."""
        return merge.MINE if self.mine_stamp < self.theirs_stamp else merge.THEIRS


@dataclass(frozen=True)
class Merged:
    values: dict[str, Any]  # wire form, columns in sorted order
    stamps: dict[str, Any] | None  # the compact map of the merged record
    conflicts: tuple[FieldConflict, ...]


@dataclass(frozen=True)
class Side:
    values: dict[str, Any]
    stamps: dict[str, Any] | None
    arrival_no: int | None = None


def key_of(values: dict[str, Any]) -> Key:
    return (str(values["updated_at"]), str(values["updated_by"]))


def merge_fields(
    table: str, mine: Side, theirs: Side, seen: merge.Seen | None, ex: merge.Exchange
) -> Merged:
    """The merged record of two live versions, and the fields both laptops changed."""
    names = fields_of(mine.values)
    k_mine, k_theirs = key_of(mine.values), key_of(theirs.values)
    s_mine = field_clock.expand(names, k_mine, mine.stamps)
    s_theirs = field_clock.expand(names, k_theirs, theirs.stamps)
    values = dict(mine.values)
    stamps: dict[str, Key] = {}
    conflicts: list[FieldConflict] = []
    for name in names:
        a, b = mine.values[name], theirs.values[name]
        take_theirs = (s_theirs[name], _text(b)) > (s_mine[name], _text(a))
        values[name] = b if take_theirs else a
        stamps[name] = s_theirs[name] if take_theirs else s_mine[name]
        if (
            a != b
            and _mine_changed(s_mine[name], mine, ex)
            and _theirs_changed(s_theirs[name], s_mine[name], seen, ex)
        ):
            conflicts.append(FieldConflict(name, a, b, s_mine[name], s_theirs[name]))
    key = max(k_mine, k_theirs)
    values["updated_at"], values["updated_by"] = key
    values["rev"] = max(mine.values["rev"], theirs.values["rev"])
    values["created_at"] = min(mine.values["created_at"], theirs.values["created_at"])
    ordered = {name: values[name] for name in canonical.table_specs()[table].sorted_names}
    return Merged(ordered, field_clock.compact(stamps, key), tuple(conflicts))


def with_deleted(merged: Merged, deleted: bool) -> Merged:
    """A merge where one copy is a tombstone: the record-level rule gives ``deleted`` (and any
    conflict is about the whole record, not its fields)."""
    return Merged({**merged.values, "deleted": deleted}, merged.stamps, ())


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _mine_changed(stamp: Key, mine: Side, ex: merge.Exchange) -> bool:
    """The exporter does not have my value: not made by it, and not covered by its last ack."""
    if stamp[1] == ex.exporter:
        return False
    if ex.acked_cutoff is None:
        return True
    return not (stamp[0] <= ex.acked_cutoff and (mine.arrival_no or 0) <= ex.acked_arrival)


def _theirs_changed(stamp: Key, mine: Key, seen: merge.Seen | None, ex: merge.Exchange) -> bool:
    """Their value is news here: not mine coming back, and newer than this laptop's (it never
    held it, or its own stamp would be as new) or than any version an earlier import brought."""
    if stamp[1] == ex.me:
        return False
    return seen is None or stamp > mine or stamp > (seen.hlc, seen.device)
