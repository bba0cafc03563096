"""One read of a man's workspace: everything in one snapshot, and nothing written inside one."""

from __future__ import annotations

import threading

import pytest

from engager_desktop.services import workspace_read
from engager_desktop.services.common import NotFound
from engager_desktop.store.orm import Participant
from engager_desktop.store.vault import Vault

pytest_plugins = ["tests.vault_fixtures"]


def add_man(vault: Vault, family: str = "Rees") -> str:
    with vault.write() as session:
        man = Participant(
            given_name="Dai", family_name=family, preferred_name="Dai", phase="in_prison"
        )
        session.add(man)
        session.flush()
        return man.id


def test_reads_his_record_and_checks(vault: Vault) -> None:
    man = add_man(vault)
    data = workspace_read.load_workspace(vault, man)
    assert data.man_id == man
    assert data.record.participant.family_name == "Rees"
    assert data.today == vault.clock.today()


def test_a_removed_man_is_not_found(vault: Vault) -> None:
    with pytest.raises(NotFound):
        workspace_read.load_workspace(vault, "no-such-man")


def test_reads_inside_a_snapshot_do_not_see_a_later_write(vault: Vault) -> None:
    man = add_man(vault)
    with vault.snapshot():
        with vault.read() as session:
            before = session.get(Participant, man)
            assert before is not None and before.family_name == "Rees"

        def rename() -> None:
            with vault.write() as other:
                row = other.get(Participant, man)
                assert row is not None
                row.family_name = "Evans"

        writer = threading.Thread(target=rename)
        writer.start()
        writer.join()
        with vault.read() as session:
            names = session.query(Participant.family_name).filter_by(id=man).scalar()
        assert names == "Rees"  # the same snapshot: the other thread's save is not seen yet
    with vault.read() as session:
        assert session.query(Participant.family_name).filter_by(id=man).scalar() == "Evans"


def test_nothing_is_written_inside_a_snapshot(vault: Vault) -> None:
    with vault.snapshot(), pytest.raises(RuntimeError):
        with vault.write():
            pass
    with vault.snapshot(), pytest.raises(RuntimeError):
        with vault.transaction():
            pass
