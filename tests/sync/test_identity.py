"""A copied or restored vault takes a new device id; a moved one keeps its id."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.store.backup import backup_vault
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm.system import AuditEvent, Device
from engager_desktop.sync.errors import BundleRefused
from engager_desktop.sync.identity import ensure_own_identity
from tests.sync.conftest import Laptop, add_man
from tests.vault_fixtures import TEST_PASSPHRASE, test_options


def _reopen(path: Path) -> object:
    return unlock_vault(path, TEST_PASSPHRASE, test_options())


def test_binding_is_stable(make_laptop: Callable[[str], Laptop]) -> None:
    laptop = make_laptop("prison")
    first = ensure_own_identity(laptop.vault)
    again = ensure_own_identity(laptop.vault)
    assert not first.renewed and not again.renewed and again.device_id == laptop.device_id


def test_copied_vault_takes_a_new_identity(make_laptop: Callable[[str], Laptop], tmp_path: Path):
    laptop = make_laptop("prison")
    ensure_own_identity(laptop.vault)
    old_id = laptop.device_id
    laptop.vault.lock()
    copy_path = tmp_path / "copy"
    shutil.copytree(laptop.path, copy_path, ignore=shutil.ignore_patterns("vault.lock"))
    copy = unlock_vault(copy_path, TEST_PASSPHRASE, test_options())
    try:
        check = ensure_own_identity(copy)
        assert check.renewed and check.previous_id == old_id and copy.device_id != old_id
        man = add_man(Laptop("copy", copy_path, copy, copy.options.clock, tmp_path), notes="x")
        with copy.read() as session:
            old = session.get(Device, old_id)
            assert old is not None and not old.is_self and old.signing_private is None
            assert old.age_identity is None
            actions = session.scalars(select(AuditEvent.action)).all()
            from engager_desktop.store.orm import Participant

            assert session.get(Participant, man).updated_by == copy.device_id  # type: ignore[union-attr]
        assert "device_identity_renewed" in actions
    finally:
        copy.lock()
    original = unlock_vault(laptop.path, TEST_PASSPHRASE, test_options())
    try:
        assert not ensure_own_identity(original).renewed and original.device_id == old_id
    finally:
        original.lock()
        laptop.vault = unlock_vault(laptop.path, TEST_PASSPHRASE, test_options())


def _restore(laptop: Laptop, backup: Path) -> None:
    laptop.vault.lock()
    shutil.copy2(backup / "vault.db", laptop.path / "vault.db")  # over the old file: same inode
    laptop.vault = unlock_vault(laptop.path, TEST_PASSPHRASE, test_options())


def test_restore_from_before_an_export_takes_a_new_identity(
    pair: tuple[Laptop, Laptop],
) -> None:
    prison, community = pair
    old_id = prison.device_id
    backup = backup_vault(prison.path, prison.vault.data_key, reason="t", when=prison.clock.now())
    add_man(prison)
    prison.export(community)  # bundle 1 is out in the world under the old id
    _restore(prison, backup)
    check = ensure_own_identity(prison.vault)
    assert check.renewed and prison.vault.device_id != old_id


def test_restore_with_nothing_exported_since_keeps_the_id(make_laptop) -> None:
    laptop = make_laptop("prison")
    ensure_own_identity(laptop.vault)
    old_id = laptop.device_id
    backup = backup_vault(laptop.path, laptop.vault.data_key, reason="t", when=laptop.clock.now())
    add_man(laptop)
    _restore(laptop, backup)
    assert not ensure_own_identity(laptop.vault).renewed and laptop.device_id == old_id


def test_moved_vault_keeps_its_identity(make_laptop: Callable[[str], Laptop], tmp_path: Path):
    laptop = make_laptop("prison")
    ensure_own_identity(laptop.vault)
    old_id = laptop.device_id
    laptop.vault.lock()
    moved = tmp_path / "moved"
    laptop.path.rename(moved)
    laptop.path = moved
    laptop.vault = unlock_vault(moved, TEST_PASSPHRASE, test_options())
    assert not ensure_own_identity(laptop.vault).renewed and laptop.device_id == old_id


def test_copy_cannot_pass_for_the_original(pair: tuple[Laptop, Laptop], tmp_path: Path) -> None:
    prison, community = pair
    prison.vault.lock()
    copy_path = tmp_path / "copy"
    shutil.copytree(prison.path, copy_path, ignore=shutil.ignore_patterns("vault.lock"))
    prison.vault = unlock_vault(prison.path, TEST_PASSPHRASE, test_options())
    copy = unlock_vault(copy_path, TEST_PASSPHRASE, test_options())
    try:
        clone = Laptop("copy", copy_path, copy, copy.options.clock, prison.stick)
        add_man(clone)
        bundle = clone.export(community)  # renews first: signed by a device nobody enrolled
        with pytest.raises(BundleRefused, match="not enrolled"):
            community.take(bundle)
    finally:
        copy.lock()
