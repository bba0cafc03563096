"""A step's outcome put back exactly as it was (the undo of a change made in place, P13).

``action_plan.set_step_status`` records an outcome going forward: it never empties what happened
and dates a closing today. Undo needs the earlier status, words and closing date restored as they
were, so it has its own use case here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from engager_desktop.domain.enums import StepStatus
from engager_desktop.domain.validation import optional_text
from engager_desktop.services.action_plan import choice, live_goal_of
from engager_desktop.services.common import get_live
from engager_desktop.store.orm import Step
from engager_desktop.store.orm.base import MEDIUM
from engager_desktop.store.vault import Vault


@dataclass(frozen=True)
class StepOutcome:
    status: StepStatus | str
    what_happened: str | None
    closed_on: date | None


def restore_outcome(vault: Vault, step_id: str, outcome: StepOutcome) -> None:
    """Set the step's status, what happened and closing date to exactly ``outcome``."""
    with vault.write() as session:
        row = get_live(session, Step, step_id, "step")
        live_goal_of(session, row.goal_id)
        row.status = choice(outcome.status, StepStatus, "step_status").value
        row.what_happened = optional_text(outcome.what_happened, "what_happened", MEDIUM)
        row.closed_on = outcome.closed_on
