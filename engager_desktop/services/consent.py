"""His consent to each kind of sharing (P35): recorded per kind, checked before anything is shared.

A record is for one kind of sharing, either in general or for one named service. When asking
about a named service, the latest record that is either general or for that service decides;
when asking in general, only general records count. ``share_plan_with_service`` is always for a
named service. Latest means the later ``recorded_on`` date, then the later change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import ConsentKind
from engager_desktop.domain.validation import ValidationError, optional_text
from engager_desktop.i18n import N_, tr
from engager_desktop.services.common import ConsentRequired, get_live
from engager_desktop.services.participants import require_man
from engager_desktop.services.records import check_choice, check_not_future, not_deleted
from engager_desktop.store.orm import Consent, Service
from engager_desktop.store.orm.base import MEDIUM
from engager_desktop.store.vault import Vault

# What he agrees to, in words for the refusal message ("he has not agreed to ...").
WHAT: dict[ConsentKind, str] = {
    ConsentKind.CONTACT_SERVICES: N_("Errors", "contact with other services about him"),
    ConsentKind.SHARE_CONTACT_DETAILS: N_("Errors", "sharing his contact details"),
    ConsentKind.SHARE_WHEREABOUTS: N_("Errors", "sharing where he is or will be living"),
    ConsentKind.INVOLVE_FAMILY: N_("Errors", "involving his family"),
    ConsentKind.SHARE_PLAN_WITH_SERVICE: N_("Errors", "sharing his plan with this service"),
}
NEEDS_SERVICE = frozenset({ConsentKind.SHARE_PLAN_WITH_SERVICE})


@dataclass(frozen=True)
class ConsentView:
    id: str
    kind: str
    given: bool
    service_id: str | None
    service_name: str | None
    recorded_on: date
    note: str | None


@dataclass(frozen=True)
class ConsentState:
    """Where his consent stands now for one kind (and service, if any)."""

    kind: str
    service_id: str | None
    service_name: str | None
    given: bool
    recorded_on: date


def _kind(kind: ConsentKind | str) -> ConsentKind:
    return ConsentKind(check_choice(str(kind), ConsentKind, "consent_kind"))


def record_consent(
    vault: Vault,
    man_id: str,
    kind: ConsentKind | str,
    given: bool,
    *,
    service_id: str | None = None,
    note: str | None = None,
    recorded_on: date | None = None,
) -> ConsentView:
    """Record that he agreed (``given``) or declined; the newest record is the one that counts."""
    which = _kind(kind)
    if which in NEEDS_SERVICE and service_id is None:
        raise ValidationError(
            "service", tr("Errors", "Choose the service he agrees to share his plan with.")
        )
    if not isinstance(given, bool):
        raise ValidationError("given", tr("Errors", "Say whether he agreed or not."))
    today = vault.clock.today()
    day = recorded_on or today
    check_not_future(day, today, "recorded_on")
    text = optional_text(note, "note", MEDIUM)
    with vault.write() as session:
        require_man(session, man_id)
        service = get_live(session, Service, service_id, "service") if service_id else None
        record = Consent(
            participant_id=man_id,
            kind=which.value,
            given=given,
            service_id=service_id,
            recorded_on=day,
            note=text,
        )
        session.add(record)
        session.flush()
        return _view(record, service.name if service else None)


def _view(record: Consent, service_name: str | None) -> ConsentView:
    return ConsentView(
        record.id,
        record.kind,
        record.given,
        record.service_id,
        service_name,
        record.recorded_on,
        record.note,
    )


def _latest(
    session: Session, man_id: str, kind: ConsentKind, service_id: str | None
) -> Consent | None:
    query = select(Consent).where(
        Consent.participant_id == man_id,
        Consent.kind == kind.value,
        not_deleted(Consent.deleted),
    )
    if service_id is None:
        query = query.where(Consent.service_id.is_(None))
    else:
        query = query.where(or_(Consent.service_id.is_(None), Consent.service_id == service_id))
    query = query.order_by(Consent.recorded_on.desc(), Consent.updated_at.desc()).limit(1)
    return session.scalars(query).first()


def _check(session: Session, man_id: str, kind: ConsentKind | str, service_id: str | None) -> bool:
    which = _kind(kind)
    require_man(session, man_id)
    if which in NEEDS_SERVICE and service_id is None:
        return False
    record = _latest(session, man_id, which, service_id)
    return bool(record is not None and record.given)


def has_consent(
    session_or_vault: Session | Vault,
    man_id: str,
    kind: ConsentKind | str,
    service_id: str | None = None,
) -> bool:
    """Whether his latest applicable record says yes. An unknown man is NotFound."""
    if isinstance(session_or_vault, Vault):
        with session_or_vault.read() as session:
            return _check(session, man_id, kind, service_id)
    return _check(session_or_vault, man_id, kind, service_id)


def require_consent(
    session_or_vault: Session | Vault,
    man_id: str,
    kind: ConsentKind | str,
    service_id: str | None = None,
) -> None:
    """Raise ConsentRequired unless he has agreed to this kind of sharing (with this service)."""
    if not has_consent(session_or_vault, man_id, kind, service_id):
        raise ConsentRequired(tr("Errors", WHAT[_kind(kind)]))


def consent_history(vault: Vault, man_id: str) -> tuple[ConsentView, ...]:
    """Every record, newest first."""
    with vault.read() as session:
        require_man(session, man_id)
        return history_in(session, man_id)


def history_in(session: Session, man_id: str) -> tuple[ConsentView, ...]:
    rows = session.execute(
        select(Consent, Service.name)
        .outerjoin(Service, Service.id == Consent.service_id)
        .where(Consent.participant_id == man_id, not_deleted(Consent.deleted))
        .order_by(Consent.recorded_on.desc(), Consent.updated_at.desc())
    ).all()
    return tuple(_view(record, name) for record, name in rows)


def current_consents(vault: Vault, man_id: str) -> tuple[ConsentState, ...]:
    """Where each kind stands now, per kind and service he was ever asked about.

    Worked out as ``has_consent`` does: for a named service the newest general or named record.
    """
    history = consent_history(vault, man_id)  # newest first
    keys = {(v.kind, v.service_id): v.service_name for v in history}
    states = []
    for (kind, service_id), name in keys.items():
        deciding = next(v for v in history if v.kind == kind and v.service_id in (None, service_id))
        states.append(ConsentState(kind, service_id, name, deciding.given, deciding.recorded_on))
    return tuple(sorted(states, key=lambda s: (s.kind, s.service_name or "")))
