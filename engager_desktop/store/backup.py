"""Encrypted backups of a vault with SQLite's backup API, between databases under one key."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import sqlcipher3

from engager_desktop.crypto.errors import VaultDamaged, VaultError
from engager_desktop.fsutil import fsync_dir
from engager_desktop.i18n import tr
from engager_desktop.store.backoff import start_file
from engager_desktop.store.engine import open_connection

BACKUP_DIR = "backups"


def backup_vault(vault_dir: Path, dek: bytes, *, reason: str, when: datetime) -> Path:
    """Copy vault.db (and keyslots.json, needed to open it) into backups/<stamp>-<reason>/."""
    stamp = when.strftime("%Y%m%dT%H%M%SZ")
    final = vault_dir / BACKUP_DIR / f"{stamp}-{reason}"
    tmp = final.with_name(final.name + ".partial")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.parent.mkdir(mode=0o700, exist_ok=True)
    tmp.mkdir(mode=0o700)
    try:
        source = open_connection(vault_dir / "vault.db", dek)
        target = open_connection(tmp / "vault.db", dek, create=True)
        try:
            source.backup(target)
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
            source.close()
        shutil.copy2(vault_dir / "keyslots.json", tmp / "keyslots.json")
        start_file(tmp / "backoff.json")  # a backup opens as a vault of its own
        for item in tmp.iterdir():
            with item.open("rb") as handle:
                os.fsync(handle.fileno())
        fsync_dir(tmp)
        tmp.rename(final)
        fsync_dir(final.parent)
    except (OSError, VaultDamaged, sqlcipher3.OperationalError) as exc:
        # OperationalError: SQLite's own write to the new file failed ("database or disk is
        # full", "disk I/O error"); the vault itself was only read.
        shutil.rmtree(tmp, ignore_errors=True)
        raise BackupFailed() from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


class BackupFailed(VaultError):
    def __init__(self) -> None:
        super().__init__(
            tr(
                "Errors",
                (
                    "the backup could not be written (the disk is full or failing); the "
                    "vault is unchanged"
                ),
            )
        )


def list_backups(vault_dir: Path) -> list[Path]:
    folder = vault_dir / BACKUP_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.endswith(".partial"))
