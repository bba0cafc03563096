"""Understanding page 3: family, checked for contact restrictions before any family work (P5)."""

from __future__ import annotations

from typing import Any

from engager_desktop.domain.enums import RelationshipWork
from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM, BadInput, parse_date
from engager_desktop.ui.wizards.choices import RELATIONSHIP_WORK
from engager_desktop.ui.wizards.page import Problem, WizardPage

CHECK_FIRST = N_(
    "UnderstandingWizard",
    "<b>Before any family work:</b> check his notes for restrictions on contact with family "
    "members, and record the date you checked.",
)
NOT_ASSUMED = N_(
    "UnderstandingWizard", "Do not assume family or friends help him: record it only once you know."
)


class FamilyPage(WizardPage):
    NAME = "family"
    PLACE = "understanding.family"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "Family")
    SUBTITLE = N_(
        "UnderstandingWizard", "His family and the people close to him, and any limits on contact."
    )

    def build(self) -> None:
        self.note(tr("UnderstandingWizard", CHECK_FIRST), caution=True)
        self.date(
            "restrictions_checked_on",
            tr("UnderstandingWizard", "Date you checked his notes for restrictions"),
        )
        self.box(
            "contact_restrictions",
            tr("UnderstandingWizard", "Restrictions on contact"),
            limit=MEDIUM,
            sensitive=True,
            lines=2,
        )
        self.box(
            "family_context",
            tr("UnderstandingWizard", "His family, as he describes it"),
            limit=MEDIUM,
        )
        self.box(
            "family_worries",
            tr("UnderstandingWizard", "His worries about family outside"),
            limit=MEDIUM,
            lines=2,
        )
        self.box("children", tr("UnderstandingWizard", "Children"), limit=MEDIUM, lines=2)
        self.tri(
            "relationships_help",
            tr("UnderstandingWizard", "Do these relationships help him?"),
            hint=tr("UnderstandingWizard", NOT_ASSUMED),
        )
        self.choice(
            "relationship_work",
            tr("UnderstandingWizard", "Work on relationships"),
            RELATIONSHIP_WORK,
        )

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        field = self.fields["restrictions_checked_on"]
        try:
            checked = parse_date(values.get("restrictions_checked_on"))
        except BadInput:
            return []
        if checked is not None and checked > self.context.today:
            return [
                (
                    field,
                    tr(
                        "UnderstandingWizard",
                        "The date you checked is in the future. Check the date.",
                    ),
                )
            ]
        planned = values.get("relationship_work", RelationshipWork.NONE_DECIDED)
        if planned != RelationshipWork.NONE_DECIDED and checked is None:
            return [
                (
                    field,
                    tr(
                        "UnderstandingWizard",
                        "Check his notes for restrictions, and give the date, first.",
                    ),
                )
            ]
        return []
