"""The team: the practitioner who uses this laptop and their role, and who holds each man.

The practitioner's name and role are settings of this laptop (kept on its own ``devices`` row),
carried on its device card, so a partner who enrols the card sees who uses that laptop. Each man's
holder is the device id in ``participants.held_by``; ``holders`` turns those ids into the words the
caseload shows (the practitioner's name where the card gave one, else the laptop's name).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from engager_desktop.domain import device_names
from engager_desktop.domain.validation import ValidationError
from engager_desktop.i18n import N_, tr
from engager_desktop.store.orm import Device
from engager_desktop.store.vault import Vault

PRACTITIONER = "practitioner"
SUPERVISOR = "supervisor"
ROLES = {PRACTITIONER: N_("Team", "Practitioner"), SUPERVISOR: N_("Team", "Supervisor")}
MAX_NAME = device_names.MAX_LENGTH
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class TeamSettings:
    """The practitioner using this laptop (None: not set) and their role."""

    name: str | None
    role: str = PRACTITIONER

    @property
    def supervisor(self) -> bool:
        return self.role == SUPERVISOR


@dataclass(frozen=True)
class Holder:
    """A laptop that may hold men, as the caseload names it."""

    device_id: str
    label: str  # the practitioner's name, or the laptop's name when its card gave none
    laptop: str
    practitioner: str | None
    role: str | None
    is_self: bool
    revoked: bool


def team_settings(vault: Vault) -> TeamSettings:
    with vault.read() as session:
        row = session.execute(
            select(Device.practitioner, Device.role).where(Device.is_self.is_(True))
        ).first()
    if row is None:
        return TeamSettings(None)
    return TeamSettings(row.practitioner, row.role or PRACTITIONER)


def check_name(text: str) -> str | None:
    """A practitioner's name as saved: trimmed, None when blank; refused like a laptop name when
    it is too long or holds control characters (it travels on the device card)."""
    name = " ".join(text.split())
    if not name:
        return None
    if len(name) > MAX_NAME:
        raise ValidationError(
            "practitioner",
            tr("Errors", "A name can be at most {max_name} characters.").format(max_name=MAX_NAME),
        )
    if not device_names.is_clean(name):
        raise ValidationError(
            "practitioner", tr("Errors", "A name cannot hold control characters.")
        )
    return name


def save_team_settings(vault: Vault, name: str, role: str) -> TeamSettings:
    """Set who uses this laptop and their role (shown on its device card from now on)."""
    if role not in ROLES:
        raise ValidationError("role", tr("Errors", "Choose practitioner or supervisor."))
    checked = check_name(name)
    with vault.write() as session:
        session.execute(
            update(Device).where(Device.is_self.is_(True)).values(practitioner=checked, role=role)
        )
        vault.stamper.audit(session, "team_settings_changed", "devices", vault.device_id, role)
    return TeamSettings(checked, role)


def _label(practitioner: str | None, laptop: str) -> str:
    return practitioner or laptop


def holders(vault: Vault) -> dict[str, Holder]:
    """Every laptop this one knows (itself included), by device id."""
    with vault.read() as session:
        rows = session.execute(
            select(
                Device.id,
                Device.name,
                Device.practitioner,
                Device.role,
                Device.is_self,
                Device.revoked_at,
            )
        ).all()
    return {
        row.id: Holder(
            row.id,
            _label(row.practitioner, row.name),
            row.name,
            row.practitioner,
            row.role,
            bool(row.is_self),
            row.revoked_at is not None,
        )
        for row in rows
    }


@dataclass(frozen=True)
class TeamView:
    """What the caseload needs: this laptop's id and settings, and every laptop it knows."""

    own: str
    settings: TeamSettings
    holders: dict[str, Holder]

    def labels(self) -> dict[str, str]:
        return {device_id: holder.label for device_id, holder in self.holders.items()}

    def others_by_label(self) -> dict[str, tuple[str, ...]]:
        """Other laptops grouped by what "Held by" shows (one practitioner may have two)."""
        grouped: dict[str, list[str]] = {}
        for holder in sorted(self.holders.values(), key=lambda h: h.label.casefold()):
            if not holder.is_self:
                grouped.setdefault(holder.label, []).append(holder.device_id)
        return {label: tuple(ids) for label, ids in grouped.items()}


def team_view(vault: Vault) -> TeamView:
    return TeamView(vault.device_id, team_settings(vault), holders(vault))


READ_MOSTLY = N_(
    "ReadMostly",
    "Held by {who}. On this supervisor's laptop his record is read-only: the step wizards and "
    "every change to his sections are closed; printing and supervision notes stay open.",
)


def read_mostly_note(vault: Vault, held_by: str | None) -> str | None:
    """On a supervisor's laptop, for a man another laptop holds: the line saying what is
    read-only here (None everywhere else)."""
    if held_by is None or held_by == vault.device_id or not team_settings(vault).supervisor:
        return None
    return tr("ReadMostly", READ_MOSTLY).format(who=holder_label(held_by, holders(vault)))


def holder_label(held_by: str | None, known: dict[str, Holder]) -> str:
    """What the caseload's "Held by" column says for one man."""
    if held_by is None:
        return NOT_RECORDED
    found = known.get(held_by)
    if found is None:
        return f"Laptop {held_by[:8]} (not enrolled here)"
    return found.label


__all__ = [
    "Holder",
    "NOT_RECORDED",
    "PRACTITIONER",
    "ROLES",
    "SUPERVISOR",
    "TeamSettings",
    "TeamView",
    "check_name",
    "holder_label",
    "holders",
    "read_mostly_note",
    "save_team_settings",
    "team_settings",
    "team_view",
]
