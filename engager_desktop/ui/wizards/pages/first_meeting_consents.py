"""First meeting page: his consent to every kind of sharing, on one page (P35)."""

from __future__ import annotations

from typing import Any

from engager_desktop.services.first_meeting_commit import GENERAL, PLAN, PLAN_SERVICE, consent_key
from engager_desktop.ui import labels
from engager_desktop.ui.wizards.choices import CHOOSE
from engager_desktop.ui.wizards.page import Problem, WizardPage

ANSWERS = (("Not asked yet", ""), ("He agrees", "yes"), ("He does not agree", "no"))
INTRO = (
    "Ask him about each kind of sharing before anything goes to another service. An answer "
    "already recorded shows here; change it only if he gives a new one."
)
NO_SERVICES = "Add services to the directory to record his consent to sharing his plan with one."


class ConsentsPage(WizardPage):
    NAME = "consents"
    PLACE = "tab.people"
    TITLE = "His consent to sharing"
    SUBTITLE = "Every kind of sharing, asked together. A new answer replaces the one before."

    def build(self) -> None:
        self.note(INTRO)
        for kind in GENERAL:
            self.choice(consent_key(kind), labels.CONSENT[kind.value], ANSWERS)
        self.heading(labels.CONSENT[PLAN.value])
        if not self.context.services:
            self.note(NO_SERVICES)
            return
        self.choice(PLAN_SERVICE, "Which service", (CHOOSE, *self.context.services))
        self.choice(consent_key(PLAN), "His answer about that service", ANSWERS)

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        if values.get(consent_key(PLAN)) and not values.get(PLAN_SERVICE):
            return [(self.fields[PLAN_SERVICE], "Choose the service he was asked about.")]
        return []
