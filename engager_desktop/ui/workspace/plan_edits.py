"""Open the goal and step edit forms from the Action plan tab (its rows and its Change buttons).

Each form saves through the action plan services off the UI thread and hands back an ``Edit``,
which goes on the workspace's undo stack.
"""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import tr
from engager_desktop.ui import ops
from engager_desktop.ui.workspace.data import row_value
from engager_desktop.ui.workspace.row_editing import RowEdits


class PlanEdits(RowEdits):
    """The Action plan tab's goal and step forms."""

    def __init__(self, actions: Any) -> None:
        super().__init__(actions, "PlanTab")
        self.edit_from_rows(self.tab.goals, self.edit_goal)
        self.edit_from_rows(self.tab.steps, self.edit_step)

    def handlers(self) -> dict[str, Any]:
        return {
            "add_goal": self.add_goal,
            "edit_goal": self.edit_goal,
            "add_step": self.add_step,
            "edit_step": self.edit_step,
        }

    def add_goal(self) -> Any:
        if (ready := self.actions._ready()) is None:
            return None
        from engager_desktop.ui.forms.goal_dialog import NewGoalDialog

        return self.open(NewGoalDialog(*ready, self.ws))

    def _goal(self, goal_id: str | None) -> Any:
        return next((g for g in self.ws.data.plan.goals if g.id == goal_id), None)

    def edit_goal(self) -> Any:
        if self.actions._ready() is None:
            return None
        goal = self._goal(self.tab.goals.chosen_id())
        if goal is None:
            self.ws.say(tr("PlanTab", "Choose a goal in the list first."))
            return None
        from engager_desktop.ui.forms.goal_dialog import GoalDialog

        return self.open(GoalDialog(self.ws._vault, goal, self.ws))

    def edit_step(self) -> Any:
        step_id = self.tab.steps.chosen_id()
        steps = {s.id: s for g in self.ws.data.plan.goals for s in g.steps} if self.ws.data else {}
        step = steps.get(step_id or "")
        if step is None:
            self.ws.say(tr("PlanTab", "Choose a step in the list first."))
            return None
        from engager_desktop.ui.forms.step_dialog import StepDialog

        return self._with_links(lambda links: StepDialog(self.ws._vault, step, links, *self._on()))

    def add_step(self) -> Any:
        goals = self.ws.data.plan.goals if self.ws.data else ()
        if not goals:
            self.ws.say(
                tr("PlanTab", "Add a goal first: every step works towards one of his goals.")
            )
            return None
        chosen = self.tab.goals.chosen_id()
        step = {s.id: s for g in goals for s in g.steps}.get(self.tab.steps.chosen_id() or "")
        goal_id = chosen or (step.goal_id if step else goals[0].id)
        titles = [(g.title, g.id) for g in goals]
        from engager_desktop.ui.forms.step_dialog import NewStepDialog

        return self._with_links(
            lambda links: NewStepDialog(self.ws._vault, titles, goal_id, links, *self._on())
        )

    def _on(self) -> tuple[Any, Any]:
        return self.ws.data.today, self.ws

    def _with_links(self, make: Any) -> None:
        """Read the directory off the UI thread, then open ``make(links)`` with his people too."""
        if (ready := self.actions._ready()) is None:
            return
        vault = ready[0]
        people = [
            (row_value(p, "name") or "", "person", row_value(p, "id"))
            for p in self.ws.data.record.plan.support_people
        ]

        def opened(services: list[tuple[str, str]]) -> None:
            links = [(name, "service", service_id) for service_id, name in services] + people
            self.opened = self.open(make(links))

        from engager_desktop.ui.forms.consent_dialog import directory_choices

        ops.run(
            lambda: directory_choices(vault),
            opened,
            lambda message, _exc: self.ws.say(message),
            owner=self.ws,
        )
