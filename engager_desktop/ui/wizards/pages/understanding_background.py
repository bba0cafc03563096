"""Understanding page 1: services he is or was in touch with, and assessments already made (P1)."""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM, SHORT
from engager_desktop.ui.wizards.fields import BOX, CHECK, TEXT, Spec
from engager_desktop.ui.wizards.page import Problem, WizardPage

SERVICE_SPECS = (
    Spec("service_name", N_("UnderstandingWizard", "Service"), TEXT, required=True, limit=SHORT),
    Spec(
        "when",
        N_("UnderstandingWizard", "When"),
        TEXT,
        limit=100,
        hint=N_("UnderstandingWizard", "For example: 2023, or since last spring."),
    ),
    Spec("referral_made", N_("UnderstandingWizard", "A referral was made"), CHECK, limit=None),
    Spec("still_involved", N_("UnderstandingWizard", "Still involved with him"), CHECK, limit=None),
    Spec("outcome", N_("UnderstandingWizard", "What came of it"), BOX, limit=MEDIUM, lines=2),
    Spec(
        "excluded", N_("UnderstandingWizard", "He is excluded from this service"), CHECK, limit=None
    ),
    Spec(
        "exclusion_reason",
        N_("UnderstandingWizard", "Why he is excluded"),
        BOX,
        limit=MEDIUM,
        lines=2,
    ),
)


class BackgroundPage(WizardPage):
    NAME = "background"
    PLACE = "understanding.background"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "Background and services")
    SUBTITLE = N_(
        "UnderstandingWizard",
        "Services he has dealt with, referrals and what came of them, plans already made.",
    )

    def build(self) -> None:
        self.box(
            "existing_assessments",
            tr(
                "UnderstandingWizard", "Assessments or plans already in place, in prison or outside"
            ),
            limit=MEDIUM,
        )
        self.heading(tr("UnderstandingWizard", "Services he is or was in touch with"))
        self.services = self.rows(
            "service_contacts",
            tr("UnderstandingWizard", "service"),
            SERVICE_SPECS,
            empty_text=tr(
                "UnderstandingWizard",
                "None recorded yet. Ask him which services he has dealt with.",
            ),
        )

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        found: list[Problem] = []
        for index, item in enumerate(values.get("service_contacts", [])):
            field = self.services.field(index, "exclusion_reason")
            if item.get("excluded") and not str(item.get("exclusion_reason", "")).strip() and field:
                found.append(
                    (field, tr("UnderstandingWizard", "Say why he is excluded from this service."))
                )
        return found
