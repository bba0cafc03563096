"""Ending page 1: sessions agreed, the end date, tapering dates, how he wants to mark it (P30)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import QPushButton

from engager_desktop.domain.errors import describe
from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.page import Problem, WizardPage

if TYPE_CHECKING:
    from engager_desktop.ui.wizards.ending import EndingWizard


class TaperingPage(WizardPage):
    NAME = "tapering"
    PLACE = "ending.plan"
    CONTEXT = "EndingWizard"
    TITLE = N_("EndingWizard", "Towards the end")
    SUBTITLE = N_("EndingWizard", "Sessions left, spaced out towards the end date he knows about.")

    def build(self) -> None:
        self.progress = self.note(self.context.progress_text)
        self.number(
            "planned_sessions",
            tr("EndingWizard", "Number of sessions agreed"),
            low=0,
            high=100,
            special=tr("EndingWizard", "Not agreed"),
        )
        self.date("planned_end", tr("EndingWizard", "End date agreed with him"))
        self.check(
            "any_day",
            tr("EndingWizard", "Weekends and bank holidays are fine for him"),
            hint=tr(
                "EndingWizard", "Left unticked, proposed dates avoid weekends and bank holidays."
            ),
        )
        propose = QPushButton(tr("EndingWizard", "&Propose spaced-out dates"))
        propose.setAccessibleName(
            tr("EndingWizard", "Propose spaced-out dates for the sessions left")
        )
        propose.clicked.connect(self.propose)
        self.add_widget(propose)
        self.proposal = self.note()
        self.box(
            "tapering", tr("EndingWizard", "How the sessions will be spaced"), limit=MEDIUM, lines=2
        )
        self.check(
            "book_tapering",
            tr("EndingWizard", "Book the proposed dates as planned sessions when you finish"),
        )
        self.box(
            "how_to_mark_it",
            tr("EndingWizard", "How he would like to mark the ending"),
            limit=MEDIUM,
            lines=2,
        )

    def propose(self) -> None:
        wizard = cast("EndingWizard", self.wizard())
        try:
            dates = wizard.tapering_dates()
        except ValueError as exc:
            self.fields["planned_end"].show_problem(describe(exc))
            self.proposal.setText("")
            return
        text = wizard.tapering_text(dates)
        self.proposal.setText(text or tr("EndingWizard", "No sessions are left to space out."))
        if text:
            self.fields["tapering"].set_value(text)

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        if not values.get("book_tapering"):
            return []
        try:
            cast("EndingWizard", self.wizard()).tapering_dates()
        except ValueError as exc:
            return [(self.fields["book_tapering"], str(exc))]
        return []
