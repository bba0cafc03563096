"""Release page 5: a meeting with his family before release about what to expect (P19)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.page import WizardPage


class FamilyMeetingPage(WizardPage):
    NAME = "family_meeting"
    PLACE = "release.family"
    CONTEXT = "ReleaseWizard"
    TITLE = N_("ReleaseWizard", "Family meeting")
    SUBTITLE = N_(
        "ReleaseWizard", "Home will have changed: a talk beforehand helps a gradual return."
    )

    def build(self) -> None:
        self.note(self.context.family_text)
        self.check(
            "family_meeting_held", tr("ReleaseWizard", "A meeting with his family has been held")
        )
        self.box(
            "family_meeting_note",
            tr("ReleaseWizard", "What was talked about, and what comes next"),
            limit=MEDIUM,
        )
