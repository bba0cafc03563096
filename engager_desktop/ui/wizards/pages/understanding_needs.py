"""Understanding page 6: drink and drugs and how they link to the rest; basic needs (P3, P7)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.page import WizardPage


class NeedsPage(WizardPage):
    NAME = "needs"
    PLACE = "understanding.needs"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "Drink, drugs and basic needs")
    SUBTITLE = N_("UnderstandingWizard", "Food, a roof and company come first.")

    def build(self) -> None:
        self.heading(tr("UnderstandingWizard", "Drink and drugs"))
        self.box(
            "substance_use",
            tr("UnderstandingWizard", "What he uses, and how much"),
            limit=MEDIUM,
            lines=2,
        )
        self.box(
            "substance_links",
            tr("UnderstandingWizard", "How it ties in with his mood, past hurts or being alone"),
            limit=MEDIUM,
            lines=2,
        )
        self.heading(tr("UnderstandingWizard", "Basic needs"))
        self.box(
            "basic_needs_worries",
            tr(
                "UnderstandingWizard",
                "His worries about food, somewhere to live and company, now and after release",
            ),
            limit=MEDIUM,
        )
