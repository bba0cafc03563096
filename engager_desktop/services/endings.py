"""Planning a good ending (P23, P30-P33, P38): sessions and end date, tapering, blueprint, sign-off.

The number of sessions and the end date are agreed from the start and kept on the man's record.
The ending plan holds the tapering, how he wants to mark the ending, the relapse-prevention
blueprint and the four ways support carries on. Nothing ends without support in place (P38):
signing off is refused while no way of continuing support is arranged, and
``require_support_in_place`` lets any other ending (a phase move) make the same check inside its
own transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engager_desktop.domain import endings as rules
from engager_desktop.domain.enums import MeetingPlace
from engager_desktop.domain.validation import ValidationError, optional_text
from engager_desktop.i18n import tr
from engager_desktop.services.action_plan import alive, choice
from engager_desktop.services.common import RuleBroken, get_live
from engager_desktop.services.meetings import LONDON, local_day, now_stored, stored_time
from engager_desktop.store.orm import EndingPlan, Meeting, Participant
from engager_desktop.store.orm.base import MEDIUM, SHORT
from engager_desktop.store.vault import Vault

MAX_SESSIONS = 200
MAX_PLAN_DAYS = 2 * 366


@dataclass(frozen=True)
class EndingPlanInput:
    tapering: str | None = None
    how_to_mark_it: str | None = None
    signs_to_watch: str | None = None  # the blueprint: signs, what helps, who to contact
    what_helps: str | None = None
    who_to_contact: str | None = None
    mentoring: str | None = None  # the four ways support carries on (P32)
    services: str | None = None
    family_and_friends: str | None = None
    self_care: str | None = None
    aftercare_call_on: date | None = None
    peer_mentor_interest: bool = False


@dataclass(frozen=True)
class EndingPlanView:
    plan: EndingPlanInput
    signed_off_on: date | None
    signed_off_in_person: bool
    support_in_place_checked: bool
    closing_note: str | None


@dataclass(frozen=True)
class TaperingProposal:
    last_session: date
    end_date: date
    sessions_left: int
    dates: tuple[date, ...]


@dataclass(frozen=True)
class EndingCheck:
    checks: rules.EndingChecks
    sessions: rules.SessionsProgress

    @property
    def ready(self) -> bool:
        return self.checks.ready


# --- sessions and the end date (P23) ---------------------------------------------------------


def set_sessions_plan(
    vault: Vault, man_id: str, planned_sessions: int | None, planned_end: date | None
) -> None:
    """The number of sessions and the end date, agreed with him from the start."""
    if planned_sessions is not None and (
        isinstance(planned_sessions, bool) or not 1 <= planned_sessions <= MAX_SESSIONS
    ):
        raise ValidationError(
            "planned_sessions",
            tr("Errors", "Plan between 1 and {max_sessions} sessions.").format(
                max_sessions=MAX_SESSIONS
            ),
        )
    with vault.write() as session:
        man = get_live(session, Participant, man_id, "man")
        if planned_end is not None:
            started = man.created_at.date()
            if planned_end < started:
                raise ValidationError(
                    "planned_end", tr("Errors", "The end date is before the work began.")
                )
            if (planned_end - vault.clock.today()).days > MAX_PLAN_DAYS:
                raise ValidationError(
                    "planned_end", tr("Errors", "The end date is over two years away.")
                )
        man.planned_sessions = planned_sessions
        man.planned_end = planned_end


def _held(session: Session, man_id: str) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(Meeting)
        .where(Meeting.participant_id == man_id, alive(Meeting), Meeting.attended.is_(True))
    )
    return int(count or 0)


def sessions_progress(vault: Vault, man_id: str) -> rules.SessionsProgress:
    """Sessions held against the number agreed."""
    with vault.read() as session:
        man = get_live(session, Participant, man_id, "man")
        return rules.sessions_progress(_held(session, man_id), man.planned_sessions)


def propose_tapering(vault: Vault, man_id: str, *, any_day: bool = False) -> TaperingProposal:
    """Dates for the sessions left, spaced further apart towards the end date (P30).

    They avoid weekends and bank holidays unless ``any_day`` (the practitioner's choice).
    """
    today = vault.clock.today()
    with vault.read() as session:
        man = get_live(session, Participant, man_id, "man")
        if man.planned_sessions is None or man.planned_end is None:
            raise RuleBroken(tr("Errors", "agree a number of sessions and an end date first"))
        end = man.planned_end
        progress = rules.sessions_progress(_held(session, man_id), man.planned_sessions)
        latest = session.scalar(
            select(func.max(Meeting.starts_at)).where(
                Meeting.participant_id == man_id,
                alive(Meeting),
                Meeting.attended.is_(True),
            )
        )
    last = max(local_day(latest), today) if latest else today
    left = progress.remaining or 0
    try:
        dates = rules.propose_tapering(last, end, left)
    except rules.TaperingError as exc:
        raise RuleBroken(str(exc)) from None
    if not any_day:
        dates = rules.on_working_days(last, dates)
    return TaperingProposal(last, end, left, tuple(dates))


def accept_tapering(
    vault: Vault,
    man_id: str,
    dates: Sequence[date],
    *,
    at: time = time(10, 0),
    place: MeetingPlace | str = MeetingPlace.COMMUNITY,
) -> tuple[str, ...]:
    """Book the agreed tapering sessions as planned sessions and note the spacing in the plan."""
    where = choice(place, MeetingPlace, "place").value
    today = vault.clock.today()
    if any(day < today for day in dates):
        raise ValidationError(
            "dates", tr("Errors", "A tapering session cannot be booked in the past.")
        )
    with vault.write() as session:
        get_live(session, Participant, man_id, "man")
        rows = [
            Meeting(
                participant_id=man_id,
                place=where,
                attended=None,
                starts_at=stored_time(datetime.combine(day, at, LONDON)),
            )
            for day in sorted(set(dates))
        ]
        session.add_all(rows)
        plan = _plan_row(session, man_id, create=True)
        plan.tapering = "Sessions on " + ", ".join(d.strftime("%d %b %Y") for d in sorted(dates))
        session.flush()
        return tuple(r.id for r in rows)


# --- the ending plan -------------------------------------------------------------------------


def _plan_row(session: Session, man_id: str, *, create: bool = False) -> EndingPlan:
    row = session.scalars(
        select(EndingPlan)
        .where(EndingPlan.participant_id == man_id, alive(EndingPlan))
        .order_by(EndingPlan.created_at)
        .limit(1)
    ).first()
    if row is None:
        if not create:
            raise RuleBroken(tr("Errors", "there is no ending plan yet"))
        row = EndingPlan(participant_id=man_id)
        session.add(row)
    return row


def save_ending_plan(vault: Vault, man_id: str, plan: EndingPlanInput) -> str:
    """Create or update his ending plan: tapering, marking it, blueprint, continuing support."""
    values = asdict(plan)
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = optional_text(value, key, MEDIUM)
    if plan.aftercare_call_on is not None and plan.aftercare_call_on < vault.clock.today():
        raise ValidationError(
            "aftercare_call_on", tr("Errors", "The aftercare call date has already passed.")
        )
    with vault.write() as session:
        get_live(session, Participant, man_id, "man")
        row = _plan_row(session, man_id, create=True)
        for key, value in values.items():
            setattr(row, key, value)
        row.peer_mentor_interest = bool(plan.peer_mentor_interest)
        session.flush()
        return row.id


def ending_plan(vault: Vault, man_id: str) -> EndingPlanView | None:
    """His ending plan as saved, to pre-fill the ending wizard (None when there is none)."""
    with vault.read() as session:
        get_live(session, Participant, man_id, "man")
        try:
            row = _plan_row(session, man_id)
        except RuleBroken:
            return None
        plan = EndingPlanInput(**{f.name: getattr(row, f.name) for f in fields(EndingPlanInput)})
        return EndingPlanView(
            plan,
            row.signed_off_on,
            row.signed_off_in_person,
            row.support_in_place_checked,
            row.closing_note,
        )


# --- checks before anything ends (P38) -------------------------------------------------------


def support_check(session: Session, man_id: str) -> rules.SupportCheck:
    """Which of the four ways support carries on are arranged, read in the caller's session."""
    row = session.scalars(
        select(EndingPlan).where(EndingPlan.participant_id == man_id, alive(EndingPlan)).limit(1)
    ).first()
    if row is None:
        return rules.support_in_place(None, None, None, None)
    return rules.support_in_place(
        row.mentoring, row.services, row.family_and_friends, row.self_care
    )


def require_support_in_place(session: Session, man_id: str) -> rules.SupportCheck:
    """Refuse an ending (sign-off, a move to ending or closed) with no support arranged."""
    check = support_check(session, man_id)
    if not check.ok_to_end:
        raise RuleBroken(tr("Endings", rules.NO_SUPPORT_WARNING))
    return check


def _sign_off_planned(session: Session, man_id: str, now: datetime) -> bool:
    found = session.scalar(
        select(Meeting.id)
        .where(
            Meeting.participant_id == man_id,
            alive(Meeting),
            Meeting.attended.is_(None),
            Meeting.place != MeetingPlace.PHONE.value,
            Meeting.starts_at >= now,
        )
        .limit(1)
    )
    return found is not None


def ending_check(vault: Vault, man_id: str) -> EndingCheck:
    """What is still missing before the ending, required items first, and sessions held."""
    with vault.read() as session:
        man = get_live(session, Participant, man_id, "man")
        row = session.scalars(
            select(EndingPlan)
            .where(EndingPlan.participant_id == man_id, alive(EndingPlan))
            .limit(1)
        ).first()
        # Every input the rule reads that the plan stores; end date and sign-off facts come apart.
        values = {
            f.name: getattr(row, f.name)
            for f in fields(rules.EndingCheckInput)
            if row is not None and hasattr(EndingPlan, f.name)
        }
        facts = rules.EndingCheckInput(
            **values,
            end_date=man.planned_end,
            sign_off_meeting_planned=_sign_off_planned(session, man_id, now_stored(vault)),
        )
        progress = rules.sessions_progress(_held(session, man_id), man.planned_sessions)
    return EndingCheck(rules.ending_checks(facts), progress)


def confirm_support_in_place(vault: Vault, man_id: str) -> rules.SupportCheck:
    """Record that support after the ending was checked; refused when none is arranged."""
    with vault.write() as session:
        get_live(session, Participant, man_id, "man")
        check = require_support_in_place(session, man_id)
        _plan_row(session, man_id).support_in_place_checked = True
        return check


def sign_off(
    vault: Vault, man_id: str, *, on: date, in_person: bool, closing_note: str | None = None
) -> None:
    """The last session: signed off, in person where possible (letters may go unread, P33)."""
    if on > vault.clock.today():
        raise ValidationError(
            "signed_off_on", tr("Errors", "Sign-off is recorded on or after the day.")
        )
    note = optional_text(closing_note, "closing_note", SHORT)
    with vault.write() as session:
        get_live(session, Participant, man_id, "man")
        require_support_in_place(session, man_id)
        row = _plan_row(session, man_id)
        row.support_in_place_checked = True
        row.signed_off_on = on
        row.signed_off_in_person = bool(in_person)
        row.closing_note = note


def blueprint_due(
    vault: Vault, man_id: str, *, within_days: int = 28, check: EndingCheck | None = None
) -> bool:
    """True when the end date is near and the blueprint is still incomplete: the Ending tab says
    so. ``check``: his ``ending_check`` when already read (the workspace reads it once)."""
    check = check or ending_check(vault, man_id)
    with vault.read() as session:
        end = get_live(session, Participant, man_id, "man").planned_end
    near = end is not None and end - vault.clock.today() <= timedelta(days=within_days)
    blueprint = {"signs_to_watch", "what_helps", "who_to_contact"}
    return near and any(item.key in blueprint for item in check.checks.missing)
