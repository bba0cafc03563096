"""Ending page 2: his blueprint: signs to watch for, what helps, who to contact (P31)."""

from __future__ import annotations

from engager_desktop.store.orm.base import MEDIUM
from engager_desktop.ui.wizards.page import WizardPage

FROM_RECORD = (
    "Where these were empty, they start from what is already recorded: check them with him."
)


class BlueprintPage(WizardPage):
    NAME = "blueprint"
    PLACE = "ending.blueprint"
    TITLE = "His blueprint"
    SUBTITLE = "What he will look out for, what helps, and who he can turn to."

    def build(self) -> None:
        if self.context.prefilled:
            self.note(FROM_RECORD)
        self.box("signs_to_watch", "Signs to watch for, in his words", limit=MEDIUM)
        self.box("what_helps", "What helps when things get hard", limit=MEDIUM)
        self.box("who_to_contact", "Who to contact for help", limit=MEDIUM)
