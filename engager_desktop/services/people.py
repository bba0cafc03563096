"""The people around him (P5, P18, P19, P22): family, friends, peer mentors, Listeners.

Whether a person helps or harms is recorded, never assumed (``helpful`` stays None until known);
contact restrictions are kept with the person and are sensitive; only one person at a time is
marked as meeting him at the gate.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import SupportRole
from engager_desktop.services.common import get_live
from engager_desktop.services.records import apply_form, check_choice, not_deleted, to_view
from engager_desktop.store.orm import Participant, SupportPerson
from engager_desktop.store.vault import Vault


@dataclass(frozen=True)
class PersonForm:
    name: str
    role: str = SupportRole.FAMILY.value
    relationship: str | None = None
    helpful: bool | None = None
    contact_restrictions: str | None = None
    phone: str | None = None
    consent_to_involve: bool = False
    meets_at_gate: bool = False
    notes: str | None = None


@dataclass(frozen=True)
class PersonView(PersonForm):
    id: str = ""
    participant_id: str = ""


def _fill(person: SupportPerson, form: PersonForm) -> None:
    check_choice(form.role, SupportRole, "role")
    apply_form(person, form, required=("name",))


def add_person(vault: Vault, man_id: str, form: PersonForm) -> str:
    with vault.write() as session:
        get_live(session, Participant, man_id, "man")
        person = SupportPerson(participant_id=man_id)
        _fill(person, form)
        session.add(person)
        session.flush()
        if person.meets_at_gate:
            _clear_other_gate_meeters(session, man_id, person.id)
        return person.id


def edit_person(vault: Vault, person_id: str, form: PersonForm) -> None:
    with vault.write() as session:
        person = get_live(session, SupportPerson, person_id, "person")
        _fill(person, form)
        if person.meets_at_gate:
            _clear_other_gate_meeters(session, person.participant_id, person.id)


def _clear_other_gate_meeters(session: Session, man_id: str, keep: str) -> None:
    """Only one person meets him at the gate: loading them keeps the flush hook's audit."""
    others = session.scalars(
        select(SupportPerson).where(
            SupportPerson.participant_id == man_id,
            SupportPerson.id != keep,
            SupportPerson.meets_at_gate.is_(True),
            not_deleted(SupportPerson.deleted),
        )
    )
    for other in others:
        other.meets_at_gate = False


def remove_person(vault: Vault, person_id: str) -> None:
    with vault.write() as session:
        get_live(session, SupportPerson, person_id, "person").deleted = True


def people_for(vault: Vault, man_id: str) -> list[PersonView]:
    with vault.read() as session:
        get_live(session, Participant, man_id, "man")
        rows = session.scalars(
            select(SupportPerson)
            .where(SupportPerson.participant_id == man_id, not_deleted(SupportPerson.deleted))
            .order_by(SupportPerson.name)
        ).all()
        return [to_view(PersonView, row) for row in rows]
