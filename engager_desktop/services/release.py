"""Release preparation (P20-P22): the plan, how ready he is, and who meets him at the gate.

One release plan per man. Saving a plan with a date also sets his expected release date, so the
days-to-release countdown everywhere reads the same date. His phone number and other ways to reach
him are whereabouts and contact details: stored here, shared only through use cases that check his
recorded consent.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engager_desktop.domain import release_readiness as readiness_rules
from engager_desktop.domain.enums import ConsentKind, SupportRole
from engager_desktop.domain.release_readiness import ReleasePlanFields
from engager_desktop.domain.validation import (
    ValidationError,
    check_release_date,
    optional_text,
)
from engager_desktop.i18n import tr
from engager_desktop.services.action_plan import alive
from engager_desktop.services.common import get_live
from engager_desktop.services.meetings import LONDON, stored_time
from engager_desktop.store.orm import Appointment, Consent, Participant, ReleasePlan, SupportPerson
from engager_desktop.store.orm.base import MEDIUM, SHORT
from engager_desktop.store.vault import Vault

GATE_PEER = "peer"
GATE_PRACTITIONER = "practitioner"
PEER_ROLES = (SupportRole.PEER_MENTOR.value,)
PHONE_MAX = 40


# The checklist as the release wizard edits it: every field of the stored plan, defined once in
# the domain so the readiness rules and the services read the same fields.
ReleasePlanInput = ReleasePlanFields


_SHORT_TEXT = {"phone_number": PHONE_MAX, "gate_meeter_name": SHORT, "gate_meeting_place": SHORT}


@dataclass(frozen=True)
class GateMeeter:
    kind: str  # "peer" or "practitioner"
    name: str | None
    support_person_id: str | None
    place: str | None
    prompt: str | None  # a nudge when the practitioner is the fallback


@dataclass(frozen=True)
class ReleaseReadiness:
    man_id: str
    days_to_release: int | None
    percent: int
    items: tuple[readiness_rules.ChecklistItem, ...]
    missing: tuple[readiness_rules.ChecklistItem, ...]  # most urgent first
    prompts: tuple[str, ...]
    gate: GateMeeter


def _clean(plan: ReleasePlanInput) -> dict[str, object]:
    values = asdict(plan)
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = optional_text(value, key, _SHORT_TEXT.get(key, MEDIUM))
    if values["gate_meeter"] not in (None, GATE_PEER, GATE_PRACTITIONER):
        raise ValidationError(
            "gate_meeter", tr("Errors", "Who meets him is a peer or the practitioner.")
        )
    return values


def save_release_plan(vault: Vault, man_id: str, plan: ReleasePlanInput) -> str:
    """Create or replace his release plan; a date must fit his phase (not past while inside)."""
    values = _clean(plan)
    with vault.write() as session:
        man = get_live(session, Participant, man_id, "man")
        check_release_date(plan.release_date, vault.clock.today(), man.phase, "release_date")
        row = _plan_row(session, man_id)
        if row is None:
            row = ReleasePlan(participant_id=man_id)
            session.add(row)
        for key, value in values.items():
            setattr(row, key, value)
        if plan.release_date is not None and man.expected_release != plan.release_date:
            man.expected_release = plan.release_date
        session.flush()
        return row.id


def _plan_row(session: Session, man_id: str) -> ReleasePlan | None:
    return session.scalars(
        select(ReleasePlan)
        .where(ReleasePlan.participant_id == man_id, alive(ReleasePlan))
        .order_by(ReleasePlan.created_at)
        .limit(1)
    ).first()


def release_plan(vault: Vault, man_id: str) -> ReleasePlanInput | None:
    """His saved plan, to pre-fill the release wizard (None when there is none yet)."""
    with vault.read() as session:
        get_live(session, Participant, man_id, "man")
        row = _plan_row(session, man_id)
        if row is None:
            return None
        return ReleasePlanInput(**{f.name: getattr(row, f.name) for f in fields(ReleasePlanInput)})


def _gate(session: Session, man_id: str, row: ReleasePlan | None) -> GateMeeter:
    peer = session.scalars(
        select(SupportPerson)
        .where(
            SupportPerson.participant_id == man_id,
            alive(SupportPerson),
            SupportPerson.meets_at_gate.is_(True),
            SupportPerson.role.in_(PEER_ROLES),
        )
        .order_by(SupportPerson.created_at)
        .limit(1)
    ).first()
    place = row.gate_meeting_place if row else None
    if peer is not None:
        return GateMeeter(GATE_PEER, peer.name, peer.id, place, None)
    if row is not None and row.gate_meeter == GATE_PEER:
        return GateMeeter(GATE_PEER, row.gate_meeter_name, None, place, None)
    name = row.gate_meeter_name if row and row.gate_meeter == GATE_PRACTITIONER else None
    return GateMeeter(GATE_PRACTITIONER, name, None, place, readiness_rules.PEER_BETTER)


def _family_to_involve(session: Session, man_id: str) -> bool:
    """False only when his latest word on involving family is no: no family meeting then."""
    latest = session.scalars(
        select(Consent.given)
        .where(
            Consent.participant_id == man_id,
            alive(Consent),
            Consent.kind == ConsentKind.INVOLVE_FAMILY.value,
        )
        .order_by(Consent.recorded_on.desc(), Consent.created_at.desc())
        .limit(1)
    ).first()
    return latest is not False


def _first_week_booked(session: Session, man_id: str, release: date | None) -> bool:
    if release is None:
        return False
    start = stored_time(_midnight(release))
    end = stored_time(_midnight(release + timedelta(days=7)))
    found = session.scalar(
        select(Appointment.id)
        .where(
            Appointment.participant_id == man_id,
            alive(Appointment),
            Appointment.starts_at >= start,
            Appointment.starts_at < end,
        )
        .limit(1)
    )
    return found is not None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), LONDON)


def readiness(vault: Vault, man_id: str) -> ReleaseReadiness:
    """Days to release, the checklist, the percentage done and what is missing, urgent first."""
    today = vault.clock.today()
    with vault.read() as session:
        man = get_live(session, Participant, man_id, "man")
        row = _plan_row(session, man_id)
        release = (row.release_date if row else None) or man.expected_release
        gate = _gate(session, man_id, row)
        stored = {f.name: getattr(row, f.name) for f in fields(ReleasePlanInput)} if row else {}
        stored["release_date"] = release
        facts = readiness_rules.ReleaseChecklistInput(
            **stored,
            peer_meets_at_gate=gate.kind == GATE_PEER,
            has_first_week_appointments=_first_week_booked(session, man_id, release),
            family_to_involve=_family_to_involve(session, man_id),
        )
    result = readiness_rules.assess(facts, today)
    return ReleaseReadiness(
        man_id,
        result.days_to_release,
        result.percent,
        result.items,
        result.missing,
        result.prompts,
        gate,
    )
