"""Review page 4: new steps for before next time: who does what, drawing on which resource, when."""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM, SHORT, BadInput, parse_date
from engager_desktop.ui.wizards.choices import RESOURCE_KINDS
from engager_desktop.ui.wizards.fields import BOX, CHECK, CHOICE, DATE, TEXT, Spec
from engager_desktop.ui.wizards.page import Problem, WizardPage

NO_GOALS = N_(
    "ReviewWizard",
    "He has no open goals in his plan yet, so there is nothing to add steps to. Turn his "
    "problems into goals in the shared understanding, or add a goal in the action plan.",
)


class NewStepsPage(WizardPage):
    NAME = "new_steps"
    PLACE = "review.new_steps"
    CONTEXT = "ReviewWizard"
    TITLE = N_("ReviewWizard", "New steps")
    SUBTITLE = N_(
        "ReviewWizard",
        "A few realistic steps for before you next meet: who does what, and by when.",
    )

    def build(self) -> None:
        goals = self.context.goal_options
        if not goals:
            self.note(tr("ReviewWizard", NO_GOALS), caution=True)
        self.steps = self.rows(
            "new_steps",
            tr("ReviewWizard", "new step"),
            (
                Spec(
                    "goal_id",
                    N_("ReviewWizard", "Goal it serves"),
                    CHOICE,
                    required=True,
                    options=goals,
                    wide=True,
                ),
                Spec(
                    "what",
                    N_("ReviewWizard", "The step"),
                    BOX,
                    required=True,
                    limit=MEDIUM,
                    lines=2,
                ),
                Spec(
                    "resource_kind",
                    N_("ReviewWizard", "Help it draws on"),
                    CHOICE,
                    required=True,
                    options=RESOURCE_KINDS,
                ),
                Spec(
                    "responsible",
                    N_("ReviewWizard", "Who does it"),
                    TEXT,
                    required=True,
                    limit=SHORT,
                ),
                Spec("due_on", N_("ReviewWizard", "Due by"), DATE, limit=None),
                Spec(
                    "before_next_session",
                    N_("ReviewWizard", "Before the next session"),
                    CHECK,
                    limit=None,
                ),
                Spec("quick_win", N_("ReviewWizard", "A quick win"), CHECK, limit=None),
            ),
            empty_text=tr("ReviewWizard", "No new steps yet."),
            defaults={"goal_id": goals[1][1] if len(goals) == 2 else ""},
        )
        if not goals and self.steps.add_button is not None:
            self.steps.add_button.setEnabled(False)

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        found: list[Problem] = []
        for index, item in enumerate(values.get("new_steps", [])):
            field = self.steps.field(index, "due_on")
            try:
                due = parse_date(item.get("due_on"))
            except BadInput:
                continue
            if field is None:
                continue
            if due is not None and item.get("before_next_session"):
                found.append(
                    (
                        field,
                        tr(
                            "ReviewWizard",
                            "Give a due date or 'before the next session', not both.",
                        ),
                    )
                )
            set_on = self.context.goal_set_on.get(item.get("goal_id"))
            if due is not None and set_on is not None and due < set_on:
                found.append(
                    (
                        field,
                        tr(
                            "ReviewWizard",
                            "The due date is before the goal was set. Check the date.",
                        ),
                    )
                )
        return found
