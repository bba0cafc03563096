"""The release preparation wizard: the checklist with what is missing, the gate, the first week."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from html import escape
from typing import Any

from engager_desktop.domain import release_readiness as rules
from engager_desktop.i18n import N_, tr, trn
from engager_desktop.services import caseload, release
from engager_desktop.services.meetings import local_time
from engager_desktop.services.release import ReleasePlanInput
from engager_desktop.services.release_commit import commit_release, plan_input
from engager_desktop.services.typed_input import BadInput, date_text, parse_date
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui.wizards.base import EngagerWizard
from engager_desktop.ui.wizards.fields import day_words
from engager_desktop.ui.wizards.page import WizardPage
from engager_desktop.ui.wizards.pages.release_checklist import ChecklistPage
from engager_desktop.ui.wizards.pages.release_family import FamilyMeetingPage
from engager_desktop.ui.wizards.pages.release_first_day import FirstDayPage
from engager_desktop.ui.wizards.pages.release_first_week import FirstWeekPage
from engager_desktop.ui.wizards.pages.release_gate import GatePage
from engager_desktop.ui.wizards.pages.release_health import HealthContactPage

FIRST_WEEK = timedelta(days=7)


@dataclass
class ReleaseContext:
    name: str
    today: date
    phase: str
    readiness: release.ReleaseReadiness
    appointments: tuple[date, ...]  # days of his appointments already booked
    booked_text: str
    gate_text: str
    family_text: str
    substances_text: str
    initial: dict[str, Any] = field(default_factory=dict)

    @property
    def family_to_involve(self) -> bool:
        item = next(i for i in self.readiness.items if i.key == "family_meeting")
        return item.applies


def _initial(plan: ReleasePlanInput | None, expected: date | None, gate: Any) -> dict[str, Any]:
    stored = plan or ReleasePlanInput(release_date=expected)
    values: dict[str, Any] = {}
    for f in fields(ReleasePlanInput):
        value = getattr(stored, f.name)
        values[f.name] = (
            date_text(value) if isinstance(value, date) else ("" if value is None else value)
        )
    if not values["release_date"]:
        values["release_date"] = date_text(expected)
    if not values["gate_meeter"] and gate.kind == release.GATE_PEER and gate.support_person_id:
        values["gate_meeter"], values["gate_meeter_name"] = release.GATE_PEER, gate.name or ""
    values["new_appointments"] = []
    return values


def _booked(rows: Any, release_day: date | None) -> tuple[tuple[date, ...], str]:
    days, lines = [], []
    for row in rows:
        when = local_time(row["starts_at"])
        days.append(when.date())
        if release_day and release_day <= when.date() < release_day + FIRST_WEEK:
            lines.append(f"{day_words(when.date())} {when:%H:%M}: {escape(row['with_whom'])}")
    nothing = tr("ReleaseWizard", "Nothing booked for his first week out yet.")
    text = "<br>".join(lines) if lines else nothing
    return tuple(days), f"<b>{tr('ReleaseWizard', 'Booked for his first week:')}</b><br>{text}"


def _gate_text(gate: release.GateMeeter, plan: ReleasePlanInput | None) -> str:
    if gate.kind == release.GATE_PEER:
        return tr("ReleaseWizard", "{name} is down to meet him at the gate.").format(
            name=escape(gate.name or tr("ReleaseWizard", "A peer"))
        )
    if plan is not None and plan.gate_meeter == release.GATE_PRACTITIONER:
        return tr("ReleaseReadiness", gate.prompt) if gate.prompt else ""
    return tr("ReleaseWizard", "No one is arranged yet: a peer if one can be found, otherwise you.")


class ReleaseWizard(EngagerWizard):
    KIND = "release"
    CONTEXT = "ReleaseWizard"
    TITLE = N_("ReleaseWizard", "Release preparation")
    ALIASES = {"with_whom": "new_appointments", "minutes": "new_appointments"}

    @classmethod
    def load(cls, vault: Vault, man_id: str) -> ReleaseContext:
        plan = release.release_plan(vault, man_id)
        ready = release.readiness(vault, man_id)
        record = caseload.load_man(vault, man_id)
        man = record.participant
        day = (plan.release_date if plan else None) or man.expected_release
        days, booked = _booked(record.plan.appointments, day)
        gate = ready.gate
        uses = record.understanding.life_story.substance_use
        context = ReleaseContext(
            name=man.preferred_name,
            today=vault.clock.today(),
            phase=man.phase,
            readiness=ready,
            appointments=days,
            booked_text=booked,
            gate_text=_gate_text(gate, plan),
            family_text=(
                tr(
                    "ReleaseWizard",
                    "He does not want his family involved, so no family meeting is needed.",
                )
                if not next(i for i in ready.items if i.key == "family_meeting").applies
                else tr(
                    "ReleaseWizard",
                    "Talk through with him and his family what to expect in the first weeks.",
                )
            ),
            substances_text=(
                tr(
                    "ReleaseWizard",
                    "He has told you about drink or drugs (“{said}”). "
                    "The first day is the riskiest: plan it with that in mind.",
                ).format(said=escape(uses.rstrip(". ")))
                if uses
                else ""
            ),
        )
        context.initial = _initial(plan, man.expected_release, gate)
        return context

    def make_pages(self, context: ReleaseContext) -> list[WizardPage]:
        pages: list[WizardPage] = [
            ChecklistPage(context),
            HealthContactPage(context),
            GatePage(context),
            FirstDayPage(context),
            FamilyMeetingPage(context),
            FirstWeekPage(context),
        ]
        for page in pages[:2]:
            self.values_changed.connect(page.refresh)  # type: ignore[attr-defined]
        return pages

    def assessment(self) -> rules.Readiness:
        """The checklist as it stands with what is typed now (not yet saved)."""
        values = self.values()
        try:
            plan = plan_input(values)
        except BadInput:
            plan = plan_input({**values, "release_date": ""})
        booked = list(self.context.appointments)
        for item in values.get("new_appointments", []):
            try:
                day = parse_date(item.get("on"))
            except BadInput:
                day = None
            if day:
                booked.append(day)
        start = plan.release_date
        first_week = bool(start and any(start <= d < start + FIRST_WEEK for d in booked))
        facts = rules.ReleaseChecklistInput(
            **{f.name: getattr(plan, f.name) for f in fields(ReleasePlanInput)},
            peer_meets_at_gate=bool(self.context.readiness.gate.support_person_id),
            has_first_week_appointments=first_week,
            family_to_involve=self.context.family_to_involve,
        )
        return rules.assess(facts, self.context.today)

    def ready_words(self, result: rules.Readiness | None = None) -> str:
        """Days to release and how ready he is: "29 days to release. 40% ready."."""
        result = result or self.assessment()
        days = result.days_to_release
        when = (
            tr("ReleaseWizard", "No release date yet.")
            if days is None
            else (
                trn("ReleaseWizard", "{n} day to release.", "{n} days to release.", days)
                if days >= 0
                else trn("ReleaseWizard", "Released {n} day ago.", "Released {n} days ago.", -days)
            )
        )
        ready = tr("ReleaseWizard", "{percent}% ready.").format(percent=result.percent)
        return f"{when} {ready}"

    def missing_words(self, limit: int = 3) -> str:
        """The checklist as a screen reader says it: how ready, and the most urgent gaps."""
        result = self.assessment()
        head = self.ready_words(result)
        if not result.missing:
            return f"{head} {tr('ReleaseWizard', 'Nothing is missing.')}"
        urgent = tr("ReleaseWizard", "urgent:")
        shown = [f"{urgent + ' ' if i.urgent else ''}{i.label}" for i in result.missing[:limit]]
        more = len(result.missing) - len(shown)
        missing = "; ".join(shown)
        if more > 0:
            missing = trn(
                "ReleaseWizard", "{missing}, and {n} more", "{missing}, and {n} more", more
            ).replace("{missing}", missing)
        return f"{head} " + tr("ReleaseWizard", "Still missing: {missing}.").format(missing=missing)

    def missing_html(self, limit: int | None = None) -> str:
        result = self.assessment()
        head = f"<b>{escape(self.ready_words(result))}</b>"
        if not result.missing:
            return f"{head} {tr('ReleaseWizard', 'Nothing is missing.')}"
        shown = result.missing[:limit] if limit else result.missing
        urgent = f"<b>{tr('ReleaseWizard', 'Urgent:')}</b> "
        items = "".join(
            f"<li>{urgent if item.urgent else ''}{escape(item.label)}"
            f"{' (' + escape(item.note) + ')' if item.note else ''}</li>"
            for item in shown
        )
        more = len(result.missing) - len(shown)
        tail = (
            trn(
                "ReleaseWizard",
                "And {n} more, listed on the first page.",
                "And {n} more, listed on the first page.",
                more,
            )
            if more > 0
            else ""
        )
        first = tr("ReleaseWizard", "Still missing, most urgent first:")
        return f"{head}<br>{first}<ul>{items}</ul>{tail}"

    @staticmethod
    def commit(vault: Vault, man_id: str, context: Any, values: dict[str, Any]) -> Any:
        return commit_release(vault, man_id, values)
