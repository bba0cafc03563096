"""The services directory (P15, P37): what each service does and does not do, when, at what cost.

Entries not verified for 90 days are stale: listed so the practitioner can check them again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta

from sqlalchemy import or_, select

from engager_desktop.domain.enums import Setting
from engager_desktop.domain.validation import ValidationError, optional_text, require_text
from engager_desktop.i18n import tr
from engager_desktop.services.action_plan import alive, choice, optional_choice
from engager_desktop.services.common import add_record, edit_record, get_live
from engager_desktop.store.orm import Service
from engager_desktop.store.orm.base import MEDIUM, SHORT
from engager_desktop.store.vault import Vault

STALE_DAYS = 90
_LIMITS = {
    "name": SHORT,
    "kind": 60,
    "area": 100,
    "phone": 40,
    "email": SHORT,
    "cost_to_him": SHORT,
}


@dataclass(frozen=True)
class ServiceInput:
    name: str
    kind: str  # e.g. housing, GP, substance misuse service, probation
    setting: Setting | str  # prison or community
    area: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    opening_hours: str | None = None
    weekend_hours: str | None = None
    out_of_hours: str | None = None
    cost_to_him: str | None = None
    referral_route: str | None = None
    referral_agreement: str | None = None
    does: str | None = None
    does_not: str | None = None
    last_verified: date | None = None


@dataclass(frozen=True)
class ServiceView:
    id: str
    entry: ServiceInput
    stale: bool
    days_since_verified: int | None  # None: never verified


def _fields(entry: ServiceInput, today: date) -> dict[str, object]:
    values = asdict(entry)
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = optional_text(value, key, _LIMITS.get(key, MEDIUM))
    values["name"] = require_text(entry.name, "name", SHORT)
    values["kind"] = require_text(entry.kind, "kind", 60)
    values["setting"] = choice(entry.setting, Setting, "setting").value
    if entry.last_verified is not None and entry.last_verified > today:
        raise ValidationError(
            "last_verified", tr("Errors", "A service cannot be checked on a day to come.")
        )
    return values


def _view(row: Service, today: date, days: int = STALE_DAYS) -> ServiceView:
    entry = ServiceInput(**{f.name: getattr(row, f.name) for f in fields(ServiceInput)})
    since = (today - row.last_verified).days if row.last_verified else None
    return ServiceView(row.id, entry, since is None or since >= days, since)


def add_service(vault: Vault, entry: ServiceInput) -> str:
    return add_record(vault, Service, _fields(entry, vault.clock.today()))


def edit_service(vault: Vault, service_id: str, entry: ServiceInput) -> None:
    edit_record(vault, Service, service_id, "service", _fields(entry, vault.clock.today()))


def mark_verified(vault: Vault, service_id: str, on: date | None = None) -> None:
    """The entry was checked with the service (on ``on``, default today) and is still right."""
    today = vault.clock.today()
    day = on or today
    if day > today:
        raise ValidationError(
            "last_verified", tr("Errors", "A service cannot be checked on a day to come.")
        )
    with vault.write() as session:
        get_live(session, Service, service_id, "service").last_verified = day


def remove_service(vault: Vault, service_id: str) -> None:
    """Tombstone an entry; steps and appointments that named it keep their history."""
    with vault.write() as session:
        get_live(session, Service, service_id, "service").deleted = True


def stale(vault: Vault, days: int = STALE_DAYS) -> list[ServiceView]:
    """Entries not verified in the last ``days`` days (or never), longest unchecked first."""
    today = vault.clock.today()
    cutoff = today - timedelta(days=days)
    with vault.read() as session:
        rows = session.scalars(
            select(Service)
            .where(
                alive(Service),
                or_(Service.last_verified.is_(None), Service.last_verified <= cutoff),
            )
            .order_by(Service.last_verified.is_not(None), Service.last_verified, Service.name)
        ).all()
        return [_view(row, today, days) for row in rows]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_services(
    vault: Vault,
    text: str | None = None,
    *,
    kind: str | None = None,
    setting: Setting | str | None = None,
) -> list[ServiceView]:
    """Entries whose name (or area, or what they do) holds ``text``, of a kind, in a setting."""
    wanted_setting = optional_choice(setting, Setting, "setting")
    query = select(Service).where(alive(Service))
    words = optional_text(text, "search", SHORT)
    if words:
        pattern = _like(words)
        query = query.where(
            or_(
                Service.name.ilike(pattern, escape="\\"),
                Service.area.ilike(pattern, escape="\\"),
                Service.does.ilike(pattern, escape="\\"),
            )
        )
    if kind:
        query = query.where(Service.kind.ilike(kind.strip()))
    if wanted_setting is not None:
        query = query.where(Service.setting == wanted_setting.value)
    today = vault.clock.today()
    with vault.read() as session:
        return [_view(row, today) for row in session.scalars(query.order_by(Service.name))]


def kinds(vault: Vault) -> list[str]:
    """The kinds of service already in the directory, for a pick list."""
    with vault.read() as session:
        return list(
            session.scalars(
                select(Service.kind).where(alive(Service)).distinct().order_by(Service.kind)
            )
        )
