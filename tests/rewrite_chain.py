"""The audit-log attack for tests: drop entries and recompute every hash after them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text

from engager_desktop.store import audit
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import VaultOptions
from tests.vault_fixtures import TEST_PASSPHRASE


def rewrite_chain(path: Path, options: VaultOptions, drop: set[int]) -> int:
    """With the passphrase, remove entries ``drop`` and relink the rest; returns the new count."""
    vault = unlock_vault(path, TEST_PASSPHRASE, options)
    try:
        with vault.engine.begin() as conn:
            table = AuditEvent.__table__
            rows = [
                r for r in conn.execute(select(table).order_by(table.c.seq)) if r.seq not in drop
            ]
            conn.execute(text("DELETE FROM audit_events"))
            prev = audit.GENESIS
            for seq, row in enumerate(rows, start=1):
                values = dict(row._mapping, seq=seq, prev_hash=prev)
                fields = ("at", "device_id", "action", "kind", "record_id", "detail")
                values["hash"] = audit.entry_hash(seq, *(values[f] for f in fields), prev)
                conn.execute(table.insert().values(values))
                prev = values["hash"]
            assert audit.verify(conn).ok, "the rewritten chain passes its own check"
            return len(rows)
    finally:
        vault.lock()
