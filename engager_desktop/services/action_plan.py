"""The shared action plan (P14-P19): goals, their steps, who does what by when, and the whole plan.

A step draws on one of four kinds of resource (P14). A step may link to a directory service only
when another professional is responsible for it, and to one of his support people only when family
or peers are; the link must exist. Only open steps are still to do: a step reviewed as not done
stays open (carried to the next review) unless the practitioner closes it as not done.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import (
    GoalDomain,
    GoalStatus,
    Horizon,
    ResourceKind,
    SkillArea,
    StepStatus,
)
from engager_desktop.domain.validation import (
    ValidationError,
    check_due_date,
    field_label,
    optional_text,
    require_text,
)
from engager_desktop.i18n import tr
from engager_desktop.services.common import THINGS, RuleBroken, get_live, refresh_search
from engager_desktop.store.orm import Goal, Participant, Service, Step, SupportPerson, Synced
from engager_desktop.store.orm.base import MEDIUM
from engager_desktop.store.vault import Vault

E = TypeVar("E", bound=StrEnum)

TITLE_MAX = 300
RESPONSIBLE_MAX = 200
# Steps that still need doing (the caseload counts the same: open steps, overdue by due date).
STILL_TO_DO = (StepStatus.OPEN.value,)


def alive(model: type[Synced]) -> ColumnElement[bool]:
    """Not tombstoned. Written "deleted IS NOT 1", not "IS 0", so that SQLite seeks by the man
    (or the date), never by the tombstone flag's own index, which matches nearly every row: a
    freshly made vault has no planner statistics to tell the two apart."""
    return model.deleted.is_not(True)


def choice(value: object, kind: type[E], field: str) -> E:
    """The enum member for ``value``; a clear refusal when it is not one of the allowed words."""
    try:
        return kind(str(value))
    except ValueError:
        raise ValidationError(
            field,
            tr("Errors", "{field} is not one of the choices.").format(field=field_label(field)),
        ) from None


def optional_choice(value: object, kind: type[E], field: str) -> E | None:
    return None if value is None or value == "" else choice(value, kind, field)


@dataclass(frozen=True)
class GoalInput:
    title: str
    horizon: Horizon | str
    domain: GoalDomain | str
    his_words: str | None = None
    set_on: date | None = None  # None: today


@dataclass(frozen=True)
class StepInput:
    what: str
    resource_kind: ResourceKind | str
    responsible: str
    due_on: date | None = None
    before_next_session: bool = False
    service_id: str | None = None  # only for another professional's step
    support_person_id: str | None = None  # only for a family or peers step
    quick_win: bool = False
    skill_area: SkillArea | str | None = None


@dataclass(frozen=True)
class StepView:
    id: str
    goal_id: str
    what: str
    resource_kind: str
    responsible: str
    due_on: date | None
    before_next_session: bool
    status: str
    what_happened: str | None
    quick_win: bool
    skill_area: str | None
    service_id: str | None
    service_name: str | None
    support_person_id: str | None
    support_person_name: str | None
    closed_on: date | None
    overdue: bool


@dataclass(frozen=True)
class GoalView:
    id: str
    title: str
    his_words: str | None
    horizon: str
    domain: str
    status: str
    set_on: date
    steps: tuple[StepView, ...]
    status_reason: str | None = None  # why it was achieved, changed or dropped
    status_changed_on: date | None = None


@dataclass(frozen=True)
class PlanView:
    man_id: str
    preferred_name: str
    goals: tuple[GoalView, ...]
    open_steps: int
    overdue_steps: int


# --- validation ------------------------------------------------------------------------------


def _goal_fields(goal: GoalInput, today: date, set_on: date) -> dict[str, object]:
    if set_on > today:
        raise ValidationError(
            "set_on", tr("Errors", "A goal cannot be set on a day still to come.")
        )
    return {
        "title": require_text(goal.title, "goal", TITLE_MAX),
        "his_words": optional_text(goal.his_words, "his_words", MEDIUM),
        "horizon": choice(goal.horizon, Horizon, "horizon").value,
        "domain": choice(goal.domain, GoalDomain, "domain").value,
        "set_on": set_on,
    }


def _check_link(session: Session, man_id: str, kind: ResourceKind, step: StepInput) -> None:
    if step.service_id and step.support_person_id:
        raise ValidationError(
            "link", tr("Errors", "Link a step to a service or to a person, not both.")
        )
    if step.service_id:
        if kind is not ResourceKind.OTHER_PROFESSIONAL:
            raise ValidationError(
                "service_id",
                tr("Errors", "Only a step for another professional can link to a service."),
            )
        get_live(session, Service, step.service_id, "service")
    if step.support_person_id:
        if kind is not ResourceKind.FAMILY_OR_PEERS:
            raise ValidationError(
                "support_person_id",
                tr("Errors", "Only a step for family or peers can link to a person."),
            )
        person = get_live(session, SupportPerson, step.support_person_id, "support person")
        if person.participant_id != man_id:
            raise ValidationError(
                "support_person_id", tr("Errors", "That person is not one of his people.")
            )


def step_fields(session: Session, goal: Goal, step: StepInput) -> dict[str, object]:
    """Checked column values for a step of ``goal``; bad input is refused before any write."""
    kind = choice(step.resource_kind, ResourceKind, "resource_kind")
    if step.due_on is not None and step.before_next_session:
        raise ValidationError(
            "due_on", tr("Errors", "Give a due date or 'before next session', not both.")
        )
    check_due_date(step.due_on, goal.set_on, "due_on")
    _check_link(session, goal.participant_id, kind, step)
    skill = optional_choice(step.skill_area, SkillArea, "skill_area")
    return {
        "what": require_text(step.what, "step", MEDIUM),
        "resource_kind": kind.value,
        "responsible": require_text(step.responsible, "who_is_responsible", RESPONSIBLE_MAX),
        "due_on": step.due_on,
        "before_next_session": bool(step.before_next_session),
        "service_id": step.service_id or None,
        "support_person_id": step.support_person_id or None,
        "quick_win": bool(step.quick_win),
        "skill_area": skill.value if skill else None,
    }


class NotHisRecord(RuleBroken):
    def __init__(self, what: str) -> None:
        thing = tr("Errors", THINGS[what]) if what in THINGS else what
        super().__init__(
            tr("Errors", "that {thing} belongs to someone else's plan").format(thing=thing)
        )


def live_goal_of(session: Session, goal_id: str, man_id: str | None = None) -> Goal:
    """A live goal of a live man (of ``man_id`` when given), else NotFound / NotHisRecord."""
    goal = get_live(session, Goal, goal_id, "goal")
    if man_id is not None and goal.participant_id != man_id:
        raise NotHisRecord("goal")
    get_live(session, Participant, goal.participant_id, "man")
    return goal


def new_step(session: Session, goal: Goal, step: StepInput) -> Step:
    """Add a checked step to ``goal`` in the caller's transaction."""
    fields = step_fields(session, goal, step)
    row = Step(participant_id=goal.participant_id, goal_id=goal.id, **fields)
    session.add(row)
    return row


# --- goals -----------------------------------------------------------------------------------


def add_goal(vault: Vault, man_id: str, goal: GoalInput) -> str:
    """A new goal, as he put it. Returns its id."""
    with vault.write() as session:
        get_live(session, Participant, man_id, "man")
        row = Goal(
            participant_id=man_id,
            status=GoalStatus.OPEN.value,
            **_goal_fields(goal, vault.clock.today(), goal.set_on or vault.clock.today()),
        )
        session.add(row)
        session.flush()
        refresh_search(session, man_id)
        return row.id


def edit_goal(vault: Vault, goal_id: str, goal: GoalInput) -> None:
    """Change a goal's wording, horizon, domain or date; its steps' due dates must still fit."""
    with vault.write() as session:
        row = live_goal_of(session, goal_id)
        set_on = goal.set_on or row.set_on  # no date given: the goal keeps the day it was set
        fields = _goal_fields(goal, vault.clock.today(), set_on)
        for step in _live_steps(session, [goal_id]):
            check_due_date(step.due_on, set_on, "set_on")
        for key, value in fields.items():
            setattr(row, key, value)
        session.flush()
        refresh_search(session, row.participant_id)


def set_goal_status(
    vault: Vault,
    goal_id: str,
    status: GoalStatus | str,
    reason: str | None = None,
    changed_on: date | None = None,
) -> None:
    """Set a goal's status with why and when (P8, P13): achieved, changed or dropped keep the
    reason and the day (today when none is given); open again clears both."""
    value = choice(status, GoalStatus, "goal_status")
    why = optional_text(reason, "status_reason", MEDIUM)
    today = vault.clock.today()
    with vault.write() as session:
        row = live_goal_of(session, goal_id)
        if value is GoalStatus.OPEN:
            why, day = None, None
        else:
            day = changed_on or today
            if day > today:
                raise ValidationError(
                    "status_changed_on", tr("Errors", "That day is still to come.")
                )
            if day < row.set_on:
                raise ValidationError(
                    "status_changed_on",
                    tr("Errors", "That day is before the goal was set. Check the date."),
                )
        row.status = value.value
        row.status_reason = why
        row.status_changed_on = day


def remove_goal(vault: Vault, goal_id: str) -> None:
    """Tombstone a goal and its steps (kept for sync, gone from the plan and search)."""
    with vault.write() as session:
        row = live_goal_of(session, goal_id)
        for step in _live_steps(session, [goal_id]):
            step.deleted = True
        row.deleted = True
        session.flush()
        refresh_search(session, row.participant_id)


# --- steps -----------------------------------------------------------------------------------


def add_step(vault: Vault, goal_id: str, step: StepInput) -> str:
    with vault.write() as session:
        goal = live_goal_of(session, goal_id)
        row = new_step(session, goal, step)
        session.flush()
        return row.id


def edit_step(vault: Vault, step_id: str, step: StepInput) -> None:
    """Change what a step is, who is responsible, its link or its date (not its outcome)."""
    with vault.write() as session:
        row = get_live(session, Step, step_id, "step")
        goal = live_goal_of(session, row.goal_id)
        for key, value in step_fields(session, goal, step).items():
            setattr(row, key, value)


def set_step_status(
    vault: Vault, step_id: str, status: StepStatus | str, what_happened: str | None = None
) -> None:
    """Mark a step outside a review: done, not done, dropped or open again, and what happened."""
    with vault.write() as session:
        row = get_live(session, Step, step_id, "step")
        apply_outcome(
            row, choice(status, StepStatus, "step_status"), what_happened, vault.clock.today()
        )


def apply_outcome(
    row: Step, status: StepStatus, why: str | None, on: date, *, latest: bool = False
) -> None:
    """Set a step's status and what happened (checked); finished steps get a closing date.

    ``latest``: a review's outcome replaces what happened, even with nothing (each review keeps its
    own reason in its step review, so an old "not done" reason is not printed beside "Done").
    Otherwise an empty ``why`` leaves what happened as it was.
    """
    row.status = status.value
    text = optional_text(why, "what_happened", MEDIUM)
    if text is not None or latest:
        row.what_happened = text
    row.closed_on = None if status.value in STILL_TO_DO else on


def remove_step(vault: Vault, step_id: str) -> None:
    with vault.write() as session:
        get_live(session, Step, step_id, "step").deleted = True


# --- reading the plan ------------------------------------------------------------------------


def _live_steps(session: Session, goal_ids: Sequence[str]) -> list[Step]:
    if not goal_ids:
        return []
    return list(
        session.scalars(
            select(Step).where(Step.goal_id.in_(goal_ids), alive(Step)).order_by(Step.created_at)
        )
    )


def is_overdue(status: str, due_on: date | None, today: date) -> bool:
    return status in STILL_TO_DO and due_on is not None and due_on < today


def _names(
    session: Session, model: type[Service] | type[SupportPerson], ids: Iterable[str | None]
) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.execute(select(model.id, model.name).where(model.id.in_(wanted))).all()
    return {row_id: name for row_id, name in rows}


def step_views(session: Session, steps: Sequence[Step], today: date) -> list[StepView]:
    services = _names(session, Service, (s.service_id for s in steps))
    people = _names(session, SupportPerson, (s.support_person_id for s in steps))
    return [
        StepView(
            id=s.id,
            goal_id=s.goal_id,
            what=s.what,
            resource_kind=s.resource_kind,
            responsible=s.responsible,
            due_on=s.due_on,
            before_next_session=s.before_next_session,
            status=s.status,
            what_happened=s.what_happened,
            quick_win=s.quick_win,
            skill_area=s.skill_area,
            service_id=s.service_id,
            service_name=services.get(s.service_id or ""),
            support_person_id=s.support_person_id,
            support_person_name=people.get(s.support_person_id or ""),
            closed_on=s.closed_on,
            overdue=is_overdue(s.status, s.due_on, today),
        )
        for s in steps
    ]


def plan_in(session: Session, man_id: str, today: date) -> PlanView:
    """His whole plan read in the caller's session (see ``plan_for``)."""
    man = get_live(session, Participant, man_id, "man")
    goals = list(
        session.scalars(
            select(Goal)
            .where(Goal.participant_id == man_id, alive(Goal))
            .order_by(Goal.set_on, Goal.created_at)
        )
    )
    steps = step_views(session, _live_steps(session, [g.id for g in goals]), today)
    by_goal: dict[str, list[StepView]] = {}
    for view in steps:
        by_goal.setdefault(view.goal_id, []).append(view)
    goal_views = tuple(
        GoalView(
            g.id,
            g.title,
            g.his_words,
            g.horizon,
            g.domain,
            g.status,
            g.set_on,
            tuple(by_goal.get(g.id, ())),
            g.status_reason,
            g.status_changed_on,
        )
        for g in goals
    )
    return PlanView(
        man_id=man_id,
        preferred_name=man.preferred_name,
        goals=goal_views,
        open_steps=sum(v.status in STILL_TO_DO for v in steps),
        overdue_steps=sum(v.overdue for v in steps),
    )


def plan_for(vault: Vault, man_id: str) -> PlanView:
    """His whole plan: every live goal (oldest first) with its steps, and the counts that matter."""
    with vault.read() as session:
        return plan_in(session, man_id, vault.clock.today())
