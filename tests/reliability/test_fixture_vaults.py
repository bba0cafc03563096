"""A fixture vault for every schema revision opens, upgrades, and keeps every record."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engager_desktop.store import migrate
from engager_desktop.store.backoff import start_file
from engager_desktop.store.backup import list_backups
from engager_desktop.store.check import check_vault
from engager_desktop.store.lifecycle import unlock_vault
from tests.fixtures.make_fixture_vaults import FIXTURES, KEPT_FILES, revisions, snapshot
from tests.vault_fixtures import TEST_PASSPHRASE, test_options


def test_every_revision_has_a_fixture() -> None:
    made = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
    assert made == revisions(), "run: python -m tests.fixtures.make_fixture_vaults"


@pytest.mark.parametrize("rev", revisions())
def test_fixture_vault_opens_and_upgrades_intact(rev: str, tmp_path: Path) -> None:
    source = FIXTURES / rev
    if not source.is_dir():
        pytest.fail(f"no fixture vault for revision {rev}")
    path = tmp_path / "vault"
    path.mkdir()
    for name in KEPT_FILES:
        shutil.copy2(source / name, path / name)
    start_file(path / "backoff.json")  # every real vault has one
    expected = json.loads((source / "expected.json").read_text())["records"]
    vault = unlock_vault(path, TEST_PASSPHRASE, test_options())
    try:
        with vault.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            found = snapshot(conn)
        assert check_vault(vault).ok
    finally:
        vault.lock()
    audit_before = expected.pop("audit_events")
    assert found.pop("audit_events")[: len(audit_before)] == audit_before
    assert found == expected
    upgraded = rev != migrate.head_revision()
    assert bool(list_backups(path)) == upgraded, "a backup is taken before a migration only"
