"""The integrity check: SQLCipher page MACs, SQLite structure, keyslots checksum, audit chain."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from engager_desktop.crypto.errors import VaultError
from engager_desktop.domain.audit_head import TypedHead
from engager_desktop.store import audit
from engager_desktop.store.lifecycle import _read_keyslots
from engager_desktop.store.vault import Vault


@dataclass(frozen=True)
class CheckItem:
    name: str
    ok: bool
    message: str


@dataclass
class CheckReport:
    items: list[CheckItem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(item.ok for item in self.items)


def check_vault(vault: Vault, head: TypedHead | None = None) -> CheckReport:
    """Every check; with ``head`` (typed from a printout) the chain must still hold that entry."""
    report = CheckReport()
    with vault.engine.connect() as conn:
        cipher = [row[0] for row in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
        report.items.append(
            CheckItem(
                "encryption",
                not cipher,
                "every page authenticates" if not cipher else f"{len(cipher)} damaged pages",
            )
        )
        sqlite = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
        sound = sqlite == ["ok"]
        report.items.append(
            CheckItem("database", sound, "structure sound" if sound else "; ".join(sqlite[:5]))
        )
        fks = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        report.items.append(
            CheckItem(
                "references",
                not fks,
                "every reference resolves" if not fks else f"{len(fks)} broken references",
            )
        )
        chain = audit.verify(conn)
        report.items.append(
            CheckItem(
                "audit chain",
                chain.ok,
                f"{chain.count} entries linked" if chain.ok else "; ".join(chain.problems[:5]),
            )
        )
        if head is not None:
            report.items.append(_against_head(conn, chain.count, head))
    try:
        _read_keyslots(vault.path, vault.options)
        report.items.append(CheckItem("keyslots", True, "checksum matches"))
    except VaultError as exc:
        report.items.append(CheckItem("keyslots", False, str(exc)))
    return report


def _against_head(conn: Connection, count: int, head: TypedHead) -> CheckItem:
    """A chain rewritten with the passphrase links up again; a head printed earlier does not."""
    if head.count > count:
        return CheckItem(
            "audit head",
            False,
            f"the log has {count} entries, fewer entries than the printed head's {head.count}: "
            "entries were removed since it was printed",
        )
    found = audit.hash_at(conn, head.count)
    if found is None or not found.startswith(head.hash_prefix):
        return CheckItem(
            "audit head",
            False,
            f"entry {head.count} differs from the printed head: the log was rewritten "
            "since it was printed (or the head was mistyped)",
        )
    return CheckItem("audit head", True, f"entry {head.count} matches the printed head")
