"""Ending page 2: his blueprint: signs to watch for, what helps, who to contact (P31)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.page import WizardPage


def suggest_from_record(page: WizardPage) -> None:
    """Under each of the page's fields that is empty, what his record suggests (not saved)."""
    for key, text in page.context.suggestions.items():
        if key in page.fields:
            page.suggest(page.fields[key], text)


class BlueprintPage(WizardPage):
    NAME = "blueprint"
    PLACE = "ending.blueprint"
    CONTEXT = "EndingWizard"
    TITLE = N_("EndingWizard", "His blueprint")
    SUBTITLE = N_("EndingWizard", "What he will look out for, what helps, and who he can turn to.")

    def build(self) -> None:
        self.box(
            "signs_to_watch", tr("EndingWizard", "Signs to watch for, in his words"), limit=MEDIUM
        )
        self.box("what_helps", tr("EndingWizard", "What helps when things get hard"), limit=MEDIUM)
        self.box("who_to_contact", tr("EndingWizard", "Who to contact for help"), limit=MEDIUM)
        suggest_from_record(self)
