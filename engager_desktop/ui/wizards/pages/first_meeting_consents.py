"""First meeting page: his consent to every kind of sharing, on one page (P35)."""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.services.first_meeting_commit import GENERAL, PLAN, PLAN_SERVICE, consent_key
from engager_desktop.ui import labels
from engager_desktop.ui.wizards.choices import CHOOSE
from engager_desktop.ui.wizards.page import Problem, WizardPage

ANSWERS = (
    (N_("Wizard", "Not asked yet"), ""),
    (N_("Wizard", "He agrees"), "yes"),
    (N_("Wizard", "He does not agree"), "no"),
)
INTRO = N_(
    "FirstMeetingWizard",
    "Ask him about each kind of sharing before anything goes to another service. An answer "
    "already recorded shows here; change it only if he gives a new one.",
)
NO_SERVICES = N_(
    "FirstMeetingWizard",
    "Add services to the directory to record his consent to sharing his plan with one.",
)


class ConsentsPage(WizardPage):
    NAME = "consents"
    PLACE = "tab.people"
    CONTEXT = "FirstMeetingWizard"
    TITLE = N_("FirstMeetingWizard", "His consent to sharing")
    SUBTITLE = N_(
        "FirstMeetingWizard",
        "Every kind of sharing, asked together. A new answer replaces the one before.",
    )

    def build(self) -> None:
        self.note(tr("FirstMeetingWizard", INTRO))
        for kind in GENERAL:
            self.choice(consent_key(kind), labels.word(labels.CONSENT, kind.value), ANSWERS)
        self.heading(labels.word(labels.CONSENT, PLAN.value))
        if not self.context.services:
            self.note(tr("FirstMeetingWizard", NO_SERVICES))
            return
        self.choice(
            PLAN_SERVICE,
            tr("FirstMeetingWizard", "Which service"),
            (CHOOSE, *self.context.services),
        )
        self.choice(
            consent_key(PLAN), tr("FirstMeetingWizard", "His answer about that service"), ANSWERS
        )

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        if values.get(consent_key(PLAN)) and not values.get(PLAN_SERVICE):
            return [
                (
                    self.fields[PLAN_SERVICE],
                    tr("FirstMeetingWizard", "Choose the service he was asked about."),
                )
            ]
        return []
