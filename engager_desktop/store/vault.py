"""An unlocked vault: its engine, its sessions for reading and writing, and how it locks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from engager_desktop.crypto.errors import VaultError
from engager_desktop.crypto.kdf import PRODUCTION, KdfPolicy
from engager_desktop.domain.clock import Clock, SystemClock
from engager_desktop.domain.errors import UserError
from engager_desktop.domain.hlc import HybridClock
from engager_desktop.i18n import tr
from engager_desktop.store import audit as audit_chain
from engager_desktop.store import read_mostly
from engager_desktop.store.instance_lock import InstanceLock
from engager_desktop.store.orm.system import VaultMeta
from engager_desktop.store.stamping import HLC_KEY, Stamper, repair_clock, stored_clock

DB_FILE = "vault.db"
KEYSLOTS_FILE = "keyslots.json"
LOCK_FILE = "vault.lock"
BACKOFF_FILE = "backoff.json"


@dataclass(frozen=True)
class VaultOptions:
    """What tests inject: tiny KDF parameters and a fake clock. Production uses the defaults."""

    kdf: KdfPolicy = PRODUCTION
    clock: Clock = field(default_factory=SystemClock)
    context_words: tuple[str, ...] = ()


class Vault:
    """An open, keyed vault. Services take one of these; the GUI never touches its sessions."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        instance_lock: InstanceLock,
        options: VaultOptions,
        *,
        data_key: bytes,
    ) -> None:
        self.path = path
        self.options = options
        self._lock = instance_lock
        self._use_engine(engine, data_key)
        meta = self._read_meta()
        self.vault_id = meta["vault_id"]
        self.device_id = meta["device_id"]
        self.is_demo = meta.get("demo") == "1"
        last = stored_clock(meta.get(HLC_KEY))
        self.hlc = HybridClock(options.clock, *([last] if last is not None else []))
        self.stamper = Stamper(self.device_id, options.clock, self.hlc)
        self._make_sessions()
        self._local = threading.local()
        self._gate = threading.Event()  # cleared while a rekey swaps the key: others wait
        self._gate.set()
        self.closed = False
        if last is None:  # unreadable clock state: rebuilt from the records, and audited
            with self.write() as session:
                repair_clock(session, self.stamper)

    def _use_engine(self, engine: Engine, data_key: bytes) -> None:
        self.engine = engine
        self.data_key = data_key

    def _make_sessions(self) -> None:
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            bind=self.engine.execution_options(immediate=True), expire_on_commit=False
        )
        self.stamper.install(self._writer)
        read_mostly.install(self._writer)  # a supervisor's laptop: men held elsewhere

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Hold other threads' reads and writes at the door while the data key is replaced."""
        self._gate.clear()
        try:
            yield
        finally:
            self._gate.set()

    def rekeyed(self, engine: Engine, data_key: bytes) -> None:
        """Carry on under a new data key after a rekey; the single-instance lock stays held."""
        if self.closed:  # locked (the idle lock, say) while the rekey ran: keep nothing open
            engine.dispose()
            return
        self._use_engine(engine, data_key)
        self._make_sessions()

    @property
    def clock(self) -> Clock:
        return self.options.clock

    def _read_meta(self) -> dict[str, str]:
        with Session(self.engine) as session:
            rows = session.execute(select(VaultMeta.key, VaultMeta.value)).all()
        return {key: value for key, value in rows}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several use cases into ONE transaction (a wizard's commit, say).

        Inside the block, on this thread, every ``write()`` and ``read()`` joins one session:
        writes are flushed, not committed, and reads see them. The whole block commits at the end
        or, if anything raises, none of it does.
        """
        self._check_open()
        self._refuse_in_snapshot()
        if getattr(self._local, "session", None) is not None:
            yield  # already inside one: join it
            return
        session = self._writer()
        self._local.session = session
        try:
            yield
            session.commit()
        except sa_exc.OperationalError as exc:
            session.rollback()
            if _is_storage_failure(exc):
                raise VaultWriteFailed() from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            self._local.session = None
            session.close()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Group several reads into ONE read session: one consistent view of the vault.

        Inside the block, on this thread, every ``read()`` joins one read transaction, so what
        they return belongs together even while another thread writes. Nothing may be written
        inside (``write()`` and ``transaction()`` refuse); inside ``transaction()`` it just joins.
        """
        self._check_open()
        if getattr(self._local, "session", None) is not None:
            yield  # already inside a transaction or a snapshot: join it
            return
        session = self._reader()
        self._local.session = session
        self._local.snapshot = True
        try:
            yield
        finally:
            self._local.session = None
            self._local.snapshot = False
            session.rollback()
            session.close()

    def _refuse_in_snapshot(self) -> None:
        if getattr(self._local, "snapshot", False):
            raise RuntimeError("nothing may be written inside a read snapshot")

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session; whatever it changes is rolled back."""
        self._check_open()
        joined = getattr(self._local, "session", None)
        if joined is not None:
            yield joined
            return
        session = self._reader()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction holding the write lock: committed on success, rolled back on error."""
        self._check_open()
        self._refuse_in_snapshot()
        joined = getattr(self._local, "session", None)
        if joined is not None:  # inside transaction(): flush now, commit with the whole block
            yield joined
            joined.flush()
            return
        session = self._writer()
        try:
            yield session
            session.commit()
        except sa_exc.OperationalError as exc:
            session.rollback()
            if _is_storage_failure(exc):
                raise VaultWriteFailed() from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def audit(
        self,
        action: str,
        kind: str | None = None,
        record_id: str | None = None,
        detail: str | None = None,
    ) -> None:
        """Record an event that changes no record (a print, an export, a CLI listing)."""
        with self.write() as session:
            self.stamper.audit(session, action, kind, record_id, detail)

    def audit_head(self) -> audit_chain.ChainHead:
        with self.engine.connect() as conn:
            return audit_chain.head(conn)

    def _check_open(self) -> None:
        self._gate.wait()
        if self.closed:
            raise VaultLocked()

    def lock(self) -> None:
        """Close every connection and release the single-instance lock."""
        if self.closed:
            return
        self.closed = True
        self._optimise()
        self.engine.dispose()
        self._lock.release()

    def _optimise(self) -> None:
        """Let SQLite refresh its query-planner statistics where they are stale (cheap)."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA optimize")
        except Exception:  # a lock must never fail because statistics could not be written
            pass

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.lock()


def _is_storage_failure(exc: sa_exc.OperationalError) -> bool:
    text = str(exc.orig).lower()
    return any(words in text for words in ("disk i/o error", "disk is full", "readonly"))


class VaultWriteFailed(VaultError):
    def __init__(self) -> None:
        super().__init__(
            tr(
                "Errors",
                "the vault could not be written (the disk is full or failing); nothing was saved",
            )
        )


class VaultLocked(UserError):
    def __init__(self) -> None:
        super().__init__(tr("Errors", "the vault is locked"))
