"""Benchmark vaults: a keyed demo vault and its unkeyed twin per size, built once and cached.

Both are made by the same sqlcipher3 build, the same migrations and the same seeded demo generator;
the twin is simply never keyed, so it is a plain SQLite file. A cache folder is reused only while
its key matches: generator source, seed, men, "today", heavy man, schema head and KDF policy.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from engager_desktop.crypto.kdf import PRODUCTION, KdfPolicy
from engager_desktop.domain.clock import FakeClock
from engager_desktop.services import demo
from engager_desktop.store import audit, devices, migrate
from engager_desktop.store.engine import _PRAGMAS, _install_begin
from engager_desktop.store.instance_lock import InstanceLock
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.orm import Meeting
from engager_desktop.store.orm.system import VaultMeta
from engager_desktop.store.stamping import naive_utc, utc_iso
from engager_desktop.store.vault import DB_FILE, LOCK_FILE, Vault, VaultOptions

# Fictional data only: a fixed passphrase is fine (and needed, since unlock is measured).
BENCH_PASSPHRASE = "fictional-benchmark-caseload-harbour-quill-77"
BENCH_SEED = 2026
BENCH_TODAY = date(2026, 11, 2)
BENCH_NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
HARNESS_FORMAT = "2"  # bump when the way vaults are built here changes
PACKAGE = Path(__file__).resolve().parents[2] / "engager_desktop"
GENERATOR_FILES = (
    "store/demo_data.py",
    "store/demo_rows.py",
    "store/demo_activity.py",
    "store/demo_profile.py",
    "store/demo_phrases.py",
    "store/demo_services.py",
    "services/demo.py",
    "services/search_maintenance.py",
    "resources/demo_services.json",
)
READY_FILE = "ready.json"


@dataclass(frozen=True)
class VaultSpec:
    """What a benchmark vault holds; every field is part of its cache key."""

    men: int
    seed: int = BENCH_SEED
    today: date = BENCH_TODAY
    heavy_man: bool = True
    production_kdf: bool = True

    @property
    def label(self) -> str:
        return f"men{self.men}-{'prod' if self.production_kdf else 'testkdf'}"


@dataclass(frozen=True)
class BuiltVault:
    """A cached pair: the keyed vault folder and the unkeyed twin's folder."""

    spec: VaultSpec
    key: str
    keyed: Path
    plain: Path
    heavy_man_id: str | None
    build_seconds: float
    reused: bool


def generator_version(package: Path = PACKAGE) -> str:
    """A hash of the demo generator's source: any edit to it makes a new cache key."""
    digest = hashlib.sha256()
    for name in GENERATOR_FILES:
        path = package / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()[:16]


def schema_version(package: Path = PACKAGE) -> str:
    """The schema head plus a hash of every migration's source (a revision edited in place
    changes the schema without changing the head)."""
    digest = hashlib.sha256()
    for path in sorted((package / "migrations" / "versions").glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{migrate.head_revision()}-{digest.hexdigest()[:12]}"


def cache_key(spec: VaultSpec, *, generator: str, schema_head: str) -> str:
    """The cache key for ``spec`` given the generator version and the schema head."""
    parts = {
        "format": HARNESS_FORMAT,
        "generator": generator,
        "schema": schema_head,
        **{k: str(v) for k, v in asdict(spec).items()},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def bench_options(spec: VaultSpec) -> VaultOptions:
    """Production KDF (unless a harness test asks otherwise) and a clock stopped at "today"."""
    kdf = PRODUCTION if spec.production_kdf else KdfPolicy.for_tests()
    now = datetime.combine(spec.today, BENCH_NOW.timetz())
    return VaultOptions(kdf=kdf, clock=FakeClock(now))


def open_keyed(built: BuiltVault) -> Vault:
    return unlock_vault(built.keyed, BENCH_PASSPHRASE, bench_options(built.spec))


# --- the unkeyed twin ---------------------------------------------------------------------------


def plain_connection(db_path: Path, *, create: bool = False) -> Any:
    """A sqlcipher3 connection never keyed (plain SQLite), tuned with the vault's own pragmas."""
    mode = "rwc" if create else "rw"
    conn = sqlcipher3.connect(
        f"{db_path.resolve().as_uri()}?mode={mode}",
        uri=True,
        check_same_thread=False,
        isolation_level=None,
    )
    conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    for pragma in _PRAGMAS:
        conn.execute(pragma)
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    return conn


def plain_engine(db_path: Path, *, pool_size: int = 2) -> Engine:
    """Like ``store.engine.make_engine`` in every way but the key."""
    engine = create_engine(
        "sqlite://",
        creator=lambda: plain_connection(db_path),
        module=sqlcipher3,
        poolclass=QueuePool,
        hide_parameters=True,
        pool_size=pool_size,
        max_overflow=0,
        pool_pre_ping=False,
    )
    _install_begin(engine)
    return engine


def open_plain(folder: Path, options: VaultOptions) -> Vault:
    """The unkeyed twin as a ``Vault``, so the services run on it unchanged (migrated like
    ``unlock_vault`` migrates the keyed one, should the schema move on while it is open)."""
    lock = InstanceLock(folder / LOCK_FILE)
    lock.acquire()
    engine = plain_engine(folder / DB_FILE)
    try:
        if migrate.needs_upgrade(engine)[0]:
            migrate.upgrade(engine)
        return Vault(folder, engine, lock, options, data_key=b"")
    except BaseException:
        engine.dispose()
        lock.release()
        raise


def _create_plain(folder: Path, options: VaultOptions) -> Vault:
    """Migrate an empty unkeyed database and give it what ``lifecycle`` gives a new vault."""
    folder.mkdir(parents=True)
    plain_connection(folder / DB_FILE, create=True).close()
    engine = plain_engine(folder / DB_FILE, pool_size=1)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            meta = {
                "vault_id": str(uuid.uuid4()),
                "created_at": utc_iso(options.clock),
                "demo": "1",
            }
            conn.execute(insert(VaultMeta), [{"key": k, "value": v} for k, v in meta.items()])
            device_id = devices.create_self(conn, name="bench twin", now=naive_utc(options.clock))
        with Session(engine.execution_options(immediate=True)) as session:
            audit.append(
                session,
                at=utc_iso(options.clock),
                device_id=device_id,
                action="vault_created",
                detail="demo",
            )
            session.commit()
    finally:
        engine.dispose()
    return open_plain(folder, options)


# --- filling ------------------------------------------------------------------------------------


def populate(vault: Vault, spec: VaultSpec) -> str | None:
    """``services.demo.populate``; returns the heavy man's id (he has the most meetings)."""
    demo.populate(vault, men=spec.men, seed=spec.seed, today=spec.today, heavy_man=spec.heavy_man)
    if not spec.heavy_man:
        return None
    with vault.read() as session:
        found = session.execute(
            select(Meeting.participant_id)
            .group_by(Meeting.participant_id)
            .order_by(func.count().desc(), Meeting.participant_id)
            .limit(1)
        ).scalar()
    return str(found) if found else None


def _checkpoint(vault: Vault) -> None:
    with vault.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _build(folder: Path, spec: VaultSpec) -> str | None:
    options = bench_options(spec)
    keyed, _code = create_vault(folder / "keyed", BENCH_PASSPHRASE, options, demo=True)
    try:
        heavy = populate(keyed, spec)
        _checkpoint(keyed)
    finally:
        keyed.lock()
    plain = _create_plain(folder / "plain", options)
    try:
        twin_heavy = populate(plain, spec)
        _checkpoint(plain)
    finally:
        plain.lock()
    if twin_heavy != heavy:
        raise RuntimeError("the unkeyed twin's demo data differs from the vault's")
    return heavy


def ensure(spec: VaultSpec, cache_dir: Path) -> BuiltVault:
    """The cached vault pair for ``spec``: reused when its key matches, else rebuilt."""
    key = cache_key(spec, generator=generator_version(), schema_head=schema_version())
    folder = cache_dir / f"{spec.label}-{key}"
    ready = folder / READY_FILE
    if ready.is_file():
        info = json.loads(ready.read_text())
        return _built(spec, key, folder, info, reused=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for stale in cache_dir.glob(f"{spec.label}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    folder.mkdir()
    start = time.perf_counter()
    heavy = _build(folder, spec)
    info = {"heavy_man_id": heavy, "build_seconds": round(time.perf_counter() - start, 1)}
    ready.write_text(json.dumps(info, indent=1))
    return _built(spec, key, folder, info, reused=False)


def _built(
    spec: VaultSpec, key: str, folder: Path, info: dict[str, Any], *, reused: bool
) -> BuiltVault:
    return BuiltVault(
        spec=spec,
        key=key,
        keyed=folder / "keyed",
        plain=folder / "plain",
        heavy_man_id=info.get("heavy_man_id"),
        build_seconds=float(info.get("build_seconds", 0.0)),
        reused=reused,
    )


def scratch_copy(built: BuiltVault, target: Path, *, plain: bool = True) -> BuiltVault:
    """A throw-away copy of the vault (and of its twin unless ``plain`` is False), for writing."""
    if target.exists():
        shutil.rmtree(target)
    skip = shutil.ignore_patterns(LOCK_FILE, "backups")
    shutil.copytree(built.keyed, target / "keyed", ignore=skip)
    if plain:
        shutil.copytree(built.plain, target / "plain", ignore=skip)
    return BuiltVault(
        built.spec, built.key, target / "keyed", target / "plain", built.heavy_man_id, 0.0, True
    )
