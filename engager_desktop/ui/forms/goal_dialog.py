"""Change one goal of his plan where it is shown: its words, kind, area, start date and status.

A status of achieved, changed or dropped asks why and on what day (today unless changed), kept
with the goal (P8, P13); open again clears them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.forms.base import (
    FormDialog,
    choice,
    day_edit,
    day_of,
    line,
    paragraph,
    text_of,
    worded,
)
from engager_desktop.ui.wizards.choices import DOMAINS, HORIZONS
from engager_desktop.ui.workspace.undo import Edit, adding

HORIZON_WORDS = {value: word for word, value in HORIZONS}
DOMAIN_WORDS = {value: word for word, value in DOMAINS}
CHOICES = "Wizard"  # the context ui/wizards/choices.py marks its words with


def horizon_words() -> dict[str, str]:
    return {value: tr(CHOICES, word) for value, word in HORIZON_WORDS.items()}


def domain_words() -> dict[str, str]:
    return {value: tr(CHOICES, word) for value, word in DOMAIN_WORDS.items()}


STATUS_HELP = N_(
    "GoalForm",
    "Achieved: he got there. Changed: it became a different goal. Dropped: no longer wanted. "
    "Open: still working towards it (choose it to re-open a goal).",
)


class GoalDialog(FormDialog):
    """``goal``: the ``GoalView`` to change. Saving hands back an ``Edit`` (for undo)."""

    def __init__(self, vault: Any, goal: Any, parent: QWidget | None = None) -> None:
        super().__init__(vault, tr("GoalForm", "Change a goal"), parent)
        self.goal = goal
        if goal.his_words:
            self.set_intro(tr("GoalForm", "In his words: {words}").format(words=goal.his_words))
        self.title = self.field("goal", tr("GoalForm", "&Goal:"), line(goal.title, 300), "title")
        self.horizon = self.field(
            "horizon", tr("GoalForm", "&Kind of goal:"), choice(horizon_words(), goal.horizon)
        )
        self.domain = self.field(
            "domain", tr("GoalForm", "&Area of his life:"), choice(domain_words(), goal.domain)
        )
        self.set_on = self.field("set_on", tr("GoalForm", "&Set on:"), day_edit(goal.set_on))
        self.state = self.field(
            "goal_status",
            tr("GoalForm", "S&tatus:"),
            choice(worded(labels.GOAL_STATUS), goal.status),
        )
        self.state.setToolTip(tr("GoalForm", STATUS_HELP))
        self.state.setAccessibleDescription(tr("GoalForm", STATUS_HELP))
        self.reason = self.field(
            "status_reason", tr("GoalForm", "&Why:"), paragraph(goal.status_reason or "")
        )
        self.changed_on = self.field(
            "status_changed_on",
            tr("GoalForm", "Status changed &on:"),
            day_edit(goal.status_changed_on or vault.clock.today()),
        )
        self.day_touched = False  # a goal closed before days were kept does not get today's
        self.changed_on.dateChanged.connect(lambda _d: setattr(self, "day_touched", True))
        self.state.currentIndexChanged.connect(self._status_chosen)
        self._status_chosen()

    def _status_chosen(self) -> None:
        """Why and when only matter once the goal is no longer open."""
        closed = self.state.currentData() != "open"
        self.reason.setEnabled(closed)
        self.changed_on.setEnabled(closed)

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.action_plan import GoalInput

        old = self.goal
        before = GoalInput(old.title, old.horizon, old.domain, old.his_words, old.set_on)
        after = GoalInput(
            text_of(self.title) or "",
            str(self.horizon.currentData()),
            str(self.domain.currentData()),
            old.his_words,
            day_of(self.set_on),
        )
        status = str(self.state.currentData())
        was = (old.status, old.status_reason, old.status_changed_on)
        now: tuple[str, str | None, date | None] = (status, None, None)
        if status != "open":
            kept = status == old.status and not self.day_touched
            day = old.status_changed_on if kept else day_of(self.changed_on)
            now = (status, text_of(self.reason), day)
        vault, goal_id = self.vault, old.id
        undo = _goal_change(vault, goal_id, (after, now), (before, was))
        redo = _goal_change(vault, goal_id, (before, was), (after, now))
        label = tr("GoalForm", "change the goal “{goal}”").format(goal=after.title)

        def save() -> Edit:
            redo()
            return Edit(label, undo, redo)

        return save


def _goal_change(vault: Any, goal_id: str, was: Any, wanted: Any) -> Callable[[], None]:
    """Save the (words, (status, why, when)) ``wanted`` to the goal: only the parts that differ
    from ``was``."""
    from engager_desktop.services.action_plan import edit_goal, set_goal_status

    def change() -> None:
        if wanted[0] != was[0]:
            edit_goal(vault, goal_id, wanted[0])
        if wanted[1] != was[1]:
            set_goal_status(vault, goal_id, *wanted[1])

    return change


class NewGoalDialog(FormDialog):
    """Add a goal to his plan where it is shown; undo removes it again."""

    def __init__(self, vault: Any, man_id: str, parent: QWidget | None = None) -> None:
        super().__init__(vault, tr("GoalForm", "Add a goal"), parent)
        self.man_id = man_id
        self.set_intro(
            tr("GoalForm", "A goal as he would put it: something he wants to work towards.")
        )
        self.title = self.field("goal", tr("GoalForm", "&Goal:"), line("", 300), "title")
        self.horizon = self.field(
            "horizon", tr("GoalForm", "&Kind of goal:"), choice(horizon_words())
        )
        self.domain = self.field(
            "domain", tr("GoalForm", "&Area of his life:"), choice(domain_words())
        )
        self.set_on = self.field(
            "set_on", tr("GoalForm", "&Set on:"), day_edit(vault.clock.today())
        )

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.action_plan import GoalInput, add_goal, remove_goal

        goal = GoalInput(
            text_of(self.title) or "",
            str(self.horizon.currentData()),
            str(self.domain.currentData()),
            None,
            day_of(self.set_on),
        )
        vault, man_id = self.vault, self.man_id

        return adding(
            tr("GoalForm", "add the goal “{goal}”").format(goal=goal.title),
            lambda: add_goal(vault, man_id, goal),
            lambda goal_id: remove_goal(vault, goal_id),
        )
