"""Understanding page 11: quick wins, from you or achieved by himself (P12)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.choices import QUICK_WIN_SOURCES
from engager_desktop.ui.wizards.fields import CHOICE, DATE, TEXT, Spec
from engager_desktop.ui.wizards.page import WizardPage

WIN_SPECS = (
    Spec(
        "text",
        N_("UnderstandingWizard", "Something he wants soon"),
        TEXT,
        required=True,
        limit=MEDIUM,
        wide=True,
    ),
    Spec(
        "source",
        N_("UnderstandingWizard", "Who makes it happen"),
        CHOICE,
        limit=None,
        options=QUICK_WIN_SOURCES,
    ),
    Spec("achieved_on", N_("UnderstandingWizard", "Achieved on"), DATE, limit=None),
)


class QuickWinsPage(WizardPage):
    NAME = "quick_wins"
    PLACE = "understanding.quick_wins"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "Quick wins")
    SUBTITLE = N_(
        "UnderstandingWizard", "Something he wants soon: from you, or something he can do himself."
    )

    def build(self) -> None:
        self.wins = self.rows(
            "quick_wins",
            tr("UnderstandingWizard", "quick win"),
            WIN_SPECS,
            empty_text=tr("UnderstandingWizard", "None yet."),
            defaults={"source": QUICK_WIN_SOURCES[0][1]},
        )
