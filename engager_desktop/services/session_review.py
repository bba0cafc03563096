"""A session and its action-plan review in one save (P13, P9): the workbook page, never typed twice.

``prepare_review`` gives what a review wizard pre-fills: the steps still to do (with their goal),
the last distress rating, the next session due for the phase he is in now (after release a
session once planned in prison is never proposed) and the place a session is usually held now
(in prison while he is inside, else the community place last used). ``save_review`` then writes,
in ONE transaction, the session (held or missed), its distress rating, what happened to each step
(a StepReview plus the step's own status and what happened), new steps and the next session. If
any part is refused nothing is written. ``workbook_page`` reads back what a printed page carries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import MeetingPlace, Phase, StepStatus
from engager_desktop.domain.validation import (
    ValidationError,
    check_score,
    optional_text,
    require_text,
)
from engager_desktop.i18n import tr
from engager_desktop.services.action_plan import (
    STILL_TO_DO,
    StepInput,
    StepView,
    alive,
    apply_outcome,
    choice,
    live_goal_of,
    step_fields,
    step_views,
)
from engager_desktop.services.common import RuleBroken, get_live, refresh_search
from engager_desktop.services.meetings import local_day, now_stored, stored_time
from engager_desktop.services.records import check_whole_number
from engager_desktop.store.orm import (
    DistressRating,
    Goal,
    Meeting,
    Participant,
    Step,
    StepReview,
)
from engager_desktop.store.orm.base import LONG, MEDIUM, SHORT, new_id
from engager_desktop.store.vault import Vault

OUTCOMES = (StepStatus.DONE, StepStatus.NOT_DONE, StepStatus.DROPPED)
INSIDE = frozenset({Phase.ENGAGEMENT.value, Phase.IN_PRISON.value})
PRISON = MeetingPlace.PRISON.value
MAX_MINUTES = 480  # a session recorded as lasting longer is a typing slip


@dataclass(frozen=True)
class StepOutcome:
    """What happened to one step since last time: done, not done, or dropped.

    A step not done stays open for next time (``carry_on``) unless the practitioner closes it.
    """

    step_id: str
    outcome: StepStatus | str
    why: str | None = None
    carry_on: bool = True


@dataclass(frozen=True)
class NewStep:
    goal_id: str
    step: StepInput


@dataclass(frozen=True)
class NextSession:
    starts_at: datetime
    place: MeetingPlace | str
    location: str | None = None


@dataclass(frozen=True)
class ReviewInput:
    starts_at: datetime
    place: MeetingPlace | str
    attended: bool
    location: str | None = None
    follow_up: str | None = None  # needed when he missed it
    distress: int | None = None
    distress_note: str | None = None
    reviewed: str | None = None
    notes: str | None = None
    outcomes: Sequence[StepOutcome] = ()
    new_steps: Sequence[NewStep] = ()
    next_session: NextSession | None = None
    planned_meeting_id: str | None = None  # the planned session being held now, if any
    minutes: int | None = None  # how long it lasted, when he came


@dataclass(frozen=True)
class OpenStep:
    step: StepView
    goal_title: str


@dataclass(frozen=True)
class PlannedSession:
    id: str
    starts_at: datetime
    place: str
    location: str | None


@dataclass(frozen=True)
class LastDistress:
    score: int
    note: str | None
    rated_on: date


@dataclass(frozen=True)
class ReviewDraft:
    man_id: str
    preferred_name: str
    open_steps: tuple[OpenStep, ...]
    last_distress: LastDistress | None
    planned: PlannedSession | None  # the next session due for his phase, not yet recorded
    usual_place: str = MeetingPlace.COMMUNITY.value  # where sessions are held in his phase now


@dataclass(frozen=True)
class ReviewSaved:
    meeting_id: str
    step_review_ids: tuple[str, ...]
    new_step_ids: tuple[str, ...]
    next_meeting_id: str | None


@dataclass(frozen=True)
class WorkbookLine:
    step_id: str
    goal_title: str
    what: str
    responsible: str
    outcome: str
    why: str | None


@dataclass(frozen=True)
class WorkbookPage:
    """What the printed workbook page for one session carries."""

    meeting_id: str
    held_on: date
    preferred_name: str
    reviewed: tuple[WorkbookLine, ...]
    before_next_time: tuple[StepView, ...] = field(default_factory=tuple)
    next_session: datetime | None = None


# --- pre-fill --------------------------------------------------------------------------------


def _goal_titles(session: Session, goal_ids: set[str]) -> dict[str, str]:
    if not goal_ids:
        return {}
    rows = session.execute(select(Goal.id, Goal.title).where(Goal.id.in_(goal_ids)))
    return dict(rows.all())


def _open_steps(session: Session, man_id: str, today: date) -> list[Step]:
    return list(
        session.scalars(
            select(Step)
            .join(Goal, Goal.id == Step.goal_id)
            .where(
                Step.participant_id == man_id,
                alive(Step),
                Step.status.in_(STILL_TO_DO),
                alive(Goal),
            )
            .order_by(Step.due_on.is_(None), Step.due_on, Step.created_at)
        )
    )


def is_inside(man: Participant, today: date) -> bool:
    """Whether he is still in prison: before release, or through the gate with a later date."""
    if man.phase in INSIDE:
        return True
    if man.phase == Phase.THROUGH_THE_GATE.value:
        return man.expected_release is None or man.expected_release > today
    return False


def _planned(session: Session, man_id: str, inside: bool) -> Meeting | None:
    """The earliest session planned and not yet recorded that fits where he is now."""
    query = select(Meeting).where(
        Meeting.participant_id == man_id, alive(Meeting), Meeting.attended.is_(None)
    )
    if not inside:
        query = query.where(Meeting.place != PRISON)
    return session.scalars(query.order_by(Meeting.starts_at).limit(1)).first()


def _usual_place(session: Session, man_id: str, inside: bool) -> str:
    """In prison while he is inside; else the place of the last session held outside."""
    if inside:
        return PRISON
    last = session.scalar(
        select(Meeting.place)
        .where(
            Meeting.participant_id == man_id,
            alive(Meeting),
            Meeting.attended.is_(True),
            Meeting.place != PRISON,
        )
        .order_by(Meeting.starts_at.desc())
        .limit(1)
    )
    return last or MeetingPlace.COMMUNITY.value


def usual_place(vault: Vault, man_id: str) -> str:
    """Where a session with him is held in his phase now (for booking sessions ahead)."""
    with vault.read() as session:
        man = get_live(session, Participant, man_id, "man")
        return _usual_place(session, man_id, is_inside(man, vault.clock.today()))


def prepare_review(vault: Vault, man_id: str) -> ReviewDraft:
    """Everything already recorded that a review starts from, so nothing is typed twice."""
    today = vault.clock.today()
    with vault.read() as session:
        man = get_live(session, Participant, man_id, "man")
        steps = _open_steps(session, man_id, today)
        titles = _goal_titles(session, {s.goal_id for s in steps})
        views = step_views(session, steps, today)
        rating = session.scalars(
            select(DistressRating)
            .where(DistressRating.participant_id == man_id, alive(DistressRating))
            .order_by(DistressRating.rated_on.desc(), DistressRating.created_at.desc())
            .limit(1)
        ).first()
        inside = is_inside(man, today)
        planned = _planned(session, man_id, inside)
        return ReviewDraft(
            man_id=man_id,
            preferred_name=man.preferred_name,
            open_steps=tuple(OpenStep(v, titles.get(v.goal_id, "")) for v in views),
            last_distress=LastDistress(rating.score, rating.note, rating.rated_on)
            if rating
            else None,
            planned=PlannedSession(planned.id, planned.starts_at, planned.place, planned.location)
            if planned
            else None,
            usual_place=_usual_place(session, man_id, inside),
        )


# --- save ------------------------------------------------------------------------------------


def _check_meeting(review: ReviewInput, now: datetime) -> dict[str, object]:
    place = choice(review.place, MeetingPlace, "place").value
    starts_at = stored_time(review.starts_at)
    if review.attended and starts_at.date() > now.date():
        raise ValidationError(
            "starts_at", tr("Errors", "A session cannot be recorded as held on a later day.")
        )
    fields: dict[str, object] = {
        "starts_at": starts_at,
        "place": place,
        "location": optional_text(review.location, "location", SHORT),
        "attended": bool(review.attended),
        "reviewed": optional_text(review.reviewed, "what_was_reviewed", MEDIUM),
        "notes": optional_text(review.notes, "notes", LONG),
        "follow_up": optional_text(review.follow_up, "follow_up", MEDIUM),
        "distress": None,
        "minutes": None,
    }
    if review.attended:
        check_whole_number(review.minutes, "minutes", 1, MAX_MINUTES)
        fields["minutes"] = review.minutes
        if review.distress is not None:
            fields["distress"] = check_score(review.distress, "distress")
        return fields
    if review.distress is not None or review.outcomes or review.minutes is not None:
        raise ValidationError(
            "attended",
            tr(
                "Errors",
                "He missed this session, so there is no rating, length or step review to record.",
            ),
        )
    fields["follow_up"] = require_text(review.follow_up, "follow_up", MEDIUM)
    return fields


def _planned_row(session: Session, man_id: str, planned_id: str | None) -> Meeting | None:
    if planned_id is None:
        return None
    row = get_live(session, Meeting, planned_id, "session")
    if row.participant_id != man_id or row.attended is not None:
        raise RuleBroken(
            tr("Errors", "that planned session is not one of his still to be recorded")
        )
    return row


def _steps_for(session: Session, man_id: str, outcomes: Sequence[StepOutcome]) -> dict[str, Step]:
    ids = [o.step_id for o in outcomes]
    if len(set(ids)) != len(ids):
        raise ValidationError(
            "outcomes", tr("Errors", "A step can only be reviewed once in a session.")
        )
    if not ids:
        return {}
    rows = session.scalars(select(Step).where(Step.id.in_(ids), alive(Step))).all()
    found = {row.id: row for row in rows}
    for step_id in ids:
        row = found.get(step_id)
        if row is None or row.participant_id != man_id:
            raise ValidationError(
                "outcomes", tr("Errors", "One of the steps reviewed is not in his plan.")
            )
        if row.status not in STILL_TO_DO:
            raise ValidationError(
                "outcomes", tr("Errors", "One of the steps reviewed is already finished.")
            )
    return found


@dataclass(frozen=True)
class _Checked:
    """One step outcome, checked: the step, what to record, its new status and why."""

    step: Step
    outcome: StepStatus
    status: StepStatus
    why: str | None


def _checked_outcomes(
    session: Session, man_id: str, outcomes: Sequence[StepOutcome]
) -> list[_Checked]:
    steps = _steps_for(session, man_id, outcomes)
    checked = []
    for item in outcomes:
        outcome = choice(item.outcome, StepStatus, "outcome")
        if outcome not in OUTCOMES:
            raise ValidationError(
                "outcome", tr("Errors", "Mark each step done, not done or dropped.")
            )
        why = optional_text(item.why, "why", MEDIUM)
        carried = outcome is StepStatus.NOT_DONE and item.carry_on
        checked.append(
            _Checked(steps[item.step_id], outcome, StepStatus.OPEN if carried else outcome, why)
        )
    return checked


def _next_session(man_id: str, after: object, nxt: NextSession | None) -> Meeting | None:
    if nxt is None:
        return None
    starts_at = stored_time(nxt.starts_at)
    if not isinstance(after, datetime) or starts_at <= after:
        raise ValidationError(
            "next_session", tr("Errors", "The next session must come after this one.")
        )
    return Meeting(
        id=new_id(),
        participant_id=man_id,
        starts_at=starts_at,
        place=choice(nxt.place, MeetingPlace, "next_place").value,
        location=optional_text(nxt.location, "next_location", SHORT),
        attended=None,
    )


def _new_steps(session: Session, man_id: str, wanted: Sequence[NewStep]) -> list[Step]:
    rows = []
    for item in wanted:
        goal = live_goal_of(session, item.goal_id, man_id)
        fields = step_fields(session, goal, item.step)
        rows.append(Step(id=new_id(), participant_id=man_id, goal_id=goal.id, **fields))
    return rows


def save_review(vault: Vault, man_id: str, review: ReviewInput) -> ReviewSaved:
    """Record the session and the plan review together; all of it or, on any refusal, none.

    Everything is read and checked first, then written, so the transaction flushes once.
    """
    fields = _check_meeting(review, now_stored(vault))
    distress_note = optional_text(review.distress_note, "distress_note", MEDIUM)
    with vault.write() as session:
        get_live(session, Participant, man_id, "man")
        planned = _planned_row(session, man_id, review.planned_meeting_id)
        outcomes = _checked_outcomes(session, man_id, review.outcomes)
        added = _new_steps(session, man_id, review.new_steps)
        nxt = _next_session(man_id, fields["starts_at"], review.next_session)
        # Everything is checked: write it.
        meeting = planned or Meeting(id=new_id(), participant_id=man_id)
        for key, value in fields.items():
            setattr(meeting, key, value)
        session.add(meeting)
        held_on = local_day(meeting.starts_at)
        if meeting.distress is not None:
            session.add(
                DistressRating(
                    id=new_id(),
                    participant_id=man_id,
                    rated_on=held_on,
                    score=meeting.distress,
                    meeting_id=meeting.id,
                    note=distress_note,
                )
            )
        reviews = []
        for item in outcomes:
            apply_outcome(item.step, item.status, item.why, held_on, latest=True)
            reviews.append(
                StepReview(
                    id=new_id(),
                    participant_id=man_id,
                    meeting_id=meeting.id,
                    step_id=item.step.id,
                    outcome=item.outcome.value,
                    why=item.why,
                )
            )
        session.add_all([*reviews, *added, *([nxt] if nxt else [])])
        if meeting.notes:
            refresh_search(session, man_id)
        return ReviewSaved(
            meeting.id,
            tuple(r.id for r in reviews),
            tuple(s.id for s in added),
            nxt.id if nxt else None,
        )


# --- read back -------------------------------------------------------------------------------


def workbook_page(vault: Vault, meeting_id: str) -> WorkbookPage:
    """The workbook page for one session: each step reviewed (done or not, and why), the steps
    for before next time, and when that is."""
    today = vault.clock.today()
    with vault.read() as session:
        meeting = get_live(session, Meeting, meeting_id, "session")
        man = get_live(session, Participant, meeting.participant_id, "man")
        rows = session.execute(
            select(StepReview, Step)
            .join(Step, Step.id == StepReview.step_id)
            .where(StepReview.meeting_id == meeting_id, alive(StepReview))
            .order_by(StepReview.created_at)
        ).all()
        titles = _goal_titles(session, {step.goal_id for _, step in rows})
        lines = tuple(
            WorkbookLine(
                step.id,
                titles.get(step.goal_id, ""),
                step.what,
                step.responsible,
                review.outcome,
                review.why,
            )
            for review, step in rows
        )
        following = session.scalars(
            select(Meeting.starts_at)
            .where(
                Meeting.participant_id == man.id,
                alive(Meeting),
                Meeting.starts_at > meeting.starts_at,
            )
            .order_by(Meeting.starts_at)
            .limit(1)
        ).first()
        ahead = [s for s in _open_steps(session, man.id, today) if s.before_next_session]
        before_next = tuple(step_views(session, ahead, today))
        return WorkbookPage(
            meeting.id,
            local_day(meeting.starts_at),
            man.preferred_name,
            lines,
            before_next,
            following,
        )
