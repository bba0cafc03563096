"""Understanding page 5: trauma, if he chooses to tell it; sensitive and kept out of print (P6)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import LONG
from engager_desktop.ui.wizards.page import WizardPage

CAUTION = N_(
    "UnderstandingWizard",
    "<b>Take care:</b> only what he chooses to tell you. Before he goes back to the wing, bring "
    "the talk to steadier ground so he is not left exposed. This is marked sensitive: it stays "
    "out of anything printed unless you choose to include it.",
)


class TraumaPage(WizardPage):
    NAME = "trauma"
    PLACE = "understanding.trauma"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "Hard things that happened")
    SUBTITLE = N_("UnderstandingWizard", "Leave room for him to tell you, if and when he wants to.")

    def build(self) -> None:
        self.note(tr("UnderstandingWizard", CAUTION), caution=True)
        self.box(
            "trauma",
            tr("UnderstandingWizard", "What he has chosen to tell you"),
            limit=LONG,
            lines=6,
            sensitive=True,
        )
