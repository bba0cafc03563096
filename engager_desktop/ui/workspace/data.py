"""Everything the workspace shows about one man, read through the services in a worker thread.

No Qt here: ``load_workspace`` runs off the UI thread and returns plain frozen values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from engager_desktop.services import (
    action_plan,
    caseload,
    consent,
    contact_alerts,
    directory,
    endings,
    meetings,
    practice_notes,
    release,
)
from engager_desktop.store.vault import Vault
from engager_desktop.ui import labels


@dataclass(frozen=True)
class ManData:
    man_id: str
    today: date
    record: caseload.ManRecord
    plan: action_plan.PlanView
    readiness: release.ReleaseReadiness
    release_plan: release.ReleasePlanInput | None
    ending: endings.EndingPlanView | None
    ending_check: endings.EndingCheck
    clashes: tuple[meetings.ClashView, ...]
    reminders: tuple[meetings.SlotView, ...]
    missed: tuple[meetings.SlotView, ...]
    contact_alert: contact_alerts.ContactAlertView | None
    lost_contact: contact_alerts.LostContactPrompt
    stale_services: tuple[directory.ServiceView, ...]
    consents: tuple[consent.ConsentState, ...]
    practice_notes: tuple[practice_notes.NoteView, ...] = ()  # newest first

    @property
    def name(self) -> str:
        man = self.record.participant
        return labels.name_of(man.preferred_name, man.given_name, man.family_name)


def _his_service_ids(record: caseload.ManRecord, plan: action_plan.PlanView) -> set[str]:
    ids = {s.service_id for g in plan.goals for s in g.steps if s.service_id}
    ids |= {c.service_id for c in record.understanding.service_contacts if c.service_id}
    return {i for i in ids if i}


def load_workspace(vault: Vault, man_id: str) -> ManData:
    """His record and every check the overview needs (NotFound if he was removed meanwhile)."""
    today = vault.clock.today()
    record = caseload.load_man(vault, man_id, today=today)
    plan = action_plan.plan_for(vault, man_id)
    alerts = contact_alerts.contact_alerts(vault, man_id)
    his_services = _his_service_ids(record, plan)
    stale = tuple(s for s in directory.stale(vault) if s.id in his_services)
    return ManData(
        man_id=man_id,
        today=today,
        record=record,
        plan=plan,
        readiness=release.readiness(vault, man_id),
        release_plan=release.release_plan(vault, man_id),
        ending=endings.ending_plan(vault, man_id),
        ending_check=endings.ending_check(vault, man_id),
        clashes=tuple(meetings.clashes(vault, man_id)),
        reminders=tuple(contact_alerts.reminders_due(vault, man_id)),
        missed=tuple(contact_alerts.missed_follow_ups(vault, man_id)),
        contact_alert=alerts[0] if alerts else None,
        lost_contact=contact_alerts.lost_contact(vault, man_id),
        stale_services=stale,
        consents=tuple(consent.current_consents(vault, man_id)),
        practice_notes=practice_notes.notes_for(vault, man_id),
    )


@dataclass(frozen=True)
class Alert:
    kind: str  # reminder, clash, stale, contact, overdue, conflict, missed
    text: str


def alerts_of(data: ManData) -> list[Alert]:
    """The overview's alerts, most pressing first, in plain words."""
    found: list[Alert] = []
    summary = data.record.summary
    if data.contact_alert is not None:
        found.append(Alert("contact", data.contact_alert.alert.message))
    for slot in data.missed:
        found.append(
            Alert(
                "missed", f"Missed: {slot.with_whom} on {labels.moment(slot.starts_at)}. Follow up."
            )
        )
    for slot in data.reminders:
        found.append(
            Alert(
                "reminder",
                f"Reminder due: {slot.with_whom} on {labels.moment(slot.starts_at)}.",
            )
        )
    for clash in data.clashes:
        first, second = clash.first, clash.second
        found.append(
            Alert(
                "clash",
                f"{first.with_whom} ({labels.moment(first.starts_at)}) and {second.with_whom}: "
                f"{clash.message}",
            )
        )
    if summary.overdue_steps:
        found.append(
            Alert("overdue", f"{labels.plural(summary.overdue_steps, 'step')} past the due date.")
        )
    if summary.conflicts:
        found.append(
            Alert(
                "conflict",
                f"{labels.plural(summary.conflicts, 'change')} from another laptop to review.",
            )
        )
    closed = data.record.participant.phase == "closed"
    for service in () if closed else data.stale_services:
        days = service.days_since_verified
        when = f"{days} days ago" if days is not None else "never"
        found.append(
            Alert(
                "stale", f"Service details to check again: {service.entry.name} (checked {when})."
            )
        )
    return found


def row_value(row: Any, key: str, default: Any = None) -> Any:
    """A column of a read-only record row (rows are mappings)."""
    try:
        return row[key]
    except (KeyError, TypeError):
        return default
