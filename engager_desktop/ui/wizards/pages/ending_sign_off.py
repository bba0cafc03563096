"""Ending page 4: what is still missing, the support-in-place check, and sign-off (P33, P38)."""

from __future__ import annotations

from typing import Any

from engager_desktop.domain import endings as rules
from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import SHORT, BadInput, parse_date
from engager_desktop.ui.a11y import describe_value
from engager_desktop.ui.wizards.page import Problem, WizardPage


class SignOffPage(WizardPage):
    NAME = "sign_off"
    PLACE = "ending.sign_off"
    CONTEXT = "EndingWizard"
    TITLE = N_("EndingWizard", "Checks and sign-off")
    SUBTITLE = N_(
        "EndingWizard", "Nothing ends without support in place. Sign off in person where you can."
    )

    def build(self) -> None:
        self.checklist = self.note()
        describe_value(
            self.checklist, tr("EndingWizard", "What is still missing before the ending")
        )
        self.check(
            "support_checked",
            tr("EndingWizard", "I have checked with him that support is in place"),
        )
        self.date("signed_off_on", tr("EndingWizard", "Date of the last session, signed off"))
        self.check("signed_off_in_person", tr("EndingWizard", "Signed off in person"))
        self.text("closing_note", tr("EndingWizard", "A closing note"), limit=SHORT)

    def refresh(self) -> None:
        wizard = self.wizard()
        if hasattr(wizard, "ending_html"):
            self.checklist.setText(wizard.ending_html())

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.refresh()

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        found: list[Problem] = []
        support = rules.support_in_place(
            values.get("mentoring"),
            values.get("services"),
            values.get("family_and_friends"),
            values.get("self_care"),
        )
        try:
            signed = parse_date(values.get("signed_off_on"))
        except BadInput:
            return found
        if signed is not None and signed > self.context.today:
            found.append(
                (
                    self.fields["signed_off_on"],
                    tr("EndingWizard", "Sign-off is recorded on or after the day."),
                )
            )
        if not support.ok_to_end:
            for key in ("support_checked", "signed_off_on"):
                if values.get(key):
                    found.append((self.fields[key], tr("Endings", rules.NO_SUPPORT_WARNING)))
        return found
