"""Understanding page 8: the links map, from a situation to what came of it (P10)."""

from __future__ import annotations

from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.fields import BOX, Spec
from engager_desktop.ui.wizards.page import WizardPage

LINK_SPECS = (
    Spec("situation", "Situation", BOX, limit=MEDIUM, lines=2),
    Spec("thoughts", "Thoughts", BOX, limit=MEDIUM, lines=2),
    Spec("feelings", "Feelings", BOX, limit=MEDIUM, lines=2),
    Spec("behaviour", "What he did", BOX, limit=MEDIUM, lines=2),
    Spec("outcomes", "What came of it, with other people", BOX, limit=MEDIUM, lines=2),
)


class LinksMapPage(WizardPage):
    NAME = "links_map"
    PLACE = "understanding.links_map"
    TITLE = "Links map"
    SUBTITLE = "How a situation links to his thoughts, feelings, what he did and what followed."

    def build(self) -> None:
        self.links = self.rows(
            "links_map",
            "links map entry",
            LINK_SPECS,
            empty_text="No entries yet. Start from a recent situation he brings up.",
        )
