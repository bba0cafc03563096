"""Review page 3: every open step, one by one: done, not done and why, or dropped."""

from __future__ import annotations

from typing import Any

from engager_desktop.domain.enums import StepStatus
from engager_desktop.store.orm.base import MEDIUM
from engager_desktop.ui.wizards.choices import OUTCOMES
from engager_desktop.ui.wizards.fields import BOX, CHECK, CHOICE, Spec
from engager_desktop.ui.wizards.page import Problem, WizardPage

NEED_WHY = "Say why it was not done (or why it was dropped)."


class StepsPage(WizardPage):
    NAME = "steps"
    PLACE = "review.steps"
    TITLE = "The steps agreed last time"
    SUBTITLE = "Go through every open step with him: done, not done and why, or dropped."

    def build(self) -> None:
        self.outcomes = self.rows(
            "step_outcomes",
            "step",
            (
                Spec("outcome", "What happened", CHOICE, required=True, options=OUTCOMES),
                Spec("carry_on", "If not done, keep it open for next time", CHECK, limit=None),
                Spec("why", "Why, in his words", BOX, limit=MEDIUM, lines=2),
            ),
            fixed=True,
            header=self.context.describe_step,
            empty_text="He has no open steps to review.",
        )

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        found: list[Problem] = []
        for index, item in enumerate(values.get("step_outcomes", [])):
            outcome = item.get("outcome")
            missing_why = not str(item.get("why", "")).strip()
            if outcome in (StepStatus.NOT_DONE, StepStatus.DROPPED) and missing_why:
                field = self.outcomes.field(index, "why")
                if field is not None:
                    found.append((field, NEED_WHY))
        return found
