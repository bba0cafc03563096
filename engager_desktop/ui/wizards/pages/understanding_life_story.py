"""Understanding page 4: his whole life first, and how he is doing his time (P3, P4)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import LONG, MEDIUM
from engager_desktop.ui.wizards.page import WizardPage


class LifeStoryPage(WizardPage):
    NAME = "life_story"
    PLACE = "understanding.life_story"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "His life")
    SUBTITLE = N_(
        "UnderstandingWizard", "People, places, work and what he enjoys, before what troubles him."
    )

    def build(self) -> None:
        self.box(
            "life_story",
            tr("UnderstandingWizard", "His life story, in his words"),
            limit=LONG,
            lines=7,
        )
        self.box(
            "doing_your_time",
            tr("UnderstandingWizard", "How he is getting on with doing his time"),
            limit=MEDIUM,
        )
