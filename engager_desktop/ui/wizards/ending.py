"""The ending wizard: tapering, his blueprint, support that carries on, the checks and sign-off."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from html import escape
from typing import Any

from engager_desktop.domain import endings as rules
from engager_desktop.domain.enums import SupportRole
from engager_desktop.i18n import N_, tr
from engager_desktop.services import caseload, endings
from engager_desktop.services.ending_commit import commit_ending, tapering_text
from engager_desktop.services.endings import EndingPlanInput
from engager_desktop.services.meetings import local_day
from engager_desktop.services.typed_input import BadInput, date_text, parse_date
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui.wizards.base import EngagerWizard
from engager_desktop.ui.wizards.page import WizardPage
from engager_desktop.ui.wizards.pages.ending_blueprint import BlueprintPage
from engager_desktop.ui.wizards.pages.ending_sign_off import SignOffPage
from engager_desktop.ui.wizards.pages.ending_support import SupportPage
from engager_desktop.ui.wizards.pages.ending_tapering import TaperingPage

FAMILY_ROLES = (SupportRole.FAMILY.value, SupportRole.FRIEND.value)


@dataclass
class EndingContext:
    name: str
    today: date
    held: int
    last_session: date
    progress_text: str
    sign_off_planned: bool
    suggestions: dict[str, str] = field(default_factory=dict)  # key -> text, not yet confirmed
    initial: dict[str, Any] = field(default_factory=dict)


def _joined(parts: list[str | None] | list[str]) -> str:
    return "; ".join(dict.fromkeys(p for p in parts if p))


def _from_record(record: caseload.ManRecord) -> dict[str, str]:
    """What other parts of his record suggest for ending fields left empty (P17).

    Suggestions only: shown beside the field and saved only when the practitioner uses one, so
    no support counts as arranged until someone has confirmed it.
    """
    people = record.plan.support_people
    helpful = [p for p in people if p["helpful"] is True]
    services = [s.service_name for s in record.understanding.service_contacts if s.still_involved]

    def named(person: Any) -> str:
        relation = person["relationship"] or person["role"].replace("_", " ")
        return f"{person['name']} ({relation})"

    return {
        "services": _joined(services),
        "mentoring": _joined([named(p) for p in people if p["role"] == SupportRole.PEER_MENTOR]),
        "family_and_friends": _joined([named(p) for p in helpful if p["role"] in FAMILY_ROLES]),
        "who_to_contact": _joined([named(p) for p in helpful] + services),
    }


class EndingWizard(EngagerWizard):
    KIND = "ending"
    CONTEXT = "EndingWizard"
    TITLE = N_("EndingWizard", "Planning the ending")
    ALIASES = {"dates": "book_tapering", "place": "book_tapering"}

    @classmethod
    def load(cls, vault: Vault, man_id: str) -> EndingContext:
        record = caseload.load_man(vault, man_id)
        man = record.participant
        view = endings.ending_plan(vault, man_id)
        check = endings.ending_check(vault, man_id)
        today = vault.clock.today()
        held = [m for m in record.plan.meetings if m["attended"] is True]
        last = max([local_day(m["starts_at"]) for m in held] + [today])
        sign_item = next(i for i in check.checks.items if i.key == "sign_off_in_person")
        signed_in_person = bool(view and view.signed_off_in_person)
        context = EndingContext(
            name=man.preferred_name,
            today=today,
            held=len(held),
            last_session=last,
            progress_text=check.sessions.message,
            sign_off_planned=sign_item.done and not signed_in_person,
        )
        plan = view.plan if view else EndingPlanInput()
        values: dict[str, Any] = {}
        for f in fields(EndingPlanInput):
            value = getattr(plan, f.name)
            values[f.name] = (
                date_text(value) if isinstance(value, date) else ("" if value is None else value)
            )
        context.suggestions = {
            key: text for key, text in _from_record(record).items() if text and not values[key]
        }
        values.update(
            planned_sessions=man.planned_sessions,
            planned_end=date_text(man.planned_end),
            book_tapering=False,
            any_day=False,
            support_checked=bool(view and view.support_in_place_checked),
            signed_off_on=date_text(view.signed_off_on if view else None),
            signed_off_in_person=signed_in_person,
            closing_note=(view.closing_note if view else None) or "",
        )
        context.initial = values
        return context

    def make_pages(self, context: EndingContext) -> list[WizardPage]:
        support, sign_off = SupportPage(context), SignOffPage(context)
        self.values_changed.connect(support.refresh)
        self.values_changed.connect(sign_off.refresh)
        return [TaperingPage(context), BlueprintPage(context), support, sign_off]

    # --- live figures ------------------------------------------------------------------------

    def tapering_dates(self) -> list[date]:
        """Dates for the sessions left, from what is typed now; a TaperingError (a ValueError)
        says plainly why not."""
        values = self.values()
        planned = values.get("planned_sessions")
        end = parse_date(values.get("planned_end"))
        if not planned or end is None:
            raise rules.TaperingError(
                tr("EndingWizard", "Agree a number of sessions and an end date first.")
            )
        left = rules.sessions_progress(self.context.held, int(planned)).remaining or 0
        dates = rules.propose_tapering(self.context.last_session, end, left)
        if values.get("any_day"):
            return dates
        return rules.on_working_days(self.context.last_session, dates)

    def tapering_text(self, dates: list[date]) -> str:
        return tapering_text(dates)

    def ending_html(self) -> str:
        values = self.values()
        try:
            end = parse_date(values.get("planned_end"))
            call = parse_date(values.get("aftercare_call_on"))
        except BadInput:
            end = call = None
        facts = rules.EndingCheckInput(
            **{key: values.get(key) or None for key in _TEXT_KEYS},
            aftercare_call_on=call,
            signed_off_in_person=bool(values.get("signed_off_in_person")),
            sign_off_meeting_planned=self.context.sign_off_planned,
            end_date=end,
        )
        checks = rules.ending_checks(facts)
        needed = f"<b>{tr('EndingWizard', 'Needed:')}</b> "
        if not checks.missing:
            head = f"<b>{tr('EndingWizard', 'Everything is in place for the ending.')}</b>"
        else:
            items = "".join(
                f"<li>{needed if item.required else ''}{escape(item.label)}</li>"
                for item in checks.missing
            )
            still = tr("EndingWizard", "Still missing before the ending:")
            head = f"<b>{still}</b><ul>{items}</ul>"
        return f"{head}{escape(checks.support.message)}"

    @staticmethod
    def commit(vault: Vault, man_id: str, context: Any, values: dict[str, Any]) -> Any:
        return commit_ending(vault, man_id, context.initial, values)


_TEXT_KEYS = (
    "signs_to_watch",
    "what_helps",
    "who_to_contact",
    "mentoring",
    "services",
    "family_and_friends",
    "self_care",
    "how_to_mark_it",
    "tapering",
)
