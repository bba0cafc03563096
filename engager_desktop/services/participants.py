"""Men on the caseload: add, edit, remove, and move through the phases with the checks below.

Phase moves (each writes a PhaseChange with its date and reason, in the same transaction):
- to ``through_the_gate`` needs a release plan with a release date;
- to ``ending`` needs an ending plan;
- to ``closed`` needs a sign-off recorded on the ending plan, or a closure reason other than
  ``signed_off`` (lost contact, withdrew, recalled or transferred, other) with the reason text;
- moving out of ``closed`` (he comes back) clears the closure reason;
- moving to ``in_community`` with no release date, or one after the move, sets his release date to
  the day of the move: he is out, so a future release date would be wrong.
The expected release date is checked whenever it is set or changed: a past date is refused while
he is still in prison (``domain.validation.check_release_date``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engager_desktop import i18n
from engager_desktop.domain.enums import ClosureReason, Phase
from engager_desktop.domain.validation import ValidationError, check_release_date, require_text
from engager_desktop.i18n import tr
from engager_desktop.services.common import (
    NotFound,
    RuleBroken,
    get_live,
    refresh_search,
)
from engager_desktop.services.records import (
    check_choice,
    check_not_future,
    check_whole_number,
    cleaned_values,
    not_deleted,
    to_view,
)
from engager_desktop.store.orm import (
    EndingPlan,
    Participant,
    PhaseChange,
    ReleasePlan,
)
from engager_desktop.store.orm.base import MEDIUM
from engager_desktop.store.vault import Vault

Plan = TypeVar("Plan", ReleasePlan, EndingPlan)
MAN = "man on the caseload"
MIN_AGE_YEARS = 15
MAX_AGE_YEARS = 110
MAX_PLANNED_SESSIONS = 100
MAX_PLANNED_END_AHEAD = timedelta(days=5 * 366)


@dataclass(frozen=True)
class ParticipantForm:
    """What a practitioner types about him. ``preferred_name`` is how he wants to be addressed."""

    given_name: str
    family_name: str
    preferred_name: str
    prison_number: str | None = None
    date_of_birth: date | None = None
    establishment: str | None = None
    expected_release: date | None = None
    planned_sessions: int | None = None
    planned_end: date | None = None
    gender: str | None = None
    ethnicity: str | None = None
    faith: str | None = None
    isolated: bool = False
    risk_notes: str | None = None
    notes: str | None = None
    document_language: str | None = None  # his papers' language (i18n.LANGUAGES); None: English


@dataclass(frozen=True, kw_only=True)
class ParticipantView(ParticipantForm):
    id: str
    phase: str
    closure_reason: str | None
    created_at: datetime


@dataclass(frozen=True)
class PhaseChangeView:
    id: str
    from_phase: str
    to_phase: str
    changed_on: date
    reason: str


_REQUIRED = ("given_name", "family_name", "preferred_name")


def _checked(
    session: Session, form: ParticipantForm, today: date, man_id: str | None
) -> dict[str, object]:
    values = cleaned_values(Participant, form, required=_REQUIRED)
    if values["prison_number"]:
        number = str(values["prison_number"]).replace(" ", "").upper()
        values["prison_number"] = number
        _check_unique_number(session, number, man_id)
    dob = form.date_of_birth
    if dob is not None and not (
        _years_before(today, MAX_AGE_YEARS) <= dob <= _years_before(today, MIN_AGE_YEARS)
    ):
        raise ValidationError(
            "date_of_birth",
            tr("Errors", "The date of birth does not give a believable age. Check the year."),
        )
    check_whole_number(form.planned_sessions, "planned_sessions", 1, MAX_PLANNED_SESSIONS)
    check_document_language(form.document_language)
    if form.planned_end is not None and form.planned_end - today > MAX_PLANNED_END_AHEAD:
        raise ValidationError(
            "planned_end",
            tr("Errors", "The planned end is more than five years away. Check the year."),
        )
    return values


def check_document_language(code: str | None) -> None:
    """His papers' language is one of the languages the documents can be printed in."""
    if code and code not in i18n.LANGUAGES:
        raise ValidationError(
            "document_language",
            f"The language of his papers must be one of: {', '.join(i18n.LANGUAGES)}.",
        )


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _check_unique_number(session: Session, number: str, man_id: str | None) -> None:
    query = select(func.count()).where(
        Participant.prison_number == number, not_deleted(Participant.deleted)
    )
    if man_id is not None:
        query = query.where(Participant.id != man_id)
    if session.scalar(query):
        raise ValidationError(
            "prison_number",
            tr("Errors", "Another man on the caseload already has this prison number."),
        )


def view_of(man: Participant) -> ParticipantView:
    return to_view(ParticipantView, man)


def create_participant(vault: Vault, form: ParticipantForm) -> ParticipantView:
    """Add a man in the engagement phase."""
    today = vault.clock.today()
    with vault.write() as session:
        values = _checked(session, form, today, None)
        check_release_date(form.expected_release, today, Phase.ENGAGEMENT)
        man = Participant(phase=Phase.ENGAGEMENT.value, **values)
        session.add(man)
        session.flush()
        refresh_search(session, man.id)
        return view_of(man)


def update_participant(vault: Vault, man_id: str, form: ParticipantForm) -> ParticipantView:
    """Replace his details with ``form``. A changed release date is checked against his phase."""
    today = vault.clock.today()
    with vault.write() as session:
        man = get_live(session, Participant, man_id, MAN)
        values = _checked(session, form, today, man_id)
        if form.expected_release != man.expected_release:
            check_release_date(form.expected_release, today, man.phase)
        for name, value in values.items():
            if getattr(man, name) != value:
                setattr(man, name, value)
        session.flush()
        refresh_search(session, man.id)
        return view_of(man)


def get_participant(vault: Vault, man_id: str) -> ParticipantView:
    with vault.read() as session:
        return view_of(get_live(session, Participant, man_id, MAN))


def history_in(session: Session, man_id: str) -> tuple[PhaseChangeView, ...]:
    rows = session.scalars(
        select(PhaseChange)
        .where(PhaseChange.participant_id == man_id, not_deleted(PhaseChange.deleted))
        .order_by(PhaseChange.changed_on, PhaseChange.updated_at)
    ).all()
    return tuple(to_view(PhaseChangeView, row) for row in rows)


def move_phase(
    vault: Vault,
    man_id: str,
    to_phase: Phase | str,
    reason: str,
    *,
    on: date | None = None,
    closure: ClosureReason | str | None = None,
) -> ParticipantView:
    """Move him to ``to_phase`` on ``on`` (default today), for ``reason``; see the module rules."""
    today = vault.clock.today()
    target = Phase(check_choice(str(to_phase), Phase, "phase"))
    why = require_text(reason, "reason", MEDIUM)
    day = on or today
    check_not_future(day, today, "date_of_the_move")
    with vault.write() as session:
        man = get_live(session, Participant, man_id, MAN)
        if man.phase == target:
            raise RuleBroken(tr("Errors", "he is already in that phase"))
        _check_after_last_move(session, man_id, day)
        _check_move(session, man_id, target, closure)
        session.add(
            PhaseChange(
                participant_id=man_id,
                from_phase=man.phase,
                to_phase=target.value,
                changed_on=day,
                reason=why,
            )
        )
        _apply_move(session, man, target, closure, day)
        return view_of(man)


def _check_after_last_move(session: Session, man_id: str, day: date) -> None:
    last = session.scalar(
        select(func.max(PhaseChange.changed_on)).where(
            PhaseChange.participant_id == man_id, not_deleted(PhaseChange.deleted)
        )
    )
    if last is not None and day < last:
        raise ValidationError(
            "date_of_the_move",
            tr("Errors", "The move is dated before his last phase move. Check the date."),
        )


def _live_plan(session: Session, model: type[Plan], man_id: str) -> Plan | None:
    return session.scalars(
        select(model)
        .where(model.participant_id == man_id, not_deleted(model.deleted))
        .order_by(model.updated_at.desc())
        .limit(1)
    ).first()


def _check_move(
    session: Session, man_id: str, target: Phase, closure: ClosureReason | str | None
) -> None:
    if target is Phase.THROUGH_THE_GATE:
        plan = _live_plan(session, ReleasePlan, man_id)
        if not isinstance(plan, ReleasePlan) or plan.release_date is None:
            raise RuleBroken(
                tr(
                    "Errors",
                    "moving him through the gate needs a release plan with a release date first",
                )
            )
    elif target is Phase.ENDING:
        if _live_plan(session, EndingPlan, man_id) is None:
            raise RuleBroken(tr("Errors", "moving him to the ending needs an ending plan first"))
    elif target is Phase.CLOSED:
        _check_closure(session, man_id, closure)


def _check_closure(session: Session, man_id: str, closure: ClosureReason | str | None) -> None:
    plan = _live_plan(session, EndingPlan, man_id)
    signed = isinstance(plan, EndingPlan) and plan.signed_off_on is not None
    if closure is None:
        if not signed:
            raise RuleBroken(
                tr(
                    "Errors",
                    (
                        "closing needs his sign-off on the ending plan, or a reason such as "
                        "lost contact or withdrew"
                    ),
                )
            )
        return
    kind = ClosureReason(check_choice(str(closure), ClosureReason, "closure_reason"))
    if kind is ClosureReason.SIGNED_OFF and not signed:
        raise RuleBroken(
            tr("Errors", "no sign-off is recorded on his ending plan; record it or give a reason")
        )


def _apply_move(
    session: Session,
    man: Participant,
    target: Phase,
    closure: ClosureReason | str | None,
    day: date,
) -> None:
    if target is Phase.CLOSED:
        man.closure_reason = str(ClosureReason(closure or ClosureReason.SIGNED_OFF).value)
    elif man.phase == Phase.CLOSED:
        man.closure_reason = None
    if target is Phase.IN_COMMUNITY and (
        man.expected_release is None or man.expected_release > day
    ):
        man.expected_release = day
    man.phase = target.value
    session.flush()


def require_man(session: Session, man_id: str) -> Participant:
    """His live record in ``session``, or NotFound."""
    return get_live(session, Participant, man_id, MAN)


__all__ = [
    "MAN",
    "NotFound",
    "ParticipantForm",
    "ParticipantView",
    "PhaseChangeView",
    "create_participant",
    "get_participant",
    "history_in",
    "view_of",
    "move_phase",
    "require_man",
    "update_participant",
]
