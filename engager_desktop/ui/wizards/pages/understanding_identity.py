"""Understanding page 2: his identity in his own words (P2)."""

from __future__ import annotations

from engager_desktop.ui.wizards.page import WizardPage

OWN_WORDS = "Write these as he describes them, in his words."


class IdentityPage(WizardPage):
    NAME = "identity"
    PLACE = "understanding.identity"
    TITLE = "Who he is"
    SUBTITLE = "His identity as he describes it."

    def build(self) -> None:
        self.note(OWN_WORDS)
        self.text("gender", "Gender", limit=100)
        self.text("ethnicity", "Ethnicity", limit=100)
        self.text("faith", "Faith or spirituality", limit=100)
