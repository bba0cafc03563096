"""Ending page 3: the four ways support carries on, an aftercare call, peer mentoring (P32)."""

from __future__ import annotations

from typing import Any

from engager_desktop.domain import endings as rules
from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM, BadInput, parse_date
from engager_desktop.ui.a11y import describe_value
from engager_desktop.ui.wizards.page import Problem, WizardPage
from engager_desktop.ui.wizards.pages.ending_blueprint import suggest_from_record


class SupportPage(WizardPage):
    NAME = "support"
    PLACE = "ending.support"
    CONTEXT = "EndingWizard"
    TITLE = N_("EndingWizard", "Support that carries on")
    SUBTITLE = N_("EndingWizard", "At least one way must be in place before the work ends.")

    def build(self) -> None:
        self.status_note = self.note()
        describe_value(self.status_note, tr("EndingWizard", "Support in place"))
        self.box("mentoring", tr("EndingWizard", "A mentor"), limit=MEDIUM, lines=2)
        self.box(
            "services", tr("EndingWizard", "Services that stay involved"), limit=MEDIUM, lines=2
        )
        self.box(
            "family_and_friends", tr("EndingWizard", "Family and friends"), limit=MEDIUM, lines=2
        )
        self.box("self_care", tr("EndingWizard", "Looking after himself"), limit=MEDIUM, lines=2)
        self.date(
            "aftercare_call_on", tr("EndingWizard", "Date of a follow-up call after the ending")
        )
        self.check(
            "peer_mentor_interest", tr("EndingWizard", "He is interested in becoming a peer mentor")
        )
        suggest_from_record(self)

    def refresh(self) -> None:
        values = self.values()
        check = rules.support_in_place(
            values["mentoring"],
            values["services"],
            values["family_and_friends"],
            values["self_care"],
        )
        self.status_note.setText(check.message)
        self.status_note.setStyleSheet("" if check.ok_to_end else "color:#a4000f;")

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.refresh()

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        field = self.fields["aftercare_call_on"]
        try:
            day = parse_date(values.get("aftercare_call_on"))
        except BadInput:
            return []
        if day is not None and day < self.context.today:
            return [(field, tr("EndingWizard", "The aftercare call date has already passed."))]
        return []
