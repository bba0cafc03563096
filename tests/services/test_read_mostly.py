"""A supervisor's laptop refuses every edit of a man another laptop holds (one clear UserError, the
vault unchanged), still writes supervision notes, and still takes in what other laptops send."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from sqlalchemy import update

from engager_desktop.domain.errors import UserError, describe
from engager_desktop.services import erasure, meetings, people, supervision, sync, team
from engager_desktop.services.participants import (
    ParticipantForm,
    create_participant,
    move_phase,
    update_participant,
)
from engager_desktop.store.orm import Participant
from engager_desktop.store.read_mostly import HeldElsewhere
from engager_desktop.store.vault import Vault
from engager_desktop.sync import canonical
from tests.sync.conftest import Laptop, add_man, edit_man, man_field

OTHER = "6b0f5f3e-0000-4000-8000-000000000001"  # another practitioner's laptop


def _man(vault: Vault, name: str, held_by: str | None) -> str:
    man = create_participant(
        vault, ParticipantForm(given_name=name, family_name="Rees", preferred_name=name)
    ).id
    with vault.write() as session:
        session.execute(update(Participant).where(Participant.id == man).values(held_by=held_by))
    return man


def _digest(vault: Vault) -> str:
    with vault.read() as session:
        return canonical.content_digest(session.connection())


def _edits(vault: Vault, man: str, person: str) -> list[Callable[[], object]]:
    form = ParticipantForm(given_name="Changed", family_name="Rees", preferred_name="Changed")
    slot = meetings.AppointmentInput(with_whom="GP", starts_at=datetime(2026, 12, 1, 10, 0))
    return [
        lambda: update_participant(vault, man, form),
        lambda: move_phase(vault, man, "in_prison", "plan agreed"),
        lambda: people.add_person(vault, man, people.PersonForm(name="Sian")),
        lambda: people.edit_person(vault, person, people.PersonForm(name="Sian Rees")),
        lambda: people.remove_person(vault, person),
        lambda: meetings.add_appointment(vault, man, slot),
    ]


def test_a_supervisor_cannot_edit_a_man_held_elsewhere(vault: Vault) -> None:
    theirs = _man(vault, "Dai", OTHER)
    mine = _man(vault, "Owain", vault.device_id)
    unknown = _man(vault, "Huw", None)  # holder not recorded: not marked, not refused
    person = people.add_person(vault, theirs, people.PersonForm(name="Sian"))
    team.save_team_settings(vault, "Ceri Jones", team.SUPERVISOR)
    before = _digest(vault)
    for edit in _edits(vault, theirs, person):
        with pytest.raises(HeldElsewhere) as refused:
            edit()
        assert isinstance(refused.value, UserError)
        assert "read-only" in describe(refused.value) and "\n" not in describe(refused.value)
    assert _digest(vault) == before  # nothing at all was written
    for man in (mine, unknown):
        people.add_person(vault, man, people.PersonForm(name="Ann"))
    note = supervision.add_note(
        vault, supervision.NoteInput(kind="team", held_on=date(2026, 10, 1), cases_discussed="Dai")
    )
    assert [n.id for n in supervision.notes(vault)] == [note]


def test_a_practitioner_still_edits_a_man_held_elsewhere(vault: Vault) -> None:
    theirs = _man(vault, "Dai", OTHER)
    person = people.add_person(vault, theirs, people.PersonForm(name="Sian"))
    for edit in _edits(vault, theirs, person):
        edit()  # edits merge, field by field, as for any shared man


def test_erasure_still_reaches_a_man_held_elsewhere(vault: Vault) -> None:
    theirs = _man(vault, "Dai", OTHER)
    team.save_team_settings(vault, "Ceri Jones", team.SUPERVISOR)
    assert erasure.erase_man(vault, theirs).records_erased >= 1


def test_the_supervisors_laptop_takes_in_the_holders_edits_and_handovers(
    make_laptop: Callable[[str], Laptop],
) -> None:
    holder, supervisor = make_laptop("holder"), make_laptop("supervisor")
    holder.enrol(supervisor)
    supervisor.enrol(holder)
    man = add_man(holder, held_by=holder.device_id, notes="first")
    team.save_team_settings(supervisor.vault, "Ceri Jones", team.SUPERVISOR)
    supervisor.take(holder.export(supervisor))
    edit_man(holder, man, notes="later")
    supervisor.take(holder.export(supervisor, since_ack=True))
    assert man_field(supervisor, man, "notes") == "later"
    with pytest.raises(HeldElsewhere):
        edit_man(supervisor, man, notes="the supervisor's")
    from engager_desktop.services import handover

    supervisor.take(handover.hand_over(holder.vault, (man,), supervisor.device_id, holder.stick)
                    .bundle.path)  # fmt: skip
    assert man_field(supervisor, man, "held_by") == supervisor.device_id
    edit_man(supervisor, man, notes="now hers to edit")
    assert sync.list_conflicts(supervisor.vault) == []
