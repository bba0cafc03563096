"""Understanding page 8: the links map, from a situation to what came of it (P10)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.fields import BOX, Spec
from engager_desktop.ui.wizards.page import WizardPage

LINK_SPECS = (
    Spec("situation", N_("UnderstandingWizard", "Situation"), BOX, limit=MEDIUM, lines=2),
    Spec("thoughts", N_("UnderstandingWizard", "Thoughts"), BOX, limit=MEDIUM, lines=2),
    Spec("feelings", N_("UnderstandingWizard", "Feelings"), BOX, limit=MEDIUM, lines=2),
    Spec("behaviour", N_("UnderstandingWizard", "What he did"), BOX, limit=MEDIUM, lines=2),
    Spec(
        "outcomes",
        N_("UnderstandingWizard", "What came of it, with other people"),
        BOX,
        limit=MEDIUM,
        lines=2,
    ),
)


class LinksMapPage(WizardPage):
    NAME = "links_map"
    PLACE = "understanding.links_map"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "Links map")
    SUBTITLE = N_(
        "UnderstandingWizard",
        "How a situation links to his thoughts, feelings, what he did and what followed.",
    )

    def build(self) -> None:
        self.links = self.rows(
            "links_map",
            tr("UnderstandingWizard", "links map entry"),
            LINK_SPECS,
            empty_text=tr(
                "UnderstandingWizard", "No entries yet. Start from a recent situation he brings up."
            ),
        )
