"""The floor of a read use case: the very SQL it ran, replayed through the bare sqlcipher3 driver.

``capture`` records every statement a service sends to the engine; ``replay`` runs them again on
a raw connection (keyed like the vault's own, or plain for the twin) and fetches every row, with
no SQLAlchemy, no ORM objects and no result shaping. What is left is SQLite's (and SQLCipher's)
own work, which no Python code above it can beat.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event

from engager_desktop.store.engine import open_connection
from engager_desktop.store.vault import DB_FILE, Vault
from tests.benchmarks.vaults import plain_connection


@dataclass(frozen=True)
class Statement:
    sql: str
    params: Any
    many: bool


@contextmanager
def capture(engine: Engine) -> Iterator[list[Statement]]:
    """Collect the statements sent to ``engine`` inside the ``with`` block."""
    seen: list[Statement] = []

    def listener(
        _conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, many: bool
    ) -> None:
        seen.append(Statement(sql, params, many))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def raw_connection(vault: Vault) -> Any:
    """A bare driver connection to the same file: keyed with the vault's key, or plain."""
    path = vault.path / DB_FILE
    return open_connection(path, vault.data_key) if vault.data_key else plain_connection(path)


def replay(conn: Any, statements: list[Statement]) -> int:
    """Run ``statements`` on ``conn``, fetch every row, roll back; returns the rows fetched."""
    rows = 0
    try:
        for st in statements:
            if st.many:
                conn.executemany(st.sql, st.params)
            else:
                rows += len(conn.execute(st.sql, st.params or ()).fetchall())
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    return rows
