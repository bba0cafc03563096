"""Action plan tab: his goals and every step, the kind of help, who does it and by when.

Overdue steps are marked. A goal or step opens its edit form from its row (double-click or
Enter) or from the Change buttons above the tables.
"""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage, button_row

DOMAIN = {
    "housing": N_("PlanTab", "Housing"),
    "family_and_relationships": N_("PlanTab", "Family and relationships"),
    "benefits_and_money": N_("PlanTab", "Benefits and money"),
    "work_and_learning": N_("PlanTab", "Work and learning"),
    "health": N_("PlanTab", "Health"),
    "substances": N_("PlanTab", "Drink and drugs"),
    "coping_with_prison": N_("PlanTab", "Coping with prison"),
    "other": N_("PlanTab", "Other"),
}


REASON_SHOWN = 60  # characters of why a goal's status changed shown in the table


class PlanTab(TabPage):
    title = N_("Workspace", "Action plan")

    def __init__(self) -> None:
        super().__init__()
        self.action("print_action-plan", tr("PlanTab", "Pr&int his action plan…"))
        self.counts = self.add(
            Facts(
                [("open", tr("PlanTab", "Open steps")), ("overdue", tr("PlanTab", "Overdue steps"))]
            )
        )
        self.goals = self.add(
            Table(
                tr("PlanTab", "Goals"),
                (
                    tr("PlanTab", "Goal"),
                    tr("PlanTab", "Term"),
                    tr("PlanTab", "Area"),
                    tr("PlanTab", "Status"),
                    tr("PlanTab", "Set on"),
                ),
                empty=tr("PlanTab", "No goals yet."),
            )
        )
        self.add(
            button_row(
                self,
                (
                    "add_goal",
                    tr("PlanTab", "A&dd a goal…"),
                    tr("PlanTab", "Add a goal to his plan"),
                ),
                (
                    "edit_goal",
                    tr("PlanTab", "Change the &goal…"),
                    tr("PlanTab", "Change the chosen goal"),
                ),
            )
        )
        self.steps = self.add(
            Table(
                tr("PlanTab", "Steps"),
                (
                    tr("PlanTab", "Step"),
                    tr("PlanTab", "Who"),
                    tr("PlanTab", "Due"),
                    tr("PlanTab", "Status"),
                    tr("PlanTab", "Goal"),
                ),
                empty=tr("PlanTab", "No steps yet."),
            )
        )
        self.add(
            button_row(
                self,
                (
                    "add_step",
                    tr("PlanTab", "Add a ne&w step…"),
                    tr("PlanTab", "Add a step to a goal"),
                ),
                (
                    "edit_step",
                    tr("PlanTab", "&Change the step…"),
                    tr("PlanTab", "Change the chosen step"),
                ),
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
                        domain_word(g.domain),
                        goal_status(g),
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
                    status = tr("PlanTab", "Overdue")
                who = who_and_kind(step)
                due = (
                    tr("PlanTab", "Before next session")
                    if step.before_next_session
                    else labels.day(step.due_on)
                )
                rows.append(
                    TextRow(
                        (step.what, who, due, status, goal.title),
                        id=step.id,
                        sort_keys=(
                            step.what,
                            who,
                            step.due_on or goal.set_on,
                            status,
                            goal.title,
                        ),
                        emphasis=step.overdue,
                    )
                )
        self.steps.set_rows(rows)


def domain_word(domain: str) -> str:
    """The area of his life a goal is about, in the table's words."""
    return tr("PlanTab", DOMAIN[domain]) if domain in DOMAIN else labels.word({}, domain)


def goal_status(goal: Any) -> str:
    """Its status, with the day it changed and why on a second line (P8, P13)."""
    word = labels.word(labels.GOAL_STATUS, goal.status)
    if goal.status == "open":
        return word
    if goal.status_changed_on is not None:
        word = f"{word} {labels.day(goal.status_changed_on)}"
    why = " ".join((goal.status_reason or "").split())
    if len(why) > REASON_SHOWN:
        why = why[: REASON_SHOWN - 1].rstrip() + "…"
    return f"{word}\n{why}" if why else word


def who_and_kind(step: Any) -> str:
    """Who does a step over the kind of help it is (two lines: five columns fit at 1024×768)."""
    who, kind = who_of(step), labels.word(labels.RESOURCE_KIND, step.resource_kind)
    return who if kind == who else f"{who}\n{kind}"


def who_of(step: Any) -> str:
    """Who does a step, and the service or person it is linked to."""
    link = step.service_name or step.support_person_name
    return f"{step.responsible} ({link})" if link and link != step.responsible else step.responsible
