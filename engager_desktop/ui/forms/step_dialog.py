"""Change one step of his plan where it is shown: what, who, kind of help, link, when, status."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from engager_desktop.domain.validation import ValidationError
from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.a11y import label_for
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
from engager_desktop.ui.workspace.undo import Edit, adding

BY_DATE, NEXT_SESSION, NO_DATE = "date", "next_session", "none"
WHEN = {
    BY_DATE: N_("StepForm", "By a date"),
    NEXT_SESSION: N_("StepForm", "Before the next session"),
    NO_DATE: N_("StepForm", "No date set"),
}
SERVICE, PERSON = "service", "person"
KEEP_WHAT_HAPPENED = N_(
    "StepForm", "What happened can be changed but not emptied: write what is true now instead."
)
LINK_HELP = N_(
    "StepForm",
    "A step for another professional can link to a service in the directory; "
    "a step for family or peers can link to one of the people around him.",
)


class StepDialog(FormDialog):
    """``step``: the ``StepView`` to change; ``links``: (word, SERVICE or PERSON, id) choices."""

    def __init__(
        self,
        vault: Any,
        step: Any,
        links: Sequence[tuple[str, str, str]],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(vault, tr("StepForm", "Change a step"), parent)
        self.step = step
        self.what = self.field("step", tr("StepForm", "&Step:"), paragraph(step.what), "what")
        self.kind = self.field(
            "resource_kind",
            tr("StepForm", "&Kind of help:"),
            choice(worded(labels.RESOURCE_KIND), step.resource_kind),
        )
        self.who = self.field(
            "who_is_responsible",
            tr("StepForm", "&Who does it:"),
            line(step.responsible),
            "responsible",
        )
        self.link = self.field(
            "link",
            tr("StepForm", "&Linked to:"),
            self._links(links),
            "service_id",
            "support_person_id",
        )
        self.link.setAccessibleDescription(tr("StepForm", LINK_HELP))
        self.link.setToolTip(tr("StepForm", LINK_HELP))
        when = {key: tr("StepForm", word) for key, word in WHEN.items()}
        self.when = self.field("when", tr("StepForm", "W&hen:"), choice(when, _when_of(step)))
        self.due = self.field("due_on", tr("StepForm", "&Due on:"), day_edit(step.due_on or today))
        self.when.currentIndexChanged.connect(self._when_changed)
        self._when_changed()
        self.state = self.field(
            "step_status",
            tr("StepForm", "S&tatus:"),
            choice(worded(labels.STEP_STATUS), step.status),
        )
        self.happened = self.field(
            "what_happened", tr("StepForm", "What ha&ppened:"), paragraph(step.what_happened or "")
        )

    def _links(self, links: Sequence[tuple[str, str, str]]) -> QComboBox:
        box = QComboBox()
        box.addItem(tr("StepForm", "Not linked"), None)
        for word, kind, link_id in links:
            shown = (
                tr("StepForm", "Service: {name}")
                if kind == SERVICE
                else tr("StepForm", "Person: {name}")
            )
            box.addItem(shown.format(name=word), link_id)
        current = self.step.service_id or self.step.support_person_id
        if current and box.findData(current) < 0:  # a link no longer listed stays as it was
            name = (
                self.step.service_name
                or self.step.support_person_name
                or tr("StepForm", "as recorded")
            )
            box.addItem(name, current)
        box.setCurrentIndex(max(box.findData(current), 0) if current else 0)
        self._kinds = {link_id: kind for _word, kind, link_id in links}
        if self.step.service_id:
            self._kinds.setdefault(self.step.service_id, SERVICE)
        if self.step.support_person_id:
            self._kinds.setdefault(self.step.support_person_id, PERSON)
        return box

    def _when_changed(self) -> None:
        self.due.setEnabled(self.when.currentData() == BY_DATE)

    def changed_step(self) -> Any:
        from engager_desktop.services.action_plan import StepInput

        old = self.step
        link = self.link.currentData()
        kind = self._kinds.get(link) if link else None
        when = self.when.currentData()
        return StepInput(
            what=text_of(self.what) or "",
            resource_kind=str(self.kind.currentData()),
            responsible=text_of(self.who) or "",
            due_on=day_of(self.due) if when == BY_DATE else None,
            before_next_session=when == NEXT_SESSION,
            service_id=link if kind == SERVICE else None,
            support_person_id=link if kind == PERSON else None,
            quick_win=old.quick_win,
            skill_area=old.skill_area,
        )

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.step_outcome import StepOutcome, restore_outcome

        old = self.step
        happened = text_of(self.happened)
        if old.what_happened and not happened:
            raise ValidationError("what_happened", tr("StepForm", KEEP_WHAT_HAPPENED))
        before = (input_of(old), old.status, old.what_happened)
        after = (self.changed_step(), str(self.state.currentData()), happened)
        vault, step_id = self.vault, old.id
        outcome = StepOutcome(old.status, old.what_happened, old.closed_on)
        step_back = _step_change(vault, step_id, after, (before[0], *after[1:]))
        redo = _step_change(vault, step_id, before, after)

        def undo() -> None:  # the step as it was, its outcome exactly as it was
            step_back()
            restore_outcome(vault, step_id, outcome)

        def save() -> Edit:
            redo()
            label = tr("StepForm", "change the step “{step}”").format(step=after[0].what)
            return Edit(label, undo, redo)

        return save


def _when_of(step: Any) -> str:
    if step.before_next_session:
        return NEXT_SESSION
    return BY_DATE if step.due_on else NO_DATE


def input_of(step: Any) -> Any:
    """The ``StepInput`` that would save ``step`` (a ``StepView``) as it is."""
    from engager_desktop.services.action_plan import StepInput

    return StepInput(
        what=step.what,
        resource_kind=step.resource_kind,
        responsible=step.responsible,
        due_on=step.due_on,
        before_next_session=step.before_next_session,
        service_id=step.service_id,
        support_person_id=step.support_person_id,
        quick_win=step.quick_win,
        skill_area=step.skill_area,
    )


def _step_change(vault: Any, step_id: str, was: Any, wanted: Any) -> Callable[[], None]:
    """Save the (step, status, what happened) ``wanted``: only what differs from ``was``."""
    from engager_desktop.services.action_plan import edit_step, set_step_status

    def change() -> None:
        if wanted[0] != was[0]:
            edit_step(vault, step_id, wanted[0])
        if wanted[1:] != was[1:]:
            set_step_status(vault, step_id, wanted[1], wanted[2])

    return change


def blank_step(goal_id: str) -> Any:
    """A step not yet written, for ``NewStepDialog`` (he does it, before the next session)."""
    from engager_desktop.services.action_plan import StepView

    return StepView(
        id="",
        goal_id=goal_id,
        what="",
        resource_kind="him",
        responsible="",
        due_on=None,
        before_next_session=True,
        status="open",
        what_happened=None,
        quick_win=False,
        skill_area=None,
        service_id=None,
        service_name=None,
        support_person_id=None,
        support_person_name=None,
        closed_on=None,
        overdue=False,
    )


class NewStepDialog(StepDialog):
    """Add a step to one of his goals where the plan is shown; undo removes it again.

    ``goals``: (title, id) of his goals; ``goal_id``: the one chosen first.
    """

    def __init__(
        self,
        vault: Any,
        goals: Sequence[tuple[str, str]],
        goal_id: str,
        links: Sequence[tuple[str, str, str]],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(vault, blank_step(goal_id), links, today, parent)
        self.setWindowTitle(tr("StepForm", "Add a step"))
        self.setAccessibleName(tr("StepForm", "Add a step"))
        goal_words = {gid: title for title, gid in goals}
        self.goal = choice(goal_words, goal_id)
        self.form.insertRow(0, label_for(tr("StepForm", "For the &goal:"), self.goal), self.goal)
        for widget in (self.state, self.happened):  # a new step is open, nothing happened yet
            self.form.setRowVisible(widget, False)

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.action_plan import add_step, remove_step

        step, goal_id, vault = self.changed_step(), str(self.goal.currentData()), self.vault

        return adding(
            tr("StepForm", "add the step “{step}”").format(step=step.what),
            lambda: add_step(vault, goal_id, step),
            lambda step_id: remove_step(vault, step_id),
        )
