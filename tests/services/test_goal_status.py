"""A goal's change of status keeps why and when (P8, P13); open again clears both."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import action_plan as plan
from engager_desktop.store.orm import AuditEvent, Goal
from engager_desktop.store.vault import Vault
from tests.services.test_action_plan import TODAY, add_man, goal_input

pytest_plugins = ["tests.vault_fixtures"]


@pytest.fixture
def man(vault: Vault) -> str:
    return add_man(vault)


def _stored(vault: Vault, goal_id: str) -> tuple[object, ...]:
    with vault.read() as session:
        row = session.get(Goal, goal_id)
        assert row is not None
        return row.status, row.status_reason, row.status_changed_on


def test_achieved_keeps_why_and_today_by_default(vault: Vault, man: str) -> None:
    goal = plan.add_goal(vault, man, goal_input())
    plan.set_goal_status(vault, goal, "achieved", "  He moved into the flat on Monday. ")
    assert _stored(vault, goal) == ("achieved", "He moved into the flat on Monday.", TODAY)
    view = plan.plan_for(vault, man).goals[0]
    assert (view.status_reason, view.status_changed_on) == (
        "He moved into the flat on Monday.",
        TODAY,
    )


def test_a_past_day_is_kept_and_open_again_clears_both(
    vault: Vault, clock: object, man: str
) -> None:
    goal = plan.add_goal(vault, man, goal_input())
    clock.advance(10 * 86400)  # type: ignore[attr-defined]
    day = TODAY + timedelta(days=4)
    plan.set_goal_status(vault, goal, "dropped", "Other things came first", day)
    assert _stored(vault, goal) == ("dropped", "Other things came first", day)
    plan.set_goal_status(vault, goal, "open", "ignored", day)
    assert _stored(vault, goal) == ("open", None, None)


def test_a_day_to_come_or_before_the_goal_is_refused(vault: Vault, clock: object, man: str) -> None:
    goal = plan.add_goal(vault, man, goal_input())
    with pytest.raises(ValidationError, match="still to come"):
        plan.set_goal_status(vault, goal, "changed", None, TODAY + timedelta(days=1))
    with pytest.raises(ValidationError, match="before the goal was set"):
        plan.set_goal_status(vault, goal, "changed", None, TODAY - timedelta(days=1))
    with pytest.raises(ValidationError, match="too long"):
        plan.set_goal_status(vault, goal, "changed", "x" * 2001)
    assert _stored(vault, goal) == ("open", None, None)


def test_the_change_is_audited(vault: Vault, man: str) -> None:
    goal = plan.add_goal(vault, man, goal_input())
    with vault.read() as session:
        before = session.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1))
    plan.set_goal_status(vault, goal, "achieved", "Done")
    with vault.read() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.kind, AuditEvent.record_id).where(
                AuditEvent.seq > (before or 0)
            )
        ).all()
    assert ("update", "goals", goal) in [tuple(r) for r in rows]
