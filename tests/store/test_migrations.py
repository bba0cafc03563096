"""Migrations: one head, upgrade from empty matches the models, down and up keep data."""

from __future__ import annotations

import secrets
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select

from engager_desktop.store import migrate, sync_state  # noqa: F401  (sync tables)
from engager_desktop.store.engine import make_engine, open_connection
from engager_desktop.store.orm import Base, Participant
from engager_desktop.store.vault import Vault
from tests.store.test_vault import add_man


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(migrate._config())


def test_single_head() -> None:
    assert len(_script().get_heads()) == 1


def test_upgrade_from_empty_matches_models(tmp_path: Path) -> None:
    dek = secrets.token_bytes(32)
    open_connection(tmp_path / "v.db", dek, create=True).close()
    engine = make_engine(tmp_path / "v.db", dek, pool_size=1)
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            assert migrate.current_revision(conn) == migrate.head_revision()
    finally:
        engine.dispose()
    # Tables kept outside the models on purpose: the FTS5 index (and its shadow tables) and the
    # caseload figures that triggers maintain (migrations 0002 and 0003).
    unmodelled = ("search_index", "caseload_figures")
    diffs = [
        d
        for d in diffs
        if not (d[0] == "remove_table" and any(name in str(d[1]) for name in unmodelled))
    ]
    assert diffs == []


def test_each_step_down_and_up_keeps_data(vault: Vault) -> None:
    man_id = add_man(vault, prison_number="A1111AA")
    revisions = [rev.revision for rev in _script().walk_revisions()]  # head first
    for rev in revisions[:-1]:  # every step except dropping the initial schema
        previous = _script().get_revision(rev).down_revision
        assert isinstance(previous, str)
        migrate.downgrade(vault.engine, previous)
        migrate.upgrade(vault.engine)
        with vault.read() as session:
            man = session.scalars(select(Participant).where(Participant.id == man_id)).one()
            assert man.prison_number == "A1111AA"


def test_schema_from_newer_version_refused(vault: Vault) -> None:
    import pytest

    with vault.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(migrate.SchemaTooNew):
        migrate.needs_upgrade(vault.engine)


def test_backup_taken_before_migrating(vault: Vault) -> None:
    from engager_desktop.store.backup import list_backups
    from engager_desktop.store.lifecycle import unlock_vault
    from tests.vault_fixtures import TEST_PASSPHRASE

    man_id = add_man(vault, prison_number="A2222BB")
    migrate.downgrade(vault.engine, "0001")
    path, options = vault.path, vault.options
    vault.lock()
    assert list_backups(path) == []
    reopened = unlock_vault(path, TEST_PASSPHRASE, options)
    with reopened.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
    reopened.lock()
    backups = list_backups(path)
    assert len(backups) == 1 and "before-migration-from-0001" in backups[0].name
    # the backup is itself a vault that opens with the passphrase of the time, schema untouched
    old = unlock_vault(backups[0], TEST_PASSPHRASE, options)
    with old.read() as session:
        assert session.get(Participant, man_id) is not None
    old.lock()
