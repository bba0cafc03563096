"""Undo and redo of plan changes made in place: a removed goal or step brought back as the same
record, and a step's outcome put back exactly; each audited, a removed man's records refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from engager_desktop.services import action_plan as plan
from engager_desktop.services.common import NotFound
from engager_desktop.services.participants import ParticipantForm, create_participant
from engager_desktop.services.plan_restore import restore_goal, restore_step
from engager_desktop.services.step_outcome import StepOutcome, restore_outcome
from engager_desktop.store.orm import AuditEvent, Goal
from engager_desktop.store.vault import Vault

TODAY = date(2026, 11, 2)  # the fixture clock's day


@pytest.fixture
def goal(vault: Vault) -> str:
    man = create_participant(vault, ParticipantForm("Tomasz", "Nowak", "Tomasz")).id
    return plan.add_goal(vault, man, plan.GoalInput("A flat", "short_term_recovery", "housing"))


def _step(vault: Vault, goal: str) -> str:
    return plan.add_step(vault, goal, plan.StepInput("Ring the council", "him", "Tomasz"))


def _actions(vault: Vault, record_id: str) -> list[str]:
    with vault.read() as session:
        return list(
            session.scalars(select(AuditEvent.action).where(AuditEvent.record_id == record_id))
        )


def test_a_removed_goal_and_step_come_back_as_the_same_records(vault: Vault, goal: str) -> None:
    step = _step(vault, goal)
    plan.remove_step(vault, step)
    restore_step(vault, step)
    goals = plan.plan_for(vault, _man_of(vault, goal)).goals
    assert [s.id for s in goals[0].steps] == [step]
    plan.remove_goal(vault, goal)
    restore_goal(vault, goal)
    assert [g.id for g in plan.plan_for(vault, _man_of(vault, goal)).goals] == [goal]
    assert _actions(vault, step).count("update") >= 1
    with pytest.raises(NotFound):
        restore_step(vault, "no-such-step")


def test_an_outcome_is_put_back_exactly(vault: Vault, goal: str) -> None:
    step = _step(vault, goal)
    plan.set_step_status(vault, step, "not_done", "The office was shut")
    restore_outcome(vault, step, StepOutcome("open", None, None))
    (view,) = plan.plan_for(vault, _man_of(vault, goal)).goals[0].steps
    assert (view.status, view.what_happened, view.closed_on) == ("open", None, None)
    restore_outcome(vault, step, StepOutcome("done", "Rang them", TODAY))
    (view,) = plan.plan_for(vault, _man_of(vault, goal)).goals[0].steps
    assert (view.status, view.what_happened, view.closed_on) == ("done", "Rang them", TODAY)


def _man_of(vault: Vault, goal: str) -> str:
    with vault.read() as session:
        row = session.get(Goal, goal)
        assert row is not None
        return row.participant_id
