"""Change one item of his shared understanding where it is shown: a problem, a strength, a quick
win. A problem already in his action plan carries its new words into its goal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.services.understanding_forms import (
    PriorityProblemForm,
    PriorityProblemView,
    QuickWinForm,
    QuickWinView,
    StrengthForm,
    StrengthView,
)
from engager_desktop.ui.forms.base import (
    FormDialog,
    choice,
    day_edit,
    day_of,
    line,
    paragraph,
    text_of,
)
from engager_desktop.ui.wizards.choices import QUICK_WIN_SOURCES, STRENGTH_KINDS
from engager_desktop.ui.workspace.undo import Edit

KINDS = {value: word for word, value in STRENGTH_KINDS}
SOURCES = {value: word for word, value in QUICK_WIN_SOURCES}
TITLES = {
    PriorityProblemView: N_("ItemForm", "Change a problem"),
    StrengthView: N_("ItemForm", "Change a strength"),
    QuickWinView: N_("ItemForm", "Change a quick win"),
}
CHOICES = "Wizard"  # the context ui/wizards/choices.py marks its words with
GOAL_TITLE_MAX = 300


class ItemDialog(FormDialog):
    """``item``: a problem, strength or quick win view; ``goal``: a problem's goal, if any."""

    def __init__(
        self, vault: Any, item: Any, goal: Any, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(vault, tr("ItemForm", TITLES[type(item)]), parent)
        self.item = item
        self.goal = goal
        if isinstance(item, PriorityProblemView):
            self._problem(item)
        elif isinstance(item, StrengthView):
            kinds = {key: tr(CHOICES, word) for key, word in KINDS.items()}
            self.text = self.field("text", tr("ItemForm", "&Strength:"), line(item.text, 300))
            self.kind = self.field(
                "kind", tr("ItemForm", "&Has it or wants it:"), choice(kinds, item.kind)
            )
        else:
            sources = {key: tr(CHOICES, word) for key, word in SOURCES.items()}
            self.text = self.field("text", tr("ItemForm", "&Quick win:"), line(item.text, 300))
            self.source = self.field(
                "source", tr("ItemForm", "&From:"), choice(sources, item.source)
            )
            self.achieved = self.row(QCheckBox(tr("ItemForm", "&Achieved")))
            self.achieved.setChecked(item.achieved_on is not None)
            self.day = self.field(
                "achieved_on", tr("ItemForm", "Achieved &on:"), day_edit(item.achieved_on or today)
            )
            self.achieved.toggled.connect(self.day.setEnabled)
            self.day.setEnabled(item.achieved_on is not None)

    def _problem(self, item: PriorityProblemView) -> None:
        self.words = self.field(
            "his_words", tr("ItemForm", "The problem, in &his words:"), paragraph(item.his_words)
        )
        self.as_goal = self.field(
            "as_goal_or_need",
            tr("ItemForm", "As a &goal or need:"),
            line(item.as_goal_or_need or "", 300),
        )
        if self.goal is not None:
            self.set_intro(
                tr(
                    "ItemForm",
                    "In his action plan as: {goal}. New words here change that goal too.",
                ).format(goal=self.goal.title)
            )

    def changed_item(self) -> Any:
        item = self.item
        if isinstance(item, PriorityProblemView):
            return PriorityProblemForm(
                text_of(self.words) or "", text_of(self.as_goal), item.goal_id
            )
        if isinstance(item, StrengthView):
            return StrengthForm(text_of(self.text) or "", str(self.kind.currentData()))
        achieved = day_of(self.day) if self.achieved.isChecked() else None
        return QuickWinForm(text_of(self.text) or "", str(self.source.currentData()), achieved)

    def work(self) -> Callable[[], Any]:
        after, was = self.changed_item(), _form_of(self.item)
        before = (was, _goal_input(self.goal, None))
        wanted = (after, _goal_input(self.goal, after if after != was else None))
        vault, item_id = self.vault, self.item.id
        goal_id = self.goal.id if self.goal is not None else None
        undo = _item_change(vault, item_id, goal_id, wanted, before)
        redo = _item_change(vault, item_id, goal_id, before, wanted)

        label = tr("ItemForm", TITLES[type(self.item)]).lower()

        def save() -> Edit:
            redo()
            return Edit(label, undo, redo)

        return save


def _goal_input(goal: Any, problem: Any) -> Any:
    """The goal as it is (``problem`` None), or as the problem's new words make it."""
    from engager_desktop.services.action_plan import GoalInput

    if goal is None:
        return None
    if problem is None:
        return GoalInput(goal.title, goal.horizon, goal.domain, goal.his_words)
    title = (problem.as_goal_or_need or problem.his_words).strip()[:GOAL_TITLE_MAX]
    return GoalInput(title, goal.horizon, goal.domain, problem.his_words)


def _form_of(item: Any) -> Any:
    """The form that saves a view as it is."""
    if isinstance(item, PriorityProblemView):
        return PriorityProblemForm(item.his_words, item.as_goal_or_need, item.goal_id)
    if isinstance(item, StrengthView):
        return StrengthForm(item.text, item.kind)
    return QuickWinForm(item.text, item.source, item.achieved_on)


def _item_change(
    vault: Any, item_id: str, goal_id: Any, was: Any, wanted: Any
) -> Callable[[], None]:
    """Save the (item form, goal input) ``wanted``: only the parts that differ from ``was``."""
    from engager_desktop.services import action_plan, understanding

    def change() -> None:
        if wanted[0] != was[0]:
            understanding.update_item(vault, item_id, wanted[0])
        if goal_id is not None and wanted[1] != was[1]:
            action_plan.edit_goal(vault, goal_id, wanted[1])

    return change
