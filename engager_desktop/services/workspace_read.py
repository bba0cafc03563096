"""One read of everything a man's workspace shows: his record and every check, in one snapshot.

Every figure is read inside ONE read session (``Vault.snapshot``), so the overview, the tabs
and the alerts agree with each other even while another thread saves. Plain frozen values only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
    blueprint_due: bool = False  # his end date is near and his blueprint is not finished (P31)


def _his_service_ids(record: caseload.ManRecord, plan: action_plan.PlanView) -> set[str]:
    ids = {s.service_id for g in plan.goals for s in g.steps if s.service_id}
    ids |= {c.service_id for c in record.understanding.service_contacts if c.service_id}
    return {i for i in ids if i}


def load_workspace(vault: Vault, man_id: str) -> ManData:
    """His record and every check the overview needs (NotFound if he was removed meanwhile)."""
    with vault.snapshot():
        return _read(vault, man_id)


def _read(vault: Vault, man_id: str) -> ManData:
    today = vault.clock.today()
    record = caseload.load_man(vault, man_id, today=today)
    plan = action_plan.plan_for(vault, man_id)
    alerts = contact_alerts.contact_alerts(vault, man_id)
    his_services = _his_service_ids(record, plan)
    ending_check = endings.ending_check(vault, man_id)
    stale = tuple(s for s in directory.stale(vault) if s.id in his_services)
    return ManData(
        man_id=man_id,
        today=today,
        record=record,
        plan=plan,
        readiness=release.readiness(vault, man_id),
        release_plan=release.release_plan(vault, man_id),
        ending=endings.ending_plan(vault, man_id),
        ending_check=ending_check,
        clashes=tuple(meetings.clashes(vault, man_id)),
        reminders=tuple(contact_alerts.reminders_due(vault, man_id)),
        missed=tuple(contact_alerts.missed_follow_ups(vault, man_id)),
        contact_alert=alerts[0] if alerts else None,
        lost_contact=contact_alerts.lost_contact(vault, man_id),
        stale_services=stale,
        consents=tuple(consent.current_consents(vault, man_id)),
        practice_notes=practice_notes.notes_for(vault, man_id),
        blueprint_due=endings.blueprint_due(vault, man_id, check=ending_check),
    )
