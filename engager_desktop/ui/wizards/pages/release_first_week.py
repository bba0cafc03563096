"""Release page 6: appointments for his first week out, booked with other services."""

from __future__ import annotations

from engager_desktop.services.typed_input import SHORT
from engager_desktop.ui.wizards.fields import DATE, TEXT, TIME, Spec
from engager_desktop.ui.wizards.page import WizardPage

APPOINTMENT_SPECS = (
    Spec("with_whom", "With", TEXT, required=True, limit=SHORT),
    Spec("location", "Where", TEXT, limit=SHORT),
    Spec("on", "Date", DATE, required=True, limit=None),
    Spec("at", "Time", TIME, required=True, limit=None),
)


class FirstWeekPage(WizardPage):
    NAME = "first_week"
    PLACE = "release.first_week"
    TITLE = "His first week"
    SUBTITLE = "A few fixed points give the first days a shape and keep help close."

    def build(self) -> None:
        self.note(self.context.booked_text)
        self.heading("Book more appointments")
        self.rows(
            "new_appointments",
            "appointment",
            APPOINTMENT_SPECS,
            empty_text="None to add.",
        )
        self.check("first_week_appointments", "His first week's appointments are all booked")
