"""Copies of his papers for someone else: a copy for a named service (refused without his
consent) and the family sheet when a limit on contact is recorded (his address and phone print
only once the practitioner confirms)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engager_desktop.crypto.errors import VaultError
from engager_desktop.domain.enums import ConsentKind
from engager_desktop.i18n import tr
from engager_desktop.services.consent import has_consent
from engager_desktop.store.orm import Background, Consent, Service, SupportPerson
from engager_desktop.store.vault import Vault

FAMILY_SHEET = "family-sheet"
NOT_FOR_SERVICE = ("family-sheet",)  # meant for his family, never for a service
RESTRICTION_HELD = (
    "His address and phone number: a limit on contact is recorded, so they were kept off this "
    "family sheet. Confirm that printing them is safe to include them."
)
RESTRICTION_CONFIRMED = (
    "A limit on contact is recorded. You confirmed that printing his address and phone number "
    "on this family sheet is safe."
)
AGREED_PLAN = "His plan and papers being shared with {service}."
AGREED_CONTACT = "His phone number and other ways to reach him being shared."
AGREED_WHEREABOUTS = "Where he lives or stays being shared."


class CopyRefused(VaultError):
    """A copy for someone else cannot be made as asked; the message says why in one line."""


@dataclass(frozen=True)
class ServiceCopy:
    """Who a copy for a service goes to, and what he agreed to that it relies on."""

    service_id: str
    name: str
    agreed: tuple[str, ...]


def service_copy(
    session: Session, kind: str, man_id: str, service_id: str, contact: bool, whereabouts: bool
) -> ServiceCopy:
    """The service a copy is for; CopyRefused when there is no such service or he has not
    agreed to share his plan with it."""
    if kind in NOT_FOR_SERVICE:
        raise CopyRefused(tr("Errors", "the family sheet is for his family, not for a service"))
    service = session.get(Service, service_id)
    if service is None or service.deleted:
        raise CopyRefused(tr("Errors", "there is no service with that id in the directory"))
    if not has_consent(session, man_id, ConsentKind.SHARE_PLAN_WITH_SERVICE, service.id):
        raise CopyRefused(
            tr(
                "Errors",
                "he has not agreed to share his plan with this service; record his consent first",
            )
        )
    agreed = [AGREED_PLAN.format(service=service.name)]
    if contact:
        agreed.append(AGREED_CONTACT)
    if whereabouts:
        agreed.append(AGREED_WHEREABOUTS)
    return ServiceCopy(service.id, service.name, tuple(agreed))


def restriction_recorded(session: Session, man_id: str) -> bool:
    """Whether any limit on contact is recorded for him or for anyone close to him."""
    blank = func.coalesce(func.length(func.trim(Background.contact_restrictions)), 0)
    on_him = session.scalar(
        select(func.count()).where(
            Background.participant_id == man_id, Background.deleted.is_(False), blank > 0
        )
    )
    person_blank = func.coalesce(func.length(func.trim(SupportPerson.contact_restrictions)), 0)
    on_people = session.scalar(
        select(func.count()).where(
            SupportPerson.participant_id == man_id,
            SupportPerson.deleted.is_(False),
            person_blank > 0,
        )
    )
    return bool(on_him or on_people)


def services_he_agreed(vault: Vault, man_id: str) -> list[tuple[str, str]]:
    """(id, name) of each service he has agreed to share his plan with, by name."""
    kind = ConsentKind.SHARE_PLAN_WITH_SERVICE
    with vault.read() as session:
        ids = set(
            session.scalars(
                select(Consent.service_id).where(
                    Consent.participant_id == man_id,
                    Consent.kind == kind.value,
                    Consent.service_id.is_not(None),
                )
            )
        )
        rows = session.execute(
            select(Service.id, Service.name)
            .where(Service.id.in_(ids), Service.deleted.is_(False))
            .order_by(Service.name, Service.id)
        ).all()
        return [
            (str(sid), str(name)) for sid, name in rows if has_consent(session, man_id, kind, sid)
        ]
