"""Review page 2: distress rated together, 0 to 10, with a note, beside the last rating."""

from __future__ import annotations

from engager_desktop.domain import distress
from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.page import WizardPage

SCORES = (
    (N_("Wizard", "Not rated"), ""),
    (N_("Wizard", "0 (none)"), "0"),
    *((str(n), str(n)) for n in range(1, 10)),
    (N_("Wizard", "10 (the worst)"), "10"),
)


class DistressPage(WizardPage):
    NAME = "distress"
    PLACE = "review.distress"
    CONTEXT = "ReviewWizard"
    TITLE = N_("ReviewWizard", "How he is feeling")
    SUBTITLE = N_("ReviewWizard", "Rate his distress together, from 0 (none) to 10 (the worst).")

    def build(self) -> None:
        self.note(self.context.last_distress_text)
        self.score = self.choice(
            "distress",
            tr("ReviewWizard", "Distress today, 0 to 10"),
            SCORES,
            hint=tr("ReviewWizard", "Type the number, or leave it at 'Not rated'."),
        )
        self.box(
            "distress_note", tr("ReviewWizard", "What he said about it"), limit=MEDIUM, lines=3
        )
        self.suggestion = self.note()
        self.score.on_change(self._suggest)

    def _suggest(self) -> None:
        value = self.score.value()
        self.suggestion.setText(distress.support_suggestion(int(value)) if value else "")

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self._suggest()
