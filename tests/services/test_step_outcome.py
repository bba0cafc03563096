"""A step's outcome put back exactly (the undo of a change made in place), audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from engager_desktop.services import action_plan as plan
from engager_desktop.services.participants import ParticipantForm, create_participant
from engager_desktop.services.step_outcome import StepOutcome, restore_outcome
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault

TODAY = date(2026, 11, 2)  # the fixture clock's day


@pytest.fixture
def man(vault: Vault) -> str:
    return create_participant(vault, ParticipantForm("Tomasz", "Nowak", "Tomasz")).id


def test_an_outcome_is_put_back_exactly(vault: Vault, man: str) -> None:
    goal = plan.add_goal(vault, man, plan.GoalInput("A flat", "short_term_recovery", "housing"))
    step = plan.add_step(vault, goal, plan.StepInput("Ring the council", "him", "Tomasz"))
    plan.set_step_status(vault, step, "not_done", "The office was shut")
    restore_outcome(vault, step, StepOutcome("open", None, None))
    (view,) = plan.plan_for(vault, man).goals[0].steps
    assert (view.status, view.what_happened, view.closed_on) == ("open", None, None)
    restore_outcome(vault, step, StepOutcome("done", "Rang them", TODAY))
    (view,) = plan.plan_for(vault, man).goals[0].steps
    assert (view.status, view.what_happened, view.closed_on) == ("done", "Rang them", TODAY)
    with vault.read() as session:
        audited = session.scalars(select(AuditEvent.action).where(AuditEvent.record_id == step))
        assert list(audited).count("update") == 3
