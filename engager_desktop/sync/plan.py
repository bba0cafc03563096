"""Stage an import: look up what this vault holds for each incoming record and decide its fate.

Planning only reads. It checks that every reference in the bundle (a step's goal, a record's man,
a consent's service) points at a record in the bundle or already in this vault, then merges each
record this vault holds field by field (``field_merge``; ``merge.decide`` for a tombstone's flag)
and finds the conflicts here that the other laptop settled (``settle``). The same plan drives the
preview and the commit (the commit plans again inside its write transaction, so the preview can
never go stale underneath it).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from engager_desktop.domain.hlc import MAX_COUNTER, remote_problem
from engager_desktop.i18n import tr
from engager_desktop.store import field_stamps, portable
from engager_desktop.sync import canonical, field_merge, merge, settle
from engager_desktop.sync.authors import check_author
from engager_desktop.sync.errors import BundleRefused

_CHUNK = 5_000
_MAX_COUNTER = f"-{MAX_COUNTER:06d}"


@dataclass(frozen=True, slots=True)
class Planned:
    record: canonical.Record
    decision: merge.Decision
    local: merge.Local | None
    seen: merge.Seen  # the sync_records row after this import
    seen_changed: bool
    merged: field_merge.Merged | None = None  # two live versions merged field by field
    unseen: bool = False  # no sync_records row before this import: its row is a plain INSERT

    @property
    def in_conflict(self) -> bool:
        return self.decision.loser is not None or bool(self.merged and self.merged.conflicts)

    @property
    def written(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The values and field stamps a write stores."""
        if self.merged is not None:
            return self.merged.values, self.merged.stamps
        return self.record.values, self.record.stamps


@dataclass
class Plan:
    items: list[Planned] = field(default_factory=list)
    newest: str = "0000000000000-000000"
    settled: list[settle.Settled] = field(default_factory=list)  # by the other laptop's edits

    def count(self, action: merge.Action) -> int:
        return sum(1 for item in self.items if item.decision.action == action)

    @property
    def conflicts(self) -> list[Planned]:
        return [item for item in self.items if item.in_conflict]

    def touched_men(self) -> set[str]:
        men = (item.record.participant_id for item in self.items if item.decision.writes)
        return {man for man in men if man is not None}


def _chunks(ids: Sequence[str]) -> Iterator[str]:
    for start in range(0, len(ids), _CHUNK):
        yield json.dumps(list(ids[start : start + _CHUNK]))


def _has_rows(conn: Connection, table: str) -> bool:
    return portable.execute(conn, f'SELECT 1 FROM "{table}" LIMIT 1').first() is not None


def load_local(conn: Connection, spec: canonical.TableSpec, ids: Sequence[str]) -> dict[str, Any]:
    """This vault's rows (wire form) for the given ids."""
    found: dict[str, Any] = {}
    if not ids or not _has_rows(conn, spec.name):
        return found
    where = "id IN (SELECT value FROM json_each(?))"
    for chunk in _chunks(ids):
        for values in canonical.read_wire(conn, spec, where, (chunk,)):
            found[values["id"]] = values
    return found


def load_sync_rows(
    conn: Connection, table: str, ids: Sequence[str]
) -> dict[str, tuple[merge.Seen, int | None]]:
    found: dict[str, tuple[merge.Seen, int | None]] = {}
    if not ids or not _has_rows(conn, "sync_records"):
        return found
    sql = (
        "SELECT record_id, seen_hlc, seen_device, seen_deleted, arrival_no FROM sync_records "
        "WHERE table_name = ? AND record_id IN (SELECT value FROM json_each(?))"
    )
    for chunk in _chunks(ids):
        for rid, hlc, device, deleted, arrival in portable.execute(conn, sql, (table, chunk)):
            found[rid] = (merge.Seen(hlc, device, bool(deleted)), arrival)
    return found


def check_references(conn: Connection, records: Iterable[canonical.Record]) -> None:
    """Refuse a bundle whose records point at records neither it nor this vault holds."""
    specs = canonical.table_specs()
    present: dict[str, set[str]] = defaultdict(set)
    wanted: dict[str, set[str]] = defaultdict(set)
    for record in records:
        present[record.table].add(record.id)
        for column, target in specs[record.table].foreign_keys:
            value = record.values[column]
            if value is not None:
                wanted[target].add(value)
    for target, ids in wanted.items():
        missing = sorted(ids - present[target])
        if not missing:
            continue
        local = load_local(conn, specs[target], missing)
        if len(local) != len(missing):
            raise BundleRefused(
                "missing_parent",
                tr(
                    "Errors",
                    (
                        "the bundle refers to {value} record(s) this vault does not have; "
                        "import that device's earlier bundles first"
                    ),
                ).format(value=len(missing) - len(local)),
            )


def check_stamps(records: Iterable[canonical.Record], wall_ms: int) -> None:
    """Refuse the whole bundle if one record's clock stamp could harm this vault's clock.

    Every stamp already has the right form (``canonical.decode``); a counter at its maximum and
    the newest stamp's distance ahead are what is left to check."""
    newest = ""
    problem = None
    for record in records:
        stamp = record.hlc
        if stamp.endswith(_MAX_COUNTER):
            problem = remote_problem(stamp, wall_ms)
            break
        if stamp > newest:
            newest = stamp
    if problem is None and newest:
        problem = remote_problem(newest, wall_ms)
    if problem is not None:
        raise BundleRefused(
            "clock", tr("Errors", "the bundle was refused: {problem}").format(problem=problem)
        )


def check_own_versions(conn: Connection, records: Iterable[canonical.Record], me: str) -> None:
    """The author check of ``sync/authors.py`` alone, for ``verify`` (planning makes it too)."""
    claimed: dict[str, list[canonical.Record]] = defaultdict(list)
    for record in records:
        if record.device == me:
            claimed[record.table].append(record)
    specs = canonical.table_specs()
    for table, batch in claimed.items():
        local = load_local(conn, specs[table], [record.id for record in batch])
        for record in batch:
            check_author(canonical.as_tombstone(record), local.get(record.id), me)


def plan_merge(
    conn: Connection, records: Sequence[canonical.Record], ex: merge.Exchange, wall_ms: int
) -> Plan:
    records = [canonical.as_tombstone(record) for record in records]  # no content in tombstones
    check_stamps(records, wall_ms)
    check_references(conn, records)
    by_table: dict[str, list[canonical.Record]] = defaultdict(list)
    for record in records:
        by_table[record.table].append(record)
    plan = Plan()
    for spec in canonical.table_specs().values():
        batch = by_table.get(spec.name)
        if batch:
            _plan_table(conn, spec, batch, ex, plan)
    written = (
        settle.Written(item.record.table, item.record.id, *item.written)
        for item in plan.items
        if item.decision.writes
    )
    plan.settled = settle.find(conn, written, ex.me)
    return plan


def _plan_table(
    conn: Connection,
    spec: canonical.TableSpec,
    batch: list[canonical.Record],
    ex: merge.Exchange,
    plan: Plan,
) -> None:
    ids = [record.values["id"] for record in batch]
    local_rows = load_local(conn, spec, ids)
    sync_rows = load_sync_rows(conn, spec.name, ids)
    maps = field_stamps.load(conn, spec.name, list(local_rows)) if local_rows else {}
    add = plan.items.append
    newest = plan.newest
    for record, rid in zip(batch, ids, strict=True):
        values = local_rows.get(rid)
        fields = record.values
        check_author(record, values, ex.me)
        found = sync_rows.get(rid)
        if values is None and found is None:  # the common case on a first import
            after = merge.Seen(fields["updated_at"], fields["updated_by"], bool(fields["deleted"]))
            add(Planned(record, _NEW, None, after, True, None, True))
        else:
            seen, arrival = found or (None, None)
            local = None if values is None else merge.Local(values, arrival)
            add(plan_one(record, local, maps.get(rid), seen, ex))
        stamp = fields["updated_at"]
        if stamp > newest:
            newest = stamp
    plan.newest = newest


_NEW = merge.Decision(merge.Action.NEW)
_SAME = merge.Decision(merge.Action.SAME)


def _side(record: canonical.Record) -> field_merge.Side:
    return field_merge.Side(record.values, record.stamps)


def plan_one(
    record: canonical.Record,
    local: merge.Local | None,
    stamps: dict[str, Any] | None,
    seen: merge.Seen | None,
    ex: merge.Exchange,
) -> Planned:
    """Field by field when this vault holds the record; ``merge.decide`` for a tombstone."""
    after = merge.newest_seen(record, seen)
    if local is None:
        decision = merge.decide(record, None, seen, ex)
        return Planned(record, decision, None, after, after != seen, None, seen is None)
    if local.values["deleted"]:  # read as an empty tombstone: every field set by the deletion
        stamps = None
    if record.values == local.values and record.stamps == (stamps or None):  # the common case
        return Planned(record, _SAME, local, after, after != seen)
    if canonical.is_erasure(record.values) or canonical.is_erasure(local.values):
        # an erasure beats every version whole and stays empty: no field merges into it
        decision = merge.decide(record, local, seen, ex)
        return Planned(record, decision, local, after, after != seen)
    mine = field_merge.Side(local.values, stamps, local.arrival_no)
    merged = field_merge.merge_fields(record.table, mine, _side(record), seen, ex)
    loser = None
    if record.deleted or local.values["deleted"]:  # the record-level rule says which flag stands
        decision = merge.decide(record, local, seen, ex)
        merged = field_merge.with_deleted(merged, _deleted_after(decision, record, local))
        loser = decision.loser
    decision = _merged(mine, merged, loser)
    return Planned(record, decision, local, after, after != seen, merged)


def _deleted_after(decision: merge.Decision, record: canonical.Record, local: merge.Local) -> bool:
    return record.deleted if decision.writes else bool(local.values["deleted"])


def _merged(
    mine: field_merge.Side, merged: field_merge.Merged, loser: str | None
) -> merge.Decision:
    """SAME when the merge leaves this vault's record (and field stamps) as they are."""
    if merged.values == mine.values and merged.stamps == (mine.stamps or None):
        return merge.Decision(merge.Action.SAME, loser)
    if merged.values["deleted"] and not mine.values["deleted"]:
        return merge.Decision(merge.Action.DELETE, loser)
    return merge.Decision(merge.Action.UPDATE, loser)
