"""The keyed SQLCipher engine: raw key via set_key, verified by a read, a pool sized to the workers.

Every connection is keyed in the engine's own creator before any statement runs (a class-level
``Engine`` listener would run too late), opened with ``mode=rw`` so a typo never creates a file, and
tuned with the pragmas listed in docs/vault.md. ``hide_parameters`` keeps a man's data out of
exception text.

The pool holds ``POOL_SIZE`` connections: one for each thread of the desktop program that runs
services at the same time (the four workers of ``ui.ops`` and its one ordered worker; the UI
thread makes no database call). With fewer, a worker would wait for another's connection. A new
connection costs about a millisecond (the key is the raw data key, so no key derivation runs;
docs/threads.md has the figures), and they are made only when needed: the pool hands back the
connection used last (LIFO), so on a quiet laptop one or two connections do all the work and keep
their page caches warm.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from engager_desktop.crypto.errors import VaultDamaged
from engager_desktop.fsutil import create_private_file
from engager_desktop.i18n import tr

# ui.ops.MAX_WORKERS (4) + its ordered worker (1); tests/store/test_engine_pool.py checks both.
POOL_SIZE = 5

_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA trusted_schema = OFF",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -65536",
    "PRAGMA secure_delete = ON",
    "PRAGMA synchronous = FULL",
)


def _raw_key(dek: bytes) -> bytes:
    return b"x'" + dek.hex().encode("ascii") + b"'"


def open_connection(db_path: Path, dek: bytes, *, create: bool = False) -> Any:
    """Open and key one SQLCipher connection; raise VaultDamaged if the key does not read it."""
    mode = "rwc" if create else "rw"
    if create:
        create_private_file(db_path)
    uri = f"{db_path.resolve().as_uri()}?mode={mode}"
    try:
        conn = sqlcipher3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    except sqlcipher3.OperationalError as exc:
        raise VaultDamaged(
            db_path.name, tr("Errors", "the database file cannot be opened")
        ) from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.set_key(_raw_key(dek))
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        for pragma in _PRAGMAS:
            conn.execute(pragma)
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise VaultDamaged(db_path.name, tr("Errors", "the database does not decrypt")) from exc
    return conn


def make_engine(db_path: Path, dek: bytes, *, pool_size: int = POOL_SIZE) -> Engine:
    """An engine whose every pooled connection is keyed; transactions begin explicitly.

    Write transactions take the write lock up front (``BEGIN IMMEDIATE``) when a session is bound to
    ``engine.execution_options(immediate=True)``; reads use a deferred ``BEGIN``.
    """

    def creator() -> Any:
        return open_connection(db_path, dek)

    engine = create_engine(
        "sqlite://",
        creator=creator,
        module=sqlcipher3,
        poolclass=QueuePool,
        hide_parameters=True,
        pool_size=pool_size,
        max_overflow=0,
        pool_use_lifo=True,
        pool_pre_ping=False,
    )
    _install_begin(engine)
    return engine


def _install_begin(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


Opener = Callable[[Path, bytes], Any]
