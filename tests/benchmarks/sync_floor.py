"""The raw floor for the export benchmark: the same records through the same steps, no database.

``load_rows`` and ``age_recipients`` (not timed) read what a full export carries and whom it is
for; ``raw_export`` (timed) serialises it with the same canonical encoder, compresses it the same
way, age-encrypts it to the same recipients, writes it, fsyncs it, drops it from the page cache and
reads it back. The benchmark times ``sync.export.export_bundle`` against this in the same run and
reports the ratio.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from engager_desktop import fsutil
from engager_desktop.store.vault import Vault
from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync import canonical, stick, trust

Rows = list[tuple[canonical.TableSpec, dict[str, Any]]]


def load_rows(vault: Vault) -> Rows:
    """Every synced record, tombstones included, as wire-form rows (outside the timed part)."""
    rows: Rows = []
    with vault.read() as session:
        conn = session.connection()
        for spec in canonical.table_specs().values():
            rows.extend((spec, values) for values in canonical.read_wire(conn, spec))
    return rows


def age_recipients(vault: Vault, device_ids: list[str]) -> list[str]:
    """The age recipients an export to ``device_ids`` encrypts to (theirs, then this device's)."""
    with vault.read() as session:
        conn = session.connection()
        keys = trust.recipients_for(conn, device_ids)
        own = trust.own_keys(conn)
    return [key.age_recipient for key in keys] + [own.age_recipient]


def raw_export(rows: Rows, folder: Path, recipients: list[str]) -> Path:
    """Serialise, compress, encrypt, write, fsync, read back. Returns the file (caller deletes)."""
    payload = fmt.compress_lines(canonical.encode_wire(spec, values) for spec, values in rows)
    data = fmt.encrypt_to_devices(payload.data, recipients)
    path = Path(folder) / f"floor-{secrets.token_hex(6)}.bin"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        fsutil.write_all(handle, data)
        handle.flush()
        os.fsync(handle.fileno())
    stick.drop_from_cache(path)
    if stick.read_back(path, fmt.MAX_FILE_BYTES) != data:
        raise OSError("the floor file read back differs")
    return path
