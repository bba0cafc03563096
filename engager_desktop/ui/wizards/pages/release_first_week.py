"""Release page 6: appointments for his first week out, booked with other services."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import SHORT
from engager_desktop.ui.wizards.fields import DATE, TEXT, TIME, Spec
from engager_desktop.ui.wizards.page import WizardPage

APPOINTMENT_SPECS = (
    Spec("with_whom", N_("ReleaseWizard", "With"), TEXT, required=True, limit=SHORT),
    Spec("location", N_("ReleaseWizard", "Where"), TEXT, limit=SHORT),
    Spec("on", N_("ReleaseWizard", "Date"), DATE, required=True, limit=None),
    Spec("at", N_("ReleaseWizard", "Time"), TIME, required=True, limit=None),
)


class FirstWeekPage(WizardPage):
    NAME = "first_week"
    PLACE = "release.first_week"
    CONTEXT = "ReleaseWizard"
    TITLE = N_("ReleaseWizard", "His first week")
    SUBTITLE = N_(
        "ReleaseWizard", "A few fixed points give the first days a shape and keep help close."
    )

    def build(self) -> None:
        self.note(self.context.booked_text)
        self.heading(tr("ReleaseWizard", "Book more appointments"))
        self.rows(
            "new_appointments",
            tr("ReleaseWizard", "appointment"),
            APPOINTMENT_SPECS,
            empty_text=tr("ReleaseWizard", "None to add."),
        )
        self.check(
            "first_week_appointments",
            tr("ReleaseWizard", "His first week's appointments are all booked"),
        )
