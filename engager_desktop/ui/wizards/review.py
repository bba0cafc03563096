"""The session and action-plan review wizard: attendance, distress, every open step, next time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.services import action_plan, session_review
from engager_desktop.services.meetings import local_time
from engager_desktop.services.review_commit import commit_review
from engager_desktop.services.session_review import OpenStep, PlannedSession, ReviewDraft
from engager_desktop.services.typed_input import date_text, time_text
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui.wizards.base import EngagerWizard
from engager_desktop.ui.wizards.choices import CHOOSE, MEETING_PLACES, shown
from engager_desktop.ui.wizards.fields import day_words
from engager_desktop.ui.wizards.page import WizardPage
from engager_desktop.ui.wizards.pages.review_attendance import AttendancePage
from engager_desktop.ui.wizards.pages.review_distress import DistressPage
from engager_desktop.ui.wizards.pages.review_new_steps import NewStepsPage
from engager_desktop.ui.wizards.pages.review_next_session import NextSessionPage
from engager_desktop.ui.wizards.pages.review_steps import StepsPage

RESOURCE_WORDS = {
    "him": N_("ReviewWizard", "his own step"),
    "practitioner": N_("ReviewWizard", "your step"),
    "other_professional": N_("ReviewWizard", "another service"),
    "family_or_peers": N_("ReviewWizard", "family or peers"),
}


def planned_words(planned: PlannedSession | None) -> str:
    """The session being recorded, as the first page says it."""
    if planned is None:
        return tr("ReviewWizard", "No session was planned: this records a new one.")
    when = local_time(planned.starts_at)
    where = shown(MEETING_PLACES, planned.place).lower()
    return tr("ReviewWizard", "Planned for {day} at {time}, {where}.").format(
        day=day_words(when.date()), time=f"{when:%H:%M}", where=where
    )


def meeting_values(draft: ReviewDraft, today: date) -> dict[str, Any]:
    """The session's date, time and place: the one due, else today where he is seen now."""
    values: dict[str, Any] = {
        "session_date": date_text(today),
        "place": draft.usual_place,
        "next_place": draft.usual_place,
    }
    planned = draft.planned
    if planned is not None:
        when = local_time(planned.starts_at)
        values.update(
            session_date=date_text(when.date()),
            session_time=time_text(when.time()),
            place=planned.place,
            location=planned.location or "",
        )
    return values


@dataclass
class ReviewContext:
    name: str
    today: date
    draft: ReviewDraft
    goal_options: tuple[tuple[str, str], ...]
    goal_set_on: dict[str, date]
    initial: dict[str, Any] = field(default_factory=dict)

    @property
    def steps(self) -> dict[str, OpenStep]:
        return {item.step.id: item for item in self.draft.open_steps}

    @property
    def planned_text(self) -> str:
        return planned_words(self.draft.planned)

    @property
    def last_distress_text(self) -> str:
        last = self.draft.last_distress
        if last is None:
            return tr("ReviewWizard", "No distress rating recorded yet.")
        note = f" ({last.note})" if last.note else ""
        return tr("ReviewWizard", "Last rated {score} on {day}{note}.").format(
            score=last.score, day=day_words(last.rated_on), note=note
        )

    def describe_step(self, values: dict[str, Any]) -> str:
        item = self.steps.get(str(values.get("step_id")))
        if item is None:
            return tr(
                "ReviewWizard",
                "This step is no longer in his plan (it may have been removed elsewhere).",
            )
        step = item.step
        due = (
            tr("ReviewWizard", "Due {day}").format(day=day_words(step.due_on))
            if step.due_on
            else (
                tr("ReviewWizard", "Before this session")
                if step.before_next_session
                else tr("ReviewWizard", "No date set")
            )
        )
        late = " " + tr("ReviewWizard", "(overdue)") if step.overdue else ""
        kind = step.resource_kind
        kind = tr("ReviewWizard", RESOURCE_WORDS[kind]) if kind in RESOURCE_WORDS else kind
        who = tr("ReviewWizard", "Goal: {goal}. Who: {who} ({kind}).").format(
            goal=item.goal_title, who=step.responsible, kind=kind
        )
        return f"{step.what}\n{who} {due}{late}."


class ReviewWizard(EngagerWizard):
    KIND = "review"
    CONTEXT = "ReviewWizard"
    TITLE = N_("ReviewWizard", "Session and plan review")
    ALIASES = {
        "starts_at": "session_date",
        "what_was_reviewed": "reviewed",
        "outcomes": "step_outcomes",
        "outcome": "step_outcomes",
        "why": "step_outcomes",
        "next_session": "next_date",
        "due_on": "new_steps",
        "step": "new_steps",
        "resource_kind": "new_steps",
        "who_is_responsible": "new_steps",
        "goal_id": "new_steps",
        "link": "new_steps",
    }

    @classmethod
    def load(cls, vault: Vault, man_id: str) -> ReviewContext:
        draft = session_review.prepare_review(vault, man_id)
        plan = action_plan.plan_for(vault, man_id)
        goals = [g for g in plan.goals if g.status == "open"]
        options = (CHOOSE, *((g.title, g.id) for g in goals)) if goals else ()
        today = vault.clock.today()
        context = ReviewContext(
            draft.preferred_name, today, draft, options, {g.id: g.set_on for g in goals}
        )
        context.initial = cls._initial(context)
        return context

    @staticmethod
    def _initial(context: ReviewContext) -> dict[str, Any]:
        """Today's session (or the one due), held where sessions are held in his phase now."""
        values = meeting_values(context.draft, context.today)
        values["step_outcomes"] = [
            {"step_id": item.step.id, "outcome": "", "why": "", "carry_on": True}
            for item in context.draft.open_steps
        ]
        return values

    def make_pages(self, context: ReviewContext) -> list[WizardPage]:
        return [
            AttendancePage(context),
            DistressPage(context),
            StepsPage(context),
            NewStepsPage(context),
            NextSessionPage(context),
        ]

    def set_values(self, values: dict[str, Any]) -> None:
        super().set_values(self._current_steps(values))

    def _current_steps(self, values: dict[str, Any]) -> dict[str, Any]:
        """A draft's step list brought up to date: steps closed elsewhere go, new ones come."""
        if "step_outcomes" not in values:
            return values
        typed = {i.get("step_id"): i for i in values["step_outcomes"] if isinstance(i, dict)}
        rows = [
            typed.get(step_id) or {"step_id": step_id, "outcome": "", "why": "", "carry_on": True}
            for step_id in self.context.steps
        ]
        return {**values, "step_outcomes": rows}

    @staticmethod
    def commit(vault: Vault, man_id: str, context: Any, values: dict[str, Any]) -> Any:
        planned = context.draft.planned
        return commit_review(vault, man_id, planned.id if planned else None, values)
