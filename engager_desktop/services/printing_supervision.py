"""The supervision caseload summary as printed: one row per open man, and the audit chain head.

Everything is read in the caller's session (one consistent view, one connection). Whether risk
notes exist is sensitive: the column prints only when ticked in, and even then as a flag, never
the notes themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import Phase
from engager_desktop.i18n import N_
from engager_desktop.services.caseload_query import CaseloadRow, rows_where
from engager_desktop.services.printing_inputs import SENSITIVE_NOTE, Context
from engager_desktop.services.printing_names import initials
from engager_desktop.store import audit as audit_chain
from engager_desktop.store.orm import DistressRating, Meeting, Participant
from engager_desktop.worksheets.inputs import SupervisionInput, SupervisionRow

DISTRESS_KEPT = 4
RISK_FLAG = N_("Doc.Supervision", "Yes: see his record")  # put in the paper's language there
RISK_LEFT_OUT = f"Which men have risk notes: {SENSITIVE_NOTE}"


def _held(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(Meeting.participant_id, func.count())
        .where(Meeting.deleted.is_(False), Meeting.attended.is_(True))
        .group_by(Meeting.participant_id)
    )
    return {man: int(count) for man, count in rows}


def _ratings(session: Session) -> dict[str, list[int]]:
    """Each man's latest few distress ratings, oldest first."""
    rows = session.execute(
        select(DistressRating.participant_id, DistressRating.score)
        .where(DistressRating.deleted.is_(False))
        .order_by(DistressRating.participant_id, DistressRating.rated_on, DistressRating.created_at)
    )
    found: dict[str, list[int]] = {}
    for man, score in rows:
        kept = found.setdefault(man, [])
        kept.append(int(score))
        if len(kept) > DISTRESS_KEPT:
            del kept[0]
    return found


def _details(session: Session) -> dict[str, tuple[int | None, bool]]:
    """Planned sessions and whether risk notes exist, for every man not closed."""
    has_risk = func.coalesce(func.length(func.trim(Participant.risk_notes)), 0) > 0
    rows = session.execute(
        select(Participant.id, Participant.planned_sessions, has_risk).where(
            Participant.deleted.is_(False), Participant.phase != Phase.CLOSED.value
        )
    )
    return {man: (planned, bool(risk)) for man, planned, risk in rows}


def _key(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def names_told_apart(caseload: Sequence[CaseloadRow]) -> dict[str, str]:
    """Each man's name as printed: as he wants to be addressed, with his prison number (or, with
    none recorded, his initials) where another man on the caseload goes by the same name."""
    counts = Counter(_key(line.preferred_name) for line in caseload)
    shown = {}
    for line in caseload:
        name = line.preferred_name
        if counts[_key(name)] > 1:
            told = line.prison_number or initials(line.given_name, line.family_name)
            name = f"{name} ({told})" if told else name
        shown[line.id] = name
    return shown


def supervision_input(session: Session, ctx: Context) -> SupervisionInput:
    where = [Participant.deleted.is_(False), Participant.phase != Phase.CLOSED.value]
    caseload = rows_where(session, ctx.today, where)
    names = names_told_apart(caseload)
    held, ratings, details = _held(session), _ratings(session), _details(session)
    rows = []
    any_risk = False
    for line in caseload:
        planned, risk = details.get(line.id, (None, False))
        any_risk = any_risk or risk
        rows.append(
            SupervisionRow(
                name=names[line.id],
                phase=_phase(line.phase),
                days_to_release=line.days_to_release,
                overdue_steps=line.overdue_steps,
                distress=tuple(ratings.get(line.id, ())),
                sessions_held=held.get(line.id, 0),
                sessions_planned=planned,
                days_since_contact=(
                    None if line.last_contact is None else (ctx.today - line.last_contact).days
                ),
                risk_flag=RISK_FLAG if risk and ctx.include_sensitive else None,
            )
        )
    if any_risk and not ctx.include_sensitive:
        ctx.left_out.append(RISK_LEFT_OUT)
    head = audit_chain.head(session.connection())
    return SupervisionInput(
        printed_on=ctx.today,
        worker=ctx.worker,
        rows=tuple(rows),
        audit_count=head.count,
        audit_head=head.hash,
    )


def _phase(value: str) -> Phase | None:
    try:
        return Phase(value)
    except ValueError:
        return None
