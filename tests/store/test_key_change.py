"""Changing the passphrase tells the truth, and "someone may know my old one" really shuts them out.

The attack throughout: keep a copy of keyslots.json from before the change (or a backup folder),
put it back later, and open the vault with the old passphrase or the old recovery code.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engager_desktop.cli import main
from engager_desktop.crypto.errors import VaultError
from engager_desktop.store import credentials
from engager_desktop.store.backup import backup_vault
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import Participant
from tests.vault_fixtures import TEST_PASSPHRASE, TEST_START, test_options

NEW = "copper-meadow-thistle-ninety-one"


def _with_a_man_and_a_backup(vault_path: Path) -> tuple[str, Path]:
    vault = unlock_vault(vault_path, TEST_PASSPHRASE, test_options())
    try:
        with vault.write() as session:
            man = Participant(given_name="Rhys", family_name="Price", preferred_name="Rhys")
            session.add(man)
            session.flush()
            man_id = man.id
        backup = backup_vault(vault_path, vault.data_key, reason="test", when=TEST_START)
    finally:
        vault.lock()
    return man_id, backup


def _old_copy_opens(vault_path: Path, old_keyslots: bytes, passphrase: str) -> bool:
    """Put the old keyslots file back and try the old passphrase."""
    current = (vault_path / "keyslots.json").read_bytes()
    (vault_path / "keyslots.json").write_bytes(old_keyslots)
    try:
        unlock_vault(vault_path, passphrase, test_options()).lock()
        return True
    except VaultError:
        return False
    finally:
        (vault_path / "keyslots.json").write_bytes(current)


def test_passwd_says_an_old_keyslots_copy_still_opens_the_vault(
    vault_path: Path, env: pytest.MonkeyPatch, capsys
) -> None:
    old = (vault_path / "keyslots.json").read_bytes()
    env.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    env.setenv("ENGAGER_NEW_PASSPHRASE", NEW)
    assert main(["passwd", "--vault", str(vault_path)], options=test_options()) == 0
    out = capsys.readouterr().out
    assert "no longer opens" not in out
    assert "a copy of the old keyslots.json" in out and "passwd --rekey" in out
    assert _old_copy_opens(vault_path, old, TEST_PASSPHRASE), "what the message says is true"


def test_passwd_rekey_shuts_out_an_old_keyslots_copy_and_names_old_backups(
    vault_path: Path, env: pytest.MonkeyPatch, capsys
) -> None:
    man_id, backup = _with_a_man_and_a_backup(vault_path)
    old = (vault_path / "keyslots.json").read_bytes()
    env.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    env.setenv("ENGAGER_NEW_PASSPHRASE", NEW)
    assert main(["passwd", "--rekey", "--vault", str(vault_path)], options=test_options()) == 0
    captured = capsys.readouterr()
    assert "re-encrypting the database" in captured.err  # progress, step by step
    assert "Recovery code" in captured.out and backup.name in captured.out
    assert not _old_copy_opens(vault_path, old, TEST_PASSPHRASE)
    with unlock_vault(vault_path, NEW, test_options()) as vault, vault.read() as session:
        assert session.get(Participant, man_id) is not None
    unlock_vault(backup, TEST_PASSPHRASE, test_options()).lock()  # as the message says


def test_recover_replaces_the_data_key_by_default(
    vault_path: Path, recovery_code: str, env: pytest.MonkeyPatch, capsys
) -> None:
    old = (vault_path / "keyslots.json").read_bytes()
    env.setenv("ENGAGER_RECOVERY_CODE", recovery_code)
    env.setenv("ENGAGER_NEW_PASSPHRASE", NEW)
    assert main(["recover", "--vault", str(vault_path)], options=test_options()) == 0
    assert "re-encrypting the database" in capsys.readouterr().err
    assert not _old_copy_opens(vault_path, old, TEST_PASSPHRASE)
    (vault_path / "keyslots.json").write_bytes(old)
    with pytest.raises(VaultError):  # the old code with the old file: the wrong data key now
        credentials.recover(vault_path, recovery_code, TEST_PASSPHRASE, test_options())


def test_recover_can_keep_the_data_key_when_asked(
    vault_path: Path, recovery_code: str, env: pytest.MonkeyPatch, capsys
) -> None:
    old = (vault_path / "keyslots.json").read_bytes()
    env.setenv("ENGAGER_RECOVERY_CODE", recovery_code)
    env.setenv("ENGAGER_NEW_PASSPHRASE", NEW)
    args = ["recover", "--keep-data-key", "--vault", str(vault_path)]
    assert main(args, options=test_options()) == 0
    assert "a copy of the old keyslots.json" in capsys.readouterr().out
    assert _old_copy_opens(vault_path, old, TEST_PASSPHRASE)


def test_rekey_keeps_the_same_vault_object_working(vault_path: Path) -> None:
    steps: list[str] = []
    vault = unlock_vault(vault_path, TEST_PASSPHRASE, test_options())
    try:
        old_key = vault.data_key
        code = credentials.rekey(
            vault, TEST_PASSPHRASE, NEW, lambda n, total, what: steps.append(what)
        )
        assert vault.data_key != old_key and len(code) == 55
        assert len(steps) == len(credentials.REKEY_STEPS)
        vault.audit("print", detail="still writable after the rekey")
    finally:
        vault.lock()
    shutil.rmtree(vault_path / "backups", ignore_errors=True)
    unlock_vault(vault_path, NEW, test_options()).lock()


def test_a_vault_locked_while_it_was_rekeyed_keeps_nothing_open(vault_path: Path) -> None:
    vault = unlock_vault(vault_path, TEST_PASSPHRASE, test_options())

    def lock_half_way(step: int, _total: int, _what: str) -> None:
        if step == 3:
            vault.lock()  # the idle lock firing on the UI thread mid-rekey

    credentials.rekey(vault, TEST_PASSPHRASE, NEW, lock_half_way)
    assert vault.closed
    unlock_vault(vault_path, NEW, test_options()).lock()  # the lock was released, the rekey done


def test_reads_from_other_threads_wait_for_the_new_key(vault_path: Path) -> None:
    """A background read landing mid-rekey (the GUI's other work) must not use the old key."""
    import threading
    import time

    vault = unlock_vault(vault_path, TEST_PASSPHRASE, test_options())
    results: list[object] = []

    def read() -> None:
        try:
            with vault.read() as session:
                results.append(session.query(Participant).count())
        except Exception as exc:  # noqa: BLE001 - the finding itself
            results.append(exc)

    reader = threading.Thread(target=read)

    def start_reader(step: int, _total: int, _what: str) -> None:
        if step == 3:  # the database is re-encrypted; the vault still holds the old engine
            reader.start()
            time.sleep(0.3)

    try:
        credentials.rekey(vault, TEST_PASSPHRASE, NEW, start_reader)
        reader.join(timeout=10)
        assert results == [0]
    finally:
        vault.lock()


def test_a_rekey_failing_at_its_last_write_leaves_everything_working(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk refuses the final keyslots file: the open vault and the one on disk both work."""
    real = credentials._write_verified
    calls: list[int] = []

    def second_write_fails(*args: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(credentials, "_write_verified", second_write_fails)
    vault = unlock_vault(vault_path, TEST_PASSPHRASE, test_options())
    try:
        with pytest.raises(OSError):
            credentials.rekey(vault, TEST_PASSPHRASE, NEW)
        with vault.read() as session:  # carried on under whichever key opens it now
            assert session.query(Participant).count() == 0
        vault.audit("print", detail="still writable")
    finally:
        vault.lock()
    unlock_vault(vault_path, NEW, test_options()).lock()  # the next unlock finishes the rekey
