"""Understanding page 12: whether he wants a pledge, what each side commits to, signing (P13)."""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM, BadInput, parse_date
from engager_desktop.ui.wizards.page import Problem, WizardPage


class PledgePage(WizardPage):
    NAME = "pledge"
    PLACE = "understanding.pledge"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "A pledge, if he wants one")
    SUBTITLE = N_(
        "UnderstandingWizard", "Some men find a written agreement, signed by you both, helps."
    )

    def build(self) -> None:
        self.tri("pledge_wanted", tr("UnderstandingWizard", "Does he want a pledge?"))
        self.box("his_commitments", tr("UnderstandingWizard", "What he commits to"), limit=MEDIUM)
        self.box(
            "practitioner_commitments",
            tr("UnderstandingWizard", "What you commit to"),
            limit=MEDIUM,
        )
        self.date("signed_on", tr("UnderstandingWizard", "Date you both signed it"))

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        field = self.fields["signed_on"]
        try:
            signed = parse_date(values.get("signed_on"))
        except BadInput:
            return []
        if signed is None:
            return []
        if signed > self.context.today:
            return [
                (
                    field,
                    tr("UnderstandingWizard", "The signing date is in the future. Check the date."),
                )
            ]
        if values.get("pledge_wanted") != "yes":
            return [
                (field, tr("UnderstandingWizard", "A pledge can only be signed if he wants one."))
            ]
        if not all(
            str(values.get(k, "")).strip() for k in ("his_commitments", "practitioner_commitments")
        ):
            return [
                (
                    field,
                    tr(
                        "UnderstandingWizard",
                        "Write what each of you commits to before recording the signing.",
                    ),
                )
            ]
        return []
