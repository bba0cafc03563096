"""Each laptop's audit log anchored on the others: a bundle's heads against what was seen before.

The sender keeps, per export, how many entries its audit log held (``sync_exports.audit_count``),
and its chain gives the head at any earlier count (the hash of that entry). So each bundle carries
its head at the counts of earlier bundles: the one each device last acknowledged, and the most
recent ones (a receiver may have seen a bundle it has not acknowledged yet). The receiver keeps
every (count, head) it imported in its import ledger and refuses a bundle whose head at a count it
saw has changed, or whose count went down against an earlier bundle: the sender's log was
rewritten or cut short. The refusal is audited by the importer (``import_refused``,
``audit_head``).
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, select

from engager_desktop.i18n import N_, tr
from engager_desktop.store import audit, sync_state
from engager_desktop.store.orm.system import ImportLedger
from engager_desktop.store.sync_state import SyncExport
from engager_desktop.sync.errors import BundleRefused
from engager_desktop.sync.manifest import MAX_EARLIER_HEADS, Manifest

RECENT_EXPORTS = MAX_EARLIER_HEADS // 2
REWRITTEN = N_(
    "Errors",
    "the sending laptop's audit log no longer holds what this laptop saw of it before "
    "(it was rewritten or cut short); the bundle is refused: tell your supervisor",
)


def earlier_heads(conn: Connection, own_device_id: str) -> tuple[tuple[int, str], ...]:
    """My head at the counts of the bundles others acknowledged and of my latest bundles."""
    counts = set(_recent_counts(conn, own_device_id))
    for peer in sync_state.all_peers(conn):
        row = sync_state.export_by_seq(conn, own_device_id, peer.acked_last)
        if row is not None and row.audit_count is not None:
            counts.add(row.audit_count)
    heads = []
    for count in sorted(counts)[-MAX_EARLIER_HEADS:]:
        digest = audit.hash_at(conn, count)
        if digest is not None:
            heads.append((count, digest))
    return tuple(heads)


def _recent_counts(conn: Connection, own_device_id: str) -> list[int]:
    rows = conn.execute(
        select(SyncExport.audit_count)
        .where(SyncExport.device_id == own_device_id, SyncExport.audit_count.is_not(None))
        .order_by(SyncExport.seq.desc())
        .limit(RECENT_EXPORTS)
    ).scalars()
    return [int(count) for count in rows if count is not None]


def heads_seen_from(conn: Connection, device_id: str) -> list[tuple[int, int, str]]:
    """(bundle seq, count, head) of ``device_id``'s audit log, from every bundle imported here."""
    rows = conn.execute(
        select(ImportLedger.seq, ImportLedger.summary).where(ImportLedger.device_id == device_id)
    ).all()
    heads: list[tuple[int, int, str]] = []
    for seq, summary in rows:
        carried = json.loads(summary or "{}").get("audit")
        if isinstance(carried, list) and len(carried) == 2:
            heads.append((int(seq), int(carried[0]), str(carried[1])))
    return heads


def check_heads(conn: Connection, made: Manifest) -> None:
    """BundleRefused when the bundle's heads contradict what earlier bundles from it showed.

    A log only grows, so a later bundle (by the maker's number) never carries a smaller count and
    one count always has one head; bundles may arrive in any order.
    """
    seen = heads_seen_from(conn, made.exporter)
    by_count = {count: digest for _seq, count, digest in seen}
    for seq, count, _digest in seen:
        if (seq < made.seq and count > made.audit_count) or (
            seq > made.seq and count < made.audit_count
        ):
            raise BundleRefused("audit_head", tr("Errors", REWRITTEN))
    for count, digest in (*made.audit_earlier, (made.audit_count, made.audit_head)):
        if count > made.audit_count or by_count.get(count, digest) != digest:
            raise BundleRefused("audit_head", tr("Errors", REWRITTEN))
