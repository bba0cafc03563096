"""Supervision (P34): team, MBA and meta-supervision notes, and the caseload summary for them.

The summary lists every man not closed: his phase, days to release (none once he is out), overdue
steps, how his distress is moving, whether risk notes exist (a flag only: never their content),
and sessions held against planned. It carries the audit chain's head, so a later cut to the log is
detectable against a printed summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engager_desktop.domain import distress
from engager_desktop.domain.enums import Phase, SupervisionKind
from engager_desktop.domain.release_readiness import days_to_release
from engager_desktop.domain.validation import (
    OUT_OF_PRISON,
    ValidationError,
    optional_text,
)
from engager_desktop.i18n import tr
from engager_desktop.services.action_plan import STILL_TO_DO, alive, choice, optional_choice
from engager_desktop.services.common import add_record, edit_record, get_live
from engager_desktop.store.orm import DistressRating, Meeting, Participant, Step, SupervisionNote
from engager_desktop.store.orm.base import MEDIUM
from engager_desktop.store.vault import Vault

PHASE_ORDER = {phase.value: index for index, phase in enumerate(Phase)}


@dataclass(frozen=True)
class NoteInput:
    kind: SupervisionKind | str
    held_on: date
    cases_discussed: str | None = None
    risk: str | None = None
    reflections: str | None = None
    actions: str | None = None


@dataclass(frozen=True)
class NoteView:
    id: str
    kind: str
    held_on: date
    cases_discussed: str | None
    risk: str | None
    reflections: str | None
    actions: str | None


@dataclass(frozen=True)
class CaseloadLine:
    man_id: str
    preferred_name: str
    phase: str
    days_to_release: int | None  # None once he is out, or when no date is known
    overdue_steps: int
    distress_trend: str  # rising, falling, steady or not_enough
    latest_distress: int | None
    risk_flag: bool  # risk notes exist; their content is never in the summary
    sessions_held: int
    sessions_planned: int | None


@dataclass(frozen=True)
class SupervisionSummary:
    made_on: date
    lines: tuple[CaseloadLine, ...]
    audit_count: int
    audit_hash: str


# --- notes -----------------------------------------------------------------------------------


def _note_fields(note: NoteInput, today: date) -> dict[str, object]:
    if note.held_on > today:
        raise ValidationError(
            "held_on", tr("Errors", "Supervision is recorded on or after the day it was held.")
        )
    texts = {
        key: optional_text(getattr(note, key), key, MEDIUM)
        for key in ("cases_discussed", "risk", "reflections", "actions")
    }
    if not any(texts.values()):
        raise ValidationError(
            "reflections", tr("Errors", "Write something about the supervision first.")
        )
    return {
        "kind": choice(note.kind, SupervisionKind, "kind").value,
        "held_on": note.held_on,
        **texts,
    }


def add_note(vault: Vault, note: NoteInput) -> str:
    return add_record(vault, SupervisionNote, _note_fields(note, vault.clock.today()))


def edit_note(vault: Vault, note_id: str, note: NoteInput) -> None:
    values = _note_fields(note, vault.clock.today())
    edit_record(vault, SupervisionNote, note_id, "supervision note", values)


def remove_note(vault: Vault, note_id: str) -> None:
    with vault.write() as session:
        get_live(session, SupervisionNote, note_id, "supervision note").deleted = True


def notes(vault: Vault, kind: SupervisionKind | str | None = None) -> list[NoteView]:
    """Supervision notes, newest first, of one type or all."""
    wanted = optional_choice(kind, SupervisionKind, "kind")
    query = select(SupervisionNote).where(alive(SupervisionNote))
    if wanted is not None:
        query = query.where(SupervisionNote.kind == wanted.value)
    query = query.order_by(SupervisionNote.held_on.desc(), SupervisionNote.created_at.desc())
    with vault.read() as session:
        return [
            NoteView(n.id, n.kind, n.held_on, n.cases_discussed, n.risk, n.reflections, n.actions)
            for n in session.scalars(query)
        ]


# --- caseload summary ------------------------------------------------------------------------


def _counts(session: Session, query: object) -> dict[str, int]:
    return {man: int(count) for man, count in session.execute(query)}  # type: ignore[call-overload]


def _overdue(session: Session, today: date) -> dict[str, int]:
    return _counts(
        session,
        select(Step.participant_id, func.count())
        .where(alive(Step), Step.status.in_(STILL_TO_DO), Step.due_on < today)
        .group_by(Step.participant_id),
    )


def _held(session: Session) -> dict[str, int]:
    return _counts(
        session,
        select(Meeting.participant_id, func.count())
        .where(alive(Meeting), Meeting.attended.is_(True))
        .group_by(Meeting.participant_id),
    )


def _recent_distress(session: Session) -> dict[str, list[tuple[date, int]]]:
    """Each man's last few ratings (as many as the trend reads), via a window function."""
    rank = (
        func.row_number()
        .over(
            partition_by=DistressRating.participant_id,
            order_by=(DistressRating.rated_on.desc(), DistressRating.created_at.desc()),
        )
        .label("rank")
    )
    inner = (
        select(DistressRating.participant_id, DistressRating.rated_on, DistressRating.score, rank)
        .where(alive(DistressRating))
        .subquery()
    )
    rows = session.execute(
        select(inner.c.participant_id, inner.c.rated_on, inner.c.score).where(
            inner.c.rank <= distress.TREND_WINDOW
        )
    )
    found: dict[str, list[tuple[date, int]]] = {}
    for man, day, score in rows:
        found.setdefault(man, []).append((day, score))
    return found


def caseload_summary(vault: Vault) -> SupervisionSummary:
    """The caseload as supervision reviews it, with the audit chain's head."""
    today = vault.clock.today()
    has_risk = func.coalesce(func.length(func.trim(Participant.risk_notes)), 0) > 0
    with vault.read() as session:
        men = session.execute(
            select(
                Participant.id,
                Participant.preferred_name,
                Participant.phase,
                Participant.expected_release,
                Participant.planned_sessions,
                has_risk,
            ).where(alive(Participant), Participant.phase != Phase.CLOSED.value)
        ).all()
        overdue, held, ratings = _overdue(session, today), _held(session), _recent_distress(session)
    lines = []
    for man, name, phase, release, planned, risk in men:
        trend = distress.trend(ratings.get(man, []))
        out = phase in OUT_OF_PRISON
        lines.append(
            CaseloadLine(
                man_id=man,
                preferred_name=name,
                phase=phase,
                days_to_release=None if out else days_to_release(release, today),
                overdue_steps=overdue.get(man, 0),
                distress_trend=trend.direction.value,
                latest_distress=trend.latest,
                risk_flag=bool(risk),
                sessions_held=held.get(man, 0),
                sessions_planned=planned,
            )
        )
    lines.sort(key=lambda line: (PHASE_ORDER.get(line.phase, 99), line.preferred_name, line.man_id))
    head = vault.audit_head()
    return SupervisionSummary(today, tuple(lines), head.count, head.hash)
