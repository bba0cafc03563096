"""Erase one man for real: his rows deleted, empty tombstones left for sync, the bytes vacuumed.

``erase_man`` runs in one transaction with plain SQL (the flush hook never sees it, so no
per-record audit entry names what was erased): every synced record of his is deleted and replaced
by a tombstone that keeps only its id, the man's id, the ids it must point to (a step's goal, a
review's meeting and step), its clock stamp and ``deleted = 1``; every other field is empty.
Tombstones travel in bundles so other laptops erase him at their next import, and the merge lets
a tombstone beat every live copy, so an older bundle never brings him back. His drafts, conflicts,
field stamps, search-index row and caseload figures are deleted outright. The audit log gains one
"erasure" entry with no detail.

After the commit the WAL is checkpointed and truncated and the database is VACUUMed (secure_delete
is on as well), so no page of either file still holds what was erased. Backups made before the
erasure still hold him; they are listed so the practitioner can delete them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from engager_desktop.crypto.errors import VaultError
from engager_desktop.i18n import tr
from engager_desktop.services.common import SEARCH_INDEX, NotFound, search_rowid
from engager_desktop.store import read_mostly
from engager_desktop.store.backup import list_backups
from engager_desktop.store.field_stamps import FieldStamps
from engager_desktop.store.orm import (
    SYNCED_MODELS,
    Conflict,
    Draft,
    OwnedByMan,
    Participant,
    SettingValue,
)
from engager_desktop.store.orm.base import Synced
from engager_desktop.store.vault import Vault
from engager_desktop.sync import passed_on

ERASURE_ACTION = "erasure"
ERASED_KEY = "erased:"  # a settings row per erased man: his random id, nothing else
_EPOCH_DAY = date(1970, 1, 1)
_EPOCH = datetime(1970, 1, 1)
_STAMP_COLUMNS = {
    "id",
    "participant_id",
    "created_at",
    "updated_at",
    "updated_by",
    "deleted",
    "rev",
}


@dataclass(frozen=True)
class ErasureResult:
    records_erased: int  # his synced records (him included), each now an empty tombstone
    conflicts_removed: int
    drafts_removed: int
    backups_holding_him: tuple[Path, ...]  # made before the erasure: they still hold him
    seconds: float


def erase_man(vault: Vault, man_id: str) -> ErasureResult:
    """Erase every record about one man (live or already deleted), then VACUUM the files.

    Raises ``NotFound`` when the vault never held him. Erasing him twice is harmless.
    """
    started = time.perf_counter()
    with vault.write() as session:
        read_mostly.allow(session)  # a data-protection duty, on any laptop that holds him
        if session.get(Participant, man_id) is None:
            raise NotFound("man")
        ids = _erase_records(vault, session, man_id)
        conflicts, drafts = _erase_local(session, man_id, ids)
        _remember(session, {man_id})
        vault.stamper.persist_clock(session)
        vault.stamper.audit(session, ERASURE_ACTION)
    wipe_free_space(vault)
    return ErasureResult(
        records_erased=len(ids),
        conflicts_removed=conflicts,
        drafts_removed=drafts,
        backups_holding_him=tuple(list_backups(vault.path)),
        seconds=time.perf_counter() - started,
    )


def is_erased(man: Participant) -> bool:
    """Whether this participant row is an erasure tombstone (deleted, made at the epoch), not an
    ordinary deletion (whose tombstone also travels without his name)."""
    return bool(man.deleted) and man.created_at == _EPOCH


def _his_models() -> list[type[Synced]]:
    """Participants first, then his records, parents before children (the SYNCED_MODELS order)."""
    owned = [m for m in SYNCED_MODELS if issubclass(m, OwnedByMan)]
    return [Participant, *owned]


def _table(model: type[Synced]) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


def scrub_erased(vault: Vault, session: Session, men: set[str]) -> list[str]:
    """After an import: re-erase whatever the bundle brought about men erased here before.

    Call it in the import's ``after_merge`` with the men the import touched. A bundle made before
    the other laptop heard of the erasure can hold records about him that this vault never saw
    (they arrive live) or a live copy that lost to the tombstone (kept as a conflict holding his
    data). Both are erased again here; records that are already empty tombstones are left as
    they are, so two laptops never bounce fresh tombstones back and forth. Returns the erased men
    found: when there are any, call ``wipe_free_space`` after the import has committed.
    """
    candidates = set(men) | _men_with_conflicts(session)
    remembered = _remembered(session, candidates)
    found: list[str] = []
    for man_id in sorted(candidates):
        man = session.get(Participant, man_id)
        if man is None or not (man_id in remembered or is_erased(man)):
            continue
        found.append(man_id)
        ids = _erase_records(vault, session, man_id, only_with_content=True)
        _erase_local(session, man_id, ids)
    if found:
        _remember(session, set(found) - remembered)
        vault.stamper.persist_clock(session)
    return found


def _men_with_conflicts(session: Session) -> set[str]:
    """Men that conflict rows name (a live copy that lost to a tombstone does not count as
    touched by the import, but its conflict row holds his data)."""
    rows = session.execute(select(Conflict.participant_id).distinct()).scalars()
    return {man for man in rows if man}


def _remembered(session: Session, men: set[str]) -> set[str]:
    """Which of ``men`` this vault erased (or saw erased): kept in settings, which never sync.

    Needed because another laptop that deleted him (keeping content) after the erasure, but
    before it heard of it, sends a newer tombstone that still holds his data.
    """
    keys = [ERASED_KEY + man for man in men]
    found: set[str] = set()
    for at in range(0, len(keys), 500):
        chunk = keys[at : at + 500]
        rows = session.execute(select(SettingValue.key).where(SettingValue.key.in_(chunk)))
        found.update(key[len(ERASED_KEY) :] for key in rows.scalars())
    return found


def _remember(session: Session, men: set[str]) -> None:
    conn = session.connection()
    for man_id in sorted(men):
        conn.execute(
            sqlite_insert(SettingValue)
            .values(key=ERASED_KEY + man_id, value="1")
            .on_conflict_do_nothing(index_elements=[SettingValue.key])
        )


def _has_content(table: Table, row: dict[str, Any]) -> bool:
    if not row["deleted"]:
        return True
    empty = _tombstone_content(table, row)
    return any(row[name] != value for name, value in empty.items())


def _erase_records(
    vault: Vault, session: Session, man_id: str, *, only_with_content: bool = False
) -> list[str]:
    conn = session.connection()
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # checked at commit; ends with it
    models = _his_models()
    old: dict[str, list[dict[str, Any]]] = {}
    for model in models:
        table = _table(model)
        key = table.c.id if model is Participant else table.c.participant_id
        rows = [dict(row._mapping) for row in conn.execute(select(table).where(key == man_id))]
        if only_with_content:
            rows = [row for row in rows if _has_content(table, row)]
        old[table.name] = rows
    for model in reversed(models):  # children before parents, for the foreign keys
        table = _table(model)
        ids = [row["id"] for row in old[table.name]]
        if ids:
            conn.execute(delete(table).where(table.c.id.in_(ids)))
    for model in models:
        table = _table(model)
        rows = [_tombstone(vault, table, row) for row in old[table.name]]
        if rows:
            conn.execute(insert(table), rows)
    return [row["id"] for rows in old.values() for row in rows]


def _tombstone(vault: Vault, table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """The same record id with nothing left in it but what sync needs."""
    values: dict[str, Any] = {
        "id": row["id"],
        "created_at": _EPOCH,  # marks an erasure: it beats every version (sync/merge.py)
        "updated_at": str(vault.hlc.tick()),
        "updated_by": vault.device_id,
        "deleted": True,
        "rev": int(row["rev"] or 0) + 1,
    }
    if "participant_id" in table.c:
        values["participant_id"] = row["participant_id"]
    values.update(_tombstone_content(table, row))
    return values


def _tombstone_content(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in table.columns:
        if column.name in _STAMP_COLUMNS:
            continue
        if column.nullable:
            values[column.name] = None
        elif column.foreign_keys:
            values[column.name] = row[column.name]  # an id of another of his tombstones
        else:
            values[column.name] = _empty(column.type.python_type)
    return values


def _empty(kind: type) -> Any:
    if kind is bool:
        return False
    if kind is int:
        return 0
    if kind is datetime:
        return _EPOCH
    if kind is date:
        return _EPOCH_DAY
    return ""


def _erase_local(session: Session, man_id: str, ids: list[str]) -> tuple[int, int]:
    """Delete what never syncs: his conflicts, field stamps, drafts, search row, caseload
    figures and what was kept to pass on for his records."""
    conn = session.connection()
    conflicts = 0
    for chunk in range(0, len(ids), 500):
        his = ids[chunk : chunk + 500]
        conflicts += conn.execute(delete(Conflict).where(Conflict.record_id.in_(his))).rowcount
        conn.execute(delete(FieldStamps).where(FieldStamps.record_id.in_(his)))
    conflicts += conn.execute(delete(Conflict).where(Conflict.participant_id == man_id)).rowcount
    drafts = conn.execute(
        delete(Draft).where((Draft.participant_id == man_id) | Draft.key.contains(man_id))
    ).rowcount
    conn.execute(delete(SEARCH_INDEX).where(SEARCH_INDEX.c.rowid == search_rowid(man_id)))
    # FTS5 only marks a deleted row in a new segment: his words stay in the older segments (in
    # lower case) until they are merged. 'optimize' merges them all into one, without him.
    conn.exec_driver_sql("INSERT INTO search_index(search_index) VALUES ('optimize')")
    conn.exec_driver_sql("DELETE FROM caseload_figures WHERE participant_id = ?", (man_id,))
    passed_on.forget_man(conn, man_id)  # fields and records a newer version sent about him
    return conflicts, int(drafts or 0)


def wipe_free_space(vault: Vault) -> None:
    """Checkpoint and truncate the WAL, VACUUM the database, and truncate the WAL again."""
    raw = vault.engine.raw_connection()
    try:
        driver: Any = raw.driver_connection
        _checkpoint(driver)
        driver.execute("VACUUM")
        _checkpoint(driver)
    finally:
        raw.close()


def _checkpoint(driver: Any) -> None:
    busy, _log, _done = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise ErasureIncomplete()


class ErasureIncomplete(VaultError):
    def __init__(self) -> None:
        super().__init__(
            tr(
                "Errors",
                (
                    "the records were erased but another reader kept the files from being "
                    "cleaned; close other windows on this vault and run the erasure again"
                ),
            )
        )


__all__ = [
    "ERASURE_ACTION",
    "ErasureIncomplete",
    "ErasureResult",
    "erase_man",
    "is_erased",
    "scrub_erased",
    "wipe_free_space",
]
