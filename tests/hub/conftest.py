"""The hub's test fixtures: one throwaway PostgreSQL cluster per run, a fresh database per test.

``pg_cluster`` starts the cluster once (``tests/hub/pg_cluster.py``: initdb and pg_ctl on a Unix
socket in a temporary folder, as the ``postgres`` user when the tests run as root) and stops and
removes it when the run ends; no test needs a PostgreSQL left running. The hub's schema is made
once in a template database by its alembic migrations; each test gets a copy
(``CREATE DATABASE … TEMPLATE``, a few tens of milliseconds). Every hub test skips, saying why,
only where the PostgreSQL server programs are not installed.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from engager_desktop.domain.clock import FakeClock
from engager_desktop.services import sync
from engager_desktop.sync import canonical
from engager_desktop.sync.summary import ImportSummary
from engager_hub import ops
from engager_hub.hub import Hub, open_hub
from tests.hub.pg_cluster import Cluster, server_bin, start_cluster
from tests.sync.conftest import Laptop
from tests.vault_fixtures import TEST_START, test_options

HUB_PASSPHRASE = "lantern-orchard-ferry-ninety-one"
_TEMPLATE = "hub_template"
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    if server_bin() is None:
        pytest.skip(
            "PostgreSQL's server programs are not installed (no /usr/lib/postgresql/*/bin/initdb): "
            "install Debian's 'postgresql' package (python3 dev.py test does, as root)"
        )
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: run python3 dev.py test, which installs it")
    cluster = start_cluster()
    try:
        _make_template(cluster)
        yield cluster
    finally:
        cluster.stop()


def _make_template(cluster: Cluster) -> None:
    from sqlalchemy import create_engine

    from engager_hub import schema

    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {_TEMPLATE}")
    admin.dispose()
    engine = create_engine(cluster.url(_TEMPLATE))
    schema.upgrade(engine)
    engine.dispose()


@contextmanager
def fresh_database(cluster: Cluster) -> Iterator[str]:
    """A new database holding the hub's schema (no identity yet), dropped afterwards."""
    with _database_from(cluster, _TEMPLATE, f"hub_{os.getpid()}_{next(_numbers)}") as url:
        yield url


@contextmanager
def copy_of(cluster: Cluster, url: str) -> Iterator[str]:
    """A copy of a hub's database (nothing may be connected to it meanwhile), dropped after."""
    from sqlalchemy import make_url

    source = make_url(url).database
    with _database_from(cluster, source, f"{source}_copy_{next(_numbers)}") as copy:
        yield copy


@contextmanager
def _database_from(cluster: Cluster, template: str | None, name: str) -> Iterator[str]:
    """Database ``name`` made from ``template``; its URL, and it is dropped afterwards."""
    from sqlalchemy import create_engine

    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {template}")
    try:
        yield cluster.url(name)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


@pytest.fixture
def hub_url(pg_cluster: Cluster) -> Iterator[str]:
    with fresh_database(pg_cluster) as url:
        yield url


@dataclass
class HubSide:
    """The hub as a sync partner in tests: its open Hub, its clock and an outbox folder."""

    url: str
    hub: Hub
    clock: FakeClock
    outbox: Path

    @property
    def device_id(self) -> str:
        return self.hub.device_id

    @property
    def _hub(self) -> Hub:
        return self.hub

    def card(self) -> bytes:
        return ops.device_card(self._hub)

    def fingerprint(self) -> str:
        return self._hub.own.card().fingerprint

    def enrol(self, laptop: Laptop) -> None:
        """Each enrols the other."""
        card = laptop.path.parent / f"{laptop.name}.engager-card"
        card.write_bytes(laptop.card())
        ops.enrol(self._hub, card, laptop.fingerprint())
        sync.enrol(laptop.vault, self.card(), self.fingerprint())

    def take(self, bundle: Path) -> ImportSummary:
        return ops.import_file(self._hub, bundle)

    def export_for(self, laptop: Laptop) -> Path:
        return ops.export_for(self._hub, laptop.device_id, self.outbox).path

    def digest(self) -> str:
        with self._hub.read() as session:
            return canonical.content_digest(session.connection())


@pytest.fixture
def make_hub(hub_url: str, tmp_path: Path) -> Iterator[Callable[[], HubSide]]:
    opened: list[HubSide] = []

    def make() -> HubSide:
        side = start_hub(hub_url, tmp_path / "hub-outbox")
        opened.append(side)
        return side

    yield make
    for side in opened:
        side.hub.close()


def start_hub(url: str, outbox: Path) -> HubSide:
    """``init`` on a fresh database (tiny KDF, fake clock), then the hub opened."""
    clock = FakeClock(TEST_START)
    options = test_options(clock)
    ops.init(url, HUB_PASSPHRASE, "Community office hub", options)
    outbox.mkdir()
    return HubSide(url, open_hub(url, HUB_PASSPHRASE, options), clock, outbox)
