"""Understanding page 9: strengths and skills he has, and ones he wants to build."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.choices import STRENGTH_KINDS
from engager_desktop.ui.wizards.fields import CHOICE, TEXT, Spec
from engager_desktop.ui.wizards.page import WizardPage

STRENGTH_SPECS = (
    Spec("text", N_("UnderstandingWizard", "Strength or skill"), TEXT, required=True, limit=MEDIUM),
    Spec(
        "kind",
        N_("UnderstandingWizard", "Has it, or wants it"),
        CHOICE,
        limit=None,
        options=STRENGTH_KINDS,
    ),
)


class StrengthsPage(WizardPage):
    NAME = "strengths"
    PLACE = "understanding.strengths"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "Strengths")
    SUBTITLE = N_(
        "UnderstandingWizard", "What he is good at, and what he would like to get better at."
    )

    def build(self) -> None:
        self.strengths = self.rows(
            "strengths",
            tr("UnderstandingWizard", "strength"),
            STRENGTH_SPECS,
            empty_text=tr("UnderstandingWizard", "None yet."),
            defaults={"kind": STRENGTH_KINDS[0][1]},
        )
