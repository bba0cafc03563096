"""Review page 3: every open step, one by one: done, not done and why, or dropped."""

from __future__ import annotations

from typing import Any

from engager_desktop.domain.enums import StepStatus
from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.choices import OUTCOMES
from engager_desktop.ui.wizards.fields import BOX, CHECK, CHOICE, Spec
from engager_desktop.ui.wizards.page import Problem, WizardPage

NEED_WHY = N_("ReviewWizard", "Say why it was not done (or why it was dropped).")
WHY = N_("ReviewWizard", "Why")
# The reason box fits whose step it was: only his own step asks for his words.
WHY_BY_OWNER = {
    "him": N_("ReviewWizard", "Why, in his words"),
    "practitioner": N_("ReviewWizard", "Why, from your side"),
    "other_professional": N_("ReviewWizard", "Why, as the service tells it"),
    "family_or_peers": N_("ReviewWizard", "Why, as he and his family or peers tell it"),
}


class StepsPage(WizardPage):
    NAME = "steps"
    PLACE = "review.steps"
    CONTEXT = "ReviewWizard"
    TITLE = N_("ReviewWizard", "The steps agreed last time")
    SUBTITLE = N_(
        "ReviewWizard", "Go through every open step with him: done, not done and why, or dropped."
    )

    def build(self) -> None:
        self.outcomes = self.rows(
            "step_outcomes",
            tr("ReviewWizard", "step"),
            (
                Spec(
                    "outcome",
                    N_("ReviewWizard", "What happened"),
                    CHOICE,
                    required=True,
                    options=OUTCOMES,
                ),
                Spec(
                    "carry_on",
                    N_("ReviewWizard", "If not done, keep it open for next time"),
                    CHECK,
                    limit=None,
                ),
                Spec("why", WHY, BOX, limit=MEDIUM, lines=2),
            ),
            fixed=True,
            header=self.context.describe_step,
            empty_text=tr("ReviewWizard", "He has no open steps to review."),
        )
        self.outcomes.rows_changed.connect(self.fit_why_labels)

    def fit_why_labels(self) -> None:
        """Label each reason box for whoever owned the step (his words only for his own)."""
        for number, row in enumerate(self.outcomes.rows, start=1):
            field = row.fields["why"]
            item = self.context.steps.get(str(row.extra.get("step_id")))
            owner = item.step.resource_kind if item is not None else ""
            text = tr("ReviewWizard", WHY_BY_OWNER.get(owner, WHY))
            if field.label is not None:
                field.label.setText(text)
            field.widget.setAccessibleName(
                tr("ReviewWizard", "Step {number}: {label}").format(number=number, label=text)
            )

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        found: list[Problem] = []
        for index, item in enumerate(values.get("step_outcomes", [])):
            outcome = item.get("outcome")
            missing_why = not str(item.get("why", "")).strip()
            if outcome in (StepStatus.NOT_DONE, StepStatus.DROPPED) and missing_why:
                field = self.outcomes.field(index, "why")
                if field is not None:
                    found.append((field, tr("ReviewWizard", NEED_WHY)))
        return found
