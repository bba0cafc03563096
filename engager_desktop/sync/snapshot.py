"""Choose the records a bundle carries: everything, what changed since an ack, or chosen men.

"Since the recipient's last ack" starts from the newest *complete* bundle of mine that every chosen
recipient says it imported: records whose clock stamp is above that bundle's stamp, plus records
that arrived here by import after it (their stamps can be older). With no such ack yet, everything
goes. A chosen-men bundle carries those men with all their records and the whole services
directory (their steps and consents point into it); it is never "complete". The caller may name
records to leave out of it (``withheld``: table -> record ids), for want of his consent; nothing
points at those records, so the bundle stays whole without them. What newer versions sent that
this one does not know goes with them as it came (``passed_on``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection

from engager_desktop.i18n import tr
from engager_desktop.store import field_stamps, portable, sync_state
from engager_desktop.sync import canonical, passed_on, wire_format
from engager_desktop.sync.errors import SyncError

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MAX_MEN = 20_000
WhereFn = Callable[[canonical.TableSpec], tuple[str, tuple[object, ...]]]


@dataclass(frozen=True)
class Scope:
    kind: str = "all"  # all | since_ack | men
    men: tuple[str, ...] = ()
    whole: tuple[str, ...] = ()  # tables a chosen-men bundle carries whole (the directory too)

    @classmethod
    def everything(cls) -> Scope:
        return cls("all")

    @classmethod
    def since_ack(cls) -> Scope:
        return cls("since_ack")

    @classmethod
    def chosen_men(cls, men: tuple[str, ...], whole: tuple[str, ...] = ()) -> Scope:
        return cls("men", tuple(dict.fromkeys(men)), tuple(whole))


@dataclass
class Selection:
    lines: list[bytes] = field(default_factory=list)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    men: set[str] = field(default_factory=set)
    complete: bool = True
    since: str | None = None  # the clock stamp a since-ack bundle starts after
    note: str | None = None


@dataclass(frozen=True)
class Base:
    cutoff: str
    arrival_mark: int


def since_base(conn: Connection, own_id: str, recipients: list[str]) -> Base | None:
    """The oldest acknowledged complete bundle among the recipients; None if one has none."""
    bases: list[Base] = []
    for device_id in recipients:
        acked = sync_state.peer(conn, device_id).acked_complete
        row = sync_state.export_by_seq(conn, own_id, acked) if acked else None
        if row is None:
            return None
        bases.append(Base(row.cutoff, row.arrival_mark))
    return min(bases, key=lambda b: (b.cutoff, b.arrival_mark)) if bases else None


def _everything(spec: canonical.TableSpec) -> tuple[str, tuple[object, ...]]:
    return "", ()


def select_records(
    conn: Connection,
    scope: Scope,
    own_id: str,
    recipients: list[str],
    withheld: Mapping[str, frozenset[str]] | None = None,
) -> Selection:
    if scope.kind == "all":
        return _add_foreign(conn, _collect(conn, _everything, Selection()), None)
    if scope.kind == "since_ack":
        if not recipients:
            raise SyncError(
                "since_ack_needs_device",
                tr("Errors", "'since the last ack' needs an enrolled device"),
            )
        base = since_base(conn, own_id, recipients)
        if base is None:
            note = tr(
                "Sync", "no acknowledgement from the recipient yet, so everything was exported"
            )
            return _add_foreign(conn, _collect(conn, _everything, Selection(note=note)), None)
        where = (
            "updated_at > ? OR id IN (SELECT record_id FROM sync_records "
            "WHERE table_name = ? AND arrival_no > ?)"
        )
        selection = _collect(
            conn,
            lambda spec: (where, (base.cutoff, spec.name, base.arrival_mark)),
            Selection(since=base.cutoff),
        )
        return _add_foreign(conn, selection, (base.cutoff, base.arrival_mark))
    if scope.kind == "men":
        return _chosen_men(conn, scope.men, withheld or {}, scope.whole)
    raise SyncError("scope", tr("Errors", "unknown export scope"))


def _chosen_men(
    conn: Connection,
    men: tuple[str, ...],
    withheld: Mapping[str, frozenset[str]],
    whole: tuple[str, ...] = (),
) -> Selection:
    if not men or len(men) > MAX_MEN or not all(_UUID.fullmatch(m) for m in men):
        raise SyncError("men", tr("Errors", "choose one or more men by their record ids"))
    chosen = json.dumps(list(men))
    found = portable.execute(
        conn,
        "SELECT count(*) FROM participants WHERE id IN (SELECT value FROM json_each(?))",
        (chosen,),
    ).scalar()
    if found != len(men):
        raise SyncError("men", tr("Errors", "a chosen man is not in this vault"))

    def where(spec: canonical.TableSpec) -> tuple[str, tuple[object, ...]]:
        if spec.name == "services" or (spec.name in whole and not spec.owned):
            return "", ()
        column = "id" if spec.name == "participants" else "participant_id"
        if spec.name != "participants" and not spec.owned:
            return "1 = 0", ()  # (PostgreSQL needs a boolean)
        clause = f"{column} IN (SELECT value FROM json_each(?))"
        left_out = withheld.get(spec.name)
        if not left_out:
            return clause, (chosen,)
        clause += " AND id NOT IN (SELECT value FROM json_each(?))"
        return clause, (chosen, json.dumps(sorted(left_out)))

    return _collect(conn, where, Selection(complete=False))


def _collect(conn: Connection, where: WhereFn, selection: Selection) -> Selection:
    for spec in canonical.table_specs().values():
        clause, params = where(spec)
        kept = passed_on.kept_fields(conn, spec.name)
        maps = field_stamps.load_table(conn, spec.name)
        for values in canonical.read_wire(conn, spec, clause, params):
            extra = kept.get(values["id"]) if kept else None
            # a tombstone travels with no content, so with no field stamps either
            stamps = None if values["deleted"] else maps.get(values["id"])
            if extra:
                line = wire_format.encode_passed_on(spec, values, extra, stamps)
            else:
                line = canonical.encode_wire(spec, values, stamps)
            _add(selection, spec.name, values, line)
    return selection


def _add(selection: Selection, table: str, values: dict[str, object], line: bytes) -> None:
    selection.lines.append(line)
    live, dead = selection.counts.get(table, (0, 0))
    selection.counts[table] = (live, dead + 1) if values["deleted"] else (live + 1, dead)
    man = canonical.man_of(table, values)
    if man is not None:
        selection.men.add(man)


def _add_foreign(
    conn: Connection, selection: Selection, since: tuple[str, int] | None
) -> Selection:
    """Records of tables this version does not know, kept to pass on, as they came."""
    for table, values in passed_on.foreign_records(conn, since):
        _add(selection, table, values, canonical.encode_any(table, values))
    return selection


def acks(conn: Connection) -> dict[str, tuple[int, int]]:
    """What this vault has imported from each device: (last seq, last complete seq)."""
    return {
        row.device_id: (row.imported_last, row.imported_complete)
        for row in sync_state.all_peers(conn)
        if row.imported_last > 0
    }
