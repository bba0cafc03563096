"""Prison -> community -> prison with edits on both sides: equal where due, conflicts kept."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engager_desktop.domain.hlc import Stamp
from engager_desktop.services import sync
from engager_desktop.store.orm import Step
from engager_desktop.store.orm.system import AuditEvent
from engager_desktop.sync.errors import BundleRefused, SyncError
from tests.sync.conftest import Laptop, add_goal_and_step, add_man, edit_man, man_field


def _edit_step(laptop: Laptop, step_id: str, **fields: object) -> None:
    with laptop.vault.write() as session:
        step = session.get(Step, step_id)
        assert step is not None
        for key, value in fields.items():
            setattr(step, key, value)
    laptop.tick()


def test_first_export_carries_everything(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(prison, prison_number="A1234BC")
    add_goal_and_step(prison, man)
    summary = community.take(prison.export(community))
    assert summary.committed and summary.men_new == 1 and summary.records_new == 3
    assert man_field(community, man, "prison_number") == "A1234BC"
    assert prison.digest() == community.digest()


def test_round_trip_with_edits_on_both_sides(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    both = add_man(prison, notes="first meeting")
    theirs_only = add_man(prison, given_name="Huw")
    mine_only = add_man(prison, given_name="Ieuan")
    _goal, step = add_goal_and_step(prison, both)
    community.take(prison.export(community))

    # Both laptops change the same man and the same step; each also changes a man of its own.
    edit_man(prison, both, notes="prison's note")
    edit_man(prison, mine_only, establishment="HMP Cardiff")
    _edit_step(prison, step, deleted=True)
    community.tick(600)  # the community laptop edits later
    edit_man(community, both, notes="community's note")
    edit_man(community, theirs_only, phase="in_community")
    _edit_step(community, step, status="done")

    back = prison.take(community.export(prison, since_ack=True))
    assert back.records_in_conflict == 2 and back.men_in_conflict == 1
    assert man_field(prison, both, "notes") == "community's note"  # later edit wins
    assert man_field(prison, theirs_only, "phase") == "in_community"
    assert man_field(prison, mine_only, "establishment") == "HMP Cardiff"
    with prison.vault.read() as session:
        assert not session.get(Step, step).deleted  # the later edit beats the earlier deletion
    conflicts = {c.table: c for c in sync.list_conflicts(prison.vault)}
    assert conflicts["participants"].lost == "mine" and conflicts["participants"].fields == (
        "notes",
    )
    assert conflicts["steps"].lost == "mine"  # the deletion is held for review

    forth = community.take(prison.export(community, since_ack=True))
    assert forth.records_in_conflict == 0  # the prison laptop already holds the conflicts
    assert prison.digest() == community.digest()
    assert sync.list_conflicts(community.vault) == []


def test_keep_mine_wins_everywhere_after_the_next_exchange(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(prison, notes="start")
    community.take(prison.export(community))
    edit_man(prison, man, notes="prison's note")
    community.tick(600)
    edit_man(community, man, notes="community's note")
    prison.take(community.export(prison))
    (conflict,) = sync.list_conflicts(prison.vault)
    (notes,) = [item for item in conflict.items if item.name == "notes"]
    assert notes.stands == "theirs"  # the record here now holds the community's note
    now, losing = notes.theirs, notes.mine
    assert now == "community's note" and losing == "prison's note"

    prison.tick(600)
    result = sync.resolve_conflict(prison.vault, conflict.id, sync.KEEP_MINE)
    assert result.rewritten and man_field(prison, man, "notes") == "prison's note"
    assert sync.list_conflicts(prison.vault) == []
    community.take(prison.export(community, since_ack=True))
    assert man_field(community, man, "notes") == "prison's note"
    assert prison.digest() == community.digest()


def test_take_theirs_when_theirs_won_just_closes(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(prison)
    community.take(prison.export(community))
    edit_man(prison, man, notes="mine")
    community.tick(600)
    edit_man(community, man, notes="theirs")
    prison.take(community.export(prison))
    (conflict,) = sync.list_conflicts(prison.vault)
    result = sync.resolve_conflict(prison.vault, conflict.id, sync.TAKE_THEIRS)
    assert not result.rewritten and man_field(prison, man, "notes") == "theirs"
    with pytest.raises(SyncError):
        sync.resolve_conflict(prison.vault, conflict.id, sync.TAKE_THEIRS)


def test_keep_mine_brings_back_a_record_a_later_deletion_took(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(prison)
    _goal, step = add_goal_and_step(prison, man)
    community.take(prison.export(community))
    _edit_step(prison, step, status="done")
    community.tick(600)  # the deletion comes later
    _edit_step(community, step, deleted=True)
    prison.take(community.export(prison))
    (conflict,) = sync.list_conflicts(prison.vault)
    assert conflict.deleted_now and conflict.lost == "mine"
    prison.tick(600)
    assert sync.resolve_conflict(prison.vault, conflict.id, sync.KEEP_MINE).rewritten
    assert sync.list_conflicts(prison.vault) == []
    with prison.vault.read() as session:
        kept = session.get(Step, step)
        assert kept is not None and not kept.deleted and kept.status == "done"
    community.take(prison.export(community, since_ack=True))
    assert prison.digest() == community.digest()


def test_edit_after_seeing_theirs_is_not_a_conflict(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(prison, notes="one")
    community.take(prison.export(community))
    edit_man(community, man, notes="two")
    prison.take(community.export(prison))
    edit_man(prison, man, notes="three")  # made knowing "two"
    community.take(prison.export(community, since_ack=True))
    assert man_field(community, man, "notes") == "three"
    assert sync.list_conflicts(community.vault) == sync.list_conflicts(prison.vault) == []


def test_import_observes_clock_and_audits_counts_only(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    prison.clock.advance(6 * 3600)  # the prison laptop's clock runs six hours fast
    add_man(prison, given_name="Secretname")
    summary = community.take(prison.export(community))
    assert summary.committed
    with community.vault.read() as session:
        action, detail = session.execute(
            select(AuditEvent.action, AuditEvent.detail).order_by(AuditEvent.seq.desc()).limit(1)
        ).one()
    assert action == "bundle_imported"
    assert "Secretname" not in detail and "1 new" in detail
    assert community.vault.hlc.last >= Stamp(int(prison.clock.now().timestamp() * 1000) - 60_000, 0)


def test_a_bundle_from_a_clock_days_fast_is_refused(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    prison.clock.advance(3 * 86400)  # the prison laptop's clock runs three days fast
    add_man(prison, given_name="Secretname")
    before = community.digest()
    with pytest.raises(BundleRefused, match="more than a day ahead"):
        community.take(prison.export(community))
    assert community.digest() == before


def test_search_index_holds_imported_men(pair: tuple[Laptop, Laptop]) -> None:
    from engager_desktop.services.common import SEARCH_INDEX

    prison, community = pair
    man = add_man(prison, family_name="Zephaniah")
    community.take(prison.export(community))
    with community.vault.read() as session:
        rows = session.execute(select(SEARCH_INDEX.c.participant_id, SEARCH_INDEX.c.body)).all()
    assert [(r.participant_id, "Zephaniah" in r.body) for r in rows] == [(man, True)]
