"""Men on the caseload: create, edit, remove, and the checked phase moves, on real vaults."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from engager_desktop.domain.clock import FakeClock
from engager_desktop.domain.enums import ClosureReason, Phase
from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import caseload, common, participants
from engager_desktop.services.common import NotFound, RuleBroken
from engager_desktop.services.participants import ParticipantForm
from engager_desktop.store.orm import (
    AuditEvent,
    EndingPlan,
    Goal,
    Participant,
    PhaseChange,
    ReleasePlan,
)
from engager_desktop.store.vault import Vault
from tests.deletion_helpers import delete_participant

TODAY = date(2026, 11, 2)  # the fake clock's date in tests.vault_fixtures
FORM = ParticipantForm(
    given_name="Dafydd",
    family_name="Glan-Dŵr",
    preferred_name="Mr Glan-Dŵr",
    prison_number="a1234bc",
    date_of_birth=date(1990, 5, 1),
    establishment="HMP Northgate",
    expected_release=TODAY + timedelta(days=60),
    planned_sessions=20,
    gender="Man",
)


def audit_rows(vault: Vault) -> list[tuple[str, str | None, str | None]]:
    with vault.read() as session:
        return [
            (a, k, r)
            for a, k, r in session.execute(
                select(AuditEvent.action, AuditEvent.kind, AuditEvent.record_id).order_by(
                    AuditEvent.seq
                )
            )
        ]


def add_plan(vault: Vault, man_id: str, model: type, **fields: object) -> None:
    with vault.write() as session:
        session.add(model(participant_id=man_id, **fields))


def test_create_cleans_input_starts_in_engagement_and_is_audited(vault: Vault) -> None:
    man = participants.create_participant(vault, replace(FORM, given_name="  Dafydd  "))
    assert man.phase == Phase.ENGAGEMENT
    assert man.given_name == "Dafydd"
    assert man.prison_number == "A1234BC"
    assert ("create", "participants", man.id) in audit_rows(vault)
    assert participants.get_participant(vault, man.id) == man


def test_create_indexes_him_for_search(vault: Vault) -> None:
    man = participants.create_participant(vault, FORM)
    with vault.read() as session:
        body = session.scalar(
            select(common.SEARCH_INDEX.c.body).where(common.SEARCH_INDEX.c.participant_id == man.id)
        )
    assert body is not None and "A1234BC" in body and "Glan-Dŵr" in body


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"given_name": "   "}, "given_name"),
        ({"preferred_name": ""}, "preferred_name"),
        ({"family_name": "x" * 101}, "family_name"),
        ({"notes": "x" * 20_001}, "notes"),
        ({"risk_notes": "bad\x00byte"}, "risk_notes"),
        ({"expected_release": TODAY - timedelta(days=1)}, "expected_release"),
        ({"expected_release": TODAY + timedelta(days=11 * 366)}, "expected_release"),
        ({"date_of_birth": TODAY + timedelta(days=3)}, "date_of_birth"),
        ({"date_of_birth": date(1900, 1, 1)}, "date_of_birth"),
        ({"planned_sessions": 0}, "planned_sessions"),
        ({"planned_sessions": 101}, "planned_sessions"),
        ({"planned_end": TODAY + timedelta(days=6 * 366)}, "planned_end"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    vault: Vault, change: dict[str, object], field: str
) -> None:
    before = len(audit_rows(vault))
    with pytest.raises(ValidationError) as caught:
        participants.create_participant(vault, replace(FORM, **change))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert "x" * 50 not in str(caught.value)  # the message never repeats the input
    with vault.read() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 0
    assert len(audit_rows(vault)) == before


def test_release_date_in_the_past_refused_for_a_man_in_prison(vault: Vault) -> None:
    man = participants.create_participant(vault, FORM)
    past = replace(FORM, expected_release=TODAY - timedelta(days=10))
    with pytest.raises(ValidationError, match="in the past"):
        participants.update_participant(vault, man.id, past)
    assert participants.get_participant(vault, man.id).expected_release == FORM.expected_release


def test_an_unchanged_release_date_does_not_block_other_edits(vault: Vault, clock: FakeClock):
    man = participants.create_participant(vault, replace(FORM, expected_release=TODAY))
    clock.advance(3 * 86400)  # his date has passed, but nobody moved him on yet
    edited = participants.update_participant(
        vault, man.id, replace(FORM, expected_release=TODAY, notes="Prefers mornings")
    )
    assert edited.notes == "Prefers mornings"


def test_duplicate_prison_number_refused(vault: Vault) -> None:
    participants.create_participant(vault, FORM)
    with pytest.raises(ValidationError, match="prison number"):
        participants.create_participant(vault, replace(FORM, prison_number="A1234 BC"))


def test_update_writes_only_changed_fields_and_audits_them(vault: Vault) -> None:
    man = participants.create_participant(vault, FORM)
    participants.update_participant(vault, man.id, replace(FORM, isolated=True))
    with vault.read() as session:
        detail = session.scalar(
            select(AuditEvent.detail)
            .where(AuditEvent.action == "update")
            .order_by(AuditEvent.seq.desc())
        )
    assert detail == "isolated"


def test_unknown_ids_are_not_found(vault: Vault) -> None:
    with pytest.raises(NotFound):
        participants.get_participant(vault, "no-such-id")
    with pytest.raises(NotFound):
        participants.update_participant(vault, "no-such-id", FORM)
    with pytest.raises(NotFound):
        participants.move_phase(vault, "no-such-id", Phase.IN_PRISON, "settled in")


def test_phase_moves_are_recorded_with_date_and_reason(vault: Vault) -> None:
    man = participants.create_participant(vault, FORM)
    moved = participants.move_phase(
        vault, man.id, "in_prison", "  agreed to work together ", on=TODAY - timedelta(days=2)
    )
    assert moved.phase == Phase.IN_PRISON
    history = caseload.load_man(vault, man.id).phase_changes
    assert [(h.from_phase, h.to_phase, h.changed_on, h.reason) for h in history] == [
        ("engagement", "in_prison", TODAY - timedelta(days=2), "agreed to work together")
    ]
    actions = audit_rows(vault)
    assert ("update", "participants", man.id) in actions
    assert any(a == "create" and k == "phase_changes" for a, k, _ in actions)


@pytest.mark.parametrize(
    ("reason", "kwargs", "error"),
    [
        ("", {}, ValidationError),
        ("x" * 2001, {}, ValidationError),
        ("ok", {"on": TODAY + timedelta(days=1)}, ValidationError),
    ],
)
def test_bad_moves_refused(vault: Vault, reason: str, kwargs: dict[str, object], error: type):
    man = participants.create_participant(vault, FORM)
    with pytest.raises(error):
        participants.move_phase(vault, man.id, Phase.IN_PRISON, reason, **kwargs)  # type: ignore[arg-type]
    assert participants.get_participant(vault, man.id).phase == Phase.ENGAGEMENT


def test_unknown_phase_and_same_phase_refused(vault: Vault) -> None:
    man = participants.create_participant(vault, FORM)
    with pytest.raises(ValidationError):
        participants.move_phase(vault, man.id, "on_holiday", "why not")
    with pytest.raises(RuleBroken, match="already"):
        participants.move_phase(vault, man.id, Phase.ENGAGEMENT, "again")


def test_move_dated_before_his_last_move_refused(vault: Vault) -> None:
    man = participants.create_participant(vault, FORM)
    participants.move_phase(vault, man.id, Phase.IN_PRISON, "started", on=TODAY)
    add_plan(vault, man.id, ReleasePlan, release_date=TODAY + timedelta(days=5))
    with pytest.raises(ValidationError, match="before his last"):
        participants.move_phase(
            vault, man.id, Phase.THROUGH_THE_GATE, "gate", on=TODAY - timedelta(days=1)
        )


def test_through_the_gate_needs_a_release_plan_with_a_date(vault: Vault) -> None:
    man = participants.create_participant(vault, FORM)
    with pytest.raises(RuleBroken, match="release plan"):
        participants.move_phase(vault, man.id, Phase.THROUGH_THE_GATE, "nearly out")
    add_plan(vault, man.id, ReleasePlan, release_date=None)
    with pytest.raises(RuleBroken, match="release date"):
        participants.move_phase(vault, man.id, Phase.THROUGH_THE_GATE, "nearly out")
    with vault.read() as session:
        assert session.scalar(select(func.count()).select_from(PhaseChange)) == 0
    add_plan(vault, man.id, ReleasePlan, release_date=TODAY + timedelta(days=7))
    moved = participants.move_phase(vault, man.id, Phase.THROUGH_THE_GATE, "nearly out")
    assert moved.phase == Phase.THROUGH_THE_GATE


def test_into_the_community_sets_a_future_release_date_to_the_move(vault: Vault) -> None:
    man = participants.create_participant(vault, FORM)
    moved = participants.move_phase(vault, man.id, Phase.IN_COMMUNITY, "released early")
    assert moved.expected_release == TODAY


def test_ending_needs_an_ending_plan(vault: Vault) -> None:
    man = participants.create_participant(vault, FORM)
    with pytest.raises(RuleBroken, match="ending plan"):
        participants.move_phase(vault, man.id, Phase.ENDING, "time to wind down")
    add_plan(vault, man.id, EndingPlan, tapering="fortnightly")
    assert participants.move_phase(vault, man.id, Phase.ENDING, "wind down").phase == "ending"


def test_closing_needs_a_sign_off_or_a_reason(vault: Vault) -> None:
    man = participants.create_participant(vault, FORM)
    with pytest.raises(RuleBroken, match="sign-off"):
        participants.move_phase(vault, man.id, Phase.CLOSED, "done")
    with pytest.raises(RuleBroken, match="no sign-off"):
        participants.move_phase(
            vault, man.id, Phase.CLOSED, "done", closure=ClosureReason.SIGNED_OFF
        )
    with pytest.raises(ValidationError):
        participants.move_phase(vault, man.id, Phase.CLOSED, "done", closure="bored")
    closed = participants.move_phase(
        vault, man.id, Phase.CLOSED, "no reply to calls or letters", closure="lost_contact"
    )
    assert (closed.phase, closed.closure_reason) == ("closed", "lost_contact")
    reopened = participants.move_phase(vault, man.id, Phase.IN_COMMUNITY, "got back in touch")
    assert reopened.closure_reason is None


def test_closing_after_sign_off(vault: Vault) -> None:
    man = participants.create_participant(vault, FORM)
    add_plan(vault, man.id, EndingPlan, signed_off_on=TODAY, signed_off_in_person=True)
    closed = participants.move_phase(vault, man.id, Phase.CLOSED, "signed off in person")
    assert closed.closure_reason == ClosureReason.SIGNED_OFF


def test_a_failure_mid_way_leaves_nothing(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    before = len(audit_rows(vault))

    def broken(session: object, participant_id: str) -> None:
        raise RuntimeError("disk went away")

    monkeypatch.setattr(participants, "refresh_search", broken)
    with pytest.raises(RuntimeError):
        participants.create_participant(vault, FORM)
    with vault.read() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 0
    assert len(audit_rows(vault)) == before


def test_delete_tombstones_him_and_his_records(vault: Vault) -> None:
    man = participants.create_participant(vault, FORM)
    with vault.write() as session:
        session.add(
            Goal(
                participant_id=man.id,
                title="Somewhere to live",
                horizon="short_term_recovery",
                domain="housing",
                set_on=TODAY,
            )
        )
    assert delete_participant(vault, man.id) == 2
    with pytest.raises(NotFound):
        participants.get_participant(vault, man.id)
    with vault.read() as session:
        assert session.scalars(select(Goal.deleted)).all() == [True]
        assert session.scalar(select(func.count()).select_from(common.SEARCH_INDEX)) == 0
    assert ("delete", "goals") in {(a, k) for a, k, _ in audit_rows(vault)}
