"""Understanding page 2: his identity in his own words (P2)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.ui.wizards.page import WizardPage

OWN_WORDS = N_("UnderstandingWizard", "Write these as he describes them, in his words.")


class IdentityPage(WizardPage):
    NAME = "identity"
    PLACE = "understanding.identity"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "Who he is")
    SUBTITLE = N_("UnderstandingWizard", "His identity as he describes it.")

    def build(self) -> None:
        self.note(tr("UnderstandingWizard", OWN_WORDS))
        self.text("gender", tr("UnderstandingWizard", "Gender"), limit=100)
        self.text("ethnicity", tr("UnderstandingWizard", "Ethnicity"), limit=100)
        self.text("faith", tr("UnderstandingWizard", "Faith or spirituality"), limit=100)
