"""People around him: recorded, never assumed helpful, one gate meeter, audited, validated."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import people
from engager_desktop.services.common import NotFound
from engager_desktop.services.participants import ParticipantForm, create_participant
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault


def _man(vault: Vault) -> str:
    return create_participant(
        vault, ParticipantForm(given_name="Dai", family_name="Wŷn", preferred_name="Dai")
    ).id


def test_add_edit_remove_and_list(vault: Vault) -> None:
    man = _man(vault)
    sister = people.add_person(
        vault, man, people.PersonForm(name="Sian", relationship="sister", phone="07700 900001")
    )
    [view] = people.people_for(vault, man)
    assert view.helpful is None  # never assumed
    people.edit_person(vault, sister, people.PersonForm(name="Sian", helpful=True))
    assert people.people_for(vault, man)[0].helpful is True
    people.remove_person(vault, sister)
    assert people.people_for(vault, man) == []
    with vault.read() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.record_id == sister)
        ).all()
    assert actions == ["create", "update", "delete"]


def test_only_one_person_meets_him_at_the_gate(vault: Vault) -> None:
    man = _man(vault)
    first = people.add_person(
        vault, man, people.PersonForm(name="Rhys", role="peer_mentor", meets_at_gate=True)
    )
    second = people.add_person(
        vault, man, people.PersonForm(name="Ann", role="family", meets_at_gate=True)
    )
    gate = {p.id: p.meets_at_gate for p in people.people_for(vault, man)}
    assert gate == {first: False, second: True}


def test_bad_input_refused(vault: Vault) -> None:
    man = _man(vault)
    with pytest.raises(ValidationError):
        people.add_person(vault, man, people.PersonForm(name=" "))
    with pytest.raises(ValidationError):
        people.add_person(vault, man, people.PersonForm(name="X", role="cellmate"))
    with pytest.raises(ValidationError):
        people.add_person(vault, man, people.PersonForm(name="X" * 201))
    with pytest.raises(NotFound):
        people.add_person(vault, "no-such-man", people.PersonForm(name="X"))
    assert people.people_for(vault, man) == []
