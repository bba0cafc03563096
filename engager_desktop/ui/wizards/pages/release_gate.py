"""Release page 3: who meets him at the gate, a peer if possible (P22)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import SHORT
from engager_desktop.ui.wizards.choices import GATE_MEETERS
from engager_desktop.ui.wizards.page import WizardPage


class GatePage(WizardPage):
    NAME = "gate"
    PLACE = "release.gate"
    CONTEXT = "ReleaseWizard"
    TITLE = N_("ReleaseWizard", "Meeting him at the gate")
    SUBTITLE = N_("ReleaseWizard", "A peer if one can be found; otherwise you.")

    def build(self) -> None:
        self.note(self.context.gate_text)
        self.choice("gate_meeter", tr("ReleaseWizard", "Who meets him"), GATE_MEETERS)
        self.text("gate_meeter_name", tr("ReleaseWizard", "Their name"), limit=SHORT)
        self.text("gate_meeting_place", tr("ReleaseWizard", "Where they meet him"), limit=SHORT)
