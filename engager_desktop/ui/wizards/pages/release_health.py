"""Release page 2: GP and medication, a phone that works and other ways to reach him (P21)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.a11y import describe_value
from engager_desktop.ui.wizards.page import WizardPage
from engager_desktop.ui.wizards.pages.release_checklist import readiness_words, show_readiness

CONSENT = N_("ReleaseWizard", "His contact details go to no one else until he has agreed to it.")


class HealthContactPage(WizardPage):
    NAME = "health_contact"
    PLACE = "release.health"
    CONTEXT = "ReleaseWizard"
    TITLE = N_("ReleaseWizard", "Health, and staying in touch")
    SUBTITLE = N_("ReleaseWizard", "So his care carries on, and you can reach him once he is out.")

    def build(self) -> None:
        self.missing = self.note()
        describe_value(self.missing, tr("ReleaseWizard", "What is still missing"))
        self.heading(tr("ReleaseWizard", "Health"))
        self.check("gp_registered", tr("ReleaseWizard", "Registered with a GP"))
        self.check("discharge_letter", tr("ReleaseWizard", "Discharge letter sent to the GP"))
        self.box(
            "gp_follow_up", tr("ReleaseWizard", "GP follow-up arranged"), limit=MEDIUM, lines=2
        )
        self.box("medication", tr("ReleaseWizard", "Medication he takes"), limit=MEDIUM, lines=2)
        self.check(
            "medication_arranged",
            tr("ReleaseWizard", "Medication ready for the day he leaves (or he takes none)"),
        )
        self.heading(tr("ReleaseWizard", "Staying in touch"))
        self.check(
            "phone_working", tr("ReleaseWizard", "He has a phone that works (charged, and kept)")
        )
        self.text(
            "phone_number",
            tr("ReleaseWizard", "His phone number"),
            limit=40,
            hint=tr("ReleaseWizard", CONSENT),
        )
        self.box(
            "other_ways_to_reach",
            tr("ReleaseWizard", "Other ways to reach him (probation, hostel, someone he trusts)"),
            limit=MEDIUM,
            lines=2,
            hint=tr("ReleaseWizard", CONSENT),
        )
        self.check(
            "services_met_inside",
            tr("ReleaseWizard", "Community services met him in person while inside"),
        )

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.refresh()

    def refresh(self) -> None:
        show_readiness(self, limit=4)

    def arrival_words(self) -> str:
        """Said after the page title on arriving: how ready he is and what is missing first."""
        return readiness_words(self)
