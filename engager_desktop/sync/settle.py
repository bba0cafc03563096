"""Conflicts settled by another laptop: found while planning an import, written with it.

When the other laptop settles a field conflict (or simply edits that field again), its newer edit
arrives here stamped later than both values in conflict. That field of this laptop's open conflict
is then settled by that laptop, and the words say whose text really stands: this laptop's, the
other laptop's, or a newer one. A conflict with no field left open is closed ("elsewhere").
Record-level conflicts (a deletion against an edit) hold no field stamps and are left for review.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from engager_desktop.domain import field_clock
from engager_desktop.domain.record_kinds import kind_words
from engager_desktop.i18n import N_, tr
from engager_desktop.store import portable
from engager_desktop.store.field_stamps import fields_of
from engager_desktop.sync import field_conflicts, merge

ELSEWHERE = "elsewhere"
_WHOSE = {
    merge.MINE: N_("Sync", "this laptop's text stands"),
    merge.THEIRS: N_("Sync", "the other laptop's text stands"),
    "other": N_("Sync", "a newer text stands"),
}


@dataclass(frozen=True)
class Written:
    """A record as an import leaves it."""

    table: str
    record_id: str
    values: dict[str, Any]
    stamps: dict[str, Any] | None


@dataclass(frozen=True)
class Settled:
    conflict_id: str
    table: str
    text: str  # the conflict row's new losing_version
    closed: bool
    fields: tuple[tuple[str, str], ...]  # (field, whose text stands: MINE, THEIRS or "other")
    by: frozenset[str]  # the devices whose edits settled it

    def words(self, maker_id: str, maker_name: str) -> str:
        """One line: where it was settled and whose text stands in each field."""
        where = maker_name if self.by == {maker_id} else tr("Sync", "another laptop")
        how = "; ".join(
            f"{name.replace('_', ' ')}: {tr('Sync', _WHOSE[stands])}"
            for name, stands in self.fields
        )
        if self.closed:
            text = tr("Sync", "a conflict in “{kind}” was settled on {where}: {how}")
        else:
            text = tr("Sync", "a conflict in “{kind}” was partly settled on {where}: {how}")
        return text.format(kind=kind_words(self.table), where=where, how=how)


def find(conn: Connection, written: Iterable[Written], me: str) -> list[Settled]:
    """The open field conflicts that these writes settle."""
    open_ids = _open_record_ids(conn)
    if not open_ids:  # the common case: nothing waits for review, so nothing to settle
        return []
    by_id = {
        (w.table, w.record_id): w
        for w in written
        if w.record_id in open_ids and not w.values["deleted"]
    }
    if not by_id:
        return []
    out: list[Settled] = []
    for row in _open_rows(conn, sorted({rid for _t, rid in by_id})):
        conflict_id, table, record_id, text = row
        after = by_id.get((table, record_id))
        if after is not None:
            found = _settled(conflict_id, table, text, after, me)
            if found is not None:
                out.append(found)
    return out


def _settled(conflict_id: str, table: str, text: str, after: Written, me: str) -> Settled | None:
    stored = json.loads(text)
    if "fields" not in stored:
        return None
    names = fields_of(after.values)
    key = (str(after.values["updated_at"]), str(after.values["updated_by"]))
    stamps = field_clock.expand(names, key, after.stamps)
    marks: dict[str, dict[str, str]] = {}
    for name, entry in stored["fields"].items():
        if entry.get("settled") or "mine_stamp" not in entry:
            continue
        stamp = stamps[name]
        newest = max(tuple(entry["mine_stamp"]), tuple(entry["theirs_stamp"]))
        if stamp > newest and stamp[1] != me:
            marks[name] = {"by": stamp[1], "stands": _stands(entry, after.values[name])}
    if not marks:
        return None
    new_text = field_conflicts.settle(text, after.values, marks)
    left = [e for e in json.loads(new_text)["fields"].values() if not e.get("settled")]
    pairs = tuple((name, how["stands"]) for name, how in sorted(marks.items()))
    by = frozenset(how["by"] for how in marks.values())
    return Settled(conflict_id, table, new_text, not left, pairs, by)


def _stands(entry: dict[str, Any], value: Any) -> str:
    if value == entry["mine"]:
        return merge.MINE
    return merge.THEIRS if value == entry["theirs"] else "other"


def _open_record_ids(conn: Connection) -> set[str]:
    """The records that have an open conflict (few: each waits for a practitioner)."""
    sql = "SELECT DISTINCT record_id FROM conflicts WHERE resolved_at IS NULL"
    return {str(rid) for (rid,) in portable.execute(conn, sql)}


def _open_rows(conn: Connection, ids: list[str]) -> list[tuple[str, str, str, str]]:
    sql = (
        "SELECT id, table_name, record_id, losing_version FROM conflicts "
        "WHERE resolved_at IS NULL AND record_id IN (SELECT value FROM json_each(?)) ORDER BY id"
    )
    rows = portable.execute(conn, sql, (json.dumps(ids),))
    return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]


def write(conn: Connection, settled: list[Settled], at: str) -> None:
    """Store what ``find`` found, in the import's transaction."""
    portable.execute(
        conn,
        "UPDATE conflicts SET losing_version = ?, resolved_at = ?, resolution = ? WHERE id = ?",
        [
            (s.text, at if s.closed else None, ELSEWHERE if s.closed else None, s.conflict_id)
            for s in settled
        ],
    )
