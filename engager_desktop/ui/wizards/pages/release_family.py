"""Release page 5: a meeting with his family before release about what to expect (P19)."""

from __future__ import annotations

from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.page import WizardPage


class FamilyMeetingPage(WizardPage):
    NAME = "family_meeting"
    PLACE = "release.family"
    TITLE = "Family meeting"
    SUBTITLE = "Home will have changed: a talk beforehand helps a gradual return."

    def build(self) -> None:
        self.note(self.context.family_text)
        self.check("family_meeting_held", "A meeting with his family has been held")
        self.box("family_meeting_note", "What was talked about, and what comes next", limit=MEDIUM)
