"""Action plan tab: his goals and every step, who does it and by when, overdue ones marked."""

from __future__ import annotations

from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage

DOMAIN = {
    "housing": "Housing",
    "family_and_relationships": "Family and relationships",
    "benefits_and_money": "Benefits and money",
    "work_and_learning": "Work and learning",
    "health": "Health",
    "substances": "Drink and drugs",
    "coping_with_prison": "Coping with prison",
    "other": "Other",
}


class PlanTab(TabPage):
    title = "Action plan"

    def __init__(self) -> None:
        super().__init__()
        self.action("print_action-plan", "Pr&int his action plan…")
        self.counts = self.add(Facts([("open", "Open steps"), ("overdue", "Overdue steps")]))
        self.goals = self.add(
            Table("Goals", ("Goal", "Term", "Area", "Status", "Set on"), empty="No goals yet.")
        )
        self.steps = self.add(
            Table(
                "Steps",
                ("Step", "Who", "Due", "Status", "Goal"),
                empty="No steps yet.",
            )
        )
        self.finish()

    def show_data(self, data: ManData) -> None:
        plan = data.plan
        self.counts.set("open", str(plan.open_steps))
        self.counts.set("overdue", str(plan.overdue_steps))
        self.goals.set_rows(
            [
                TextRow(
                    (
                        g.title,
                        labels.word(labels.HORIZON, g.horizon),
                        labels.word(DOMAIN, g.domain),
                        labels.word(labels.GOAL_STATUS, g.status),
                        labels.day(g.set_on),
                    ),
                    id=g.id,
                    sort_keys=(g.title, g.horizon, g.domain, g.status, g.set_on),
                )
                for g in plan.goals
            ]
        )
        rows = []
        for goal in plan.goals:
            for step in goal.steps:
                status = labels.word(labels.STEP_STATUS, step.status)
                if step.overdue:
                    status = "Overdue"
                who = step.service_name or step.support_person_name or step.responsible
                due = "Before next session" if step.before_next_session else labels.day(step.due_on)
                rows.append(
                    TextRow(
                        (step.what, who, due, status, goal.title),
                        id=step.id,
                        sort_keys=(step.what, who, step.due_on or goal.set_on, status, goal.title),
                        emphasis=step.overdue,
                    )
                )
        self.steps.set_rows(rows)
