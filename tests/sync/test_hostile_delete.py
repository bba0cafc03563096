"""Deletions follow the same order as edits (issue 15, item 2), built from real signed bundles."""

from __future__ import annotations

import json

from sqlalchemy import select

from engager_desktop.domain.hlc import Stamp
from engager_desktop.services import sync
from engager_desktop.store.orm import Goal, Participant, Step
from engager_desktop.sync import verify
from tests.sync import craft
from tests.sync.conftest import Laptop, add_goal_and_step, add_man, edit_man, man_field
from tests.sync.hostile import changed, healthy, line_of, signed_bundle

EMPTY_MAN = {"given_name": "", "family_name": "", "preferred_name": "", "notes": None}


def _stamp(laptop: Laptop, minutes: int, counter: int = 0) -> str:
    return str(Stamp(int(laptop.clock.now().timestamp() * 1000) + minutes * 60_000, counter))


def _tombstone(sender: Laptop, line: bytes, stamp: str) -> bytes:
    return changed(line, deleted=True, updated_at=stamp, updated_by=sender.device_id, **EMPTY_MAN)


def _live_children(laptop: Laptop, man: str) -> int:
    with laptop.vault.read() as session:
        goals = session.scalars(select(Goal.id).where(Goal.participant_id == man, ~Goal.deleted))
        steps = session.scalars(select(Step.id).where(Step.participant_id == man, ~Step.deleted))
        return len(list(goals)) + len(list(steps))


def test_a_1970_tombstone_of_a_man_never_sent_is_held_for_review(
    pair: tuple[Laptop, Laptop],
) -> None:
    """Before: the tombstone beat every version, and he was gone for good."""
    prison, community = pair
    man = add_man(community, given_name="Owain", notes="hers")
    add_goal_and_step(community, man)
    old = _tombstone(prison, line_of(community, "participants", man), "0000000000000-000001")
    summary = community.take(signed_bundle(prison, community, [old]))
    assert summary.committed and summary.records_in_conflict == 1
    assert man_field(community, man, "deleted") is False
    assert man_field(community, man, "given_name") == "Owain"
    assert _live_children(community, man) == 2
    (conflict,) = sync.list_conflicts(community.vault)
    assert conflict.lost == "theirs" and not conflict.deleted_now
    assert healthy(community)


def test_take_theirs_on_a_losing_deletion_deletes_him_with_his_children(
    pair: tuple[Laptop, Laptop],
) -> None:
    prison, community = pair
    man = add_man(community, given_name="Owain", notes="hers")
    add_goal_and_step(community, man)
    old = _tombstone(prison, line_of(community, "participants", man), "0000000000000-000001")
    community.take(signed_bundle(prison, community, [old]))
    (conflict,) = sync.list_conflicts(community.vault)
    assert sync.resolve_conflict(community.vault, conflict.id, sync.TAKE_THEIRS).rewritten
    assert man_field(community, man, "deleted") is True
    assert _live_children(community, man) == 0
    assert healthy(community)


def test_a_newer_deletion_of_a_man_never_sent_is_held_and_keep_mine_restores_him(
    pair: tuple[Laptop, Laptop],
) -> None:
    prison, community = pair
    man = add_man(community, given_name="Owain", notes="hers")
    add_goal_and_step(community, man)
    lines = [_tombstone(prison, line_of(community, "participants", man), _stamp(community, 5))]
    for table, model in (("goals", Goal), ("steps", Step)):
        with community.vault.read() as session:
            (rid,) = session.scalars(select(model.id).where(model.participant_id == man))
        lines.insert(
            0,
            changed(
                line_of(community, table, rid),
                deleted=True,
                updated_at=_stamp(community, 5, 1 + len(lines)),  # one flush, as the app does
                updated_by=prison.device_id,
            ),
        )
    summary = community.take(signed_bundle(prison, community, lines))
    assert summary.committed
    assert man_field(community, man, "deleted") is True
    conflicts = {c.table: c for c in sync.list_conflicts(community.vault)}
    assert conflicts["participants"].lost == "mine" and conflicts["participants"].deleted_now
    community.tick(600)
    result = sync.resolve_conflict(community.vault, conflicts["participants"].id, sync.KEEP_MINE)
    assert result.rewritten
    assert man_field(community, man, "deleted") is False
    assert man_field(community, man, "given_name") == "Owain"
    assert _live_children(community, man) == 2  # restored with all his children
    assert healthy(community)
    prison.take(community.export(prison))  # and the restoration wins on the other laptop
    assert man_field(prison, man, "given_name") == "Owain"
    assert _live_children(prison, man) == 2
    assert prison.digest() == community.digest()


def test_a_later_edit_beats_an_earlier_deletion_and_the_deletion_is_held(
    pair: tuple[Laptop, Laptop],
) -> None:
    prison, community = pair
    man = add_man(prison, notes="start")
    community.take(prison.export(community))
    with prison.vault.write() as session:
        found = session.get(Participant, man)
        assert found is not None
        found.deleted = True
    prison.tick(60)
    community.tick(600)
    edit_man(community, man, notes="newer than the deletion")
    prison.take(community.export(prison, since_ack=True))
    assert man_field(prison, man, "deleted") is False
    assert man_field(prison, man, "notes") == "newer than the deletion"
    (conflict,) = sync.list_conflicts(prison.vault)
    assert conflict.lost == "mine"
    sync.resolve_conflict(prison.vault, conflict.id, sync.KEEP_MINE)  # delete him after all
    assert man_field(prison, man, "deleted") is True
    community.take(prison.export(community, since_ack=True))
    assert man_field(community, man, "deleted") is True
    assert prison.digest() == community.digest()


def test_a_tombstone_carries_no_content(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(prison, given_name="Secretname", notes="Secret note")
    from tests.deletion_helpers import delete_participant

    add_goal_and_step(prison, man)
    delete_participant(prison.vault, man)
    data = prison.export(community).read_bytes()
    keys, signer = craft.keys_and_signer(community.vault)
    records = verify.records(verify.open_bundle(data, keys, signer))
    assert len(records) == 3 and all(r.deleted for r in records)
    for record in records:
        assert b"Secret" not in record.line and b"Call the housing" not in record.line
    man_line = next(json.loads(r.line) for r in records if r.table == "participants")
    assert man_line["r"]["given_name"] == "" and man_line["r"]["notes"] is None
    community.take(prison.export(community))
    assert man_field(community, man, "given_name") == ""
    assert prison.digest() == community.digest()


def test_keeping_an_edit_that_beat_a_deletion_brings_back_his_children(
    pair: tuple[Laptop, Laptop],
) -> None:
    """The man's deletion lost, but his children's tombstones (nobody edited them) won: choosing
    the live man brings them back too, on both laptops."""
    from tests.deletion_helpers import delete_participant

    prison, community = pair
    man = add_man(prison, notes="start")
    add_goal_and_step(prison, man)
    community.take(prison.export(community))
    delete_participant(prison.vault, man)
    prison.tick(60)
    community.tick(600)
    edit_man(community, man, notes="newer than the deletion")
    community.take(prison.export(community, since_ack=True))
    assert man_field(community, man, "deleted") is False
    assert _live_children(community, man) == 0  # the cascade's tombstones won
    (conflict,) = [c for c in sync.list_conflicts(community.vault) if c.table == "participants"]
    assert conflict.lost == "theirs"
    community.tick(60)
    sync.resolve_conflict(community.vault, conflict.id, sync.KEEP_MINE)
    assert _live_children(community, man) == 2
    prison.take(community.export(prison, since_ack=True))
    assert man_field(prison, man, "notes") == "newer than the deletion"
    assert _live_children(prison, man) == 2
    assert prison.digest() == community.digest()


def test_a_tombstone_sent_with_content_is_stored_without_it(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(prison, given_name="Secretname", notes="Secret note")
    line = changed(line_of(prison, "participants", man), deleted=True)  # content left in
    assert b"Secretname" in line
    assert community.take(signed_bundle(prison, community, [line])).committed
    assert man_field(community, man, "given_name") == ""
    assert man_field(community, man, "notes") is None
    assert healthy(community)
