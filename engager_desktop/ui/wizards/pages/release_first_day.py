"""Release page 4: a plan for the first 24 hours, the riskiest time (P22)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.page import WizardPage


class FirstDayPage(WizardPage):
    NAME = "first_day"
    PLACE = "release.first_day"
    CONTEXT = "ReleaseWizard"
    TITLE = N_("ReleaseWizard", "The first 24 hours")
    SUBTITLE = N_(
        "ReleaseWizard", "Where he goes, who he sees, and what he does if things get hard."
    )

    def build(self) -> None:
        self.note(self.context.substances_text, caution=bool(self.context.substances_text))
        self.box(
            "first_24_hours",
            tr("ReleaseWizard", "The plan for his first 24 hours"),
            limit=MEDIUM,
            lines=6,
        )
        self.box(
            "what_to_bring", tr("ReleaseWizard", "What to bring on the day"), limit=MEDIUM, lines=3
        )
