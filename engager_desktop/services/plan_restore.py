"""A goal or step removed from his plan brought back (the redo of adding one in place, after
its undo removed it). Removing is ``action_plan.remove_goal`` / ``remove_step``."""

from __future__ import annotations

from engager_desktop.services.action_plan import live_goal_of
from engager_desktop.services.common import NotFound, get_live, refresh_search
from engager_desktop.store.orm import Goal, Participant, Step
from engager_desktop.store.vault import Vault


def restore_goal(vault: Vault, goal_id: str) -> None:
    """Bring back a removed goal (its steps removed with it stay removed)."""
    with vault.write() as session:
        row = session.get(Goal, goal_id)
        if row is None:
            raise NotFound("goal")
        get_live(session, Participant, row.participant_id, "man")
        row.deleted = False
        session.flush()
        refresh_search(session, row.participant_id)


def restore_step(vault: Vault, step_id: str) -> None:
    """Bring back a removed step of a goal still in his plan."""
    with vault.write() as session:
        row = session.get(Step, step_id)
        if row is None:
            raise NotFound("step")
        live_goal_of(session, row.goal_id)
        row.deleted = False
