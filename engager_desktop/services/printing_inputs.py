"""One man's records mapped onto each printed document's input, one function per kind.

Each function reads in the caller's session and returns the worksheet input. What may not be
printed never reaches the input: sensitive parts stay out unless the practitioner ticked them in,
and in a copy meant for someone else his contact details and whereabouts stay out unless he has
agreed to share them. Whatever was recorded but left out is noted in ``Context.left_out`` so the
practitioner is told what and why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import (
    GoalDomain,
    GoalStatus,
    Horizon,
    Readiness,
    ResourceKind,
    StepStatus,
    StrengthKind,
)
from engager_desktop.services import printing_reads as reads
from engager_desktop.services.action_plan import GoalView, StepView, plan_in
from engager_desktop.services.participants import require_man
from engager_desktop.services.understanding import understanding_in
from engager_desktop.store.orm import (
    Background,
    EndingPlan,
    Participant,
    Pledge,
    ReleasePlan,
    SupportPerson,
)
from engager_desktop.store.orm.base import OwnedByMan
from engager_desktop.worksheets import inputs as i
from engager_desktop.worksheets.labels import goal_names

E = TypeVar("E", bound=Enum)
M = TypeVar("M", bound=OwnedByMan)

LEFT_OUT_CONTACT = (
    "His phone number and other ways to reach him: he has not agreed to share his contact details."
)
LEFT_OUT_WHEREABOUTS = (
    "Where he will live or stay, and where he is now: he has not agreed to share this."
)
SENSITIVE_NOTE = "left out because it is sensitive; tick 'Include sensitive parts' to print it."


def more_note(what: str, total: int, shown: int) -> str:
    """The practitioner's note for a list cut short on paper (the paper says so too)."""
    return f"{what}: {total} recorded; the first {shown} are printed and the paper says so."


@dataclass
class Context:
    """What one print may show, and a note of whatever recorded was left out (and why)."""

    today: date
    now: datetime
    worker: i.WorkerLine
    include_sensitive: bool = False
    for_others: bool = False
    share_contact: bool = False
    share_whereabouts: bool = False
    full_name: bool = False  # a copy for a service names him fully
    quiet: bool = False  # contact and whereabouts held back for another reason, already noted
    left_out: list[str] = field(default_factory=list)

    @property
    def shows_contact(self) -> bool:
        return not self.for_others or self.share_contact

    @property
    def shows_whereabouts(self) -> bool:
        return not self.for_others or self.share_whereabouts

    def _note(self, message: str) -> None:
        if message not in self.left_out:
            self.left_out.append(message)

    def contact(self, value: str | None) -> str | None:
        """``value`` if his contact details may be printed; otherwise None (noted if recorded)."""
        if self.shows_contact or not _has(value):
            return value
        if not self.quiet:
            self._note(LEFT_OUT_CONTACT)
        return None

    def whereabouts(self, value: str | None) -> str | None:
        if self.shows_whereabouts or not _has(value):
            return value
        if not self.quiet:
            self._note(LEFT_OUT_WHEREABOUTS)
        return None

    def sensitive(self, value: str | None, what: str) -> str | None:
        if self.include_sensitive or not _has(value):
            return value
        self._note(f"{what}: {SENSITIVE_NOTE}")
        return None


def _has(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _enum(kind: type[E], value: object) -> E | None:
    try:
        return kind(value)
    except ValueError:
        return None


def _latest(session: Session, model: type[M], man_id: str) -> M | None:
    return session.scalars(
        select(model)
        .where(model.participant_id == man_id, model.deleted.is_(False))
        .order_by(model.updated_at.desc())
        .limit(1)
    ).first()


def _joined(*parts: str | None) -> str | None:
    text = "\n".join(part.strip() for part in parts if part and part.strip())
    return text or None


def man_summary(man: Participant, ctx: Context) -> i.ManSummary:
    """Who it is for, named as he wants to be addressed."""
    return i.ManSummary(
        preferred_name=man.preferred_name,
        prison_number=man.prison_number,
        establishment=ctx.whereabouts(man.establishment),
        full_name=f"{man.given_name} {man.family_name}".strip() if ctx.full_name else None,
    )


def step_line(step: StepView, goal: str | None = None) -> i.StepLine:
    return i.StepLine(
        what=step.what,
        resource_kind=_enum(ResourceKind, step.resource_kind),
        resource_name=step.service_name or step.support_person_name,
        who=step.responsible,
        due_on=step.due_on,
        before_next_session=step.before_next_session,
        status=_enum(StepStatus, step.status),
        what_happened=step.what_happened,
        quick_win=step.quick_win,
        goal=goal,
    )


def goal_line(goal: GoalView, ctx: Context, *, with_steps: bool = True) -> i.GoalLine:
    steps = tuple(step_line(step) for step in goal.steps if step.status != StepStatus.DROPPED.value)
    return i.GoalLine(
        title=goal.title,
        his_words=goal.his_words,
        horizon=_enum(Horizon, goal.horizon),
        domain=_enum(GoalDomain, goal.domain),
        status=_enum(GoalStatus, goal.status),
        steps=steps if with_steps else (),
    )


def _live_goals(session: Session, man_id: str, ctx: Context) -> tuple[GoalView, ...]:
    plan = plan_in(session, man_id, ctx.today)
    return tuple(goal for goal in plan.goals if goal.status != GoalStatus.DROPPED.value)


def _common(man: Participant, ctx: Context) -> dict[str, Any]:
    return {"man": man_summary(man, ctx), "printed_on": ctx.today, "worker": ctx.worker}


def understanding_input(session: Session, man_id: str, ctx: Context) -> i.UnderstandingInput:
    man = require_man(session, man_id)
    record = understanding_in(session, man)
    life, family = record.life_story, record.family
    return i.UnderstandingInput(
        **_common(man, ctx),
        priorities=tuple(
            i.PriorityLine(p.his_words, p.as_goal_or_need) for p in record.priority_problems
        ),
        goals=tuple(goal_line(g, ctx, with_steps=False) for g in _live_goals(session, man_id, ctx)),
        strengths=tuple(s.text for s in record.strengths if s.kind == StrengthKind.HAS.value),
        skills_wanted=tuple(s.text for s in record.strengths if s.kind == StrengthKind.WANTS.value),
        readiness=_enum(Readiness, record.readiness.readiness),
        readiness_note=record.readiness.readiness_note,
        quick_wins=tuple(q.text for q in record.quick_wins),
        doing_your_time=life.doing_your_time,
        basic_needs=life.basic_needs_worries,
        trauma=ctx.sensitive(life.trauma, "Hard things that have happened to him"),
        substance_use=ctx.sensitive(
            _joined(life.substance_use, life.substance_links), "Drink and drugs"
        ),
        family_restrictions=ctx.sensitive(
            family.contact_restrictions, "Limits on contact with family"
        ),
        risk_notes=ctx.sensitive(man.risk_notes, "Risk notes"),
    )


def action_plan_input(session: Session, man_id: str, ctx: Context) -> i.ActionPlanInput:
    man = require_man(session, man_id)
    return i.ActionPlanInput(
        **_common(man, ctx),
        reviewed_on=reads.last_meeting_held(session, man_id),
        goals=tuple(goal_line(g, ctx) for g in _live_goals(session, man_id, ctx)),
    )


def workbook_input(session: Session, man_id: str, ctx: Context) -> i.WorkbookInput:
    """The open steps agreed for before next time (or due by then), soonest first."""
    man = require_man(session, man_id)
    meeting = reads.next_meeting(session, man_id, ctx.now)
    by = meeting.date() if meeting else None
    chosen: list[tuple[StepView, str | None]] = []
    goals = _live_goals(session, man_id, ctx)
    names = goal_names([(goal.title, goal.his_words) for goal in goals])  # his words first
    for goal, name in zip(goals, names, strict=True):
        for step in goal.steps:
            due_by_then = by is not None and step.due_on is not None and step.due_on <= by
            if step.status == StepStatus.OPEN.value and (step.before_next_session or due_by_then):
                chosen.append((step, name))
    chosen.sort(key=lambda pair: (pair[0].due_on or date.max, not pair[0].quick_win))
    return i.WorkbookInput(
        **_common(man, ctx),
        next_meeting=meeting,
        steps=tuple(step_line(step, goal) for step, goal in chosen),
    )


def pledge_input(session: Session, man_id: str, ctx: Context) -> i.PledgeInput:
    man = require_man(session, man_id)
    pledge = _latest(session, Pledge, man_id)
    if pledge is None:
        return i.PledgeInput(**_common(man, ctx))
    return i.PledgeInput(
        **_common(man, ctx),
        his_commitments=pledge.his_commitments,
        worker_commitments=pledge.practitioner_commitments,
        signed_on=pledge.signed_on,
    )


def _gate_meeter(session: Session, man_id: str, plan: ReleasePlan | None, ctx: Context) -> str:
    peer = session.scalar(
        select(SupportPerson.name)
        .where(
            SupportPerson.participant_id == man_id,
            SupportPerson.deleted.is_(False),
            SupportPerson.meets_at_gate.is_(True),
        )
        .order_by(SupportPerson.created_at)
        .limit(1)
    )
    if peer:
        return str(peer)
    if plan is not None and _has(plan.gate_meeter_name):
        return str(plan.gate_meeter_name)
    if plan is not None and plan.gate_meeter == "practitioner" and ctx.worker.name:
        return ctx.worker.name
    return ""


def _ready(plan: ReleasePlan | None, name: str) -> bool | None:
    return None if plan is None else bool(getattr(plan, name))


def release_input(session: Session, man_id: str, ctx: Context) -> i.ReleaseInput:
    man = require_man(session, man_id)
    plan = _latest(session, ReleasePlan, man_id)
    background = _latest(session, Background, man_id)
    release_day = (plan.release_date if plan else None) or man.expected_release
    first_day = max(release_day or ctx.today, ctx.today)
    appointments = reads.appointments_from(session, man_id, first_day)
    more = max(0, len(appointments) - reads.APPOINTMENTS_SHOWN)
    if more:
        ctx.left_out.append(more_note("Appointments", len(appointments), reads.APPOINTMENTS_SHOWN))
        appointments = appointments[: reads.APPOINTMENTS_SHOWN]
    if not ctx.shows_whereabouts:
        appointments = [
            i.AppointmentLine(a.starts_at, a.with_whom, ctx.whereabouts(a.location), a.note)
            for a in appointments
        ]
    services = reads.services_he_uses(session, man_id, community_only=True)
    return i.ReleaseInput(
        **_common(man, ctx),
        release_date=release_day,
        going_to=ctx.whereabouts(plan.going_to if plan else None),
        accommodation=ctx.whereabouts(plan.accommodation if plan else None),
        gate_meeter_name=_gate_meeter(session, man_id, plan, ctx) or None,
        gate_meeting_place=ctx.whereabouts(plan.gate_meeting_place if plan else None),
        first_24_hours=plan.first_24_hours if plan else None,
        appointments=tuple(appointments),
        appointments_more=more,
        what_to_bring=plan.what_to_bring if plan else None,
        phone_number=ctx.contact(plan.phone_number if plan else None),
        other_ways_to_reach=ctx.contact(plan.other_ways_to_reach if plan else None),
        medication=plan.medication if plan else None,
        gp_follow_up=plan.gp_follow_up if plan else None,
        services=reads.lines_of(services or reads.services_he_uses(session, man_id)),
        id_documents=_ready(plan, "id_documents"),
        bank_account=_ready(plan, "bank_account"),
        benefit_claim_prepared=_ready(plan, "benefit_claim_prepared"),
        gp_registered=_ready(plan, "gp_registered"),
        medication_arranged=_ready(plan, "medication_arranged"),
        phone_working=_ready(plan, "phone_working"),
        contact_restrictions=ctx.sensitive(
            background.contact_restrictions if background else None, "Limits on contact"
        ),
    )


def services_card_input(session: Session, man_id: str, ctx: Context) -> i.ServicesCardInput:
    man = require_man(session, man_id)
    return i.ServicesCardInput(
        **_common(man, ctx), services=reads.lines_of(reads.services_he_uses(session, man_id))
    )


def family_sheet_input(session: Session, man_id: str, ctx: Context) -> i.FamilySheetInput:
    """For his family: always a copy for others, so contact and whereabouts need consent."""
    man = require_man(session, man_id)
    plan = _latest(session, ReleasePlan, man_id)
    going_to = (plan.going_to or plan.accommodation) if plan else None
    services = reads.family_services(session)
    shown = reads.FAMILY_SERVICES_SHOWN
    if len(services) > shown:
        ctx.left_out.append(more_note("Services for families", len(services), shown))
    return i.FamilySheetInput(
        **_common(man, ctx),
        release_date=(plan.release_date if plan else None) or man.expected_release,
        going_to=ctx.whereabouts(going_to),
        phone_number=ctx.contact(plan.phone_number if plan else None),
        services=reads.lines_of(services[:shown]),
        services_more=max(0, len(services) - shown),
    )


def ending_input(session: Session, man_id: str, ctx: Context) -> i.EndingInput:
    man = require_man(session, man_id)
    plan = _latest(session, EndingPlan, man_id)
    services = reads.lines_of(reads.services_he_uses(session, man_id, community_only=True))
    if plan is None:
        return i.EndingInput(**_common(man, ctx), services=services)
    return i.EndingInput(
        **_common(man, ctx),
        last_meetings=plan.tapering,
        how_to_mark_it=plan.how_to_mark_it,
        signs_to_watch=plan.signs_to_watch,
        what_helps=plan.what_helps,
        who_to_contact=plan.who_to_contact,
        mentoring=plan.mentoring,
        services_text=plan.services,
        family_and_friends=plan.family_and_friends,
        self_care=plan.self_care,
        services=services,
        aftercare_call_on=plan.aftercare_call_on,
    )


def links_map_input(session: Session, man_id: str, ctx: Context) -> i.LinksMapInput:
    man = require_man(session, man_id)
    entries = sorted(
        understanding_in(session, man).links_map, key=lambda e: e.recorded_on or date.min
    )
    return i.LinksMapInput(
        **_common(man, ctx),
        entries=tuple(
            i.LinksMapLine(e.situation, e.thoughts, e.feelings, e.behaviour, e.outcomes)
            for e in entries
        ),
    )


ForMan = Callable[[Session, str, Context], Any]

# Kind name -> the function that fills its input for one man.
FOR_MAN: dict[str, ForMan] = {
    "understanding": understanding_input,
    "action-plan": action_plan_input,
    "workbook": workbook_input,
    "pledge": pledge_input,
    "release-plan": release_input,
    "services-card": services_card_input,
    "family-sheet": family_sheet_input,
    "ending": ending_input,
    "links-map": links_map_input,
}


def blank_input(input_type: type, man: Participant | None, ctx: Context) -> Any:
    """The empty form for in-cell use: nothing filled in but (if given) his name, the date and
    the practitioner's details."""
    if man is None:
        return input_type(printed_on=ctx.today, worker=ctx.worker)
    return input_type(**_common(man, ctx))
