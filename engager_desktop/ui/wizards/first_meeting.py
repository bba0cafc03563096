"""The first meeting as one flow: the meeting, the understanding pages, the sessions plan, consents.

It is the shared understanding wizard (its pages and its save, reused) with the meeting first and
the sessions plan and his consents at the end, so a first meeting is recorded in one go (P23, P30,
P35). The page index lets the practitioner go to the pages he gets to; a draft keeps the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from engager_desktop.i18n import N_
from engager_desktop.services import consent, directory, participants, session_review
from engager_desktop.services.first_meeting_commit import commit_first_meeting, consent_key
from engager_desktop.services.session_review import PlannedSession
from engager_desktop.services.typed_input import date_text
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui.wizards.page import WizardPage
from engager_desktop.ui.wizards.pages.first_meeting_consents import ConsentsPage
from engager_desktop.ui.wizards.pages.first_meeting_held import MeetingPage
from engager_desktop.ui.wizards.pages.first_meeting_sessions import SessionsPlanPage
from engager_desktop.ui.wizards.review import meeting_values, planned_words
from engager_desktop.ui.wizards.understanding import UnderstandingContext, UnderstandingWizard


@dataclass
class FirstMeetingContext(UnderstandingContext):
    planned: PlannedSession | None = None
    planned_id: str | None = None
    services: tuple[tuple[str, str], ...] = ()  # (name, id) for the consent to share his plan

    @property
    def planned_text(self) -> str:
        """Said when shown, in the language in use (the context is read on a worker)."""
        return planned_words(self.planned)


def consent_values(states: tuple[consent.ConsentState, ...]) -> dict[str, str]:
    """His answer now to each kind of sharing in general, as the consents page shows it."""
    return {
        consent_key(state.kind): "yes" if state.given else "no"
        for state in states
        if state.service_id is None
    }


class FirstMeetingWizard(UnderstandingWizard):
    KIND = "first_meeting"
    CONTEXT = "FirstMeetingWizard"
    TITLE = N_("FirstMeetingWizard", "First meeting")
    ALIASES = {
        **UnderstandingWizard.ALIASES,
        "starts_at": "session_date",
        "next_session": "next_date",
        "service": "consent_plan_service",
    }

    @classmethod
    def load(cls, vault: Vault, man_id: str) -> FirstMeetingContext:
        base = super().load(vault, man_id)
        draft = session_review.prepare_review(vault, man_id)
        man = participants.get_participant(vault, man_id)
        services = tuple((v.entry.name, v.id) for v in directory.search_services(vault))
        context = FirstMeetingContext(
            **{f.name: getattr(base, f.name) for f in fields(UnderstandingContext)},
            planned=draft.planned,
            planned_id=draft.planned.id if draft.planned else None,
            services=services,
        )
        context.initial = {
            **base.initial,
            **meeting_values(draft, context.today),
            "planned_sessions": man.planned_sessions,
            "planned_end": date_text(man.planned_end),
            **consent_values(consent.current_consents(vault, man_id)),
        }
        return context

    def make_pages(self, context: UnderstandingContext) -> list[WizardPage]:
        understanding = super().make_pages(context)
        return [
            MeetingPage(context),
            *understanding,
            SessionsPlanPage(context),
            ConsentsPage(context),
        ]

    @staticmethod
    def commit(vault: Vault, man_id: str, context: Any, values: dict[str, Any]) -> Any:
        return commit_first_meeting(vault, man_id, context.initial, values, context.planned_id)
