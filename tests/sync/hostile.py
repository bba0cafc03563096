"""Hostile bundles from an enrolled laptop: its real records, changed, signed with its real keys."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from engager_desktop.store import audit
from engager_desktop.store.check import check_vault
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.sync import canonical
from tests.sync import craft
from tests.sync.conftest import Laptop
from tests.vault_fixtures import TEST_PASSPHRASE, test_options


def line_of(laptop: Laptop, table: str, record_id: str) -> bytes:
    """The record's canonical line as this laptop holds it."""
    spec = canonical.table_specs()[table]
    with laptop.vault.read() as session:
        (line,) = list(canonical.table_lines(session.connection(), spec, "id = ?", (record_id,)))
    return line


def changed(line: bytes, **fields: Any) -> bytes:
    """The same record with some fields changed, re-encoded canonically."""
    obj = json.loads(line)
    obj["r"].update(fields)
    return canonical.encode(obj["t"], obj["r"])


def signed_bundle(sender: Laptop, receiver: Laptop, lines: list[bytes], seq: int = 50) -> Path:
    """A bundle of ``lines`` signed by the sender's real key, encrypted to the receiver."""
    records = [canonical.decode(line) for line in lines]
    counts = {t: (live, dead) for t, (live, dead) in canonical.count_by_table(records).items()}
    with sender.vault.read() as session:  # the sender's real audit head: the bundle is its own
        head = audit.head(session.connection())
    data = craft.craft(
        craft.own(sender.vault),
        [craft.target(receiver.vault)],
        lines,
        seq=seq,
        counts=counts,
        audit_count=head.count,
        audit_head=head.hash,
    )
    path = receiver.stick / f"hostile-{uuid.uuid4()}.engager"
    path.write_bytes(data)
    return path


def reopen(laptop: Laptop) -> None:
    """Lock the vault and unlock it again (the way every command starts)."""
    laptop.vault.lock()
    laptop.vault = unlock_vault(laptop.path, TEST_PASSPHRASE, test_options(laptop.clock))


def healthy(laptop: Laptop) -> bool:
    """The vault opens again and its integrity check passes."""
    reopen(laptop)
    return check_vault(laptop.vault).ok
