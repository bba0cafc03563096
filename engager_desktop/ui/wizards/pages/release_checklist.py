"""Release page 1: days to go, what is still missing (most urgent first), home, money and ID."""

from __future__ import annotations

from typing import Any

from engager_desktop.domain.validation import ValidationError, check_release_date
from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM, BadInput, parse_date
from engager_desktop.ui.a11y import announce, describe_value
from engager_desktop.ui.wizards.page import Problem, WizardPage


class ChecklistPage(WizardPage):
    NAME = "checklist"
    PLACE = "release.checklist"
    CONTEXT = "ReleaseWizard"
    TITLE = N_("ReleaseWizard", "Release checklist")
    SUBTITLE = N_(
        "ReleaseWizard", "What is still missing comes first; tick each thing as it is done."
    )

    def build(self) -> None:
        self.missing = self.note()
        describe_value(self.missing, tr("ReleaseWizard", "What is still missing"))
        self.date("release_date", tr("ReleaseWizard", "Release date"))
        self.box(
            "going_to", tr("ReleaseWizard", "Where he is going on release"), limit=MEDIUM, lines=2
        )
        self.box("accommodation", tr("ReleaseWizard", "Somewhere to live"), limit=MEDIUM, lines=2)
        self.check("accommodation_confirmed", tr("ReleaseWizard", "Somewhere to live is confirmed"))
        self.check(
            "benefit_claim_prepared", tr("ReleaseWizard", "Benefit claim ready before release")
        )
        self.check("id_documents", tr("ReleaseWizard", "ID documents ready"))
        self.check("bank_account", tr("ReleaseWizard", "Bank account open"))

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.refresh()

    def refresh(self) -> None:
        show_readiness(self)

    def arrival_words(self) -> str:
        """Said after the page title on arriving: how ready he is and what is missing first."""
        return readiness_words(self)

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        field = self.fields["release_date"]
        try:
            release = parse_date(values.get("release_date"))
            check_release_date(release, self.context.today, self.context.phase, "release_date")
        except (BadInput, ValidationError) as exc:
            return [(field, str(exc))]
        return []


def readiness_words(page: WizardPage) -> str:
    wizard = page.wizard()
    return wizard.missing_words() if hasattr(wizard, "missing_words") else ""


def show_readiness(page: Any, limit: int | None = None) -> None:
    """Fill the page's list of what is missing; say the new "n% ready" when a tick changes it."""
    wizard = page.wizard()
    if not hasattr(wizard, "missing_html"):
        return
    page.missing.setText(wizard.missing_html(limit=limit))
    result = wizard.assessment()  # said only when the percentage moves: not at each key typed
    if page.isVisible() and result.percent != page.property("ready_percent"):
        announce(page.missing, wizard.ready_words(result))
    page.setProperty("ready_percent", result.percent)
