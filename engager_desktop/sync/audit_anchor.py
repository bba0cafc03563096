"""Each laptop's audit log anchored on the others: a bundle's heads against what was seen before.

The sender keeps, per export, how many entries its audit log held (``sync_exports.audit_count``);
its chain gives the head at any earlier count (the hash of that entry). So each bundle carries,
for every device that has acknowledged one of its bundles, its head at the count that bundle
carried: what that device saw. The receiver keeps every (count, head) it imported in its import
ledger and refuses a bundle whose count went down or whose head at a count it saw has changed:
the sender's log was rewritten or cut short. The refusal is audited here (``import_refused``,
``audit_head``).
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, select

from engager_desktop.store import audit, sync_state
from engager_desktop.store.orm.system import ImportLedger
from engager_desktop.sync.errors import BundleRefused
from engager_desktop.sync.manifest import MAX_ACKS, Manifest

REWRITTEN = (
    "the sending laptop's audit log no longer holds what this laptop saw of it before "
    "(it was rewritten or cut short); the bundle is refused: tell your supervisor"
)


def heads_seen_by_peers(conn: Connection, own_device_id: str) -> dict[str, tuple[int, str]]:
    """Per device, my head at the count of the last bundle of mine it acknowledged."""
    seen: dict[str, tuple[int, str]] = {}
    for peer in sync_state.all_peers(conn):
        if peer.acked_last == 0 or len(seen) >= MAX_ACKS:
            continue
        row = sync_state.export_by_seq(conn, own_device_id, peer.acked_last)
        if row is None or row.audit_count is None:
            continue  # made before exports kept the count: nothing to anchor
        digest = audit.hash_at(conn, row.audit_count)
        if digest is not None:
            seen[peer.device_id] = (row.audit_count, digest)
    return seen


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


def check_heads(conn: Connection, made: Manifest, own_device_id: str) -> None:
    """BundleRefused when the bundle's heads contradict what earlier bundles from it showed.

    A log only grows, so a later bundle (by the maker's number) never carries a smaller count and
    one count always has one head; bundles may arrive in any order.
    """
    seen = heads_seen_from(conn, made.exporter)
    by_count = {count: digest for _seq, count, digest in seen}
    carried = [(made.audit_count, made.audit_head)]
    if own_device_id in made.audit_seen:
        carried.append(made.audit_seen[own_device_id])
    for seq, count, _digest in seen:
        if (seq < made.seq and count > made.audit_count) or (
            seq > made.seq and count < made.audit_count
        ):
            raise BundleRefused("audit_head", REWRITTEN)
    for count, digest in carried:
        if count > made.audit_count or by_count.get(count, digest) != digest:
            raise BundleRefused("audit_head", REWRITTEN)
