"""Release preparation: the plan, the readiness figure, what is missing first, who meets him."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from engager_desktop.domain.enums import ConsentKind
from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import release
from engager_desktop.services.common import NotFound
from engager_desktop.services.consent import record_consent
from engager_desktop.store.orm import Appointment, AuditEvent, Participant, SupportPerson
from engager_desktop.store.vault import Vault

pytest_plugins = ["tests.vault_fixtures"]

TODAY = date(2026, 11, 2)


def add_man(vault: Vault, **fields: object) -> str:
    with vault.write() as session:
        man = Participant(
            given_name="Dai",
            family_name="Rees",
            preferred_name="Mr Rees",
            phase=fields.pop("phase", "in_prison"),
            **fields,
        )
        session.add(man)
        session.flush()
        return man.id


def add_person(vault: Vault, man: str, role: str, meets_at_gate: bool, name: str) -> str:
    with vault.write() as session:
        row = SupportPerson(participant_id=man, name=name, role=role, meets_at_gate=meets_at_gate)
        session.add(row)
        session.flush()
        return row.id


@pytest.fixture
def man(vault: Vault) -> str:
    return add_man(vault)


def test_new_man_has_everything_missing_accommodation_first(vault: Vault, man: str) -> None:
    ready = release.readiness(vault, man)
    assert ready.days_to_release is None and ready.percent == 0
    assert ready.missing[0].key == "accommodation"
    assert any("No release date" in p for p in ready.prompts)
    assert ready.gate.kind == "practitioner"
    assert release.release_plan(vault, man) is None


def test_saved_plan_gives_readiness_and_sets_expected_release(vault: Vault, man: str) -> None:
    day = TODAY + timedelta(days=10)
    plan_id = release.save_release_plan(
        vault,
        man,
        release.ReleasePlanInput(
            release_date=day,
            accommodation="Hostel on Bridge Street",
            accommodation_confirmed=True,
            medication_arranged=True,
            benefit_claim_prepared=True,
            id_documents=True,
            phone_working=True,
            phone_number="07700 900123",
            other_ways_to_reach="Via his offender manager",
            first_24_hours="  Straight to hostel  ",
        ),
    )
    ready = release.readiness(vault, man)
    assert ready.days_to_release == 10
    assert {i.key for i in ready.items if i.done} == {
        "accommodation",
        "medication",
        "benefits",
        "id_documents",
        "phone",
        "other_ways",
        "first_24_hours",
    }
    # Within 14 days every missing item is urgent; the gate comes before the rest.
    assert ready.missing[0].key == "gate_meeting" and all(i.urgent for i in ready.missing)
    assert ready.percent == 100 * 7 // 13
    with vault.read() as session:
        man_row = session.get(Participant, man)
        assert man_row is not None and man_row.expected_release == day
        audited = session.scalar(select(AuditEvent.action).where(AuditEvent.record_id == plan_id))
    assert audited == "create"
    saved = release.release_plan(vault, man)
    assert saved is not None and saved.first_24_hours == "Straight to hostel"
    # Saving again updates the same plan.
    assert release.save_release_plan(vault, man, saved) == plan_id


def test_peer_marked_for_the_gate_is_who_meets_him(vault: Vault, man: str) -> None:
    assert release.readiness(vault, man).gate.kind == "practitioner"
    add_person(vault, man, "family", True, "His brother")
    assert release.readiness(vault, man).gate.kind == "practitioner"
    person = add_person(vault, man, "peer_mentor", True, "Gareth")
    gate = release.readiness(vault, man).gate
    assert (gate.kind, gate.name, gate.support_person_id, gate.prompt) == (
        "peer",
        "Gareth",
        person,
        None,
    )
    done = {i.key for i in release.readiness(vault, man).items if i.done}
    assert "gate_meeting" in done


def test_practitioner_at_the_gate_counts_but_prompts_for_a_peer(vault: Vault, man: str) -> None:
    release.save_release_plan(
        vault,
        man,
        release.ReleasePlanInput(gate_meeter="practitioner", gate_meeting_place="Main gate"),
    )
    gate = release.readiness(vault, man).gate
    assert gate.kind == "practitioner" and gate.place == "Main gate" and gate.prompt
    ready = release.readiness(vault, man)
    assert "gate_meeting" not in {i.key for i in ready.missing}


def test_first_week_appointments_and_family_refusal_are_read_from_records(
    vault: Vault, man: str
) -> None:
    day = TODAY + timedelta(days=30)
    release.save_release_plan(vault, man, release.ReleasePlanInput(release_date=day))
    with vault.write() as session:
        session.add(
            Appointment(
                participant_id=man,
                with_whom="GP",
                starts_at=datetime.combine(day + timedelta(days=2), datetime.min.time()).replace(
                    hour=10
                ),
            )
        )
    ready = release.readiness(vault, man)
    assert "first_week" in {i.key for i in ready.items if i.done}
    assert next(i for i in ready.items if i.key == "family_meeting").applies
    record_consent(vault, man, ConsentKind.INVOLVE_FAMILY, False)
    ready = release.readiness(vault, man)
    assert not next(i for i in ready.items if i.key == "family_meeting").applies


def test_release_date_in_the_past_for_a_man_in_prison_is_refused(vault: Vault, man: str) -> None:
    with pytest.raises(ValidationError, match="in the past"):
        release.save_release_plan(
            vault, man, release.ReleasePlanInput(release_date=TODAY - timedelta(days=1))
        )
    out = add_man(vault, phase="in_community")
    with pytest.raises(ValidationError, match="in the future"):
        release.save_release_plan(
            vault, out, release.ReleasePlanInput(release_date=TODAY + timedelta(days=1))
        )
    assert release.release_plan(vault, man) is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"accommodation": "x" * 2001}, "too long"),
        ({"phone_number": "0" * 41}, "too long"),
        ({"gate_meeter": "uncle"}, "peer or the practitioner"),
        ({"release_date": TODAY + timedelta(days=11 * 366)}, "ten years"),
    ],
)
def test_bad_plan_is_refused(
    vault: Vault, man: str, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        release.save_release_plan(vault, man, release.ReleasePlanInput(**changes))  # type: ignore[arg-type]
    assert release.release_plan(vault, man) is None


def test_unknown_man(vault: Vault) -> None:
    with pytest.raises(NotFound):
        release.readiness(vault, "0" * 36)
    with pytest.raises(NotFound):
        release.save_release_plan(vault, "0" * 36, release.ReleasePlanInput())
