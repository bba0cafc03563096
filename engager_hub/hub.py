"""An open hub: a PostgreSQL engine, sessions for reading and writing, the clock and its keys.

It offers what the laptop's import and export need of a vault (``sync.host.SyncHost``), so the
hub runs the laptop's own verify, merge and import code. Every write transaction first takes one
transaction-level advisory lock (``pg_advisory_xact_lock``): two hub processes importing at once
run one after the other, as two writers on a laptop do under SQLite's write lock, and the lock is
released by PostgreSQL when the transaction ends however it ends (a killed process included). The
clock state is re-read under that lock, so stamps never go backwards across processes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from engager_desktop.domain.clock import Clock
from engager_desktop.domain.hlc import HybridClock, Stamp
from engager_desktop.store.orm.system import VaultMeta
from engager_desktop.store.stamping import HLC_KEY, Stamper, stored_clock
from engager_desktop.store.vault import VaultOptions
from engager_desktop.sync.trust import HELD_KEYS, OwnKeys
from engager_hub import (
    bulk,  # noqa: F401  (registers the fast INSERT of many rows)
    schema,
)
from engager_hub import keys as hub_keys
from engager_hub.errors import HubError

WRITE_LOCK = 0x456E676167  # "Engag": the hub's one advisory lock number


def make_engine(url: str) -> Engine:
    """An engine whose errors never show parameters (a man's data) or the URL's password."""
    if not url.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        raise HubError("the hub needs a PostgreSQL URL (postgresql://…)")
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    try:
        return create_engine(url, hide_parameters=True, pool_size=2, max_overflow=2)
    except (sa_exc.ArgumentError, ValueError):
        raise HubError("the database URL cannot be read") from None


class Hub:
    """An unlocked hub. Commands take one of these; it closes with ``close()``."""

    def __init__(self, engine: Engine, own: OwnKeys, options: VaultOptions) -> None:
        self.engine = engine
        self.options = options
        self.own = own
        self.device_id = own.device_id

        @event.listens_for(engine, "connect")
        def _hold_keys(_dbapi: Any, record: Any) -> None:
            record.info[HELD_KEYS] = own  # trust.own_keys reads them from here

        engine.pool.dispose()  # connections made before the keys were known: none keep them
        self.hlc = HybridClock(options.clock)
        self.stamper = Stamper(own.device_id, options.clock, self.hlc)
        self._reader = sessionmaker(bind=engine, expire_on_commit=False)
        self._writer = sessionmaker(bind=engine, expire_on_commit=False)
        self.stamper.install(self._writer)

    @property
    def clock(self) -> Clock:
        return self.options.clock

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self._reader()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction holding the hub's write lock: committed on success, else rolled back."""
        session = self._writer()
        try:
            session.execute(text("SELECT pg_advisory_xact_lock(:n)"), {"n": WRITE_LOCK})
            self._catch_up_clock(session)
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _catch_up_clock(self, session: Session) -> None:
        stored = session.execute(select(VaultMeta.value).where(VaultMeta.key == HLC_KEY)).scalar()
        last = stored_clock(stored)
        if last is not None and last > Stamp(0, 0):
            self.hlc.observe(last)

    def audit(
        self,
        action: str,
        kind: str | None = None,
        record_id: str | None = None,
        detail: str | None = None,
    ) -> None:
        with self.write() as session:
            self.stamper.audit(session, action, kind, record_id, detail)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Hub:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_hub(url: str, passphrase: str, options: VaultOptions) -> Hub:
    """Connect, check the schema and unlock the hub's keys."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            schema.require_current(conn)
            own = hub_keys.unlock(conn, passphrase, options.kdf)
    except BaseException:
        engine.dispose()
        raise
    return Hub(engine, own, options)
