"""The hub as a member of a handover (issue #18): ``assign`` makes the laptops' own handover, the
hub's exports carry it and its acknowledgement, and the old laptop removes the man exactly as it
does after a laptop-to-laptop handover; a handover made on a laptop reaches the receiver through
the hub; the hub's exports carry the team's supervision notes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select

from engager_desktop.services import handover, supervision
from engager_desktop.store.orm import AuditEvent, Handover, Participant
from engager_desktop.sync import canonical
from engager_hub import ops
from tests.hub.conftest import HubSide
from tests.sync.conftest import Laptop, add_man, edit_man, man_field
from tests.sync.test_handover import _his_rows, _rows_naming, _with_demo_men

STAMPS = {"updated_at", "updated_by", "rev"}


def _actions(laptop: Laptop, action: str) -> list[AuditEvent]:
    with laptop.vault.read() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _team(
    make_laptop: Callable[[str], Laptop], make_hub: Callable[[], HubSide]
) -> tuple[HubSide, Laptop, Laptop]:
    hub = make_hub()
    prison, community = make_laptop("prison"), make_laptop("community")
    hub.enrol(prison)
    hub.enrol(community)
    return hub, prison, community


def _pass(hub: HubSide, bundle_maker: Laptop) -> None:
    """The laptop's bundle for the hub, imported there."""
    hub.clock.advance(600)
    assert hub.take(bundle_maker.export(hub)).committed
    bundle_maker.tick(600)


def _bundle_men(hub: HubSide, laptop: Laptop) -> set[str]:
    return set(ops.men_of(hub.hub, laptop.device_id))


def test_assign_at_the_hub_is_a_handover_the_old_laptop_completes(
    make_laptop: Callable[[str], Laptop], make_hub: Callable[[], HubSide]
) -> None:
    hub, prison, community = _team(make_laptop, make_hub)
    man, staying, *_ = _with_demo_men(prison)
    before = _his_rows(prison, man)
    staying_before = _his_rows(prison, staying)
    assert sum(map(len, before.values())) > 30  # his whole record: every kind of record
    _pass(hub, prison)

    assigned = ops.assign(hub.hub, man, community.device_id)
    assert assigned.changed
    with hub.hub.read() as session:
        made = session.scalars(
            select(Handover).where(
                Handover.participant_id == man, Handover.to_device == community.device_id
            )
        ).one()
        assert (made.from_device, made.to_device) == (prison.device_id, community.device_id)
        assert made.acknowledged_at is None

    hub.clock.advance(600)
    community.take(hub.export_for(community))
    received = _his_rows(community, man)
    for table, rows in before.items():
        if table in {"participants", "handovers"}:
            continue
        assert received[table] == rows, table  # every record equal, field for field
    his = received["participants"][0]
    assert his["held_by"] == community.device_id
    assert {k: v for k, v in his.items() if k not in STAMPS | {"held_by"}} == {
        k: v for k, v in before["participants"][0].items() if k not in STAMPS | {"held_by"}
    }
    assert [h["acknowledged_at"] is not None for h in received["handovers"] if h["to_device"]
            == community.device_id] == [True]  # fmt: skip
    assert len(_actions(community, "handover_received")) == 1

    # Before the acknowledgement reaches the hub, the old laptop only learns who holds him.
    hub.clock.advance(600)
    prison.take(hub.export_for(prison))
    assert man_field(prison, man, "held_by") == community.device_id
    assert _his_rows(prison, man)["goals"] == before["goals"]

    _pass(hub, community)  # the acknowledgement, to the hub
    hub.clock.advance(600)
    prison.take(hub.export_for(prison))
    assert _rows_naming(prison, man) == {}  # every table of the old laptop
    assert all(not rows for rows in _his_rows(prison, man).values())
    assert len(_actions(prison, "handover_completed")) == 1
    assert _his_rows(prison, staying) == staying_before  # the others as they were
    assert man in _bundle_men(hub, prison)  # the hub does not know yet that he is gone there

    # Once the old laptop acknowledges that bundle, the hub stops sending him to it.
    _pass(hub, prison)
    stale = hub.export_for(prison)
    assert man not in _bundle_men(hub, prison) and staying in _bundle_men(hub, prison)
    prison.take(stale)
    edit_man(community, man, notes="seen in the community")
    _pass(hub, community)
    hub.clock.advance(600)
    prison.take(hub.export_for(prison))
    assert _rows_naming(prison, man) == {}
    assert man not in _bundle_men(hub, prison)
    community.take(hub.export_for(community))
    assert man_field(community, man, "notes") == "seen in the community"


def test_a_stale_hub_bundle_does_not_bring_him_back(
    make_laptop: Callable[[str], Laptop], make_hub: Callable[[], HubSide]
) -> None:
    hub, prison, community = _team(make_laptop, make_hub)
    man = add_man(prison, held_by=prison.device_id, notes="first notes")
    _pass(hub, prison)
    hub.clock.advance(600)
    old_bundle = hub.export_for(prison)  # made before the handover
    ops.assign(hub.hub, man, community.device_id)
    hub.clock.advance(600)
    community.take(hub.export_for(community))
    _pass(hub, community)
    hub.clock.advance(600)
    prison.take(hub.export_for(prison))
    assert _rows_naming(prison, man) == {}
    prison.take(old_bundle)  # an older bundle of the hub's, carried late
    assert _rows_naming(prison, man) == {}


def test_a_laptop_handover_passes_through_the_hub(
    make_laptop: Callable[[str], Laptop], make_hub: Callable[[], HubSide]
) -> None:
    hub, prison, community = _team(make_laptop, make_hub)
    man, staying, *_ = _with_demo_men(prison)
    before = _his_rows(prison, man)
    _pass(hub, prison)
    assert man not in _bundle_men(hub, community)
    prison.enrol(community)  # a handover goes to a laptop enrolled on the one making it
    community.enrol(prison)

    handover.hand_over(prison.vault, (man,), community.device_id, prison.stick)  # not delivered
    prison.tick()
    _pass(hub, prison)  # the handover reaches the hub in the prison laptop's bundle
    assert man in _bundle_men(hub, community) and staying not in _bundle_men(hub, community)
    hub.clock.advance(600)
    community.take(hub.export_for(community))
    received = _his_rows(community, man)
    for table, rows in before.items():
        if table not in {"participants", "handovers"}:
            assert received[table] == rows, table
    assert man_field(community, man, "held_by") == community.device_id
    assert [h["acknowledged_at"] is not None for h in received["handovers"] if h["to_device"]
            == community.device_id] == [True]  # fmt: skip

    _pass(hub, community)
    hub.clock.advance(600)
    prison.take(hub.export_for(prison))
    assert _rows_naming(prison, man) == {}
    assert len(_actions(prison, "handover_completed")) == 1
    assert _his_rows(prison, staying)["participants"]


def test_hub_exports_carry_the_teams_supervision_notes(
    make_laptop: Callable[[str], Laptop], make_hub: Callable[[], HubSide]
) -> None:
    hub, prison, community = _team(make_laptop, make_hub)
    add_man(prison, held_by=prison.device_id)
    add_man(community, held_by=community.device_id, given_name="Owain")
    note = supervision.add_note(
        prison.vault,
        supervision.NoteInput(
            kind="team", held_on=date(2026, 10, 1), reflections="Caseloads are heavy this month"
        ),
    )
    prison.tick()
    _pass(hub, prison)
    _pass(hub, community)
    hub.clock.advance(600)
    community.take(hub.export_for(community))
    notes = supervision.notes(community.vault)
    assert [(n.id, n.reflections) for n in notes] == [(note, "Caseloads are heavy this month")]

    supervision.edit_note(
        community.vault,
        note,
        supervision.NoteInput(
            kind="team", held_on=date(2026, 10, 1), reflections="Heavy; more cover agreed"
        ),
    )
    community.tick()
    _pass(hub, community)
    hub.clock.advance(600)
    prison.take(hub.export_for(prison))
    assert [n.reflections for n in supervision.notes(prison.vault)] == ["Heavy; more cover agreed"]
    with prison.vault.read() as session:  # only his own man came back, not the other's
        ids = [r["id"] for r in canonical.read_wire(
            session.connection(), canonical.table_specs()["participants"], "", ()
        )]  # fmt: skip
    assert len(ids) == 1


def test_a_supervisors_laptop_gets_the_whole_team_read_only(
    make_laptop: Callable[[str], Laptop], make_hub: Callable[[], HubSide]
) -> None:
    from engager_desktop.services import team
    from engager_desktop.store.read_mostly import HeldElsewhere

    hub, prison, community = _team(make_laptop, make_hub)
    supervisor = make_laptop("supervisor")
    team.save_team_settings(supervisor.vault, "Sam Okafor", team.SUPERVISOR)
    hub.enrol(supervisor)  # her card says she supervises
    held_in_prison = add_man(prison, held_by=prison.device_id)
    held_outside = add_man(community, held_by=community.device_id, given_name="Owain")
    add_man(supervisor, held_by=supervisor.device_id, given_name="Huw")
    for laptop in (prison, community, supervisor):
        _pass(hub, laptop)
    hub.clock.advance(600)
    supervisor.take(hub.export_for(supervisor))
    for man, holder in ((held_in_prison, prison), (held_outside, community)):
        assert man_field(supervisor, man, "held_by") == holder.device_id
        with pytest.raises(HeldElsewhere):
            edit_man(supervisor, man, notes="the supervisor's")
    hub.clock.advance(600)
    prison.take(hub.export_for(prison))  # a practitioner's laptop still gets only its own men
    with prison.vault.read() as session:
        assert session.get(Participant, held_outside) is None
